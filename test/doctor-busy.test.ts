/**
 * `orderlens doctor` on a store another process is writing (issue 13): it waits for it, with one note, up to
 * --wait, and then checks what was committed; if the store stays held, it says the store is busy and that
 * nothing was checked (exit 1), instead of failing every check after SQLite's 5 s and advising a restore.
 * The other writer here holds the store with an exclusive lock until told to let go (a condition, not a time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, orderlens, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-doctor-busy-');
const bin = path.join(repoRoot, 'bin', 'orderlens.js');
let n = 0;
let stored: string | null = null;

async function store(): Promise<string> {
  if (stored === null) {
    stored = path.join(dir, 'stored.db');
    const r = await orderlens(stored, ['import', fixture('generic', 'utf8.csv')]);
    expect(r.code, r.stderr).toBe(0);
  }
  const db = path.join(dir, `shop${++n}.db`);
  copyFileSync(stored, db);
  return db;
}

const holders: ChildProcess[] = [];
afterEach(() => {
  for (const h of holders.splice(0)) h.kill('SIGKILL');
});

/** A process holding `db` in a write transaction with an exclusive lock until a line comes on its stdin. */
async function hold(db: string): Promise<ChildProcess> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `const D = require(${JSON.stringify(sqlite)}); const db = new D(${JSON.stringify(db)});
    db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO meta(key, value) VALUES ('held', '1')");
    process.stdout.write('held\\n'); process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  holders.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out === 'held\n' || child.exitCode !== null);
  expect(child.exitCode).toBeNull();
  return child;
}

const waiting = (db: string, s: number) => `orderlens: ${db}: another orderlens (an import) is writing it: waiting for it to finish (up to ${s} s, --wait SECONDS)\n`;

describe('doctor on a store another process is writing', () => {
  it('held past --wait: one note, then "busy, nothing was checked", exit 1, no check lines, no restore advice', async () => {
    const db = await store();
    await hold(db);
    const r = await orderlens(db, ['--wait', '2', 'doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${waiting(db, 2)}orderlens: error: ${db} is busy: another orderlens (an import) kept writing it for 2 s; nothing was checked: run doctor again when it has finished, or wait longer with --wait SECONDS\n`,
    );
  }, 60_000);

  it('let go while doctor waits: every check runs on what was committed, exit 0', async () => {
    const db = await store();
    const holder = await hold(db);
    const child = spawn(process.execPath, [bin, '--db', db, '--wait', '600', 'doctor'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => stderr.includes(waiting(db, 600)) || child.exitCode !== null);
    holder.stdin?.write('go\n');
    expect(await exited).toBe(0);
    expect(stderr).toBe(`${waiting(db, 600)}orderlens: ${db}: every check passed\n`);
    expect(stdout).toMatch(/^integrity: ok — the database file is intact\nschema: ok — .*\nimports: ok — 1 file imported\npurchase_runs: ok — .*\n$/);
  }, 120_000);
});
