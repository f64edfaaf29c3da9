/**
 * Ctrl-C and SIGTERM are answered whatever the command is doing, also in the middle of long synchronous work
 * (reading millions of orders, building a table of every customer, writing it, an import's final build and
 * COMMIT): the command runs in a worker thread and the binary's main thread, idle, hears the signal
 * (src/cli/cli-thread.ts). On small data the long work is stood in for by ORDERLENS_DEBUG_STALL=POINT
 * (src/cli/interrupt.ts stallAt): at POINT the command says so on stderr and then works on without a pause,
 * as a long step does; the signal is sent once that line is read (a condition, not a time).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-anywhere-');
const bin = path.join(repoRoot, 'bin', 'orderlens.js');
/**
 * From the signal to the exit: today about 0.1 s, 0.5 s at most on a 1M-order store under a load of 16 (0.25 s
 * more inside one SQLite statement); the bound is for a far busier machine.
 */
const EXIT_BOUND_MS = 8000;
let n = 0;

/** A generic export of `count` orders from order number `from` on (about 3 orders a customer). */
function orders(name: string, from: number, count: number): string {
  const file = path.join(dir, name);
  const lines = ['order_id,customer,date,amount'];
  for (let i = from; i < from + count; i++) lines.push(`o${i},c${i % 700},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 97) + 3}.25`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const first = orders('first.csv', 0, 2000);
const second = orders('second.csv', 1500, 2000);

function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number | string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code: code ?? signal, stdout, stderr }));
  });
}

let stored: string | null = null;

/** A database holding `first.csv` (a copy of one made once: the import closed it, its log checkpointed). */
async function store(): Promise<string> {
  if (stored === null) {
    const made = await run(['--db', path.join(dir, 'stored.db'), 'import', first]);
    expect(made.code, made.stderr).toBe(0);
    stored = path.join(dir, 'stored.db');
  }
  const db = path.join(dir, `shop${++n}.db`);
  copyFileSync(stored, db);
  return db;
}

/** Every row of every table, hashed (opened read-write: a transaction left by a killed import is rolled back first). */
function contents(db: string): { digest: string; integrity: string; imports: number } {
  const d = new Database(db);
  try {
    const hash = createHash('sha256');
    const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) hash.update(`${t}\n${JSON.stringify(d.prepare(`SELECT * FROM "${t}"`).raw(true).all())}\n`);
    return {
      digest: hash.digest('hex'),
      integrity: d.pragma('integrity_check', { simple: true }) as string,
      imports: d.prepare('SELECT count(*) FROM imports').pluck().get() as number,
    };
  } finally {
    d.close();
  }
}

/**
 * Runs the binary stalled at `point`, sends `signal` once it says it is there (and `there()` holds), and
 * returns what it printed, its exit and the time from the signal to the exit.
 */
async function interrupted(argv: string[], point: string, signal: 'SIGINT' | 'SIGTERM', there: () => boolean = () => true) {
  const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, NO_COLOR: '1', ORDERLENS_DEBUG_STALL: point }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('close', (code, sig) => resolve(code ?? sig)));
  await until(() => (stderr.includes(`orderlens: debug: stalled at ${point}\n`) && there()) || child.exitCode !== null);
  expect(child.exitCode, stderr).toBeNull();
  const sent = performance.now();
  child.kill(signal);
  const code = await exited;
  return { code, stdout, stderr, ms: performance.now() - sent };
}

const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** The lines after the stall's own: exactly `line`, and no stack trace anywhere. */
function expectOneLine(stderr: string, point: string, line: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr.split(`orderlens: debug: stalled at ${point}\n`)[1]).toBe(`${line}\n`);
}

/** Files in the output's folder named like it (the file itself or its temporary file). */
function outputsLike(out: string): string[] {
  return readdirSync(path.dirname(out)).filter((f) => f.includes(path.basename(out)));
}

describe('a report interrupted in the middle of synchronous work', () => {
  it.each([
    ['rfm, reading the database', 'SIGINT', 'read', ['rfm', '--as-of', '2025-01-01']],
    ['churn --by customer, reading the database', 'SIGTERM', 'read', ['churn', '--by', 'customer', '--format', 'csv', '--as-of', '2025-01-01']],
    ['customers --out, writing its file', 'SIGTERM', 'write', ['customers', '--format', 'csv', '--out', 'OUT']],
    ['rfm --by customer --out, writing its file', 'SIGINT', 'write', ['rfm', '--by', 'customer', '--format', 'csv', '--out', 'OUT', '--as-of', '2025-01-01']],
    ['export orders --out, writing its file', 'SIGINT', 'write', ['export', 'orders', '--out', 'OUT']],
  ] as const)('%s: %s is answered at once, one line, nothing written, the database unchanged', async (_name, signal, point, argv) => {
    const db = await store();
    const before = contents(db);
    const outDir = path.join(dir, `out${++n}`);
    mkdirSync(outDir);
    const out = path.join(outDir, 'report.csv');
    const r = await interrupted(['--db', db, ...argv.map((a) => (a === 'OUT' ? out : a))], point, signal);
    expect(r.code).toBe(EXIT[signal]);
    expectOneLine(r.stderr, point, 'orderlens: interrupted');
    expect(r.stdout).toBe('');
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(outputsLike(out)).toEqual([]);
    expect(contents(db)).toEqual(before);
  }, 120_000);
});

describe('an import interrupted at its end (the final build done, the COMMIT next)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: nothing from the file is stored; the database is as it was', async (signal) => {
    const db = await store();
    const before = contents(db);
    const rejects = path.join(dir, `rejects${++n}.csv`);
    const r = await interrupted(['--db', db, 'import', second, '--rejects', rejects], 'commit', signal);
    expect(r.code).toBe(EXIT[signal]);
    expectOneLine(r.stderr, 'commit', `orderlens: interrupted: nothing from ${second} was stored`);
    expect(r.stdout).toBe('');
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(outputsLike(rejects)).toEqual([]);
    const after = contents(db);
    expect(after.integrity).toBe('ok');
    expect(after).toEqual(before);
  }, 120_000);

  it('into a new database: no database file is left, nor its journal', async () => {
    const db = path.join(dir, `new${++n}`, 'shop.db');
    mkdirSync(path.dirname(db));
    const r = await interrupted(['--db', db, 'import', first], 'commit', 'SIGINT');
    expect(r.code).toBe(130);
    expectOneLine(r.stderr, 'commit', `orderlens: interrupted: nothing from ${first} was stored`);
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(readdirSync(path.dirname(db))).toEqual([]);
  }, 120_000);
});

describe('an import interrupted while it commits', () => {
  it('the COMMIT ends first: the file is stored, and the line does not say otherwise', async () => {
    const db = await store();
    const before = contents(db);
    const r = await interrupted(['--db', db, 'import', second], 'committed', 'SIGTERM');
    expect(r.code).toBe(143);
    expectOneLine(r.stderr, 'committed', 'orderlens: interrupted');
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    const after = contents(db);
    expect(after.integrity).toBe('ok');
    expect(after.imports).toBe(before.imports + 1);
    // what it stored is what an import not interrupted stores
    const whole = await store();
    expect((await run(['--db', whole, 'import', second])).code).toBe(0);
    const count = (file: string) => new Database(file, { readonly: true }).prepare('SELECT count(*) FROM orders').pluck().get();
    expect(count(db)).toBe(count(whole));
    expect(count(db)).toBe(3500);
  }, 120_000);

  it('into a new database: the database it committed stays', async () => {
    const db = path.join(dir, `kept${++n}.db`);
    const r = await interrupted(['--db', db, 'import', first], 'committed', 'SIGINT');
    expect(r.code).toBe(130);
    expectOneLine(r.stderr, 'committed', 'orderlens: interrupted');
    expect(existsSync(db)).toBe(true);
    expect(contents(db).imports).toBe(1);
  }, 120_000);
});

/** Whether `file` holds more than 256 KB (the scratch table's pages written out). */
function grown(file: string): boolean {
  return existsSync(file) && statSync(file).size > 256 * 1024;
}

/** The bytes of a file, hashed (null when there is none). */
function fileDigest(file: string): string | null {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

describe('an import interrupted while SQLite runs one long statement (as a first import builds its customers index at its end)', () => {
  // ORDERLENS_DEBUG_STALL=sqlite: in the import's transaction, just before its COMMIT, one statement that never
  // ends and keeps writing changed pages out (src/cli/interrupt.ts longStatement); the signal is sent once they
  // are in the file (the import's own 2,000 orders fit its cache): the statement is under way. No thread can cut
  // it short: the process leaves without waiting for it.
  it('into a new database: the line at once, exit 130 within the bound, no database file left nor its journal', async () => {
    const db = path.join(dir, `sqlite${++n}`, 'shop.db');
    mkdirSync(path.dirname(db));
    const r = await interrupted(['--db', db, 'import', first], 'sqlite', 'SIGINT', () => grown(db));
    expect(r.code).toBe(130);
    expectOneLine(r.stderr, 'sqlite', `orderlens: interrupted: nothing from ${first} was stored`);
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(readdirSync(path.dirname(db))).toEqual([]);
  }, 120_000);

  it('into a store: exit 143; the store is exactly as it was, and the next import stores what an uninterrupted one does', async () => {
    const db = await store();
    const bytes = fileDigest(db);
    const before = contents(db);
    const r = await interrupted(['--db', db, 'import', second], 'sqlite', 'SIGTERM', () => grown(`${db}-wal`));
    expect(r.code).toBe(143);
    expectOneLine(r.stderr, 'sqlite', `orderlens: interrupted: nothing from ${second} was stored`);
    expect(r.stdout).toBe('');
    expect(r.ms).toBeLessThan(EXIT_BOUND_MS);
    // the statement had written pages of its transaction to the log, never committed; the file itself untouched
    expect(grown(`${db}-wal`)).toBe(true);
    expect(fileDigest(db)).toBe(bytes);
    const after = contents(db);
    expect(after.integrity).toBe('ok');
    expect(after).toEqual(before);
    const again = await run(['--db', db, 'import', second]);
    expect(again.code, again.stderr).toBe(0);
    const whole = await store();
    expect((await run(['--db', whole, 'import', second])).code).toBe(0);
    const count = (file: string) => new Database(file, { readonly: true }).prepare('SELECT count(*) FROM orders').pluck().get();
    expect(count(db)).toBe(3500);
    expect(count(db)).toBe(count(whole));
    expect(contents(db).integrity).toBe('ok');
  }, 120_000);
});
