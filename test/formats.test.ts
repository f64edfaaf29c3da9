// --format ndjson and xlsx, file names that must match the format, --no-formula-guard, help and bare orderlens.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildProgram, run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir();
const db = path.join(dir, 'formats.db');

async function readBook(file: string): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets[0];
}

describe('output formats', () => {
  it('ndjson: one JSON object per line, the same values as json', async () => {
    expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv'), '--currency', 'USD'])).code).toBe(0);
    const json = JSON.parse((await orderlens(db, ['customers', '--format', 'json'])).stdout) as unknown[];
    const nd = (await orderlens(db, ['customers', '--format', 'ndjson'])).stdout;
    expect(nd.endsWith('\n')).toBe(true);
    expect(nd.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(json);
    const file = path.join(dir, 'c.ndjson');
    expect((await orderlens(db, ['customers', '--out', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(nd);
  });

  it('xlsx: a real workbook with typed cells, money with its decimals, dates, a frozen header, Chinese headers', async () => {
    const file = path.join(dir, 'customers.xlsx');
    const r = await orderlens(db, ['customers', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const csv = parseCsvRows((await orderlens(db, ['customers'])).stdout);
    expect(r.stderr).toContain(`wrote ${csv.length} rows to ${file}`);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const sheet = await readBook(file);
    expect(sheet.getRow(1).values).toEqual([undefined, 'customer_key', 'customer', 'platform', 'shop', 'orders', 'revenue', 'first_order', 'last_order']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(csv.length + 1);
    const row = (customer: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === customer) return sheet.getRow(i);
      throw new Error(`no row for ${customer}`);
    };
    const c001 = row('C001');
    expect(c001.getCell(5).value).toBe(2);
    expect(c001.getCell(6).value).toBe(1249.5);
    expect(c001.getCell(6).numFmt).toBe('#,##0.00');
    expect(c001.getCell(7).value).toEqual(new Date('2024-01-05T00:00:00Z'));
    expect(c001.getCell(7).numFmt).toBe('yyyy-mm-dd');
    // every row agrees with the CSV
    for (const c of csv) expect(row(c.customer_key).getCell(6).value).toBe(Number(c.revenue));

    const zh = path.join(dir, 'rfm-zh.xlsx');
    expect((await orderlens(db, ['rfm', '--lang', 'zh', '--format', 'xlsx', '--out', zh])).code).toBe(0);
    const zhSheet = await readBook(zh);
    expect(String(zhSheet.getRow(1).getCell(1).value)).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(typeof zhSheet.getRow(2).getCell(2).value).toBe('number');
    expect(zhSheet.getRow(2).getCell(3).numFmt).toMatch(/%$/);
  });

  it('a file name that does not match --format is a usage error; xlsx needs a file', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'csv', '--out', path.join(dir, 'x.xlsx')], /x\.xlsx is a \.xlsx name but --format is csv/],
      [['--format', 'xlsx', '--out', path.join(dir, 'x.csv')], /is a \.csv name but --format is xlsx/],
      [['--format', 'json', '--out', path.join(dir, 'x.ndjson')], /is a \.ndjson name but --format is json/],
      [['--out', path.join(dir, 'x.xls')], /not the old \.xls/],
      [['--format', 'xlsx'], /give it a file with --out report\.xlsx/],
    ];
    for (const [flags, message] of cases) {
      const r = await orderlens(db, ['customers', ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
    // a name that says no format takes --format as given
    expect((await orderlens(db, ['customers', '--format', 'json', '--out', path.join(dir, 'x.txt')])).code).toBe(0);
  });

  it('--no-formula-guard keeps cells as they are; by default they are neutralised', async () => {
    const query = `SELECT '=HYPERLINK("x")' AS cell, '-5' AS minus, '@SUM(A1)' AS at`;
    expect((await orderlens(db, ['sql', query])).stdout).toBe(`cell,minus,at\n"'=HYPERLINK(""x"")",-5,'@SUM(A1)\n`);
    expect((await orderlens(db, ['sql', query, '--no-formula-guard'])).stdout).toBe(`cell,minus,at\n"=HYPERLINK(""x"")",-5,@SUM(A1)\n`);
  });
});

const commandNames = (await buildProgram(memoryIo())).commands.map((c) => c.name());

describe('help', () => {
  const commands = commandNames;

  it('bare orderlens prints the help on stdout and exits 0', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(0);
    expect(io.out()).toContain('Usage: orderlens');
    expect(io.err()).toBe('');
  });

  it('lists the commands', () => expect(commands).toEqual(expect.arrayContaining(['import', 'rfm', 'sql', 'demo'])));

  it('every command shows the global options and at least two examples', async () => {
    for (const cmd of commands) {
      const io = memoryIo();
      expect(await run([cmd, '--help'], io), cmd).toBe(0);
      const help = io.out();
      for (const flag of ['--db', '--no-color', '--debug', '--quiet']) expect(help, `${cmd} ${flag}`).toContain(flag);
      const examples = help.slice(help.indexOf('Examples:'));
      expect(help.includes('Examples:'), cmd).toBe(true);
      expect(examples.split('\n').filter((l) => /^ {2}orderlens /.test(l)).length, cmd).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('orderlens sql', () => {
  it('queries the documented views, read-only, through the output layer', async () => {
    const sdb = path.join(dir, 'sql.db');
    expect((await orderlens(sdb, ['import', fixture('generic', 'utf8.csv'), '--currency', 'USD'])).code).toBe(0);
    const orders = parseCsvRows((await orderlens(sdb, ['sql', 'SELECT status, counted, count(*) AS n FROM orders GROUP BY status, counted ORDER BY status'])).stdout);
    expect(orders.find((r) => r.status === 'cancelled')).toEqual({ status: 'cancelled', counted: '0', n: '1' });
    // purchases = the counted orders with a buyer; customers' revenue = what `customers` reports
    const viaSql = parseCsvRows((await orderlens(sdb, ['sql', 'SELECT customer, orders, revenue FROM customers WHERE orders > 0 ORDER BY customer'])).stdout);
    const report = parseCsvRows((await orderlens(sdb, ['customers', '--sort', 'customer'])).stdout);
    expect(viaSql.map((r) => [r.customer, r.orders, (Number(r.revenue) / 100).toFixed(2)])).toEqual(report.map((r) => [r.customer, r.orders, r.revenue]));
    const n = parseCsvRows((await orderlens(sdb, ['sql', 'SELECT count(*) AS n FROM purchases'])).stdout)[0].n;
    expect(n).toBe(String(report.reduce((s, r) => s + Number(r.orders), 0)));
    const json = JSON.parse((await orderlens(sdb, ['sql', 'SELECT order_id, net FROM orders ORDER BY net DESC LIMIT 1', '--format', 'json'])).stdout) as { order_id: string; net: number }[];
    expect(typeof json[0].order_id).toBe('string');
    expect(typeof json[0].net).toBe('number');
    for (const bad of ['DELETE FROM main.order_rows', "ATTACH 'x.db' AS x", 'SELECT * FROM nowhere', 'SELECT 1; DELETE FROM orders']) {
      const r = await orderlens(sdb, ['sql', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/^orderlens: error: sql: /);
    }
    const total = orders.reduce((s, r) => s + Number(r.n), 0);
    expect(parseCsvRows((await orderlens(sdb, ['sql', 'SELECT count(*) AS n FROM main.order_rows'])).stdout)[0].n).toBe(String(total));
  });
});

describe('demo', () => {
  it('--limit cuts every section; --sort, which names one report\'s column, is a usage error; ndjson tags each row', async () => {
    const json = JSON.parse((await orderlens(path.join(dir, 'unused.db'), ['demo', '--format', 'json', '--limit', '2'])).stdout) as Record<string, unknown[]>;
    for (const rows of Object.values(json)) expect(rows.length).toBeLessThanOrEqual(2);
    expect(json.top_customers).toHaveLength(2);
    expect((await orderlens(path.join(dir, 'unused.db'), ['demo', '--sort', 'revenue'])).code).toBe(2);
    const nd = (await orderlens(path.join(dir, 'unused.db'), ['demo', '--format', 'ndjson'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { report: string });
    expect(new Set(nd.map((r) => r.report))).toEqual(new Set(['database_summary', 'rfm_segments', 'top_customers']));
  });
});
