/**
 * Reading the store for reports: the purchase log every customer analytic starts from, and the database
 * summary for `orderlens info`.
 */
import { DataError } from '../errors.js';
import { formatDay, type EpochDay } from '../domain/day.js';
import { minorDigits } from '../domain/money.js';
import { COUNTED_STATUSES } from '../domain/order.js';
import type { CustomerRef, PurchaseLog } from '../domain/purchase-log.js';
import type { Db } from './open.js';

export interface OrderFilter {
  /** Inclusive local days. */
  since?: EpochDay;
  until?: EpochDay;
  platform?: string;
  shop?: string;
  currency?: string;
}

const COUNTED_SQL = COUNTED_STATUSES.map((s) => `'${s}'`).join(', ');

function where(filter: OrderFilter): { sql: string; params: (string | number)[] } {
  const parts = [`o.status IN (${COUNTED_SQL})`];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.since !== undefined) add('o.day >= ?', filter.since);
  if (filter.until !== undefined) add('o.day <= ?', filter.until);
  if (filter.platform) add('o.platform = ?', filter.platform);
  if (filter.shop) add('o.shop = ?', filter.shop);
  if (filter.currency) add('o.currency = ?', filter.currency.toUpperCase());
  return { sql: parts.join(' AND '), params };
}

/** The one currency of the counted orders under `filter`; mixing currencies without --currency is an error. */
export function reportCurrency(db: Db, filter: OrderFilter): string | null {
  const w = where(filter);
  const rows = db.prepare(`SELECT DISTINCT o.currency AS c FROM orders o WHERE ${w.sql} ORDER BY 1`).all(...w.params) as { c: string }[];
  if (rows.length > 1) {
    throw new DataError(`orders are in ${rows.length} currencies (${rows.map((r) => r.c).join(', ')}): pick one with --currency CODE; amounts are never converted`);
  }
  return rows[0]?.c ?? null;
}

/**
 * Counted purchases under `filter`, one entry per customer and local day, sorted by customer then day.
 * Orders without a buyer are left out and counted.
 */
export function loadPurchaseLog(db: Db, filter: OrderFilter = {}): PurchaseLog {
  const currency = filter.currency?.toUpperCase() ?? reportCurrency(db, filter) ?? 'CNY';
  const w = where({ ...filter, currency });
  const noBuyer = db.prepare(`SELECT count(*) FROM orders o WHERE ${w.sql} AND o.customer_id IS NULL`).pluck().get(...w.params) as number;
  const stmt = db
    .prepare(
      `SELECT o.customer_id, o.day, count(*), sum(o.gross), sum(o.net) FROM orders o
       WHERE ${w.sql} AND o.customer_id IS NOT NULL GROUP BY o.customer_id, o.day ORDER BY o.customer_id, o.day`,
    )
    .raw(true);
  let cap = 1024;
  let customer = new Int32Array(cap);
  let day = new Int32Array(cap);
  let orders = new Int32Array(cap);
  let gross = new Float64Array(cap);
  let net = new Float64Array(cap);
  const dbIds: number[] = [];
  let n = 0;
  let lastId = -1;
  for (const row of stmt.iterate(...w.params) as Iterable<[number, number, number, number, number]>) {
    if (n === cap) {
      cap *= 2;
      customer = grow(customer, cap);
      day = grow(day, cap);
      orders = grow(orders, cap);
      gross = grow(gross, cap);
      net = grow(net, cap);
    }
    if (row[0] !== lastId) {
      lastId = row[0];
      dbIds.push(lastId);
    }
    customer[n] = dbIds.length - 1;
    day[n] = row[1];
    orders[n] = row[2];
    gross[n] = row[3];
    net[n] = row[4];
    n++;
  }
  return {
    currency,
    minorDigits: minorDigits(currency),
    customers: loadCustomerRefs(db, dbIds),
    customer: customer.slice(0, n),
    day: day.slice(0, n),
    orders: orders.slice(0, n),
    gross: gross.slice(0, n),
    net: net.slice(0, n),
    ordersWithoutBuyer: noBuyer,
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Customer refs for database ids, in the given order. */
function loadCustomerRefs(db: Db, ids: number[]): CustomerRef[] {
  const byId = new Map<number, CustomerRef>();
  const stmt = db.prepare('SELECT id, buyer_key, display, platform, shop, clear FROM customers').raw(true);
  const wanted = new Set(ids);
  for (const [id, key, display, platform, shop, clear] of stmt.iterate() as Iterable<[number, string, string, string, string, string | null]>) {
    if (wanted.has(id)) byId.set(id, { key, display, platform, shop, clear });
  }
  return ids.map((id) => byId.get(id)!);
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
  const span = one<{ first: number | null; last: number | null }>('SELECT min(day) AS first, max(day) AS last FROM orders');
  return {
    orders: one<{ n: number }>('SELECT count(*) AS n FROM orders').n,
    customers: one<{ n: number }>('SELECT count(*) AS n FROM customers').n,
    ordersWithoutBuyer: one<{ n: number }>('SELECT count(*) AS n FROM orders WHERE customer_id IS NULL').n,
    firstDay: span.first === null ? null : formatDay(span.first),
    lastDay: span.last === null ? null : formatDay(span.last),
    revenue: all(`SELECT currency, count(*) AS orders, sum(gross) AS gross, sum(net) AS net FROM orders
      WHERE status IN (${COUNTED_SQL}) GROUP BY currency ORDER BY currency`),
    byPlatform: all(`SELECT o.platform, o.shop, count(*) AS orders, count(DISTINCT o.customer_id) AS customers
      FROM orders o GROUP BY o.platform, o.shop ORDER BY o.platform, o.shop`),
    byStatus: all('SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY orders DESC, status'),
    unknownStatuses: all(`SELECT status_raw, count(*) AS orders FROM orders WHERE status = 'unknown'
      GROUP BY status_raw ORDER BY orders DESC, status_raw`),
    imports: all(`SELECT path, platform, shop, finished_at, rows_read, inserted, updated, unchanged, rejected
      FROM imports ORDER BY id`),
  };
}
