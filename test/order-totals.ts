/**
 * Test helper: what a database holds, counted the way every report counts (COUNTED_STATUSES), read with
 * plain SQL so the figures do not go through the code under test twice.
 */
import Database from 'better-sqlite3';

export interface OrderTotals {
  orders: number;
  /** Orders whose status counts as a purchase. */
  counted: number;
  /** Distinct customers among the counted orders. */
  customers: number;
  /** Counted orders without a buyer identity. */
  countedWithoutBuyer: number;
  /** Net revenue (minor units) of the counted orders, by currency. */
  revenue: Record<string, number>;
  byStatus: Record<string, number>;
}

const COUNTED = "('paid', 'shipped', 'completed', 'partially_refunded')";

export function orderTotals(dbPath: string, where = '1 = 1', params: unknown[] = []): OrderTotals {
  const db = new Database(dbPath, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get(...params) as { n: number }).n;
    const revenue: Record<string, number> = {};
    for (const r of db.prepare(`SELECT currency, sum(net) AS n FROM orders WHERE ${where} AND status IN ${COUNTED} GROUP BY currency`).all(...params) as { currency: string; n: number }[]) {
      revenue[r.currency] = r.n;
    }
    const byStatus: Record<string, number> = {};
    for (const r of db.prepare(`SELECT status, count(*) AS n FROM orders WHERE ${where} GROUP BY status`).all(...params) as { status: string; n: number }[]) {
      byStatus[r.status] = r.n;
    }
    return {
      orders: one(`SELECT count(*) AS n FROM orders WHERE ${where}`),
      counted: one(`SELECT count(*) AS n FROM orders WHERE ${where} AND status IN ${COUNTED}`),
      customers: one(`SELECT count(DISTINCT customer_id) AS n FROM orders WHERE ${where} AND status IN ${COUNTED}`),
      countedWithoutBuyer: one(`SELECT count(*) AS n FROM orders WHERE ${where} AND status IN ${COUNTED} AND customer_id IS NULL`),
      revenue,
      byStatus,
    };
  } finally {
    db.close();
  }
}

/** Rows of any query, for spot checks. */
export function queryRows<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
