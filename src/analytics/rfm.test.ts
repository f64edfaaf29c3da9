import { describe, expect, it } from 'vitest';
import { buildLog } from '../domain/purchase-log.js';
import { customerRefs, randomLog } from '../../test/random-log.js';
import { seededRandom } from './random.js';
import { computeRfm, defaultAsOf, rfmCode, scoreRfm, scoreValues } from './rfm.js';

describe('computeRfm', () => {
  const log = buildLog(customerRefs(4), [
    { customer: 0, day: 10, net: 1000, gross: 1200 },
    { customer: 0, day: 12, orders: 2, net: 3000, gross: 3000 },
    { customer: 0, day: 20, net: 500, gross: 800 },
    { customer: 1, day: 5, net: 700 },
    { customer: 2, day: 25, net: 999 }, // on/after as-of: not counted
    { customer: 0, day: 22, net: 100000 }, // on as-of: not counted
    // customer 3 never bought
  ]);

  it('computes recency, frequency (orders) and net monetary as of an exclusive day', () => {
    const v = computeRfm(log, { asOf: 22 });
    expect(Array.from(v.customer)).toEqual([0, 1]);
    expect(Array.from(v.recencyDays)).toEqual([2, 17]);
    expect(Array.from(v.frequency)).toEqual([4, 1]);
    expect(Array.from(v.orders)).toEqual([4, 1]);
    expect(Array.from(v.monetary)).toEqual([4500, 700]);
    expect(Array.from(v.firstDay)).toEqual([10, 5]);
    expect(Array.from(v.lastDay)).toEqual([20, 5]);
  });

  it('counts distinct days and gross revenue when asked', () => {
    const v = computeRfm(log, { asOf: 22, frequency: 'days', monetary: 'gross' });
    expect(Array.from(v.frequency)).toEqual([3, 1]);
    expect(Array.from(v.orders)).toEqual([4, 1]);
    expect(Array.from(v.monetary)).toEqual([5000, 700]);
  });

  it('defaults as-of to the day after the last purchase', () => {
    expect(defaultAsOf(log)).toBe(26);
    const v = computeRfm(log, { asOf: 26 });
    expect(Array.from(v.customer)).toEqual([0, 1, 2]);
    expect(Array.from(v.recencyDays)).toEqual([4, 21, 1]);
    expect(defaultAsOf(buildLog([], []))).toBeNull();
  });

  it('agrees with a plain per-customer computation on random logs', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const big = randomLog(seed, 300);
      const asOf = 19000 + 300;
      const v = computeRfm(big, { asOf });
      const expected = new Map<number, { last: number; orders: number; net: number }>();
      for (let i = 0; i < big.customer.length; i++) {
        if (big.day[i] >= asOf) continue;
        const e = expected.get(big.customer[i]) ?? { last: -Infinity, orders: 0, net: 0 };
        e.last = Math.max(e.last, big.day[i]);
        e.orders += big.orders[i];
        e.net += big.net[i];
        expected.set(big.customer[i], e);
      }
      expect(v.customer.length).toBe(expected.size);
      for (let i = 0; i < v.customer.length; i++) {
        const e = expected.get(v.customer[i])!;
        expect([v.recencyDays[i], v.frequency[i], v.monetary[i]]).toEqual([asOf - e.last, e.orders, e.net]);
      }
    }
  });
});

describe('scoreValues (quantile)', () => {
  it('gives ntiles for distinct values, reversed for recency', () => {
    const values = [10, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(Array.from(scoreValues(values, 5, { method: 'quantile' }).scores)).toEqual([5, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(Array.from(scoreValues(values, 5, { method: 'quantile' }, true).scores)).toEqual([1, 5, 5, 4, 4, 3, 3, 2, 2, 1]);
  });

  it('gives a tie group the score of its lowest position and reports collapsed bins', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    const s = scoreValues(values, 5, { method: 'quantile' });
    expect(Array.from(s.scores)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(s.cutPoints).toEqual([1, 1, 1, 2]);
    expect(s.emptyScores).toEqual([2, 3]);
    expect(s.collapsed).toBe(true);
    expect(s.usage).toEqual([
      { score: 1, customers: 6, min: 1, max: 1 },
      { score: 2, customers: 0, min: null, max: null },
      { score: 3, customers: 0, min: null, max: null },
      { score: 4, customers: 2, min: 2, max: 2 },
      { score: 5, customers: 2, min: 3, max: 4 },
    ]);
    // Reversed: the most recent group (1 day) spans the top six positions and takes the lowest of them.
    const r = scoreValues(values, 5, { method: 'quantile' }, true);
    expect(Array.from(r.scores)).toEqual([3, 3, 3, 3, 3, 3, 2, 2, 1, 1]);
    expect(r.cutPoints).toEqual([3, 2, 1, 1]);
  });

  it('does not report a collapse for fewer values than bins, and handles no values', () => {
    expect(scoreValues([5, 6], 5, { method: 'quantile' }).collapsed).toBe(false);
    const empty = scoreValues([], 3, { method: 'quantile' });
    expect(empty.scores.length).toBe(0);
    expect(empty.cutPoints).toEqual([]);
  });

  it('property: scores in 1..k, equal values equal scores, monotone, the min-rank ntile, input untouched', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 300);
      const k = 2 + Math.floor(random() * 8);
      const distinct = 1 + Math.floor(random() * 40);
      const values = Array.from({ length: n }, () => Math.floor(random() * random() * distinct));
      const copy = [...values];
      const reverse = random() < 0.5;
      const { scores } = scoreValues(values, k, { method: 'quantile' }, reverse);
      expect(values).toEqual(copy);
      const oriented = values.map((v) => (reverse ? -v : v));
      const sorted = [...oriented].sort((a, b) => a - b);
      const byValue = new Map<number, number>();
      const problems: string[] = [];
      for (let i = 0; i < n; i++) {
        if (scores[i] < 1 || scores[i] > k) problems.push(`score ${scores[i]} out of 1..${k}`);
        const seen = byValue.get(values[i]);
        if (seen !== undefined && seen !== scores[i]) problems.push(`value ${values[i]} got scores ${seen} and ${scores[i]}`);
        byValue.set(values[i], scores[i]);
        const firstRank = sorted.indexOf(oriented[i]) + 1; // lowest 1-based position of the tie group
        if (scores[i] !== 1 + Math.floor(((firstRank - 1) * k) / n)) problems.push(`value ${values[i]}: score ${scores[i]} is not the min-rank ntile`);
      }
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) if (oriented[i] < oriented[j] && scores[i] > scores[j]) problems.push(`not monotone at ${i}, ${j}`);
      expect(problems).toEqual([]);
    }
  });

  it('property: without ties, bin sizes differ by at most one', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 50; trial++) {
      const n = 10 + Math.floor(random() * 200);
      const k = 2 + Math.floor(random() * 8);
      const values = Array.from({ length: n }, (_, i) => i * 3 + random());
      const s = scoreValues(values, k, { method: 'quantile' });
      const sizes = s.usage.map((u) => u.customers);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(s.collapsed).toBe(n < k ? false : s.emptyScores.length > 0);
    }
  });
});

describe('scoreValues (fixed edges)', () => {
  it('puts a value equal to an edge in the lower bin; recency reversed', () => {
    const r = scoreValues([10, 30, 31, 60, 61, 90, 180, 181, 1000], 5, { method: 'fixed', edges: [30, 60, 90, 180] }, true);
    expect(Array.from(r.scores)).toEqual([5, 5, 4, 4, 3, 3, 2, 1, 1]);
    const f = scoreValues([1, 2, 3, 4, 5, 8, 9], 5, { method: 'fixed', edges: [1, 2, 4, 8] });
    expect(Array.from(f.scores)).toEqual([1, 2, 3, 3, 4, 4, 5]);
    expect(f.cutPoints).toEqual([1, 2, 4, 8]);
  });

  it('rejects edges of the wrong count or order', () => {
    expect(() => scoreValues([1], 5, { method: 'fixed', edges: [1, 2, 3] })).toThrow(RangeError);
    expect(() => scoreValues([1], 3, { method: 'fixed', edges: [2, 2] })).toThrow(/increase/);
    expect(() => scoreValues([1], 3, { method: 'fixed', edges: [2, Number.NaN] })).toThrow(RangeError);
    expect(() => scoreValues([1], 1, { method: 'quantile' })).toThrow(/bins/);
    expect(() => scoreValues([1], 10, { method: 'quantile' })).toThrow(/bins/);
  });
});

describe('scoreRfm', () => {
  it('scores all three variables and builds the code', () => {
    const log = buildLog(customerRefs(3), [
      { customer: 0, day: 100, net: 5000 },
      { customer: 0, day: 90, net: 5000 },
      { customer: 1, day: 50, net: 100 },
      { customer: 2, day: 99, net: 2000 },
    ]);
    const v = computeRfm(log, { asOf: 101 });
    const s = scoreRfm(v, { bins: 3 });
    expect([0, 1, 2].map((i) => rfmCode(s, i))).toEqual(['333', '111', '212']);
    const fixed = scoreRfm(v, { bins: 3, r: { method: 'fixed', edges: [1, 30] } });
    expect([0, 1, 2].map((i) => rfmCode(fixed, i))).toEqual(['333', '111', '212']);
    expect(fixed.r.method).toBe('fixed');
    expect(() => scoreRfm(v, { bins: 4, m: { method: 'fixed', edges: [1, 2] } })).toThrow(/monetary edges needs 3 thresholds/);
  });
});
