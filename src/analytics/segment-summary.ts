/**
 * One row per customer group (RFM segment, cn8 class or value cluster): its size, revenue and averages.
 */
import type { RfmValues } from './rfm.js';

export type SegmentSummaryRow = {
  segment: string;
  customers: number;
  /** Fraction of all customers; null when there are none. */
  share_customers: number | null;
  /** Minor units: the sum of the customers' monetary values. */
  revenue: number;
  share_revenue: number | null;
  avg_recency_days: number | null;
  avg_frequency: number | null;
  /** Minor units, rounded. */
  avg_monetary: number | null;
  orders: number;
  /** Average order value: revenue / orders, minor units, rounded. */
  aov: number | null;
};

/**
 * Sums and averages per group in one pass. `groupOfRow[i]` indexes `labels`; every label gets a row, even an
 * empty one. Rows are sorted by revenue (high first), then customers (high first), then label order.
 */
export function summarizeSegments(values: RfmValues, groupOfRow: ArrayLike<number>, labels: string[]): SegmentSummaryRow[] {
  const g = labels.length;
  const customers = new Float64Array(g);
  const revenue = new Float64Array(g);
  const recency = new Float64Array(g);
  const frequency = new Float64Array(g);
  const orders = new Float64Array(g);
  let totalCustomers = 0;
  let totalRevenue = 0;
  const n = values.customer.length;
  for (let i = 0; i < n; i++) {
    const s = groupOfRow[i];
    customers[s]++;
    revenue[s] += values.monetary[i];
    recency[s] += values.recencyDays[i];
    frequency[s] += values.frequency[i];
    orders[s] += values.orders[i];
    totalCustomers++;
    totalRevenue += values.monetary[i];
  }
  const rows = labels.map((segment, s) => {
    const c = customers[s];
    const row: SegmentSummaryRow = {
      segment,
      customers: c,
      share_customers: totalCustomers > 0 ? c / totalCustomers : null,
      revenue: revenue[s],
      share_revenue: totalRevenue !== 0 ? revenue[s] / totalRevenue : null,
      avg_recency_days: c > 0 ? recency[s] / c : null,
      avg_frequency: c > 0 ? frequency[s] / c : null,
      avg_monetary: c > 0 ? Math.round(revenue[s] / c) : null,
      orders: orders[s],
      aov: orders[s] > 0 ? Math.round(revenue[s] / orders[s]) : null,
    };
    return { row, s };
  });
  rows.sort((a, b) => b.row.revenue - a.row.revenue || b.row.customers - a.row.customers || a.s - b.s);
  return rows.map((x) => x.row);
}
