/**
 * Acquisition cohorts: do the customers won in a period come back?
 *
 * Definitions (all days are the store's local epoch days):
 * - A customer's cohort is the period (month, ISO week with Monday start, or quarter) of their first counted
 *   purchase in the log. `since`/`until` keep only customers whose first purchase day lies in [since, until];
 *   they restrict acquisition, not the purchases that follow it.
 * - `asOf` is the exclusive end of the observation, as in every orderlens report: purchases on days before it
 *   count (the default as-of is the day after the last purchase). Later purchases are ignored, and customers
 *   first seen on or after as-of are in no cohort.
 * - Period k of a cohort (k = 0, 1, …) is the k-th period after the acquisition period: k = 0 is the
 *   acquisition period itself. A cell exists once its period has started before as-of; cells of periods that
 *   start on or after as-of are null (blank), never zero. The last column may be a partial period
 *   (`lastPeriodPartial`): it counts purchases up to the day before as-of only.
 * - A log with per-customer lags (PurchaseLog.lag: shops measured from their own last day) gives each customer
 *   its own as-of, asOf − lag: a cohort's cells exist for the periods that started before the as-of of every
 *   customer in it (a cohort of two shops stops where the earlier shop's data stop; one of the later shop only
 *   runs on), `ownEnds` is set and `lastPeriodPartial` says whether some cohort's last cell is partial.
 * - Cell measures: customers = distinct cohort customers with a purchase in the period; revenue = their net
 *   revenue in the period (minor units); orders = their orders in the period; cumulative revenue = net revenue
 *   of the cohort from period 0 through k.
 * - Metrics: customers · retention = customers / cohort size (period 0 is 100% by construction) · revenue ·
 *   revenue-retention = revenue / period-0 revenue (null when period-0 revenue ≤ 0) · orders · ltv = cumulative
 *   net revenue per cohort customer (minor units, rounded half away from zero).
 * - Average row: for each period, the mean of the metric over the cohorts that have reached that period, each
 *   cohort weighted by its size (Σ size·value / Σ size). For retention this is Σ customers / Σ size, for ltv
 *   Σ cumulative revenue / Σ size. Its `cohort_size` is the number of customers of all cohorts (the weights'
 *   total).
 */
import {
  dayFromCivil,
  formatMonth,
  formatQuarter,
  formatWeek,
  monthIndex,
  quarterIndex,
  weekIndex,
  type EpochDay,
} from '../domain/day.js';
import type { CohortCounts } from '../domain/aggregates.js';
import { forEachCustomer, type PurchaseLog } from '../domain/purchase-log.js';

export const COHORT_PERIODS = ['month', 'week', 'quarter'] as const;
export type CohortPeriod = (typeof COHORT_PERIODS)[number];

export const COHORT_METRICS = ['customers', 'retention', 'revenue', 'revenue-retention', 'orders', 'ltv'] as const;
export type CohortMetric = (typeof COHORT_METRICS)[number];

/** The label of customers without a group when cohorts are split (`groupOf[i]` null or missing). */
export const NO_GROUP = '(none)';

export interface CohortOptions {
  /** Exclusive end of the observation: purchases on days before it count. */
  asOf: EpochDay;
  /** Default `month`. */
  period?: CohortPeriod;
  /** Keep customers acquired on or after this day. */
  since?: EpochDay | null;
  /** Keep customers acquired on or before this day. */
  until?: EpochDay | null;
  /**
   * Splits cohorts by a customer attribute: one label per customer index of `log.customers` (platform, shop,
   * segment …). Null or missing labels become `(none)`.
   */
  groupOf?: readonly (string | null | undefined)[] | null;
}

export interface CohortCell {
  /** Distinct cohort customers with a purchase in the period. */
  customers: number;
  /** Net revenue in the period, minor units. */
  revenue: number;
  orders: number;
  /** Net revenue of the cohort from period 0 through this period, minor units. */
  cumulativeRevenue: number;
}

export interface Cohort {
  /** The split label, or null when not split. */
  group: string | null;
  /** Period index of the acquisition period (months/weeks/quarters since 1970). */
  index: number;
  /** `2024-03`, `2024-W09`, `2024-Q1`. */
  label: string;
  /** First day of the acquisition period. */
  start: EpochDay;
  /** Customers acquired in the period. */
  size: number;
  /** Periods since acquisition 0..periods-1; null where the period starts on or after as-of. */
  cells: (CohortCell | null)[];
}

export interface CohortAnalysis {
  period: CohortPeriod;
  asOf: EpochDay;
  /** Number of period columns (0..periods-1), the same for every cohort. */
  periods: number;
  /** True when the day before as-of is not the last day of its period: the newest cells count part of a period. */
  lastPeriodPartial: boolean;
  /** Customers measured as of their own shop's day (PurchaseLog.lag): each cohort's cells end at its customers' earliest. */
  ownEnds?: true;
  /** Customers in all cohorts (= Σ size). */
  customers: number;
  /** Sorted by group, then cohort. */
  cohorts: Cohort[];
  /** The split labels in order, or null when not split. */
  groups: string[] | null;
}

interface PeriodScheme {
  index(day: EpochDay): number;
  label(index: number): string;
  start(index: number): EpochDay;
}

const SCHEMES: Record<CohortPeriod, PeriodScheme> = {
  month: { index: monthIndex, label: formatMonth, start: (i) => dayFromCivil(1970 + Math.floor(i / 12), (i % 12) + 1, 1) },
  quarter: { index: quarterIndex, label: formatQuarter, start: (i) => dayFromCivil(1970 + Math.floor(i / 4), (i % 4) * 3 + 1, 1) },
  week: { index: weekIndex, label: formatWeek, start: (i) => i * 7 - 3 },
};

/** Whether a day is the first day of its period. */
export function startsPeriod(day: EpochDay, period: CohortPeriod): boolean {
  const s = SCHEMES[period];
  return s.start(s.index(day)) === day;
}

interface Accumulator {
  group: string | null;
  index: number;
  size: number;
  customers: number[];
  revenue: number[];
  orders: number[];
  /** The last day every customer of the cohort was observed (the earliest own as-of − 1); absent: as-of − 1. */
  lastDay?: EpochDay;
}

/** Builds the cohort table of a purchase log. Pure: the log is not changed. */
export function analyzeCohorts(log: PurchaseLog, options: CohortOptions): CohortAnalysis {
  const period = options.period ?? 'month';
  const scheme = SCHEMES[period];
  const { asOf } = options;
  const since = options.since ?? null;
  const until = options.until ?? null;
  const groupOf = options.groupOf ?? null;
  // Period indexes are computed once per distinct day.
  const indexCache = new Map<number, number>();
  const indexOf = (day: number): number => {
    let i = indexCache.get(day);
    if (i === undefined) {
      i = scheme.index(day);
      indexCache.set(day, i);
    }
    return i;
  };

  const accs = new Map<string, Accumulator>();
  let minIndex = Number.POSITIVE_INFINITY;
  let customers = 0;
  const lag = log.lag;
  forEachCustomer(log, (c, start, end) => {
    const first = log.day[start];
    const lastObserved = lag === undefined ? asOf - 1 : asOf - 1 - lag[c];
    if (first > lastObserved) return;
    if (since !== null && first < since) return;
    if (until !== null && first > until) return;
    const group = groupOf === null ? null : (groupOf[c] ?? NO_GROUP);
    const cohort = indexOf(first);
    const key = `${group ?? ''}\u0000${cohort}`;
    let acc = accs.get(key);
    if (!acc) {
      acc = { group, index: cohort, size: 0, customers: [], revenue: [], orders: [] };
      accs.set(key, acc);
    }
    acc.size++;
    if (lag !== undefined) acc.lastDay = Math.min(acc.lastDay ?? lastObserved, lastObserved);
    customers++;
    if (cohort < minIndex) minIndex = cohort;
    let lastK = -1;
    for (let e = start; e < end; e++) {
      const day = log.day[e];
      if (day > lastObserved) break; // entries are sorted by day within a customer
      const k = indexOf(day) - cohort;
      if (k !== lastK) {
        acc.customers[k] = (acc.customers[k] ?? 0) + 1;
        lastK = k;
      }
      acc.revenue[k] = (acc.revenue[k] ?? 0) + log.net[e];
      acc.orders[k] = (acc.orders[k] ?? 0) + log.orders[e];
    }
  });

  const analysis = finishCohorts(accs.values(), { period, asOf, minIndex, customers, split: groupOf !== null });
  return lag === undefined ? analysis : { ...analysis, ownEnds: true };
}

/**
 * The cohort table from cohort counts (domain/aggregates.ts): the same analysis as analyzeCohorts of the log they
 * were counted from. `since`/`until` keep whole cohorts (the caller checks they fall on period boundaries: a
 * cohort is kept when its first day ≥ since and its last day ≤ until); `by` splits by the counts' platform or
 * platform/shop, labelled as labelCustomers does.
 */
export function cohortsFromCounts(counts: CohortCounts, options: CohortOptions & { by?: 'platform' | 'shop' | null }): CohortAnalysis {
  const period = options.period ?? 'month';
  if (period !== counts.period) throw new RangeError(`cohortsFromCounts: the counts are by ${counts.period}, not ${period}`);
  const scheme = SCHEMES[period];
  const { asOf } = options;
  const since = options.since ?? null;
  const until = options.until ?? null;
  const by = options.by ?? null;
  const lastIndex = scheme.index(asOf - 1);
  const accs = new Map<string, Accumulator>();
  let minIndex = Number.POSITIVE_INFINITY;
  let customers = 0;
  for (const cell of counts.cells) {
    if (cell.cohort > lastIndex || cell.cohort + cell.period > lastIndex) continue;
    if (since !== null && scheme.start(cell.cohort) < since) continue;
    if (until !== null && scheme.start(cell.cohort + 1) - 1 > until) continue;
    const group = by === null ? null : by === 'platform' ? cell.platform : `${cell.platform}/${cell.shop}`;
    const key = `${group ?? ''}\u0000${cell.cohort}`;
    let acc = accs.get(key);
    if (!acc) {
      acc = { group, index: cell.cohort, size: 0, customers: [], revenue: [], orders: [] };
      accs.set(key, acc);
    }
    const k = cell.period;
    acc.customers[k] = (acc.customers[k] ?? 0) + cell.customers;
    acc.revenue[k] = (acc.revenue[k] ?? 0) + cell.revenue;
    acc.orders[k] = (acc.orders[k] ?? 0) + cell.orders;
    if (k === 0) {
      acc.size += cell.customers;
      customers += cell.customers;
      if (cell.cohort < minIndex) minIndex = cell.cohort;
    }
  }
  return finishCohorts(accs.values(), { period, asOf, minIndex, customers, split: by !== null });
}

/** The cells of every accumulated cohort, sorted; cells of periods not yet started at as-of are null. */
function finishCohorts(
  accs: Iterable<Accumulator>,
  { period, asOf, minIndex, customers, split }: { period: CohortPeriod; asOf: EpochDay; minIndex: number; customers: number; split: boolean },
): CohortAnalysis {
  const scheme = SCHEMES[period];
  const lastIndex = scheme.index(asOf - 1);
  // a cohort whose customers' own ends are earlier (PurchaseLog.lag) stops there
  const lastOf = (acc: Accumulator) => (acc.lastDay === undefined ? lastIndex : scheme.index(acc.lastDay));
  const all = [...accs];
  // as many periods as the longest-running cohort reaches: lastIndex − minIndex + 1 unless cohorts end early
  let reach = 0;
  for (const acc of all) reach = Math.max(reach, lastOf(acc) - acc.index + 1);
  const periods = customers === 0 ? 0 : Math.min(lastIndex - minIndex + 1, reach);
  const cohorts: Cohort[] = [];
  let ownEnds = false;
  let ownPartial = false;
  for (const acc of all) {
    const cells: (CohortCell | null)[] = [];
    let cumulative = 0;
    const accLast = lastOf(acc);
    if (acc.lastDay !== undefined) {
      ownEnds = true;
      if (acc.lastDay !== scheme.start(accLast + 1) - 1) ownPartial = true;
    }
    for (let k = 0; k < periods; k++) {
      if (acc.index + k > accLast) {
        cells.push(null);
        continue;
      }
      const revenue = acc.revenue[k] ?? 0;
      cumulative += revenue;
      cells.push({ customers: acc.customers[k] ?? 0, revenue, orders: acc.orders[k] ?? 0, cumulativeRevenue: cumulative });
    }
    cohorts.push({ group: acc.group, index: acc.index, label: scheme.label(acc.index), start: scheme.start(acc.index), size: acc.size, cells });
  }
  cohorts.sort((a, b) => compareText(a.group ?? '', b.group ?? '') || a.index - b.index);
  const groups = split ? [...new Set(cohorts.map((c) => c.group ?? NO_GROUP))] : null;
  return {
    period,
    asOf,
    periods,
    lastPeriodPartial: ownEnds ? ownPartial : asOf - 1 !== scheme.start(lastIndex + 1) - 1,
    customers,
    cohorts,
    groups,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds half away from zero (money averages to integer minor units). */
function roundMinor(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The value of one cell under a metric; null for a cell not yet reached at as-of (or a ratio without a base). */
export function cohortValue(cohort: Cohort, k: number, metric: CohortMetric): number | null {
  const cell = cohort.cells[k];
  if (!cell) return null;
  switch (metric) {
    case 'customers':
      return cell.customers;
    case 'retention':
      return cell.customers / cohort.size;
    case 'revenue':
      return cell.revenue;
    case 'orders':
      return cell.orders;
    case 'revenue-retention': {
      const base = cohort.cells[0]?.revenue ?? 0;
      return base > 0 ? cell.revenue / base : null;
    }
    case 'ltv':
      return roundMinor(cell.cumulativeRevenue / cohort.size);
  }
}

/**
 * The size-weighted average of a metric per period over the given cohorts: Σ size·value / Σ size over the
 * cohorts whose value at that period is not null; null where no cohort has a value.
 */
export function averageCohortValues(cohorts: readonly Cohort[], periods: number, metric: CohortMetric): (number | null)[] {
  const out: (number | null)[] = [];
  for (let k = 0; k < periods; k++) {
    let weights = 0;
    let sum = 0;
    for (const c of cohorts) {
      const cell = c.cells[k];
      if (!cell) continue;
      if (metric === 'ltv' || metric === 'retention') {
        // size · (x / size) = x exactly, so sum the raw measure.
        sum += metric === 'ltv' ? cell.cumulativeRevenue : cell.customers;
        weights += c.size;
        continue;
      }
      const v = cohortValue(c, k, metric);
      if (v === null) continue;
      sum += c.size * v;
      weights += c.size;
    }
    if (weights === 0) out.push(null);
    else out.push(metric === 'ltv' || metric === 'revenue' ? roundMinor(sum / weights) : sum / weights);
  }
  return out;
}

/** Column key of period k in the wide layout: `month_0`, `week_3`, `quarter_1`. */
export function periodKey(period: CohortPeriod, k: number): string {
  return `${period}_${k}`;
}

/** The label of the average row in the wide layout. */
export const AVERAGE_LABEL = 'average';

export type CohortMatrixRow = Record<string, string | number | null>;

/**
 * Wide layout: one row per cohort (`group` first when split), `cohort`, `cohort_size`, then one column per
 * period (`month_0` …) holding the metric; after each group's cohorts, its size-weighted average row.
 */
export function cohortMatrix(analysis: CohortAnalysis, metric: CohortMetric): CohortMatrixRow[] {
  const rows: CohortMatrixRow[] = [];
  const split = analysis.groups !== null;
  const groups = analysis.groups ?? [null];
  for (const g of groups) {
    const members = analysis.cohorts.filter((c) => !split || c.group === g);
    if (members.length === 0) continue;
    for (const c of members) {
      const row: CohortMatrixRow = split ? { group: g } : {};
      row.cohort = c.label;
      row.cohort_size = c.size;
      for (let k = 0; k < analysis.periods; k++) row[periodKey(analysis.period, k)] = cohortValue(c, k, metric);
      rows.push(row);
    }
    const avg: CohortMatrixRow = split ? { group: g } : {};
    avg.cohort = AVERAGE_LABEL;
    avg.cohort_size = members.reduce((s, c) => s + c.size, 0);
    const values = averageCohortValues(members, analysis.periods, metric);
    for (let k = 0; k < analysis.periods; k++) avg[periodKey(analysis.period, k)] = values[k];
    rows.push(avg);
  }
  return rows;
}

export type CohortLongRow = {
  group?: string;
  cohort: string;
  period: number;
  customers: number | null;
  cohort_size: number;
  retention: number | null;
  revenue: number | null;
  orders: number | null;
  cumulative_revenue_per_customer: number | null;
};

/**
 * Long layout: one row per cohort and period 0..periods-1 (a full rectangle, like the matrix). Cells beyond
 * as-of keep their cohort, period and size with null measures. No average rows.
 */
export function cohortLong(analysis: CohortAnalysis): CohortLongRow[] {
  const rows: CohortLongRow[] = [];
  for (const c of analysis.cohorts) {
    for (let k = 0; k < analysis.periods; k++) {
      const cell = c.cells[k];
      const row: CohortLongRow = {
        cohort: c.label,
        period: k,
        customers: cell ? cell.customers : null,
        cohort_size: c.size,
        retention: cohortValue(c, k, 'retention'),
        revenue: cell ? cell.revenue : null,
        orders: cell ? cell.orders : null,
        cumulative_revenue_per_customer: cohortValue(c, k, 'ltv'),
      };
      rows.push(c.group === null ? row : { group: c.group, ...row });
    }
  }
  return rows;
}
