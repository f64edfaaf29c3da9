/**
 * The `Examples:` block of every command's help (src/cli/help-examples.ts), in English and, under a Chinese
 * locale, in Chinese (`示例：`, Chinese marketplace files and shops): every flag an example types is one the
 * command has, both languages give at least two, and the Chinese block fits 80 columns.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { HELP_EXAMPLES, examplesBlock } from '../src/cli/help-examples.js';
import { memoryIo } from '../src/cli/io.js';
import { buildProgram, run } from '../src/cli/main.js';
import { textWidth } from '../src/output/table.js';

const program = buildProgram(memoryIo({ env: {} }));

function find(path: string): Command | undefined {
  let cmd: Command | undefined = program;
  for (const name of path.split(' ')) cmd = cmd?.commands.find((c) => c.name() === name);
  return cmd;
}

/** The flags an example line types (`--shop`, `--map`), before its `# note`. */
function flags(line: string): string[] {
  return (line.replace(/\s+# .*$/, '').match(/(?<=\s)--[a-z][a-z-]*/g) ?? []);
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
    const has = known(cmd!);
    for (const lang of ['en', 'zh'] as const) {
      const lines = HELP_EXAMPLES[path][lang];
      expect(lines.length, lang).toBeGreaterThanOrEqual(2);
      for (const line of lines) {
        expect(line.startsWith('orderlens '), line).toBe(true);
        expect(line.replace(/^orderlens (--[a-z-]+ (\S+ )?)*/, ''), line).toMatch(new RegExp(`^${path} ?`));
        for (const f of flags(line)) expect(has.has(f), `${line}: ${f}`).toBe(true);
      }
    }
    expect(HELP_EXAMPLES[path].zh.some((l) => HAN.test(l)), 'a Chinese note, file or shop').toBe(true);
    for (const line of examplesBlock(path, 'zh')!.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('the check finds a flag the command does not have', () => {
    expect(flags('orderlens import x.csv --shop a --bogus  # --note')).toEqual(['--shop', '--bogus']);
    expect(known(find('import')!).has('--bogus')).toBe(false);
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
