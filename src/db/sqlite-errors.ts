/**
 * SQLite's errors in words a shop owner can act on: what is wrong with the database file and what to do
 * (`orderlens doctor`, `--wait`, free disk space). Null for an error that is not SQLite's.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { said, type Said } from '../report/said.js';

export function describeSqliteError(e: unknown): Said | null {
  const engine = engineMissing(e);
  if (engine) return engine;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const message = (e as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return said('sqlite.damaged', { why: message });
  if (isBusy(e)) return said('sqlite.busy');
  if (code === 'SQLITE_FULL') return said('sqlite.full', { why: message });
  if (code.startsWith('SQLITE_READONLY')) return said('sqlite.readonly', { why: message });
  if (code.startsWith('SQLITE_CANTOPEN')) return said('sqlite.cantOpen', { why: message });
  if (code.startsWith('SQLITE_IOERR')) return said('sqlite.io', { why: message });
  if (/no such (table|view|column)/.test(message)) return said('sqlite.lacks', { why: message });
  return said('sqlite.failed', { why: message });
}

/** Whether `e` is SQLite saying another connection holds the database (busy or locked). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * better-sqlite3's compiled part (its .node file) failing to load, in words that say what to run: it is missing
 * (`npm install --ignore-scripts`, a copied folder: bindings' "Could not locate the bindings file. Tried:" and a
 * dozen paths, one a line) or built for another Node or system (ERR_DLOPEN_FAILED, "compiled against a
 * different Node.js version"). better-sqlite3 loads it at the first `new Database`, so opening the store is
 * what throws it (open.ts); null for any other error.
 */
export function engineMissing(e: unknown): Said | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  const located = e.message.startsWith('Could not locate the bindings file');
  if (!located && !(code === 'ERR_DLOPEN_FAILED' && e.message.includes('better_sqlite3'))) return null;
  // the first line (bindings lists every path it tried on the next ones), without node's advice: ours follows
  const why = e.message.split('\n')[0].replace(/\s*Tried:\s*$/, '').replace(/\s*Please try re-compiling.*$/, '');
  return said('db.noEngine', { node: process.version, why, dir: packageDir() });
}

/** The folder `npm rebuild better-sqlite3` is run in: the one whose node_modules holds it. */
function packageDir(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('better-sqlite3');
    const at = entry.lastIndexOf(`${sep}node_modules${sep}`);
    return at < 0 ? process.cwd() : entry.slice(0, at) || sep;
  } catch {
    return process.cwd();
  }
}
