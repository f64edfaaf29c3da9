/**
 * Reading the store for reports: the purchase log every customer analytic starts from, and the database
 * summary for `orderlens info`.
 */
import { DataError } from '../errors.js';
import { formatDay, type EpochDay } from '../domain/day.js';
import { minorDigits } from '../domain/money.js';
import type { CustomerRef, PurchaseLog } from '../domain/purchase-log.js';
import type { Db } from './open.js';
import { COUNTED_SQL, readRuns, runCurrencies, type Run } from './purchase-runs.js';
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
  return pickCurrency(db, filter, new CustomerTable(db))?.currency ?? null;
}

/**
 * Counted purchases under `filter`, one entry per customer and local day, sorted by customer then day.
 * Orders without a buyer are left out and counted. Read from the purchase runs (purchase-runs.ts), which
 * the writers keep equal to the counted orders.
 */
export function loadPurchaseLog(db: Db, filter: OrderFilter = {}): PurchaseLog {
  const customers = new CustomerTable(db);
  const log = filter.currency
    ? filterLog(readRuns(db, filter.currency.toUpperCase()), filter.currency.toUpperCase(), filter, customers)
    : (pickCurrency(db, filter, customers) ?? filterLog(readRuns(db, 'CNY'), 'CNY', filter, customers));
  applyReturns(db, log, filter);
  return log;
}

/**
 * Returns and credit notes (refunded order rows with a negative gross: a `C…` invoice, a negative-amount row) are
 * never purchases, but they reduce their customer's net revenue: each one's net (negative) is added to the
 * net of the customer's last purchase day on or before the return's day (the purchase it gives back; the
 * first purchase day when the return comes before any), within the filter's days and source. Gross is left
 * alone (`--monetary gross` ignores returns). Read through the partial index order_rows_returns.
 */
function applyReturns(db: Db, log: PurchaseLog, filter: OrderFilter): void {
  if (log.customer.length === 0) return;
  const rows = db
    .prepare("SELECT customer_id, day, net FROM order_rows WHERE gross < 0 AND status = 'refunded' AND currency = ? AND customer_id IS NOT NULL ORDER BY customer_id, day")
    .raw(true)
    .all(log.currency) as [number, number, number][];
  if (rows.length === 0) return;
  const ids = db.prepare('SELECT id, buyer_key, platform, shop FROM customers WHERE id IN (SELECT value FROM json_each(?))').raw(true);
  const wanted = [...new Set(rows.map((r) => r[0]))];
  const byStable = new Map<string, number>();
  log.customers.forEach((c, i) => byStable.set(`${c.platform}\u0000${c.shop}\u0000${c.key}`, i));
  const index = new Map<number, number>();
  for (const [id, key, platform, shop] of ids.all(JSON.stringify(wanted)) as [number, string, string, string][]) {
    const i = byStable.get(`${platform}\u0000${shop}\u0000${key}`);
    if (i !== undefined) index.set(id, i);
  }
  // entries of a customer are contiguous and sorted by day: the first entry of each customer
  const start = new Int32Array(log.customers.length + 1).fill(-1);
  for (let e = log.customer.length - 1; e >= 0; e--) start[log.customer[e]] = e;
  const since = filter.since ?? -Infinity;
  const until = filter.until ?? Infinity;
  for (const [id, day, net] of rows) {
    const c = index.get(id);
    if (c === undefined || day < since || day > until || start[c] < 0) continue;
    let e = start[c];
    while (e + 1 < log.customer.length && log.customer[e + 1] === c && log.day[e + 1] <= day) e++;
    log.net[e] += net;
  }
}

/** The log of the only currency with purchases under `filter`, null when there is none. */
function pickCurrency(db: Db, filter: OrderFilter, customers: CustomerTable): PurchaseLog | null {
  const found: PurchaseLog[] = [];
  for (const currency of runCurrencies(db)) {
    const log = filterLog(readRuns(db, currency), currency, filter, customers);
    if (log.customer.length > 0 || log.ordersWithoutBuyer > 0) found.push(log);
  }
  if (found.length > 1) {
    throw new DataError(said('data.currencies', { n: found.length, list: found.map((l) => l.currency).join(', ') }));
  }
  return found[0] ?? null;
}

/**
 * Every customer's reference, by database id, read in one pass over the table: one aggregate per column,
 * built by SQLite in C (better-sqlite3 costs about a microsecond per row returned). Text columns come as
 * one string joined by U+001F and are split in JS (several times faster than JSON.parse of a million
 * strings); JSON is the fallback when a value contains the separator. References are made on demand.
 */
class CustomerTable {
  private readonly position: Int32Array;
  private readonly keys: string[];
  private readonly displays: string[];
  private readonly clear: (string | null)[] | null;
  private readonly sourceOf: Int32Array;
  private readonly made: (CustomerRef | undefined)[] = [];
  private readonly sources = new Map<number, { platform: string; shop: string }>();

  constructor(db: Db) {
    for (const [id, platform, shop] of db.prepare('SELECT id, platform, shop FROM sources').raw(true).all() as [number, string, string][]) {
      this.sources.set(id, { platform, shop });
    }
    // one scan of customers in id order, without a join: a customer's source id comes from a CASE over the
    // few (platform, shop) pairs of `sources` (joining each of a million customers to it took a quarter second)
    const pairs = [...this.sources];
    const sourceId = pairs.length === 0 ? '0' : `CASE ${pairs.map(([id]) => `WHEN c.platform = ? AND c.shop = ? THEN ${id}`).join(' ')} ELSE 0 END`;
    const from = 'FROM customers c';
    const [n, maxId, withClear, idsJson, sourcesJson, keysText, displaysText] = db
      .prepare(
        `SELECT count(*), coalesce(max(c.id), 0), count(c.clear), json_group_array(c.id), json_group_array(${sourceId}),
           group_concat(c.buyer_key, char(31)), group_concat(CASE WHEN c.display = c.buyer_key THEN '' ELSE c.display END, char(31)) ${from}`,
      )
      .raw(true)
      .get(pairs.flatMap(([, src]) => [src.platform, src.shop])) as [number, number, number, string, string, string | null, string | null];
    this.position = new Int32Array(maxId + 1).fill(-1);
    const ids = JSON.parse(idsJson) as number[];
    this.sourceOf = Int32Array.from(JSON.parse(sourcesJson) as number[]);
    const column = (text: string | null, expr: string): string[] => {
      const parts = n === 0 ? [] : (text ?? '').split('\u001f');
      if (parts.length === n) return parts;
      return JSON.parse(db.prepare(`SELECT json_group_array(${expr}) ${from}`).pluck().get() as string) as string[];
    };
    this.keys = column(keysText, 'c.buyer_key');
    this.displays = column(displaysText, "CASE WHEN c.display = c.buyer_key THEN '' ELSE c.display END");
    this.clear = withClear === 0 ? null : (JSON.parse(db.prepare(`SELECT json_group_array(c.clear) ${from}`).pluck().get() as string) as (string | null)[]);
    for (let i = 0; i < ids.length; i++) this.position[ids[i]] = i;
    if (this.sourceOf.includes(0)) {
      // customers of a platform and shop without a sources row (not written by this version): by name
      const orphan = db.prepare('SELECT platform, shop FROM customers WHERE id = ?').raw(true);
      for (let i = 0; i < ids.length; i++) {
        if (this.sourceOf[i] !== 0) continue;
        const [platform, shop] = orphan.get(ids[i]) as [string, string];
        const id = -1 - this.sources.size;
        this.sources.set(id, { platform, shop });
        this.sourceOf[i] = id;
      }
    }
  }

  ref(id: number): CustomerRef {
    const p = id < this.position.length ? this.position[id] : -1;
    if (p < 0) throw new DataError(said('db.unknownCustomer', { id: String(id) }));
    let ref = this.made[p];
    if (!ref) {
      const src = this.sources.get(this.sourceOf[p])!;
      const key = this.keys[p];
      ref = { key, display: this.displays[p] || key, platform: src.platform, shop: src.shop, clear: this.clear ? this.clear[p] : null };
      this.made[p] = ref;
    }
    return ref;
  }

  source(id: number): { platform: string; shop: string } | undefined {
    return this.sources.get(id);
  }
}

/** The log of one currency under `filter`. Works in place on `run` (which it owns) and returns views of it. */
function filterLog(run: Run, currency: string, filter: OrderFilter, customers: CustomerTable): PurchaseLog {
  const since = filter.since ?? -Infinity;
  const until = filter.until ?? Infinity;
  const wantSource = (platform: string, shop: string) => (!filter.platform || platform === filter.platform) && (!filter.shop || shop === filter.shop);
  const { customer, day, orders, gross, net } = run;
  const n = customer.length;
  const refs: CustomerRef[] = [];
  let noBuyer = 0;
  let k = 0;
  let lastId = NaN;
  let lastWanted = false;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d < since || d > until) continue;
    const id = customer[i];
    if (id < 0) {
      const src = customers.source(-id);
      if (src && wantSource(src.platform, src.shop)) noBuyer += orders[i];
      continue;
    }
    if (id !== lastId) {
      const ref = customers.ref(id);
      lastWanted = wantSource(ref.platform, ref.shop);
      lastId = id;
      if (lastWanted) refs.push(ref);
    }
    if (!lastWanted) continue;
    // k <= i: compacting in place never overwrites an entry still to be read
    customer[k] = refs.length - 1;
    day[k] = d;
    orders[k] = orders[i];
    gross[k] = gross[i];
    net[k] = net[i];
    k++;
  }
  return {
    currency,
    minorDigits: minorDigits(currency),
    customers: refs,
    customer: customer.subarray(0, k),
    day: day.subarray(0, k),
    orders: orders.subarray(0, k),
    gross: gross.subarray(0, k),
    net: net.subarray(0, k),
    ordersWithoutBuyer: noBuyer,
  };
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
  byPlatform: { platform: string; shop: string; orders: number; customers: number }[];
  /** Each source's zone, currency (and whether it was assumed) and import settings (JSON), as its imports stored them. */
  sources: { platform: string; shop: string; zone: string | null; currency: string | null; currency_assumed: number; settings: string | null }[];
  byStatus: { status: string; orders: number }[];
  unknownStatuses: { status_raw: string; orders: number }[];
  imports: { path: string; platform: string; shop: string; finished_at: string | null; rows_read: number; inserted: number; updated: number; unchanged: number; stale: number; rejected: number }[];
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
    customersCounted: one<{ n: number }>(`SELECT count(DISTINCT customer_id) AS n FROM order_rows WHERE status IN (${COUNTED_SQL}) AND customer_id IS NOT NULL`).n,
    revenue: all(`SELECT currency, sum(counted) AS orders, sum(counted * gross) AS gross, sum(counted * discount) AS discount,
        sum(counted * shipping) AS shipping, sum(counted * refunded) AS refunded, sum(ret) AS returns, sum(ret * net) AS returnsNet,
        sum((counted + ret) * net) AS net
      FROM (SELECT currency, gross, discount, shipping, refunded, net, status IN (${COUNTED_SQL}) AS counted, gross < 0 AND status = 'refunded' AS ret FROM order_rows)
      WHERE counted OR ret GROUP BY currency ORDER BY currency`),
    byPlatform: all(`SELECT s.platform, s.shop, o.orders, o.customers FROM sources s
      JOIN (SELECT source, count(*) AS orders, count(DISTINCT customer_id) AS customers FROM order_rows GROUP BY source) o ON o.source = s.id
      ORDER BY s.platform, s.shop`),
    sources: all('SELECT platform, shop, zone, currency, currency_assumed, settings FROM sources ORDER BY platform, shop'),
    byStatus: all('SELECT status, count(*) AS orders FROM order_rows GROUP BY status ORDER BY orders DESC, status'),
    unknownStatuses: all(`SELECT status_raw, count(*) AS orders FROM orders WHERE status = 'unknown'
      GROUP BY status_raw ORDER BY orders DESC, status_raw`),
    imports: all(`SELECT path, platform, shop, finished_at, rows_read, inserted, updated, unchanged, stale, rejected
      FROM imports ORDER BY id`),
  };
}
