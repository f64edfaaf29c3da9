// SQLite's locks on a store are POSIX advisory locks: they belong to the process, and closing ANY descriptor
// this process has on the file drops them all, SQLite's among them (sqlite.org/howtocorrupt.html, 2.2). Looking
// at a store (is a first import holding it? is it one a killed first import left?) must therefore never open
// and close a descriptor of its own on the file while a connection of this process may hold its lock: another
// process would then take the store in the middle of a write (and roll back its journal as a hot one).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { firstImportHolds, openDb } from '../src/db/open.js';
import { tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
let n = 0;
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
});

/** A store in its first journal mode that a connection of this process holds, in the middle of a write. */
function heldStore(): string {
  const file = path.join(dir, `held${++n}.db`);
  const db = new Database(file);
  open.push(db);
  db.exec('CREATE TABLE t (x)');
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec('BEGIN EXCLUSIVE');
  db.exec("INSERT INTO t SELECT 'row' FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) SELECT i FROM c)");
  return file;
}

/** What another process gets when it reads the store at once: 'busy' while the lock is held. */
function otherProcessReads(file: string): string {
  const script = `const D = require(${JSON.stringify(path.join(repoRoot, 'node_modules', 'better-sqlite3'))});
try { const db = new D(${JSON.stringify(file)}, { timeout: 0 }); console.log(db.prepare('SELECT count(*) AS n FROM t').get().n); }
catch (e) { console.log(String(e.code).startsWith('SQLITE_BUSY') ? 'busy' : e.code); }`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return r.stdout.trim();
}

describe("this process's locks on a store outlive a look at the store", () => {
  it('held: another process is refused (the test itself)', () => {
    expect(otherProcessReads(heldStore())).toBe('busy');
  });

  it('firstImportHolds: it says the store is held, and the lock is still held', () => {
    const file = heldStore();
    expect(firstImportHolds(file)).not.toBeNull();
    expect(otherProcessReads(file)).toBe('busy');
  });

  it('an import opening a store in its first journal mode (is it one a killed first import left?): the lock is still held', () => {
    const file = heldStore();
    expect(() => openDb(file, { create: true, holdNew: true, busyMs: 0 })).toThrow();
    expect(otherProcessReads(file)).toBe('busy');
  });
});
