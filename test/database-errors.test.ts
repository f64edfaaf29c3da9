/**
 * A database changed by hand or by another program, a busy database, pipes and signals (issue 13): clear
 * one-line errors that say what is wrong and suggest `orderlens doctor`, never "unexpected:".
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { MIGRATIONS } from '../src/db/schema.js';
import { fixture, orderlens, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-dberr-');
let n = 0;
const imported = async (): Promise<string> => {
  const db = path.join(dir, `d${++n}.db`);
  const r = await orderlens(db, ['import', fixture('generic', 'utf8.csv')]);
  expect(r.code, r.stderr).toBe(0);
  return db;
};
const exec = (db: string, sql: string) => {
  const d = new Database(db);
  try {
    d.exec(sql);
  } finally {
    d.close();
  }
};

describe('orderlens doctor', () => {
  it('passes a sound database', async () => {
    const db = await imported();
    const r = await orderlens(db, ['doctor']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^integrity: ok — the database file is intact\nschema: ok — version \d+, every table and view present\nimports: ok — 1 file imported\npurchase_runs: ok — \d+ entries match the orders\n$/);
  });

  it('counts files, not imports: the same file imported three times is 1 file imported, 3 imports in all', async () => {
    const db = await imported();
    for (let i = 0; i < 2; i++) expect((await orderlens(db, ['import', fixture('generic', 'utf8.csv')])).code).toBe(0);
    const r = await orderlens(db, ['doctor']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\nimports: ok — 1 file imported, 3 imports in all\n');
  });

  it('finds purchase runs that no longer match orders changed by hand, and --repair rebuilds them', async () => {
    const db = await imported();
    exec(db, 'DELETE FROM order_rows WHERE status = 1'); // paid (db/status-codes.ts)
    const r = await orderlens(db, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/purchase_runs: PROBLEM — 1 entry differs from the orders/);
    expect(r.stderr).toContain("'orderlens doctor --repair' rebuilds the purchase runs from the orders");
    const fixed = await orderlens(db, ['doctor', '--repair']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/purchase_runs: ok — repaired: \d+ entries match the orders/);
    expect((await orderlens(db, ['doctor'])).code).toBe(0);
  });
});

describe('a database changed by hand or by another program', () => {
  const expectClear = (r: { code: number; stderr: string }, text: string | RegExp) => {
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('unexpected');
    expect(r.stderr.split('\n').length).toBe(2);
    if (typeof text === 'string') expect(r.stderr).toContain(text);
    else expect(r.stderr).toMatch(text);
  };

  it('a negative schema version', async () => {
    const db = await imported();
    exec(db, 'PRAGMA user_version = -1');
    expectClear(await orderlens(db, ['customers']), "has schema version -1, which no orderlens writes: the file was changed by another program; run 'orderlens doctor' for details");
  });

  it("a foreign SQLite file with orderlens's schema version", async () => {
    const db = path.join(dir, 'foreign.db');
    exec(db, `CREATE TABLE notes (x); PRAGMA user_version = ${MIGRATIONS.length}`);
    expectClear(await orderlens(db, ['customers']), 'is a SQLite file but not an orderlens database');
  });

  it('a dropped orders view', async () => {
    const db = await imported();
    exec(db, 'DROP VIEW orders');
    expectClear(await orderlens(db, ['customers']), "is a damaged orderlens database: it has no orders (dropped by hand?); run 'orderlens doctor' for details");
    expect((await orderlens(db, ['doctor'])).stdout).toContain('schema: PROBLEM — missing orders');
  });

  it('damaged pages', async () => {
    const db = await imported();
    exec(db, 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE');
    const fd = openSync(db, 'r+');
    try {
      // every page after the first (the header and the schema) overwritten
      const junk = Buffer.alloc(4096 * 64, 0xa5);
      writeSync(fd, junk, 0, junk.length, 4096);
    } finally {
      closeSync(fd);
    }
    const r = await orderlens(db, ['customers']);
    expectClear(r, /damaged|malformed/);
    expect(r.stderr).toContain("orderlens doctor");
    const doctor = await orderlens(db, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/integrity: PROBLEM/);
  });
});

describe('a busy database', () => {
  it('an import waits for another writer with a note (--wait), or fails clearly when the wait is over', async () => {
    const db = await imported();
    const other = new Database(db);
    other.exec('BEGIN IMMEDIATE');
    try {
      const quick = await orderlens(db, ['--wait', '0', 'import', fixture('generic', 'utf8-bom.csv')]);
      expect(quick.code).toBe(1);
      expect(quick.stderr).toContain('the database is busy: another orderlens (an import) is writing it');
      const io = memoryIo();
      let settled = false;
      const waiting = run(['--db', db, '--wait', '600', 'import', fixture('rfm', 'shop.csv')], io).finally(() => (settled = true));
      while (!settled && !io.err().includes('another orderlens is writing the database; waiting for it (up to 600 s')) await new Promise((r) => setTimeout(r, 20));
      expect(settled, io.err()).toBe(false);
      other.exec('COMMIT');
      expect(await waiting, io.err()).toBe(0);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });
});

describe('stdin, pipes and signals', () => {
  it('imports `-` from stdin and names it so', async () => {
    const db = path.join(dir, 'stdin.db');
    const io = { ...memoryIo(), stdin: Readable.from([Buffer.from('order_id,customer_id,order_date,amount\n1,C1,2024-01-05,10\n2,C2,2024-01-06,oops\n')]) };
    const code = await run(['--db', db, 'import', '-'], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).toContain('stdin: read 2, inserted 1, updated 0, unchanged 0, rejected 1');
    expect(io.err()).toContain("stdin:3: unreadable amount 'oops'");
  });

  it('records `-` as stdin, not its temporary copy, and says stdin in a usage error', async () => {
    const db = path.join(dir, 'stdin-info.db');
    const csv = 'order_id,customer_id,order_date,amount,currency\n1,C1,2024-01-05,10,USD\n';
    const piped = () => ({ ...memoryIo(), stdin: Readable.from([Buffer.from(csv)]) });
    for (const shop of ['north', 'south']) {
      const io = piped();
      expect(await run(['--db', db, 'import', '-', '--shop', shop], io), io.err()).toBe(0);
    }
    const info = await orderlens(db, ['info', '--format', 'csv']);
    const imports = info.stdout.split('\n').filter((l) => l.startsWith('import,'));
    expect(imports).toHaveLength(2);
    for (const line of imports) expect(line).toMatch(/^import,stdin \(generic\/(north|south)\),/);
    expect(info.stdout).not.toContain('orderlens-input-');
    // two shops, no --shop: the usage error names stdin as the file
    const io = piped();
    expect(await run(['--db', db, 'import', '-'], io)).toBe(2);
    expect(io.err()).toContain('orderlens: error: stdin: this database holds 2 generic shops (north, south)');
    expect(io.err()).not.toContain('orderlens-input-');
  });

  const bin = path.join(repoRoot, 'bin', 'orderlens.js');
  const mkfifo = spawnSync('mkfifo', ['--help']).status === 0;
  it.skipIf(!mkfifo)('a FIFO nobody writes to: a note, and Ctrl-C ends it with one line, nothing stored', async () => {
    const db = await imported();
    const before = readDigest(db);
    const fifo = path.join(dir, 'orders.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [bin, '--db', db, 'import', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!stderr.includes('waiting for data')) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toBe(`orderlens: ${fifo}: waiting for data (a pipe nobody writes to yet?); Ctrl-C stops\norderlens: interrupted: nothing from ${fifo} was stored\n`);
    expect(readDigest(db)).toBe(before);
  }, 30_000);
});

function readDigest(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    return JSON.stringify(d.prepare('SELECT count(*), total(net) FROM order_rows').raw().get());
  } finally {
    d.close();
  }
}


