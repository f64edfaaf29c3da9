import { describe, expect, it } from 'vitest';
import { median, medianSorted } from './median.js';
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
