/**
 * Hostile and broken files (issue 13): each case is the smallest file that shows it, generated here.
 * Rows too large to keep are rejected rows, not aborted files; messages quote short escaped excerpts and
 * never a data row; text from a file never reaches the terminal with its control characters.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';

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
  });

  it('rejects a row whose customer value is over 65,535 characters, only that row', async () => {
    const csv = file('long-customer.csv', `${HEADER}1,C1,2024-01-05,10\n2,${'c'.repeat(70_000)},2024-01-06,20\n`);
    const r = await orderlens(freshDb(), ['import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('inserted 1, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${csv}:3: customer value over 65,535 characters`);
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
