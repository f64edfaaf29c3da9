/**
 * Re-imports that skip row chunks against reading every row (test/import-chunks*.test.ts): what a database
 * holds, what an import says, and the comparison of the two ways of importing the same files.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type ImportOptions, type ImportResult } from '../src/index.js';

/**
 * What a database holds of its orders and customers. Orders by their order id: the row ids of new orders
 * may differ (an import hands out ids to the orders it prepares, also to those it then finds stored).
 */
export function storedIn(file: string) {
  const db = new Database(file, { readonly: true });
  const all = (sql: string) => db.prepare(sql).all();
  const out = {
    orders: all('SELECT * FROM orders ORDER BY order_id').map((o) => ({ ...(o as object), id: undefined })),
    items: all('SELECT o.order_id, i.line, i.sku, i.title, i.quantity, i.unit_price, i.line_total FROM order_items i JOIN orders o ON o.id = i.order_ref ORDER BY o.order_id, i.line'),
    customers: all('SELECT * FROM customers ORDER BY id'),
    runs: all('SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run'),
    imports: all('SELECT rows_read, inserted, updated, unchanged, stale, rejected FROM imports ORDER BY id'),
  };
  db.close();
  return out;
}

/** The result as the user sees it (the rejects without their cells). */
export function saidBy(r: ImportResult): string {
  const { rowsSkipped: _skipped, file: _file, ...rest } = r;
  return JSON.stringify({ ...rest, firstRejects: r.firstRejects.map((x) => [x.line, x.reason]), unknownStatuses: [...r.unknownStatuses] });
}

/** Imports `files` in turn into a fresh database at `dbFile`: the results, and the last import's rows skipped. */
export async function importAllInto(dbFile: string, files: string[], opts: Partial<ImportOptions> = {}) {
  const db = openDb(dbFile, { create: true });
  const results: string[] = [];
  let skipped = 0;
  for (const f of files) {
    const r = await importFile(db, f, { platform: 'auto', encoding: 'auto', onReject: undefined, ...opts });
    results.push(saidBy(r));
    skipped = r.rowsSkipped;
  }
  db.close();
  return { results, skipped, stored: storedIn(dbFile) };
}

/** File `b` imported over `a`, skipping chunks, against reading every row of it: the same. `db()`: a new database path. */
export async function compareSkipping(db: () => string, a: string, b: string, opts: Partial<ImportOptions> = {}) {
  const skipping = await importAllInto(db(), [a, b], opts);
  const reading = await importAllInto(db(), [a, b], { ...opts, reread: true });
  expect(skipping.results).toEqual(reading.results);
  expect(skipping.stored).toEqual(reading.stored);
  expect(reading.skipped).toBe(0);
  return skipping;
}
