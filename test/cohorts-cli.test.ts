/**
 * `orderlens cohorts` end to end on two small shops (test/fixtures/retention-*.csv), as of 2024-07-01.
 * Hand-computed expectations next to the golden files (test/golden/cohorts-*.csv).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { repoRoot } from './shared-data.js';
import { render } from '../src/output/render.js';
import { tableLines } from '../src/report/table-lines.js';
import type { Report } from '../src/output/report.js';

const dir = tempDir();
const db = path.join(dir, 'cohorts.db');
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', name);
const AS_OF = ['--as-of', '2024-07-01'];
/** An ANSI background colour: 16 colours (40–47, 100–107) or 256/true colour (48;…). */
const BACKGROUNDS = [40, 41, 42, 43, 44, 45, 46, 47, 100, 101, 102, 103, 104, 105, 106, 107].map((n) => `\u001b[${n}m`).concat('\u001b[48;');
const hasBackground = (text: string) => BACKGROUNDS.some((code) => text.includes(code));

beforeAll(async () => {
  for (const shop of ['north', 'south']) {
    const r = await orderlens(db, ['import', fixture(`retention-${shop}.csv`), '--shop', shop, '--currency', 'CNY']);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('orderlens cohorts', () => {
  it('monthly retention matrix with a size-weighted average row (golden)', async () => {
    const r = await orderlens(db, ['cohorts', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('14 customers in 6 monthly cohorts; orders before 2024-07-01 count');
    expect(r.stderr).not.toContain('partial');
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => [x.cohort, x.cohort_size])).toEqual([
      ['2024-01', '4'], // C01, C02, C03, S01
      ['2024-02', '3'], // C04, C05, S02
      ['2024-03', '2'], // C06 (its cancelled 03-01 order does not count), S03
      ['2024-04', '2'], // C07, S04
      ['2024-05', '1'], // C08 (S05's only order was cancelled)
      ['2024-06', '2'], // C09, S06
      ['average', '14'],
    ]);
    const cells = (i: number) => [0, 1, 2, 3, 4, 5].map((k) => rows[i][`month_${k}`]);
    expect(cells(0)).toEqual(['1', '0.25', '0.5', '0.5', '0.25', '0.5']);
    expect(cells(1)).toEqual(['1', '0.666667', '0.333333', '0.333333', '0', '']);
    expect(cells(5)).toEqual(['1', '', '', '', '', '']);
    // month 1: 5 of the 12 customers of the Jan–May cohorts came back.
    expect(Number(rows[6].month_1)).toBeCloseTo(5 / 12, 6);
    expectGolden('cohorts-retention.csv', r.stdout);
  });

  it('--long: one row per cohort and period, blank beyond as-of (golden)', async () => {
    const r = await orderlens(db, ['cohorts', ...AS_OF, '--long']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('cohort,period,customers,cohort_size,retention,revenue,orders,cumulative_revenue_per_customer');
    expect(r.stderr).not.toContain("'average' row"); // the long layout has no average rows
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(6 * 6);
    expect(rows[0]).toEqual({ cohort: '2024-01', period: '0', customers: '4', cohort_size: '4', retention: '1', revenue: '725.00', orders: '5', cumulative_revenue_per_customer: '181.25' });
    expect(rows.find((x) => x.cohort === '2024-05' && x.period === '2')).toEqual({
      cohort: '2024-05', period: '2', customers: '', cohort_size: '1', retention: '', revenue: '', orders: '', cumulative_revenue_per_customer: '',
    });
    expectGolden('cohorts-long.csv', r.stdout);
  });

  it('--metric ltv --by shop (golden)', async () => {
    const r = await orderlens(db, ['cohorts', ...AS_OF, '--metric', 'ltv', '--by', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    const south = rows.filter((x) => x.group === 'generic/south');
    expect(south.map((x) => x.cohort)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-06', 'average']);
    // S01: ¥210 in January, ¥180 in April, ¥190 in June.
    expect([0, 1, 2, 3, 4, 5].map((k) => south[0][`month_${k}`])).toEqual(['210.00', '210.00', '210.00', '390.00', '390.00', '580.00']);
    expect(rows.reduce((s, x) => s + (x.cohort === 'average' ? Number(x.cohort_size) : 0), 0)).toBe(14);
    expectGolden('cohorts-ltv-by-shop.csv', r.stdout);
  });

  it('--by segment splits by the segments of `orderlens rfm` as of the same day', async () => {
    const r = await orderlens(db, ['cohorts', ...AS_OF, '--by', 'segment', '--metric', 'customers']);
    expect(r.code, r.stderr).toBe(0);
    const sizes = new Map<string, number>();
    for (const x of parseCsvRows(r.stdout)) if (x.cohort !== 'average') sizes.set(x.group, (sizes.get(x.group) ?? 0) + Number(x.cohort_size));
    const rfm = parseCsvRows((await orderlens(db, ['rfm', ...AS_OF, '--by', 'customer'])).stdout);
    const expected = new Map<string, number>();
    for (const x of rfm) expected.set(x.segment, (expected.get(x.segment) ?? 0) + 1);
    expect(rfm).toHaveLength(14);
    expect(Object.fromEntries(sizes)).toEqual(Object.fromEntries(expected));
  });

  it('quarterly revenue and weekly customers', async () => {
    const q = await orderlens(db, ['cohorts', ...AS_OF, '--period', 'quarter', '--metric', 'revenue']);
    expect(q.code, q.stderr).toBe(0);
    const rows = parseCsvRows(q.stdout);
    expect(rows.map((x) => [x.cohort, x.cohort_size, x.quarter_0, x.quarter_1])).toEqual([
      ['2024-Q1', '9', '2010.40', '845.00'], // Q2: C01 ¥245, C04 ¥70, C05 ¥160, S01 ¥370
      ['2024-Q2', '5', '1109.00', ''], // C07 ¥500, S04 ¥275, C08 ¥135, C09 ¥99, S06 ¥100
      ['average', '14', '1688.47', '845.00'], // (9 × 2010.40 + 5 × 1109) / 14
    ]);
    const w = await orderlens(db, ['cohorts', '--as-of', '2024-01-29', '--period', 'week', '--metric', 'customers']);
    expect(w.code, w.stderr).toBe(0);
    expect(parseCsvRows(w.stdout).map((x) => [x.cohort, x.cohort_size, x.week_0, x.week_1, x.week_2, x.week_3])).toEqual([
      ['2024-W01', '1', '1', '0', '0', '0'],
      ['2024-W02', '1', '1', '0', '0', ''],
      ['2024-W03', '1', '1', '0', '', ''],
      ['2024-W04', '1', '1', '', '', ''],
      ['average', '4', '1', '0', '0', '0'],
    ]);
  });

  it('--since/--until restrict acquisition; later orders still count', async () => {
    const r = await orderlens(db, ['cohorts', ...AS_OF, '--since', '2024-02-01', '--until', '2024-03-31', '--metric', 'customers']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.cohort)).toEqual(['2024-02', '2024-03', 'average']);
    expect([0, 1, 2, 3, 4].map((k) => rows[0][`month_${k}`])).toEqual(['3', '2', '1', '1', '0']);
    const partial = await orderlens(db, ['cohorts', '--as-of', '2024-06-15']);
    expect(partial.stderr).toContain('the last column is a partial month: it runs to 2024-06-14');
  });

  it('shades the matrix in the table view, and stays readable without colour', async () => {
    const tty = memoryIo({ tty: true });
    expect(await run(['--db', db, 'cohorts', ...AS_OF, '--format', 'table'], tty)).toBe(0);
    expect(hasBackground(tty.out())).toBe(true);
    const plain = await orderlens(db, ['cohorts', ...AS_OF, '--format', 'table'], { NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toContain('66.7%');
    expect(plain.stdout).toMatch(/│ 2024-06 +│ +2 │ +100\.0% │ +│/);
  });

  it('puts columns that name the same heat scale on one scale', () => {
    const report: Report = {
      columns: [
        { key: 'a', kind: 'int', heat: 'm' },
        { key: 'b', kind: 'int', heat: 'm' },
      ],
      rows: [
        { a: 0, b: 10 },
        { a: 1, b: 10 },
      ],
    };
    // On its own, column b (all 10) has no range and stays plain; on the shared 0..10 scale it is the darkest.
    const own = render({ ...report, columns: report.columns.map((c) => ({ ...c, heat: true })) }, { format: 'table', color: true, lines: tableLines('en') });
    const shared = render(report, { format: 'table', color: true, lines: tableLines('en') });
    const cellB = (table: string) => table.split('\n')[3].split('│')[2];
    expect(hasBackground(cellB(own))).toBe(false);
    expect(hasBackground(cellB(shared))).toBe(true);
  });

  it('rejects bad flags with exit 2', async () => {
    expect((await orderlens(db, ['cohorts', '--period', 'fortnight'])).code).toBe(2);
    expect((await orderlens(db, ['cohorts', '--metric', 'profit'])).code).toBe(2);
    expect((await orderlens(db, ['cohorts', '--by', 'city'])).code).toBe(2);
    const r = await orderlens(db, ['cohorts', '--since', '2024-03-01', '--until', '2024-02-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('orderlens: error: --since is after --until\n'); // the old spelling still works
  });
});
