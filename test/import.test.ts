import { copyFileSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, query, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const dir = tempDir();
let n = 0;
const freshDb = () => path.join(dir, `t${++n}.db`);

describe('orderlens import (generic files)', () => {
  it('reads UTF-8, UTF-8 with BOM and GBK files with their aliases, statuses and money', async () => {
    for (const file of ['utf8.csv', 'utf8-bom.csv']) {
      const db = freshDb();
      const r = await orderlens(db, ['import', fixture('generic', file)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('read 5, inserted 5, updated 0, unchanged 0, rejected 0');
      const rows = query<{ order_id: string; status: string; gross: number; currency: string; order_day: string }>(
        db, 'SELECT order_id, status, gross, currency, order_day FROM orders ORDER BY order_id');
      expect(rows.map((o) => [o.order_id, o.status, o.gross, o.currency, o.order_day])).toEqual([
        ['1001', 'paid', 123450, 'USD', '2024-01-05'],
        ['1002', 'completed', 2000, 'USD', '2024-01-06'],
        ['1003', 'shipped', 1500, 'USD', '2024-02-01'],
        ['1004', 'cancelled', 9999, 'USD', '2024-02-03'],
        ['1005', 'refunded', 501, 'USD', '2024-03-10'],
      ]);
    }
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('generic', 'gbk.csv'), '--tz', 'Asia/Shanghai']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('gb18030');
    const rows = query<{ order_id: string; status: string; gross: number; ordered_at: string; display: string; buyer_key: string }>(
      db, 'SELECT o.order_id, o.status, o.gross, o.ordered_at, c.display, c.buyer_key FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY order_id');
    expect(rows.map((o) => [o.order_id, o.status, o.gross, o.display])).toEqual([
      ['900000000000000000001', 'completed', 123450, '张*'],
      ['900000000000000000002', 'cancelled', 6286, '李*'],
      ['900000000000000000003', 'shipped', 10000, '张*'],
    ]);
    // 08:00 in Shanghai is midnight UTC; names are never stored in clear by default
    expect(rows[0].ordered_at).toBe('2024-03-01T00:00:00.000Z');
    expect(rows[0].buyer_key).toMatch(/^h:[0-9a-f]{32}$/);
    expect(readFileSync(db).includes(Buffer.from('张三'))).toBe(false);
  });

  it('reads semicolon files with decimal commas, normalizes emails, and honours --map', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('generic', 'semicolon.csv'), '--currency', 'EUR',
      '--map', 'order_id=Bestellnummer', '--map', 'customer=Kunde', '--map', 'date=Datum', '--map', 'amount=Betrag']);
    expect(r.code, r.stderr).toBe(0);
    const rows = query<{ gross: number; customer_id: number }>(db, 'SELECT gross, customer_id FROM orders ORDER BY order_id');
    expect(rows.map((o) => o.gross)).toEqual([11699, 123450, 99]);
    // K1@Example.de and k1@example.de are the same buyer
    expect(rows[0].customer_id).toBe(rows[2].customer_id);
    expect(query(db, 'SELECT * FROM customers')).toHaveLength(2);
  });

  it('reads tab-delimited files and keeps identical rows apart by their occurrence number', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('generic', 'tabs.tsv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 3');
    const again = await orderlens(db, ['import', fixture('generic', 'tabs.tsv')]);
    expect(again.stdout).toContain('read 3, inserted 0, updated 0, unchanged 3');
  });

  it('is idempotent, and a later overlapping export updates changed orders', async () => {
    const db = freshDb();
    const first = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(first.code).toBe(0);
    const before = readFileSync(db).length;
    const again = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(again.stdout).toContain('read 5, inserted 0, updated 0, unchanged 5, rejected 0');
    expect(query(db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 5 }]);
    expect(readFileSync(db).length).toBe(before);

    const later = path.join(dir, 'later.csv');
    writeFileSync(later, [
      'order_id,customer_id,order_date,amount,status,currency,refund',
      '1002,C002,2024-01-06,$20.00,completed,USD,5.00', // partially refunded since
      '1003,C001,2024-02-01T09:30:00Z,15,completed,USD,', // delivered since
      '1004,C003,2024/02/03,99.99,cancelled,USD,', // unchanged
      '1006,C004,2024-04-01,42.00,paid,USD,', // new
    ].join('\n'));
    const r = await orderlens(db, ['import', later]);
    expect(r.stdout).toContain('read 4, inserted 1, updated 2, unchanged 1, rejected 0');
    expect(query(db, "SELECT status, refunded, net FROM orders WHERE order_id = '1002'")).toEqual([
      { status: 'partially_refunded', refunded: 500, net: 1500 },
    ]);
    expect(query(db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 6 }]);
  });

  it('skips bad rows with FILE:LINE reasons, writes --rejects, and --strict aborts the whole file', async () => {
    const db = freshDb();
    const rejects = path.join(dir, 'rejects.csv');
    const r = await orderlens(db, ['import', fixture('generic', 'bad-rows.csv'), '--rejects', rejects]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('read 7, inserted 2, updated 0, unchanged 0, rejected 5');
    const file = fixture('generic', 'bad-rows.csv');
    // in file order, on the terminal and in the file (line 5's order is complete only after line 6 is read)
    expect(r.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}:3: unreadable date 'not-a-date'`,
      `${file}:4: missing amount`,
      `${file}:5: unreadable amount 'ten'`,
      `${file}:6: missing order id`,
      `${file}:7: unreadable date '2024-02-30'`,
    ]);
    const rows = parseCsvRows(readFileSync(rejects, 'utf8'));
    expect(rows.map((x) => x.line)).toEqual(['3', '4', '5', '6', '7']);
    expect(rows.find((x) => x.line === '5')!.row).toBe('4,C4,2024-01-04,ten');

    const strictDb = freshDb();
    await orderlens(strictDb, ['import', fixture('generic', 'utf8.csv')]);
    const s = await orderlens(strictDb, ['import', fixture('generic', 'bad-rows.csv'), '--strict']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/^orderlens: error: .*bad-rows\.csv:3: unreadable date 'not-a-date' \(--strict/m);
    expect(query(strictDb, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 5 }]);
    expect(query(strictDb, 'SELECT count(*) AS n FROM imports')).toEqual([{ n: 1 }]);
  });

  it('names the missing columns and the headers it saw, and suggests --map', async () => {
    const db = freshDb();
    const file = path.join(dir, 'nocols.csv');
    writeFileSync(file, 'foo,bar,baz\n1,2,3\n');
    const r = await orderlens(db, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unrecognised export (headers: foo, bar, baz); as a generic file it has no customer, date, amount column;');
    expect(r.stderr).toContain('--map customer=HEADER');
    const partial = path.join(dir, 'partial.csv');
    writeFileSync(partial, 'customer,date,price_paid\nc1,2024-01-01,3\n');
    const p = await orderlens(db, ['import', partial, '--platform', 'generic']);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/cannot find the amount column; headers are: customer, date, price_paid; name it with --map amount=HEADER/);
  });

  it('leaves the database exactly as it was when a file fails midway (one transaction per file)', async () => {
    const db = freshDb();
    await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    const snapshot = query(db, 'SELECT * FROM orders ORDER BY id');
    // A file whose later row breaks the CSV grammar: the first rows are read and written, then the error.
    const broken = path.join(dir, 'broken.csv');
    writeFileSync(broken, 'order_id,customer_id,order_date,amount\n2001,C9,2024-06-01,1.00\n1001,C001,2024-01-05,999.00\n2002,C9,2024-06-02,"2.00\n');
    const r = await orderlens(db, ['import', broken]);
    expect(r.code).toBe(1);
    expect(query(db, 'SELECT * FROM orders ORDER BY id')).toEqual(snapshot);
    expect(query(db, 'SELECT count(*) AS n FROM imports')).toEqual([{ n: 1 }]);
  });

  it('stores nothing with --dry-run, and creates the database with mode 0600', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('generic', 'utf8.csv'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run:');
    expect(existsSync(db)).toBe(false);
    await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const d = await orderlens(db, ['import', fixture('generic', 'tabs.tsv'), '--dry-run']);
    expect(d.code).toBe(0);
    expect(query(db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 5 }]);
  });

  it('refuses a file that is not there, and keeps going with the other files', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', path.join(dir, 'nope.csv'), fixture('generic', 'utf8.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.csv: cannot read: no such file');
    expect(r.stdout).toContain('inserted 5');
  });

  it('rejects an order whose rows come apart in the file, instead of letting the later rows overwrite it', async () => {
    const db = freshDb();
    const file = path.join(dir, 'apart.csv');
    writeFileSync(file, 'order_id,customer,date,amount,sku\nA,c1,2024-01-01,10,s1\nA,c1,2024-01-01,5,s2\nB,c2,2024-01-02,7,s1\nA,c1,2024-01-01,3,s3\n');
    const r = await orderlens(db, ['import', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 4, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain('apart.csv:5: order A appeared earlier in this file, apart from these rows: the rows of one order must stand next to each other');
    expect(query(db, 'SELECT order_id, gross, item_count FROM orders ORDER BY order_id')).toEqual([
      { order_id: 'A', gross: 1500, item_count: 2 },
      { order_id: 'B', gross: 700, item_count: 1 },
    ]);
    // the same file again changes nothing (it used to flip order A between its two groups)
    const again = await orderlens(db, ['import', file]);
    expect(again.stdout).toContain('read 4, inserted 0, updated 0, unchanged 2, rejected 1');
    expect(query(db, "SELECT gross FROM orders WHERE order_id = 'A'")).toEqual([{ gross: 1500 }]);
    expect((await orderlens(db, ['import', file, '--strict'])).code).toBe(1);
  });

  it('refuses an empty --shop and trims the shop name, on import and in the report filters', async () => {
    const db = freshDb();
    const empty = await orderlens(db, ['import', fixture('generic', 'utf8.csv'), '--shop', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^orderlens: error: --shop '' names no shop/);
    expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv'), '--shop', ' north '])).code).toBe(0);
    expect(query<{ shop: string }>(db, 'SELECT DISTINCT shop FROM orders')).toEqual([{ shop: 'north' }]);
    const r = await orderlens(db, ['customers', '--shop', 'north ']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(',generic,north,');
  });

  it('says so for a directory given as a file, and for a --rejects path it cannot write (before storing anything)', async () => {
    const db = freshDb();
    const alone = await orderlens(db, ['import', dir]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toBe(`orderlens: error: ${dir}: cannot read: is a directory, not an export file\n`);
    const rejects = await orderlens(db, ['import', fixture('generic', 'bad-rows.csv'), '--rejects', path.join(dir, 'no-such-dir', 'rejects.csv')]);
    expect(rejects.code).toBe(1);
    expect(rejects.stderr).toMatch(/^orderlens: error: cannot write .*no-such-dir.rejects\.csv: no such folder\n$/);
    expect(rejects.stderr).not.toContain('unexpected');
    expect(existsSync(db)).toBe(false); // nothing stored: the database this command created is gone again
  });

  it('keeps clear personal data only with --keep-pii', async () => {
    const db = freshDb();
    await orderlens(db, ['import', fixture('generic', 'semicolon.csv'), '--keep-pii', '--platform', 'generic',
      '--map', 'order_id=Bestellnummer', '--map', 'customer=Kunde', '--map', 'date=Datum', '--map', 'amount=Betrag']);
    expect(query(db, 'SELECT clear FROM customers ORDER BY clear')).toEqual([{ clear: 'k1@example.de' }, { clear: 'k2@example.de' }]);
  });
});

const cdnow = sharedFile('cdnow', 'cdnow_sample_transactions.csv');
describe.skipIf(!cdnow)('CDNOW sample transaction log (../shared/data)', () => {
  it('imports as 6,919 orders and 2,357 customers with the independently summed revenue', async () => {
    const db = freshDb();
    const copy = path.join(dir, 'cdnow.csv');
    copyFileSync(cdnow!, copy);
    const r = await orderlens(db, ['import', copy, '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 6919, inserted 6919, updated 0, unchanged 0, rejected 0');
    // Independent: sum the amount column as decimal strings → cents, straight from the file.
    const lines = readFileSync(cdnow!, 'utf8').trim().split('\n').slice(1);
    let cents = 0;
    const customers = new Set<string>();
    for (const line of lines) {
      const [id, , amount] = line.split(',');
      const [i, f = ''] = amount.split('.');
      cents += Number(i) * 100 + Number((f + '00').slice(0, 2));
      customers.add(id);
    }
    expect(customers.size).toBe(2357);
    expect(query(db, 'SELECT count(*) AS orders, sum(gross) AS gross FROM orders')).toEqual([{ orders: 6919, gross: cents }]);
    expect(query(db, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 2357 }]);
    // ids are kept as given, so reports join back to the user's data
    expect(query(db, "SELECT buyer_key, display FROM customers WHERE buyer_key = '2357'")).toEqual([{ buyer_key: '2357', display: '2357' }]);
    const again = await orderlens(db, ['import', copy, '--currency', 'USD']);
    expect(again.stdout).toContain('read 6919, inserted 0, updated 0, unchanged 6919, rejected 0');
  });
});

const superstore = sharedFile('edge_cases', 'superstore_sample_orders_CR_macroman.csv');
describe.skipIf(!superstore)('classic-Mac CSV: CR line ends, Mac Roman, M/D/YY dates (../shared/data/edge_cases)', () => {
  it('infers month-first slash dates (3/14/11) and Mac Roman from the file, and imports 5,009 orders of 793 customers', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', superstore!, '--currency', 'USD', '--keep-pii']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 5009, inserted 5009, updated 0, unchanged 0, rejected 0 (detected: generic orders file; shop default; macintosh; dates read month first (inferred: --date-order to set))');
    expect(query(db, "SELECT count(*) AS n FROM customers WHERE clear LIKE '%Französisch'")).toEqual([{ n: 3 }]);
    // Independent figures: SOURCE.md says 5,009 orders and 793 customers; the total is summed from the raw bytes.
    const text = readFileSync(superstore!, 'latin1').split('\r').slice(1).filter((l) => l !== '');
    const total = text.reduce((sum, line) => sum + Number(line.split(',').at(-1)) * 100, 0);
    expect(query(db, 'SELECT count(*) AS n, sum(gross) AS gross, count(DISTINCT customer_id) AS customers FROM orders')).toEqual([
      { n: 5009, gross: total, customers: 793 },
    ]);
    expect(query(db, "SELECT order_day FROM orders WHERE order_id = 'CA-2011-100006'")).toEqual([{ order_day: '2011-09-07' }]);
  });
});

describe('generic files: personal data and currency hints', () => {
  it('hashes nicknames even when they look like ids, and reads the currency from the amounts', async () => {
    const db = freshDb();
    const file = path.join(dir, 'nick.csv');
    writeFileSync(file, '订单编号,买家会员名,下单时间,实付金额\n1,tb86363067,2024-01-01,$5.00\n2,C001,2024-01-02,$6.00\n');
    const r = await orderlens(db, ['import', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("amounts are written like '$5.00' and the file has no currency column: read as USD");
    expect(query(db, 'SELECT display, kind FROM customers ORDER BY display')).toEqual([
      { display: 'C***1', kind: 'name' },
      { display: 't***7', kind: 'name' },
    ]);
    expect(query(db, 'SELECT DISTINCT currency FROM orders')).toEqual([{ currency: 'USD' }]);
    expect(readFileSync(db).includes(Buffer.from('tb86363067'))).toBe(false);
    // an id column keeps opaque ids as given; --currency wins over symbols
    const db2 = freshDb();
    const ids = path.join(dir, 'ids.csv');
    writeFileSync(ids, 'customer_id,date,amount\nC001,2024-01-01,$5.00\n');
    const r2 = await orderlens(db2, ['import', ids, '--currency', 'CAD']);
    expect(r2.stderr).not.toContain('read as');
    expect(query(db2, 'SELECT c.display, o.currency FROM orders o JOIN customers c ON c.id = o.customer_id')).toEqual([{ display: 'C001', currency: 'CAD' }]);
  });
});
