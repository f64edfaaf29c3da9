// Schema migration 10 (src/db/schema.ts): customers become `customer_rows` (source id, kind as a number, display
// only where it differs from the key) behind a `customers` view with the old columns. A store as version 7 left
// it opens, its customers read back the same, every report is byte for byte the same, and a re-import of the
// same files inserts nothing.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db/schema.js';
import { fixture, orderlens, tempDir } from './cli-harness.js';

const dir = tempDir();
/** The migration that made `customer_rows` (its 0-based place in MIGRATIONS): a store before it has user_version = this. */
const CUSTOMER_ROWS = MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE customer_rows'));

/** What migration 2 made of `customers`, as the versions before CUSTOMER_ROWS had it (frozen here: the test's old store). */
const VERSION_7_CUSTOMERS = `
  CREATE TABLE customers_old (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL,
    shop      TEXT NOT NULL,
    buyer_key TEXT NOT NULL,
    display   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind = 'id' OR kind = 'email' OR kind = 'phone' OR kind = 'name'),
    clear     TEXT
  );
  INSERT INTO customers_old SELECT id, platform, shop, buyer_key, display, kind, clear FROM customers ORDER BY id;
  DROP VIEW customers;
  DROP TABLE customer_rows;
  ALTER TABLE customers_old RENAME TO customers;
  CREATE UNIQUE INDEX customers_by_key ON customers (platform, shop, buyer_key);
  PRAGMA user_version = ${CUSTOMER_ROWS};
`;

const IMPORTS: [string, string[]][] = [
  [fixture('demo', 'shop-orders-2024.csv'), []], // masked names (keyed), GB18030
  [fixture('shopify', 'orders_export_1.csv'), ['--keep-pii']], // emails and a phone, clear values kept
  [fixture('generic', 'utf8.csv'), ['--shop', 'kept']], // opaque ids (display = key)
];

const REPORTS: string[][] = [
  ['rfm', '--as-of', '2026-01-01', '--currency', 'CNY', '--format', 'csv'],
  ['rfm', '--as-of', '2026-01-01', '--currency', 'CNY', '--segment', 'Champions', '--format', 'csv'],
  ['customers', '--currency', 'USD', '--format', 'csv'],
  ['customers', '--currency', 'USD', '--platform', 'generic', '--shop', 'kept', '--format', 'csv'],
  ['churn', '--as-of', '2026-01-01', '--currency', 'CNY', '--status', 'churned', '--format', 'csv'],
  ['sql', 'SELECT * FROM customers ORDER BY id', '--format', 'csv'],
  ['export', 'orders', '--format', 'csv'],
];

async function reports(db: string): Promise<string[]> {
  const out: string[] = [];
  for (const argv of REPORTS) {
    const r = await orderlens(db, argv);
    expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    out.push(r.stdout);
  }
  return out;
}

function dump(file: string): { rows: unknown[]; view: unknown[]; schema: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      rows: db.prepare('SELECT * FROM customer_rows ORDER BY id').raw().all(),
      view: db.prepare('SELECT * FROM customers ORDER BY id').raw().all(),
      schema: db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name LIKE 'customer%' ORDER BY name").raw().all(),
    };
  } finally {
    db.close();
  }
}

describe('schema migration 10: customer rows', () => {
  it('stores ids, emails, phones and masked names densely, and an older store migrates to the same rows, reports and re-imports', async () => {
    expect(CUSTOMER_ROWS).toBeGreaterThanOrEqual(7);
    const db = path.join(dir, 'new.db');
    for (const [file, flags] of IMPORTS) expect((await orderlens(db, ['import', file, ...flags])).code).toBe(0);
    const made = dump(db);
    const before = await reports(db);
    // dense: the display form only where it differs from the key, kinds as numbers, source ids
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT s.platform, s.shop, c.kind, count(*), count(c.display), count(c.clear) FROM customer_rows c JOIN sources s ON s.id = c.source GROUP BY 1, 2, 3 ORDER BY 1, 2, 3').raw().all()).toEqual([
      ['generic', 'default', 3, 278, 278, 0],
      ['generic', 'kept', 0, 3, 0, 0],
      ['shopify', 'default', 1, 5, 5, 5],
      ['shopify', 'default', 2, 1, 1, 1],
    ]);
    expect(check.prepare('SELECT count(*) FROM customer_rows WHERE display = buyer_key').pluck().get()).toBe(0);
    // orders LEFT JOIN the view (export, `sql`'s views): a row lookup per order, not the view built in full first
    const plan = (check.prepare('EXPLAIN QUERY PLAN SELECT o.order_id, c.platform, c.display FROM order_rows o LEFT JOIN customers c ON c.id = o.customer_id').all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).not.toMatch(/MATERIALIZE|AUTOMATIC/);
    expect(plan).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
    check.close();

    const old = path.join(dir, 'old.db');
    copyFileSync(db, old);
    const older = new Database(old);
    older.exec(VERSION_7_CUSTOMERS);
    expect(older.prepare("SELECT count(*) FROM customers WHERE display = buyer_key AND platform = 'generic' AND shop = 'kept'").pluck().get()).toBe(3);
    older.close();

    expect(await reports(old)).toEqual(before);
    const migrated = dump(old);
    expect(migrated).toEqual(made);
    const version = new Database(old, { readonly: true });
    expect(version.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    version.close();
    for (const [file, flags] of IMPORTS) {
      const again = await orderlens(old, ['import', file, ...flags]);
      expect(again.stdout).toMatch(/inserted 0, updated 0, unchanged \d+/);
    }
    expect(dump(old)).toEqual(made);
    expect(await reports(old)).toEqual(before);
  });

  it('gives customers of a platform and shop without a sources row one, and keeps them', async () => {
    const db = path.join(dir, 'orphan.db');
    expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv')])).code).toBe(0);
    const older = new Database(db);
    older.exec(VERSION_7_CUSTOMERS);
    older.prepare("INSERT INTO customers (id, platform, shop, buyer_key, display, kind, clear) VALUES (100, 'jd', 'gone', 'h:ab', 'a***b', 'phone', '13800000000')").run();
    older.close();
    expect((await orderlens(db, ['info'])).code).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT * FROM customers WHERE id = 100').raw().get()).toEqual([100, 'jd', 'gone', 'h:ab', 'a***b', 'phone', '13800000000']);
    expect(check.prepare("SELECT count(*) FROM sources WHERE platform = 'jd' AND shop = 'gone'").pluck().get()).toBe(1);
    check.close();
  });
});
