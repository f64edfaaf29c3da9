/**
 * The help of every command, option and argument comes from the message catalogue (src/report/help-messages.ts,
 * help-after-messages.ts) in English and Chinese, its one copy: the command files name their flags, the
 * catalogue says what they do. `LANG=zh_CN.UTF-8 orderlens rfm --help` is Chinese, lines fit the terminal.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandPath, helpLang, localizeHelp, optionKeys } from '../src/cli/help-lang.js';
import { memoryIo } from '../src/cli/io.js';
import { buildProgram, run } from '../src/cli/main.js';
import { textWidth } from '../src/output/table.js';
import { MESSAGES } from '../src/report/messages.js';
import { ADAPTERS } from '../src/import/platforms/registry.js';
import { ENCODING_FORMS } from '../src/import/read.js';
import { QUERY_VIEWS } from '../src/db/query-views.js';
import { ORDERS_TABLES } from '../src/db/orders-table-rows.js';
import { AGGREGATES } from '../src/warehouse/sql-plan.js';

const catalogue = MESSAGES as unknown as Record<string, { en: string; zh: string }>;

function commands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(commands)];
}

const everyCommand = commands(await buildProgram(memoryIo({ env: {} })));

describe('help text from the catalogue', () => {
  const all = everyCommand;

  it('has every command, option and argument in both languages, and the command files hold no copy of it', () => {
    const missing: string[] = [];
    const copies: string[] = [];
    for (const cmd of all) {
      const entry = catalogue[`help.cmd.${commandPath(cmd)}`];
      if (!entry?.zh) missing.push(commandPath(cmd));
      if (cmd.description() !== '') copies.push(`${commandPath(cmd)}: ${cmd.description()}`);
      for (const o of cmd.options) {
        const flag = (o.long ?? o.short)!;
        const key = optionKeys(cmd, flag).find((k) => k in catalogue);
        if (key === undefined || !catalogue[key].zh) missing.push(`${commandPath(cmd)} ${flag}`);
        if (o.description !== '' && o.long !== '--version') copies.push(`${commandPath(cmd)} ${flag}: ${o.description}`);
      }
      for (const a of cmd.registeredArguments) {
        if (!catalogue[`help.arg.${commandPath(cmd)}.${a.name()}`]?.zh) missing.push(`${commandPath(cmd)} <${a.name()}>`);
        if (a.description !== '') copies.push(`${commandPath(cmd)} <${a.name()}>: ${a.description}`);
      }
    }
    expect(missing, 'add help.<command>.<option>, help.opt.<option> or help.arg.<command>.<argument> to the catalogue').toEqual([]);
    expect(copies, 'the help text lives in the catalogue (src/report/help-messages.ts), not in the command file').toEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });

  it('fills every description from the catalogue, in English too', async () => {
    const program = await buildProgram(memoryIo({ env: {} }));
    localizeHelp(program, 'en');
    for (const cmd of commands(program)) {
      expect(cmd.description(), commandPath(cmd)).toBe(catalogue[`help.cmd.${commandPath(cmd)}`].en);
      for (const o of cmd.options) expect(o.description, `${commandPath(cmd)} ${o.flags}`).not.toBe('');
    }
    expect(program.commands.find((c) => c.name() === 'rfm')!.options.find((o) => o.long === '--bins')!.description).toBe(catalogue['help.opt.bins'].en);
  });

  it('names what the code offers: platforms, encodings, views, tables and aggregates', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(catalogue['help.import.platform'].en).toBe(`auto, or one of: ${ids.join(', ')}`);
    expect(catalogue['help.import.platform'].zh).toContain(ids.join('、'));
    expect(catalogue['help.opt.encoding'].en.startsWith(ENCODING_FORMS)).toBe(true);
    expect(catalogue['help.cmd.sql'].en).toContain(`(${QUERY_VIEWS.join(', ')})`);
    expect(catalogue['help.arg.export.table'].en).toBe(ORDERS_TABLES.join(' or '));
    expect(catalogue['help.arg.sql-plan.aggregate'].en.startsWith(AGGREGATES.join(', '))).toBe(true);
  });

  it('speaks the language of --lang, else of the environment', () => {
    expect(helpLang(['rfm', '--help'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(helpLang(['rfm', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLang(['rfm', '--lang=zh'], {})).toBe('zh');
    expect(helpLang(['rfm'], { LANG: 'en_US.UTF-8', ORDERLENS_LANG: 'zh' })).toBe('zh');
    expect(helpLang(['rfm'], { ORDERLENS_LANG: 'klingon' })).toBe('en');
  });

  it('prints Chinese help under a Chinese locale, English otherwise', async () => {
    const help = async (env: Record<string, string>) => {
      const io = memoryIo({ env: { COLUMNS: '80', ...env } });
      expect(await run(['rfm', '--help'], io)).toBe(0);
      return io.out();
    };
    const zh = await help({ LANG: 'zh_CN.UTF-8' });
    expect(zh).toContain('用法：');
    expect(zh).toContain('每位客户的 RFM 得分和客户细分');
    expect(zh).toContain('显示命令帮助');
    // commander's own words after a description and in the usage line, in Chinese too
    expect(zh.replace(/\s+/g, '')).toContain('（可选：quantile、fixed；默认：quantile）');
    expect(zh).toContain('orderlens rfm [选项]');
    expect(zh).not.toMatch(/\((?:choices|default): /);
    const en = await help({ LANG: 'en_US.UTF-8' });
    expect(en).toContain('Usage:');
    expect(en).toContain('RFM scores and segments per customer');
    expect(en).toContain('Options:');
    expect(en.replace(/\s+/g, ' ')).toContain('(choices: "quantile", "fixed", default: "quantile")');
    expect(en).not.toContain('用法');
  });

  it('prints every command\'s whole help (options, the text after them, examples) within 80 columns, English and Chinese', async () => {
    for (const cmd of everyCommand) {
      const path = commandPath(cmd);
      const argv = path === 'orderlens' ? ['--help'] : [...path.split('.'), '--help'];
      for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
        const io = memoryIo({ env: { COLUMNS: '80', LANG: lang } });
        expect(await run(argv, io), `${path} ${lang}`).toBe(0);
        for (const line of io.out().split('\n')) expect(textWidth(line), `${path} ${lang}: ${line}`).toBeLessThanOrEqual(80);
      }
    }
  });

  it('fits every command\'s whole help to a narrow terminal (40, 60 columns) or to COLUMNS on a pipe, English and Chinese', async () => {
    // the command's thread has no terminal: commander's own guess (process.stdout.columns) wrapped at 80 always
    const cases = [
      { width: 40, io: (env: Record<string, string>) => memoryIo({ env, tty: true, columns: 40 }) },
      { width: 60, io: (env: Record<string, string>) => memoryIo({ env, tty: true, columns: 60 }) },
      { width: 50, io: (env: Record<string, string>) => memoryIo({ env: { ...env, COLUMNS: '50' } }) },
    ];
    for (const cmd of everyCommand) {
      const path = commandPath(cmd);
      const argv = path === 'orderlens' ? ['--help'] : [...path.split('.'), '--help'];
      for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8'])
        for (const { width, io: make } of cases) {
          const io = make({ LANG: lang });
          expect(await run(argv, io), `${path} ${lang}`).toBe(0);
          const lines = io.out().split('\n');
          for (const line of lines) expect(textWidth(line), `${path} ${lang} at ${width}: ${line}`).toBeLessThanOrEqual(width);
          // every option is still there, its flags at the start of a line
          for (const o of cmd.options.filter((o) => !o.hidden)) expect(lines.some((l) => l.trimStart().startsWith(o.flags)), `${path} ${o.flags}`).toBe(true);
        }
    }
    // a terminal as wide as 80 or wider: commander's layout, the text after the options still at 80
    const wide = memoryIo({ env: { LANG: 'en_US.UTF-8' }, tty: true, columns: 120 });
    expect(await run(['import', '--help'], wide)).toBe(0);
    expect(wide.out()).toMatch(/^ {2}--tz <zone> +the store's time zone \(IANA, e\.g\. Asia\/Shanghai\); default: the platform's$/m);
    expect(Math.max(...wide.out().split('\n').map((l) => textWidth(l)))).toBeGreaterThan(100);
  });

  it("wraps every command's Chinese help within 80 columns (CJK counted two wide)", async () => {
    const program = await buildProgram(memoryIo({ env: {} }));
    localizeHelp(program, 'zh');
    for (const cmd of commands(program)) {
      cmd.configureHelp({ ...cmd.configureHelp(), helpWidth: 80 });
      for (const line of cmd.helpInformation().split('\n')) {
        expect(textWidth(line), `${commandPath(cmd)}: ${line}`).toBeLessThanOrEqual(80);
        expect(line.trimStart(), 'no line starts with closing punctuation').not.toMatch(/^[，。；：、）]/);
      }
    }
  });
});
