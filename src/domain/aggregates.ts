/**
 * The aggregates a warehouse (or orderlens itself) computes from the orders, which the customer reports can
 * start from instead of a purchase log (README "Reports from aggregates"):
 *
 * - the per-customer summary as of a day: first and last purchase day, purchase days, orders, net and gross
 *   revenue, net of the repeat purchase days, median gap between purchase days;
 * - the gap histogram: gaps between consecutive purchase days, counted per length;
 * - the cohort counts: per acquisition period and periods since it, active customers, orders, net revenue.
 *
 * Same counting rules as the purchase log (counted statuses, local days, same-day orders one purchase day,
 * returns added to the purchase day they give back). `asOf` is exclusive: purchases on days before it count.
 */
import type { EpochDay } from './day.js';
import type { CustomerRef, PurchaseLog } from './purchase-log.js';

/** What the per-customer reports need of their customers besides the numbers: identity and currency. */
export type CustomerList = Pick<PurchaseLog, 'customers' | 'currency' | 'minorDigits'>;

/** The per-customer summary, in columns: row i is `customers[i]`. */
export interface CustomerAggregates {
  kind: 'aggregates';
  currency: string;
  minorDigits: number;
  /** Exclusive end of the observation. */
  asOf: EpochDay;
  customers: CustomerRef[];
  first: Int32Array;
  last: Int32Array;
  /** Distinct purchase days before asOf (≥ 1). */
  purchaseDays: Int32Array;
  orders: Int32Array;
  /** Minor units: net and gross of all purchase days, net of the purchase days after the first. */
  revenue: Float64Array;
  gross: Float64Array;
  repeatRevenue: Float64Array;
  /** Median gap between consecutive purchase days; NaN for one purchase day. */
  medianGap: Float64Array;
  /** Orders without a buyer identity are not in aggregates (always 0: the summary cannot know them). */
  ordersWithoutBuyer: 0;
}

/** A purchase log or the per-customer summary of one: what the customer analytics start from. */
export type CustomerData = PurchaseLog | CustomerAggregates;

export function isAggregates(data: CustomerData): data is CustomerAggregates {
  return (data as Partial<CustomerAggregates>).kind === 'aggregates';
}

/** Gaps between consecutive purchase days before asOf: `counts[g]` gaps of g days. */
export interface GapHistogram {
  asOf: EpochDay;
  counts: Float64Array;
  /** Σ counts. */
  gaps: number;
}

/** A row of the gap histogram file: gaps of one length of one platform and shop. */
export interface GapHistogramRow {
  platform: string;
  shop: string;
  gapDays: number;
  gaps: number;
}

export type AggregatePeriod = 'month' | 'week' | 'quarter';

/** One cell of the cohort counts. */
export interface CohortCountCell {
  platform: string;
  shop: string;
  /** Period index (months, ISO weeks or quarters since 1970) of the acquisition period. */
  cohort: number;
  /** Periods since acquisition (0 = the acquisition period). */
  period: number;
  customers: number;
  orders: number;
  /** Net, minor units. */
  revenue: number;
}

export interface CohortCounts {
  asOf: EpochDay;
  period: AggregatePeriod;
  currency: string;
  cells: CohortCountCell[];
}
