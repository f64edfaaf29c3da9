/**
 * The key that hashes personal buyer data (emails, phones, names) lives in a key file outside the database:
 * the same key gives the same `customer_key` for the same buyer in every database made with it (yesterday's
 * CSV joins today's), and a database file copied to someone without the key reveals no contact data, not
 * even to someone who tries every phone number against the masked form. The database records only the key's
 * fingerprint, and refuses to mix buyers hashed under two keys.
 *
 * The file: $ORDERLENS_KEY_FILE, else `orderlens/key` in the user's config directory ($XDG_CONFIG_HOME or
 * ~/.config; ~/Library/Application Support on macOS; %APPDATA% on Windows). It is created on the first
 * import, mode 0600 in a 0700 directory: one line of 64 hex digits (256 random bits).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { Db } from './open.js';
import { said, type Said } from '../report/said.js';

const KEY = /^[0-9a-f]{64}$/;

/** Where the key file is under `env` (the CLI's environment; process.env for library callers). */
export function keyFilePath(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (env.ORDERLENS_KEY_FILE) return path.resolve(env.ORDERLENS_KEY_FILE);
  const home = env.HOME || env.USERPROFILE || homedir();
  let config: string;
  if (platform === 'win32') config = env.APPDATA || path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') config = path.join(home, 'Library', 'Application Support');
  else config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, 'orderlens', 'key');
}

/** A short public name of a key, stored in the database: it identifies the key without revealing it. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(`orderlens key fingerprint\0${key}`).digest('hex').slice(0, 16);
}

/** The key in `file`, or null when there is no such file. */
export function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DataError(said('key.cannotRead', { file, why: (e as Error).message }));
  }
  const key = text.trim().toLowerCase();
  if (!KEY.test(key)) throw new DataError(said('key.notKey', { file }));
  return key;
}

/**
 * Writes `key` to a new file (0600, its directory made 0700); fails when the file exists. The key is written
 * to a temporary file beside it first and linked into place, so the file never exists half-written (a kill
 * at any moment leaves either no key file or the whole key); where hard links are not supported, it is
 * written in place.
 */
export function writeKeyFile(file: string, key: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    writeNew(temp, key);
    try {
      linkSync(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
      writeNew(file, key);
    } finally {
      rmSync(temp, { force: true });
    }
  } catch (e) {
    throw new DataError(said('key.cannotCreate', { file, why: (e as Error).message }));
  }
}

function writeNew(file: string, key: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
}

/** The key in `file`, made on first use. Two imports racing to make it agree: the loser reads the winner's. */
function loadOrCreateKey(file: string): { key: string; created: boolean } {
  const found = readKeyFile(file);
  if (found !== null) return { key: found, created: false };
  const key = randomBytes(32).toString('hex');
  try {
    writeKeyFile(file, key);
  } catch (e) {
    const now = readKeyFile(file);
    if (now !== null) return { key: now, created: false };
    throw e;
  }
  return { key, created: true };
}

export interface BoundKey {
  key: string;
  /** What the user should hear once (a key file made, a key moved out of the database). */
  notes: Said[];
}

const meta = (db: Db, name: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(name) as string | undefined;

/**
 * The key to hash this database's buyers with, from `file`, checked against the fingerprint the database
 * records (a database without one records it now). A database from an older orderlens keeps its key in
 * its `meta` table: it is written out to `file` when there is none yet, and removed from the database.
 * `dryRun` writes nothing, to the database or to the key file.
 */
export function bindKey(db: Db, file: string, dryRun = false): BoundKey {
  const notes: Said[] = [];
  const name = db.name === ':memory:' ? 'the database' : db.name;
  const inside = meta(db, 'secret');
  if (inside !== undefined) {
    if (dryRun || db.readonly) return { key: inside, notes };
    const outside = readKeyFile(file);
    if (outside === null) {
      writeKeyFile(file, inside);
      notes.push(said('key.moved', { db: name, file }));
    } else if (outside !== inside) {
      throw new DataError(said('key.twoKeys', { db: name, file }));
    }
    db.transaction(() => {
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('key_fingerprint', ?)").run(keyFingerprint(inside));
      db.prepare("DELETE FROM meta WHERE key = 'secret'").run();
    })();
    return { key: inside, notes };
  }
  const recorded = meta(db, 'key_fingerprint');
  if (recorded === undefined && db.prepare("SELECT 1 FROM customers WHERE buyer_key LIKE 'h:%' LIMIT 1").pluck().get() !== undefined) {
    throw new DataError(said('key.noRecord', { db: name }));
  }
  let key: string;
  if (dryRun) {
    // nothing is stored: a missing key file is not made, and a throw-away key hashes the buyers
    key = readKeyFile(file) ?? randomBytes(32).toString('hex');
    if (recorded !== undefined && keyFingerprint(key) !== recorded) throw mismatch(name, recorded, file, key);
    return { key, notes };
  }
  // a database that records a key needs that key: a new one made here could only be refused
  if (recorded !== undefined && readKeyFile(file) === null) throw new DataError(said('key.missing', { db: name, recorded, file }));
  const loaded = loadOrCreateKey(file);
  key = loaded.key;
  if (recorded !== undefined && keyFingerprint(key) !== recorded) throw mismatch(name, recorded, file, key);
  if (loaded.created) notes.push(said('key.made', { file }));
  if (recorded === undefined) db.prepare("INSERT INTO meta (key, value) VALUES ('key_fingerprint', ?)").run(keyFingerprint(key));
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    notes.push(said('key.readable', { file, path: file }));
  }
  return { key, notes };
}

function mismatch(name: string, recorded: string, file: string, key: string): DataError {
  return new DataError(said('key.mismatch', { db: name, recorded, file, fingerprint: keyFingerprint(key) }));
}
