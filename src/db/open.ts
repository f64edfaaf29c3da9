/**
 * Opening the store: one SQLite file, created with mode 0600 on first import, migrated forward on open.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DataError } from '../errors.js';
import type { Db } from './db-handle.js';
import { rebuildStaleRuns } from './purchase-runs.js';
import { MIGRATIONS } from './schema.js';
import { describeSqliteError, engineMissing } from './sqlite-errors.js';
import { said } from '../report/said.js';

export type { Db } from './db-handle.js';

export interface OpenOptions {
  /** Create the file when missing (imports); reports refuse a missing database. */
  create: boolean;
  readonly?: boolean;
  /** How long to wait (ms) for a database another process is writing before failing (default 5 s). */
  busyMs?: number;
  /**
   * A database created now is held by this connection alone until its first import commits (settleJournal):
   * a report started meanwhile finds it locked and waits for that import (firstImportHolds), instead of
   * reading an empty store while the import has only begun. So is a store left by a first import that was
   * killed before it committed (`kill -9`, a power cut: see unfinishedStore): it holds nothing and is taken
   * as new; `onUnfinished` is called then.
   */
  holdNew?: boolean;
  onUnfinished?: () => void;
}

/** Tables and views every orderlens database has (checked on open and by `orderlens doctor`). */
export const REQUIRED_OBJECTS = ['meta', 'imports', 'sources', 'customers', 'customer_rows', 'order_rows', 'order_items', 'purchase_runs', 'orders'] as const;


/** The database path: --db, else $ORDERLENS_DB, else ./orderlens.db. */
export function resolveDbPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.ORDERLENS_DB ?? 'orderlens.db';
}

export function openDb(path: string, opts: OpenOptions): Db {
  const memory = path === ':memory:';
  const created = !memory && !existsSync(path);
  if (created) {
    if (!opts.create) throw new DataError(said('db.missing', { path }));
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (e) {
      throw new DataError(said('db.cannotCreate', { path, why: (e as Error).message }));
    }
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: !memory, timeout: opts.busyMs ?? 5000 });
    db.pragma('foreign_keys = ON');
    // WAL is a property of the file, set by the imports that write; reports leave the journal mode alone,
    // so a database the user made read-only still opens for reading. A store created just now keeps the
    // rollback journal for its first import (see settleJournal), as does one whose first import never
    // committed, which is held as a new one.
    if (!opts.readonly && opts.create) {
      const unfinished = !created && opts.holdNew === true && takeUnfinished(db, path);
      if (created && opts.holdNew) db.pragma('locking_mode = EXCLUSIVE');
      if (unfinished) opts.onUnfinished?.();
      else if (!created) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('cache_size = -65536');
  } catch (e) {
    throw new DataError(engineMissing(e) ?? said('db.cannotOpen', { path, why: describeSqliteError(e) ?? (e as Error).message }));
  }
  try {
    migrate(db, path, opts.readonly ?? false);
    // a report on a store that holds nothing because its first import never committed says so, instead of
    // reading it as a shop with no orders
    if (!opts.create && !memory && unfinishedStore(db)) throw new DataError(said('db.unfinished', { path }));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * A store that no import ever committed to: the `imports` table (every committed import leaves its row, and
 * none is ever deleted) is empty, or the file has no table at all. That is what a first import killed before
 * its commit leaves (`kill -9`: no handler runs to remove the file; SQLite rolls its journal back on the next
 * open), and a report would read it as a shop without orders.
 */
function unfinishedStore(db: Db): boolean {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (tables.length === 0) return (db.pragma('user_version', { simple: true }) as number) === 0;
  return tables.includes('imports') && db.prepare('SELECT 1 FROM imports LIMIT 1').get() === undefined;
}

/**
 * For an import (OpenOptions.holdNew): whether `path` is a store whose first import never committed, checked
 * and then held alone by this connection, as a new store is (so no other import can commit to it between
 * the check and this import's commit). Only a file still in its first journal mode can be one (a store turns
 * to WAL after its first commit); one another connection holds now is not taken (its import is running).
 */
function takeUnfinished(db: Db, path: string): boolean {
  if (!inFirstJournalMode(path)) return false;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  db.pragma('locking_mode = EXCLUSIVE');
  let unfinished = false;
  try {
    // the exclusive lock (kept after the commit: exclusive locking mode) also rolls back a killed import's journal
    db.exec('BEGIN EXCLUSIVE');
    try {
      unfinished = unfinishedStore(db);
    } finally {
      db.exec('COMMIT');
    }
  } catch {
    unfinished = false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  if (!unfinished) db.pragma('locking_mode = NORMAL');
  return unfinished;
}

function migrate(db: Db, path: string, readonly: boolean): void {
  let version: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    throw new DataError(said('db.notOurs', { path, why: describeSqliteError(e) ?? (e as Error).message }));
  }
  if (version < 0) throw new DataError(said('db.badVersion', { path, version: String(version) }));
  if (version > MIGRATIONS.length) {
    throw new DataError(said('db.newer', { path, version: String(version), known: String(MIGRATIONS.length) }));
  }
  if (version === MIGRATIONS.length) {
    const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all() as string[]);
    const missing = REQUIRED_OBJECTS.filter((n) => !present.has(n));
    if (missing.length === REQUIRED_OBJECTS.length) throw new DataError(said('db.notOursSqlite', { path }));
    if (missing.length > 0) throw new DataError(said('db.damaged', { path, what: missing.join(', ') }));
    return;
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new DataError(said('db.notOursSqliteShort', { path }));
  }
  if (readonly) throw new DataError(said('db.needsUpgrade', { path }));
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v];
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    rebuildStaleRuns(db);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

/**
 * Turns a store to WAL once its first import has committed. That import ran with a rollback journal: into
 * a new file it journals almost nothing and writes each page once, where WAL writes every page twice (to
 * the log, then back into the file: a quarter of the time of a large first import). Later imports run in
 * WAL, so reports can read while they write.
 */
export function settleJournal(db: Db): void {
  if (db.memory || db.readonly || db.inTransaction) return;
  // a new store held alone until now (OpenOptions.holdNew) lets readers in: the lock goes at the next access
  if (db.pragma('locking_mode', { simple: true }) === 'exclusive') db.pragma('locking_mode = NORMAL');
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
}

/**
 * When `path` is a new store whose first import holds it (OpenOptions.holdNew): SQLite's busy error. That is
 * when the file is still in its first journal mode (not yet WAL: the header's format bytes are 1, or the file
 * is empty) and a read is refused as busy. Null for a store in WAL (readers read while an import writes), a
 * missing file, or one nobody holds (an import killed before its commit leaves a store that reads as empty).
 */
export function firstImportHolds(path: string): Error | null {
  if (!inFirstJournalMode(path)) return null;
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return null;
  } catch (e) {
    return String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY') ? (e as Error) : null;
  } finally {
    db?.close();
  }
}

/** Whether `path` is a file not (yet) in WAL: its header's format bytes are not 2, or it is too short to have them. */
function inFirstJournalMode(path: string): boolean {
  let header: Buffer;
  try {
    header = readFileHead(path, 20);
  } catch {
    return false;
  }
  return !(header.length >= 20 && (header[18] === 2 || header[19] === 2));
}

/**
 * The first `bytes` of the file `path`, read without ever closing a descriptor on it that SQLite's locks could
 * depend on: SQLite's locks are POSIX locks, the process's, and closing ANY descriptor of the file drops them
 * all (another process could then write, or roll a running write's journal back as a hot one). A descriptor
 * this process has open on the file already (SQLite's: it keeps its own open while any connection of the
 * process holds a lock on the file) is read from and left open; only when there is none, and so no lock, is
 * the file opened and closed here. Descriptors are listed in /dev/fd (Linux, macOS); Windows' locks are not
 * POSIX locks; elsewhere the file is opened here.
 */
function readFileHead(path: string, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  const held = openDescriptorOf(path);
  if (held !== null) return buf.subarray(0, readSync(held, buf, 0, bytes, 0));
  const fd = openSync(path, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** A descriptor this process has open on the file `path` (the same device and inode), or null. */
function openDescriptorOf(path: string): number | null {
  const file = statSync(path);
  let entries: string[];
  try {
    entries = readdirSync('/dev/fd');
  } catch {
    return null;
  }
  for (const entry of entries) {
    const fd = Number(entry);
    try {
      const s = fstatSync(fd);
      if (s.ino === file.ino && s.dev === file.dev) return fd;
    } catch {
      // closed meanwhile (the listing's own descriptor, for one)
    }
  }
  return null;
}

/**
 * BEGIN IMMEDIATE, waiting up to `waitMs` while another process writes the database: polled, not blocking,
 * so that Ctrl-C is heard while waiting. `onWait` is called once, when the wait begins.
 */
export async function beginWrite(db: Db, waitMs: number, onWait?: () => void): Promise<void> {
  const deadline = Date.now() + waitMs;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (let waiting = false; ; ) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        const code = String((e as { code?: unknown }).code);
        if (!code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw e;
        if (!waiting) onWait?.();
        waiting = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

