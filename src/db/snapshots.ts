/**
 * Stored snapshots: one `snapshots` row per snapshot (label, as-of, settings) and one `snapshot_customers`
 * row per customer (see schema.ts, migration 4). Customers are named by their stable identity.
 */
import { customerIdentity, type CustomerIdentity } from '../domain/customer-identity.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { Snapshot } from '../analytics/snapshot.js';
import { DataError } from '../errors.js';
import type { Db } from './open.js';
import { said } from '../report/said.js';

export interface SnapshotCustomerRecord extends CustomerIdentity {
  display: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  orders: number;
  firstDay: number;
  lastDay: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  churnStatus: 'active' | 'at_risk' | 'churned' | null;
  pAlive: number | null;
  clv: number | null;
}

export interface SnapshotInfo {
  id: number;
  label: string;
  asOf: number;
  currency: string;
  customers: number;
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface NewSnapshot {
  label: string;
  asOf: number;
  currency: string;
  settings: Record<string, unknown>;
  createdAt: string;
  customers: SnapshotCustomerRecord[];
}

/** Writes snapshots in one transaction; an existing label is replaced only with `replace`. */
export function saveSnapshots(db: Db, snapshots: readonly NewSnapshot[], replace: boolean): void {
  const find = db.prepare('SELECT id FROM snapshots WHERE label = ?').pluck();
  const drop = db.prepare('DELETE FROM snapshots WHERE id = ?');
  const head = db.prepare('INSERT INTO snapshots (label, as_of, currency, customers, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const row = db.prepare(
    `INSERT INTO snapshot_customers (snapshot, platform, shop, customer_key, display, recency_days, frequency, monetary, orders, first_day, last_day,
       r, f, m, segment, churn_status, p_alive, clv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const s of snapshots) {
      const existing = find.get(s.label) as number | undefined;
      if (existing !== undefined) {
        if (!replace) throw new DataError(said('snapshot.exists', { label: s.label }));
        drop.run(existing);
      }
      const id = Number(head.run(s.label, s.asOf, s.currency, s.customers.length, JSON.stringify(s.settings), s.createdAt).lastInsertRowid);
      for (const c of s.customers) {
        row.run(id, c.platform, c.shop, c.customerKey, c.display, c.recencyDays, c.frequency, Math.round(c.monetary), c.orders, c.firstDay, c.lastDay,
          c.r, c.f, c.m, c.segment, c.churnStatus, c.pAlive, c.clv);
      }
    }
  })();
}

/** Every snapshot, by as-of day then label. */
export function listSnapshots(db: Db): SnapshotInfo[] {
  const rows = db.prepare('SELECT id, label, as_of, currency, customers, settings, created_at FROM snapshots ORDER BY as_of, label').all() as {
    id: number; label: string; as_of: number; currency: string; customers: number; settings: string; created_at: string;
  }[];
  return rows.map((r) => ({ id: r.id, label: r.label, asOf: r.as_of, currency: r.currency, customers: r.customers, settings: JSON.parse(r.settings) as Record<string, unknown>, createdAt: r.created_at }));
}

/** One snapshot by label; a missing label is a data error that names the labels there are. */
export function findSnapshot(db: Db, label: string): SnapshotInfo {
  const all = listSnapshots(db);
  const found = all.find((s) => s.label === label);
  if (found) return found;
  if (all.length === 0) throw new DataError(said('snapshot.noneYet', { label }));
  throw new DataError(said('snapshot.unknown', { label, list: `${all.map((s) => `'${s.label}'`).slice(0, 8).join(', ')}${all.length > 8 ? ', …' : ''}` }));
}

/** The customers of a snapshot, in identity order. */
export function snapshotCustomers(db: Db, id: number): SnapshotCustomerRecord[] {
  const rows = db
    .prepare(
      `SELECT platform, shop, customer_key, display, recency_days, frequency, monetary, orders, first_day, last_day, r, f, m, segment, churn_status, p_alive, clv
       FROM snapshot_customers WHERE snapshot = ? ORDER BY platform, shop, customer_key`,
    )
    .raw(true)
    .all(id) as [string, string, string, string, number, number, number, number, number, number, number, number, number, string, SnapshotCustomerRecord['churnStatus'], number | null, number | null][];
  return rows.map((r) => ({
    platform: r[0], shop: r[1], customerKey: r[2], display: r[3], recencyDays: r[4], frequency: r[5], monetary: r[6], orders: r[7], firstDay: r[8], lastDay: r[9],
    r: r[10], f: r[11], m: r[12], segment: r[13], churnStatus: r[14], pAlive: r[15], clv: r[16],
  }));
}

/** Removes a snapshot; false when there is none with that label. */
export function dropSnapshot(db: Db, label: string): boolean {
  return db.prepare('DELETE FROM snapshots WHERE label = ?').run(label).changes > 0;
}

/**
 * A snapshot taken of `log` as the row to store: its customers named by their stable identity, the settings
 * with what the snapshot found (the churn threshold, the model used).
 */
export function snapshotRecord(log: PurchaseLog, snap: Snapshot, label: string, settings: Record<string, unknown>, createdAt: string): NewSnapshot {
  return {
    label,
    asOf: snap.asOf,
    currency: log.currency,
    createdAt,
    settings: { ...settings, churn_threshold_days: snap.churnThreshold, model_used: snap.model },
    customers: snap.customers.map((c) => {
      const ref = log.customers[c.index];
      return { ...customerIdentity(ref), display: ref.display, ...c };
    }),
  };
}
