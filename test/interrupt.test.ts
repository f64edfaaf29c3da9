/**
 * Ctrl-C and SIGTERM while orderlens cannot answer itself: blocked in a synchronous step (here: SQLite waiting
 * for the lock of a new database's first import, held by the test; an ltv fit on a big shop is the same kind of
 * step). The binary's supervisor (src/cli/supervisor.ts) answers for it: the one line, exit 130 or 143, its
 * temporary files removed, nothing left running. Every wait here is for a condition, never for a time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/open.js';
import { orderlens, query, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-interrupt-');
const bin = path.join(repoRoot, 'bin', 'orderlens.js');
let n = 0;
const holders: Db[] = [];

afterEach(() => {
  for (const h of holders.splice(0)) {
    if (h.inTransaction) h.exec('ROLLBACK');
    h.close();
  }
});

/** A new database (no import yet, so no write-ahead log) whose first import is under way: the test holds its lock. */
function firstImportRunning(): string {
  const file = path.join(dir, `new${++n}.db`);
  const holder = openDb(file, { create: true });
  holders.push(holder);
  holder.exec('BEGIN EXCLUSIVE');
  holder.prepare("INSERT INTO meta (key, value) VALUES ('held-by', 'interrupt.test.ts')").run();
  return file;
}

const waitingNote = (db: string, seconds: number) =>
  `orderlens: ${db}: its first import is still running, and a new database can be read only once that import has committed: waiting for it (up to ${seconds} s, --wait SECONDS)\n`;

/** Starts the binary; its stderr so far, and its exit (code, or the signal that ended it). */
function start(argv: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | string | null> } {
  const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, stderr: () => err, exited };
}

/** Whether any process still runs with `text` in its command line. */
const running = (text: string) => spawnSync('pgrep', ['-f', text]).status === 0;

describe('a report while a new database takes its first import', () => {
  it('says in one line why it waits and for what, then waits (--wait)', async () => {
    const db = firstImportRunning();
    const r = await orderlens(db, ['--wait', '1', 'rfm']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0] + '\n').toBe(waitingNote(db, 1));
    expect(lines[1]).toMatch(/^orderlens: error: .*the database is busy/);
  });
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s to a report blocked in a synchronous step', (signal, code) => {
  it(`answers with one line and exit ${code}; nothing is left running`, async () => {
    const db = firstImportRunning();
    const run = start(['--db', db, 'rfm']);
    await until(() => run.stderr().includes('waiting for it'));
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toBe(`${waitingNote(db, 180)}orderlens: interrupted\n`);
    expect(running(db)).toBe(false);
  });
});

describe('the supervisor', () => {
  it('removes the temporary file of a child it has to stop', async () => {
    const temp = path.join(dir, '.report.csv.tmp');
    // a child as orderlens is one: it tells the supervisor of its temporary file, then never returns
    const child = path.join(dir, 'stuck-child.mjs');
    writeFileSync(child, `import { writeSync, writeFileSync } from 'node:fs';
writeSync(3, JSON.stringify({ temp: process.argv[2] }) + '\\n');
writeFileSync(process.argv[2], 'half a report');
for (;;) {}
`);
    const runner = path.join(dir, 'supervise.mjs');
    writeFileSync(runner, `const { supervise } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'cli', 'supervisor.js')).href)});
supervise(${JSON.stringify(child)}, process.argv.slice(2));
`);
    const sup = spawn(process.execPath, [runner, temp], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    sup.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => sup.on('close', (c) => resolve(c)));
    await until(() => existsSync(temp));
    sup.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(err).toBe('orderlens: interrupted\n');
    expect(existsSync(temp)).toBe(false);
    expect(running(child)).toBe(false);
  });

  it('killed with -9, it takes its child along (the import stores nothing)', async () => {
    const mkfifo = spawnSync('mkfifo', [path.join(dir, 'orders.fifo')]);
    if (mkfifo.status !== 0) return;
    const db = path.join(dir, 'fifo.db');
    const fifo = path.join(dir, 'orders.fifo');
    const run = start(['--db', db, 'import', fifo]);
    await until(() => run.stderr().includes('waiting for data'));
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    await until(() => !running(fifo));
    if (existsSync(db)) expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM orders')[0].n).toBe(0);
  });
});
