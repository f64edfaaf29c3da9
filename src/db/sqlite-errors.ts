/**
 * SQLite's errors in words a shop owner can act on: what is wrong with the database file and what to do
 * (`orderlens doctor`, `--wait`, free disk space). Null for an error that is not SQLite's.
 */
import { said, type Said } from '../report/said.js';

export function describeSqliteError(e: unknown): Said | null {
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
