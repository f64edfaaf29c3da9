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
