/**
 * Re-importing a file byte for byte the same as one imported before (a cron job loading yesterday's export
 * again) without reading it: every import records its file's size and SHA-256 and, in `imports.replay`, what
 * a second import of the same bytes would have to say (the settings it was read with, its notes). A later
 * import of the same bytes, read with the same settings into the same source, reuses that outcome — every
 * order unchanged — when nothing can have made it different:
 *
 * - the earlier import stored everything it read: no rejected rows (their file:line must be said again),
 *   no stale rows (they are still not applied), no items attached to other orders;
 * - no import since has updated an order of that source (an older or newer export, --allow-stale): only
 *   then are the stored orders still what the file says; imports that only added orders change nothing
 *   the file says;
 * - the same orderlens version and schema (an adapter fix may read the same bytes differently).
 *
 * The check runs inside the import's write transaction, so no other import can slip in between.
 */
import type { Db } from './db-handle.js';
import type { Said } from '../report/said.js';

/** What an import records for a later import of the same bytes (JSON in imports.replay). */
export interface ReplayRecord {
  /** Version of this record's shape. */
  v: 1;
  /** The reading key: orderlens version, source, settings and options that decide what the rows become. */
  key: string;
  /** The schema (PRAGMA user_version) the import ran under. */
  schema: number;
  /** Items attached to stored orders from an item report (a replay needs none). */
  items: number;
  /** Unknown status texts and how many orders carried each. */
  unknown: [string, number][];
  /** Orders without a buyer identity. */
  withoutBuyer: number;
  /** The adapter's and reader's notes about the file. */
  /** Catalogue messages (an import before orderlens spoke Chinese stored English text). */
  notes: (string | Said)[];
  /** What the reading concluded on its own (ImportResult.concluded). */
  concluded: { assumedCurrency: string | null; dateOrder: 'mdy' | 'dmy' | null; noAmounts: boolean };
}

/** An earlier import whose outcome a re-import of the same bytes may reuse. */
export interface Replayable {
  importId: number;
  startedAt: string;
  /** Rows it read, and the orders it stored (inserted, updated or unchanged): all unchanged now. */
  rows: number;
  orders: number;
  record: ReplayRecord;
}

/** Whether any finished import of a file of this size was recorded: the cheap test before hashing a file. */
export function anyImportOfSize(db: Db, size: number): boolean {
  return db.prepare('SELECT 1 FROM imports WHERE size = ? AND replay IS NOT NULL AND finished_at IS NOT NULL LIMIT 1').pluck().get(size) !== undefined;
}

/**
 * The import a re-import of these bytes into `platform/shop`, read with `key`, may reuse; null when there is
 * none or when something since could make its outcome different (see the top of the file). Call it inside
 * the import's write transaction.
 */
export function findReplayable(db: Db, where: { platform: string; shop: string; size: number; sha256: string; key: string }): Replayable | null {
  const row = db
    .prepare(
      `SELECT id, started_at, rows_read, inserted + updated + unchanged, stale, rejected, replay FROM imports
       WHERE platform = ? AND shop = ? AND size = ? AND sha256 = ? AND replay IS NOT NULL AND finished_at IS NOT NULL
       ORDER BY id DESC LIMIT 1`,
    )
    .raw(true)
    .get(where.platform, where.shop, where.size, where.sha256) as [number, string, number, number, number, number, string] | undefined;
  if (!row) return null;
  const [importId, startedAt, rows, orders, stale, rejected, text] = row;
  const record = JSON.parse(text) as ReplayRecord;
  const schema = db.pragma('user_version', { simple: true }) as number;
  if (record.v !== 1 || record.key !== where.key || record.schema !== schema || stale > 0 || rejected > 0 || record.items > 0) return null;
  const changedSince = db
    .prepare(
      `SELECT 1 FROM imports WHERE platform = ? AND shop = ? AND id > ?
       AND (updated > 0 OR replay IS NULL OR json_extract(replay, '$.items') > 0) LIMIT 1`,
    )
    .pluck()
    .get(where.platform, where.shop, importId);
  return changedSince === undefined ? { importId, startedAt, rows, orders, record } : null;
}

/** Records the file's size, SHA-256 and replay record on an import (in its transaction). */
export function recordReplay(db: Db, importId: number, file: { size: number | null; sha256: string }, record: ReplayRecord): void {
  db.prepare('UPDATE imports SET sha256 = ?, size = ?, replay = ? WHERE id = ?').run(file.sha256, file.size, JSON.stringify(record), importId);
}

/** Stores a re-import that reused an earlier one's outcome: every order unchanged (in its transaction). */
export function storeReplayedImport(
  db: Db,
  rec: { path: string; platform: string; shop: string; encoding: string; startedAt: string; finishedAt: string; size: number; sha256: string },
  from: Replayable,
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO imports (path, sha256, platform, shop, encoding, started_at, finished_at, rows_read, unchanged, size, replay)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(rec.path, rec.sha256, rec.platform, rec.shop, rec.encoding, rec.startedAt, rec.finishedAt, from.rows, from.orders, rec.size, JSON.stringify(from.record))
      .lastInsertRowid,
  );
  return id;
}
