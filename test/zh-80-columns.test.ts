/**
 * Issue 22's "Done when" on a Chinese seller's terminal: `orderlens demo` (and the reports whose lines are the
 * widest) under LANG=zh_CN.UTF-8 in 80 columns: every line fits, tables line up by terminal width (CJK
 * characters take two columns), no line is cut where a whole sentence was meant, no line ends on an opening
 * bracket or starts with closing punctuation; and the demo's CSV is byte for byte the same in both languages.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { fixture, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-zh80-');
const db = path.join(dir, 'shop.db');

async function term(lang: string, argv: string[], tty = true): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty, columns: 80, rows: 60 });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** What is wrong with the lines of a terminal text: too wide, a bracket left open at a line end, a table out of line. */
function layoutProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (textWidth(line) > 80) problems.push(`wider than 80: ${line}`);
    if (/[（「『【《“]$/.test(line)) problems.push(`an opening bracket at the end: ${line}`);
    if (/^ {2}[，。；：、）」』】》！？”]/.test(line) && i > 0) problems.push(`closing punctuation first: ${line}`);
  });
  // a table's lines (from its top border to its bottom one) are all as wide as its border
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('┌')) continue;
    const width = textWidth(lines[i]);
    for (let j = i + 1; j < lines.length && !lines[j - 1].startsWith('└'); j++) {
      if (textWidth(lines[j]) !== width) problems.push(`out of line (${textWidth(lines[j])} ≠ ${width}): ${lines[j]}`);
    }
  }
  return problems;
}

describe('Chinese at 80 columns', () => {
  beforeAll(async () => {
    const io = memoryIo();
    expect(await run(['--db', db, 'import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')], io), io.err()).toBe(0);
  }, 120_000);

  it.each([['month', '月'], ['quarter', '季'], ['week', '周']])('cohorts --period %s: every cohort, the first periods, and the footer naming the rest fits, whole', async (period, unit) => {
    const r = await term('zh_CN.UTF-8', ['--db', db, 'cohorts', '--period', period]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    const heads = lines[1].split('│').slice(1, -1).map((h) => h.trim());
    const shown = heads.length - 2;
    expect(heads.slice(0, 3)).toEqual(['同期群', '新客', `第0${unit}`]);
    // a range, or one period alone (quarters: 第7季)
    expect(lines.at(-1)).toMatch(new RegExp(`^… 未显示：第${shown}${unit}(?: 至 第\\d+${unit})?（请加宽终端，或用 --long、--format csv）$`));
    // every cohort of the CSV, in its order (the CSV a locale alone asks for keeps `average`, the table says 平均)
    const csv = await term('zh_CN.UTF-8', ['--db', db, 'cohorts', '--period', period, '--format', 'csv'], false);
    const labels = lines.slice(3, -2).map((line) => line.split('│')[1].trim());
    expect(labels.at(-1)).toBe('平均');
    expect(labels).toEqual(csv.out.trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]).map((x) => (x === 'average' ? '平均' : x)));
    expect(layoutProblems(`${r.out}\n${r.err}`)).toEqual([]);
  });

  it.each([['zh_CN.UTF-8'], ['en_US.UTF-8']])('orderlens demo under %s: every line fits, tables line up', async (lang) => {
    const r = await term(lang, ['demo']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(lang.startsWith('zh') ? '数据库概况' : 'Database summary');
    expect(layoutProblems(r.out)).toEqual([]);
    expect(layoutProblems(r.err)).toEqual([]);
  }, 120_000);

  it('orderlens demo --format csv: the same bytes under either language', async () => {
    const zh = await term('zh_CN.UTF-8', ['demo', '--format', 'csv'], false);
    const en = await term('en_US.UTF-8', ['demo', '--format', 'csv'], false);
    expect([zh.code, en.code]).toEqual([0, 0]);
    expect(zh.out.length).toBeGreaterThan(1000);
    expect(zh.out).toBe(en.out);
  }, 120_000);

  it('the layout check can fail', () => {
    expect(layoutProblems('┌──┐\n│ 数据 │\n└──┘')).toHaveLength(1);
    expect(layoutProblems('说明（\n  ）')).toHaveLength(2);
  });
});
