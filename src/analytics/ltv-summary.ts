/**
 * PurchaseLog → the per-customer summary of the buy-till-you-die models, in the conventions of lifetimes,
 * CLVTools and BTYDplus (anchors-mission.md §b1):
 *
 * - purchases on the same local day are already one entry of the log (amounts summed);
 * - frequency x = purchase days − 1 (repeat purchases only);
 * - recency t_x = last purchase day − first purchase day (0 when x = 0) — not days since the last purchase;
 * - T = end of calibration − first purchase day;
 * - spend = mean net amount of the repeat purchase days (first purchase excluded), NaN when x = 0.
 * - with a holdout, returns dated in it (after the calibration end) are holdout revenue, never calibration
 *   spend: the fit knows only what the shop knew at the calibration end.
 *
 * Days are integers; model time is days / unitDays (1 for `day`, 7 for `week`). All ends are inclusive: a
 * purchase on the calibration end day is in the calibration period. Customers whose first purchase is after
 * the calibration end are left out (they have no calibration history) and counted.
 *
 * A log with per-customer lags (PurchaseLog.lag: shops measured from their own last day) moves both ends of
 * each customer back by its lag: T, the holdout and what is ignored are each customer's own; `end` and
 * `calibrationEnd` of the summary are the latest shop's.
 */
import type { EpochDay } from '../domain/day.js';
import { isAggregates, type CustomerAggregates, type CustomerData } from '../domain/aggregates.js';
import { asOfLog, forEachCustomer } from '../domain/purchase-log.js';
import { compressBtyd, compressSpend, sortedBtydData, type BtydData, type SpendData } from './models/btyd-data.js';

export type TimeUnit = 'day' | 'week';
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

export interface BtydSummaryOptions {
  /** Last observed day (inclusive); later entries are ignored. */
  end: EpochDay;
  /** Last day of the calibration period (inclusive); default `end` (no holdout). */
  calibrationEnd?: EpochDay;
  /** Time unit of the model. Default `week`. */
  unit?: TimeUnit;
}

/** Columns, one entry per customer in the calibration period, in the log's customer order. */
export interface BtydSummary {
  unit: TimeUnit;
  unitDays: number;
  end: EpochDay;
  calibrationEnd: EpochDay;
  /** end − calibrationEnd, in days (0 without a holdout). */
  holdoutDays: number;
  /** Index into the log's `customers`. */
  customer: Int32Array;
  first: Int32Array;
  /** Last purchase day in the calibration period. */
  last: Int32Array;
  x: Int32Array;
  recencyDays: Int32Array;
  /** T in days. */
  ageDays: Int32Array;
  /** Mean net of the repeat purchase days (minor units); NaN when x = 0. */
  spend: Float64Array;
  /** Net revenue in the calibration period (minor units, first purchase included). */
  revenue: Float64Array;
  /** Orders in the calibration period (before same-day merging). */
  orders: Int32Array;
  /** Purchase days and net revenue in (calibrationEnd, end]. */
  holdoutX: Int32Array;
  holdoutRevenue: Float64Array;
  /** Customers whose first purchase falls after the calibration end (not in the summary). */
  firstAfterCalibration: number;
  /** Log entries after `end` (ignored). */
  entriesAfterEnd: number;
  /** The log's shops were measured from their own last days (PurchaseLog.lag): `end` and `calibrationEnd` are the latest shop's. */
  ownEnds?: true;
}

export function summarizeBtyd(data: CustomerData, options: BtydSummaryOptions): BtydSummary {
  const unit = options.unit ?? 'week';
  const end = options.end;
  const calEnd = options.calibrationEnd ?? end;
  if (calEnd > end) throw new RangeError('summarizeBtyd: the calibration end is after the end of the data');
  if (isAggregates(data)) return btydOfAggregates(data, unit, end, calEnd);
  const log = data;
  // the calibration as known at its end: a return dated in the holdout is holdout revenue, not calibration spend
  const calNet = calEnd < end ? asOfLog(log, calEnd + 1).net : log.net;
  // one entry per customer with entries (a run of the log): sized first, filled in place
  let size = 0;
  for (let i = 0; i < log.customer.length; i++) if (i === 0 || log.customer[i] !== log.customer[i - 1]) size++;
  const cols = {
    customer: new Int32Array(size), first: new Int32Array(size), last: new Int32Array(size), x: new Int32Array(size), recency: new Int32Array(size), age: new Int32Array(size),
    spend: new Float64Array(size), revenue: new Float64Array(size), orders: new Int32Array(size), hx: new Int32Array(size), hrev: new Float64Array(size),
  };
  let n = 0;
  let firstAfter = 0;
  let afterEnd = 0;
  const lag = log.lag;
  forEachCustomer(log, (c, start, stop) => {
    // a customer's own ends when its shop's data end earlier (PurchaseLog.lag)
    const late = lag === undefined ? 0 : lag[c];
    const end = options.end - late;
    const calEnd = (options.calibrationEnd ?? options.end) - late;
    const first = log.day[start];
    if (first > calEnd) {
      if (first <= end) firstAfter++;
      for (let i = start; i < stop; i++) if (log.day[i] > end) afterEnd++;
      return;
    }
    let last = first;
    let days = 0;
    let revenue = 0;
    let repeatNet = 0;
    let orders = 0;
    let hx = 0;
    let hrev = 0;
    for (let i = start; i < stop; i++) {
      const d = log.day[i];
      if (d > end) {
        afterEnd++;
        continue;
      }
      if (d > calEnd) {
        hx++;
        hrev += log.net[i];
        continue;
      }
      days++;
      last = d;
      revenue += calNet[i];
      hrev += log.net[i] - calNet[i];
      orders += log.orders[i];
      if (i > start) repeatNet += calNet[i];
    }
    const x = days - 1;
    cols.customer[n] = c;
    cols.first[n] = first;
    cols.last[n] = last;
    cols.x[n] = x;
    cols.recency[n] = last - first;
    cols.age[n] = calEnd - first;
    cols.spend[n] = x > 0 ? repeatNet / x : NaN;
    cols.revenue[n] = revenue;
    cols.orders[n] = orders;
    cols.hx[n] = hx;
    cols.hrev[n] = hrev;
    n++;
  });
  // the customers whose first purchase is after the calibration end are not in it: the columns' first n
  const fit = <T extends Int32Array | Float64Array>(a: T): T => (n === size ? a : (a.slice(0, n) as T));
  return {
    unit,
    unitDays: UNIT_DAYS[unit],
    end,
    calibrationEnd: calEnd,
    holdoutDays: end - calEnd,
    customer: fit(cols.customer),
    first: fit(cols.first),
    last: fit(cols.last),
    x: fit(cols.x),
    recencyDays: fit(cols.recency),
    ageDays: fit(cols.age),
    spend: fit(cols.spend),
    revenue: fit(cols.revenue),
    orders: fit(cols.orders),
    holdoutX: fit(cols.hx),
    holdoutRevenue: fit(cols.hrev),
    firstAfterCalibration: firstAfter,
    entriesAfterEnd: afterEnd,
    ...(lag === undefined ? {} : { ownEnds: true as const }),
  };
}

/** The BTYD summary of a per-customer summary, which answers for its as-of only (no holdout). */
function btydOfAggregates(agg: CustomerAggregates, unit: TimeUnit, end: EpochDay, calEnd: EpochDay): BtydSummary {
  if (end !== agg.asOf - 1 || calEnd !== end) throw new RangeError(`summarizeBtyd: the summary ends on day ${agg.asOf - 1} and has no holdout`);
  const n = agg.customers.length;
  const x = Int32Array.from(agg.purchaseDays, (d) => d - 1);
  return {
    unit,
    unitDays: UNIT_DAYS[unit],
    end,
    calibrationEnd: calEnd,
    holdoutDays: 0,
    customer: Int32Array.from({ length: n }, (_, i) => i),
    first: agg.first.slice(),
    last: agg.last.slice(),
    x,
    recencyDays: Int32Array.from(agg.last, (d, i) => d - agg.first[i]),
    ageDays: Int32Array.from(agg.first, (d) => end - d),
    spend: Float64Array.from(agg.repeatRevenue, (r, i) => (x[i] > 0 ? r / x[i] : NaN)),
    revenue: agg.revenue.slice(),
    orders: agg.orders.slice(),
    holdoutX: new Int32Array(n),
    holdoutRevenue: new Float64Array(n),
    firstAfterCalibration: 0,
    entriesAfterEnd: 0,
  };
}

/** Recency and T of every summary row in model time units (days / unitDays). */
export function summaryTimes(summary: BtydSummary): { tx: Float64Array; T: Float64Array } {
  const n = summary.x.length;
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tx[i] = summary.recencyDays[i] / summary.unitDays;
    T[i] = summary.ageDays[i] / summary.unitDays;
  }
  return { tx, T };
}

/** The transaction models' input: the summary compressed to unique (x, t_x, T) rows. */
export function transactionData(summary: BtydSummary): BtydData {
  const compressed = compressDays(summary);
  if (compressed) return compressed;
  const { tx, T } = summaryTimes(summary);
  return compressBtyd(summary.x, tx, T);
}

/** The widest day count (and x) compressDays sorts by counting: wider summaries take compressBtyd. */
const COUNTING_RANGE = 1 << 22;

/**
 * compressBtyd's answer for a summary, from its whole days: the customers ordered by (x, T, t_x) with a
 * counting sort (t_x, then T, then x, each stable), equal rows counted as they come. Distinct whole days give
 * distinct model times (days / unitDays) in the same order, so the rows, weights and `rowOf` are compressBtyd's
 * to the bit, without a hash lookup per customer (millions of them on a big shop). Null where compressBtyd
 * must judge the rows (a recency outside 0…T, x = 0 with a recency) or the days span too wide a range.
 */
function compressDays(summary: BtydSummary): BtydData | null {
  const { x, recencyDays: rec, ageDays: age, unitDays } = summary;
  const n = x.length;
  let maxX = 0;
  let maxAge = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i] >= 0 && rec[i] >= 0 && rec[i] <= age[i] && (x[i] > 0 || rec[i] === 0))) return null;
    if (x[i] > maxX) maxX = x[i];
    if (age[i] > maxAge) maxAge = age[i];
  }
  if (maxX >= COUNTING_RANGE || maxAge >= COUNTING_RANGE) return null;
  // three stable counting passes, least significant key first
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (const key of [rec, age, x]) {
    const at = new Int32Array((key === x ? maxX : maxAge) + 2);
    for (let i = 0; i < n; i++) at[key[i] + 1]++;
    for (let v = 1; v < at.length; v++) at[v] += at[v - 1];
    for (let j = 0; j < n; j++) {
      const i = order[j];
      next[at[key[i]]++] = i;
    }
    [order, next] = [next, order];
  }
  const rowOf = new Int32Array(n);
  let rows = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    const p = j > 0 ? order[j - 1] : -1;
    if (p < 0 || x[i] !== x[p] || age[i] !== age[p] || rec[i] !== rec[p]) rows++;
    rowOf[i] = rows - 1;
  }
  const ux = new Float64Array(rows);
  const utx = new Float64Array(rows);
  const uT = new Float64Array(rows);
  const uw = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    const r = rowOf[i];
    if (uw[r]++ > 0) continue;
    ux[r] = x[i];
    utx[r] = rec[i] / unitDays;
    uT[r] = age[i] / unitDays;
  }
  return sortedBtydData(ux, utx, uT, uw, rowOf);
}

/**
 * The Gamma-Gamma input: repeat customers' mean spend in major currency units (so γ reads in the currency),
 * compressed. Customers whose mean repeat spend is ≤ 0 (refunds, free orders) are excluded and counted.
 */
export function spendData(summary: BtydSummary, minorDigits: number): { data: SpendData; excludedNonPositive: number } {
  const factor = Math.pow(10, minorDigits);
  const m = new Float64Array(summary.spend.length);
  for (let i = 0; i < m.length; i++) {
    const v = summary.spend[i];
    m[i] = Number.isNaN(v) ? 0 : v / factor;
  }
  return compressSpend(summary.x, m);
}
