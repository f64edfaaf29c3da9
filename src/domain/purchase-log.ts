/**
 * The input of every customer analytic: counted purchases collapsed to one entry per customer per local
 * day, in columns (typed arrays) so that millions of entries stay small and fast.
 *
 * Entries are sorted by customer index, then by day. Only counted orders are in it (see COUNTED_STATUSES);
 * orders without a buyer are left out and counted in `ordersWithoutBuyer`.
 */
import type { EpochDay } from './day.js';

export interface CustomerRef {
  /** Stable key: the opaque platform id as given, or `h:` + keyed hash for personal data. */
  key: string;
  /** What to show people: the opaque id, or a masked form (`zh***@gmail.com`). */
  display: string;
  platform: string;
  shop: string;
  /** The clear identifier, only where the database keeps personal data (`--keep-pii`). */
  clear: string | null;
}

export interface PurchaseLog {
  currency: string;
  /** Digits after the decimal point of `currency` (2 for CNY, 0 for JPY). */
  minorDigits: number;
  /**
   * The customers' references; `customers[i]` is customer index i. loadPurchaseLog reads them from the
   * database on first use: code that only needs how many there are reads `customerCount`.
   */
  customers: CustomerRef[];
  /** customers.length. */
  customerCount: number;
  /** Index into `customers`, one per entry. */
  customer: Int32Array;
  day: Int32Array;
  /** Orders on that day (≥ 1). */
  orders: Int32Array;
  /** Minor units, summed over the day's orders. */
  gross: Float64Array;
  net: Float64Array;
  /** Orders left out because the export had no buyer identity. */
  ordersWithoutBuyer: number;
  /**
   * The returns and credit notes added into `net` (db/queries.ts applyReturns), each with the entry it was
   * added to and its own day, so that a report as of an earlier day can take out those it could not yet know
   * (asOfLog). Absent: no returns in `net`.
   */
  returns?: LogReturns;
  /**
   * A store of several shops whose data end on different days, measured without --as-of: per customer index,
   * how many days before the report's as-of day the customer's own shop's data end (≥ 0; the latest shop 0).
   * Customer c is measured as of `asOf − lag[c]` (customerAsOf): each shop from the day after its own last
   * order. Absent: every customer as of the one as-of day.
   */
  lag?: Int32Array;
}

/**
 * A log whose customers are all measured as of one day (no PurchaseLog.lag): what a database or a list of
 * purchases gives (loadPurchaseLog, buildLog) before withLag measures shops from their own days. What takes one
 * day for all customers (the warehouse aggregates, analytics/aggregates.ts) takes this type, so a lagged log does
 * not compile there.
 */
export type OneDayLog = PurchaseLog & { lag?: undefined };

/** The exclusive end of customer `c`'s observation in a report as of `asOf` (see PurchaseLog.lag). */
export function customerAsOf(log: Pick<PurchaseLog, 'lag'>, c: number, asOf: EpochDay): EpochDay {
  return log.lag === undefined ? asOf : asOf - log.lag[c];
}

/** Each shop's last purchase day and, when they differ, every customer's lag (PurchaseLog.lag). */
export interface ShopEnds {
  /** Per shop index: the last purchase day of its customers in the log, null for a shop without one. */
  last: (EpochDay | null)[];
  /** Per customer index: the latest shop's last day − the customer's shop's last day; null when every shop ends on one day. */
  lag: Int32Array | null;
}

/**
 * The shops' own last days in `log`, `shopOf[c]` being customer c's shop (0 … shops − 1). Pure: one pass over
 * the entries.
 */
export function measureShopEnds(log: PurchaseLog, shopOf: Int32Array, shops: number): ShopEnds {
  const last: (EpochDay | null)[] = new Array<EpochDay | null>(shops).fill(null);
  for (let i = 0; i < log.day.length; i++) {
    const s = shopOf[log.customer[i]];
    const d = log.day[i];
    if (last[s] === null || d > last[s]) last[s] = d;
  }
  const days = last.filter((d): d is EpochDay => d !== null);
  const latest = days.length === 0 ? 0 : Math.max(...days);
  if (days.every((d) => d === latest)) return { last, lag: null };
  const lag = new Int32Array(shopOf.length);
  for (let c = 0; c < shopOf.length; c++) lag[c] = latest - (last[shopOf[c]] ?? latest);
  return { last, lag };
}

/** `log` with per-customer lags (PurchaseLog.lag): a log sharing every column (and `customers` read on first use). */
export function withLag(log: PurchaseLog, lag: Int32Array): PurchaseLog {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(log)) as PurchaseLog;
  out.lag = lag;
  return out;
}

/** Returns added into a log's `net`: entry index, the return's own local day, its (negative) net; sorted by day. */
export interface LogReturns {
  entry: Int32Array;
  day: Int32Array;
  net: Float64Array;
}

/**
 * The log as known on the eve of `asOf` (exclusive): the returns dated on or after it are taken back out of
 * the net of the purchase days they were added to, so a report as of a past day does not count a return the
 * shop had not had yet. The log itself when there is none (no copy); else a log that shares every column but
 * `net` (and keeps `customers` read on first use).
 */
export function asOfLog(log: PurchaseLog, asOf: EpochDay): PurchaseLog {
  const r = log.returns;
  if (!r || r.day.length === 0 || (log.lag === undefined && r.day[r.day.length - 1] < asOf)) return log;
  let known: LogReturns;
  let net: Float64Array;
  if (log.lag === undefined) {
    // returns are sorted by day: those from `first` on are on or after asOf
    let first = r.day.length;
    while (first > 0 && r.day[first - 1] >= asOf) first--;
    net = Float64Array.from(log.net);
    for (let i = first; i < r.day.length; i++) net[r.entry[i]] -= r.net[i];
    known = { entry: r.entry.subarray(0, first), day: r.day.subarray(0, first), net: r.net.subarray(0, first) };
  } else {
    // each return against its own customer's as-of (still sorted by day)
    net = Float64Array.from(log.net);
    const keep: number[] = [];
    for (let i = 0; i < r.day.length; i++) {
      if (r.day[i] >= asOf - log.lag[log.customer[r.entry[i]]]) net[r.entry[i]] -= r.net[i];
      else keep.push(i);
    }
    if (keep.length === r.day.length) return log;
    known = { entry: Int32Array.from(keep, (i) => r.entry[i]), day: Int32Array.from(keep, (i) => r.day[i]), net: Float64Array.from(keep, (i) => r.net[i]) };
  }
  // copied by descriptor: spreading would call the `customers` getter (a read of every customer)
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(log)) as PurchaseLog;
  out.net = net;
  out.returns = known;
  return out;
}

/** The last day with a purchase, or null for an empty log. */
export function lastDay(log: PurchaseLog): EpochDay | null {
  let max: number | null = null;
  for (let i = 0; i < log.day.length; i++) if (max === null || log.day[i] > max) max = log.day[i];
  return max;
}

/**
 * Calls `fn(customerIndex, start, end)` for each customer's run of entries [start, end). Runs are in
 * customer order; customers without entries are skipped.
 */
export function forEachCustomer(log: PurchaseLog, fn: (customer: number, start: number, end: number) => void): void {
  const n = log.customer.length;
  let start = 0;
  while (start < n) {
    const c = log.customer[start];
    let end = start + 1;
    while (end < n && log.customer[end] === c) end++;
    fn(c, start, end);
    start = end;
  }
}

/** Builds a log from plain entries (tests and small inputs); sorts them by customer then day and merges same-day entries. */
export function buildLog(
  customers: CustomerRef[],
  entries: { customer: number; day: EpochDay; orders?: number; gross?: number; net: number }[],
  currency = 'CNY',
  minorDigits = 2,
): OneDayLog {
  const sorted = [...entries].sort((a, b) => a.customer - b.customer || a.day - b.day);
  const merged: { customer: number; day: number; orders: number; gross: number; net: number }[] = [];
  for (const e of sorted) {
    const last = merged[merged.length - 1];
    const orders = e.orders ?? 1;
    const gross = e.gross ?? e.net;
    if (last && last.customer === e.customer && last.day === e.day) {
      last.orders += orders;
      last.gross += gross;
      last.net += e.net;
    } else merged.push({ customer: e.customer, day: e.day, orders, gross, net: e.net });
  }
  return {
    currency,
    minorDigits,
    customers,
    customerCount: customers.length,
    customer: Int32Array.from(merged, (e) => e.customer),
    day: Int32Array.from(merged, (e) => e.day),
    orders: Int32Array.from(merged, (e) => e.orders),
    gross: Float64Array.from(merged, (e) => e.gross),
    net: Float64Array.from(merged, (e) => e.net),
    ordersWithoutBuyer: 0,
  };
}

/**
 * A log's columns without its customers' references: what crosses to another thread (a worker has no
 * database to read them from). Typed arrays on shared memory are shared there, others copied.
 */
export type LogColumns = Omit<PurchaseLog, 'customers'>;

/** The columns of `log` (its references, which may be read on first use, are not touched). */
export function logColumns(log: PurchaseLog): LogColumns {
  const { currency, minorDigits, customerCount, customer, day, orders, gross, net, ordersWithoutBuyer, returns, lag } = log;
  return { currency, minorDigits, customerCount, customer, day, orders, gross, net, ordersWithoutBuyer, ...(returns ? { returns } : {}), ...(lag ? { lag } : {}) };
}

/** A log of `columns` for analytics that only count, sum and score: reading its customers' references throws. */
export function referencelessLog(columns: LogColumns): PurchaseLog {
  return Object.defineProperty({ ...columns }, 'customers', {
    enumerable: false,
    get: () => {
      throw new Error('this purchase log has no customer references (a log\'s columns in another thread)');
    },
  }) as PurchaseLog;
}
