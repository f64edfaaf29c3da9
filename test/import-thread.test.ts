// The reading half of an import runs in a worker thread for large files (map-thread.ts). Whichever thread
// reads, the same files must give the same database, the same counts and the same messages.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type ImportOptions, type ImportResult } from '../src/index.js';
import { fixture, sizeOf, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
let n = 0;

/** What a database holds, minus the times and paths of its imports. */
function contents(file: string) {
  const db = new Database(file, { readonly: true });
  const all = (sql: string) => db.prepare(sql).all();
  const out = {
    orders: all('SELECT * FROM orders ORDER BY id'),
    items: all('SELECT * FROM order_items ORDER BY order_ref, line'),
    customers: all('SELECT * FROM customers ORDER BY id'),
    runs: all('SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run'),
    imports: all('SELECT id, sha256, platform, shop, encoding, rows_read, inserted, updated, unchanged, rejected FROM imports ORDER BY id'),
  };
  db.close();
  return out;
}

/** Imports the files in turn into a fresh database; the results (rejects without cells) and the contents. */
async function importAll(files: string[], opts: Partial<ImportOptions>, thread: boolean) {
  const file = path.join(dir, `t${++n}.db`);
  const db = openDb(file, { create: true });
  const results: (ImportResult | string)[] = [];
  // buyer hashes are keyed by the test process's key file (test/setup-key.ts): the same key in both
  // databases, so that their keys compare
  for (const f of files) {
    try {
      const r = await importFile(db, f, { platform: 'auto', encoding: 'auto', ...opts, thread });
      results.push({ ...r, firstRejects: r.firstRejects.map((x) => ({ ...x, cells: null })) });
    } catch (e) {
      results.push(`${(e as Error).name}: ${(e as Error).message}`);
    }
  }
  db.close();
  return { results, contents: contents(file) };
}

const sets: [string, string[], Partial<ImportOptions>][] = [
  ['generic files', ['utf8.csv', 'utf8-bom.csv', 'gbk.csv', 'semicolon.csv', 'tabs.tsv', 'bad-rows.csv'].map((f) => fixture('generic', f)), {}],
  ['Taobao orders, then their item report', ['ExportOrderList201903151200.csv', 'ExportOrderDetailList201903151200.csv', 'qianniu_order_export_20240506.xlsx'].map((f) => fixture('taobao', f)), {}],
  ['Shopify, WooCommerce, Etsy, eBay, Amazon', [
    fixture('shopify', 'orders_export_1.csv'),
    fixture('woocommerce', 'wc-orders-report-export-17100000.csv'),
    fixture('etsy', 'EtsySoldOrders2023.csv'),
    fixture('etsy', 'EtsySoldOrderItems2023.csv'),
    fixture('ebay', 'eBay-Bestellbericht-Dez-13-2025.csv'),
    fixture('amazon', 'All_Orders_20170620.txt'),
  ], {}],
  ['the demo shop, twice', ['shop-orders-2024.csv', 'shop-orders-2025.csv', 'shop-orders-2024.csv'].map((f) => path.join(repoRoot, 'fixtures', 'demo', f)), { zone: 'Asia/Shanghai' }],
  ['a strict import that fails', [fixture('generic', 'utf8.csv'), fixture('generic', 'bad-rows.csv')], { strict: true }],
  ['a dry run', [fixture('generic', 'utf8.csv'), fixture('shopify', 'orders_export_1.csv')], { dryRun: true }],
  ['files that cannot be read', [fixture('cdnow_sample.md'), path.join(dir, 'missing.csv'), fixture('generic', 'utf8.csv')], {}],
];

describe('reading in a worker thread', () => {
  it.each(sets)('%s: the same database, counts and messages as reading in the importing thread', async (_name, files, opts) => {
    const here = await importAll(files, opts, false);
    const there = await importAll(files, opts, true);
    expect(there).toEqual(here);
    // something was read: orders stored, errors said, or (a dry run) orders counted and nothing kept
    const counted = here.results.reduce((sum, r) => sum + (typeof r === 'string' ? 1 : r.counts.inserted), 0);
    expect(counted).toBeGreaterThan(0);
    if (opts.dryRun) expect(here.contents.orders).toEqual([]);
    else expect(here.contents.orders.length + here.results.filter((r) => typeof r === 'string').length).toBeGreaterThan(0);
  });

  it('orders repeated far apart, rejects with cells, a header without rows', async () => {
    const rows = ['order_id,customer,date,amount,status'];
    for (let i = 0; i < 30_000; i++) rows.push(`${i % 20_000},c${i % 777},2024-0${(i % 9) + 1}-1${i % 10} 10:00:00,${(i % 50) + 1}.25,${i % 13 === 0 ? 'refunded' : 'completed'}`);
    rows.push('x,c1,2024-01-01,', 'y,c1,someday,1.00');
    const big = path.join(dir, 'repeats.csv');
    writeFileSync(big, rows.join('\n') + '\n');
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, 'order_id,customer,date,amount\n');
    const here = await importAll([big, empty], {}, false);
    const there = await importAll([big, empty], {}, true);
    expect(there).toEqual(here);
    const result = here.results[0] as ImportResult;
    expect(result.counts).toMatchObject({ read: 30_002, inserted: 20_000, rejected: 10_002 });
    expect(here.results[1]).toMatch(/^InputError: .*empty\.csv: no data rows below the header$/);

    // with a thread, rejects of the reading half still show their cells
    const db = openDb(path.join(dir, 'cells.db'), { create: true });
    const rejects: { line: number; cells: string[] | null }[] = [];
    await importFile(db, big, { platform: 'auto', encoding: 'auto', thread: true, onReject: (r) => rejects.push(r) });
    db.close();
    expect(rejects.find((r) => r.line === 30_003)?.cells).toEqual(['y', 'c1', 'someday', '1.00']);
  });
});

describe('a new database', () => {
  it('takes its first import with a rollback journal, then turns to WAL; a kill during that import loses nothing', async () => {
    const bin = path.join(repoRoot, 'bin', 'orderlens.js');
    const db = path.join(dir, 'first.db');
    const big = path.join(dir, 'first.csv');
    const fd = openSync(big, 'w');
    writeSync(fd, 'order_id,customer,date,amount\n');
    for (let chunk = 0; chunk < 40; chunk++) {
      const rows = Array.from({ length: 50_000 }, (_, j) => `k${chunk * 50_000 + j},c${j % 5000},2024-01-${String((j % 28) + 1).padStart(2, '0')},${j % 97}.50\n`);
      writeSync(fd, rows.join(''));
    }
    closeSync(fd);
    const env = { ...process.env, NO_COLOR: '1' };
    const child = spawn(process.execPath, [bin, '--db', db, 'import', big], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // killed in the middle of writing: its journal open and uncommitted pages already in the file
    await until(() => (existsSync(db + '-journal') && sizeOf(db) > 4 << 20) || child.exitCode !== null);
    expect(existsSync(db + '-wal')).toBe(false);
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    // the hot journal rolls the half-written import back: an empty store that imports as a new one
    const info = spawnSync(process.execPath, [bin, '--db', db, 'import', fixture('generic', 'utf8.csv')], { encoding: 'utf8', env });
    expect(info.status).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(check.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(5);
    expect(check.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);
    check.close();
  });
});
