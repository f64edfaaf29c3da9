/**
 * Every per-customer table on an 80-column terminal stays a table, one line a customer, like `customers`: the
 * columns a narrow terminal cannot hold are left out in a stated order and named in one line; a customer_key is
 * never cut short (left out whole); platform and shop stay when the rows are of several stores. Also: a segment
 * name is never cut (the ltv summary used to print `Potential loyali…`). CSV keeps every column.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { renderTable, textWidth } from '../src/output/table.js';
import { tableLines } from '../src/report/table-lines.js';
import type { Report } from '../src/output/report.js';
import { fixture, orderlens, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-cust80-');
const one = path.join(dir, 'one.db');
const two = path.join(dir, 'two.db');
const demo = [fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')];

async function term(db: string, argv: string[], lang: 'en' | 'zh', columns = 80): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8', NO_COLOR: '1' }, tty: true, columns, rows: 40 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

async function piped(db: string, argv: string[]): Promise<string> {
  const io = memoryIo();
  expect(await run(['--db', db, ...argv], io), io.err()).toBe(0);
  return io.out();
}

/** Every report that prints one row per customer (--as-of fixed: the demo's data end on 2025-12-31). */
const PER_CUSTOMER: string[][] = [
  ['rfm', '--by', 'customer'],
  ['rfm', '--segment', 'Champions'],
  ['pareto', '--by', 'customer'],
  ['segments', '--by', 'customer'],
  ['churn', '--by', 'customer'],
  ['churn', '--by', 'customer', '--model'],
  ['ltv', '--by', 'customer'],
  ['ltv', '--by', 'customer', '--holdout', '2025-06-30'],
  ['ltv', '--method', 'simple', '--by', 'customer', '--lifetime', '3y'],
  ['campaign', 'split', '--segment', 'Champions'],
].map((argv) => [...argv, '--as-of', '2026-01-01']).concat([['customers'], ['migration', '--by', 'customer']]);

/** What is wrong with a terminal table of customers at 80 columns. */
function problems(out: string, lang: 'en' | 'zh', stores: 1 | 2): string[] {
  const found: string[] = [];
  const lines = out.trimEnd().split('\n');
  if (!lines[0].startsWith('┌')) found.push(`not a table: ${lines[0]}`);
  if (out.includes('─[ 1 ]')) found.push('one record per block');
  const width = textWidth(lines[0]);
  if (width > 80) found.push(`wider than 80: ${width}`);
  const bottom = lines.findIndex((l) => l.startsWith('└'));
  for (const line of lines.slice(0, bottom + 1)) if (textWidth(line) !== width) found.push(`out of line: ${line}`);
  if (/h:[0-9a-f]*…/.test(out)) found.push('a customer_key cut short');
  const head = lines[1];
  if (!head.includes(lang === 'en' ? '│ customer ' : '│ 客户 ')) found.push(`no customer column: ${head}`);
  const shown = lines.slice(bottom + 1).find((l) => l.startsWith(lang === 'en' ? '… not shown: ' : '… 未显示：'));
  // the key whole, or left out and named
  const keyShown = /│ h:[0-9a-f]{32} +│/.test(out);
  if (!shown) found.push('no line naming the columns left out');
  else if (!keyShown && !shown.includes(lang === 'en' ? 'customer_key' : '客户标识')) found.push(`the key is neither shown nor named: ${shown}`);
  // one store: platform and shop are the same on every row and go first; two stores: they stay
  const storeHead = lang === 'en' ? /│ platform │ shop │/ : /│ 平台 +│ 店铺 │/;
  if (stores === 2 && !storeHead.test(head)) found.push(`two stores without platform and shop: ${head}`);
  if (stores === 1 && storeHead.test(head)) found.push(`one store with platform and shop: ${head}`);
  return found;
}

describe('per-customer tables at 80 columns', () => {
  beforeAll(async () => {
    expect((await run(['--db', one, 'import', ...demo], memoryIo())), 'import').toBe(0);
    for (const shop of ['A', 'B']) expect(await run(['--db', two, 'import', ...demo, '--shop', shop], memoryIo())).toBe(0);
    for (const db of [one, two]) for (const day of ['2025-12-01', '2026-01-01']) expect(await run(['--db', db, 'snapshot', '--as-of', day], memoryIo())).toBe(0);
  }, 240_000);

  it.each(PER_CUSTOMER.map((argv) => [argv.join(' '), argv]))('%s: a table, one line a customer (en and zh, one store and two)', async (_name, argv) => {
    for (const [db, stores] of [[one, 1], [two, 2]] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const r = await term(db, [...argv, '--limit', '5'], lang);
        expect(r.code, r.err).toBe(0);
        expect(problems(r.out, lang, stores), `${lang}, ${stores} store(s):\n${r.out}`).toEqual([]);
      }
    }
    // piped: every column, the key whole
    const csv = await piped(two, [...argv, '--limit', '5']);
    expect(csv.split('\n')[0]).toMatch(/^customer_key,customer,platform,shop,/);
    const wide = await term(two, [...argv, '--limit', '5'], 'en', 400);
    expect(wide.out).not.toContain('not shown');
    expect(wide.out).toMatch(/│ h:[0-9a-f]{32} │/);
  }, 120_000);

  it('churn per customer at 80 columns: the reason (a sentence of the numbers beside it) goes first after the identity', async () => {
    const r = await term(one, ['churn', '--by', 'customer', '--as-of', '2026-01-01', '--limit', '3'], 'en');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ customer +│ status +│ days_since │ usual_gap │ orders │ +revenue │ last_order │$/);
    expect(lines.at(-2)).toBe('… not shown: customer_key, platform, shop and 3 more (--format csv has them)');
  });

  it('the ltv summary prints "Potential loyalist" whole at 80 columns: one more column is left out instead', async () => {
    const r = await term(one, ['ltv', '--as-of', '2026-01-01'], 'en');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('│ Potential loyalist │');
    expect(r.out).not.toContain('loyali…');
    expect(r.out).toContain('… not shown: revenue, expected_purchases and 4 more (--format csv has them)');
    expect(Math.max(...r.out.split('\n').map(textWidth))).toBeLessThanOrEqual(80);
  });
});

describe('renderTable: a whole column is never cut', () => {
  const display = (_c: unknown, v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const key = `h:${'0123456789abcdef'.repeat(2)}`;
  const report: Report = {
    columns: [{ key: 'customer_key', kind: 'text', whole: true }, { key: 'customer', kind: 'text' }, { key: 'note', kind: 'text' }],
    rows: [{ customer_key: key, customer: 'a customer with a long name', note: 'a note that is long enough to be cut' }],
    drop: ['note'],
  };

  it('with every droppable column left out, the other text is cut and the key stays whole', () => {
    const text = renderTable(report, { color: false, width: 60, display, lines: tableLines('en') });
    expect(text).toContain(`│ ${key} │`);
    expect(text).toContain('… not shown: note (--format csv has it)');
    expect(Math.max(...text.split('\n').map(textWidth))).toBeLessThanOrEqual(60);
  });

  it('too narrow for the key: one field per line, the key whole', () => {
    const text = renderTable(report, { color: false, width: 45, display, lines: tableLines('en') });
    expect(text).toMatch(/^─\[ 1 \]/);
    expect(text).toContain(key);
  });
});

describe('the note on orders without a buyer says what is true', () => {
  it('an empty buyer cell is not "no buyer identity in their export": it names the empty or masked cell, and 1 order agrees with its verb', async () => {
    const file = path.join(dir, 'one-empty-buyer.csv');
    writeFileSync(file, 'order_id,customer_id,date,amount\no1,alice,2024-01-05,10.00\no2,,2024-01-06,12.00\no3,bob,2024-01-07,8.00\n');
    const db = path.join(dir, 'empty-buyer.db');
    expect((await orderlens(db, ['import', file])).code).toBe(0);
    const r = await orderlens(db, ['customers']);
    expect(r.stderr).toContain('1 counted order has no buyer (an empty or fully masked buyer cell, or no buyer column in the export) and is left out of customer reports');
    expect(r.stderr).not.toContain('in their export');
    const zh = await orderlens(db, ['customers'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('1 笔计入的订单没有买家（买家单元格为空或被完全遮掩，或导出文件没有买家列），客户类报表不计入');
  });
});
