import { describe, expect, it } from 'vitest';
import type { RfmValues } from './rfm.js';
import { clusterCustomers, meanSilhouette, rfmFeatures } from './kmeans.js';
import { seededRandom } from './random.js';

/** Three well-separated groups of customers (150 each), listed key, ordinary, small, interleaved. */
function threeGroups(seed = 1): { values: RfmValues; group: number[] } {
  const random = seededRandom(seed);
  const centres = [
    { r: 5, f: 12, m: 150000 },
    { r: 60, f: 3, m: 20000 },
    { r: 300, f: 1, m: 2000 },
  ];
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < 450; i++) {
    const g = i % 3;
    const c = centres[g];
    const jitter = () => Math.exp((random() - 0.5) * 0.4);
    recency.push(Math.max(1, Math.round(c.r * jitter())));
    frequency.push(g === 2 ? 1 : Math.max(1, Math.round(c.f * jitter())));
    monetary.push(Math.round(c.m * jitter()));
    group.push(g);
  }
  const n = group.length;
  const values: RfmValues = {
    asOf: 1000,
    frequencyBasis: 'orders',
    monetaryBasis: 'net',
    customer: Int32Array.from({ length: n }, (_, i) => i),
    recencyDays: Int32Array.from(recency),
    frequency: Int32Array.from(frequency),
    monetary: Float64Array.from(monetary),
    orders: Int32Array.from(frequency),
    firstDay: new Int32Array(n),
    lastDay: Int32Array.from(recency, (r) => 1000 - r),
  };
  return { values, group };
}

describe('rfmFeatures', () => {
  it('standardizes log1p features to mean 0 and sd 1, constant features to 0', () => {
    const { values } = threeGroups();
    const { x } = rfmFeatures(values);
    const n = values.customer.length;
    for (let d = 0; d < 3; d++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        s += x[i * 3 + d];
        s2 += x[i * 3 + d] ** 2;
      }
      expect(s / n).toBeCloseTo(0, 10);
      expect(s2 / n).toBeCloseTo(1, 10);
    }
    const flat = { ...values, frequency: new Int32Array(n).fill(1) };
    const f = rfmFeatures(flat);
    expect(f.x[1]).toBe(0);
    expect(f.sd[1]).toBe(0);
  });
});

describe('meanSilhouette', () => {
  it('matches a hand computation', () => {
    const x = Float64Array.from([0, 0, 0, 1, 0, 0, 10, 0, 0]);
    // point 0: a = 1, b = 10 → 0.9; point 1: a = 1, b = 9 → 8/9; point 2 is alone → 0.
    expect(meanSilhouette(x, 3, 2, [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 12);
  });
});

describe('clusterCustomers', () => {
  const { values, group } = threeGroups();
  const n = group.length;

  it('recovers well-separated groups, ordered and labelled by value', () => {
    const c = clusterCustomers(values, { k: 3 });
    expect(c.k).toBe(3);
    expect(Array.from(c.clusterOfRow)).toEqual(group);
    expect(c.clusters.map((x) => [x.cluster, x.label, x.customers])).toEqual([
      [1, 'key', 150],
      [2, 'ordinary', 150],
      [3, 'small', 150],
    ]);
    // Centroids in original units: the geometric-mean-like centre of each group (exp of the mean of log1p, − 1).
    for (let g = 0; g < 3; g++) {
      const rows = group.map((gg, i) => (gg === g ? i : -1)).filter((i) => i >= 0);
      const centre = (f: (i: number) => number) => Math.expm1(rows.reduce((a, i) => a + Math.log1p(f(i)), 0) / rows.length);
      expect(c.clusters[g].recencyDays).toBeCloseTo(centre((i) => values.recencyDays[i]), 8);
      expect(c.clusters[g].frequency).toBeCloseTo(centre((i) => values.frequency[i]), 8);
      expect(c.clusters[g].monetary / 100).toBeCloseTo(centre((i) => values.monetary[i] / 100), 6);
    }
    expect(c.silhouettes[0].silhouette).toBeGreaterThan(0.6);
  });

  it('is deterministic and does not change its input', () => {
    const before = Array.from(values.monetary);
    const a = clusterCustomers(values, { k: 4, seed: 9 });
    const b = clusterCustomers(values, { k: 4, seed: 9 });
    expect(Array.from(a.clusterOfRow)).toEqual(Array.from(b.clusterOfRow));
    expect(a.clusters).toEqual(b.clusters);
    expect(a.clusters.map((x) => [x.cluster, x.label])).toEqual([[1, 'key'], [2, 'ordinary'], [3, 'ordinary'], [4, 'small']]);
    expect(Array.from(values.monetary)).toEqual(before);
    expect(a.clusters.reduce((s, x) => s + x.customers, 0)).toBe(n);
  });

  it('picks k = 3 by silhouette for three groups', () => {
    const c = clusterCustomers(values, { k: 'auto' });
    expect(c.auto).toBe(true);
    expect(c.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = c.silhouettes.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(3);
    expect(c.k).toBe(3);
  });

  it('fits on a sample and refines on all customers with the same result for clear groups', () => {
    const c = clusterCustomers(values, { k: 3, sampleSize: 60, silhouetteSample: 30 });
    expect(c.fittedOn).toBe(60);
    expect(Array.from(c.clusterOfRow)).toEqual(group);
  });

  it('rejects a bad k and too few customers', () => {
    expect(() => clusterCustomers(values, { k: 1 })).toThrow(/k must be/);
    const tiny = { ...values, customer: values.customer.slice(0, 2), recencyDays: values.recencyDays.slice(0, 2) };
    expect(() => clusterCustomers(tiny, { k: 3 })).toThrow(/at least 3 customers/);
  });
});
