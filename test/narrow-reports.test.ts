/**
 * The reports that are not per customer, on an 80-column terminal (en and zh): info, platforms, selftest,
 * snapshots, trend and the migration matrix stay tables that fit (long text wrapped, never cut; the least
 * important columns left out and named; a matrix too wide as the list of its cells), and their CSV is as before.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-narrow-');
const db = path.join(dir, 'shop.db');

async function term(argv: string[], columns = 80, lang = 'en_US.UTF-8') {
  const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty: true, columns, rows: 60 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** Lines wider than the terminal, table lines out of line with their border, a record view, a cut cell. */
function problems(text: string, width: number): string[] {
  const out: string[] = [];
  const lines = text.trimEnd().split('\n');
  let border = 0;
  for (const line of lines) {
    if (textWidth(line) > width) out.push(`wider than ${width}: ${line}`);
    if (line.startsWith('┌')) border = textWidth(line);
    else if (/^[│├└]/.test(line) && textWidth(line) !== border) out.push(`out of line: ${line}`);
    if (/^─\[ \d+ \]/.test(line)) out.push(`a record view: ${line}`);
    if (/^│.*…/.test(line)) out.push(`a cut cell: ${line}`);
  }
  return out;
}

describe('summaries on 80 columns', () => {
  beforeAll(async () => {
    expect((await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')])).code).toBe(0);
    const snap = await orderlens(db, ['snapshot', '--every', 'month', '--since', '2025-09-01', '--model', 'none']);
    expect(snap.code, snap.stderr).toBe(0);
  }, 240_000);

  const commands = [['info'], ['platforms'], ['selftest'], ['snapshots'], ['trend'], ['migration']];
  it.each(commands)('%s: a table that fits 80 columns, in English and Chinese, every cell whole', async (...argv) => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await term(argv, 80, lang);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^┌/);
      expect(problems(r.out, 80), `${argv.join(' ')} ${lang}`).toEqual([]);
    }
  }, 120_000);

  it('info wraps its long values (the assumed currency, the import lines) instead of cutting them', async () => {
    const r = await term(['info']);
    const text = r.out.replace(/[│ ]+/g, ' ');
    expect(text).toContain('(nothing in the files named');
    expect(text).toMatch(/shop-orders-2025\.csv/);
    expect(text).toMatch(/stale 14,/);
  });

  it('platforms keeps the files and the buyer column and names what it leaves out; CSV has every column', async () => {
    const r = await term(['platforms']);
    expect(r.out).toMatch(/│ platform +│ files +│ buyer_identity +│/);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^… not shown: detected_as, .*\(--format csv has them\)$/);
    const wide = await term(['platforms'], 160);
    expect(wide.out).toMatch(/│ shop_from +│/);
    const csv = (await orderlens(db, ['platforms'])).stdout;
    expect(csv.split('\n')[0]).toBe('platform,detected_as,files,buyer_identity,shop_from,default_tz,default_currency');
  });

  it('selftest shows counts as counts and leaves the sources out (named)', async () => {
    const r = await term(['selftest']);
    expect(r.out).toMatch(/│ CDNOW +│ customers +│ +2,357 │ +2,357 │ +0 │ PASS +│/);
    expect(r.out).toMatch(/│ +0\.2430 │ +0\.2426 │ 0\.0005 │/);
    expect(r.out).toContain('… not shown: source');
    const csv = parseCsvRows((await orderlens(db, ['selftest'])).stdout);
    expect(csv[0]).toMatchObject({ quantity: 'customers', expected: '2357', computed: '2357', tolerance: '0' });
  });

  it('migration: the matrix too wide for 80 columns is the list of its cells, which add up to the matrix', async () => {
    const r = await term(['migration']);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… one row per cell: the matrix is too wide for the terminal; --format csv has it');
    const zh = await term(['migration'], 80, 'zh_CN.UTF-8');
    expect(zh.out.trimEnd().split('\n').at(-1)).toBe('… 每个格子一行：矩阵比终端宽；完整矩阵请用 --format csv');
    const listed = r.out.split('\n').filter((l) => /^│ /.test(l) && !l.includes('from_segment')).map((l) => l.split('│').map((c) => c.trim()));
    const matrix = parseCsvRows((await orderlens(db, ['migration'])).stdout);
    const total = matrix.find((x) => x.from_segment === 'total')!;
    expect(listed.reduce((s, c) => s + Number(c[3]), 0)).toBe(Number(total.total));
    const champions = matrix.find((x) => x.from_segment === 'Champions')!;
    const fromChampions = listed.filter((c) => c[1] === 'Champions');
    expect(fromChampions.reduce((s, c) => s + Number(c[3]), 0)).toBe(Number(champions.total));
    expect(fromChampions.find((c) => c[2] === 'Champions')?.[3]).toBe(champions.champions);
    // a wide terminal keeps the matrix
    expect((await term(['migration'], 250)).out).toMatch(/│ from_segment +│ champions +│/);
  });
});
