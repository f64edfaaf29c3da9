/**
 * Value clusters: k-means on standardized, log-transformed recency, frequency and monetary value.
 *
 * - Features per customer: log(1 + recency_days), log(1 + frequency), log(1 + max(0, monetary) in major units),
 *   each standardized to mean 0 and standard deviation 1 (a constant feature becomes 0).
 * - k-means++ seeding (Arthur & Vassilvitskii 2007) from a seeded pseudo-random generator (mulberry32, seed 42
 *   by default), `restarts` runs (default 5), the lowest within-cluster sum of squares wins; Lloyd iterations until no
 *   assignment changes (at most `maxIterations`). An empty cluster is re-seeded with the point farthest from
 *   its centroid. Same input and seed, same result.
 * - Large inputs: the restarts run on a seeded uniform sample of `sampleSize` customers (default 20,000); the
 *   best solution is then refined with Lloyd iterations on all customers. Below that size everything runs on
 *   all customers.
 * - `k: 'auto'` fits k = 2..8 on the (sampled) data and keeps the k with the highest mean silhouette, measured
 *   on a seeded sample of at most `silhouetteSample` customers (ties: the smaller k).
 * - Clusters are ordered by value, v = z_F + z_M of the centroid (how often and how much the customers buy;
 *   ties: the more recent centroid first), and labelled key (first), small (last) and ordinary (between;
 *   numbered when there are several). Recency does not rank: a cluster of recent one-order buyers with small
 *   baskets is "small", a cluster of lapsed big spenders is still "key" (its recency says it is slipping).
 * - Centroids are reported in original units by inverting the transform (exp(·) − 1 of the centroid's
 *   log value): a geometric-mean-like centre, less pulled by outliers than the arithmetic mean.
 */
import { dataError } from '../errors.js';
import { seededRandom } from './random.js';
import type { RfmValues } from './rfm.js';

export interface KmeansOptions {
  /** Number of clusters (2..20), or 'auto' to pick 2..8 by silhouette. */
  k: number | 'auto';
  seed?: number;
  restarts?: number;
  maxIterations?: number;
  sampleSize?: number;
  silhouetteSample?: number;
  /** Digits of the currency's minor unit (monetary is transformed in major units). Default 2. */
  minorDigits?: number;
}

export type ValueLabel = 'key' | 'ordinary' | 'small';

export interface ValueCluster {
  /** 1-based, in value order (1 = most valuable). */
  cluster: number;
  /** key (cluster 1), small (cluster k), ordinary between: the report layer names them (report/cluster-names.ts). */
  label: ValueLabel;
  customers: number;
  /** Centroid in original units (recency days, purchases, minor units). */
  recencyDays: number;
  frequency: number;
  monetary: number;
  /** The centroid's value score z_F + z_M (the ordering key). */
  value: number;
}

export interface ValueClusters {
  k: number;
  auto: boolean;
  /** Mean silhouette per k tried (auto), or of the chosen k. */
  silhouettes: { k: number; silhouette: number }[];
  clusters: ValueCluster[];
  /** Cluster index (0-based, value order) per row of the values. */
  clusterOfRow: Uint8Array;
  /** Within-cluster sum of squares on the standardized features, all customers. */
  inertia: number;
  /** Customers the restarts ran on (all, or the sample). */
  fittedOn: number;
}

const D = 3;
export const AUTO_K_RANGE: readonly [number, number] = [2, 8];

/** Standardized log features, n × 3 row-major, plus the transform to go back. */
export function rfmFeatures(values: RfmValues, minorDigits = 2): { x: Float64Array; mean: Float64Array; sd: Float64Array } {
  const n = values.customer.length;
  const scale = 10 ** minorDigits;
  const x = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    x[i * D] = Math.log1p(Math.max(0, values.recencyDays[i]));
    x[i * D + 1] = Math.log1p(Math.max(0, values.frequency[i]));
    x[i * D + 2] = Math.log1p(Math.max(0, values.monetary[i]) / scale);
  }
  const mean = new Float64Array(D);
  const sd = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d] += x[i * D + d];
  for (let d = 0; d < D; d++) mean[d] = n > 0 ? mean[d] / n : 0;
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) sd[d] += (x[i * D + d] - mean[d]) ** 2;
  for (let d = 0; d < D; d++) {
    sd[d] = n > 0 ? Math.sqrt(sd[d] / n) : 0;
    if (sd[d] <= 1e-12 * Math.max(1, Math.abs(mean[d]))) sd[d] = 0; // constant up to rounding
  }
  for (let i = 0; i < n; i++)
    for (let d = 0; d < D; d++) x[i * D + d] = sd[d] > 0 ? (x[i * D + d] - mean[d]) / sd[d] : 0;
  return { x, mean, sd };
}

function dist2(x: Float64Array, i: number, c: Float64Array, j: number): number {
  const a = x[i * D] - c[j * D];
  const b = x[i * D + 1] - c[j * D + 1];
  const e = x[i * D + 2] - c[j * D + 2];
  return a * a + b * b + e * e;
}

/** k-means++ seeding over the n points of x. */
function seedCentroids(x: Float64Array, n: number, k: number, random: () => number): Float64Array {
  const c = new Float64Array(k * D);
  const first = Math.min(n - 1, Math.floor(random() * n));
  for (let d = 0; d < D; d++) c[d] = x[first * D + d];
  const best = new Float64Array(n);
  for (let i = 0; i < n; i++) best[i] = dist2(x, i, c, 0);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += best[i];
    let pick = n - 1;
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < n; i++) {
        target -= best[i];
        if (target < 0) {
          pick = i;
          break;
        }
      }
    } else pick = Math.min(n - 1, Math.floor(random() * n));
    for (let d = 0; d < D; d++) c[j * D + d] = x[pick * D + d];
    for (let i = 0; i < n; i++) {
      const dd = dist2(x, i, c, j);
      if (dd < best[i]) best[i] = dd;
    }
  }
  return c;
}

interface LloydResult {
  centroids: Float64Array;
  assign: Uint8Array;
  inertia: number;
}

/** Lloyd iterations from the given centroids (not changed: a copy is refined). */
function lloyd(x: Float64Array, n: number, k: number, start: Float64Array, maxIterations: number): LloydResult {
  const c = Float64Array.from(start);
  const assign = new Uint8Array(n).fill(255);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * D);
  const counts = new Float64Array(k);
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bj = 0;
      let bd = dist2(x, i, c, 0);
      for (let j = 1; j < k; j++) {
        const dd = dist2(x, i, c, j);
        if (dd < bd) {
          bd = dd;
          bj = j;
        }
      }
      dist[i] = bd;
      if (assign[i] !== bj) {
        assign[i] = bj;
        changed++;
      }
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = assign[i];
      counts[j]++;
      for (let d = 0; d < D; d++) sums[j * D + d] += x[i * D + d];
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] > 0) {
        for (let d = 0; d < D; d++) c[j * D + d] = sums[j * D + d] / counts[j];
      } else {
        // Re-seed an empty cluster with the point farthest from its centroid (first such point on ties).
        let far = 0;
        for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
        for (let d = 0; d < D; d++) c[j * D + d] = x[far * D + d];
        dist[far] = 0;
      }
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let bj = 0;
    let bd = dist2(x, i, c, 0);
    for (let j = 1; j < k; j++) {
      const dd = dist2(x, i, c, j);
      if (dd < bd) {
        bd = dd;
        bj = j;
      }
    }
    assign[i] = bj;
    inertia += bd;
  }
  return { centroids: c, assign, inertia };
}

/** Best of `restarts` k-means++ runs. */
function fitRestarts(x: Float64Array, n: number, k: number, random: () => number, restarts: number, maxIterations: number): LloydResult {
  let best: LloydResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(x, n, k, seedCentroids(x, n, k, random), maxIterations);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best as LloydResult;
}

/** A seeded uniform sample of m of the indexes 0..n−1, ascending. */
function sampleIndexes(n: number, m: number, random: () => number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}

function gather(x: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * D);
  for (let s = 0; s < idx.length; s++) for (let d = 0; d < D; d++) out[s * D + d] = x[idx[s] * D + d];
  return out;
}

/** Mean silhouette of the points (all of x) under `assign`; points alone in their cluster count 0. */
export function meanSilhouette(x: Float64Array, n: number, k: number, assign: ArrayLike<number>): number {
  if (n === 0) return 0;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[assign[i]]++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const a = x[i * D] - x[j * D];
      const b = x[i * D + 1] - x[j * D + 1];
      const e = x[i * D + 2] - x[j * D + 2];
      sums[assign[j]] += Math.sqrt(a * a + b * b + e * e);
    }
    const own = assign[i];
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

function valueLabel(rank: number, k: number): ValueLabel {
  return rank === 0 ? 'key' : rank === k - 1 ? 'small' : 'ordinary';
}

/** Clusters customers by value (see the module comment). */
export function clusterCustomers(values: RfmValues, options: KmeansOptions): ValueClusters {
  const n = values.customer.length;
  const seed = options.seed ?? 42;
  const restarts = options.restarts ?? 5;
  const maxIterations = options.maxIterations ?? 100;
  const sampleSize = options.sampleSize ?? 20_000;
  const silhouetteSample = options.silhouetteSample ?? 3000;
  const auto = options.k === 'auto';
  if (!auto && (!Number.isInteger(options.k) || (options.k as number) < 2 || (options.k as number) > 20)) {
    throw dataError('analysis.kmeans.k', { got: String(options.k) });
  }
  const minK = auto ? AUTO_K_RANGE[0] : (options.k as number);
  if (n < minK) throw dataError('analysis.kmeans.tooFew', { need: minK, n });
  const { x, mean, sd } = rfmFeatures(values, options.minorDigits ?? 2);
  // Every draw counted, so each k of `auto` can start from the same point of the stream as `--k k` does.
  const stream = seededRandom(seed);
  let draws = 0;
  const random = (): number => {
    draws++;
    return stream();
  };

  const sampled = n > sampleSize;
  const fitIdx = sampled ? sampleIndexes(n, sampleSize, random) : null;
  const fx = fitIdx ? gather(x, fitIdx) : x;
  const fn = fitIdx ? fitIdx.length : n;

  const silhouettes: { k: number; silhouette: number }[] = [];
  // Silhouette points: a seeded sample of the fitted points (positions within fx).
  const silIdx = fn > silhouetteSample ? sampleIndexes(fn, silhouetteSample, random) : null;
  const sx = silIdx ? gather(fx, silIdx) : fx;
  const sn = silIdx ? silIdx.length : fn;
  const silhouetteOf = (fit: LloydResult, k: number): number => {
    const a = silIdx ? Uint8Array.from(silIdx, (p) => fit.assign[p]) : fit.assign;
    return meanSilhouette(sx, sn, k, a);
  };

  let k: number;
  let fit: LloydResult;
  if (auto) {
    let best: { k: number; fit: LloydResult; s: number } | null = null;
    const maxK = Math.min(AUTO_K_RANGE[1], fn - 1);
    const afterSampling = draws;
    for (let kk = AUTO_K_RANGE[0]; kk <= Math.max(AUTO_K_RANGE[0], maxK); kk++) {
      // Each k on its own stream, the one `--k kk` uses, so the listed k and `--k kk` give the same clusters.
      const own = seededRandom(seed);
      for (let i = 0; i < afterSampling; i++) own();
      const f = fitRestarts(fx, fn, kk, own, restarts, maxIterations);
      const s = silhouetteOf(f, kk);
      silhouettes.push({ k: kk, silhouette: s });
      if (best === null || s > best.s) best = { k: kk, fit: f, s };
    }
    const chosen = best as { k: number; fit: LloydResult; s: number };
    k = chosen.k;
    fit = chosen.fit;
  } else {
    k = options.k as number;
    fit = fitRestarts(fx, fn, k, random, restarts, maxIterations);
    silhouettes.push({ k, silhouette: silhouetteOf(fit, k) });
  }
  const final = sampled ? lloyd(x, n, k, fit.centroids, maxIterations) : fit;

  // Order clusters by value: z_F + z_M of the centroid; ties: more recent (lower z_R) first, then larger, then fit order.
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[final.assign[i]]++;
  const c = final.centroids;
  const valueOf = (j: number) => c[j * D + 1] + c[j * D + 2];
  const rank = Array.from({ length: k }, (_, j) => j).sort((a, b) => valueOf(b) - valueOf(a) || c[a * D] - c[b * D] || sizes[b] - sizes[a] || a - b);
  const position = new Uint8Array(k);
  rank.forEach((j, p) => (position[j] = p));
  const clusterOfRow = new Uint8Array(n);
  for (let i = 0; i < n; i++) clusterOfRow[i] = position[final.assign[i]];
  const scale = 10 ** (options.minorDigits ?? 2);
  const back = (j: number, d: number) => Math.expm1(c[j * D + d] * sd[d] + mean[d]);
  const clusters: ValueCluster[] = rank.map((j, p) => ({
    cluster: p + 1,
    label: valueLabel(p, k),
    customers: sizes[j],
    recencyDays: back(j, 0),
    frequency: back(j, 1),
    monetary: back(j, 2) * scale,
    value: valueOf(j),
  }));
  return { k, auto, silhouettes, clusters, clusterOfRow, inertia: final.inertia, fittedOn: fn };
}
