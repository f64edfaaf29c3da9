/**
 * `orderlens doctor`: is the database sound? SQLite's integrity check, the schema orderlens expects, and the
 * purchase runs reports read, rebuilt from the orders and compared. Exit 1 when anything is wrong;
 * `--repair` rebuilds the purchase runs from the orders (the fix after an UPDATE or DELETE by hand).
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { DataError } from '../../errors.js';
import { integrityCheck, openRaw, purchaseRunsCheck, repairPurchaseRuns, schemaCheck, type Finding } from '../../db/check.js';
import { resolveDbPath } from '../../db/open.js';
import { note, type CliContext } from '../options.js';
import { said } from '../../report/said.js';

export function doctorCommand(ctx: CliContext): Command {
  return new Command('doctor')
    .description("check the database: SQLite's integrity check, the schema, and the purchase runs rebuilt from the orders (exit 1 on any problem)")
    .option('--repair', 'rebuild the purchase runs from the orders when they differ')
    .addHelpText(
      'after',
      `
Run it after changing the database by hand (UPDATE/DELETE in sqlite3), or when an error suggests it.
Exit 0 when every check passes, 1 otherwise.

Examples:
  orderlens doctor                      # integrity, schema and purchase runs of ./orderlens.db
  orderlens --db shop.db doctor --repair  # rebuild the purchase runs after editing orders by hand`,
    )
    .action((flags: { repair?: boolean }) => {
      const path = resolveDbPath(ctx.globals().db, ctx.io.env);
      if (path === ':memory:' || !existsSync(path)) throw new DataError(`no database at ${path}: pass --db PATH`);
      let db;
      try {
        db = openRaw(path, !flags.repair);
      } catch (e) {
        throw new DataError(`${path} cannot be opened as a SQLite database (${(e as Error).message})`);
      }
      const findings: Finding[] = [];
      try {
        findings.push(guard('integrity', () => integrityCheck(db)));
        const schema = guard('schema', () => schemaCheck(db));
        findings.push(schema);
        if (schema.ok) {
          let runs = guard('purchase_runs', () => purchaseRunsCheck(db));
          if (!runs.ok && flags.repair && findings[0].ok) {
            repairPurchaseRuns(db);
            const after = purchaseRunsCheck(db);
            runs = { ...after, detail: after.ok ? `repaired: ${after.detail}` : after.detail };
          }
          findings.push(runs);
        }
      } finally {
        db.close();
      }
      for (const f of findings) ctx.io.stdout.write(`${f.check}: ${f.ok ? 'ok' : 'PROBLEM'} — ${f.detail}\n`);
      const bad = findings.filter((f) => !f.ok);
      if (bad.length > 0) {
        const hint = bad.some((f) => f.check === 'purchase_runs') && !flags.repair ? "; 'orderlens doctor --repair' rebuilds the purchase runs from the orders" : bad.some((f) => f.check !== 'purchase_runs') ? '; restore a backup, or re-import the exports into a new database' : '';
        throw new DataError(`${path}: ${bad.map((f) => f.check).join(', ')} check failed${hint}`);
      }
      note(ctx, said('doctor.ok', { path }));
    });
}

/** A check that cannot even run (a damaged page, a missing table) is a failed check, not a crash. */
function guard(check: Finding['check'], run: () => Finding): Finding {
  try {
    return run();
  } catch (e) {
    return { check, ok: false, detail: (e as Error).message };
  }
}
