// Tables on a terminal: as wide as the terminal, cut with …, one field per line when too wide, the rows that
// fit plus one line; --limit and --sort in every format; --quiet; a real 80-column pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { renderTable, textWidth, cutText } from '../src/output/table.js';
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
    for (const argv of [['customers'], ['rfm'], ['rfm', '--by', 'customer'], ['pareto'], ['pareto', '--by', 'customer'], ['churn'], ['churn', '--by', 'customer'], ['segments'], ['cohorts'], ['info'], ['ltv']]) {
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

  it('too wide for the terminal: one field per line', async () => {
    const r = await onTerminal(['rfm'], 40);
    expect(r.stdout).toMatch(/^─\[ 1 \]/);
    expect(r.stdout).toMatch(/\nsegment +│ /);
    expect(longest(r.stdout)).toBeLessThanOrEqual(40);
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

describe('renderTable', () => {
  const display = (_c: unknown, v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

  it('measures Chinese text as two columns and cuts it whole', () => {
    expect(textWidth('张三abc')).toBe(7);
    expect(cutText('张三李四', 5)).toBe('张三…');
    expect(textWidth(cutText('张三李四', 5))).toBe(5);
    const report: Report = { columns: [{ key: 'name', zh: '姓名', kind: 'text' }, { key: 'n', kind: 'int' }], rows: [{ name: '一二三四五六七八九十一二三四五', n: 1 }] };
    const text = renderTable(report, { color: false, lang: 'zh', width: 24, display });
    expect(longest(text)).toBeLessThanOrEqual(24);
    expect(text).toContain('…');
  });

  it('a cohort matrix too wide shows the most recent cohorts and the periods that fit, and says so', () => {
    const periods = 30;
    const rows = Array.from({ length: periods }, (_, i) => ({
      cohort: `2024-${String(i + 1).padStart(2, '0')}`,
      size: 100,
      ...Object.fromEntries(Array.from({ length: periods - i }, (_, k) => [`m${k}`, 0.5])),
    }));
    const report: Report = {
      columns: [{ key: 'cohort', kind: 'text' }, { key: 'size', kind: 'int' }, ...Array.from({ length: periods }, (_, k) => ({ key: `m${k}`, kind: 'percent' as const }))],
      rows: [...rows, { cohort: 'average', size: 3000, ...Object.fromEntries(Array.from({ length: periods }, (_, k) => [`m${k}`, 0.4])) }],
      matrix: { fixed: 2, rowNoun: 'monthly cohorts', always: (r) => r.cohort === 'average' },
    };
    const text = renderTable(report, { color: false, width: 80, display });
    expect(longest(text)).toBeLessThanOrEqual(80);
    const last = text.trimEnd().split('\n').at(-1)!;
    const m = /^… (\d+) of 30 periods fit: (\d+) newest of 30 monthly cohorts; --format csv for all$/.exec(last);
    expect(m, last).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    expect(text).toContain('2024-30');
    expect(text).not.toContain('2024-01');
    expect(text).toContain('average');
  });

  it('renders in time linear in the rows (work per row, not per table): 50k rows render', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ name: `customer ${i}`, n: i }));
    const text = renderTable({ columns: [{ key: 'name', kind: 'text' }, { key: 'n', kind: 'int' }], rows }, { color: false, display });
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
