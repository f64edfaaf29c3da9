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
  if (filter.currency) return filterLog(readRuns(db, filter.currency.toUpperCase()), filter.currency.toUpperCase(), filter, customers);
  return pickCurrency(db, filter, customers) ?? filterLog(readRuns(db, 'CNY'), 'CNY', filter, customers);
}

/** The log of the only currency with purchases under `filter`, null when there is none. */
function pickCurrency(db: Db, filter: OrderFilter, customers: CustomerTable): PurchaseLog | null {
  const found: PurchaseLog[] = [];
  for (const currency of runCurrencies(db)) {
    const log = filterLog(readRuns(db, currency), currency, filter, customers);
    if (log.customer.length > 0 || log.ordersWithoutBuyer > 0) found.push(log);
  }
  if (found.length > 1) {
    throw new DataError(`orders are in ${found.length} currencies (${found.map((l) => l.currency).join(', ')}): pick one with --currency CODE; amounts are never converted`);
  }
  return found[0] ?? null;
}

/** Every customer's reference, by database id, read in one pass (one JSON array per platform and shop). */
class CustomerTable {
  private readonly position: Int32Array;
  private readonly refs: CustomerRef[] = [];
  private readonly sources = new Map<number, { platform: string; shop: string }>();

  constructor(db: Db) {
    const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM customers').pluck().get() as number;
    this.position = new Int32Array(maxId + 1).fill(-1);
    const groups = db
      .prepare(
        `SELECT platform, shop, json_group_array(id), json_group_array(buyer_key), json_group_array(display), json_group_array(clear)
         FROM customers GROUP BY platform, shop`,
      )
      .raw(true)
      .all() as [string, string, string, string, string, string][];
    for (const [platform, shop, idsJson, keysJson, displaysJson, clearJson] of groups) {
      const ids = JSON.parse(idsJson) as number[];
      const keys = JSON.parse(keysJson) as string[];
      const displays = JSON.parse(displaysJson) as string[];
      const clear = JSON.parse(clearJson) as (string | null)[];
      for (let i = 0; i < ids.length; i++) {
        this.position[ids[i]] = this.refs.length;
        this.refs.push({ key: keys[i], display: displays[i], platform, shop, clear: clear[i] });
      }
    }
    for (const [id, platform, shop] of db.prepare('SELECT id, platform, shop FROM sources').raw(true).all() as [number, string, string][]) {
      this.sources.set(id, { platform, shop });
    }
  }

  ref(id: number): CustomerRef {
    const p = id < this.position.length ? this.position[id] : -1;
    if (p < 0) throw new DataError(`purchase log names customer ${id}, which is not in the database: the database is damaged`);
    return this.refs[p];
  }

  source(id: number): { platform: string; shop: string } | undefined {
    return this.sources.get(id);
  }
}

function filterLog(run: Run, currency: string, filter: OrderFilter, customers: CustomerTable): PurchaseLog {
  const since = filter.since ?? -Infinity;
  const until = filter.until ?? Infinity;
  const wantSource = (platform: string, shop: string) => (!filter.platform || platform === filter.platform) && (!filter.shop || shop === filter.shop);
  const n = run.customer.length;
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const orders = new Int32Array(n);
  const gross = new Float64Array(n);
  const net = new Float64Array(n);
  const refs: CustomerRef[] = [];
  let noBuyer = 0;
  let k = 0;
  let lastId = NaN;
  let lastWanted = false;
  for (let i = 0; i < n; i++) {
    const d = run.day[i];
    if (d < since || d > until) continue;
    const id = run.customer[i];
    if (id < 0) {
      const src = customers.source(-id);
      if (src && wantSource(src.platform, src.shop)) noBuyer += run.orders[i];
      continue;
    }
    if (id !== lastId) {
      const ref = customers.ref(id);
      lastWanted = wantSource(ref.platform, ref.shop);
      lastId = id;
      if (lastWanted) refs.push(ref);
    }
    if (!lastWanted) continue;
    customer[k] = refs.length - 1;
    day[k] = d;
    orders[k] = run.orders[i];
    gross[k] = run.gross[i];
    net[k] = run.net[i];
    k++;
  }
  return {
    currency,
    minorDigits: minorDigits(currency),
    customers: refs,
    customer: k === n ? customer : customer.slice(0, k),
    day: k === n ? day : day.slice(0, k),
    orders: k === n ? orders : orders.slice(0, k),
    gross: k === n ? gross : gross.slice(0, k),
    net: k === n ? net : net.slice(0, k),
    ordersWithoutBuyer: noBuyer,
  };
}

export interface DbSummary {
  orders: number;
  customers: number;
  ordersWithoutBuyer: number;
  firstDay: string | null;
  lastDay: string | null;
  revenue: { currency: string; orders: number; gross: number; net: number }[];
  byPlatform: { platform: string; shop: string; orders: number; customers: number }[];
  byStatus: { status: string; orders: number }[];
  unknownStatuses: { status_raw: string; orders: number }[];
  imports: { path: string; platform: string; shop: string; finished_at: string | null; rows_read: number; inserted: number; updated: number; unchanged: number; rejected: number }[];
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
    revenue: all(`SELECT currency, count(*) AS orders, sum(gross) AS gross, sum(net) AS net FROM order_rows
      WHERE status IN (${COUNTED_SQL}) GROUP BY currency ORDER BY currency`),
    byPlatform: all(`SELECT s.platform, s.shop, o.orders, o.customers FROM sources s
      JOIN (SELECT source, count(*) AS orders, count(DISTINCT customer_id) AS customers FROM order_rows GROUP BY source) o ON o.source = s.id
      ORDER BY s.platform, s.shop`),
    byStatus: all('SELECT status, count(*) AS orders FROM order_rows GROUP BY status ORDER BY orders DESC, status'),
    unknownStatuses: all(`SELECT status_raw, count(*) AS orders FROM order_rows WHERE status = 'unknown'
      GROUP BY status_raw ORDER BY orders DESC, status_raw`),
    imports: all(`SELECT path, platform, shop, finished_at, rows_read, inserted, updated, unchanged, rejected
      FROM imports ORDER BY id`),
  };
}
