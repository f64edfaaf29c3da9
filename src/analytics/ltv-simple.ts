/**
 * The textbook lifetime value (the CRM-course formula a shop owner can check by hand):
 *
 *   CLV = AOV × purchases per year × expected remaining lifetime (years) × margin × discount factor
 *
 * per customer, with every factor kept so the report can show how the number was made:
 * - purchases are purchase days (orders on one local day count once, as everywhere in `ltv`) up to the
 *   calibration end; AOV = net revenue / purchases (minor units);
 * - purchases per year = purchases / max(observed years, minimum span), observed years = (calibration end −
 *   first purchase + 1 day) / 365.25: a customer seen for less than the minimum span is not annualised (with a
 *   one-year minimum, a one-week customer with 2 purchases buys 2 a year, not 104);
 * - the expected remaining lifetime L is given, or 1 / yearly churn rate (`yearlyChurn`, below);
 * - discount factor: the purchases spread evenly over L, in the monthly steps of the model path (t_k = k ×
 *   30.4375 days, the last at L), each discounted at its end: Σ_k (t_k − t_{k−1}) / L × exp(−δ t_k).
 *
 * Unlike the models, it assumes every customer is still a customer (it ignores who is already gone) and that
 * each keeps buying at their past yearly rate for the whole lifetime.
 *
 * Yearly churn rate, as `orderlens churn` defines churn (flagChurn with its defaults): of the customers who
 * were not churned (active or at risk) at as-of − 365 days, the share that is churned at as-of. Each status is
 * judged with the purchases before its own day, so the rate uses no purchase after as-of.
 */
import type { EpochDay } from '../domain/day.js';
import { DAYS_PER_YEAR } from '../domain/horizon.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { CustomerData } from '../domain/aggregates.js';
import { rangeError } from '../errors.js';
import { flagChurn, gapThreshold } from './churn.js';
import { tabulateHoldout, type HoldoutRow } from './holdout-table.js';
import { clvSteps } from './ltv.js';
import { summarizeBtyd, type BtydSummary } from './ltv-summary.js';

/** The churn window: one year of whole days. */
export const CHURN_WINDOW_DAYS = 365;
/** Below these the yearly churn rate is flagged as uncertain: customers in its base, days of history before its start. */
export const MIN_CHURN_BASE = 100;
export const MIN_CHURN_HISTORY_DAYS = 180;
/** Default minimum span of the purchases-per-year rate, in days (one year). */
export const DEFAULT_MIN_SPAN_DAYS = DAYS_PER_YEAR;

export interface YearlyChurn {
  /** The two days the churn statuses are taken on (as-of − 365 and as-of; exclusive ends). */
  start: EpochDay;
  end: EpochDay;
  /** Customers not churned (active or at risk) at `start`. */
  base: number;
  /** Of `base`, the customers churned at `end`. */
  churned: number;
  /** churned / base; null when it cannot be measured (see `missing`). */
  rate: number | null;
  /** Why there is no rate: no customer before `start`, no repeat gap before `start` to set the churn line, or nobody churned. */
  missing: 'no_customers_at_start' | 'no_gaps_at_start' | 'none_churned' | null;
  /** Days from the first purchase in the log to `start` (0 when none is before it): what the first status rests on. */
  historyBeforeStart: number;
  /** The churn command's global threshold G on each day (days), null where there is none. */
  thresholdStart: number | null;
  thresholdEnd: number | null;
}

/** The yearly churn rate of the customers before `asOf`, with `orderlens churn`'s rule (see the module doc). */
export function yearlyChurn(log: PurchaseLog, asOf: EpochDay): YearlyChurn {
  const start = asOf - CHURN_WINDOW_DAYS;
  let first = Infinity;
  for (let i = 0; i < log.day.length; i++) if (log.day[i] < first) first = log.day[i];
  const historyBeforeStart = first < start ? start - first : 0;
  const result: YearlyChurn = { start, end: asOf, base: 0, churned: 0, rate: null, missing: null, historyBeforeStart, thresholdStart: null, thresholdEnd: null };
  if (gapThreshold(log, start).days === null) {
    // flagChurn cannot set a churn line without a repeat gap; with no customer at all it is the other reason
    result.missing = historyBeforeStart > 0 ? 'no_gaps_at_start' : 'no_customers_at_start';
    return result;
  }
  const before = flagChurn(log, { asOf: start, detail: false });
  const after = flagChurn(log, { asOf, detail: false });
  result.thresholdStart = before.threshold;
  result.thresholdEnd = after.threshold;
  const churnedAtEnd = new Uint8Array(log.customerCount);
  for (const r of after.rows) if (r.status === 'churned') churnedAtEnd[r.index] = 1;
  for (const r of before.rows) {
    if (r.status === 'churned') continue;
    result.base++;
    result.churned += churnedAtEnd[r.index];
  }
  if (result.base === 0) result.missing = 'no_customers_at_start';
  else if (result.churned === 0) result.missing = 'none_churned';
  else result.rate = result.churned / result.base;
  return result;
}

/**
 * The discount factor of a purchase stream spread evenly over `days`: Σ_k (t_k − t_{k−1}) / days × exp(−δ t_k)
 * over the model path's monthly steps. 1 without discounting.
 */
export function evenDiscountFactor(days: number, discountPerDay: number): number {
  if (discountPerDay === 0) return 1;
  let prev = 0;
  let sum = 0;
  for (const t of clvSteps(days)) {
    sum += ((t - prev) / days) * Math.exp(-discountPerDay * t);
    prev = t;
  }
  return sum;
}

export interface SimpleLtvOptions {
  /** Exclusive end of the observation: purchases on days < asOf count. */
  asOf: EpochDay;
  /** Last day of the calibration period (inclusive), for a holdout; default asOf − 1. */
  calibrationEnd?: EpochDay;
  /** Expected remaining lifetime in years (given, or 1 / yearly churn rate). */
  lifetimeYears: number;
  /** Minimum span of the purchases-per-year rate in days. Default one year. */
  minSpanDays?: number;
  /** Fraction of revenue that is margin. Default 1. */
  margin?: number;
  /** Continuous discount rate per day. Default 0. */
  discountPerDay?: number;
}

export type SimpleLtvRow = {
  /** Index into the log's customers. */
  index: number;
  /** The customer's stable key (CustomerRef.key) and display form. */
  key: string;
  customer: string;
  platform: string;
  shop: string;
  /** First and last purchase day (epoch days). */
  first_order: EpochDay;
  last_order: EpochDay;
  /** Purchase days up to the calibration end. */
  purchases: number;
  /** Net revenue up to the calibration end (minor units). */
  revenue: number;
  /** revenue / purchases (minor units). */
  aov: number;
  /** The span the yearly rate divides by: max(observed years, minimum span). */
  span_years: number;
  purchases_per_year: number;
  lifetime_years: number;
  margin: number;
  discount_factor: number;
  /** aov × purchases_per_year × lifetime_years × margin × discount_factor (minor units). */
  clv: number;
};

export interface SimpleLtv {
  summary: BtydSummary;
  rows: SimpleLtvRow[];
}

/** Per-customer textbook CLV at the calibration end; customers in the log's order. */
export function simpleLtv(log: CustomerData, options: SimpleLtvOptions): SimpleLtv {
  const L = options.lifetimeYears;
  if (!(L > 0) || !Number.isFinite(L)) throw rangeError('analysis.ltvSimple.lifetime', { got: String(L) });
  const end = options.asOf - 1;
  const summary = summarizeBtyd(log, { end, calibrationEnd: options.calibrationEnd ?? end, unit: 'day' });
  const minSpan = options.minSpanDays ?? DEFAULT_MIN_SPAN_DAYS;
  const margin = options.margin ?? 1;
  const discount = evenDiscountFactor(L * DAYS_PER_YEAR, options.discountPerDay ?? 0);
  const rows: SimpleLtvRow[] = [];
  for (let i = 0; i < summary.x.length; i++) {
    const c = log.customers[summary.customer[i]];
    const purchases = summary.x[i] + 1;
    const revenue = summary.revenue[i];
    const aov = revenue / purchases;
    const span = Math.max(summary.ageDays[i] + 1, minSpan) / DAYS_PER_YEAR;
    const perYear = purchases / span;
    rows.push({
      index: summary.customer[i],
      key: c.key,
      customer: c.display,
      platform: c.platform,
      shop: c.shop,
      first_order: summary.first[i],
      last_order: summary.last[i],
      purchases,
      revenue,
      aov,
      span_years: span,
      purchases_per_year: perYear,
      lifetime_years: L,
      margin,
      discount_factor: discount,
      clv: aov * perYear * L * margin * discount,
    });
  }
  return { summary, rows };
}

export type SimpleLtvGroupRow = {
  group: string;
  customers: number;
  purchases: number;
  revenue: number;
  /**
   * Σ (aov × purchases_per_year) / Σ purchases_per_year: the value of the group's yearly purchases, so that
   * aov × purchases_per_year × lifetime × margin × discount = clv_per_customer holds for the group too.
   */
  aov: number | null;
  /** Mean purchases per year per customer. */
  purchases_per_year: number;
  lifetime_years: number;
  margin: number;
  discount_factor: number;
  clv: number;
  clv_per_customer: number;
};

/** Sums customer rows by a label; groups in `order` (others follow, sorted), empty groups left out. */
export function summarizeSimpleLtv(rows: readonly SimpleLtvRow[], labelOf: (row: SimpleLtvRow) => string, order: readonly string[] = []): SimpleLtvGroupRow[] {
  const groups = new Map<string, { n: number; purchases: number; revenue: number; value: number; perYear: number; clv: number; first: SimpleLtvRow }>();
  for (const r of rows) {
    const key = labelOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: 0, purchases: 0, revenue: 0, value: 0, perYear: 0, clv: 0, first: r }));
    g.n++;
    g.purchases += r.purchases;
    g.revenue += r.revenue;
    g.value += r.aov * r.purchases_per_year;
    g.perYear += r.purchases_per_year;
    g.clv += r.clv;
  }
  const rest = [...groups.keys()].filter((k) => !order.includes(k)).sort();
  return [...order.filter((k) => groups.has(k)), ...rest].map((group) => {
    const g = groups.get(group)!;
    return {
      group,
      customers: g.n,
      purchases: g.purchases,
      revenue: g.revenue,
      aov: g.perYear > 0 ? g.value / g.perYear : null,
      purchases_per_year: g.perYear / g.n,
      lifetime_years: g.first.lifetime_years,
      margin: g.first.margin,
      discount_factor: g.first.discount_factor,
      clv: g.clv,
      clv_per_customer: g.clv / g.n,
    };
  });
}

/**
 * The textbook prediction of the holdout (calibration end, end]: every customer alive, buying at their
 * calibration-period yearly rate for min(holdout, lifetime). Same table as the model path.
 */
export function simpleHoldout(simple: SimpleLtv): { days: number; rows: HoldoutRow[] } {
  const { summary, rows } = simple;
  const years = summary.holdoutDays / DAYS_PER_YEAR;
  const predicted = Float64Array.from(rows, (r) => r.purchases_per_year * Math.min(years, r.lifetime_years));
  return { days: summary.holdoutDays, rows: tabulateHoldout(summary.x, summary.holdoutX, predicted) };
}
