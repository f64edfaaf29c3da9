/**
 * The 80/20 view of revenue per customer.
 *
 * Customers are ranked by revenue, highest first; equal revenue is ordered by row (the customer order of the
 * log), so the ranking is deterministic.
 * - top p%: the ⌈p·n/100⌉ highest-revenue customers and their share of revenue.
 * - 80% of revenue: the smallest number of customers whose revenue reaches 80% of the total.
 * - ABC classes: walking down the ranking, a customer is A while the revenue of the customers before it is
 *   under 80% of the total (so A is exactly the "80% of revenue" group), B while it is under 95%, else C.
 *   Compared in integer arithmetic (100·before < 80·total), so there is no rounding at the boundaries.
 * - Gini coefficient of revenue per customer: G = 2·Σ i·x_(i) / (n·Σx) − (n + 1)/n over the values sorted
 *   ascending (i = 1..n); 0 = everyone spends the same, → 1 = one customer has everything. Negative values
 *   (possible with refunds) count as 0 for the Gini only. No small-sample correction.
 */

export type ParetoClass = 'A' | 'B' | 'C';
export const PARETO_CLASSES: readonly ParetoClass[] = ['A', 'B', 'C'];

export interface ParetoOptions {
  /** Top shares to report, in percent (default 1, 5, 10, 20, 50). */
  tops?: number[];
}

export type ParetoRow = {
  /** `top 1%` … `top 50%`, `80% of revenue`, `A`, `B`, `C`, `all`. */
  group: string;
  customers: number;
  share_customers: number | null;
  /** Minor units. */
  revenue: number;
  share_revenue: number | null;
  /** Only on the `all` row. */
  gini: number | null;
};

export interface ParetoAnalysis {
  customers: number;
  revenue: number;
  gini: number | null;
  /** Smallest number of customers making 80% of revenue (= the A class). */
  customersFor80: number;
  rows: ParetoRow[];
  /** Row indexes ranked by revenue, highest first. */
  order: Int32Array;
  /** Class per row: 0 = A, 1 = B, 2 = C. */
  classOfRow: Uint8Array;
  /** Cumulative share of revenue up to and including each rank (by rank, not by row); NaN when total is 0. */
  cumulativeShare: Float64Array;
}

const DEFAULT_TOPS = [1, 5, 10, 20, 50];

/**
 * Ranks rows by revenue, highest first; ties by row index. Where every value is a whole number below 2^31 in
 * size and there are fewer than 2^22 rows (minor units per customer, as the reports have them), each row is
 * one exact float, −revenue·2^22 + row, and the typed-array sort without a comparator ranks them (a comparator
 * sort of a million rows calls JS twenty million times); otherwise the comparator sort.
 */
export function rankByRevenue(revenue: ArrayLike<number>): Int32Array {
  return rank(revenue).order;
}

/**
 * rankByRevenue's ranking, with the revenue in rank order read back from the packed floats (−revenue·2^22 +
 * row, so ⌊key / 2^22⌋ = −revenue): the walk down the ranking reads one array in order instead of jumping
 * through the rows. `packed` says the values were packed (whole numbers: no NaN, no −0 among them).
 */
function rank(revenue: ArrayLike<number>): { order: Int32Array; ranked: Float64Array; packed: boolean } {
  const n = revenue.length;
  const SHIFT = 2 ** 22;
  const keys = new Float64Array(n);
  let packable = n < SHIFT;
  for (let i = 0; i < n && packable; i++) {
    const v = revenue[i];
    if (!Number.isInteger(v) || Math.abs(v) >= 2 ** 31) packable = false;
    else keys[i] = -v * SHIFT + i + 0; // + 0: −0 revenue is 0, a tie like any other
  }
  if (!packable) {
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => revenue[b] - revenue[a] || a - b);
    return { order, ranked: Float64Array.from(order, (row) => revenue[row]), packed: false };
  }
  keys.sort();
  const order = new Int32Array(n);
  const ranked = keys; // overwritten in place: key r is read before ranked[r] is written
  for (let r = 0; r < n; r++) {
    const k = keys[r];
    const high = Math.floor(k / SHIFT);
    order[r] = k - high * SHIFT;
    ranked[r] = 0 - high; // 0 − 0 is +0, as the revenue was
  }
  return { order, ranked, packed: true };
}

/** Gini coefficient of non-negative amounts (negatives count as 0); null when there are none or they sum to 0. */
export function gini(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = Math.max(0, values[i]);
  sorted.sort();
  return giniOfAscending(n, (i) => sorted[i]);
}

/** gini's sums over the amounts (negatives as 0) in ascending order: `at(i)` is the i-th, i = 0..n−1. */
function giniOfAscending(n: number, at: (i: number) => number): number | null {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const x = at(i);
    sum += x;
    weighted += (i + 1) * x;
  }
  if (sum === 0) return null;
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}

export function analyzePareto(revenue: ArrayLike<number>, options: ParetoOptions = {}): ParetoAnalysis {
  const n = revenue.length;
  const { order, ranked, packed } = rank(revenue);
  let total = 0;
  for (let i = 0; i < n; i++) total += revenue[i];
  const tops = (options.tops ?? DEFAULT_TOPS).map((p) => ({ p, count: Math.min(n, Math.ceil((p * n) / 100)), sum: 0 }));
  const cumulativeShare = new Float64Array(n);
  const classOfRow = new Uint8Array(n);
  const classCustomers = [0, 0, 0];
  const classRevenue = [0, 0, 0];
  let before = 0;
  for (let rank = 0; rank < n; rank++) {
    // the sum of the top `count` is the running sum after them (the same additions in the same order)
    for (const t of tops) if (t.count === rank) t.sum = before;
    const x = ranked[rank];
    const cls = 100 * before < 80 * total ? 0 : 100 * before < 95 * total ? 1 : 2;
    classOfRow[order[rank]] = cls;
    classCustomers[cls]++;
    classRevenue[cls] += x;
    before += x;
    cumulativeShare[rank] = total !== 0 ? before / total : NaN;
  }
  for (const t of tops) if (t.count === n) t.sum = before;
  const share = (part: number, whole: number): number | null => (whole !== 0 ? part / whole : null);
  const rows: ParetoRow[] = [];
  for (const { p, count, sum } of tops) {
    rows.push({ group: `top ${p}%`, customers: count, share_customers: share(count, n), revenue: sum, share_revenue: share(sum, total), gini: null });
  }
  rows.push({
    group: '80% of revenue',
    customers: classCustomers[0],
    share_customers: share(classCustomers[0], n),
    revenue: classRevenue[0],
    share_revenue: share(classRevenue[0], total),
    gini: null,
  });
  PARETO_CLASSES.forEach((c, i) => {
    rows.push({ group: c, customers: classCustomers[i], share_customers: share(classCustomers[i], n), revenue: classRevenue[i], share_revenue: share(classRevenue[i], total), gini: null });
  });
  // whole numbers ranked by the packed sort are already in order (descending): the Gini reads them backwards
  const g = packed ? (n === 0 ? null : giniOfAscending(n, (i) => Math.max(0, ranked[n - 1 - i]))) : gini(revenue);
  rows.push({ group: 'all', customers: n, share_customers: n > 0 ? 1 : null, revenue: total, share_revenue: total !== 0 ? 1 : null, gini: g });
  return { customers: n, revenue: total, gini: g, customersFor80: classCustomers[0], rows, order, classOfRow, cumulativeShare };
}
