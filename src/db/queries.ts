/**
 * Reading the store for reports: the purchase log every customer analytic starts from, and the database
 * summary for `orderlens info`.
 */
import { DataError } from '../errors.js';
import { formatDay, type EpochDay } from '../domain/day.js';
import { minorDigits } from '../domain/money.js';
import type { CustomerRef, OneDayLog, PurchaseLog } from '../domain/purchase-log.js';
import Database from 'better-sqlite3';
import type { Db } from './open.js';
import { readRuns, runCurrencies, type Run } from './purchase-runs.js';
import { COUNTED_CODES_SQL, REFUNDED_CODE, rowCurrencySql, statusTextSql } from './status-codes.js';
import { said } from '../report/said.js';

export interface OrderFilter {
  /** Inclusive local days. */
  since?: EpochDay;
  until?: EpochDay;
  platform?: string;
  shop?: string;
  currency?: string;
}

/** The one currency of the counted orders under `filter`; mixing currencies without --currency is an error. */
export function reportCurrency(db: Db, filter: OrderFilter): string | null {
  return pickCurrency(db, filter, new Sources(db))?.log.currency ?? null;
}

/**
 * Counted purchases under `filter`, one entry per customer and local day, sorted by customer then day.
 * Orders without a buyer are left out and counted. Read from the purchase runs (purchase-runs.ts), which
 * the writers keep equal to the counted orders.
 *
 * The customers' references (`log.customers`: key, display form, platform, shop) are read from the
 * database when first used, in one pass over `customers`: reports that only count, sum and score (rfm,
 * cohorts and pareto by segment, ltv's fit) never read them, which on a shop of millions of customers is
 * most of their time. Keep `db` open until they are used (a closed file database is opened again, read-only).
 */
export function loadPurchaseLog(db: Db, filter: OrderFilter = {}): OneDayLog {
  const sources = new Sources(db);
  const currency = filter.currency?.toUpperCase();
  const found = currency ? filterLog(db, readRuns(db, currency), currency, filter, sources) : (pickCurrency(db, filter, sources) ?? filterLog(db, readRuns(db, 'CNY'), 'CNY', filter, sources));
  applyReturns(db, found, filter);
  logIds.set(found.log, { ids: found.ids, sources });
  return found.log;
}

/**
 * A --platform/--shop that names no source stored is a mistyped name (`tmall` for `taobao`), not an empty
 * result: said with the sources the database holds (a data error, exit 1), instead of "no orders match".
 * The commands call it before loading; the library's loadPurchaseLog gives an empty log as before.
 */
export function refuseUnknownSource(db: Db, filter: OrderFilter): void {
  if (filter.platform === undefined && filter.shop === undefined) return;
  const held = db.prepare('SELECT platform, shop FROM sources ORDER BY platform, shop').raw(true).all() as [string, string][];
  if (held.some(([platform, shop]) => (filter.platform === undefined || platform === filter.platform) && (filter.shop === undefined || shop === filter.shop))) return;
  const asked = [filter.platform === undefined ? '' : `--platform ${filter.platform}`, filter.shop === undefined ? '' : `--shop ${filter.shop}`].filter((t) => t !== '').join(' ');
  if (held.length === 0) throw new DataError(said('data.noSourceEmpty', { asked }));
  const SHOWN = 20;
  const list = held.slice(0, SHOWN).map(([platform, shop]) => `${platform}/${shop}`);
  throw new DataError(said('data.noSource', { asked, n: held.length, list, more: held.length > SHOWN ? said('data.noSourceMore', { n: held.length - SHOWN }) : '' }));
}

/** What logShops needs of a log loadPurchaseLog made: its customers' database ids and the sources. */
const logIds = new WeakMap<PurchaseLog, { ids: Int32Array; sources: Sources }>();

/**
 * The shop (platform and shop: a source) of each customer of a log loadPurchaseLog made (the log itself, not a
 * copy): `shopOf[c]` indexes `shops`, which lists only the shops with a customer in the log, by platform and shop.
 * Null for a store of one source (nothing read). Customers are numbered as they are first seen, one import at a
 * time: when each source's ids form a range no other source's range overlaps, a customer's shop is the range its
 * id falls in (one GROUP BY, no row read into JS: a million customers' ids and sources as JSON cost ~110 MB);
 * else one aggregate over `customer_rows` (customerSources).
 */
export function logShops(db: Db, log: PurchaseLog): { shops: { platform: string; shop: string }[]; shopOf: Int32Array } | null {
  const known = logIds.get(log);
  if (!known) throw new Error('logShops: not a log loadPurchaseLog made');
  const { ids, sources } = known;
  if (sources.byId.size <= 1 || ids.length === 0) return null;
  const sourceOf = sourceRanges(db, sources) ?? customerSources(db, sources);
  // the same object per source (sources.byId): numbered first, then renumbered in platform and shop order
  const seen = new Map<{ platform: string; shop: string }, number>();
  const first = Int32Array.from(ids, (id) => {
    const src = sourceOf(id);
    let s = seen.get(src);
    if (s === undefined) seen.set(src, (s = seen.size));
    return s;
  });
  const shops = [...seen.keys()].sort((a, b) => compareText(a.platform, b.platform) || compareText(a.shop, b.shop));
  const renumber = Int32Array.from(seen.keys(), (src) => shops.indexOf(src));
  return { shops, shopOf: first.map((s) => renumber[s]) };
}

/** Each customer's source by its id's range (see logShops), or null when two sources' id ranges overlap. */
function sourceRanges(db: Db, sources: Sources): ((id: number) => { platform: string; shop: string }) | null {
  const ranges = db.prepare('SELECT source, min(id), max(id) FROM customer_rows GROUP BY source ORDER BY 2').raw(true).all() as [number, number, number][];
  for (let i = 1; i < ranges.length; i++) if (ranges[i][1] <= ranges[i - 1][2]) return null;
  return (id) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ranges[mid][1] <= id) lo = mid;
      else hi = mid - 1;
    }
    const r = ranges[lo];
    const src = r !== undefined && id >= r[1] && id <= r[2] ? sources.byId.get(r[0]) : undefined;
    if (!src) throw damaged(id);
    return src;
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A log and the database id of each of its customers (ascending). */
interface FoundLog {
  log: OneDayLog;
  ids: Int32Array;
}

/**
 * Returns and credit notes (refunded order rows with a negative gross: a `C…` invoice, a negative-amount row) are
 * never purchases, but they reduce their customer's net revenue: each one's net (negative) is added to the
 * net of the customer's last purchase day on or before the return's day (the purchase it gives back; the
 * first purchase day when the return comes before any), within the filter's days and source. Gross is left
 * alone (`--monetary gross` ignores returns). Each is recorded in `log.returns` with its own day: a report as
 * of an earlier day takes out those dated on or after it (domain/purchase-log.ts asOfLog). Read through the
 * partial index order_rows_returns.
 */
function applyReturns(db: Db, { log, ids }: FoundLog, filter: OrderFilter): void {
  if (log.customer.length === 0) return;
  const rows = db
    .prepare(
      `SELECT o.customer_id, o.day, o.net FROM order_rows o WHERE o.gross < 0 AND o.status = ${REFUNDED_CODE} AND o.customer_id IS NOT NULL
       AND coalesce(o.currency, (SELECT s.row_currency FROM sources s WHERE s.id = o.source)) = ? ORDER BY o.customer_id, o.day`,
    )
    .raw(true)
    .all(log.currency) as [number, number, number][];
  if (rows.length === 0) return;
  // entries of a customer are contiguous and sorted by day: the first entry of each customer
  const start = new Int32Array(ids.length + 1).fill(-1);
  for (let e = log.customer.length - 1; e >= 0; e--) start[log.customer[e]] = e;
  const since = filter.since ?? -Infinity;
  const until = filter.until ?? Infinity;
  const entry: number[] = [];
  const days: number[] = [];
  const nets: number[] = [];
  for (const [id, day, net] of rows) {
    const c = indexOfId(ids, id);
    if (c < 0 || day < since || day > until || start[c] < 0) continue;
    let e = start[c];
    while (e + 1 < log.customer.length && log.customer[e + 1] === c && log.day[e + 1] <= day) e++;
    log.net[e] += net;
    entry.push(e);
    days.push(day);
    nets.push(net);
  }
  const order = Array.from(days.keys()).sort((a, b) => days[a] - days[b] || a - b);
  log.returns = { entry: Int32Array.from(order, (i) => entry[i]), day: Int32Array.from(order, (i) => days[i]), net: Float64Array.from(order, (i) => nets[i]) };
}

/** Position of `id` in the ascending `ids`, −1 when absent. */
function indexOfId(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else if (ids[mid] > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The log of the only currency with purchases under `filter`, null when there is none. */
function pickCurrency(db: Db, filter: OrderFilter, sources: Sources): FoundLog | null {
  const found: FoundLog[] = [];
  for (const currency of runCurrencies(db)) {
    const f = filterLog(db, readRuns(db, currency), currency, filter, sources);
    if (f.log.customer.length > 0 || f.log.ordersWithoutBuyer > 0) found.push(f);
  }
  if (found.length > 1) {
    throw new DataError(said('data.currencies', { n: found.length, list: found.map((f) => f.log.currency) }));
  }
  return found[0] ?? null;
}

/** The `sources` table (platform and shop by id): a handful of rows. */
class Sources {
  readonly byId = new Map<number, { platform: string; shop: string }>();

  constructor(db: Db) {
    for (const [id, platform, shop] of db.prepare('SELECT id, platform, shop FROM sources').raw(true).all() as [number, string, string][]) {
      this.byId.set(id, { platform, shop });
    }
  }
}

const damaged = (id: number) => new DataError(said('db.unknownCustomer', { id: String(id) }));

/**
 * Each customer's source (platform and shop) by database id, for --platform and --shop: one aggregate over
 * `customer_rows`, built by SQLite in C (better-sqlite3 costs about a microsecond per row returned).
 */
function customerSources(db: Db, sources: Sources): (id: number) => { platform: string; shop: string } {
  const [maxId, idsJson, sourcesJson] = db
    .prepare('SELECT coalesce(max(c.id), 0), json_group_array(c.id), json_group_array(c.source) FROM customer_rows c')
    .raw(true)
    .get() as [number, string, string];
  const position = new Int32Array(maxId + 1).fill(-1);
  const ids = JSON.parse(idsJson) as number[];
  const sourceOf = JSON.parse(sourcesJson) as number[];
  for (let i = 0; i < ids.length; i++) position[ids[i]] = i;
  return (id) => {
    const p = id < position.length ? position[id] : -1;
    const src = p < 0 ? undefined : sources.byId.get(sourceOf[p]);
    if (!src) throw damaged(id);
    return src;
  };
}

/**
 * The references of the customers with database ids `ids` (ascending), in that order, read in one pass over
 * `customer_rows`: one aggregate per column, built by SQLite in C. Text columns come as one string joined by
 * U+001F and are split in JS (several times faster than JSON.parse of a million strings); JSON is the
 * fallback when a value contains the separator.
 */
function readRefs(db: Db, ids: Int32Array, sources: Sources): CustomerRef[] {
  if (ids.length === 0) return [];
  const from = 'FROM customer_rows c WHERE c.id BETWEEN ? AND ?';
  const range = [ids[0], ids[ids.length - 1]];
  const [n, withClear, idsJson, sourcesJson, keysText, displaysText] = db
    .prepare(
      `SELECT count(*), count(c.clear), json_group_array(c.id), json_group_array(c.source),
         group_concat(c.buyer_key, char(31)), group_concat(coalesce(c.display, ''), char(31)) ${from}`,
    )
    .raw(true)
    .get(...range) as [number, number, string, string, string | null, string | null];
  const column = (text: string | null, expr: string): string[] => {
    const parts = n === 0 ? [] : (text ?? '').split('\u001f');
    if (parts.length === n) return parts;
    return JSON.parse(db.prepare(`SELECT json_group_array(${expr}) ${from}`).pluck().get(...range) as string) as string[];
  };
  const allIds = JSON.parse(idsJson) as number[];
  const sourceOf = JSON.parse(sourcesJson) as number[];
  const keys = column(keysText, 'c.buyer_key');
  const displays = column(displaysText, "coalesce(c.display, '')");
  const clear = withClear === 0 ? null : (JSON.parse(db.prepare(`SELECT json_group_array(c.clear) ${from}`).pluck().get(...range) as string) as (string | null)[]);
  const refs: CustomerRef[] = new Array(ids.length);
  // both lists ascend: walk them together
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    while (p < allIds.length && allIds[p] < id) p++;
    if (p === allIds.length || allIds[p] !== id) throw damaged(id);
    const src = sources.byId.get(sourceOf[p]);
    if (!src) throw damaged(id);
    const key = keys[p];
    refs[i] = { key, display: displays[p] || key, platform: src.platform, shop: src.shop, clear: clear ? clear[p] : null };
  }
  return refs;
}

/**
 * The log of one currency under `filter`. Works in place on `run` (which it owns) and returns views of it;
 * its customers' references are read on first use (see loadPurchaseLog).
 */
function filterLog(db: Db, run: Run, currency: string, filter: OrderFilter, sources: Sources): FoundLog {
  const since = filter.since ?? -Infinity;
  const until = filter.until ?? Infinity;
  const bySource = filter.platform !== undefined || filter.shop !== undefined;
  const wantSource = (src: { platform: string; shop: string } | undefined) => src !== undefined && (!filter.platform || src.platform === filter.platform) && (!filter.shop || src.shop === filter.shop);
  const sourceOf = bySource ? customerSources(db, sources) : null;
  const { customer, day, orders, gross, net } = run;
  const n = customer.length;
  let ids = new Int32Array(1024);
  let customers = 0;
  let noBuyer = 0;
  let k = 0;
  let lastId = NaN;
  let lastWanted = false;
  // without a filter every entry of a buyer stays where it is: the orders without a buyer (bucket −1, first)
  // are counted and left before the log's views, and only the customer column is renumbered
  let from = 0;
  if (since === -Infinity && until === Infinity && !bySource) {
    for (; from < n && customer[from] < 0; from++) if (wantSource(sources.byId.get(-customer[from]))) noBuyer += orders[from];
    ids = new Int32Array(n - from);
    for (let i = from; i < n; i++) {
      const id = customer[i];
      if (id !== lastId) {
        if (id < lastId) throw new Error(`purchase runs out of customer order at entry ${i}`);
        ids[customers++] = id;
        lastId = id;
      }
      customer[i] = customers - 1;
    }
    k = n;
  }
  for (let i = k; i < n; i++) {
    const d = day[i];
    if (d < since || d > until) continue;
    const id = customer[i];
    if (id < 0) {
      if (wantSource(sources.byId.get(-id))) noBuyer += orders[i];
      continue;
    }
    if (id !== lastId) {
      lastWanted = sourceOf === null || wantSource(sourceOf(id));
      lastId = id;
      if (lastWanted) {
        if (customers === ids.length) {
          const bigger = new Int32Array(2 * ids.length);
          bigger.set(ids);
          ids = bigger;
        }
        ids[customers++] = id;
      }
    }
    if (!lastWanted) continue;
    // k <= i: compacting in place never overwrites an entry still to be read
    customer[k] = customers - 1;
    day[k] = d;
    orders[k] = orders[i];
    gross[k] = gross[i];
    net[k] = net[i];
    k++;
  }
  ids = ids.slice(0, customers);
  if (customers > 0 && sourceOf === null) {
    // the references are read later: check now, cheaply, that the log names no customer beyond the table
    const maxId = db.prepare('SELECT max(id) FROM customers').pluck().get() as number | null;
    if (maxId === null || ids[customers - 1] > maxId) throw damaged(ids[customers - 1]);
  }
  const log = {
    currency,
    minorDigits: minorDigits(currency),
    customerCount: customers,
    customer: customer.subarray(from, k),
    day: day.subarray(from, k),
    orders: orders.subarray(from, k),
    gross: gross.subarray(from, k),
    net: net.subarray(from, k),
    ordersWithoutBuyer: noBuyer,
  } as OneDayLog;
  let refs: CustomerRef[] | null = null;
  Object.defineProperty(log, 'customers', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (refs === null) {
        const from = db.open ? db : reopen(db);
        try {
          refs = readRefs(from, ids, sources);
        } finally {
          if (from !== db) from.close();
        }
      }
      return refs;
    },
    set: (value: CustomerRef[]) => {
      refs = value;
    },
  });
  return { log, ids };
}

/** A file database closed before its log's references were read, opened again read-only for them. */
function reopen(db: Db): Db {
  if (db.memory) throw new Error('the purchase log\'s customers are read from its database on first use: keep the database open until then');
  return new Database(db.name, { readonly: true, fileMustExist: true });
}

export interface DbSummary {
  orders: number;
  customers: number;
  ordersWithoutBuyer: number;
  firstDay: string | null;
  lastDay: string | null;
  /** Customers with at least one counted order (those the customer reports show). */
  customersCounted: number;
  /**
   * Money per currency. Counted orders: gross, discount, shipping, refunded (partial refunds of counted
   * orders) and their net; returns: credit notes and return rows (negative gross), their count and net
   * (negative). net = counted net + returns net: what every report's net revenue adds up to.
   */
  revenue: { currency: string; orders: number; gross: number; discount: number; shipping: number; refunded: number; returns: number; returnsNet: number; net: number }[];
  /**
   * Per platform and shop: orders, customers, the first and last order day (any status), and the last day of a
   * counted purchase by a known buyer (the day the reports measure that shop from, less one; null: none).
   */
  byPlatform: { platform: string; shop: string; orders: number; customers: number; firstDay: string; lastDay: string; firstPurchaseDay: string | null; lastPurchaseDay: string | null }[];
  /** Each source's zone, currency (and whether it was assumed) and import settings (JSON), as its imports stored them. */
  sources: { platform: string; shop: string; zone: string | null; currency: string | null; currency_assumed: number; settings: string | null }[];
  byStatus: { status: string; orders: number }[];
  unknownStatuses: { status_raw: string; orders: number }[];
  imports: { path: string; platform: string; shop: string; finished_at: string | null; rows_read: number; inserted: number; updated: number; unchanged: number; stale: number; rejected: number; skipped: number }[];
}

/**
 * The stored orders by status when there are some and none of them counts as a purchase (a cash-on-delivery
 * shop's export of pending orders), else null: what a report says instead of "no counted orders match".
 */
export function uncountedOrders(db: Db): { status: string; orders: number }[] | null {
  const rows = db
    .prepare(`SELECT ${statusTextSql('status')} AS status, count(*) AS orders, max(status IN (${COUNTED_CODES_SQL})) AS counted FROM order_rows GROUP BY status ORDER BY orders DESC, 1`)
    .all() as { status: string; orders: number; counted: number }[];
  if (rows.length === 0 || rows.some((r) => r.counted)) return null;
  return rows.map(({ status, orders }) => ({ status, orders }));
}

export function summarizeDb(db: Db): DbSummary {
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const span = one<{ first: number | null; last: number | null }>('SELECT min(day) AS first, max(day) AS last FROM order_rows');
  return {
    orders: one<{ n: number }>('SELECT count(*) AS n FROM order_rows').n,
    customers: one<{ n: number }>('SELECT count(*) AS n FROM customers').n,
    ordersWithoutBuyer: one<{ n: number }>('SELECT count(*) AS n FROM order_rows WHERE customer_id IS NULL').n,
    firstDay: span.first === null ? null : formatDay(span.first),
    lastDay: span.last === null ? null : formatDay(span.last),
    customersCounted: one<{ n: number }>(`SELECT count(DISTINCT customer_id) AS n FROM order_rows WHERE status IN (${COUNTED_CODES_SQL}) AND customer_id IS NOT NULL`).n,
    revenue: all(`SELECT currency, sum(counted) AS orders, sum(counted * gross) AS gross, sum(counted * discount) AS discount,
        sum(counted * shipping) AS shipping, sum(counted * refunded) AS refunded, sum(ret) AS returns, sum(ret * net) AS returnsNet,
        sum((counted + ret) * net) AS net
      FROM (SELECT ${rowCurrencySql('o', 's')} AS currency, o.gross, o.discount, o.shipping, o.refunded, o.net, o.status IN (${COUNTED_CODES_SQL}) AS counted,
          o.gross < 0 AND o.status = ${REFUNDED_CODE} AS ret FROM order_rows o JOIN sources s ON s.id = o.source)
      WHERE counted OR ret GROUP BY currency ORDER BY currency`),
    byPlatform: all<{ platform: string; shop: string; orders: number; customers: number; first: number; last: number; firstPurchase: number | null; lastPurchase: number | null }>(
      `SELECT s.platform, s.shop, o.orders, o.customers, o.first, o.last, o.firstPurchase, o.lastPurchase FROM sources s
      JOIN (SELECT source, count(*) AS orders, count(DISTINCT customer_id) AS customers, min(day) AS first, max(day) AS last,
          min(CASE WHEN status IN (${COUNTED_CODES_SQL}) AND customer_id IS NOT NULL THEN day END) AS firstPurchase,
          max(CASE WHEN status IN (${COUNTED_CODES_SQL}) AND customer_id IS NOT NULL THEN day END) AS lastPurchase
        FROM order_rows GROUP BY source) o ON o.source = s.id
      ORDER BY s.platform, s.shop`,
    ).map(({ first, last, firstPurchase, lastPurchase, ...p }) => ({
      ...p,
      firstDay: formatDay(first),
      lastDay: formatDay(last),
      firstPurchaseDay: firstPurchase === null ? null : formatDay(firstPurchase),
      lastPurchaseDay: lastPurchase === null ? null : formatDay(lastPurchase),
    })),
    sources: all('SELECT platform, shop, zone, currency, currency_assumed, settings FROM sources ORDER BY platform, shop'),
    byStatus: all(`SELECT ${statusTextSql('status')} AS status, count(*) AS orders FROM order_rows GROUP BY 1 ORDER BY orders DESC, 1`),
    unknownStatuses: all(`SELECT status_raw, count(*) AS orders FROM orders WHERE status = 'unknown'
      GROUP BY status_raw ORDER BY orders DESC, status_raw`),
    // skipped: rows an adapter passed over on purpose (unpaid Taobao orders), kept in the import's replay record
    imports: all(`SELECT path, platform, shop, finished_at, rows_read, inserted, updated, unchanged, stale, rejected,
      coalesce(json_extract(replay, '$.concluded.skipped.rows'), 0) AS skipped FROM imports ORDER BY id`),
  };
}
