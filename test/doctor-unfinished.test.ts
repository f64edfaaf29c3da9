/**
 * `orderlens doctor` on a store no import ever committed to (issue 13): what a first import killed before its
 * commit leaves — a migrated store with no import, a bare SQLite file, either with the killed write's hot
 * rollback journal beside it. Doctor says plainly that the store holds no import yet and what to do (exit 1,
 * as the reports on it do), instead of passing it, or failing every check with "attempt to write a readonly
 * database" and advising to restore a backup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { fixture, orderlens, query, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-doctor-');
let n = 0;
const noImport = (db: string) =>
  `orderlens: error: ${db} holds no import yet: its first import was stopped before it stored anything (killed?), or none has run; run 'orderlens import FILE', which takes it as a new database\n`;
const rolledBack = (db: string) => `orderlens: ${db}: rolled back a write that never finished (an import stopped by kill -9 or a power cut?), as the next import or report would have\n`;

/** A child process that writes to `db` in a transaction big enough to spill pages, then is killed with SIGKILL. */
function killedWrite(db: string): void {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `const D = require(${JSON.stringify(sqlite)}); const db = new D(${JSON.stringify(db)}); db.pragma('cache_size = 2');
    db.exec('BEGIN'); db.exec('CREATE TABLE spill (x)'); const s = db.prepare('INSERT INTO spill VALUES (?)');
    for (let i = 0; i < 5000; i++) s.run('x'.repeat(200) + i); process.kill(process.pid, 'SIGKILL');`;
  const r = spawnSync(process.execPath, ['-e', script]);
  expect(r.signal).toBe('SIGKILL');
  expect(existsSync(`${db}-journal`), 'a hot journal is left').toBe(true);
}

describe('doctor on a store that holds no import', () => {
  it('a store made for a first import that never committed: imports PROBLEM, one plain line, exit 1', async () => {
    const db = path.join(dir, `made${++n}.db`);
    openDb(db, { create: true }).close();
    const r = await orderlens(db, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^integrity: ok — the database file is intact\nschema: ok — version \d+, every table and view present\nimports: PROBLEM — none: no import ever stored anything here\n$/);
    expect(r.stderr).toBe(noImport(db));
  });

  it('an empty file (killed before SQLite wrote a page): the same, no schema line', async () => {
    const db = path.join(dir, `empty${++n}.db`);
    writeFileSync(db, '');
    const r = await orderlens(db, ['doctor']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, 'integrity: ok — the database file is intact\nimports: PROBLEM — none: no import ever stored anything here\n', noImport(db)]);
  });

  it('with the killed write’s hot journal beside it: rolled back (as any import or report would), then the same answer', async () => {
    const db = path.join(dir, `killed${++n}.db`);
    openDb(db, { create: true }).close();
    killedWrite(db);
    const r = await orderlens(db, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^integrity: ok — the database file is intact\nschema: ok — version \d+, every table and view present\nimports: PROBLEM — none: no import ever stored anything here\n$/);
    expect(r.stderr).toBe(rolledBack(db) + noImport(db));
    expect(existsSync(`${db}-journal`)).toBe(false);
    // the store is what it was before the killed write, and the next import takes it
    expect(query(db, "SELECT name FROM sqlite_master WHERE name = 'spill'")).toEqual([]);
    const again = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
    expect(again.code, again.stderr).toBe(0);
    const after = await orderlens(db, ['doctor']);
    expect([after.code, after.stdout]).toEqual([0, expect.stringContaining('imports: ok — 1 file imported\npurchase_runs: ok')]);
  });

  it('a bare file with a hot journal (killed before its first table committed)', async () => {
    const db = path.join(dir, `bare${++n}.db`);
    killedWrite(db);
    const r = await orderlens(db, ['doctor']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, 'integrity: ok — the database file is intact\nimports: PROBLEM — none: no import ever stored anything here\n', rolledBack(db) + noImport(db)]);
  });

  it('in Chinese', async () => {
    const db = path.join(dir, `zh${++n}.db`);
    openDb(db, { create: true }).close();
    const r = await orderlens(db, ['doctor'], { ORDERLENS_LANG: 'zh' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`orderlens: 错误：${db} 里还没有任何导入：它的首次导入在存入任何数据前就被中止了（进程被杀？），或者从未导入过；请运行 'orderlens import 文件'，它会把这个文件当作新数据库\n`);
  });
});
