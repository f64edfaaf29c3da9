/**
 * What an import may conclude from a file (issue 12): two stores never overwrite each other, the shop an
 * export names, stale rows, exit codes cron can rely on.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const dir = tempDir('orderlens-trust-');
let n = 0;
const freshDb = () => path.join(dir, `t${++n}.db`);

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

/** Everything an import writes, as one text: orders, items, customers, purchase runs. */
function snapshot(db: string): string {
  return JSON.stringify([
    query(db, 'SELECT * FROM order_rows ORDER BY id'),
    query(db, 'SELECT * FROM order_items ORDER BY order_ref, line'),
    query(db, 'SELECT * FROM customers ORDER BY id'),
    query(db, 'SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run'),
  ]);
}

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('two stores never overwrite each other', () => {
  const first = sharedFile('shopify', 'oks234_customer_vip_orders_export_1.csv');
  const second = sharedFile('shopify', 'maison_maria_orders_export_1.csv');
  it.skipIf(!first || !second)('refuses a second Shopify store under the first one\'s order ids, and keeps both with --shop (needs ../shared/data/shopify)', async () => {
    const db = freshDb();
    expect((await orderlens(db, ['import', first!])).code).toBe(0);
    const before = snapshot(db);
    const r = await orderlens(db, ['import', second!]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // one line: how many, two examples with old and new values, the fix
    const error = r.stderr.trim().split('\n');
    expect(error).toHaveLength(1);
    expect(error[0]).toMatch(/59 orders in this file would change the buyer, creation time or currency of orders already stored for shopify\/default/);
    expect(error[0]).toMatch(/e\.g\. #\d+ \(stored: 20\d\d-\d\d-\d\d \d\d:\d\d UTC, USD, buyer [^;]+; this file: 2025-\d\d-\d\d \d\d:\d\d UTC, GBP, buyer [^)]+\) and #\d+ \(stored/);
    expect(error[0]).toMatch(/nothing from this file was stored\. If it is another store's export, import it with --shop NAME/);
    expect(snapshot(db)).toBe(before);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM imports')[0].n).toBe(1);

    const ok = await orderlens(db, ['import', '--shop', 'maison-maria', second!]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('read 61, inserted 60, updated 0, unchanged 0, rejected 0');
    expect(query(db, 'SELECT shop, count(*) AS n, min(currency) AS c FROM orders GROUP BY shop ORDER BY shop')).toEqual([
      { shop: 'default', n: 409, c: 'USD' },
      { shop: 'maison-maria', n: 60, c: 'GBP' },
    ]);
    expect(query(db, "SELECT order_day, currency, net FROM orders WHERE order_id = '#1001' ORDER BY shop")).toEqual([
      { order_day: '2019-05-14', currency: 'USD', net: 1200 },
      { order_day: '2025-08-03', currency: 'GBP', net: 1638 },
    ]);
  });

  it('refuses a changed buyer or creation time of a stored order, whatever the platform', async () => {
    const db = freshDb();
    expect((await orderlens(db, ['import', csv('a.csv', ['order_id,customer,date,amount', '1,ann@example.com,2024-01-05,10.00', '2,bob@example.com,2024-01-06,20.00'])])).code).toBe(0);
    const before = snapshot(db);
    const buyer = await orderlens(db, ['import', csv('b.csv', ['order_id,customer,date,amount', '1,carl@example.com,2024-01-05,10.00', '3,dan@example.com,2024-01-07,5.00'])]);
    expect(buyer.code).toBe(1);
    expect(buyer.stderr).toMatch(/1 order in this file would change .* e\.g\. 1 \(stored: 2024-01-05 00:00 UTC, CNY, buyer a\S+; this file: 2024-01-05 00:00 UTC, CNY, buyer c\S+\)/);
    const instant = await orderlens(db, ['import', csv('c.csv', ['order_id,customer,date,amount', '2,bob@example.com,2024-02-06,20.00'])]);
    expect(instant.code).toBe(1);
    expect(snapshot(db)).toBe(before);
  });
});

describe('the shop an export names', () => {
  it('is the shop without --shop, said in the line; rows of another shop are rejected; --shop takes every row', async () => {
    const file = csv('stores.csv', ['order_id,customer,date,amount,store', '1,a1,2024-01-05,10.00,North', '2,a2,2024-01-06,20.00,North', '3,a3,2024-01-06,5.00,South']);
    const db = freshDb();
    const r = await orderlens(db, ['import', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 2, updated 0, unchanged 0, rejected 1 (detected: generic orders file; shop North from its store column;');
    expect(r.stderr).toContain("stores.csv:4: this row is shop 'South' (store), the file's first row shop 'North'");
    const all = await orderlens(freshDb(), ['import', '--shop', 'both', file]);
    expect(all.stdout).toContain('read 3, inserted 3, updated 0, unchanged 0, rejected 0 (detected: generic orders file; shop both;');
  });

  it('a file that names no store goes to the platform\'s only stored shop (an item report to its order report)', async () => {
    const db = freshDb();
    expect((await orderlens(db, ['import', '--shop', 'mine', csv('o1.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00'])])).code).toBe(0);
    const r = await orderlens(db, ['import', csv('o2.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00'])]);
    expect(r.stdout).toContain('unchanged 1, rejected 0 (detected: generic orders file; shop mine (the only generic shop stored);');
  });
});

describe('stale rows', () => {
  const newer = ['order_id,customer,date,amount,status,refund', '1,a1,2024-01-05,10.00,completed,', '2,a2,2024-01-06,20.00,completed,5.00', '3,a3,2024-01-07,30.00,paid,'];
  const older = ['order_id,customer,date,amount,status,refund', '1,a1,2024-01-05,10.00,shipped,', '2,a2,2024-01-06,20.00,completed,', '3,a3,2024-01-07,30.00,completed,'];
  it('never move an order back in its life: counted as stale and left alone; --allow-stale applies them', async () => {
    const db = freshDb();
    expect((await orderlens(db, ['import', csv('newer.csv', newer)])).code).toBe(0);
    const r = await orderlens(db, ['import', csv('older.csv', older)]);
    expect(r.code, r.stderr).toBe(0);
    // 1: completed → shipped, 2: its refund would disappear: stale; 3: paid → completed moves forward
    expect(r.stdout).toContain('read 3, inserted 0, updated 1, unchanged 0, stale 2, rejected 0');
    expect(r.stderr).toContain('2 rows would have moved stored orders back in their life');
    expect(query(db, 'SELECT order_id, status, refunded FROM orders ORDER BY order_id')).toEqual([
      { order_id: '1', status: 'completed', refunded: 0 },
      { order_id: '2', status: 'partially_refunded', refunded: 500 },
      { order_id: '3', status: 'completed', refunded: 0 },
    ]);
    expect(query(db, 'SELECT stale FROM imports ORDER BY id')).toEqual([{ stale: 0 }, { stale: 2 }]);
    const again = await orderlens(db, ['import', '--allow-stale', csv('older2.csv', older)]);
    expect(again.stdout).toContain('read 3, inserted 0, updated 2, unchanged 1, rejected 0');
    expect(query(db, 'SELECT order_id, status, refunded FROM orders ORDER BY order_id')).toEqual([
      { order_id: '1', status: 'shipped', refunded: 0 },
      { order_id: '2', status: 'completed', refunded: 0 },
      { order_id: '3', status: 'completed', refunded: 0 },
    ]);
  });
});

