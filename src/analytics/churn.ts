/**
 * Rule-based churn flags: who has stopped buying, and why, in a line a person can act on.
 *
 * Definitions (days are the store's local epoch days; purchases are the log's distinct purchase days):
 * - `asOf` is the exclusive end of the observation, as in every orderlens report: purchases on days before it
 *   count (the default as-of is the day after the last purchase); customers first seen on or after it are left
 *   out. days_since_last = asOf − the last purchase day (≥ 1), like RFM recency. A log with per-customer lags
 *   (PurchaseLog.lag: shops measured from their own last day) ends each customer's observation at asOf − lag.
 * - A customer's gaps are the day differences between consecutive purchase days; their usual gap is the median
 *   of their gaps (the mean of the two middle gaps for an even count). One-time buyers have no usual gap.
 * - Global threshold G: the 90th percentile of all gaps of all repeat customers (every gap is one observation),
 *   nearest-rank definition: sort the n gaps ascending and take the ⌈0.9·n⌉-th one, i.e. the smallest gap such
 *   that at least 90% of gaps are ≤ it. `days` replaces it.
 * - Churn line of a customer: max(G, k × usual gap) for repeat customers (k default 3), G for one-time buyers.
 *   churned: days_since_last > line · at_risk: days_since_last > line / 2 · active: otherwise.
 * - `since`/`until` keep the customers whose first purchase lies in that window; G is still taken over all
 *   customers of the log (the store's purchase rhythm).
 * - A model-based flag (probability alive) can sit beside the rule: `p_alive` and `model_status` are null until
 *   `addModelFlags` fills them.
 */
import { formatMonth, monthIndex, type EpochDay } from '../domain/day.js';
import { isAggregates, type CustomerAggregates, type CustomerData, type GapHistogram } from '../domain/aggregates.js';
import { customerAsOf, forEachCustomer, type PurchaseLog } from '../domain/purchase-log.js';
import { dataError, rangeError } from '../errors.js';
import { medianSorted } from './median.js';

export const CHURN_STATUSES = ['active', 'at_risk', 'churned'] as const;
export type ChurnStatus = (typeof CHURN_STATUSES)[number];

/** The percentile of pooled repeat gaps used as the default global threshold. */
export const GAP_PERCENTILE = 0.9;
export const DEFAULT_K = 3;

export interface ChurnOptions {
  /** Exclusive end of the observation: purchases on days before it count. */
  asOf: EpochDay;
  /** Multiplier of a customer's own median gap (default 3). */
  k?: number;
  /** Global threshold in days; default: the 90th percentile of repeat gaps. */
  days?: number | null;
  /** Keep customers whose first purchase is on or after / on or before these days (the threshold still uses everyone's gaps). */
  since?: EpochDay | null;
  until?: EpochDay | null;
  /**
   * Per-customer detail (default true): rows sorted by revenue. False leaves the rows in customer order: for
   * churn by group, where the order is not read (sorting a million customers costs seconds).
   */
  detail?: boolean;
  /** From a per-customer summary: the gap histogram the threshold G is taken from (not needed with `days`). */
  gapHistogram?: GapHistogram | null;
}

export type ChurnRow = {
  /** Index into `log.customers` (for joins; not a report column). */
  index: number;
  /** Display form of the buyer. */
  customer: string;
  /** Stable buyer key. */
  key: string;
  platform: string;
  shop: string;
  status: ChurnStatus;
  days_since_last: number;
  /** Median gap between purchase days; null for one-time buyers. */
  usual_gap_days: number | null;
  /** The churn line used for this customer: max(G, k × usual gap), or G. */
  threshold_days: number;
  orders: number;
  purchase_days: number;
  /** Net revenue before as-of, minor units. */
  revenue: number;
  /** First and last purchase day before as-of. */
  first_order: EpochDay;
  last_order: EpochDay;
  /** Probability alive from a purchase model, when one has been fitted. */
  p_alive: number | null;
  /** Status from the model flag (`addModelFlags`), null without one. */
  model_status: ChurnStatus | null;
};

export interface ChurnAnalysis {
  asOf: EpochDay;
  k: number;
  /** The global threshold G in days. */
  threshold: number;
  /** Where G came from: the gap percentile, or the caller's `days`. */
  thresholdSource: 'percentile' | 'days';
  /** Repeat customers and gaps the percentile was taken over. */
  repeatCustomers: number;
  gaps: number;
  /** Sorted by revenue (descending), then key; in customer order without `detail`. */
  rows: ChurnRow[];
}

/**
 * The 1-based nearest rank ⌈p·n⌉ among n ≥ 1 values. The epsilon keeps a product a hair above a whole number
 * at that number (0.07 × 100 = 7.000000000000001 → rank 7, not 8); for the default p = 0.9 no n up to a
 * million needs it.
 */
function nearestRank(n: number, p: number): number {
  return Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)));
}

/** Nearest-rank percentile of an ascending array (p in (0, 1]); null for an empty array. */
export function nearestRankPercentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRank(sorted.length, p) - 1];
}

/**
 * The default global threshold: the nearest-rank 90th percentile of the gaps between consecutive purchase
 * days of all repeat customers, using purchases on or before `asOf`. `days` is null when no customer has two
 * purchase days.
 */
export function gapThreshold(log: PurchaseLog, asOf: EpochDay): { days: number | null; gaps: number; repeatCustomers: number } {
  // Gaps between distinct purchase days are whole days ≥ 1: counted per length (a histogram), not sorted.
  let counts = new Float64Array(1024);
  let gaps = 0;
  let repeatCustomers = 0;
  forEachCustomer(log, (c, start, end) => {
    let n = 0;
    const stop = customerAsOf(log, c, asOf);
    for (let e = start; e < end && log.day[e] < stop; e++) {
      if (e > start) {
        const gap = log.day[e] - log.day[e - 1];
        if (!(Number.isInteger(gap) && gap >= 1)) throw new RangeError(`gapThreshold: purchase days out of order in the log: a gap of ${gap}`);
        if (gap >= counts.length) {
          const bigger = new Float64Array(Math.max(2 * counts.length, gap + 1));
          bigger.set(counts);
          counts = bigger;
        }
        counts[gap]++;
        gaps++;
      }
      n++;
    }
    if (n >= 2) repeatCustomers++;
  });
  return { days: histogramPercentile(counts, gaps), gaps, repeatCustomers };
}

/** The nearest-rank GAP_PERCENTILE of a histogram (`counts[g]` gaps of g days, `gaps` in all); null without gaps. */
export function histogramPercentile(counts: ArrayLike<number>, gaps: number): number | null {
  if (gaps === 0) return null;
  // the gap length at the nearest rank, walking the histogram in length order
  const rank = nearestRank(gaps, GAP_PERCENTILE);
  let seen = 0;
  let days = 0;
  while (seen < rank) seen += counts[++days];
  return days;
}

/** gapThreshold's answer from a per-customer summary and the gap histogram that goes with it. */
function aggregateGapThreshold(agg: CustomerAggregates, histogram: GapHistogram | null): { days: number | null; gaps: number; repeatCustomers: number } {
  let repeatCustomers = 0;
  for (let i = 0; i < agg.purchaseDays.length; i++) if (agg.purchaseDays[i] >= 2) repeatCustomers++;
  if (histogram === null) return { days: null, gaps: 0, repeatCustomers };
  return { days: histogramPercentile(histogram.counts, histogram.gaps), gaps: histogram.gaps, repeatCustomers };
}

/** The rule's numbers that hold for every customer: as-of, k, the threshold G and where it came from. */
export type ChurnRule = Omit<ChurnAnalysis, 'rows'>;

/** One customer's flag, to where flagChurn keeps it (a row) or flagChurnColumns (its columns). */
type FlagSink = (
  c: number, status: ChurnStatus, daysSince: number, usualGap: number | null, line: number, orders: number, purchaseDays: number, revenue: number, first: EpochDay, lastDay: EpochDay,
) => void;

/** Applies the rule to every customer whose first purchase is before as-of (and in the window), in customer order. */
function applyChurnRule(data: CustomerData, options: ChurnOptions, sink: FlagSink): ChurnRule {
  const { asOf } = options;
  const since = options.since ?? null;
  const until = options.until ?? null;
  const k = options.k ?? DEFAULT_K;
  if (!(k > 0) || !Number.isFinite(k)) throw rangeError('analysis.churn.k', { got: String(k) });
  if (isAggregates(data) && data.asOf !== asOf) throw new RangeError(`flagChurn: the summary is as of day ${data.asOf}, not ${asOf}`);
  const measured = isAggregates(data) ? aggregateGapThreshold(data, options.gapHistogram ?? null) : gapThreshold(data, asOf);
  let threshold: number;
  let thresholdSource: ChurnAnalysis['thresholdSource'];
  if (options.days !== undefined && options.days !== null) {
    if (!(options.days > 0) || !Number.isFinite(options.days)) throw rangeError('analysis.churn.days', { got: String(options.days) });
    threshold = options.days;
    thresholdSource = 'days';
  } else {
    if (measured.days === null && isAggregates(data) && !options.gapHistogram)
      throw dataError('analysis.churn.gapsNeeded');
    if (measured.days === null)
      throw dataError('analysis.churn.noGaps');
    threshold = measured.days;
    thresholdSource = 'percentile';
  }

  // a customer's own as-of: asOf, or its shop's (PurchaseLog.lag)
  const lag = isAggregates(data) ? undefined : data.lag;
  const ownAsOf = (c: number) => (lag === undefined ? asOf : asOf - lag[c]);
  const acquired = (c: number, first: number) => first < ownAsOf(c) && (since === null || first >= since) && (until === null || first <= until);
  const push = (c: number, first: number, lastDay: number, purchaseDays: number, orders: number, revenue: number, usualGap: number | null): void => {
    const line = usualGap === null ? threshold : Math.max(threshold, k * usualGap);
    const daysSince = ownAsOf(c) - lastDay;
    const status: ChurnStatus = daysSince > line ? 'churned' : daysSince > line / 2 ? 'at_risk' : 'active';
    sink(c, status, daysSince, usualGap, line, orders, purchaseDays, revenue, first, lastDay);
  };
  if (isAggregates(data)) {
    for (let i = 0; i < data.customers.length; i++) {
      if (!acquired(i, data.first[i])) continue;
      const gap = data.medianGap[i];
      push(i, data.first[i], data.last[i], data.purchaseDays[i], data.orders[i], data.revenue[i], Number.isNaN(gap) ? null : gap);
    }
  } else flagLogCustomers(data, asOf, acquired, push);
  return { asOf, k, threshold, thresholdSource, repeatCustomers: measured.repeatCustomers, gaps: measured.gaps };
}

/** Flags every customer whose first purchase is before as-of (from a purchase log or its per-customer summary). Pure. */
export function flagChurn(data: CustomerData, options: ChurnOptions): ChurnAnalysis {
  const detail = options.detail ?? true;
  const rows: ChurnRow[] = [];
  // Without detail the customers' references are read only if a row's customer, key, platform or shop is:
  // churn by segment, cohort or frequency never does, and reading them is a third of its time on a big shop.
  const Row = detail ? null : lazyRefRow(data);
  const rule = applyChurnRule(data, options, (c, status, daysSince, usualGap, line, orders, purchaseDays, revenue, first, lastDay) => {
    if (Row) {
      rows.push(new Row(c, status, daysSince, usualGap, line, orders, purchaseDays, revenue, first, lastDay));
      return;
    }
    const ref = data.customers[c];
    rows.push({
      index: c,
      customer: ref.display,
      key: ref.key,
      platform: ref.platform,
      shop: ref.shop,
      status,
      days_since_last: daysSince,
      usual_gap_days: usualGap,
      threshold_days: line,
      orders,
      purchase_days: purchaseDays,
      revenue,
      first_order: first,
      last_order: lastDay,
      p_alive: null,
      model_status: null,
    });
  });
  if (detail) rows.sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const { asOf, k, threshold, thresholdSource, repeatCustomers, gaps } = rule;
  return { asOf, k, threshold, thresholdSource, repeatCustomers, gaps, rows };
}

/**
 * The flags of churn by group, as columns: entry i is the i-th customer flagged, in customer order. The
 * same flags as flagChurn's rows without an object per customer (millions of them on a big shop, most of
 * that report's time in the garbage collector): what the group table, its counts and its labels read.
 */
export interface ChurnColumns extends ChurnRule {
  /** Customers flagged: the columns' length. */
  length: number;
  /** Customer index (into `customers` of the log or summary). */
  customer: Int32Array;
  /** Index into CHURN_STATUSES. */
  status: Uint8Array;
  orders: Float64Array;
  /** Net revenue before as-of, minor units. */
  revenue: Float64Array;
  /** First purchase day. */
  first: Float64Array;
}

/** flagChurn's flags in columns (ChurnColumns), in customer order. Pure. */
export function flagChurnColumns(data: CustomerData, options: ChurnOptions): ChurnColumns {
  const size = isAggregates(data) ? data.customers.length : data.customerCount;
  const customer = new Int32Array(size);
  const status = new Uint8Array(size);
  const orders = new Float64Array(size);
  const revenue = new Float64Array(size);
  const first = new Float64Array(size);
  const code = { active: 0, at_risk: 1, churned: 2 } satisfies Record<ChurnStatus, number>;
  let n = 0;
  const rule = applyChurnRule(data, options, (c, s, _daysSince, _usualGap, _line, o, _purchaseDays, r, f) => {
    customer[n] = c;
    status[n] = code[s];
    orders[n] = o;
    revenue[n] = r;
    first[n] = f;
    n++;
  });
  return { ...rule, length: n, customer: customer.subarray(0, n), status: status.subarray(0, n), orders: orders.subarray(0, n), revenue: revenue.subarray(0, n), first: first.subarray(0, n) };
}

/**
 * The class of churn rows whose customer, key, platform and shop are read from `data.customers[index]` when
 * first asked for (accessors on the prototype; every other field is the row's own).
 */
function lazyRefRow(data: CustomerData) {
  return class LazyRefRow {
    p_alive: number | null = null;
    model_status: ChurnStatus | null = null;
    constructor(
      public index: number,
      public status: ChurnStatus,
      public days_since_last: number,
      public usual_gap_days: number | null,
      public threshold_days: number,
      public orders: number,
      public purchase_days: number,
      public revenue: number,
      public first_order: EpochDay,
      public last_order: EpochDay,
    ) {}

    get customer(): string {
      return data.customers[this.index].display;
    }

    get key(): string {
      return data.customers[this.index].key;
    }

    get platform(): string {
      return data.customers[this.index].platform;
    }

    get shop(): string {
      return data.customers[this.index].shop;
    }
  };
}

/** Each customer of a log acquired before as-of, with their numbers before as-of, to `push`. */
function flagLogCustomers(
  log: PurchaseLog,
  asOf: EpochDay,
  acquired: (c: number, first: number) => boolean,
  push: (c: number, first: number, lastDay: number, purchaseDays: number, orders: number, revenue: number, usualGap: number | null) => void,
): void {
  let scratch = new Float64Array(64);
  forEachCustomer(log, (c, start, end) => {
    const first = log.day[start];
    if (!acquired(c, first)) return;
    const stop = customerAsOf(log, c, asOf);
    if (end - start > scratch.length) scratch = new Float64Array(2 * (end - start));
    let gapCount = 0;
    let orders = 0;
    let revenue = 0;
    let last = start;
    for (let e = start; e < end && log.day[e] < stop; e++) {
      if (e > start) scratch[gapCount++] = log.day[e] - log.day[e - 1];
      orders += log.orders[e];
      revenue += log.net[e];
      last = e;
    }
    // sorted in place (a view per customer was a million short-lived objects): insertion sort for the
    // usual handful of gaps, the typed-array sort for long histories
    if (gapCount > 32) scratch.subarray(0, gapCount).sort();
    else {
      for (let i = 1; i < gapCount; i++) {
        const g = scratch[i];
        let j = i - 1;
        for (; j >= 0 && scratch[j] > g; j--) scratch[j + 1] = scratch[j];
        scratch[j + 1] = g;
      }
    }
    const usualGap = gapCount > 0 ? medianSorted(scratch, gapCount) : null;
    push(c, first, log.day[last], last - start + 1, orders, revenue, usualGap);
  });
}

/**
 * Puts a model's probability alive beside the rule: `pAlive[index]` per customer index (NaN or missing = no
 * value); model_status is `churned` below `p`, else `active`. Returns new rows; the input is not changed.
 */
export function addModelFlags(rows: readonly ChurnRow[], pAlive: ArrayLike<number>, p: number): ChurnRow[] {
  return rows.map((r) => {
    const v = r.index < pAlive.length ? pAlive[r.index] : Number.NaN;
    const flags: Pick<ChurnRow, 'p_alive' | 'model_status'> = Number.isFinite(v) ? { p_alive: v, model_status: v < p ? 'churned' : 'active' } : { p_alive: null, model_status: null };
    // a copy of the same kind: a row whose references are read on first use keeps its accessors
    const proto = Object.getPrototypeOf(r) as object;
    return proto === Object.prototype ? { ...r, ...flags } : Object.assign(Object.create(proto) as ChurnRow, r, flags);
  });
}

/** Order-count bands for `--by frequency`: 1, 2, 3, 4-5, 6-9, 10+. */
export function frequencyBand(orders: number): string {
  if (orders <= 3) return String(orders);
  if (orders <= 5) return '4-5';
  if (orders <= 9) return '6-9';
  return '10+';
}

/** Month of the first order (`2024-03`) for `--by cohort`. */
export function acquisitionMonth(row: Pick<ChurnRow, 'first_order'>): string {
  return formatMonth(monthIndex(row.first_order));
}

export type ChurnGroupRow = {
  group: string;
  customers: number;
  churned: number;
  churn_rate: number;
  at_risk: number;
  /** Historical net revenue of the at-risk customers, minor units. */
  revenue_at_risk: number;
  active: number;
  /** Customers the model flags as churned, and their share of the customers with a model value; null without a model. */
  model_churned: number | null;
  model_churn_rate: number | null;
};

/**
 * Churn by group: one row per label, sorted by revenue at risk (descending), then churn rate (descending),
 * then label. churn_rate = churned / customers. With model flags (`addModelFlags`), model_churned counts the
 * customers the model calls churned and model_churn_rate divides by the customers that have a model value.
 */
export function summarizeChurn(rows: readonly ChurnRow[], labelOf: (row: ChurnRow) => string): ChurnGroupRow[] {
  const groups = new ChurnGroups();
  for (const r of rows) {
    const g = groups.of(labelOf(r));
    if (r.model_status !== null) {
      groups.modelled.set(g, groups.modelled.get(g)! + 1);
      g.model_churned = (g.model_churned ?? 0) + (r.model_status === 'churned' ? 1 : 0);
    }
    groups.add(g, r.status, r.revenue);
  }
  return groups.rows();
}

/** summarizeChurn of flagChurnColumns's flags (no model flags): `labelOf(i)` is entry i's group. */
export function summarizeChurnColumns(flags: ChurnColumns, labelOf: (i: number) => string): ChurnGroupRow[] {
  const groups = new ChurnGroups();
  for (let i = 0; i < flags.length; i++) groups.add(groups.of(labelOf(i)), CHURN_STATUSES[flags.status[i]], flags.revenue[i]);
  return groups.rows();
}

/** The group rows of summarizeChurn as they are counted. */
class ChurnGroups {
  private readonly by = new Map<string, ChurnGroupRow>();
  readonly modelled = new Map<ChurnGroupRow, number>();

  of(label: string): ChurnGroupRow {
    let g = this.by.get(label);
    if (!g) {
      g = { group: label, customers: 0, churned: 0, churn_rate: 0, at_risk: 0, revenue_at_risk: 0, active: 0, model_churned: null, model_churn_rate: null };
      this.by.set(label, g);
      this.modelled.set(g, 0);
    }
    return g;
  }

  add(g: ChurnGroupRow, status: ChurnStatus, revenue: number): void {
    g.customers++;
    if (status === 'churned') g.churned++;
    else if (status === 'at_risk') {
      g.at_risk++;
      g.revenue_at_risk += revenue;
    } else g.active++;
  }

  rows(): ChurnGroupRow[] {
    const out = [...this.by.values()];
    for (const g of out) {
      g.churn_rate = g.churned / g.customers;
      const n = this.modelled.get(g)!;
      if (n > 0) g.model_churn_rate = g.model_churned! / n;
    }
    return out.sort(
      (a, b) => b.revenue_at_risk - a.revenue_at_risk || b.churn_rate - a.churn_rate || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
    );
  }
}
