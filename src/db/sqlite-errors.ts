/**
 * SQLite's errors in words a shop owner can act on: what is wrong with the database file and what to do
 * (`orderlens doctor`, `--wait`, free disk space). Null for an error that is not SQLite's.
 */
const DOCTOR = "run 'orderlens doctor' to see what is wrong, then restore a backup or re-import the exports into a new database";

export function describeSqliteError(e: unknown): string | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const message = (e as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return `the database file is damaged (${message}): ${DOCTOR}`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `the database is busy: another orderlens (an import) is writing it; try again when it is done, or wait longer with --wait SECONDS`;
  if (code === 'SQLITE_FULL') return `the disk is full (${message}): nothing of this run was stored; free some space and run it again`;
  if (code.startsWith('SQLITE_READONLY')) return `the database cannot be written (${message}): check the file's and its folder's permissions`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `the database cannot be opened (${message}): check the path and its folder's permissions`;
  if (code.startsWith('SQLITE_IOERR')) return `cannot read or write the database (${message}): check the disk`;
  if (/no such (table|view|column)/.test(message)) return `the database lacks what orderlens expects (${message}): was it changed by hand? ${DOCTOR}`;
  return `the database failed (${message}): ${DOCTOR}`;
}
