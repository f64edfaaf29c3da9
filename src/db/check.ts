/**
 * What `orderlens doctor` checks: SQLite's own integrity check, the schema orderlens expects, whether any import
 * ever committed to the store, and the purchase runs (the packed purchase log reports read, a second store
 * beside the orders) against a fresh computation from the orders. `repairPurchaseRuns` rebuilds the runs from
 * the orders.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './schema.js';
import { readRuns, rebuildPurchaseRuns, runCurrencies } from './purchase-runs.js';
import { COUNTED_CODES_SQL, rowCurrencySql } from './status-codes.js';
import { forgetRowChunks } from './row-chunks.js';
import { REQUIRED_OBJECTS, type Db } from './open.js';
import { said, type Said } from '../report/said.js';

export interface Finding {
  check: 'integrity' | 'schema' | 'imports' | 'purchase_runs';
  ok: boolean;
  /** What was found, in a few words (`ok`, `3 entries differ`, the first SQLite message …), said in the user's language. */
  detail: Said;
}

/** SQLite's `PRAGMA integrity_check`: `ok`, or its first messages. */
export function integrityCheck(db: Db): Finding {
  const lines = db.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
  const ok = lines.length === 1 && lines[0] === 'ok';
  if (ok) return { check: 'integrity', ok, detail: said('doctor.integrity.ok') };
  const first = lines.slice(0, 3).join('; ');
  return { check: 'integrity', ok, detail: lines.length > 3 ? said('doctor.integrity.foundMore', { lines: first, n: lines.length - 3 }) : said('doctor.integrity.found', { lines: first }) };
}

/** The schema version and the tables and views orderlens needs. */
export function schemaCheck(db: Db): Finding {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== MIGRATIONS.length) return { check: 'schema', ok: false, detail: said('doctor.schema.version', { version, expected: MIGRATIONS.length }) };
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all() as string[]);
  const missing = REQUIRED_OBJECTS.filter((n) => !present.has(n));
  return missing.length === 0 ? { check: 'schema', ok: true, detail: said('doctor.schema.ok', { version }) } : { check: 'schema', ok: false, detail: said('doctor.schema.missing', { list: missing }) };
}

/**
 * A file SQLite made and nothing more: no table, schema version 0. An import killed before its first table
 * was committed leaves one (or an empty file); it holds no import, whatever version it should have.
 */
export function bareFile(db: Db): boolean {
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  return tables === 0 && (db.pragma('user_version', { simple: true }) as number) === 0;
}

/**
 * Whether any import ever committed to the store: every committed import leaves its row in `imports` and none
 * is ever deleted, so an empty table is a store whose first import was stopped before it stored anything
 * (`kill -9`, a power cut) — reports refuse it and the next import takes it as new (db/open.ts).
 */
export function importsCheck(db: Db): Finding {
  if (bareFile(db)) return { check: 'imports', ok: false, detail: said('doctor.imports.none') };
  // a file is known by its (keyed) SHA-256: the nightly re-import of the same export is one file, imported again
  const { n, files } = db.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS files FROM imports').get() as { n: number; files: number };
  if (n === 0) return { check: 'imports', ok: false, detail: said('doctor.imports.none') };
  return { check: 'imports', ok: true, detail: files === n ? said('doctor.imports.ok', { n }) : said('doctor.imports.again', { files, n }) };
}

/** The purchase runs against `GROUP BY currency, customer, day` over the counted orders. */
export function purchaseRunsCheck(db: Db): Finding {
  const expected = new Map<string, [number, number, number]>();
  const rows = db
    .prepare(
      `SELECT ${rowCurrencySql('o', 's')}, coalesce(o.customer_id, -o.source), o.day, count(*), sum(o.gross), sum(o.net)
       FROM order_rows o JOIN sources s ON s.id = o.source WHERE o.status IN (${COUNTED_CODES_SQL}) GROUP BY 1, 2, 3`,
    )
    .raw(true);
  for (const [currency, customer, day, orders, gross, net] of rows.iterate() as Iterable<[string, number, number, number, number, number]>) {
    expected.set(`${currency}\u0000${customer}\u0000${day}`, [orders, gross, net]);
  }
  const currencies = new Set([...runCurrencies(db), ...[...expected.keys()].map((k) => k.split('\u0000')[0])]);
  let entries = 0;
  let differ = 0;
  let first: Said | null = null;
  for (const currency of currencies) {
    const run = readRuns(db, currency);
    for (let i = 0; i < run.customer.length; i++) {
      if (run.orders[i] === 0 && run.gross[i] === 0 && run.net[i] === 0) continue;
      entries++;
      const key = `${currency}\u0000${run.customer[i]}\u0000${run.day[i]}`;
      const want = expected.get(key);
      expected.delete(key);
      if (!want || want[0] !== run.orders[i] || want[1] !== run.gross[i] || want[2] !== run.net[i]) {
        differ++;
        first ??= said('doctor.runs.entry', { currency, customer: run.customer[i], day: run.day[i] });
      }
    }
  }
  for (const key of expected.keys()) {
    differ++;
    const [currency, customer, day] = key.split('\u0000');
    first ??= said('doctor.runs.entry', { currency, customer: Number(customer), day: Number(day) });
  }
  if (differ === 0 || first === null) return { check: 'purchase_runs', ok: true, detail: said('doctor.runs.ok', { n: entries }) };
  return { check: 'purchase_runs', ok: false, detail: said('doctor.runs.differ', { n: differ, first }) };
}

/** Rebuilds the purchase runs from the orders, in one transaction. */
export function repairPurchaseRuns(db: Db): void {
  db.transaction(() => {
    rebuildPurchaseRuns(db);
    // orders were changed by hand: the recorded row chunks no longer say what their rows became
    forgetRowChunks(db);
  })();
}

/**
 * Opens a file as SQLite only (no migration, no schema expected), for the integrity check; a statement waits
 * up to `busyMs` for another process's lock.
 */
export function openRaw(path: string, readonly: boolean, busyMs = 5000): Db {
  return new Database(path, { readonly, fileMustExist: true, timeout: busyMs });
}
