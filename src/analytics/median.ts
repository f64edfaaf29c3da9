/** The median rule of orderlens (a customer's usual gap in churn, the cn8 `--split median` thresholds). */

/** Median of the first `n` values of an ascending array: the mean of the two middle values for an even n. */
export function medianSorted(sorted: ArrayLike<number>, n = sorted.length): number {
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of values in any order (sorted on a copy). NaN when there are none. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  return medianSorted(Float64Array.from(values).sort());
}

/**
 * The values at the 0-based `ranks` (ascending) of `a` once sorted ascending, as `a.sort()` would give them,
 * found by selection instead of sorting (about O(n) per rank instead of O(n log n)); `a` is reordered. Each
 * rank is searched right of the one before (after a selection everything left of rank k is ≤ a[k] and
 * everything right of it ≥). A search that does not narrow fast enough, and any NaN, falls back to sorting.
 */
export function valuesAtRanks(a: Int32Array | Float64Array, ranks: readonly number[]): number[] {
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) {
      a.sort();
      return ranks.map((k) => a[k]);
    }
  }
  if (a instanceof Int32Array && a.length > 0) {
    const counted = ranksByCounting(a, ranks);
    if (counted) return counted;
  }
  const out: number[] = [];
  let from = 0;
  for (const k of ranks) {
    if (k < from || k >= a.length) throw new RangeError(`valuesAtRanks: ranks must ascend within 0..${a.length - 1}`);
    let lo = from;
    let hi = a.length - 1;
    let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
    while (hi > lo) {
      if (--rounds < 0) {
        a.subarray(lo, hi + 1).sort();
        break;
      }
      // Hoare partition around the median of three; equal values stop both scans, so ties split evenly
      const mid = lo + ((hi - lo) >> 1);
      const x = a[lo];
      const y = a[mid];
      const z = a[hi];
      const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
          const t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] equal the pivot
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break;
    }
    out.push(a[k]);
    from = k;
  }
  return out;
}

/** valuesAtRanks for whole numbers of a narrow range (days, counts): a histogram; null when the range is wide. */
function ranksByCounting(a: Int32Array, ranks: readonly number[]): number[] | null {
  let min = a[0];
  let max = a[0];
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = max - min + 1;
  if (range > 4 * a.length + 1024) return null;
  const counts = new Int32Array(range);
  for (let i = 0; i < a.length; i++) counts[a[i] - min]++;
  const out: number[] = [];
  let v = 0;
  let below = counts[0]; // values ≤ min + v
  for (const k of ranks) {
    if (k < 0 || k >= a.length || (out.length > 0 && k < ranks[out.length - 1])) throw new RangeError(`valuesAtRanks: ranks must ascend within 0..${a.length - 1}`);
    while (below <= k) below += counts[++v];
    out.push(min + v);
  }
  return out;
}
