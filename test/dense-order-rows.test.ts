/**
 * Schema migration 9 (db/status-codes.ts): order rows store a status code, a currency only where it is not the
 * source's `row_currency`, and no items digest for orders without item lines. A store written in the old layout
 * (version 8, built here from the `orders` view of a store written now) opens, migrates in one transaction into
 * the same rows, reports byte for byte the same, and re-importing its files inserts and updates nothing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { digestItems } from '../src/db/items-digest.js';
import { MIGRATIONS } from '../src/db/schema.js';
import { COUNTED_CODES_SQL, STATUS_CODE, STORED_STATUSES, statusTextSql } from '../src/db/status-codes.js';
import { COUNTED_STATUSES, ORDER_STATUSES } from '../src/domain/order.js';
import { fixture, orderlens, query, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-dense-');
let n = 0;
const freshDb = () => path.join(dir, `d${++n}.db`);

/** A shop selling in two currencies, with returns (negative gross), an unknown status and a status text of its own. */
const MIXED = path.join(dir, 'mixed.csv');
writeFileSync(
  MIXED,
  [
    'order_id,customer,order_date,amount,status,refund,currency',
    'M1,A,2024-01-03 10:00:00,10.00,completed,0.00,EUR',
    'M2,B,2024-01-04 10:00:00,20.00,paid,0.00,USD',
    'M3,A,2024-02-05 10:00:00,30.00,completed,5.00,EUR',
    'M4,C,2024-02-06 10:00:00,-7.50,refunded,7.50,EUR',
    'M5,B,2024-03-07 10:00:00,-4.00,refunded,4.00,USD',
    'M6,D,2024-03-08 10:00:00,12.00,lost in space,0.00,EUR',
    'M7,C,2024-04-09 10:00:00,15.00,cancelled,0.00,USD',
    'M8,D,2024-05-10 10:00:00,16.00,shipped,0.00,EUR',
    'M9,,2024-05-11 10:00:00,9.00,completed,0.00,EUR',
  ].join('\n') + '\n',
);

/** Each import: the same arguments for the first import and the re-import. */
const IMPORTS: string[][] = [
  ['--shop', 'demo', fixture('demo', 'shop-orders-2024.csv')],
  ['--shop', 'demo', fixture('demo', 'shop-orders-2025.csv')],
  [fixture('shopify', 'orders_export_1.csv')],
  [fixture('taobao', 'ExportOrderList201903151200.csv')],
  [fixture('taobao', 'ExportOrderDetailList201903151200.csv')],
  ['--shop', 'mixed', MIXED],
];

/** The stored tables a migration may not change (the order rows also as the `orders` view gives them): table → rows as JSON. */
const TABLES: Record<string, string> = {
  orders: 'SELECT * FROM orders ORDER BY id',
  order_rows: 'SELECT * FROM order_rows ORDER BY id',
  order_items: 'SELECT * FROM order_items ORDER BY order_ref, line',
  customers: 'SELECT * FROM customers ORDER BY id',
  sources: 'SELECT * FROM sources ORDER BY id',
  purchase_runs: 'SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run',
  row_chunks: 'SELECT source, part, key, hex(data) AS data FROM row_chunks ORDER BY source, part',
  imports: 'SELECT * FROM imports ORDER BY id',
  meta: 'SELECT * FROM meta ORDER BY key',
};

/** The first row (as JSON) where `a` and `b` differ, table by table; null when every table is the same. */
function firstDifference(a: string, b: string, tables = Object.keys(TABLES)): string | null {
  for (const table of tables) {
    const sql = TABLES[table];
    const x = query(a, sql).map((r) => JSON.stringify(r));
    const y = query(b, sql).map((r) => JSON.stringify(r));
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `${table} row ${i}: ${x[i]?.slice(0, 400)} ≠ ${y[i]?.slice(0, 400)}`;
  }
  return null;
}

/** Writes `from`'s data into a new store at schema version 8 (text status, a currency and an items digest on every row). */
function asVersion8(from: string, to: string): void {
  const old = new Database(to);
  old.transaction(() => {
    for (const step of MIGRATIONS.slice(0, 8)) {
      if (typeof step === 'string') old.exec(step);
      else step(old);
    }
  })();
  old.pragma('user_version = 8');
  old.function('plain_digest', (count: number) => digestItems(count, []));
  old.prepare('ATTACH ? AS now').run(from);
  old.exec(`
    INSERT INTO meta SELECT * FROM now.meta;
    INSERT INTO imports SELECT * FROM now.imports;
    INSERT INTO sources (id, platform, shop, zone, currency, currency_assumed, settings)
      SELECT id, platform, shop, zone, currency, currency_assumed, settings FROM now.sources;
    INSERT INTO customers SELECT * FROM now.customers;
    INSERT INTO order_rows (id, source, order_id, customer_id, ordered_ms, day, status, status_raw, currency, gross, discount, shipping,
        refunded, net, item_count, items_digest, import_id)
      SELECT o.id, r.source, o.order_id, o.customer_id, r.ordered_ms, o.day, o.status, r.status_raw, o.currency, o.gross, o.discount,
        o.shipping, o.refunded, o.net, o.item_count, coalesce(r.items_digest, plain_digest(o.item_count)), o.import_id
      FROM now.orders o JOIN now.order_rows r ON r.id = o.id;
    INSERT INTO order_items SELECT * FROM now.order_items;
    DELETE FROM purchase_runs;
    DELETE FROM meta WHERE key = 'purchase_runs_stale'; -- marked by migrations 3 and 8 over no orders: the runs copied are exact
    INSERT INTO purchase_runs SELECT * FROM now.purchase_runs;
    INSERT INTO row_chunks SELECT * FROM now.row_chunks;
  `);
  old.exec('DETACH now');
  old.close();
}

const REPORTS: string[][] = [
  ['info', '--format', 'csv'],
  ['rfm', '--as-of', '2025-01-01', '--format', 'csv'],
  ['rfm', '--currency', 'EUR', '--as-of', '2025-01-01', '--format', 'csv'],
  ['rfm', '--currency', 'USD', '--as-of', '2025-01-01', '--format', 'csv'],
  ['churn', '--as-of', '2025-01-01', '--format', 'csv'],
  ['cohorts', '--as-of', '2025-01-01', '--format', 'csv'],
  ['pareto', '--as-of', '2025-01-01', '--format', 'csv'],
  ['customers', '--as-of', '2025-01-01', '--format', 'csv'],
  ['export', '--format', 'csv'],
  ['export', '--table', 'purchases', '--currency', 'EUR', '--format', 'csv'],
  ['sql', 'SELECT status, currency, count(*) AS n, sum(net) AS net FROM orders GROUP BY 1, 2 ORDER BY 1, 2'],
  ['doctor'],
];

async function reports(db: string): Promise<string[]> {
  const out: string[] = [];
  for (const argv of REPORTS) {
    const r = await orderlens(db, argv);
    out.push(`${argv.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`.replaceAll(db, 'DB'));
  }
  return out;
}

describe('dense order rows (schema migration 9)', () => {
  it('codes every status once, in an order that never changes', () => {
    expect([...STORED_STATUSES].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(STORED_STATUSES).toEqual(['pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded', 'partially_refunded', 'unknown']);
    expect(COUNTED_CODES_SQL.split(', ').map((c) => STORED_STATUSES[Number(c)])).toEqual(COUNTED_STATUSES);
    const db = new Database(':memory:');
    for (const [status, code] of STATUS_CODE) expect(db.prepare(`SELECT ${statusTextSql('?')}`).pluck().get(code)).toBe(status);
    db.close();
  });

  it('stores a currency only where it is not the source’s, and gives every row’s back through the view', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', '--shop', 'mixed', MIXED]);
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, 'SELECT row_currency FROM sources')).toEqual([{ row_currency: 'EUR' }]);
    expect(query(db, 'SELECT order_id, currency, status, items_digest FROM order_rows ORDER BY id')).toEqual([
      { order_id: 'M1', currency: null, status: 3, items_digest: null },
      { order_id: 'M2', currency: 'USD', status: 1, items_digest: null },
      { order_id: 'M3', currency: null, status: 6, items_digest: null },
      { order_id: 'M4', currency: null, status: 5, items_digest: null },
      { order_id: 'M5', currency: 'USD', status: 5, items_digest: null },
      { order_id: 'M6', currency: null, status: 7, items_digest: null },
      { order_id: 'M7', currency: 'USD', status: 4, items_digest: null },
      { order_id: 'M8', currency: null, status: 2, items_digest: null },
      { order_id: 'M9', currency: null, status: 3, items_digest: null },
    ]);
    expect(query<Record<string, unknown>>(db, 'SELECT order_id, currency, status, status_raw FROM orders ORDER BY id').map((o) => Object.values(o).join(' '))).toEqual([
      'M1 EUR completed completed',
      'M2 USD paid paid',
      'M3 EUR partially_refunded completed',
      'M4 EUR refunded refunded',
      'M5 USD refunded refunded',
      'M6 EUR unknown lost in space',
      'M7 USD cancelled cancelled',
      'M8 EUR shipped shipped',
      'M9 EUR completed completed',
    ]);
    // a status changed by a later export is stored as its code, the currency still in its short form
    const later = path.join(dir, 'mixed-later.csv');
    writeFileSync(later, 'order_id,customer,order_date,amount,status,refund,currency\nM2,B,2024-01-04 10:00:00,20.00,completed,0.00,USD\nM8,D,2024-05-10 10:00:00,16.00,completed,0.00,EUR\n');
    const again = await orderlens(db, ['import', '--shop', 'mixed', later]);
    expect(again.stdout).toMatch(/inserted 0, updated 2, unchanged 0/);
    expect(query(db, "SELECT order_id, currency, status FROM order_rows WHERE order_id IN ('M2', 'M8') ORDER BY id")).toEqual([
      { order_id: 'M2', currency: 'USD', status: 3 },
      { order_id: 'M8', currency: null, status: 3 },
    ]);
    const doctor = await orderlens(db, ['doctor']);
    expect(doctor.code, doctor.stdout).toBe(0);
  });

  it('migrates a version-8 store into the same rows, reports the same bytes, and re-imports nothing', async () => {
    const now = freshDb();
    for (const args of IMPORTS) {
      const r = await orderlens(now, ['import', ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const old = freshDb();
    asVersion8(now, old);
    // the old layout really is the old one: text statuses, a currency and a digest on every row
    expect(query(old, 'SELECT count(*) AS n FROM order_rows WHERE typeof(status) <> ? OR currency IS NULL OR items_digest IS NULL', ['text'])).toEqual([{ n: 0 }]);

    const want = await reports(now);
    const got = await reports(old); // the first open migrates
    expect(query(old, 'PRAGMA user_version')).toEqual([{ user_version: MIGRATIONS.length }]);
    expect(firstDifference(old, now)).toBe(null);
    for (let i = 0; i < REPORTS.length; i++) {
      const w = want[i].split('\n');
      const g = got[i].split('\n');
      const at = w.findIndex((line, k) => line !== g[k]);
      expect(at < 0 && g.length === w.length ? null : `${REPORTS[i].join(' ')}, line ${at}: ${g[at]?.slice(0, 400)} ≠ ${w[at]?.slice(0, 400)}`).toBe(null);
    }

    for (const args of IMPORTS) {
      const r = await orderlens(old, ['import', '--reread', ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/inserted 0, updated 0, /);
    }
    // nothing a re-import may change did change (its own record in imports, meta's notes aside)
    expect(firstDifference(old, now, ['orders', 'order_rows', 'order_items', 'customers', 'sources', 'purchase_runs'])).toBe(null);
  }, 240_000);
});
