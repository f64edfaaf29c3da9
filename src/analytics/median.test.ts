import { describe, expect, it } from 'vitest';
import { median, medianSorted, valuesAtRanks } from './median.js';
import { seededOpenRandom, seededRandom } from './random.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNaN();
    expect(medianSorted(Float64Array.from([1, 2, 30, 99, 99]), 3)).toBe(2);
    expect(medianSorted([1, 2, 30, 40], 4)).toBe(16);
  });
});

describe('valuesAtRanks', () => {
  it('gives the values a sort would put at the ranks, on ties, runs, signed zeros, NaN and every size', () => {
    const rnd = seededRandom(9);
    const shapes: ((i: number, n: number) => number)[] = [
      () => Math.floor(rnd() * 1e6) - 5e5, // distinct-ish
      () => Math.floor(rnd() * 3), // three values, mostly ties
      () => (rnd() < 0.6 ? 1 : 1 + Math.floor(-Math.log(rnd()) * 3)), // frequencies: most buy once
      (i) => i, // ascending
      (i, n) => n - i, // descending
      () => 7, // all equal
      () => Math.round((rnd() - 0.5) * 1e4) / 100, // money with cents, negatives
    ];
    for (let round = 0; round < 300; round++) {
      const n = round < 20 ? round + 1 : 1 + Math.floor(rnd() * 3000);
      const shape = shapes[round % shapes.length];
      const float = round % 2 === 0 || round % shapes.length === 6;
      const values = Array.from({ length: n }, (_, i) => shape(i, n));
      const make = () => (float ? Float64Array.from(values) : Int32Array.from(values));
      const sorted = make().sort();
      const bins = 2 + (round % 8);
      const ranks = Array.from({ length: bins - 1 }, (_, j) => Math.ceil(((j + 1) * n) / bins) - 1);
      expect(valuesAtRanks(make(), ranks), `round ${round}`).toEqual(ranks.map((k) => sorted[k]));
    }
    // -0 and 0 compare equal (the value found may be either); NaN sorts last, as a.sort() puts it
    expect(valuesAtRanks(Float64Array.from([0, -0, 1, -1]), [1, 2]).map((v) => v + 0)).toEqual([0, 0]);
    expect(valuesAtRanks(Float64Array.from([3, NaN, 1, 2]), [0, 2, 3])).toEqual([1, 3, NaN]);
    expect(() => valuesAtRanks(Float64Array.from([1, 2]), [1, 0])).toThrow(RangeError);
    expect(() => valuesAtRanks(Int32Array.from([1, 2]), [1, 0])).toThrow(RangeError);
  });
});

describe('seeded generator', () => {
  it('repeats its sequence for a seed, in [0, 1), and the open variant is the same sequence', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const open = seededOpenRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Array.from({ length: 1000 }, () => open())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});
