/**
 * A report on a brand-new database whose first import is still running waits for that import, with one note,
 * up to --wait, and then reads what it stored. The first import holds the new store alone until it commits
 * (db/open.ts holdNew; it runs without a write-ahead log, to be fast); the wait here is polled, so Ctrl-C and
 * SIGTERM are answered while waiting (interrupt.ts), as SQLite's own busy wait, which blocks, would not allow.
 */
import { firstImportHolds, resolveDbPath } from '../db/open.js';
import { describeSqliteError } from '../db/sqlite-errors.js';
import { DataError } from '../errors.js';
import { said } from '../report/said.js';
import { note, waitMs, type CliContext } from './command-context.js';

const POLL_MS = 100;

export async function waitForFirstImport(ctx: CliContext): Promise<void> {
  const file = resolveDbPath(ctx.globals().db, ctx.io.env);
  if (file === ':memory:') return;
  let busy = firstImportHolds(file);
  if (!busy) return;
  const wait = waitMs(ctx);
  note(ctx, said('db.waitFirstImport', { path: file, s: wait / 1000 }));
  const deadline = Date.now() + wait;
  for (;;) {
    if (Date.now() >= deadline) throw new DataError(said('db.cannotOpen', { path: file, why: describeSqliteError(busy) ?? busy.message }));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    busy = firstImportHolds(file);
    if (!busy) return;
  }
}
