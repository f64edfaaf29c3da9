/**
 * The end of every command's help, after its options: the text from the catalogue (help.after.*, in
 * src/report/help-after-messages.ts) and the `Examples:` block (src/cli/help-examples.ts), in English and, under a
 * Chinese locale, in Chinese (`示例：`, Chinese marketplace files and shops): every flag an example types is one
 * the command has, both languages give at least two, and the Chinese fits 80 columns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { HELP_EXAMPLES, examplesBlock } from '../src/cli/help-examples.js';
import { afterText, wrapChinese } from '../src/cli/help-lang.js';
import { MESSAGES } from '../src/report/messages.js';
import { memoryIo } from '../src/cli/io.js';
import { buildProgram, run } from '../src/cli/main.js';
import { textWidth } from '../src/output/table.js';
import { ADAPTERS } from '../src/import/platforms/registry.js';
import { repoRoot } from './shared-data.js';

const program = await buildProgram(memoryIo({ env: {} }));

function find(path: string): Command | undefined {
  let cmd: Command | undefined = program;
  for (const name of path.split(' ')) cmd = cmd?.commands.find((c) => c.name() === name);
  return cmd;
}

/** The command an example line runs (`campaign split`) and the flags it types, before its `# note`, outside quotes and pipes. */
function parse(line: string): { cmd: Command | undefined; flags: string[] } {
  const typed = line.replace(/\s+# .*$/, '').replace(/"[^"]*"/g, 'Q').split(/\s[|>]\s/)[0];
  const tokens = typed.split(/\s+/).slice(1);
  let cmd: Command | undefined = program;
  let i = 0;
  while (i < tokens.length && tokens[i].startsWith('--')) i += tokens[i] === '--db' ? 2 : 1; // global options first
  for (; i < tokens.length && !tokens[i].startsWith('-'); i++) {
    const sub: Command | undefined = cmd?.commands.find((c) => c.name() === tokens[i]);
    if (!sub) break;
    cmd = sub;
  }
  return { cmd, flags: tokens.filter((t) => t.startsWith('--')).map((t) => t.replace(/=.*$/, '')) };
}

function known(cmd: Command): Set<string> {
  const longs = new Set<string>(['--help']);
  for (let c: Command | null = cmd; c !== null; c = c.parent) for (const o of c.options) if (o.long) longs.add(o.long);
  return longs;
}

const HAN = /\p{Script=Han}/u;

describe('help examples', () => {
  const paths = Object.keys(HELP_EXAMPLES);

  it.each(paths)('%s: two or more in each language, every flag one the command has', (path) => {
    const cmd = find(path);
    expect(cmd, `no command ${path}`).toBeDefined();
    for (const lang of ['en', 'zh'] as const) {
      const lines = HELP_EXAMPLES[path][lang];
      expect(lines.length, lang).toBeGreaterThanOrEqual(2);
      expect(lines.some((l) => parse(l).cmd === cmd || parse(l).cmd?.parent === cmd), `${lang}: an example of ${path}`).toBe(true);
      for (const line of lines) {
        expect(line.startsWith('orderlens '), line).toBe(true);
        const { cmd: runs, flags } = parse(line);
        expect(runs, line).toBeDefined();
        expect(runs, `${line}: names a command`).not.toBe(program);
        for (const f of flags) expect(known(runs!).has(f), `${line}: ${f}`).toBe(true);
      }
    }
    expect(HELP_EXAMPLES[path].zh.some((l) => HAN.test(l)), 'a Chinese note, file or shop').toBe(true);
    for (const lang of ['en', 'zh'] as const) for (const line of examplesBlock(path, lang)!.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('an English example too long for 80 columns goes on as a shell reads it: ` \\` outside quotes, inside them a new line', () => {
    const block = examplesBlock('migration', 'en')!;
    expect(block).toContain('\n  orderlens migration --by customer --from-segment Champions \\\n      --to-segment "At risk" --out slipping.csv');
    expect(examplesBlock('sql-plan', 'en')).toContain('--table orders.parquet \\\n      | duckdb -csv > customers.csv');
    // joined again as the shell joins them, the lines are the example as written
    for (const [path, examples] of Object.entries(HELP_EXAMPLES)) {
      const typed = examplesBlock(path, 'en', 80)!.replace(/ \\\n {6}/g, ' ').replace(/\n {6}/g, ' ').split('\n').slice(2);
      const commands = typed.filter((l) => !l.startsWith('  # ')).map((l) => l.trim().replace(/ +# .*$/, ''));
      expect(commands, path).toEqual(examples.en.map((e) => e.replace(/\s+# .*$/, '')));
    }
  });

  it('every --platform an example (help or README) types names a platform import stores (taobao, not tmall)', () => {
    const ids = new Set(['auto', ...ADAPTERS.map((a) => a.id)]);
    const readmes = ['README.md', 'README.zh-CN.md'].map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n');
    const lines = [...Object.values(HELP_EXAMPLES).flatMap((e) => [...e.en, ...e.zh]), ...readmes.split('\n').filter((l) => /^\$? ?orderlens /.test(l.trim()))];
    const named = lines.flatMap((l) => [...l.matchAll(/--platform[ =]([A-Za-z0-9_-]+)/g)].map((m) => [l, m[1]] as const));
    expect(named.length).toBeGreaterThan(2);
    for (const [line, name] of named) expect(ids.has(name), line).toBe(true);
  });

  it('the check finds the command and a flag it does not have', () => {
    expect(parse('orderlens import x.csv --shop a --bogus  # --note')).toEqual({ cmd: find('import'), flags: ['--shop', '--bogus'] });
    expect(known(find('import')!).has('--bogus')).toBe(false);
    expect(parse('orderlens --db a.db campaign report x --window 30d | duckdb --csv').cmd).toBe(find('campaign report'));
    expect(parse('orderlens sql "SELECT 1 --x" --format json').flags).toEqual(['--format']);
  });

  it('every command has examples in both languages', () => {
    const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
    const missing = program.commands.filter((c) => c.name() !== 'help' && !HELP_EXAMPLES[c.name()]).map((c) => c.name());
    expect(missing).toEqual([]);
    expect(all(program).length).toBeGreaterThan(20);
  });

  it('aligns notes, and puts a note that does not fit above its line', () => {
    expect(examplesBlock('info', 'zh')).toBe('\n示例：\n  orderlens info  # 订单、客户、日期、收入一览\n  orderlens info --format json --out 概况.json');
    expect(examplesBlock('import', 'zh', 60)).toContain('  # 淘宝/天猫的订单报表\n  orderlens import ExportOrderList*.csv --shop 天猫旗舰店');
  });

  it('prints 示例： under a Chinese locale and Examples: otherwise', async () => {
    const help = async (env: Record<string, string>) => {
      const io = memoryIo({ env: { COLUMNS: '80', ...env } });
      expect(await run(['import', '--help'], io)).toBe(0);
      return io.out();
    };
    const zh = await help({ LANG: 'zh_CN.UTF-8' });
    expect(zh).toContain('\n示例：\n  orderlens import ExportOrderList*.csv --shop 天猫旗舰店');
    expect(zh).not.toContain('Examples:');
    const en = await help({ LANG: 'en_US.UTF-8' });
    expect(en).toContain('\nExamples:\n  orderlens import ExportOrderList*.csv --shop tmall-flagship');
    expect(en).not.toContain('示例');
  });
});

describe('help after the options', () => {
  const keys = Object.keys(MESSAGES).filter((k) => k.startsWith('help.after.'));

  it.each(keys)('%s: a command, English and Chinese in 80 columns', (key) => {
    const path = key.slice('help.after.'.length);
    if (path !== 'orderlens') expect(find(path.replace(/\./g, ' ')), `no command ${path}`).toBeDefined();
    const zh = afterText(path, 'zh')!;
    expect(zh).toMatch(HAN);
    expect(zh).not.toMatch(/\{[A-Za-z]+\}/); // every parameter filled in
    for (const line of zh.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80);
    const en = afterText(path, 'en')!;
    expect(en).not.toMatch(/[\u3001-\u303f\uff01-\uff1f]/); // no Chinese punctuation in the English
    expect(en).not.toMatch(/\{[A-Za-z]+\}/);
    for (const line of en.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('wraps Chinese under its item: the second column of a row, else two more than the indent', () => {
    const row = `  orders     ${'订单'.repeat(40)}`;
    const wrapped = wrapChinese(row, 40).split('\n');
    expect(wrapped.length).toBeGreaterThan(1);
    for (const l of wrapped.slice(1)) expect(l.startsWith(' '.repeat(13)) && !l.startsWith(' '.repeat(14))).toBe(true);
    expect(wrapChinese(`  ${'流失'.repeat(30)}`, 40).split('\n')[1]).toMatch(/^ {4}\S/);
    expect(wrapChinese('短句。', 40)).toBe('短句。');
  });

  it('rfm --help: the Chinese rules under a Chinese locale, the English ones otherwise, the numbers from code', async () => {
    const help = async (cmd: string, env: Record<string, string>) => {
      const io = memoryIo({ env: { COLUMNS: '80', ...env } });
      expect(await run([cmd, '--help'], io)).toBe(0);
      return io.out();
    };
    const zh = await help('rfm', { LANG: 'zh_CN.UTF-8' });
    expect(zh).toContain('--scheme cn8（八类客户细分）');
    expect(zh).not.toContain('Values, as of');
    expect(await help('rfm', { LANG: 'en_US.UTF-8' })).toContain('Values, as of --as-of');
    expect(await help('churn', { LANG: 'zh_CN.UTF-8' })).toContain('默认 3）');
    expect(await help('segments', {})).toContain('--k auto tries k = 2..8');
  });
});
