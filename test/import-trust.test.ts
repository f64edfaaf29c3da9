/**
 * What an import may conclude from a file (issue 12): two stores never overwrite each other, the shop an
 * export names, stale rows, exit codes cron can rely on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, query, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const dir = tempDir('orderlens-trust-');
let n = 0;
const freshDb = () => path.join(dir, `t${++n}.db`);

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

  it('with several shops stored, a file that names none goes back to the one shop its bytes went to, else is refused naming the shops (exit 2)', async () => {
    const db = freshDb();
    const north = csv('north.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00', '2,a2,2024-01-06,20.00']);
    const south = csv('south.csv', ['order_id,customer,date,amount', '1,b1,2024-02-05,7.00']);
    expect((await orderlens(db, ['import', '--shop', 'North', north])).code).toBe(0);
    expect((await orderlens(db, ['import', '--shop', 'South', south])).code).toBe(0);
    const before = snapshot(db);
    // the same bytes as North's import: back to North, not a new shop 'default'
    const again = await orderlens(db, ['import', north]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('unchanged 2, rejected 0 (detected: generic orders file; shop North (the shop these same bytes were imported into);');
    // a new export: which shop is it? refused, nothing stored, the shops and the fix named
    const next = csv('next.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00', '3,a3,2024-01-08,5.00']);
    const r = await orderlens(db, ['import', next]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`orderlens: error: ${next}: this database holds 2 generic shops (North, South) and the file names none: say which with --shop, e.g. --shop North (a new name starts a new shop)`);
    const zh = await orderlens(db, ['import', '--lang', 'zh', next]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('库里有 2 个 generic 店铺（North、South），文件里没有写店铺：请用 --shop 指定');
    expect(snapshot(db)).toBe(before);
    expect(query(db, 'SELECT DISTINCT shop FROM orders ORDER BY shop')).toEqual([{ shop: 'North' }, { shop: 'South' }]);
    // a shop 'default' the user made by leaving --shop out stays where such files go
    expect((await orderlens(db, ['import', '--shop', 'default', csv('d.csv', ['order_id,customer,date,amount', '9,c1,2024-03-05,1.00'])])).code).toBe(0);
    const d = await orderlens(db, ['import', next]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('inserted 2, updated 0, unchanged 0, rejected 0 (detected: generic orders file; shop default;');
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


describe('exit codes cron can rely on', () => {
  const bad = ['order_id,customer,date,amount', '1,a1,2024-01-05,ten', '2,a2,someday,20.00', '3,a3,2024-01-06,'];
  it('a file whose every row is rejected exits 1, and a new database is not left behind', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', csv('allbad.csv', bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/allbad\.csv: all 3 rows were rejected \(the first, line 2: unreadable amount 'ten'\); nothing from this file was stored/);
    expect(existsSync(db)).toBe(false);
    // into an existing database: exit 1, the database as it was
    expect((await orderlens(db, ['import', csv('good.csv', ['order_id,customer,date,amount', '9,a9,2024-01-05,10.00'])])).code).toBe(0);
    expect((await orderlens(db, ['import', csv('allbad2.csv', bad)])).code).toBe(1);
    expect(query(db, 'SELECT count(*) AS orders FROM order_rows')).toEqual([{ orders: 1 }]);
    expect(query(db, 'SELECT count(*) AS imports FROM imports')).toEqual([{ imports: 1 }]);
  });

  it('a failed first import (a file that cannot be read) leaves no database file', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', path.join(dir, 'no-such-file.csv')]);
    expect(r.code).toBe(1);
    expect(existsSync(db)).toBe(false);
  });

  it('--max-rejects N or P% fails a file above that many rejected rows, nothing stored', async () => {
    const rows = ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00', '2,a2,2024-01-06,x', '3,a3,2024-01-07,5.00', '4,a4,2024-01-08,7.00'];
    const file = csv('onebad.csv', rows);
    const db = freshDb();
    expect((await orderlens(db, ['import', '--max-rejects', '1', file])).code).toBe(0);
    const db2 = freshDb();
    const zero = await orderlens(db2, ['import', '--max-rejects', '0', file]);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/onebad\.csv: 1 of 4 rows was rejected, more than --max-rejects 0 \(the first, line 3: unreadable amount 'x'\); nothing from this file was stored/);
    expect(existsSync(db2)).toBe(false);
    const pct = await orderlens(db2, ['import', '--max-rejects', '20%', file]);
    expect(pct.code).toBe(1);
    expect(pct.stderr).toContain('more than --max-rejects 20% of 4 rows read');
    expect((await orderlens(db2, ['import', '--max-rejects', '25%', file])).code).toBe(0);
    expect((await orderlens(db2, ['import', '--max-rejects', 'many', file])).code).toBe(2);
  });

  it('--dry-run reports the real database\'s errors instead of importing into an empty one', async () => {
    const db = freshDb();
    const file = csv('ok.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00']);
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    const d = new Database(db);
    d.pragma('user_version = 999');
    d.close();
    const r = await orderlens(db, ['import', '--dry-run', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/written by a newer orderlens \(schema 999/);
    // no database yet: a dry run still reads and counts, and creates nothing
    const none = freshDb();
    const dry = await orderlens(none, ['import', '--dry-run', file]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: ');
    expect(existsSync(none)).toBe(false);
  });

  it('--map with an unknown field, __proto__ or constructor is a usage error (exit 2)', async () => {
    const file = csv('m.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00']);
    for (const field of ['foo', '__proto__', 'constructor', 'toString']) {
      const db = freshDb();
      const r = await orderlens(db, ['import', '--map', `${field}=amount`, file]);
      expect(r.code, field).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--map ${field}=amount: unknown field '${field.toLowerCase()}'; fields are order_id, customer, date, amount`));
      expect(existsSync(db)).toBe(false);
    }
    const jd = await orderlens(freshDb(), ['import', '--platform', 'jd', '--map', 'nickname=amount', file]);
    expect(jd.code).toBe(2);
    expect(jd.stderr).toContain("a jd pop order export has no field 'nickname'");
  });
});

describe('returns and credit notes reduce net revenue', () => {
  it('a negative-amount row is a return: never a purchase, its net taken from the customer\'s net on its day; gross ignores it', async () => {
    const db = freshDb();
    const file = csv('returns.csv', [
      'order_id,customer,date,amount,currency',
      '1,c1,2024-01-05,100.00,USD',
      'C2,c1,2024-01-09,-30.00,USD',
      '3,c1,2024-02-01,50.00,USD',
      '4,c2,2024-01-06,20.00,USD',
    ]);
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    const rows = parseCsvRows((await orderlens(db, ['rfm', '--by', 'customer', '--as-of', '2024-03-01', '--format', 'csv'])).stdout);
    expect(rows.map((r) => [r.customer, r.frequency, r.monetary, r.recency_days])).toEqual([
      ['c1', '2', '120.00', '29'],
      ['c2', '1', '20.00', '55'],
    ]);
    const gross = parseCsvRows((await orderlens(db, ['rfm', '--by', 'customer', '--monetary', 'gross', '--as-of', '2024-03-01', '--format', 'csv'])).stdout);
    expect(gross.find((r) => r.customer === 'c1')?.monetary).toBe('150.00');
    // up to a day before the return, it does not count yet
    const before = parseCsvRows((await orderlens(db, ['customers', '--until', '2024-01-08', '--format', 'csv'])).stdout);
    expect(before.find((r) => r.customer === 'c1')?.revenue).toBe('100.00');
    const info = parseCsvRows((await orderlens(db, ['info', '--format', 'csv'])).stdout);
    const get = (item: string) => info.find((r) => r.section === 'revenue' && r.item === item)?.value;
    expect([get('USD gross'), get('USD returns and credit notes'), get('USD net'), get('USD counted orders')]).toEqual(['170.00', '30.00 (1)', '140.00', '3']);
    // the table shows money as every report's table does, in the store's currency
    const table = (await orderlens(db, ['info', '--format', 'table'])).stdout;
    for (const cell of ['USD gross  *│ \\$170\\.00 ', 'USD returns and credit notes *│ \\$30\\.00 \\(1\\) ', 'USD net *│ \\$140\\.00 ']) expect(table).toMatch(new RegExp(cell));
  });

  it('a report as of a day counts only the returns dated before it: no knowledge from its future', async () => {
    const db = freshDb();
    const file = csv('later-returns.csv', [
      'order_id,customer,date,amount,currency',
      '1,c1,2024-01-05,100.00,USD',
      '2,c1,2024-02-01,50.00,USD',
      'C3,c1,2024-03-10,-30.00,USD',
      '4,c2,2024-01-06,20.00,USD',
      '5,c2,2024-03-20,20.00,USD',
    ]);
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    const monetary = async (asOf: string) => parseCsvRows((await orderlens(db, ['rfm', '--by', 'customer', '--as-of', asOf, '--format', 'csv'])).stdout).find((r) => r.customer === 'c1')?.monetary;
    // as of 2024-03-01 and on the return's own day it is not known yet (before, 120.00: the return of 03-10 was taken from 02-01)
    expect(await monetary('2024-03-01')).toBe('150.00');
    expect(await monetary('2024-03-10')).toBe('150.00');
    expect(await monetary('2024-03-11')).toBe('120.00');
    // every report reads the same log: churn's revenue, the month-end snapshots
    const churn = parseCsvRows((await orderlens(db, ['churn', '--by', 'customer', '--as-of', '2024-03-01', '--format', 'csv'])).stdout);
    expect(churn.find((r) => r.customer === 'c1')?.revenue).toBe('150.00');
    expect((await orderlens(db, ['snapshot', '--every', 'month', '--since', '2024-02-01', '--until', '2024-04-01'])).code).toBe(0);
    const snaps = query<{ as_of: number; monetary: number }>(db, "SELECT s.as_of, c.monetary FROM snapshots s JOIN snapshot_customers c ON c.snapshot = s.id WHERE c.display = 'c1' ORDER BY s.as_of");
    expect(snaps.map((s) => s.monetary)).toEqual([15000, 12000]); // as of 2024-03-01 and 2024-04-01
    // the default as-of is the day after the last purchase (2024-03-21): the return of 03-10 counts
    expect(parseCsvRows((await orderlens(db, ['rfm', '--by', 'customer', '--format', 'csv'])).stdout).find((r) => r.customer === 'c1')?.monetary).toBe('120.00');
    // customers (no as-of) counts every return
    expect(parseCsvRows((await orderlens(db, ['customers', '--format', 'csv'])).stdout).find((r) => r.customer === 'c1')?.revenue).toBe('120.00');
  });

  const uci = sharedFile('online_retail_uci', 'online_retail_customer_sample.csv');
  it.skipIf(!uci)('UCI Online Retail: every customer\'s net is the sum of quantity × unit price over all its rows, cancellations included (needs ../shared/data)', async () => {
    // computed independently: straight from the CSV text, per CustomerID, over every row, `C…` cancellation
    // invoices included: quantity × unit price in thousandths (one price is 0.001), each line rounded to cents
    const expected = new Map<string, number>();
    const gross = new Map<string, number>();
    const lines = readFileSync(uci!, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      // the description may hold commas inside quotes: read the last four fields from the end
      const cells = line.split(',');
      const customer = cells[cells.length - 2];
      if (customer === '') continue;
      const [whole, frac = ''] = cells[cells.length - 3].split('.');
      expect(frac.length).toBeLessThanOrEqual(3);
      const thousandths = Number(whole) * 1000 + Number(frac.padEnd(3, '0'));
      const amount = Math.round((Number(cells[cells.length - 5]) * thousandths) / 10);
      expected.set(customer, (expected.get(customer) ?? 0) + amount);
      if (!cells[0].startsWith('C')) gross.set(customer, (gross.get(customer) ?? 0) + amount);
    }
    const db = freshDb();
    expect((await orderlens(db, ['import', uci!])).code).toBe(0);
    const rows = parseCsvRows((await orderlens(db, ['customers', '--format', 'csv'])).stdout);
    // customers with returns only (two in this sample) made no purchase: not in customer reports
    const buyers = [...gross.keys()];
    expect(rows.length).toBe(buyers.length);
    for (const r of rows) expect([r.customer, Math.round(Number(r.revenue) * 100)]).toEqual([r.customer, expected.get(r.customer)]);
    const byId = new Map(rows.map((r) => [r.customer, r.revenue]));
    expect([byId.get('16029'), byId.get('16546')]).toEqual(['50992.61', '-95.93']);
    const rfmGross = parseCsvRows((await orderlens(db, ['rfm', '--by', 'customer', '--monetary', 'gross', '--format', 'csv'])).stdout);
    expect(rfmGross.find((r) => r.customer === '16029')?.monetary).toBe('81024.84');
    const info = parseCsvRows((await orderlens(db, ['info', '--format', 'csv'])).stdout);
    // every `C…` invoice, guests' included (orders without a buyer count in info's totals): 338 of customers
    // (54,349.90) + 11 of guests (19,967.17), summed independently with Python's Decimal over the CSV
    expect(info.find((r) => r.item.endsWith('returns and credit notes'))?.value).toBe('74317.07 (349)');
    expect((await orderlens(db, ['info', '--format', 'table'])).stdout).toMatch(/returns and credit notes *│ ¥74,317\.07 \(349\) /);
  });
});

describe('nothing assumed in silence', () => {
  it('says which currency it assumed, in the import line and in info', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', csv('nocur.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00'])]);
    expect(r.stdout).toContain('(detected: generic orders file; shop default; utf8; currency CNY assumed: --currency to set)');
    const info = parseCsvRows((await orderlens(db, ['info', '--format', 'csv'])).stdout);
    expect(info.find((x) => x.item === 'CNY currency')?.value).toBe('assumed for generic/default (nothing in the files named it): import with --currency to set');
    expect(info.find((x) => x.section === 'source')).toEqual({ section: 'source', item: 'generic/default', value: 'zone UTC; currency CNY (assumed); encoding utf8' });
    const usd = await orderlens(freshDb(), ['import', '--currency', 'USD', csv('nocur2.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,10.00'])]);
    expect(usd.stdout).not.toContain('assumed');
  });

  it('stores a source\'s zone and settings at its first import, refuses another zone, and reuses them', async () => {
    const db = freshDb();
    const lines = ['Bestellnummer;Kunde;Datum;Betrag', '1;k1@example.de;2024-01-05 23:30:00;116,99', '2;k2@example.de;2024-01-06 08:00:00;5,00'];
    const first = await orderlens(db, ['import', '--tz', 'Europe/Berlin', '--currency', 'EUR', '--map', 'order_id=Bestellnummer', '--map', 'customer=Kunde', '--map', 'date=Datum', '--map', 'amount=Betrag', csv('de1.csv', lines)]);
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(db);
    const other = await orderlens(db, ['import', '--tz', 'UTC', csv('de2.csv', lines)]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--tz UTC: generic/default was imported in Europe/Berlin, and another zone would move its orders to other days');
    expect(snapshot(db)).toBe(before);
    // a short cron line: the zone, currency and map of the first import
    const again = await orderlens(db, ['import', csv('de3.csv', [...lines, '3;k1@example.de;2024-02-01 00:30:00;7,50'])]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('read 3, inserted 1, updated 0, unchanged 2, rejected 0');
    expect(again.stderr).toContain('read as generic/default was imported before: --tz Europe/Berlin --currency EUR --map order_id=Bestellnummer --map customer=Kunde --map date=Datum --map amount=Betrag');
    expect(query(db, "SELECT order_day, currency, gross FROM orders WHERE order_id = '3'")).toEqual([{ order_day: '2024-02-01', currency: 'EUR', gross: 750 }]);
    const info = parseCsvRows((await orderlens(db, ['info', '--format', 'csv'])).stdout);
    expect(info.find((x) => x.section === 'source')?.value).toBe(
      'zone Europe/Berlin (--tz); currency EUR (--currency); map order_id=Bestellnummer, customer=Kunde, date=Datum, amount=Betrag; encoding utf8',
    );
  });

  it('infers the slash-date order from the column, says so, and rejects dates that disagree or never decide', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', '--currency', 'USD', csv('slash.csv', ['order_id,customer,date,amount', '1,a1,9/7/11,1', '2,a2,3/14/11,2', '3,a3,14/3/11,3', '4,a4,1/2/11,4'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 4, inserted 3, updated 0, unchanged 0, rejected 1 (detected: generic orders file; shop default; utf8; dates read month first (inferred: --date-order to set))');
    expect(r.stderr).toContain("slash.csv:4: date '14/3/11' reads day first, but line 3 ('3/14/11') read month first: say which with --date-order mdy or dmy");
    expect(query(db, 'SELECT order_id, order_day FROM orders ORDER BY order_id')).toEqual([
      { order_id: '1', order_day: '2011-09-07' },
      { order_id: '2', order_day: '2011-03-14' },
      { order_id: '4', order_day: '2011-01-02' },
    ]);
    const dmy = await orderlens(freshDb(), ['import', '--currency', 'USD', csv('dmy.csv', ['order_id,customer,date,amount', '1,a1,9/7/11,1', '2,a2,25/12/11,2'])]);
    expect(dmy.stdout).toContain('dates read day first (inferred');
    const never = await orderlens(freshDb(), ['import', '--currency', 'USD', csv('never.csv', ['order_id,customer,date,amount', '1,a1,9/7/11,1', '2,a2,3/4/11,2'])]);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain("never.csv: all 2 rows were rejected (the first, line 2: ambiguous date '9/7/11': say how to read it with --date-order mdy (month first) or dmy)");
  });

  it('reads a CR-only file from old Excel for Mac as Mac Roman; --encoding names the forms it accepts', async () => {
    const file = path.join(dir, 'mac.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('order_id,customer,date,amount\r1,Neil Franz'), Buffer.from([0x9a]), Buffer.from('sisch,2011-01-04,10\r')]));
    const db = freshDb();
    const r = await orderlens(db, ['import', '--keep-pii', '--currency', 'USD', file]);
    expect(r.stdout).toContain('; macintosh)');
    expect(query(db, 'SELECT clear FROM customers')).toEqual([{ clear: 'Neil Französisch' }]);
    const bad = await orderlens(freshDb(), ['import', '--encoding', 'klingon', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown encoding 'klingon': use auto, utf8, gb18030 (also gbk, gb2312), windows-1252 (Western Windows; also latin1), macintosh (Mac OS Roman)");
    expect((await orderlens(freshDb(), ['import', '--help'])).stdout).toMatch(/macintosh \(Mac OS\s+Roman\)/);
  });

  it('a wrong forced --encoding is said as the encoding\'s fault, without the garbled headers it made', async () => {
    const lines = ['订单号,客户,下单时间,订单金额', '9001,张三,2024-03-01 08:00:00,12.50'];
    const gbk = path.join(dir, 'gbk-headers.csv');
    writeFileSync(gbk, iconv.encode(lines.join('\n') + '\n', 'gb18030'));
    const utf8 = csv('utf8-headers.csv', lines);
    const db = freshDb();
    const a = await orderlens(db, ['import', '--encoding', 'utf8', gbk]);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe(`orderlens: error: ${gbk}:1: the headers fit no export when read as utf8: its bytes are not valid utf8 and look like gb18030; leave --encoding out (auto) or give --encoding gb18030\n`);
    const b = await orderlens(db, ['import', '--encoding', 'latin1', utf8]);
    expect(b.code).toBe(1);
    expect(b.stderr).toBe(`orderlens: error: ${utf8}:1: the headers fit no export when read as latin1: its bytes look like utf8 and read as latin1 they make other characters; leave --encoding out (auto) or give --encoding utf8\n`);
    const zh = await orderlens(db, ['import', '--lang', 'zh', '--encoding', 'gbk', utf8]);
    expect(zh.stderr).toContain('按 gb18030 读取时表头无法识别');
    expect(zh.stderr).not.toMatch(/璁|\uFFFD/);
    // the right encoding, forced or found, reads both
    expect((await orderlens(db, ['import', '--encoding', 'gbk', '--shop', 'a', gbk])).code).toBe(0);
    expect((await orderlens(db, ['import', '--shop', 'b', utf8])).code).toBe(0);
    // headers that fit nothing whatever the encoding are still shown as they are
    const other = csv('other.csv', ['foo,bar', '1,2']);
    const c = await orderlens(db, ['import', '--encoding', 'gbk', other]);
    expect(c.stderr).toContain('unrecognised export (headers: foo, bar)');
    expect(query(db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 2 }]);
  });

  it('makes the import line\'s numbers add up, and says why orders have no buyer', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', '--currency', 'USD', csv('lines.csv', ['order_id,customer,date,amount', '1,a1,2024-01-05,1', '1,a1,2024-01-05,2', '2,,2024-01-06,3', '3,a3,2024-01-07,x'])]);
    // order 2 has an empty customer cell: an order without a buyer (kept, as on every platform), not a bad row
    expect(r.stdout).toContain('read 4, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain('lines.csv: 4 rows read = 2 orders + 1 rejected + 1 more item line of those orders (or blank rows)');
    expect(r.stderr).toContain('lines.csv: 1 order has no buyer identity (its buyer cell is empty); customer reports leave it out');
  });

  const etsy = sharedFile('etsy', 'EtsySoldOrderItems2021.csv');
  it.skipIf(!etsy)('Etsy: orders without a buyer have an empty Buyer cell, not a missing column (needs ../shared/data)', async () => {
    const r = await orderlens(freshDb(), ['import', etsy!]);
    expect(r.stderr).toContain('4 orders have no buyer identity (their buyer cells are empty)');
  });
});

describe('files without amounts (transaction logs)', () => {
  it('import as purchases with unknown amounts; money columns are left out, pareto says it has none; an unknown column still asks for --map', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', csv('elog.csv', ['cust,date', '1,2024-01-01', '2,2024-01-01', '1,2024-01-09', '1,2024-02-01'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 4, inserted 4, updated 0, unchanged 0, rejected 0 (detected: generic orders file; shop default; utf8; no amounts: purchases only)');
    expect(r.stderr).toContain('the file has no amount column: 4 purchases stored without amounts (currency XXX)');
    const customers = await orderlens(db, ['customers', '--format', 'csv']);
    expect(customers.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,orders,first_order,last_order');
    expect(customers.stderr).toContain('the purchases have no amounts (a transaction log): revenue left out');
    const rfm = await orderlens(db, ['rfm', '--by', 'customer', '--as-of', '2024-03-01', '--format', 'csv']);
    expect(rfm.stdout.split('\n')[0]).not.toMatch(/monetary/);
    expect(parseCsvRows(rfm.stdout).map((x) => [x.customer, x.frequency])).toEqual([['1', '3'], ['2', '1']]);
    const pareto = await orderlens(db, ['pareto']);
    expect(pareto.code).toBe(1);
    expect(pareto.stderr).toContain('the purchases have no amounts (a transaction log): pareto ranks customers by revenue');
    // the HTML report too: not a page of 'XXX 0.00' revenue, '0 customers make 80% of it'
    const html = path.join(path.dirname(db), 'elog.html');
    const report = await orderlens(db, ['report', '--out', html]);
    expect([report.code, existsSync(html)]).toEqual([1, false]);
    expect(report.stderr).toContain('the purchases have no amounts (a transaction log): the HTML report shows revenue in every section');
    const info = parseCsvRows((await orderlens(db, ['info', '--format', 'csv'])).stdout);
    expect(info.find((x) => x.item === 'XXX counted orders')?.value).toBe('4');
    expect(info.filter((x) => x.item.startsWith('XXX')).map((x) => [x.item, x.value])).toEqual([
      ['XXX counted orders', '4'],
      ['XXX amounts', 'none: purchases from transaction logs without amounts'],
    ]);

    const german = await orderlens(freshDb(), ['import', csv('betrag.csv', ['customer,date,Betrag', '1,2024-01-01,5'])]);
    expect(german.code).toBe(1);
    expect(german.stderr).toContain('--map amount=HEADER');
  });

  const lifetimes = sharedFile('lifetimes_example', 'example_transactions.csv');
  it.skipIf(!lifetimes)('lifetimes\' example (date,id): ltv fits the purchase model alone and reproduces r 0.1639, alpha 1.864, a 1.850, b 3.181 with --unit day (needs ../shared/data)', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', lifetimes!]);
    expect(r.stdout).toContain('read 15273, inserted 15273, updated 0, unchanged 0, rejected 0 (detected: generic orders file; shop default; utf8; no amounts: purchases only)');
    const params = await orderlens(db, ['ltv', '--unit', 'day', '--params', '--format', 'csv']);
    expect(params.code, params.stderr).toBe(0);
    const got = Object.fromEntries(parseCsvRows(params.stdout).map((x) => [x.parameter, Number(x.estimate)]));
    expect([got.r.toFixed(4), got.alpha.toFixed(3), got.a.toFixed(3), got.b.toFixed(3)]).toEqual(['0.1639', '1.864', '1.850', '3.181']);
    expect(Object.keys(got)).toEqual(['r', 'alpha', 'a', 'b']); // no Gamma-Gamma
    expect(params.stderr).toContain('the purchase model alone (expected purchases, P(alive)); no spend model, no CLV');
    expect(params.stderr).not.toMatch(/spend ≤ 0|cannot be fitted/);
    const table = await orderlens(db, ['ltv', '--by', 'customer', '--unit', 'day', '--format', 'csv']);
    expect(table.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,first_order,last_order,frequency,recency_days,age_days,p_alive,expected_purchases,expected_purchases_low,expected_purchases_high');
  });

  const grocery = sharedFile('btydplus_grocery', 'groceryElog.csv');
  it.skipIf(!grocery)('BTYDplus groceryElog (cust,date): 10,483 purchases of 1,525 customers (needs ../shared/data)', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', grocery!]);
    expect(r.stdout).toContain('read 10483, inserted 10483, updated 0, unchanged 0, rejected 0');
    const churn = await orderlens(db, ['churn', '--format', 'csv']);
    expect(churn.code, churn.stderr).toBe(0);
    expect(churn.stderr).toContain('1,525 customers');
    expect(churn.stderr).not.toContain('to date');
  });
});

describe('settings reused only where they fit', () => {
  it('a stored --map is not forced on another file of the source, and an inferred date order is not carried to the next file', async () => {
    const db = freshDb();
    const de = ['Bestellnummer,Kunde,Datum,Betrag', '1,k1,2024-01-05,10.00'];
    expect((await orderlens(db, ['import', '--currency', 'EUR', '--map', 'order_id=Bestellnummer', '--map', 'customer=Kunde', '--map', 'date=Datum', '--map', 'amount=Betrag', csv('de-a.csv', de)])).code).toBe(0);
    const plain = await orderlens(db, ['import', csv('plain.csv', ['order_id,customer,date,amount', '7,c7,2024-01-06,5.00'])]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toContain('--map');
    const again = await orderlens(db, ['import', csv('de-b.csv', [...de, '2,k2,2024-01-07,3.00'])]);
    expect(again.stdout).toContain('inserted 1, updated 0, unchanged 1');
    expect(again.stderr).toContain('--map order_id=Bestellnummer');

    const dates = freshDb();
    expect((await orderlens(dates, ['import', '--currency', 'USD', csv('mdy.csv', ['order_id,customer,date,amount', '1,a1,3/14/11,1'])])).stdout).toContain('dates read month first');
    const next = await orderlens(dates, ['import', csv('dmy2.csv', ['order_id,customer,date,amount', '2,a2,9/7/11,1', '3,a3,25/12/11,2'])]);
    expect(next.stdout).toContain('dates read day first (inferred');
    expect(query(dates, "SELECT order_day FROM orders WHERE order_id = '2'")).toEqual([{ order_day: '2011-07-09' }]);
    const info = parseCsvRows((await orderlens(dates, ['info', '--format', 'csv'])).stdout);
    expect(info.find((x) => x.section === 'source')?.value).toContain('dates dmy (inferred from the last file)');
  });
});
