/**
 * The aggregates of a purchase log (domain/aggregates.ts), as the warehouse SQL of `orderlens sql-plan` computes
 * them: the per-customer summary, the gap histogram and the cohort counts as of a day. What orderlens's own
 * database gives, so that a warehouse's output can be checked against it row for row.
 *
 * Like the warehouse SQL, they measure every customer as of one day: they take a OneDayLog, and refuse a log
 * whose shops are measured from their own days (PurchaseLog.lag) at run time too (a caller in plain JavaScript):
 * the aggregates have one as-of day, so a customer's own earlier end could not be told from it.
 */
import type { AggregatePeriod, CohortCountCell, CohortCounts, CustomerAggregates, GapHistogramRow } from '../domain/aggregates.js';
import type { EpochDay } from '../domain/day.js';
import { forEachCustomer, type OneDayLog, type PurchaseLog } from '../domain/purchase-log.js';
import { analyzeCohorts } from './cohorts.js';
import { medianSorted } from './median.js';

/** One row per customer with a purchase day before asOf, in the log's customer order. */
export function customerAggregates(log: OneDayLog, asOf: EpochDay): CustomerAggregates {
  oneDay(log, 'customerAggregates');
  const cap = log.customers.length;
  const index: number[] = [];
  const first = new Int32Array(cap);
  const last = new Int32Array(cap);
  const purchaseDays = new Int32Array(cap);
  const orders = new Int32Array(cap);
  const revenue = new Float64Array(cap);
  const gross = new Float64Array(cap);
  const repeatRevenue = new Float64Array(cap);
  const medianGap = new Float64Array(cap);
  let gaps = new Float64Array(64);
  let n = 0;
  forEachCustomer(log, (c, start, end) => {
    if (log.day[start] >= asOf) return;
    let stop = start;
    while (stop < end && log.day[stop] < asOf) stop++;
    const days = stop - start;
    if (days - 1 > gaps.length) gaps = new Float64Array(2 * days);
    let o = 0;
    let net = 0;
    let g = 0;
    for (let e = start; e < stop; e++) {
      o += log.orders[e];
      net += log.net[e];
      g += log.gross[e];
      if (e > start) gaps[e - start - 1] = log.day[e] - log.day[e - 1];
    }
    index.push(c);
    first[n] = log.day[start];
    last[n] = log.day[stop - 1];
    purchaseDays[n] = days;
    orders[n] = o;
    revenue[n] = net;
    gross[n] = g;
    repeatRevenue[n] = net - log.net[start];
    medianGap[n] = days > 1 ? medianSorted(gaps.subarray(0, days - 1).sort(), days - 1) : NaN;
    n++;
  });
  return {
    kind: 'aggregates',
    currency: log.currency,
    minorDigits: log.minorDigits,
    asOf,
    customers: index.map((c) => log.customers[c]),
    first: first.slice(0, n),
    last: last.slice(0, n),
    purchaseDays: purchaseDays.slice(0, n),
    orders: orders.slice(0, n),
    revenue: revenue.slice(0, n),
    gross: gross.slice(0, n),
    repeatRevenue: repeatRevenue.slice(0, n),
    medianGap: medianGap.slice(0, n),
    ordersWithoutBuyer: 0,
  };
}

/** A log measured as of one day for every customer (see OneDayLog), checked where the type cannot be. */
function oneDay(log: Pick<PurchaseLog, 'lag'>, name: string): void {
  if (log.lag !== undefined) throw new RangeError(`${name}: the log measures shops from their own days (PurchaseLog.lag); the aggregates are as of one day for all`);
}

const sourceKey = (platform: string, shop: string): string => `${platform}\u0000${shop}`;

/** Gaps between consecutive purchase days before asOf, per platform and shop and length (ascending). */
export function gapHistogramRows(log: OneDayLog, asOf: EpochDay): GapHistogramRow[] {
  oneDay(log, 'gapHistogramRows');
  const bySource = new Map<string, { platform: string; shop: string; counts: Map<number, number> }>();
  forEachCustomer(log, (c, start, end) => {
    const ref = log.customers[c];
    const key = sourceKey(ref.platform, ref.shop);
    let s = bySource.get(key);
    for (let e = start + 1; e < end && log.day[e] < asOf; e++) {
      if (!s) bySource.set(key, (s = { platform: ref.platform, shop: ref.shop, counts: new Map() }));
      const gap = log.day[e] - log.day[e - 1];
      s.counts.set(gap, (s.counts.get(gap) ?? 0) + 1);
    }
  });
  const rows: GapHistogramRow[] = [];
  for (const s of [...bySource.values()].sort((a, b) => compare(a.platform, b.platform) || compare(a.shop, b.shop))) {
    for (const gap of [...s.counts.keys()].sort((a, b) => a - b)) rows.push({ platform: s.platform, shop: s.shop, gapDays: gap, gaps: s.counts.get(gap)! });
  }
  return rows;
}

/** Cohort counts per platform and shop: every cell with at least one active customer. */
export function cohortCounts(log: OneDayLog, asOf: EpochDay, period: AggregatePeriod): CohortCounts {
  oneDay(log, 'cohortCounts');
  const sources: { platform: string; shop: string }[] = [];
  const position = new Map<string, number>();
  const groupOf = log.customers.map((ref) => {
    const key = sourceKey(ref.platform, ref.shop);
    let i = position.get(key);
    if (i === undefined) {
      i = sources.length;
      position.set(key, i);
      sources.push({ platform: ref.platform, shop: ref.shop });
    }
    return String(i);
  });
  const analysis = analyzeCohorts(log, { asOf, period, groupOf });
  const cells: CohortCountCell[] = [];
  for (const c of analysis.cohorts) {
    const source = sources[Number(c.group)];
    c.cells.forEach((cell, k) => {
      if (cell && cell.customers > 0) cells.push({ ...source, cohort: c.index, period: k, customers: cell.customers, orders: cell.orders, revenue: cell.revenue });
    });
  }
  cells.sort((a, b) => compare(a.platform, b.platform) || compare(a.shop, b.shop) || a.cohort - b.cohort || a.period - b.period);
  return { asOf, period, currency: log.currency, cells };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
