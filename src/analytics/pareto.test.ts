import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { sameBits } from '../../test/same-bits.js';
import { analyzePareto, gini, rankByRevenue } from './pareto.js';

describe('gini', () => {
  it('matches hand-computed values', () => {
    // Mean absolute difference: Σ|xi − xj| over ordered pairs / (2 n² mean).
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(gini([50, 30, 10, 5, 5])).toBeCloseTo(0.46, 12);
    expect(gini([7, 7, 7])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 0, 100])).toBeCloseTo(0.75, 12); // (n − 1)/n: one customer has everything
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBeNull();
    expect(gini([-5, 0, 10])).toBeCloseTo(gini([0, 0, 10])!, 12);
  });

  it('property: equals the mean-absolute-difference definition on random data', () => {
    const random = seededRandom(3);
    for (let t = 0; t < 30; t++) {
      const n = 1 + Math.floor(random() * 60);
      const xs = Array.from({ length: n }, () => Math.floor(random() * 1000));
      const sum = xs.reduce((a, b) => a + b, 0);
      if (sum === 0) continue;
      let diff = 0;
      for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
      expect(gini(xs)).toBeCloseTo(diff / (2 * n * n * (sum / n)), 10);
    }
  });
});

describe('analyzePareto', () => {
  const revenue = [5, 50, 10, 30, 5];
  const p = analyzePareto(revenue);
  const row = (g: string) => p.rows.find((r) => r.group === g)!;

  it('ranks by revenue, ties by row', () => {
    expect(Array.from(p.order)).toEqual([1, 3, 2, 0, 4]);
    expect(Array.from(rankByRevenue([3, 3, 3]))).toEqual([0, 1, 2]);
    // the same ranking as sorting rows by (revenue descending, row): ties, negatives, −0 and 0
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(rnd() * 2000);
      const revenue = Array.from({ length: n }, () => (rnd() < 0.1 ? (rnd() < 0.5 ? -0 : 0) : Math.floor(rnd() * (round % 3 === 0 ? 5 : 1e7)) - (round % 4 === 0 ? 100 : 0)));
      const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => revenue[b] - revenue[a] || a - b);
      expect(Array.from(rankByRevenue(revenue)), `round ${round}`).toEqual(want);
    }
  });

  it('computes top shares over ⌈p·n/100⌉ customers', () => {
    expect(row('top 1%')).toMatchObject({ customers: 1, revenue: 50, share_revenue: 0.5, share_customers: 0.2 });
    expect(row('top 20%')).toMatchObject({ customers: 1, revenue: 50 });
    expect(row('top 50%')).toMatchObject({ customers: 3, revenue: 90, share_revenue: 0.9 });
  });

  it('finds the smallest group making 80% and the ABC classes (boundary reached exactly goes to A)', () => {
    expect(p.customersFor80).toBe(2);
    expect(row('80% of revenue')).toMatchObject({ customers: 2, share_customers: 0.4, revenue: 80, share_revenue: 0.8 });
    expect(row('A')).toMatchObject({ customers: 2, revenue: 80 });
    expect(row('B')).toMatchObject({ customers: 2, revenue: 15 });
    expect(row('C')).toMatchObject({ customers: 1, revenue: 5 });
    expect(Array.from(p.classOfRow)).toEqual([1, 0, 1, 0, 2]);
    expect(row('all')).toMatchObject({ customers: 5, revenue: 100, share_customers: 1, share_revenue: 1 });
    expect(row('all').gini).toBeCloseTo(0.46, 12);
    expect(Array.from(p.cumulativeShare)).toEqual([0.5, 0.8, 0.9, 0.95, 1]);
    expect(p.rows.map((r) => r.group)).toEqual(['top 1%', 'top 5%', 'top 10%', 'top 20%', 'top 50%', '80% of revenue', 'A', 'B', 'C', 'all']);
  });

  it('makes one customer A when it alone has over 80%', () => {
    const q = analyzePareto([85, 10, 3, 2]);
    expect(q.customersFor80).toBe(1);
    expect(Array.from(q.classOfRow)).toEqual([0, 1, 2, 2]);
    // After one customer with 1000 of 1003 the rest starts above 95%: B is empty.
    expect(Array.from(analyzePareto([1000, 1, 1, 1]).classOfRow)).toEqual([0, 2, 2, 2]);
  });

  it('property: classes partition customers and revenue; the A group is the smallest reaching 80%', () => {
    const random = seededRandom(5);
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(random() * 200);
      const xs = Array.from({ length: n }, () => Math.floor(10 ** (random() * 4)));
      const total = xs.reduce((a, b) => a + b, 0);
      const q = analyzePareto(xs);
      const cls = ['A', 'B', 'C'].map((c) => q.rows.find((r) => r.group === c)!);
      expect(cls.reduce((a, r) => a + r.customers, 0)).toBe(n);
      expect(cls.reduce((a, r) => a + r.revenue, 0)).toBe(total);
      const sorted = [...xs].sort((a, b) => b - a);
      let m = 0;
      let cum = 0;
      while (cum < 0.8 * total) cum += sorted[m++];
      expect(q.customersFor80).toBe(m);
    }
  });

  it('handles no customers and zero revenue', () => {
    const empty = analyzePareto([]);
    expect(empty.rows.find((r) => r.group === 'all')).toMatchObject({ customers: 0, revenue: 0, gini: null, share_customers: null });
    const zero = analyzePareto([0, 0]);
    expect(zero.rows.find((r) => r.group === 'top 50%')!.share_revenue).toBeNull();
  });
});

describe('analyzePareto reads the ranking in order', () => {
  // the walk as it was: revenue looked up through the ranking, each top sum added up again, the Gini sorted anew
  const byLookup = (revenue: ArrayLike<number>) => {
    const order = rankByRevenue(revenue);
    const n = revenue.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += revenue[i];
    const tops = [1, 5, 10, 20, 50].map((p) => {
      let sum = 0;
      for (let r = 0; r < Math.min(n, Math.ceil((p * n) / 100)); r++) sum += revenue[order[r]];
      return sum;
    });
    const classRevenue = [0, 0, 0];
    const cumulativeShare = new Float64Array(n);
    let before = 0;
    for (let r = 0; r < n; r++) {
      const x = revenue[order[r]];
      classRevenue[100 * before < 80 * total ? 0 : 100 * before < 95 * total ? 1 : 2] += x;
      before += x;
      cumulativeShare[r] = total !== 0 ? before / total : NaN;
    }
    return { tops, classRevenue, cumulativeShare, gini: gini(revenue) };
  };
  const walked = (revenue: ArrayLike<number>) => {
    const a = analyzePareto(revenue);
    return { tops: a.rows.slice(0, 5).map((r) => r.revenue), classRevenue: a.rows.slice(6, 9).map((r) => r.revenue), cumulativeShare: a.cumulativeShare, gini: a.gini };
  };

  it('the same sums, shares and Gini to the bit (whole numbers, ties, negatives, −0; and values the packed sort cannot take)', () => {
    const random = seededRandom(5);
    for (const n of [0, 1, 2, 7, 100, 5000]) {
      const whole = Float64Array.from({ length: n }, () => (random() < 0.1 ? -0 : Math.floor(random() * 2000) - 200));
      sameBits(walked(whole), byLookup(whole));
      const fractional = Float64Array.from(whole, (v, i) => (i % 3 === 0 ? v + 0.25 : v));
      sameBits(walked(fractional), byLookup(fractional));
    }
    sameBits(walked([0, 0, -0]), byLookup([0, 0, -0]));
  });
});
