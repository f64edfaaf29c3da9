import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { render, neutralizeCell } from '../src/output/render.js';
import { tableLines } from '../src/report/table-lines.js';
import type { Report } from '../src/output/report.js';

const dir = tempDir();
const db = path.join(dir, 'cli.db');

describe('CLI behaviour', () => {
  it('imports, then info summarizes the database as CSV when piped', async () => {
    expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv'), fixture('generic', 'tabs.tsv'), '--currency', 'USD'])).code).toBe(0);
    const r = await orderlens(db, ['info']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    const get = (section: string, item: string) => rows.find((x) => x.section === section && x.item === item)?.value;
    expect(get('database', 'orders')).toBe('8');
    expect(get('database', 'customers')).toBe('5');
    expect(get('database', 'first order day')).toBe('2024-01-01');
    expect(get('revenue', 'USD counted orders')).toBe('6');
    expect(get('revenue', 'USD net')).toBe('1295.00');
    expect(get('status', 'cancelled')).toBe('1');
    expect(rows.filter((x) => x.section === 'import')).toHaveLength(2);
  });

  it('info: the latest imports one by one, the ones before in one row (--all: every one)', async () => {
    const nightly = path.join(dir, 'nightly.db');
    expect((await orderlens(nightly, ['import', fixture('generic', 'bad-rows.csv'), '--currency', 'USD'])).code).toBe(0);
    expect((await orderlens(nightly, ['import', fixture('generic', 'utf8.csv'), '--currency', 'USD'])).code).toBe(0);
    for (let i = 0; i < 5; i++) expect((await orderlens(nightly, ['import', fixture('generic', 'tabs.tsv'), '--currency', 'USD'])).code).toBe(0);
    const imports = async (...flags: string[]) => parseCsvRows((await orderlens(nightly, ['info', ...flags])).stdout).filter((x) => x.section === 'import');
    const some = await imports();
    expect(some).toHaveLength(6);
    expect(some[0].item).toBe('2 earlier imports');
    expect(some[0].value).toMatch(/^\d{4}-\d\d-\d\d UTC: 2 files, 5 rows rejected; --all lists each$/);
    expect(some.slice(1).every((x) => x.item.endsWith('tabs.tsv (generic/default)'))).toBe(true);
    const all = await imports('--all');
    expect(all).toHaveLength(7);
    expect(all[0].item).toContain('bad-rows.csv');
    expect(all[0].value).toMatch(/rejected 5$/);
    // each import's time in its source's zone (generic: UTC), named
    expect(all.every((x) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: read /.test(x.value))).toBe(true);
    const zh = JSON.parse((await orderlens(nightly, ['info', '--lang', 'zh', '--format', 'json'])).stdout) as { item: string; value: string }[];
    expect(zh.find((x) => x.item === '更早的 2 次导入')?.value).toMatch(/：2 个文件，拒绝 5 行；--all 逐条列出$/);
  });

  it('prints customers as csv, json and table', async () => {
    const csv = await orderlens(db, ['customers']);
    expect(csv.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,orders,revenue,first_order,last_order');
    expect(csv.stdout).toContain('C001,C001,generic,default,2,1249.50,2024-01-05,2024-02-01');
    const json = JSON.parse((await orderlens(db, ['customers', '--format', 'json'])).stdout);
    expect(json[0]).toEqual({ customer_key: 'C001', customer: 'C001', platform: 'generic', shop: 'default', orders: 2, revenue: 1249.5, first_order: '2024-01-05', last_order: '2024-02-01' });
    const table = await orderlens(db, ['customers', '--format', 'table']);
    expect(table.stdout).toContain('$1,249.50');
    expect(table.stdout).not.toContain('\u001b['); // no colour when not a terminal
    const bom = await orderlens(db, ['customers', '--bom']);
    expect(bom.stdout.startsWith('\uFEFFcustomer_key,customer,platform')).toBe(true);
    expect((await orderlens(db, ['customers', '--bom', '--format', 'json'])).stdout.startsWith('[')).toBe(true);
    const out = path.join(dir, 'c.json');
    const toFile = await orderlens(db, ['customers', '--out', out]);
    expect(toFile.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(4);
  });

  it('maps errors to exit codes with one line on stderr', async () => {
    const usage = await orderlens(db, ['customers', '--format', 'xml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument 'xml' is invalid");
    const flag = await orderlens(db, ['info', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    // commander's own errors are one line too, suggestion and pointer to the help included
    const typo = await orderlens(db, ['imprt', 'x.csv']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("orderlens: error: unknown command 'imprt' (did you mean import?); see 'orderlens --help'\n");
    const option = await orderlens(db, ['rfm', '--bny', 'customer']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe("orderlens: error: unknown option '--bny' (did you mean --by?); see 'orderlens rfm --help'\n");
    for (const [cmd, flag, value] of [['churn', '--days', '0x10'], ['churn', '--k', '0b11'], ['churn', '--p', 'Infinity'], ['rfm', '--m-edges', '0x10,200,300,400']]) {
      const hex = await orderlens(db, [cmd, flag, value, '--currency', 'USD']);
      expect(hex.code, `${cmd} ${flag} ${value}`).toBe(2);
      expect(hex.stderr).toContain(`${flag} '${value.split(',')[0]}' must be a number`);
    }
    const date = await orderlens(db, ['customers', '--since', '2024-13-01']);
    expect(date.code).toBe(2);
    expect(date.stderr).toBe("orderlens: error: --since '2024-13-01' is not a date: use YYYY-MM-DD\n");
    const missing = await orderlens(path.join(dir, 'none.db'), ['info']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^orderlens: error: no database at .*none\.db: run 'orderlens import FILE' first/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const tz = await orderlens(db, ['import', fixture('generic', 'utf8.csv'), '--tz', 'Mars/Olympus']);
    expect(tz.code).toBe(2);
    const help = await orderlens(db, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 ok, 1 data or file error, 2 usage error.');
  });

  it('asks for --currency when the data mixes currencies', async () => {
    const mixed = path.join(dir, 'mixed.db');
    await orderlens(mixed, ['import', fixture('generic', 'utf8.csv')]);
    await orderlens(mixed, ['import', fixture('generic', 'gbk.csv')]);
    const r = await orderlens(mixed, ['customers']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orders are in 2 currencies (CNY, USD): pick one with --currency CODE');
    expect((await orderlens(mixed, ['customers', '--currency', 'cny'])).code).toBe(0);
  });

  it('runs the demo on the bundled sample shop', async () => {
    const r = await orderlens(path.join(dir, 'unused.db'), ['demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('imported shop-orders-2024.csv');
    // each import line adds up: read = inserted + updated + unchanged + stale + rejected
    const lines = r.stderr.split('\n').filter((l) => l.includes(': read '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const n = (word: string) => Number(new RegExp(`${word} (\\d+)`).exec(line)?.[1] ?? 0);
      expect(n('inserted') + n('updated') + n('unchanged') + n('stale') + n('rejected'), line).toBe(n('read'));
    }
    expect(r.stdout).toContain('Database summary');
    expect(r.stdout).toContain('Top customers by net revenue');
  });

  it('never writes --out or --rejects over the database', async () => {
    const copy = path.join(dir, 'precious.db');
    copyFileSync(db, copy);
    const before = readFileSync(copy);
    const out = await orderlens(copy, ['customers', '--currency', 'USD', '--out', path.join(dir, '.', 'precious.db')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('is the database: writing it would destroy it; choose another file');
    const rejects = await orderlens(copy, ['import', fixture('generic', 'bad-rows.csv'), '--rejects', copy]);
    expect(rejects.code).toBe(2);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it('demo --format json is one JSON document, and demo --out writes the file', async () => {
    const json = await orderlens(path.join(dir, 'unused.db'), ['demo', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(doc)).toEqual(['database_summary', 'rfm_segments', 'top_customers']);
    expect(doc.top_customers).toHaveLength(10);
    expect(doc.rfm_segments.reduce((s, x) => s + Number(x.customers), 0)).toBe(398);
    const out = path.join(dir, 'demo.csv');
    const toFile = await orderlens(path.join(dir, 'unused.db'), ['demo', '--out', out]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toContain(`wrote 3 reports to ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^Database summary\nsection,item,value\n/);
  });
});

describe('output layer', () => {
  const report: Report = {
    currency: 'CNY',
    columns: [
      { key: 'name', kind: 'text' },
      { key: 'amount', kind: 'money' },
      { key: 'share', kind: 'percent' },
      { key: 'delta', kind: 'number' },
      { key: 'gap', kind: 'int' },
    ],
    rows: [
      { name: '=HYPERLINK("x")', amount: 123456, share: 0.25, delta: -1.5, gap: null },
      { name: '-5', amount: -5, share: 1, delta: 2, gap: 3 },
      { name: '@me', amount: 0, share: 0, delta: 0, gap: 0 },
    ],
  };

  it('neutralizes formula cells in CSV but leaves numbers alone', () => {
    expect(render(report, { format: 'csv', color: false })).toBe(
      'name,amount,share,delta,gap\n"\'=HYPERLINK(""x"")",1234.56,0.25,-1.5,\n-5,-0.05,1,2,3\n\'@me,0.00,0,0,0\n',
    );
    expect(neutralizeCell('+86 138')).toBe("'+86 138");
    expect(neutralizeCell('-12.5')).toBe('-12.5');
    expect(neutralizeCell('\tx')).toBe("'\tx");
  });

  it('writes JSON with raw values and nulls', () => {
    expect(JSON.parse(render(report, { format: 'json', color: false }))[0]).toEqual({ name: '=HYPERLINK("x")', amount: 1234.56, share: 0.25, delta: -1.5, gap: null });
  });

  it('formats money and percentages only in the table view, with colour only when asked', () => {
    const plain = render(report, { format: 'table', color: false, lines: tableLines('en') });
    expect(plain).toContain('¥1,234.56');
    expect(plain).toContain('25.0%');
    expect(plain).not.toContain('\u001b[');
    expect(render({ ...report, columns: report.columns.map((c) => ({ ...c, heat: c.key === 'share' })) }, { format: 'table', color: true, lines: tableLines('en') })).toContain('\u001b[');
  });
});
