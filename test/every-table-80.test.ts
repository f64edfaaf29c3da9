/**
 * Every command's table on an 80-column terminal, in English and Chinese, over a store of two shops (one with a
 * Chinese name, so a label is 22 columns wide): a table that fits, lines up, and cuts no header and no label
 * (a header cut to `model…` or a shop cut to `generic/明日图书旗…` is a wrong reading); what does not fit is left
 * out and named, or (cohort matrices) the periods left out are named.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { fixture, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-every80-');
const db = path.join(dir, 'two-shops.db');
const demo = [fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')];
const SHOPS = ['明日图书旗舰店', 'maison-maria'];

async function term(argv: string[], lang: 'en' | 'zh'): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8', NO_COLOR: '1' }, tty: true, columns: 80, rows: 50 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** Lines wider than 80, table lines out of line with their border, a record view, a cut header or cell. */
function tableProblems(text: string): string[] {
  const out: string[] = [];
  let border = 0;
  for (const line of text.trimEnd().split('\n')) {
    if (textWidth(line) > 80) out.push(`wider than 80: ${line}`);
    if (line.startsWith('┌')) border = textWidth(line);
    else if (/^[│├└]/.test(line) && textWidth(line) !== border) out.push(`out of line: ${line}`);
    if (/^─\[ \d+ \]/.test(line)) out.push(`a record view: ${line}`);
    if (/^│.*…/.test(line)) out.push(`cut: ${line}`);
  }
  if (!/^┌/m.test(text)) out.push('no table');
  return out;
}

/** Every command that prints a table of groups, periods or measures (per-customer tables: customer-tables-80). */
const COMMANDS: string[][] = [
  ['rfm'],
  ['rfm', '--show-edges'],
  ['churn'],
  ['churn', '--model'],
  ...['shop', 'platform', 'cohort', 'frequency', 'segment'].flatMap((by) => [['churn', '--by', by], ['churn', '--by', by, '--model']]),
  ['pareto'],
  ['segments'],
  ['cohorts'],
  ['cohorts', '--by', 'shop'],
  ['cohorts', '--period', 'week', '--by', 'shop'],
  ['cohorts', '--metric', 'ltv', '--by', 'shop'],
  ['cohorts', '--long'],
  ['cohorts', '--long', '--by', 'shop'],
  ['ltv'],
  ['ltv', '--by', 'cohort'],
  ['ltv', '--params'],
  ['ltv', '--holdout', '2025-06-30'],
  ['ltv', '--method', 'simple', '--lifetime', '3y'],
  ['ltv', '--what-if', 'retention+5%'],
  ['info'],
  ['platforms'],
  ['trend'],
  ['snapshots'],
  ['migration'],
  ['selftest'],
];

describe('every table at 80 columns, two shops, en and zh', () => {
  beforeAll(async () => {
    for (const shop of SHOPS) expect(await run(['--db', db, 'import', ...demo, '--shop', shop], memoryIo())).toBe(0);
    for (const day of ['2025-12-01', '2026-01-01']) expect(await run(['--db', db, 'snapshot', '--as-of', day, '--model', 'none'], memoryIo())).toBe(0);
  }, 240_000);

  it.each(COMMANDS.map((argv) => [argv.join(' '), argv]))('%s: fits, lines up, no header or label cut', async (_name, argv) => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await term(argv, lang);
      expect(r.code, r.err).toBe(0);
      expect(tableProblems(r.out), `${lang}:\n${r.out}`).toEqual([]);
    }
  }, 120_000);

  it('churn --by shop --model keeps the shop whole and the customers and both rates (short headers), leaving out the counts', async () => {
    const r = await term(['churn', '--by', 'shop', '--model'], 'en');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ shop +│ customers │ churn% │ rev_at_risk │ model_churn% │$/);
    expect(r.out).toContain('│ generic/明日图书旗舰店 │');
    expect(lines.at(-1)).toBe('… not shown: churned, at_risk, model_churned (--format csv has them)');
  });

  it('cohorts --long --by shop keeps each shop whole, a measure is left out instead', async () => {
    const r = await term(['cohorts', '--long', '--by', 'shop'], 'en');
    expect(r.out).toContain('│ generic/明日图书旗舰店 │ 2024-01 │');
    expect(r.out.split('\n')[1]).toMatch(/^│ group +│ cohort +│ period │ active │ retention │ +cum\/cust │$/);
  });

  it('the check can fail: a cut header, a cut label, a record view', () => {
    expect(tableProblems('┌──────┐\n│ mod… │\n└──────┘')).toHaveLength(1);
    expect(tableProblems('─[ 1 ]──\nshop │ a')).toEqual(['a record view: ─[ 1 ]──', 'no table']);
  });
});
