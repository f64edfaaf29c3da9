/**
 * `orderlens export orders|purchases --format csv|parquet`: the stored orders in the documented orders-table
 * shape, checked against the database's own `orders` view, and the Parquet file read back by DuckDB (an
 * independent reader).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, query, tempDir } from './cli-harness.js';
import { duck, duckSkipReason } from './duckdb.js';

const dir = tempDir('orderlens-export-');
const db = path.join(dir, 'shop.db');
const piiDb = path.join(dir, 'pii.db');

/** A small shop with a return, a cancelled order and emails (personal data). */
const SHOP = [
  'order_id,customer,date,amount,currency,status',
  '1,ann@example.com,2024-01-05,100.00,USD,paid',
  'C2,ann@example.com,2024-01-09,-30.00,USD,refunded',
  '3,ann@example.com,2024-02-01,50.00,USD,paid',
  '4,bob@example.com,2024-01-06,20.00,USD,cancelled',
  '5,bob@example.com,2024-01-07,25.00,USD,paid',
  '7,"=HYPERLINK(""x"")",2024-01-08,9.50,USD,paid',
];

beforeAll(async () => {
  const file = path.join(dir, 'shop.csv');
  writeFileSync(file, SHOP.join('\n') + '\n');
  expect((await orderlens(db, ['import', file])).code).toBe(0);
  expect((await orderlens(piiDb, ['import', file, '--keep-pii'])).code).toBe(0);
});

const HEADER = 'platform,shop,order_id,customer_key,customer,ordered_at,order_day,status,counted,is_return,currency,gross,net';

describe('orderlens export', () => {
  it('orders: every stored order, one row each, with the counted and return flags of the reports', async () => {
    const r = await orderlens(db, ['export', 'orders']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(HEADER);
    const rows = parseCsvRows(r.stdout);
    const stored = query<Record<string, string | number | null>>(db, 'SELECT o.order_id, o.order_day, o.status, o.currency, o.gross, o.net, c.buyer_key FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.id');
    expect(rows.map((x) => [x.order_id, x.order_day, x.status, x.currency, Number(x.gross), Number(x.net), x.customer_key || null])).toEqual(
      stored.map((s) => [s.order_id, s.order_day, s.status, s.currency, s.gross, s.net, s.buyer_key]),
    );
    const flags = Object.fromEntries(rows.map((x) => [x.order_id, `${x.counted}/${x.is_return}`]));
    expect(flags).toEqual({ '1': 'true/false', C2: 'false/true', '3': 'true/false', '4': 'false/false', '5': 'true/false', '7': 'true/false' });
    expect(rows.find((x) => x.order_id === '1')).toMatchObject({ platform: 'generic', shop: 'default', ordered_at: '2024-01-05T00:00:00.000Z', gross: '10000', net: '10000' });
    expect(rows.find((x) => x.order_id === 'C2')).toMatchObject({ gross: '-3000', net: '-3000' });
  });

  it('purchases: only counted orders and returns with a buyer', async () => {
    const rows = parseCsvRows((await orderlens(db, ['export', 'purchases', '--format', 'csv'])).stdout);
    expect(rows.map((x) => x.order_id)).toEqual(['1', 'C2', '3', '5', '7']);
  });

  it('no clear personal data: keys are hashes, names masked; a formula-like cell is neutralised unless --no-formula-guard', async () => {
    const r = await orderlens(piiDb, ['export', 'orders']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('ann@example.com');
    expect(r.stdout).not.toContain('bob@example.com');
    const rows = parseCsvRows(r.stdout);
    expect(rows.find((x) => x.order_id === '1')?.customer_key).toMatch(/^h:[0-9a-f]{32}$/);
    expect(rows.find((x) => x.order_id === '1')?.customer).toBe('an***@example.com');
    expect(Object.keys(rows[0])).not.toContain('contact');
    expect(rows.find((x) => x.order_id === '7')?.customer).toBe("'=***)");
    const raw = parseCsvRows((await orderlens(piiDb, ['export', 'orders', '--no-formula-guard'])).stdout);
    expect(raw.find((x) => x.order_id === '7')?.customer).toBe('=***)');
  });

  it('order ids are stored as given (=1+1 stays =1+1; =9001 is a spreadsheet\'s 9001); only CSV output neutralises them', async () => {
    const ids = path.join(dir, 'ids.db');
    const file = path.join(dir, 'ids.csv');
    writeFileSync(file, ['order_id,customer,date,amount,currency', '=1+1,ann,2024-01-05,10.00,USD', '@2,bob,2024-01-06,5.00,USD', '=9001,carl,2024-01-07,7.50,USD'].join('\n') + '\n');
    expect((await orderlens(ids, ['import', file])).code).toBe(0);
    expect(query(ids, 'SELECT order_id FROM orders ORDER BY order_id')).toEqual([{ order_id: '9001' }, { order_id: '=1+1' }, { order_id: '@2' }]);
    const r = await orderlens(ids, ['export', 'orders']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsvRows(r.stdout).map((x) => x.order_id).sort()).toEqual(["'=1+1", "'@2", '9001']);
    // the same file again: the same orders, nothing new
    expect((await orderlens(ids, ['import', '--reread', file])).stdout).toContain('inserted 0, updated 0, unchanged 3');
  });

  it('--keep-pii adds the clear contact where the database keeps it, and says so; without kept data it says there is none', async () => {
    const r = await orderlens(piiDb, ['export', 'orders', '--keep-pii']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(HEADER.replace('customer,', 'customer,contact,'));
    expect(parseCsvRows(r.stdout).find((x) => x.order_id === '1')?.contact).toBe('ann@example.com');
    expect(r.stderr).toContain('the file carries clear contact data (the database keeps it for 3 customers): keep it private');
    const none = await orderlens(db, ['export', 'orders', '--keep-pii']);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('ann@example.com');
    expect(none.stderr).toContain('keeps no clear contact data');
  });

  it('a Chinese terminal hears the written file and the --keep-pii notes in Chinese, counted without English words', async () => {
    const zh = { LANG: 'zh_CN.UTF-8' };
    const file = path.join(dir, '订单.csv');
    const r = await orderlens(piiDb, ['export', 'purchases', '--keep-pii', '--out', file], zh);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`已写入 ${file}（5 行，csv）`);
    expect(r.stderr).toContain('--keep-pii：这个文件含明文联系方式（数据库为 3 位客户保存了明文）');
    expect(r.stderr).not.toMatch(/rows|orders|customers|keep it private/);
    const none = await orderlens(db, ['export', 'orders', '--keep-pii', '--out', path.join(dir, 'o.csv')], zh);
    expect(none.stderr).toContain('--keep-pii：这个数据库没有保存明文联系方式');
    expect(none.stderr).toContain('（6 笔订单，csv）');
    expect((await orderlens(db, ['export', 'orders', '--out', path.join(dir, 'one.csv'), '--shop', 'default', '--since', '2024-02-01'])).stderr).toContain('wrote 1 order (csv) to');
  });

  it('filters by local day, platform, shop and currency', async () => {
    const rows = parseCsvRows((await orderlens(db, ['export', 'orders', '--since', '2024-01-06', '--until', '2024-01-08'])).stdout);
    expect(rows.map((x) => x.order_id)).toEqual(['4', '5', '7']);
    const none = await orderlens(db, ['export', 'orders', '--currency', 'EUR']);
    expect(none.stdout).toBe(`${HEADER}\n`);
  });

  it('usage errors exit 2: an unknown table, Parquet to a terminal or stdout, a format the file name contradicts', async () => {
    expect((await orderlens(db, ['export', 'customers'])).code).toBe(2);
    const binary = await orderlens(db, ['export', 'orders', '--format', 'parquet']);
    expect([binary.code, binary.stderr]).toEqual([2, expect.stringContaining('--out orders.parquet')]);
    expect((await orderlens(db, ['export', 'orders', '--format', 'csv', '--out', path.join(dir, 'x.parquet')])).code).toBe(2);
  });

  it.skipIf(!duck)(`Parquet: typed columns DuckDB reads back equal to the CSV ${duck ? '' : `(skipped: ${duckSkipReason})`}`, async () => {
    const file = path.join(dir, 'orders.parquet');
    const r = await orderlens(piiDb, ['export', 'orders', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote 6 orders (parquet) to ${file}`);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('PAR1');
    const types = await duck!.rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
      platform: 'VARCHAR', shop: 'VARCHAR', order_id: 'VARCHAR', customer_key: 'VARCHAR', customer: 'VARCHAR', ordered_at: 'TIMESTAMP WITH TIME ZONE',
      order_day: 'DATE', status: 'VARCHAR', counted: 'BOOLEAN', is_return: 'BOOLEAN', currency: 'VARCHAR', gross: 'BIGINT', net: 'BIGINT',
    });
    const back = await duck!.rows(`SELECT order_id, customer_key, strftime(ordered_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS ordered_at,
      CAST(order_day AS VARCHAR) AS order_day, status, counted, is_return, gross, net FROM '${file}'`);
    const csv = parseCsvRows((await orderlens(piiDb, ['export', 'orders', '--no-formula-guard'])).stdout);
    expect(back).toEqual(
      csv.map((x) => ({
        order_id: x.order_id, customer_key: x.customer_key || null, ordered_at: x.ordered_at, order_day: x.order_day, status: x.status,
        counted: x.counted === 'true', is_return: x.is_return === 'true', gross: x.gross, net: x.net,
      })),
    );
  });

  it.skipIf(!duck)(`Parquet of the demo shop: every order, sums equal to the database ${duck ? '' : `(skipped: ${duckSkipReason})`}`, async () => {
    const demo = path.join(dir, 'demo.db');
    for (const f of ['shop-orders-2024.csv', 'shop-orders-2025.csv']) expect((await orderlens(demo, ['import', fixture('demo', f)])).code).toBe(0);
    const file = path.join(dir, 'demo.parquet');
    expect((await orderlens(demo, ['export', 'orders', '--out', file])).code).toBe(0);
    const [got] = await duck!.rows(`SELECT count(*) AS n, sum(net) AS net, sum(gross) AS gross, count(DISTINCT customer_key) AS customers FROM '${file}'`);
    const [want] = query<Record<string, number>>(demo, 'SELECT count(*) AS n, sum(net) AS net, sum(gross) AS gross, count(DISTINCT customer_id) AS customers FROM orders');
    expect(got).toEqual({ n: String(want.n), net: String(want.net), gross: String(want.gross), customers: String(want.customers) });
  });
});
