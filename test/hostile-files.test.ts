/**
 * Hostile and broken files (issue 13): each case is the smallest file that shows it, generated here.
 * Rows too large to keep are rejected rows, not aborted files; messages quote short escaped excerpts and
 * never a data row; text from a file never reaches the terminal with its control characters.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, linkSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-hostile-');
let n = 0;
const freshDb = () => path.join(dir, `h${++n}.db`);
const file = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const HEADER = 'order_id,customer_id,order_date,amount\n';

describe('rows too large to keep', () => {
  it('rejects a row with a cell over 1 MB and imports the others', async () => {
    const csv = file('long-cell.csv', `${HEADER}1,C1,2024-01-05,10\n2,C2,2024-01-06,"${'y'.repeat(2 << 20)}"\n3,C3,2024-01-07,30\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${csv}:3: cell over 1 MB (the limit of one cell)`);
    expect(r.stderr.length).toBeLessThan(2000);
    // and in the reader's language
    const zh = await orderlens(freshDb(), ['import', csv, '--lang', 'zh']);
    expect(zh.stderr).toContain('单元格超过 1 MB（一个单元格的上限）');
    expect(zh.stderr).not.toContain('the limit of one cell');
  });

  it('rejects a row whose customer value is over 65,535 characters, only that row', async () => {
    const csv = file('long-customer.csv', `${HEADER}1,C1,2024-01-05,10\n2,${'c'.repeat(70_000)},2024-01-06,20\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('inserted 1, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${csv}:3: customer value over 65,535 characters`);
  });
});

describe('one order of a hundred thousand rows', () => {
  it('keeps the first 100,000 rows of an order and rejects the rest (memory is bounded by the limit)', async () => {
    const rows = Array.from({ length: 100_003 }, () => '7,C1,2024-01-05,1\n').join('');
    const r = await orderlens(freshDb(), ['import', file('one-order.csv', `${HEADER}${rows}`)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 100003, inserted 1, updated 0, unchanged 0, rejected 3');
    expect(r.stderr).toContain(':100002: order 7 has more than 100,000 rows (the limit of one order): this row is left out');
  });
});

describe('messages quote short, escaped excerpts', () => {
  it('a 1 MB header becomes a short line', async () => {
    const csv = file('huge-header.csv', `${'h'.repeat(1 << 20)},x\n1,2\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unrecognised export \(headers: h{40}… \(1,048,576 characters\), x\)/);
    expect(r.stderr.length).toBeLessThan(3000);
  });

  it('a file without a header row: says so without echoing its first row', async () => {
    const csv = file('no-header.csv', '1001,john.smith@example.com,+44 7911 123456,2024-01-05,10.00\n1002,jane@example.com,+44 7911 654321,2024-01-06,20.00\n');
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the first row holds values, not column names: add a header row');
    expect(r.stderr).not.toMatch(/john|7911|example/);
  });

  it('escape sequences and bidi overrides from a file are shown escaped, never obeyed', async () => {
    const csv = file('escapes.csv', `order_id,customer_id,order_date,amount,status\n1,C1,2024-01-05,10,\u001b[31mred\u202e\n2,C2,2024-01-06,\u001b]0;title\u0007,paid\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(r.stderr).toContain('\\x1b[31mred\\u202e');
    expect(r.stderr).toContain("unreadable amount '\\x1b]0;title\\x07'");
  });
});

describe('nothing written where it must not be', () => {
  const orders = `${HEADER}1,C1,2024-01-05,10\n2,C2,2024-01-06,20\n`;

  it('refuses --rejects that is the file being imported, and leaves the file alone', async () => {
    const csv = file('self.csv', orders);
    const r = await orderlens(freshDb(), ['import', csv, '--rejects', csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`orderlens: error: --rejects ${csv} is an input of this command (${csv}): writing it would destroy it; choose another file\n`);
    expect(readFileSync(csv, 'utf8')).toBe(orders);
  });

  it('refuses --out that is the database through a hard link or a symlink, or its -wal file', async () => {
    const db = freshDb();
    expect((await orderlens(db, ['import', file('o.csv', orders)])).code).toBe(0);
    const before = readFileSync(db);
    const hard = path.join(dir, 'hard.csv');
    linkSync(db, hard);
    const soft = path.join(dir, 'soft.csv');
    symlinkSync(db, soft);
    for (const out of [hard, soft, `${db}-wal`]) {
      const r = await orderlens(db, ['customers', '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/is the database('s -wal file)?: writing it would destroy it; choose another file\n$/);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    expect((await orderlens(db, ['customers'])).stdout).toContain('C2');
  });

  it('writes --out whole, through a temporary file, mode 0600 (also over a wider existing file)', async () => {
    const db = freshDb();
    await orderlens(db, ['import', file('o2.csv', orders)]);
    const out = path.join(dir, 'report.csv');
    writeFileSync(out, 'old', { mode: 0o644 });
    chmodSync(out, 0o644);
    const r = await orderlens(db, ['customers', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^customer/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const missing = await orderlens(db, ['customers', '--out', path.join(dir, 'no-such-folder', 'x.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^orderlens: error: cannot write .*x\.csv: no such folder\n$/);
  });

  it('streams --rejects with personal data masked (unless --keep-pii) and formulas neutralised', async () => {
    const csv = file(
      'pii.csv',
      'order_id,email,Shipping Name,Phone,order_date,amount\n' +
        '1,ann@example.com,Ann Lee,+44 7911 123456,2024-01-05,10\n' +
        '2,bob.smith@example.com,Bob Smith,+44 7911 654321,someday,20\n' +
        '"=HYPERLINK(""http://x"")",carl@example.com,Carl,+1 415 555 1234,2024-01-07,\n',
    );
    const rejects = path.join(dir, 'rejects.csv');
    const r = await orderlens(freshDb(), ['import', csv, '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(rejects, 'utf8');
    expect(text).not.toMatch(/bob\.smith|Bob Smith|654321|carl@|415 555/);
    expect(text).toContain('bo***@example.com');
    expect(text).toContain('+447****4321');
    expect(text).toContain(`"""'=HYPERLINK(`);
    expect(text).not.toMatch(/,"""=/);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
    const kept = path.join(dir, 'rejects-kept.csv');
    await orderlens(freshDb(), ['import', csv, '--rejects', kept, '--keep-pii']);
    expect(readFileSync(kept, 'utf8')).toContain('bob.smith@example.com');
  });
});

describe('the binary', () => {
  const bin = path.join(repoRoot, 'bin', 'orderlens.js');

  it('a failed write to stdout (/dev/full) is one line and exit 1', async () => {
    const db = freshDb();
    await orderlens(db, ['import', file('full.csv', `${HEADER}1,C1,2024-01-05,10\n`)]);
    const out = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, '--db', db, 'customers', '--format', 'csv'], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('orderlens: error: cannot write to stdout: no space left on device\n');
    } finally {
      closeSync(out);
    }
  });
});

describe('no clear personal data without --keep-pii', () => {
  it('phones and user names in a generic customer column are hashed, whatever the column; so is a --map-named nickname column', async () => {
    const db = freshDb();
    const csv = file('people.csv', `${HEADER}1,4155551234,2024-01-05,10\n2,447911123456,2024-01-06,20\n3,john.smith,2024-01-07,30\n4,C00469933,2024-01-08,40\n`);
    expect((await orderlens(db, ['import', csv])).code).toBe(0);
    const nick = file('nick.csv', 'order_id,买家会员名,order_date,amount\n5,tb86363067,2024-01-09,50\n');
    expect((await orderlens(db, ['import', nick, '--shop', 'tmall', '--map', 'customer=买家会员名'])).code).toBe(0);
    const d = new Database(db, { readonly: true });
    try {
      const rows = d.prepare('SELECT buyer_key, display, kind FROM customers ORDER BY id').all() as { buyer_key: string; display: string; kind: string }[];
      expect(rows.map((r) => [r.display, r.kind])).toEqual([
        ['415****1234', 'phone'],
        ['447****3456', 'phone'],
        ['j***h', 'name'],
        ['C00469933', 'id'],
        ['t***7', 'name'],
      ]);
      expect(rows.filter((r) => r.kind !== 'id').every((r) => r.buyer_key.startsWith('h:'))).toBe(true);
      const stored = JSON.stringify(d.prepare('SELECT * FROM customers').all());
      expect(stored).not.toMatch(/4155551234|447911123456|john\.smith|tb86363067/);
    } finally {
      d.close();
    }
  });
});

describe('no silent merges', () => {
  it('rejects a row that shares the order id of the row above with another customer', async () => {
    const csv = file('shared-id.csv', `${HEADER}1,C1,2024-01-05,10\n1,C2,2024-01-05,20\n2,C3,2024-01-06,30\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${csv}:3: order 1 has another customer on this row than on line 2`);
  });

  it('refuses two columns of one mapped name, naming both', async () => {
    const csv = file('two-amounts.csv', 'order_id,customer_id,order_date,amount,amount\n1,C1,2024-01-05,10,99\n');
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("two columns are named 'amount' (columns 4 and 5), and the amount could come from either: rename one of them");
  });

  it('rejects an impossible offset such as +99:99', async () => {
    const csv = file('offset.csv', `${HEADER}1,C1,2024-01-05T10:00:00+99:99,10\n2,C2,2024-01-05T10:00:00+08:00,20\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('inserted 1, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${csv}:2: unreadable date '2024-01-05T10:00:00+99:99'`);
  });
});

describe('a file mixing encodings', () => {
  it('says how many lines are in another encoding and the first of them, both ways', async () => {
    const gbk = (s: string) => iconv.encode(s, 'gb18030');
    const head = 'order_id,customer,order_date,amount\n';
    const mostlyGbk = Buffer.concat([gbk(`${head}1,李四,2024-01-05,10\n2,王五,2024-01-06,20\n`), Buffer.from('3,张三,2024-01-07,30\n', 'utf8')]);
    const a = await orderlens(freshDb(), ['import', file('mixed-gbk.csv', mostlyGbk)]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain('1 line (first: line 4) is UTF-8 although the file reads as gb18030: it was garbled (张三 → 寮犱笁)');
    // past the 256 KB the encoding is sniffed from: a UTF-8 file, then a GBK row
    const rows = Array.from({ length: 12000 }, (_, i) => `${i + 1},李四${i % 50},2024-01-05,10\n`).join('');
    const mostlyUtf8 = Buffer.concat([Buffer.from(`${head}${rows}`, 'utf8'), gbk('12001,张三,2024-01-07,30\n')]);
    const b = await orderlens(freshDb(), ['import', file('mixed-utf8.csv', mostlyUtf8)]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain('1 line (first: line 12002) has bytes that are not UTF-8, read as �');
    // and a small file mostly in UTF-8 reads as GB18030: its UTF-8 lines are named
    const small = await orderlens(freshDb(), ['import', file('small-mixed.csv', Buffer.concat([Buffer.from(`${head}1,李四,2024-01-05,10\n2,王五,2024-01-06,20\n`), gbk('3,张三,2024-01-07,30\n')]))]);
    expect(small.stderr).toContain('2 lines (first: line 2) are UTF-8 although the file reads as gb18030');
    const clean = await orderlens(freshDb(), ['import', file('clean-gbk.csv', gbk(`${head}1,李四,2024-01-05,10\n2,张三丰,2024-01-06,20\n`))]);
    expect(clean.stderr).not.toContain('encoding');
  });
});
