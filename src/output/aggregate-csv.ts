/**
 * The aggregate files of README "Reports from aggregates", written exactly as documented (and as
 * import/aggregate-csv.ts reads them): fixed English headers, days `YYYY-MM-DD`, money as whole minor units.
 * Not a report: no column dictionary, no language, no formula guard (the values are keys, days and numbers).
 */
import type { CohortCounts, CustomerAggregates, GapHistogramRow } from '../domain/aggregates.js';
import { formatDay, formatMonth, formatQuarter, formatWeek } from '../domain/day.js';
import { CsvBytes } from './csv-bytes.js';

const CUSTOMER_HEADER = [
  'customer_key', 'customer', 'platform', 'shop', 'currency', 'as_of', 'first_purchase', 'last_purchase', 'purchase_days', 'orders', 'revenue',
  'gross_revenue', 'repeat_revenue', 'frequency', 'recency_days', 'T_days', 'avg_repeat_spend', 'median_gap_days',
];

function header(out: CsvBytes, names: readonly string[]): void {
  names.forEach((n, j) => {
    if (j > 0) out.comma();
    out.field(n);
  });
  out.newline();
}

function row(out: CsvBytes, cells: readonly (string | number)[]): void {
  cells.forEach((c, j) => {
    if (j > 0) out.comma();
    out.field(String(c));
  });
  out.newline();
}

/** The per-customer summary (with `contact` only when some customer has one). */
export function customerSummaryCsv(agg: CustomerAggregates): Buffer[] {
  const out = new CsvBytes();
  const contact = agg.customers.some((c) => c.clear !== null);
  header(out, contact ? [...CUSTOMER_HEADER.slice(0, 4), 'contact', ...CUSTOMER_HEADER.slice(4)] : CUSTOMER_HEADER);
  const asOf = formatDay(agg.asOf);
  for (let i = 0; i < agg.customers.length; i++) {
    const ref = agg.customers[i];
    const x = agg.purchaseDays[i] - 1;
    const gap = agg.medianGap[i];
    row(out, [
      ref.key, ref.display, ref.platform, ref.shop, ...(contact ? [ref.clear ?? ''] : []), agg.currency, asOf, formatDay(agg.first[i]), formatDay(agg.last[i]),
      agg.purchaseDays[i], agg.orders[i], agg.revenue[i], agg.gross[i], agg.repeatRevenue[i], x, agg.last[i] - agg.first[i], agg.asOf - 1 - agg.first[i],
      x > 0 ? agg.repeatRevenue[i] / x : '', Number.isNaN(gap) ? '' : gap,
    ]);
  }
  return out.end();
}

/** The gap histogram rows of one currency and as-of. */
export function gapHistogramCsv(rows: readonly GapHistogramRow[], currency: string, asOf: number): Buffer[] {
  const out = new CsvBytes();
  header(out, ['platform', 'shop', 'currency', 'as_of', 'gap_days', 'gaps']);
  const day = formatDay(asOf);
  for (const r of rows) row(out, [r.platform, r.shop, currency, day, r.gapDays, r.gaps]);
  return out.end();
}

const LABEL = { month: formatMonth, quarter: formatQuarter, week: formatWeek } as const;

/** The cohort counts. */
export function cohortCountsCsv(counts: CohortCounts): Buffer[] {
  const out = new CsvBytes();
  header(out, ['platform', 'shop', 'currency', 'as_of', 'cohort', 'period', 'customers', 'orders', 'revenue']);
  const day = formatDay(counts.asOf);
  const label = LABEL[counts.period];
  for (const c of counts.cells) row(out, [c.platform, c.shop, counts.currency, day, label(c.cohort), c.period, c.customers, c.orders, c.revenue]);
  return out.end();
}
