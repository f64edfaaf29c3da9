/**
 * Ctrl-C and SIGTERM to the built binary: one line, exit 130 / 143, and nothing left half-made. Every wait here
 * is for a condition (a file grown, a line printed), never for a time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, query, sizeOf, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';
import { randomLog } from './random-log.js';
import { customerAggregates } from '../src/analytics/aggregates.js';
import { customerSummaryCsv } from '../src/output/aggregate-csv.js';
import { formatDay } from '../src/domain/day.js';
import { openDb } from '../src/db/open.js';

const dir = tempDir('orderlens-interrupt-');
const bin = path.join(repoRoot, 'bin', 'orderlens.js');
const env = { ...process.env, NO_COLOR: '1' };
const mkfifo = spawnSync('mkfifo', ['--help']).status === 0;
let n = 0;

/** Starts the binary; its stderr so far, and its exit (code, or the signal that ended it). */
function start(argv: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | string | null> } {
  const child = spawn(process.execPath, [bin, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, stderr: () => err, exited };
}

/** The database's own files (the file, its journal, WAL and shared memory) left in its folder. */
function leftOf(db: string): string[] {
  return readdirSync(path.dirname(db)).filter((f) => f.startsWith(path.basename(db)));
}

/** A generic export of 2,000,000 orders (about 80 MB): its import takes long enough to be interrupted while it writes. */
function bigExport(): string {
  const file = path.join(dir, 'big.csv');
  if (existsSync(file)) return file;
  const fd = openSync(file, 'w');
  writeSync(fd, 'order_id,customer,date,amount\n');
  for (let chunk = 0; chunk < 40; chunk++) {
    const rows = Array.from({ length: 50_000 }, (_, j) => `k${chunk * 50_000 + j},c${j % 5000},2024-01-${String((j % 28) + 1).padStart(2, '0')},${j % 97}.50\n`);
    writeSync(fd, rows.join(''));
  }
  closeSync(fd);
  return file;
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s to the first import of a new database', (signal, code) => {
  it('while it writes: one line, and no database file is left (nor its journal)', async () => {
    const big = bigExport();
    const db = path.join(dir, `first${++n}`, 'shop.db');
    spawnSync('mkdir', [path.dirname(db)]);
    const run = start(['--db', db, 'import', big]);
    // its transaction open and uncommitted pages already in the file
    await until(() => (existsSync(`${db}-journal`) && sizeOf(db) > 4 << 20) || run.child.exitCode !== null);
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toBe(`orderlens: interrupted: nothing from ${big} was stored\n`);
    expect(leftOf(db)).toEqual([]);
  });
});

const unfinished = (db: string) =>
  `orderlens: error: ${db} holds nothing: its first import was stopped before it stored anything (killed?); run 'orderlens import FILE', which takes it as a new database\n`;

describe('kill -9 during the first import of a new database', () => {
  it('leaves a file that reports say holds nothing; the next import takes it as new and stores its file', async () => {
    const big = bigExport();
    const db = path.join(dir, `killed${++n}`, 'shop.db');
    spawnSync('mkdir', [path.dirname(db)]);
    const run = start(['--db', db, 'import', big]);
    await until(() => (existsSync(`${db}-journal`) && sizeOf(db) > 4 << 20) || run.child.exitCode !== null);
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    expect(leftOf(db)).toEqual(['shop.db', 'shop.db-journal']);
    for (const argv of [['rfm'], ['info'], ['customers', '--format', 'csv']]) {
      const r = await orderlens(db, argv);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(unfinished(db));
    }
    const again = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe(`orderlens: ${db}: its first import was stopped before it stored anything: taken as a new database\n`);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM orders')[0].n).toBe(5);
    // from now on it is a database like any other: read by reports, never taken as new again
    expect((await orderlens(db, ['rfm'])).code).toBe(0);
    const third = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(third.stderr).toBe('');
  }, 120_000);

  it('an import into such a file that stores nothing removes it, as it would a database it made', async () => {
    const db = path.join(dir, `empty${++n}.db`);
    openDb(db, { create: true }).close(); // a store no import committed to
    const bad = path.join(dir, `bad${n}.csv`);
    writeFileSync(bad, 'order_id,customer,date,amount\n1,a,not a date,5\n');
    const r = await orderlens(db, ['import', bad]);
    expect(r.code).toBe(1);
    expect(leftOf(db)).toEqual([]);
    // a database that holds an import is never removed by a failed one
    expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv')])).code).toBe(0);
    expect((await orderlens(db, ['import', bad])).code).toBe(1);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM orders')[0].n).toBe(5);
  });
});

describe.skipIf(!mkfifo)('Ctrl-C while an import waits for a pipe', () => {
  it('a new database made for it is removed', async () => {
    const fifo = path.join(dir, `orders${++n}.fifo`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const db = path.join(dir, `fifo${n}`, 'new.db');
    spawnSync('mkdir', [path.dirname(db)]);
    const run = start(['--db', db, 'import', fifo]);
    await until(() => run.stderr().includes('waiting for data'));
    expect(existsSync(db)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr().split('\n').slice(1)).toEqual([`orderlens: interrupted: nothing from ${fifo} was stored`, '']);
    expect(leftOf(db)).toEqual([]);
  }, 30_000);

  it('a database that existed before keeps what it had', async () => {
    const fifo = path.join(dir, `orders${++n}.fifo`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const db = path.join(dir, `kept${n}.db`);
    expect(spawnSync(process.execPath, [bin, '--db', db, 'import', fixture('generic', 'utf8.csv')], { env }).status).toBe(0);
    const run = start(['--db', db, 'import', fifo]);
    await until(() => run.stderr().includes('waiting for data'));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM orders')[0].n).toBe(5);
  }, 30_000);
});

/**
 * A new database whose first import is under way: the import waits on a pipe, holding the store it made
 * (reports wait for its commit, with a note, up to --wait).
 */
async function firstImportWaiting(): Promise<{ db: string; fifo: string; run: ReturnType<typeof start> }> {
  const fifo = path.join(dir, `held${++n}.fifo`);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const db = path.join(dir, `held${n}.db`);
  const run = start(['--db', db, 'import', fifo]);
  await until(() => sizeOf(db) > 0);
  return { db, fifo, run };
}

const waitNote = (db: string, s: number) =>
  `orderlens: ${db}: its first import is still running, and a new database is read once that import has committed: waiting for it (up to ${s} s, --wait SECONDS)`;

describe.skipIf(!mkfifo)('a report on a new database whose first import is running', () => {
  it('says so in one line and waits up to --wait, then fails as busy', async () => {
    const { db, run } = await firstImportWaiting();
    const r = await orderlens(db, ['--wait', '1', 'rfm']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(waitNote(db, 1));
    expect(lines[1]).toMatch(/^orderlens: error: cannot open database .*: the database is busy/);
    expect(lines).toHaveLength(3);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('reads what that import stored, once it has committed', async () => {
    const { db, fifo, run } = await firstImportWaiting();
    const report = start(['--db', db, 'customers', '--format', 'csv']);
    let out = '';
    report.child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => report.stderr().includes('first import is still running'));
    writeFileSync(fifo, readFileSync(fixture('generic', 'utf8.csv')));
    expect(await run.exited).toBe(0);
    expect(await report.exited).toBe(0);
    expect(report.stderr()).toBe(`${waitNote(db, 180)}\n`);
    expect(out.trim().split('\n')).toHaveLength(1 + 2);
  }, 60_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while it waits: one line and exit %i', async (signal, code) => {
    const { db, run } = await firstImportWaiting();
    const report = start(['--db', db, 'rfm']);
    await until(() => report.stderr().includes('first import is still running'));
    report.child.kill(signal);
    expect(await report.exited).toBe(code);
    expect(report.stderr()).toBe(`${waitNote(db, 180)}\norderlens: interrupted\n`);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
  }, 60_000);
});

/**
 * A long synchronous step: the model fits of a shop of 40,000 customers with many distinct (x, t_x, T)
 * (`ltv --model auto` fits BG/NBD, Pareto/NBD and MBG/NBD: seconds). They run in a worker thread
 * (src/cli/fit-thread.ts), so the signal is answered while they run; --debug says when the worker has begun.
 */
function bigSummary(): string {
  const file = path.join(dir, 'customers.csv');
  if (existsSync(file)) return file;
  const log = randomLog(11, 40_000, 1500);
  writeFileSync(file, Buffer.concat(customerSummaryCsv(customerAggregates(log, 19000 + 1500))));
  return file;
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a long model fit', (signal, code) => {
  it('is answered while the fit runs: one line, nothing on stdout, no output file', async () => {
    const out = path.join(dir, `ltv${++n}.csv`);
    const run = start(['--debug', 'ltv', '--summary', bigSummary(), '--model', 'auto', '--by', 'customer', '--out', out]);
    let stdout = '';
    run.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(() => run.stderr().includes('in a worker thread') || run.child.exitCode !== null);
    expect(run.stderr()).toMatch(/orderlens: debug: model fit on [\d,]+ distinct \(x, t_x, T\) rows in a worker thread\n$/);
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toMatch(/in a worker thread\norderlens: interrupted\n$/);
    expect(stdout).toBe('');
    expect(readdirSync(dir).filter((f) => f.includes(path.basename(out)))).toEqual([]);
  }, 120_000);
});

/**
 * A database of the same 40,000 customers' orders (imported once by the binary): `orderlens report` and
 * `ltv --what-if` on it run their long steps in a worker thread.
 */
let bigDb: string | null = null;
function bigDatabase(): string {
  if (bigDb) return bigDb;
  const log = randomLog(11, 40_000, 1500);
  const lines = ['order_id,customer,date,amount'];
  for (let e = 0; e < log.customer.length; e++) lines.push(`o${e},${log.customers[log.customer[e]].key},${formatDay(log.day[e])},${(log.net[e] / 100).toFixed(2)}`);
  const csv = path.join(dir, 'orders.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const db = path.join(dir, 'big-orders.db');
  const made = spawnSync(process.execPath, [bin, '--db', db, 'import', csv], { env });
  expect(made.status, made.stderr.toString()).toBe(0);
  return (bigDb = db);
}

describe('Ctrl-C and SIGTERM during the long steps of report and ltv --what-if', () => {
  it.each([
    ['report', 'SIGINT', 130, (out: string) => ['report', '--out', out], 'model fit'],
    // a long horizon makes the what-if's per-row series long (one step per month)
    ['ltv --what-if', 'SIGTERM', 143, (out: string) => ['ltv', '--what-if', 'retention-2%', '--horizon', '50y', '--out', out], 'what-if'],
  ] as const)('%s: %s is answered while the step runs in its thread: one line, no output file', async (_name, signal, code, argv, step) => {
    const db = bigDatabase();
    const out = path.join(dir, `step${++n}.out`);
    const run = start(['--debug', '--db', db, ...argv(out), '--as-of', '2026-03-01']);
    let stdout = '';
    run.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(() => run.stderr().includes(`debug: ${step} on`) || run.child.exitCode !== null);
    expect(run.stderr()).toMatch(new RegExp(`orderlens: debug: ${step} on [\\d,]+ [^\\n]* in a worker thread\\n$`));
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toMatch(/in a worker thread\norderlens: interrupted\n$/);
    expect(stdout).toBe('');
    expect(readdirSync(dir).filter((f) => f.includes(path.basename(out)))).toEqual([]);
  }, 300_000);
});
