/**
 * Seeded simulation of customers from known model parameters: for tests (parameter recovery, checking the
 * closed-form predictions against what simulated customers actually do) and for the benchmark.
 */
import { seededOpenRandom } from '../random.js';
import type { TransactionModelName } from './transaction-model.js';

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (shape < 1 via the U^(1/shape) boost). */
export function randomGamma(rand: () => number, shape: number, rate: number): number {
  if (shape < 1) return randomGamma(rand, shape + 1, rate) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function randomBeta(rand: () => number, a: number, b: number): number {
  const x = randomGamma(rand, a, 1);
  const y = randomGamma(rand, b, 1);
  return x / (x + y);
}

export interface SimulatedCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Repeat purchases in (T, T + holdout]. */
  holdoutX: Float64Array;
  /** Alive at T (ground truth). */
  aliveAtT: Uint8Array;
}

export interface SimulateOptions {
  /** Observation length of each customer (time units); called once per customer. */
  observation: (rand: () => number) => number;
  /** Length of the holdout period after T. Default 0. */
  holdout?: number;
  /** Round purchase times down to multiples of this (e.g. 1/7 for whole days in weeks); same-bucket purchases merge. Default: none. */
  grid?: number;
}

/**
 * Simulates `n` customers, each making a first purchase at 0, from a transaction model with `params`
 * (BG/NBD and MBG/NBD: r, α, a, b; Pareto/NBD: r, α, s, β).
 */
export function simulateTransactions(model: TransactionModelName, params: readonly number[], n: number, seed: number, options: SimulateOptions): SimulatedCustomers {
  const rand = seededOpenRandom(seed);
  const [r, alpha, c, d] = params;
  const out: SimulatedCustomers = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), holdoutX: new Float64Array(n), aliveAtT: new Uint8Array(n) };
  const holdout = options.holdout ?? 0;
  const grid = options.grid ?? 0;
  const snap = (t: number): number => (grid > 0 ? Math.floor(t / grid + 1e-9) * grid : t);
  for (let i = 0; i < n; i++) {
    const T = snap(options.observation(rand));
    const lambda = randomGamma(rand, r, alpha);
    const end = T + holdout;
    // Death time: Pareto/NBD draws an exponential lifetime; the BG models die after purchases.
    let death = Infinity;
    let p = 0;
    if (model === 'pnbd') death = -Math.log(rand()) / randomGamma(rand, c, d);
    else {
      p = randomBeta(rand, c, d);
      if (model === 'mbgnbd' && rand() < p) death = 0;
    }
    let t = 0;
    let x = 0;
    let last = 0;
    let hx = 0;
    let lastBucket = 0;
    for (;;) {
      if (death <= t) break;
      const next = t - Math.log(rand()) / lambda;
      if (next > end || next >= death) break;
      t = next;
      const bucket = snap(t);
      if (bucket > lastBucket || grid === 0) {
        if (bucket <= T) {
          x++;
          last = bucket;
        } else hx++;
        lastBucket = bucket;
      }
      if (model !== 'pnbd' && rand() < p) death = t;
    }
    out.x[i] = x;
    out.tx[i] = last;
    out.T[i] = T;
    out.holdoutX[i] = hx;
    out.aliveAtT[i] = death > T ? 1 : 0;
  }
  return out;
}

/** Simulates Gamma-Gamma mean spend for customers with the given repeat counts (NaN where x = 0). */
export function simulateSpend(params: readonly number[], x: ArrayLike<number>, seed: number): Float64Array {
  const rand = seededOpenRandom(seed);
  const [p, q, gamma] = params;
  const m = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const nu = randomGamma(rand, q, gamma);
    if (x[i] === 0) {
      m[i] = NaN;
      continue;
    }
    let s = 0;
    for (let k = 0; k < x[i]; k++) s += randomGamma(rand, p, nu);
    m[i] = s / x[i];
  }
  return m;
}
