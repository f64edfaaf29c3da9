/**
 * Every command's table on 60- and 40-column terminals, in English and Chinese, over a store of two shops: no
 * header is ever cut (a header cut to `model…` or `cumula…` is a wrong reading). A table too wide shows short
 * headers and fewer columns, with one line naming the rest (or, when not even a name fits, how many); a report
 * that cannot keep two columns shows one field per line, its names whole. No line is wider than the terminal.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { fixture, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-narrow-');
const db = path.join(dir, 'two-shops.db');
const demo = [fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')];
const SHOPS = ['明日图书旗舰店', 'maison-maria'];

async function term(argv: string[], lang: 'en' | 'zh', columns: number): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8', NO_COLOR: '1' }, tty: true, columns, rows: 50 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** Lines wider than the terminal, table lines out of line, a cut header, a cut name in a record, a cut last line. */
function narrowProblems(text: string, width: number): string[] {
  const out: string[] = [];
  const lines = text.trimEnd().split('\n');
  let border = 0;
  let header = false;
  for (const line of lines) {
    if (textWidth(line) > width) out.push(`wider than ${width}: ${line}`);
    if (line.startsWith('┌')) {
      border = textWidth(line);
      header = true;
      continue;
    }
    if (/^[│├└]/.test(line) && textWidth(line) !== border) out.push(`out of line: ${line}`);
    if (header && line.startsWith('│') && line.includes('…')) out.push(`a cut header: ${line}`);
    header = false;
    // a record: `name │ value`
    if (/^[^│─┌├└]+ │ /.test(line) && line.split(' │ ')[0].includes('…')) out.push(`a cut name: ${line}`);
    if (/^… /.test(line) && line.endsWith('…')) out.push(`a cut line: ${line}`);
  }
  if (!/^(┌|─\[ 1 \])/m.test(text)) out.push('no table');
  return out;
}

const COMMANDS: string[][] = [
  ['rfm'],
  ['rfm', '--show-edges'],
  ['rfm', '--by', 'customer'],
  ['churn'],
  ['churn', '--model'],
  ...['shop', 'cohort', 'frequency', 'segment'].map((by) => ['churn', '--by', by, '--model']),
  ['churn', '--by', 'customer', '--model'],
  ['pareto'],
  ['segments'],
  ['customers'],
  ['cohorts'],
  ['cohorts', '--by', 'shop'],
  ['cohorts', '--long'],
  ['cohorts', '--long', '--by', 'shop'],
  ['ltv'],
  ['ltv', '--by', 'cohort'],
  ['ltv', '--params'],
  ['ltv', '--method', 'simple', '--lifetime', '3y'],
  ['info'],
  ['platforms'],
  ['trend'],
  ['snapshots'],
  ['selftest'],
];

describe('every table at 60 and 40 columns, two shops, en and zh', () => {
  beforeAll(async () => {
    for (const shop of SHOPS) expect(await run(['--db', db, 'import', ...demo, '--shop', shop], memoryIo())).toBe(0);
    for (const day of ['2025-12-01', '2026-01-01']) expect(await run(['--db', db, 'snapshot', '--as-of', day, '--model', 'none'], memoryIo())).toBe(0);
  }, 240_000);

  it.each(COMMANDS.map((argv) => [argv.join(' '), argv]))('%s: fits, lines up, no header or name cut', async (_name, argv) => {
    for (const width of [60, 40])
      for (const lang of ['en', 'zh'] as const) {
        const r = await term(argv, lang, width);
        expect(r.code, r.err).toBe(0);
        expect(narrowProblems(r.out, width), `${width} ${lang}:\n${r.out}`).toEqual([]);
      }
  }, 120_000);

  it('rfm at 60: short headers whole, the columns left out counted in one line', async () => {
    const r = await term(['rfm'], 'en', 60);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ segment +│ customers │ +revenue │ +rev% │$/);
    expect(lines.at(-1)).toBe('… 6 more columns: --format csv has them');
  });

  it('pareto at 60 keeps both shares, leaving out the counts and the Gini (said in its note)', async () => {
    const r = await term(['pareto'], 'en', 60);
    expect(r.out.split('\n')[1]).toMatch(/^│ group +│ +cust% │ +revenue │ +rev% │$/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… not shown: customers, gini (--format csv has them)');
    expect(r.err).toMatch(/Gini \d\.\d{3}/);
  });

  it('churn --by shop at 50 keeps how many customers each rate is of, leaving out the revenue at risk before them', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const lines = (await term(['churn', '--by', 'shop'], lang, 50)).out.trimEnd().split('\n');
      expect(lines[1]).toMatch(lang === 'en' ? /^│ shop +│ customers │ churn% │$/ : /^│ 店铺 +│ 客户数 │ 流失率 │$/);
    }
  });

  it('rfm --by customer at 36 keeps each customer\'s segment over the numbers behind it', async () => {
    const lines = (await term(['rfm', '--by', 'customer'], 'en', 36)).out.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ customer +│ segment +│$/);
  });

  it('info at 40 breaks no word a column can hold whole (customers, discounts, a day, an amount)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await term(['info'], lang, 40);
      const words = new Set(r.out.split('\n').flatMap((l) => l.split('│').flatMap((c) => c.trim().split(' '))));
      const csv = (await term(['info', '--format', 'csv', ...(lang === 'zh' ? ['--lang', 'zh'] : [])], lang, 40)).out;
      // every word of the items and values that a 12-column cell can hold, and no path or code (broken after / and _)
      const wanted = parseCsvRows(csv).flatMap((row) => Object.values(row).slice(1)).flatMap((c) => c.split(' '))
        .filter((w) => w !== '' && textWidth(w) <= 12 && !/[/_\p{Script=Han}]/u.test(w) && !/^\d+(\.\d+)?$/.test(w));
      expect(wanted.length).toBeGreaterThan(10);
      for (const w of wanted) expect(words, `${lang}: ${w}`).toContain(w);
    }
  });

  it('the check can fail: a cut header, a cut name, a cut last line', () => {
    expect(narrowProblems('┌──────┐\n│ mod… │\n└──────┘', 40)).toEqual(['a cut header: │ mod… │']);
    expect(narrowProblems('─[ 1 ]──\ncumulative… │ 1', 40)).toEqual(['a cut name: cumulative… │ 1']);
    expect(narrowProblems('┌─┐\n│1│\n└─┘\n… not shown: a (--format csv has t…', 40)).toEqual(['a cut line: … not shown: a (--format csv has t…']);
  });
});
