/**
 * Ctrl-C and SIGTERM to the built binary: one line, exit 130 / 143, and nothing left half-made. Every wait here
 * is for a condition (a file grown, a line printed), never for a time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, query, sizeOf, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-interrupt-');
const bin = path.join(repoRoot, 'bin', 'orderlens.js');
const env = { ...process.env, NO_COLOR: '1' };
const mkfifo = spawnSync('mkfifo', ['--help']).status === 0;
let n = 0;

/** Starts the binary; its stderr so far, and its exit (code, or the signal that ended it). */
function start(argv: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | string | null> } {
  const child = spawn(process.execPath, [bin, ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'] });
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
