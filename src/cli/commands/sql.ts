/**
 * `orderlens sql "SELECT …"`: a read-only query over the documented views (orders, customers, purchases, items;
 * db/query-views.ts), printed through the same output layer as every report (table, csv, json, ndjson, xlsx).
 */
import { Command } from 'commander';
import { openDb, resolveDbPath } from '../../db/open.js';
import { createQueryViews } from '../../db/query-views.js';
import { UsageError } from '../../errors.js';
import type { Column, Report, Row } from '../../output/report.js';
import { addOutputOptions, emitReport, type CliContext, type OutputFlags } from '../options.js';
import { said, type Said } from '../../report/said.js';

/** Id-like columns stay text (no thousands separators); whole numbers are ints, other numbers decimals. */
function columnsOf(names: string[], rows: Row[]): Column[] {
  return names.map((key) => {
    if (key === 'id' || /_(id|ref|key)$/.test(key)) return { key, kind: 'text' };
    let kind: Column['kind'] = 'int';
    let seen = false;
    for (const row of rows) {
      const v = row[key];
      if (v === null || v === undefined) continue;
      seen = true;
      if (typeof v !== 'number') return { key, kind: 'text' };
      if (!Number.isInteger(v)) kind = 'number';
    }
    return { key, kind: seen ? kind : 'text' };
  });
}

export function sqlCommand(ctx: CliContext): Command {
  const cmd = new Command('sql')
    .argument('<query>');
  addOutputOptions(cmd).action((query: string, flags: OutputFlags) => {
    const db = openDb(resolveDbPath(ctx.globals().db, ctx.io.env), { create: false, readonly: true });
    try {
      createQueryViews(db);
      let stmt;
      try {
        stmt = db.prepare(query);
      } catch (e) {
        throw new UsageError(sqliteSaid((e as Error).message));
      }
      if (!stmt.reader || !stmt.readonly) throw new UsageError(said('sql.readOnly'));
      let rows: Row[];
      try {
        rows = stmt.all() as Row[];
      } catch (e) {
        throw new UsageError(sqliteSaid((e as Error).message));
      }
      const names = stmt.columns().map((c) => c.name);
      if (new Set(names).size !== names.length) throw new UsageError(said('sql.sameName', { list: names }));
      const columns = columnsOf(names, rows);
      for (const c of columns) if (c.kind === 'text') for (const row of rows) if (typeof row[c.key] === 'number' || typeof row[c.key] === 'bigint') row[c.key] = String(row[c.key]);
      const report: Report = { columns, rows };
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

/** SQLite's message about a query, said in the user's language where it is one of the usual ones. */
function sqliteSaid(message: string): Said {
  let m: RegExpExecArray | null;
  if ((m = /^no such table: (.+)$/.exec(message))) return said('sql.noSuchTable', { name: m[1] });
  if ((m = /^no such column: (.+)$/.exec(message))) return said('sql.noSuchColumn', { name: m[1] });
  if ((m = /^near (.+): syntax error$/.exec(message))) return said('sql.syntax', { near: m[1] });
  if ((m = /^cannot modify (.+) because it is a view$/.exec(message))) return said('sql.view', { name: m[1] });
  if (message === 'incomplete input') return said('sql.incomplete');
  return said('sql.failed', { why: message });
}
