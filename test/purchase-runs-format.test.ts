// A store whose purchase runs are in the first format (five plain columns, 28 bytes an entry) is moved to the
// delta-coded one (schema migration 8) when it is opened: the old runs are dropped, rebuilt from the orders, and
// the purchase log reads the same.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { purchaseRunsCheck } from '../src/db/check.js';
import type { Db } from '../src/db/db-handle.js';
import { openDb } from '../src/db/open.js';
import { readRuns, rebuildPurchaseRuns } from '../src/db/purchase-runs.js';
import { MIGRATIONS } from '../src/db/schema.js';
import { COUNTED_STATUSES } from '../src/domain/order.js';
import { tempDir } from './cli-harness.js';

const dir = tempDir();

/** The schema before this session's migrations: version 7, frozen (migrations are append-only). */
const OLD_VERSION = 7;

type Entry = [currency: string, customer: number, day: number, orders: number, gross: number, net: number];

/** The first format of a run's blob, as it was written up to version 7: gross, net (float64), customer, day, orders (int32). */
function oldBlob(entries: Entry[]): Buffer {
  const n = entries.length;
  const buf = Buffer.alloc(n * 28);
  entries.forEach(([, c, d, o, g, t], i) => {
    buf.writeDoubleLE(g, i * 8);
    buf.writeDoubleLE(t, n * 8 + i * 8);
    buf.writeInt32LE(c, n * 16 + i * 4);
    buf.writeInt32LE(d, n * 20 + i * 4);
    buf.writeInt32LE(o, n * 24 + i * 4);
  });
  return buf;
}

describe('purchase runs of the first format (28 bytes an entry)', () => {
  it('are rebuilt delta-coded when a version-7 store is opened, and the log reads the same', () => {
    const file = path.join(dir, 'v7.db');
    const old = new Database(file);
    for (const step of MIGRATIONS.slice(0, OLD_VERSION)) {
      if (typeof step === 'string') old.exec(step);
      else step(old as unknown as Db);
    }
    old.prepare("INSERT INTO meta (key, value) VALUES ('secret', 'abc')").run();
    old.exec(`
      INSERT INTO sources (id, platform, shop) VALUES (1, 'generic', 'default'), (2, 'shopify', 'x');
      INSERT INTO customers (id, platform, shop, buyer_key, display, kind) VALUES
        (1, 'generic', 'default', 'C1', 'C1', 'id'), (2, 'generic', 'default', 'C2', 'C2', 'id'), (70000, 'shopify', 'x', 'a@b.c', 'a@b.c', 'email');
      INSERT INTO imports (id, path, sha256, platform, shop, started_at) VALUES (1, 'a.csv', '', 'generic', 'default', '2024-01-01');
    `);
    const insert = old.prepare(
      'INSERT INTO order_rows (source, order_id, customer_id, ordered_ms, day, status, currency, gross, refunded, net, items_digest, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)',
    );
    const statuses = ['paid', 'completed', 'shipped', 'refunded', 'cancelled', 'partially_refunded', 'pending'];
    let id = 0;
    for (let i = 0; i < 400; i++) {
      const source = i % 5 === 0 ? 2 : 1;
      const customer = i % 13 === 0 ? null : source === 2 ? 70000 : 1 + (i % 2);
      const day = i % 7 === 0 ? -3 + (i % 3) : 19000 + ((i * 37) % 50);
      const gross = i % 11 === 0 ? -(i * 10) : 100 + i * 3;
      const refunded = i % 4 === 0 ? 50 : 0;
      insert.run(source, `o${++id}`, customer, day * 86400000, day, statuses[i % statuses.length], i % 3 === 0 ? 'USD' : 'CNY', gross, refunded, gross - refunded);
    }
    // the runs as version 7 wrote them: one per (currency, bucket), from the counted orders
    const entries = old
      .prepare(
        `SELECT currency, coalesce(customer_id, -source), day, count(*), sum(gross), sum(net) FROM order_rows
         WHERE status IN (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .raw(true)
      .all() as Entry[];
    const bucketOf = (c: number) => (c < 0 ? -1 : Math.floor(c / 65536));
    const groups = new Map<string, Entry[]>();
    for (const e of entries) {
      const key = `${e[0]}/${bucketOf(e[1])}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    expect(groups.size).toBeGreaterThanOrEqual(5); // two currencies, buyerless, buckets 0 and 1
    const put = old.prepare('INSERT INTO purchase_runs (currency, bucket, run, entries, data) VALUES (?, ?, 1, ?, ?)');
    for (const [key, list] of groups) put.run(key.split('/')[0], Number(key.split('/')[1]), list.length, oldBlob(list));
    old.pragma(`user_version = ${OLD_VERSION}`);
    old.close();

    const db = openDb(file, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'purchase_runs_stale'").pluck().get()).toBe(0);
    const stored = db.prepare('SELECT currency, bucket, entries, length(data) AS bytes FROM purchase_runs ORDER BY 1, 2').all() as { entries: number; bytes: number }[];
    expect(stored.reduce((s, r) => s + r.entries, 0)).toBe(entries.length);
    // delta-coded: well under the 28 bytes an entry of the old format
    expect(stored.reduce((s, r) => s + r.bytes, 0)).toBeLessThan(entries.length * 12);
    for (const currency of ['CNY', 'USD']) {
      const run = readRuns(db, currency);
      const got = Array.from(run.customer, (c, i): Entry => [currency, c, run.day[i], run.orders[i], run.gross[i], run.net[i]]);
      expect(got).toEqual(entries.filter((e) => e[0] === currency));
      // read by two threads, as logs of a million entries and more are: the same
      const shared = readRuns(db, currency, 0);
      expect(Array.from(shared.gross)).toEqual(Array.from(run.gross));
      expect(Array.from(shared.customer)).toEqual(Array.from(run.customer));
    }
    expect(purchaseRunsCheck(db).ok).toBe(true);
    // rebuilt with a buffer that fills many times while the orders are read (a large store's case): the same log
    const before = db.prepare('SELECT currency, bucket, run, entries, hex(data) FROM purchase_runs ORDER BY 1, 2, 3').raw(true).all();
    db.transaction(() => rebuildPurchaseRuns(db, 16))();
    expect(db.prepare('SELECT count(*) FROM purchase_runs').pluck().get()).toBeGreaterThan(before.length);
    for (const currency of ['CNY', 'USD']) {
      const run = readRuns(db, currency);
      expect(Array.from(run.customer, (c, i): Entry => [currency, c, run.day[i], run.orders[i], run.gross[i], run.net[i]])).toEqual(entries.filter((e) => e[0] === currency));
    }
    db.close();
  });

  it('a damaged run is said, naming the run, not read as numbers', () => {
    const file = path.join(dir, 'damaged.db');
    const db = openDb(file, { create: true });
    db.prepare("INSERT INTO purchase_runs (currency, bucket, run, entries, data) VALUES ('CNY', 0, 1, 2, x'04020a')").run();
    expect(() => readRuns(db, 'CNY')).toThrow(/purchase runs of bucket 0 \(CNY\) is damaged: its 3 bytes are not 2 entries/);
    expect(() => readRuns(db, 'CNY', 0)).toThrow(/purchase runs of bucket 0 in the log is damaged: its 3 bytes are not 2 entries/);
    db.close();
  });
});
