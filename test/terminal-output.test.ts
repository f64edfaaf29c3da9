// Tables on a terminal: as wide as the terminal, cut with …, one field per line when too wide, the rows that
// fit plus one line; --limit and --sort in every format; --quiet; a real 80-column pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { renderTable, textWidth, cutText } from '../src/output/table.js';
import { tableLines } from '../src/report/table-lines.js';
import type { Report } from '../src/output/report.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
const db = path.join(dir, 'term.db');
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const longest = (text: string) => Math.max(...stripAnsi(text).split('\n').map(textWidth));

/** Runs the CLI in-process as if on a terminal of `columns` × `rows`. */
async function onTerminal(argv: string[], columns = 80, rows = 24, env: Record<string, string> = {}) {
  const io = memoryIo({ tty: true, columns, rows, env });
  const code = await run(['--db', db, ...argv], io);
  return { code, stdout: stripAnsi(io.out()), stderr: io.err() };
}

/** A shop of `n` customers with long names, one to three orders each. */
function writeShop(file: string, n: number): void {
  const lines = ['order_id,customer_id,date,amount'];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= i % 3; k++) lines.push(`o${i}-${k},customer-with-a-long-name-number-${i},2024-0${1 + k}-${String((i % 27) + 1).padStart(2, '0')},${(i % 97) + 1}.50`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

describe('terminal tables', () => {
  const shop = path.join(dir, 'shop.csv');
  writeShop(shop, 300);

  it('fit 80 columns: text cut with …, every report, no line longer than the terminal', async () => {
    expect((await orderlens(db, ['import', shop])).code).toBe(0);
    // ltv: this regular made-up shop gives no model a maximum (ltv then refuses, exit 1): its parameter table and the textbook method
    for (const argv of [['customers'], ['rfm'], ['rfm', '--by', 'customer'], ['pareto'], ['pareto', '--by', 'customer'], ['churn'], ['churn', '--by', 'customer'], ['segments'], ['cohorts'], ['info'], ['ltv', '--params'], ['ltv', '--method', 'simple', '--lifetime', '3y']]) {
      const asOf = argv[0] === 'customers' || argv[0] === 'info' ? [] : ['--as-of', '2024-06-01'];
      const r = await onTerminal([...argv, ...asOf], 80);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(longest(r.stdout), argv.join(' ')).toBeLessThanOrEqual(80);
      expect(longest(r.stderr), argv.join(' ')).toBeLessThanOrEqual(80); // notes are wrapped on a terminal
    }
    const wide = await onTerminal(['customers'], 200);
    expect(wide.stdout).toContain('customer-with-a-long-name-number-');
    const narrow = await onTerminal(['customers'], 60);
    expect(narrow.stdout).toContain('…');
    expect(longest(narrow.stdout)).toBeLessThanOrEqual(60);
  });

  it('per-customer tables show the rows that fit the screen and say how many more', async () => {
    const r = await onTerminal(['customers'], 200, 30);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(lines.at(-1)).toMatch(/^… 2\d\d more rows: --limit 0 for all, --format csv for a file$/);
    const shown = lines.filter((l) => l.startsWith('│') && l.includes('customer-with')).length;
    expect(shown + Number(/… (\d+) more/.exec(lines.at(-1)!)![1])).toBe(300);
    const all = await onTerminal(['customers', '--limit', '0'], 200, 30);
    expect(all.stdout.split('\n').filter((l) => l.includes('customer-with'))).toHaveLength(300);
    expect(all.stdout).not.toContain('more rows');
  });

  it('customers on 80 columns stay a table: platform, shop and then the key left out and named, never a key cut short', async () => {
    const r = await onTerminal(['customers', '--limit', '3'], 80);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0], r.stdout).toMatch(/^┌/);
    expect(longest(r.stdout)).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toContain('─[ 1 ]');
    expect(lines[1]).toMatch(/^│ customer +│ orders │ +revenue │ first_order │ last_order │$/);
    expect(lines.at(-2)).toBe('… not shown: customer_key, platform, shop (--format csv has them)');
    const keys = parseCsvRows((await orderlens(db, ['customers', '--limit', '3'])).stdout).map((row) => row.customer_key);
    // wide enough: every column, the key whole
    const wide = await onTerminal(['customers', '--limit', '3'], 200);
    for (const key of keys) expect(wide.stdout).toContain(`│ ${key} `);
    expect(wide.stdout).not.toContain('not shown');
  });

  it('customers of two stores on 80 columns keep platform and shop (they tell the rows apart)', async () => {
    const two = path.join(dir, 'two-stores.db');
    for (const shopName of ['A', 'B']) expect((await orderlens(two, ['import', path.join(dir, 'shop.csv'), '--shop', shopName])).code).toBe(0);
    const io = memoryIo({ tty: true, columns: 80, rows: 24, env: {} });
    expect(await run(['--db', two, 'customers', '--limit', '4'], io)).toBe(0);
    const lines = stripAnsi(io.out()).trimEnd().split('\n');
    expect(lines[1]).toMatch(/│ customer +│ platform │ shop │ orders │/);
    expect(lines.some((l) => /│ A +│/.test(l)) && lines.some((l) => /│ B +│/.test(l))).toBe(true);
    expect(lines.at(-2)).toBe('… not shown: customer_key, first_order (--format csv has them)');
  });

  it('summaries too wide for 80 columns stay tables: short headers, the least important columns left out and named (en and zh)', async () => {
    for (const lang of ['en', 'zh']) {
      const r = await onTerminal(['rfm', '--as-of', '2024-06-01', '--lang', lang], 80);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0], r.stdout).toMatch(/^┌/);
      expect(longest(r.stdout)).toBeLessThanOrEqual(80);
      expect(r.stdout).not.toContain('─[ 1 ]');
      if (lang === 'en') {
        expect(lines[1]).toMatch(/│ segment +│ customers │ cust% │ +revenue │ +rev% │/);
        expect(lines.at(-1)).toBe('… not shown: avg_frequency, avg_monetary, orders, aov (--format csv has them)');
      } else {
        expect(lines[1]).toMatch(/│ 客户分群 +│ 客户数 │ 客户% │ +净收入 │ 收入% │/);
        expect(lines.at(-1)).toBe('… 未显示：平均购买次数、平均消费金额、订单数、客单价（--format csv 含全部列）');
      }
    }
    // the same report piped: every column, as before
    const csv = (await orderlens(db, ['rfm', '--as-of', '2024-06-01'])).stdout;
    expect(csv.split('\n')[0]).toBe('segment,customers,share_customers,revenue,share_revenue,avg_recency_days,avg_frequency,avg_monetary,orders,aov');
    const wide = await onTerminal(['rfm', '--as-of', '2024-06-01'], 200);
    expect(wide.stdout).toContain('share_customers');
    expect(wide.stdout).not.toContain('not shown');
  });

  it('too wide for 40 columns: the first columns with their headers whole, and how many more there are', async () => {
    const r = await onTerminal(['rfm'], 40);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ segment +│ customers │$/);
    expect(lines.at(-1)).toBe('… 8 more columns: --format csv has them');
    expect(longest(r.stdout)).toBeLessThanOrEqual(40);
  });

  it('too wide for two columns: one field per line, every name whole (short where the full one leaves no room)', async () => {
    const r = await onTerminal(['rfm'], 30);
    expect(r.stdout).toMatch(/^─\[ 1 \]/);
    expect(r.stdout).toMatch(/\nsegment +│ /);
    expect(r.stdout).toMatch(/\nrev% +│ /);
    expect(r.stdout).not.toMatch(/^[^│\n]*…[^│\n]*│/m);
    // a segment name is whole: past the edge if it must (the terminal wraps it), never cut
    expect(longest(r.stdout.split('\n').filter((l) => !l.startsWith('segment')).join('\n'))).toBeLessThanOrEqual(30);
  });

  it('--limit and --sort in every format', async () => {
    const csv = parseCsvRows((await orderlens(db, ['customers', '--sort', 'revenue:desc', '--limit', '5'])).stdout);
    expect(csv).toHaveLength(5);
    const revenues = csv.map((r) => Number(r.revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const all = parseCsvRows((await orderlens(db, ['customers'])).stdout).map((r) => Number(r.revenue));
    expect(revenues[0]).toBe(Math.max(...all));
    const json = JSON.parse((await orderlens(db, ['customers', '--sort', 'customer', '--limit', '3', '--format', 'json'])).stdout) as { customer: string }[];
    expect(json.map((r) => r.customer)).toEqual(json.map((r) => r.customer).sort());
    expect(json).toHaveLength(3);
    const nd = (await orderlens(db, ['rfm', '--limit', '2', '--format', 'ndjson'])).stdout.trim().split('\n');
    expect(nd).toHaveLength(2);
    const table = await orderlens(db, ['customers', '--format', 'table', '--limit', '4']);
    expect(table.stdout.trimEnd().split('\n').at(-1)).toBe('… 296 more rows: --limit 0 for all, --format csv for a file');
    const bad = await orderlens(db, ['customers', '--sort', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--sort 'nope': not a column of this report; use one of customer");
    expect((await orderlens(db, ['customers', '--limit', '-1'])).code).toBe(2);
  });

  it('--quiet and ORDERLENS_QUIET=1 print data and errors only', async () => {
    const loud = await orderlens(db, ['rfm']);
    expect(loud.stderr).toContain('orderlens: as of');
    for (const [argv, env] of [[['--quiet', 'rfm'], {}], [['rfm'], { ORDERLENS_QUIET: '1' }]] as const) {
      const r = await orderlens(db, [...argv], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(loud.stdout);
    }
    const err = await orderlens(db, ['--quiet', 'rfm', '--as-of', 'soon']);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('orderlens: error:');
  });
});

describe('ltv summaries on 80 columns', () => {
  it('stay tables: the intervals and revenue are left out and named, the CSV keeps every column (en and zh)', async () => {
    const cdnow = path.join(dir, 'cdnow.db');
    expect((await orderlens(cdnow, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD'])).code).toBe(0);
    const argv = ['--db', cdnow, 'ltv', '--as-of', '1997-10-01', '--model', 'pnbd'];
    for (const lang of ['en', 'zh']) {
      const io = memoryIo({ tty: true, columns: 80, rows: 40 });
      expect(await run([...argv, '--lang', lang], io), io.err()).toBe(0);
      const out = stripAnsi(io.out());
      const lines = out.trimEnd().split('\n');
      expect(lines[0], out).toMatch(/^┌/);
      expect(longest(out)).toBeLessThanOrEqual(80);
      expect(lines.at(-1)).toBe(
        lang === 'en'
          ? '… not shown: revenue, expected_purchases_low and 3 more (--format csv has them)'
          : '… 未显示：净收入、预期购买次数下限，还有 3 列（--format csv 含全部列）',
      );
      expect(lines[1]).toMatch(lang === 'en' ? /│ segment +│ customers │ exp_purch │ p_alive │ +clv │ +clv\/cust │/ : /│ 客户分群 +│ 客户数 │ 预期次数 │ 存活概率 │ +CLV合计 │ 人均预测CLV │/);
    }
    const csv = await orderlens(cdnow, ['ltv', '--as-of', '1997-10-01', '--model', 'pnbd']);
    expect(csv.stdout.split('\n')[0]).toBe('segment,customers,revenue,expected_purchases,p_alive,clv,clv_per_customer,expected_purchases_low,expected_purchases_high,clv_low,clv_high');
  });
});

describe('renderTable', () => {
  const display = (_c: unknown, v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

  it('measures Chinese text as two columns and cuts it whole', () => {
    expect(textWidth('张三abc')).toBe(7);
    expect(cutText('张三李四', 5)).toBe('张三…');
    expect(textWidth(cutText('张三李四', 5))).toBe(5);
    const report: Report = { columns: [{ key: 'name', zh: '姓名', kind: 'text' }, { key: 'n', kind: 'int' }], rows: [{ name: '一二三四五六七八九十一二三四五', n: 1 }] };
    const text = renderTable(report, { color: false, lang: 'zh', width: 24, display, lines: tableLines('zh') });
    expect(longest(text)).toBeLessThanOrEqual(24);
    expect(text).toContain('…');
  });

  it('a cohort matrix too wide shows every cohort, labels whole, the first periods that fit, and names the periods left out', () => {
    const periods = 30;
    const rows = Array.from({ length: periods }, (_, i) => ({
      cohort: `2024-${String(i + 1).padStart(2, '0')}`,
      size: 100,
      ...Object.fromEntries(Array.from({ length: periods - i }, (_, k) => [`m${k}`, 0.5])),
    }));
    // four more period columns that no cohort reaches (a shop ending early): nothing to show, nothing to say
    const columns = [{ key: 'cohort', kind: 'text' as const }, { key: 'size', kind: 'int' as const }, ...Array.from({ length: periods + 4 }, (_, k) => ({ key: `m${k}`, kind: 'percent' as const }))];
    const report: Report = {
      columns,
      rows: [...rows, { cohort: 'average', size: 3000, ...Object.fromEntries(Array.from({ length: periods }, (_, k) => [`m${k}`, 0.4])) }],
      matrix: { fixed: 2, notShown: (first, last) => `not shown: ${first} to ${last}` },
    };
    const text = renderTable(report, { color: false, width: 80, display, lines: tableLines('en') });
    const lines = text.trimEnd().split('\n');
    expect(longest(text)).toBeLessThanOrEqual(80);
    // every cohort, whole, in its order, and the average
    const labels = lines.slice(3, -2).map((line) => line.split('│')[1].trim());
    expect(labels).toEqual([...rows.map((r) => r.cohort), 'average']);
    // the first periods, as many as fit, and the line names the first and last left out
    const heads = lines[1].split('│').slice(1, -1).map((h) => h.trim());
    expect(heads.slice(0, 3)).toEqual(['cohort', 'size', 'm0']);
    const shown = heads.length - 2;
    expect(heads.at(-1)).toBe(`m${shown - 1}`);
    expect(shown).toBeGreaterThanOrEqual(6);
    expect(lines.at(-1)).toBe(`not shown: m${shown} to m29`);
    // one more column would not fit
    expect(lines[0].length + 6).toBeGreaterThan(80);
    // one period left out: named alone; everything fits: no line, and the empty columns are left out unsaid
    const one = (first: string, last: string) => (first === last ? `not shown: ${first}` : `not shown: ${first} to ${last}`);
    const narrowOne = renderTable({ ...report, matrix: { fixed: 2, notShown: one } }, { color: false, width: 198 - 6, display, lines: tableLines('en') }).trimEnd().split('\n');
    expect(narrowOne.at(-1)).toBe('not shown: m29');
    // │ cohort  │ size │ then 30 periods of │ 0.5 (6 columns each) and │: 198; the four empty ones would take 24 more
    const wide = renderTable(report, { color: false, width: 198, display, lines: tableLines('en') }).trimEnd().split('\n');
    expect(wide.at(-1)).toMatch(/^└/);
    expect(wide[0].length).toBe(198);
    expect(wide[1]).toContain(' m29 ');
    expect(wide[1]).not.toContain(' m30 ');
  });

  it('a summary too wide leaves out its least important columns (pairs together), says which in column order, and keeps to the screen', () => {
    const report: Report = {
      columns: [
        { key: 'label', kind: 'text' },
        { key: 'n', kind: 'int' },
        { key: 'share_of_all_customers', short: 'cust%', kind: 'percent' },
        { key: 'low', kind: 'int' },
        { key: 'high', kind: 'int' },
        { key: 'average_value', kind: 'int' },
      ],
      rows: Array.from({ length: 20 }, (_, i) => ({ label: `group number ${i}`, n: i, share_of_all_customers: 0.05, low: 1000 + i, high: 2000 + i, average_value: 3 })),
      drop: [['low', 'high'], 'average_value', 'n'],
    };
    const full = renderTable(report, { color: false, display, lines: tableLines('en') });
    expect(full).toContain('share_of_all_customers');
    const fits = renderTable(report, { color: false, width: 62, display, lines: tableLines('en') }).split('\n');
    expect(fits[1]).toBe('│ label           │  n │ cust% │  low │ high │ average_value │');
    expect(fits.at(-2)).toMatch(/^└/);
    const narrow = renderTable(report, { color: false, width: 40, display, lines: tableLines('en') }).trimEnd().split('\n');
    expect(narrow[1]).toBe('│ label           │  n │ cust% │');
    expect(narrow.at(-1)).toBe('… 3 more columns: --format csv has them');
    const lines = { more: (n: number) => `${n} more`, periods: () => '', dropped: (names: readonly string[], more: number) => `columns left out: ${names.join(', ')}${more ? ` and ${more} more` : ''}` };
    const tight = renderTable(report, { color: false, width: 40, height: 12, display, lines }).trimEnd().split('\n');
    expect(tight.length).toBeLessThanOrEqual(12 - 1); // and a prompt
    expect(tight.slice(-2)).toEqual(['columns left out: low, high and 1 more', '15 more']);
    const few = renderTable(report, { color: false, width: 33, display, lines });
    expect(few.trimEnd().split('\n').at(-1)).toBe('columns left out: low and 2 more');
    expect(few.split('\n')[1]).toBe('│ label           │  n │ cust% │');
  });

  it('renders in time linear in the rows (work per row, not per table): 50k rows render', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ name: `customer ${i}`, n: i }));
    const text = renderTable({ columns: [{ key: 'name', kind: 'text' }, { key: 'n', kind: 'int' }], rows }, { color: false, display, lines: tableLines('en') });
    expect(text.split('\n')).toHaveLength(50_000 + 5);
  });
});

describe('a real pseudo-terminal (script from util-linux)', () => {
  const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const bin = path.join(repoRoot, 'bin', 'orderlens.js');
  const inPty = (cols: number, command: string) =>
    spawnSync('script', ['-qec', `stty cols ${cols} rows 30; ${command}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });

  it.skipIf(!haveScript)('80 columns: no line of the demo is longer than 80', () => {
    const r = inPty(80, `node "${bin}" demo`);
    expect(r.status, r.stdout).toBe(0);
    const lines = stripAnsi(r.stdout).replace(/\r/g, '').split('\n');
    expect(lines.length).toBeGreaterThan(20);
    expect(Math.max(...lines.map(textWidth))).toBeLessThanOrEqual(80);
  });

  it.skipIf(!haveScript)('0 columns: an import of 200,000 rows finishes with a few kilobytes of progress, the last frame erased', () => {
    const big = path.join(dir, 'pty-big.csv');
    writeFileSync(big, 'order_id,customer,date,amount\n' + Array.from({ length: 200_000 }, (_, i) => `p${i},c${i % 5000},2024-02-${String((i % 28) + 1).padStart(2, '0')},1.00`).join('\n') + '\n');
    const r = inPty(0, `node "${bin}" --db "${path.join(dir, 'pty.db')}" import "${big}"`);
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
    expect(r.stdout.length).toBeLessThan(1 << 20);
    // the summary line starts clean: the progress line is erased (CR, erase to end of line) just before it
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).toMatch(/\r\u001b\[K[^\r]*read 200000, inserted 200000/);
  });
});

describe('fixtures under a terminal', () => {
  it('the generic fixture prints as a table with thousands separators, and as CSV without', async () => {
    const small = path.join(tempDir(), 's.db');
    await orderlens(small, ['import', fixture('generic', 'utf8.csv'), '--currency', 'USD']);
    const io = memoryIo({ tty: true, columns: 80, rows: 40 });
    expect(await run(['--db', small, 'customers'], io)).toBe(0);
    expect(io.out()).toContain('$1,249.50');
    expect((await orderlens(small, ['customers'])).stdout).toContain('1249.50');
  });
});
