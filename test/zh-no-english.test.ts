/**
 * Issue 22: under a Chinese locale every command speaks Chinese. Every command (and subcommand) runs on a
 * terminal (tables) with LANG=zh_CN.UTF-8, with its usual run and its typical error paths (a bad flag value, an
 * unknown option, a missing database, a bad file), and no English sentence may reach stderr or the table: three
 * English words in a row, once names, units and codes are taken out (test/english-leaks.ts: flags, commands as
 * typed, file paths, column and platform names, currency codes, model names). A test below checks that the list
 * names every command the program has, so a new command cannot slip by.
 *
 * What stays English on purpose: the SQL `sql-plan` writes (code for a warehouse, whose comments a script may
 * diff; its notes on stderr are checked), and SQLite's own message inside an error it is the only source of
 * (a damaged file's integrity report), which says where it comes from.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { interruptedLine, stdinOr } from '../src/cli/interrupt.js';
import { said } from '../src/report/said.js';
import { fixture, tempDir } from './cli-harness.js';
import { englishSentences } from './english-leaks.js';
import { aggregateCases, aggregateNotes } from './aggregate-error-cases.js';
import { customerAggregates } from '../src/analytics/aggregates.js';
import { openDb } from '../src/db/open.js';
import { loadPurchaseLog } from '../src/db/queries.js';
import { dayFromCivil } from '../src/domain/day.js';
import { customerSummaryCsv } from '../src/output/aggregate-csv.js';

const dir = tempDir('orderlens-zh-');
const db = path.join(dir, 'shop.db');
const env = { LANG: 'zh_CN.UTF-8', ORDERLENS_KEY_FILE: path.join(dir, 'key'), NO_COLOR: '1' };

async function zh(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env, tty: true, columns: 200, rows: 60 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** [name, argv, the exit code it must end with, stdout is data for a program (not checked)] */
type Case = [string, string[], number, boolean?];

const badMap = file('overlap.json', JSON.stringify({ bins: 3, segments: [{ name: 'A', r: [2, 3] }, { name: 'B', r: [1, 2] }] }));
const notJson = file('bad.json', '{ bins: 3 ');
const split = path.join(dir, 'split.csv');

const commands: Case[] = [
  // before anything is stored
  ['a missing database', ['--db', path.join(dir, 'none.db'), 'info'], 1],
  ['doctor without a database', ['--db', path.join(dir, 'none.db'), 'doctor'], 1],
  ['import', ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')], 0],
  ['import again', ['import', fixture('demo', 'shop-orders-2024.csv')], 0],
  ['import a missing file', ['import', path.join(dir, 'missing.csv')], 1],
  ['import a file of no platform', ['import', file('list.csv', 'member,group\n1,a\n')], 1],
  ['trend without snapshots', ['trend'], 1],
  ['migration without snapshots', ['migration'], 1],
  ['info', ['info'], 0],
  ['platforms', ['platforms'], 0],
  ['customers', ['customers', '--limit', '5'], 0],
  ['rfm', ['rfm'], 0],
  ['rfm --by customer', ['rfm', '--by', 'customer', '--limit', '5'], 0],
  ['rfm: a bad --as-of', ['rfm', '--as-of', 'yesterday'], 2],
  ['rfm: an overlapping segment map', ['rfm', '--segments', badMap], 1],
  ['rfm: a segment map that is not JSON', ['rfm', '--segments', notJson], 1],
  ['pareto', ['pareto'], 0],
  ['segments', ['segments'], 0],
  ['segments: a bad --k', ['segments', '--k', '99'], 2],
  ['cohorts', ['cohorts'], 0],
  ['cohorts: a bad choice', ['cohorts', '--by', 'nope'], 2],
  ['churn', ['churn'], 0],
  ['churn: an unknown option', ['churn', '--bogus'], 2],
  ['ltv', ['ltv'], 0],
  ['ltv --by customer', ['ltv', '--by', 'customer', '--limit', '3'], 0],
  ['ltv --by cohort', ['ltv', '--by', 'cohort'], 0],
  ['ltv --params', ['ltv', '--params'], 0],
  ['ltv --model auto', ['ltv', '--model', 'auto'], 0],
  ['ltv --holdout', ['ltv', '--holdout', '2025-03-01'], 0],
  ['ltv --method simple', ['ltv', '--method', 'simple'], 0],
  ['ltv --what-if', ['ltv', '--what-if', 'retention+5%', '--cost-per-customer', '5'], 0],
  ['ltv: a holdout after as-of', ['ltv', '--holdout', '2030-01-01'], 2],
  ['ltv: a bad horizon', ['ltv', '--horizon', 'xx'], 2],
  ['snapshot', ['snapshot', '--as-of', '2025-07-01'], 0],
  ['snapshot 2', ['snapshot'], 0],
  ['snapshots', ['snapshots'], 0],
  ['migration', ['migration'], 0],
  ['trend', ['trend'], 0],
  ['campaign split', ['campaign', 'split', '--segment', 'Champions', '--out', split], 0],
  ['campaign import', ['campaign', 'import', split, '--name', 'spring', '--sent', '2025-03-01'], 0],
  ['campaign list', ['campaign', 'list'], 0],
  ['campaign report', ['campaign', 'report', 'spring'], 0],
  ['campaign report: an unknown campaign', ['campaign', 'report', 'autumn'], 1],
  ['campaign drop', ['campaign', 'drop', 'spring'], 0],
  ['campaign drop: an unknown campaign', ['campaign', 'drop', 'spring'], 1],
  ['report', ['report', '--out', path.join(dir, 'shop.html')], 0],
  ['doctor', ['doctor'], 0],
  ['selftest', ['selftest'], 0],
  ['sql', ['sql', 'SELECT count(*) AS orders FROM orders'], 0],
  ['sql: no such table', ['sql', 'SELECT * FROM nope'], 2],
  ['sql: a change', ['sql', 'DELETE FROM orders'], 2],
  ['sql: a change to a table', ['sql', 'UPDATE order_rows SET net = 0'], 2],
  ['export', ['export', 'orders', '--out', path.join(dir, 'orders.csv')], 0],
  ['export: an unknown table', ['export', 'nope'], 2],
  ['sql-plan', ['sql-plan', 'churn'], 0, true],
  ['sql-plan: an unknown aggregate', ['sql-plan', 'nope'], 2],
  ['demo', ['demo'], 0],
];

describe('under LANG=zh_CN.UTF-8 no English sentence leaks (stderr or table)', () => {
  it.each(commands)('%s', async (_name, argv, code, dataOut) => {
    const r = await zh(argv);
    const text = dataOut ? r.err : `${r.err}\n${r.out}`;
    expect(englishSentences(text), text).toEqual([]);
    expect(r.code, text).toBe(code);
  });

  it('a bad file: the error and the rejected rows', async () => {
    const bad = file('bad.csv', 'order_id,customer,date,amount\n1,a,2024-01-02,10\n2,b,,10\n3,c,2024-01-03,abc\n');
    const r = await zh(['import', bad]);
    expect(englishSentences(r.err), r.err).toEqual([]);
  });

  it('doctor finds purchase runs changed by hand', async () => {
    const Database = (await import('better-sqlite3')).default;
    const copy = path.join(dir, 'hand.db');
    const io = memoryIo({ env });
    expect(await run(['--db', copy, 'import', fixture('demo', 'shop-orders-2024.csv')], io)).toBe(0);
    const h = new Database(copy);
    h.exec("DELETE FROM order_rows WHERE rowid IN (SELECT rowid FROM order_rows LIMIT 3)");
    h.close();
    const d = memoryIo({ env, tty: true });
    expect(await run(['--db', copy, 'doctor'], d)).toBe(1);
    expect(d.out()).toContain('有问题');
    // piped, its stdout is the stable English a script parses, whatever the locale (the note on stderr is Chinese)
    const piped = memoryIo({ env });
    expect(await run(['--db', copy, 'doctor', '--repair'], piped)).toBe(0);
    expect(piped.out()).toMatch(/^integrity: ok — the database file is intact\nschema: ok — version \d+, every table and view present\nimports: ok — 1 file imported\npurchase_runs: ok — repaired: [\d,]+ entries match the orders\n$/);
    expect(piped.err()).toContain('各项检查都通过了');
    expect(englishSentences(`${d.err()}\n${d.out()}`), d.err() + d.out()).toEqual([]);
  });

  it('the Ctrl-C line', () => {
    expect(interruptedLine('zh', said('interrupt.nothingStored', { file: stdinOr('-') }))).toBe('orderlens: 已中断：没有存入 标准输入 中的任何订单\n');
    expect(interruptedLine('en', said('interrupt.nothingStored', { file: 'a.csv' }))).toBe('orderlens: interrupted: nothing from a.csv was stored\n');
    expect(englishSentences(interruptedLine('zh', null))).toEqual([]);
  });

  it('the list above runs every command and subcommand', async () => {
    const names = (c: Command, prefix: string[] = []): string[] =>
      c.commands.flatMap((s) => (s.commands.length > 0 ? names(s, [...prefix, s.name()]) : [[...prefix, s.name()].join(' ')]));
    const all = names(await buildProgram(memoryIo()));
    const ran = new Set(commands.map(([, argv]) => argv.filter((a) => !a.startsWith('-') && !a.includes('/') && !a.includes('.')).slice(0, 2).join(' ')));
    const missing = all.filter((n) => ![...ran].some((r) => r === n || r.startsWith(`${n} `)));
    expect(missing).toEqual([]);
  });

  it('the leak check finds an English sentence (it can fail)', () => {
    expect(englishSentences('orderlens: 错误：no such table: nope')).toEqual(['no such table']);
    expect(englishSentences("orderlens: 'orderlens rfm --bins 3' 在 shop.db 上 CNY BG/NBD at_risk")).toEqual([]);
  });
});

/**
 * The reports from aggregates (`--summary`, `--gaps`, `--counts`, the streamed ltv): every error a bad file or
 * flag meets is Chinese under zh, and reads in English exactly as it did before it went into the catalogue.
 */
describe('reports from aggregates: every error and note, in Chinese and in English', () => {
  const aggDir = tempDir('orderlens-zh-agg-');
  const noDb = path.join(aggDir, 'none.db');
  const { cases, write } = aggregateCases(aggDir);
  const demoSummary = path.join(aggDir, 'demo-summary.csv');
  beforeAll(async () => {
    const demoDb = path.join(aggDir, 'demo.db');
    expect(await run(['--db', demoDb, 'import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')], memoryIo())).toBe(0);
    const handle = openDb(demoDb, { create: false });
    try {
      writeFileSync(demoSummary, Buffer.concat(customerSummaryCsv(customerAggregates(loadPurchaseLog(handle), dayFromCivil(2025, 7, 1)))));
    } finally {
      handle.close();
    }
  }, 120_000);
  const argvOf = (name: string, argv: string[], text: string | Buffer | null): string[] => {
    const f = text === null ? '' : write(name, text);
    return ['--db', noDb, ...argv.map((a) => (a === 'FILE' ? f : a))];
  };
  const runIn = async (lang: string, argv: string[]) => {
    const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty: true, columns: 400 });
    const code = await run(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it.each(cases)('%s', async (name, argv, text, code, english) => {
    const args = argvOf(name, argv, text);
    const zhRun = await runIn('zh_CN.UTF-8', args);
    expect(englishSentences(zhRun.err), zhRun.err).toEqual([]);
    // the last line is the error, in Chinese (a note may come before it: the summary's as-of)
    expect(zhRun.err.trimEnd().split('\n').at(-1), 'a Chinese error line').toMatch(/^orderlens: 错误：.*\p{Script=Han}/u);
    expect(zhRun.code).toBe(code);
    const enRun = await runIn('en_US.UTF-8', args);
    expect(enRun.err.endsWith(english), enRun.err).toBe(true);
    expect(enRun.err.split('\n').filter((l) => l.includes('error')), 'one error line').toHaveLength(1);
    expect(enRun.code).toBe(code);
  });

  it.each(aggregateNotes(aggDir, demoSummary))('%s: its notes', async (_name, argv, english) => {
    const zhRun = await runIn('zh_CN.UTF-8', ['--db', noDb, ...argv]);
    expect(zhRun.code, zhRun.err).toBe(0);
    expect(englishSentences(zhRun.err), zhRun.err).toEqual([]);
    const enRun = await runIn('en_US.UTF-8', ['--db', noDb, ...argv]);
    expect(enRun.code, enRun.err).toBe(0);
    for (const line of english) expect(enRun.err.split('\n'), enRun.err).toContain(line);
  });
});
