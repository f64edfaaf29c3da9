/**
 * A file byte for byte the same as one imported before is not read again when nothing can have changed
 * what importing it does (db/import-replay.ts): the summary, the notes and the database are what reading
 * every row gives (--reread), and anything that could make them differ reads the file.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, query, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-replay-');
let n = 0;
const freshDb = () => path.join(dir, `r${++n}.db`);
const SAME = /; the same bytes as import \d+ of \d{4}-\d\d-\d\d, nothing changed since: not read again \(--reread reads it\)/;

/** Everything an import stores apart from its own record: orders, items, customers, purchase runs, sources. */
function stored(db: string): string {
  return JSON.stringify([
    query(db, 'SELECT * FROM order_rows ORDER BY id'),
    query(db, 'SELECT * FROM order_items ORDER BY order_ref, line'),
    query(db, 'SELECT * FROM customers ORDER BY id'),
    query(db, 'SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run'),
    query(db, 'SELECT * FROM sources ORDER BY id'),
  ]);
}

const imports = (db: string) => query<{ n: number }>(db, 'SELECT count(*) AS n FROM imports')[0].n;

describe('re-importing the same bytes', () => {
  it.each([
    ['demo (GBK, assumed currency)', [fixture('demo', 'shop-orders-2024.csv')]],
    ['generic UTF-8', [fixture('generic', 'utf8.csv')]],
    ['generic GBK', [fixture('generic', 'gbk.csv')]],
    ['Shopify line items', [fixture('shopify', 'orders_export_1.csv')]],
    ['Taobao order list', [fixture('taobao', 'ExportOrderList201903151200.csv')]],
    ['JD', [fixture('jd', 'jd_orders_20160105.csv')]],
    ['WooCommerce', [fixture('woocommerce', 'wc-orders-report-export-17100000.csv')]],
    ['CDNOW with --currency', ['--currency', 'USD', fixture('cdnow_sample.csv')]],
  ])('%s: the same summary, notes and database as reading every row', async (_name, args) => {
    const db = freshDb();
    const first = await orderlens(db, ['import', ...args]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(SAME);
    const before = stored(db);
    const again = await orderlens(db, ['import', ...args]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(SAME);
    expect(again.stdout).toMatch(/inserted 0, updated 0, unchanged [1-9]\d*, rejected 0/);
    expect(stored(db)).toBe(before);
    const reread = await orderlens(db, ['import', '--reread', ...args]);
    expect(reread.code, reread.stderr).toBe(0);
    expect(reread.stdout).not.toMatch(SAME);
    expect(again.stdout.replace(SAME, '')).toBe(reread.stdout);
    expect(again.stderr).toBe(reread.stderr);
    expect(stored(db)).toBe(before);
    expect(imports(db)).toBe(3);
  });

  it('reads the file again once another import has updated its orders, and says what is stale', async () => {
    const db = freshDb();
    const older = fixture('demo', 'shop-orders-2024.csv');
    expect((await orderlens(db, ['import', older])).code).toBe(0);
    const newer = await orderlens(db, ['import', fixture('demo', 'shop-orders-2025.csv')]);
    expect(newer.stdout).toContain('updated 68');
    const r = await orderlens(db, ['import', older]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(SAME);
    expect(r.stdout).toContain('read 1683, inserted 0, updated 0, unchanged 1615, stale 68, rejected 0');
    // and a file whose import left stale rows is read every time: they are still not applied
    const again = await orderlens(db, ['import', older]);
    expect(again.stdout).not.toMatch(SAME);
    expect(again.stdout).toContain('unchanged 1615, stale 68');
  });

  it('reuses an import when later imports only added other orders', async () => {
    const db = freshDb();
    const a = path.join(dir, 'day1.csv');
    const b = path.join(dir, 'day2.csv');
    writeFileSync(a, 'order_id,customer_id,order_date,amount,status,currency\n1,C1,2024-01-01,10.00,paid,USD\n2,C2,2024-01-02,12.00,paid,USD\n');
    writeFileSync(b, 'order_id,customer_id,order_date,amount,status,currency\n3,C1,2024-01-03,10.00,paid,USD\n');
    expect((await orderlens(db, ['import', a])).code).toBe(0);
    expect((await orderlens(db, ['import', b])).stdout).toContain('inserted 1, updated 0');
    const r = await orderlens(db, ['import', a]);
    expect(r.stdout).toMatch(SAME);
    expect(r.stdout).toContain('read 2, inserted 0, updated 0, unchanged 2, rejected 0');
  });

  it('reads the file when its bytes, settings or shop differ', async () => {
    const db = freshDb();
    const file = path.join(dir, 'orders.csv');
    const text = 'order_id,customer_id,order_date,amount,status,currency\n1,C1,2024-01-01,10.00,paid,USD\n2,C2,2024-01-02,12.00,paid,USD\n';
    writeFileSync(file, text);
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    // one byte changed, the same size
    writeFileSync(file, text.replace('12.00', '13.00'));
    const changed = await orderlens(db, ['import', file]);
    expect(changed.stdout).not.toMatch(SAME);
    expect(changed.stdout).toContain('read 2, inserted 0, updated 1, unchanged 1');
    // the same bytes under another name are the same file
    const copy = path.join(dir, 'orders-copy.csv');
    copyFileSync(file, copy);
    expect((await orderlens(db, ['import', copy])).stdout).toMatch(SAME);
    // other settings: clear buyer data kept, another shop
    const pii = await orderlens(db, ['import', '--keep-pii', file]);
    expect(pii.stdout).not.toMatch(SAME);
    expect(pii.stdout).toContain('unchanged 2');
    const shop = await orderlens(db, ['import', '--shop', 'second', file]);
    expect(shop.stdout).not.toMatch(SAME);
    expect(shop.stdout).toContain('inserted 2');
  });

  it.each([
    [fixture('generic', 'bad-rows.csv'), 3],
    [fixture('taobao', 'qianniu_order_export_20240506.xlsx'), 8],
  ])('says the rejects of %s again, with file and line, rather than reusing its import', async (file, line) => {
    const db = freshDb();
    const first = await orderlens(db, ['import', file]);
    const again = await orderlens(db, ['import', file]);
    expect(again.stdout).not.toMatch(SAME);
    expect(again.stdout).toMatch(/rejected [1-9]/);
    const rejectLines = (text: string) => text.split('\n').filter((l) => l.startsWith(`${file}:`));
    expect(rejectLines(again.stderr)[0]).toMatch(`${file}:${line}: `);
    expect(rejectLines(again.stderr)).toEqual(rejectLines(first.stderr));
  });

  it('stores nothing in a dry run, and --strict and --max-rejects hold', async () => {
    const db = freshDb();
    const file = fixture('generic', 'utf8.csv');
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    const before = readFileSync(db);
    const dry = await orderlens(db, ['import', '--dry-run', '--strict', '--max-rejects', '0', file]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: .*unchanged \d+, rejected 0.*not read again/);
    expect(imports(db)).toBe(1);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
