import { describe, expect, it } from 'vitest';
import { describeSample, erfc, proportionDifference, tQuantile, tTwoSided, welchDifference, wilson } from './lift-tests.js';

describe('distribution functions', () => {
  it('erfc and the normal tail', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1.959963984540054 / Math.SQRT2)).toBeCloseTo(0.05, 6);
    expect(erfc(-1)).toBeCloseTo(1.8427007929, 6);
  });

  it('Student t: quantiles from published tables', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
    expect(tTwoSided(2.228138851986, 10)).toBeCloseTo(0.05, 8);
  });
});

describe('proportionDifference', () => {
  it('Wilson interval of 81 in 263 (Newcombe 1998, table I: 0.2553 to 0.3662)', () => {
    const [l, u] = wilson(81, 263);
    expect(l).toBeCloseTo(0.2553, 4);
    expect(u).toBeCloseTo(0.3662, 4);
  });

  it("Newcombe's method 10 for 56/70 − 48/80 (his example: 0.0524 to 0.3339)", () => {
    const d = proportionDifference(56, 70, 48, 80);
    expect(d.estimate).toBeCloseTo(0.2, 12);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('pooled z-test p-value', () => {
    // z = 0.2 / sqrt(104/150 × 46/150 × (1/70 + 1/80)) = 2.6502 → p = 2 Φ(−2.6502) = 0.008044 (scipy.stats.norm.sf)
    expect(proportionDifference(56, 70, 48, 80).p).toBeCloseTo(0.008044, 5);
    // nobody bought (or everybody did): the pooled standard error is 0 and the z-test says nothing
    expect(proportionDifference(0, 50, 0, 40)).toMatchObject({ estimate: 0, p: null });
    expect(proportionDifference(50, 50, 40, 40)).toMatchObject({ estimate: 0, p: null });
    // the Newcombe interval still bounds the difference: 0 of 50 and 0 of 40 cannot tell apart shares a few points apart
    const none = proportionDifference(0, 50, 0, 40);
    expect(none.low).toBeCloseTo(-wilson(0, 40)[1], 12);
    expect(none.high).toBeCloseTo(wilson(0, 50)[1], 12);
  });
});

describe('welchDifference', () => {
  it("agrees with scipy.stats.ttest_ind(a, b, equal_var=False)", () => {
    const a = describeSample([19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0]);
    const b = describeSample([28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3]);
    const w = welchDifference(a, b)!;
    // scipy 1.x: t = -2.225512, df = 24.5246, p = 0.0354845, 95% CI -4.276459 to -0.163541
    expect(w.estimate).toBeCloseTo(-2.22, 10);
    expect(w.p!).toBeCloseTo(0.0354845, 6);
    expect(w.low).toBeCloseTo(-4.276459, 5);
    expect(w.high).toBeCloseTo(-0.163541, 5);
  });

  it('has nothing to say about groups of one', () => {
    expect(welchDifference(describeSample([1]), describeSample([1, 2]))).toBeNull();
  });

  it('has nothing to say when neither group has any spread (no zero-width interval)', () => {
    expect(welchDifference(describeSample([0, 0, 0]), describeSample([0, 0]))).toBeNull();
    expect(welchDifference(describeSample([5, 5]), describeSample([0, 0, 0]))).toBeNull();
    // one group with spread is enough
    expect(welchDifference(describeSample([5, 5]), describeSample([0, 0, 3]))).not.toBeNull();
  });
});
