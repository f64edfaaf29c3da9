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
import { said, speak, type Said } from '../../report/said.js';
import { say } from '../../report/messages.js';

export function doctorCommand(ctx: CliContext): Command {
  return new Command('doctor')
    .option('--repair')
    .action((flags: { repair?: boolean }) => {
      const path = resolveDbPath(ctx.globals().db, ctx.io.env);
      if (path === ':memory:' || !existsSync(path)) throw new DataError(said('doctor.noDatabase', { path }));
      let db;
      try {
        db = openRaw(path, !flags.repair);
      } catch (e) {
        throw new DataError(said('doctor.notSqlite', { path, why: (e as Error).message }));
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
            runs = { ...after, detail: after.ok ? said('doctor.runs.repaired', { detail: after.detail }) : after.detail };
          }
          findings.push(runs);
        }
      } finally {
        db.close();
      }
      // one line per check on stdout: for a person on a terminal in their language; piped or redirected, the
      // stable English a script parses (`integrity: ok`), as CSV keeps its English column names
      const lang = ctx.io.stdoutIsTTY ? (ctx.lang ?? 'en') : 'en';
      for (const f of findings) {
        const line = say(lang, f.ok ? 'doctor.line.ok' : 'doctor.line.problem', { check: say(lang, `doctor.check.${f.check}`), detail: speak(lang, f.detail) });
        ctx.io.stdout.write(`${line}\n`);
      }
      const bad = findings.filter((f) => !f.ok);
      if (bad.length > 0) {
        const checks = checkList(bad.map((f) => said(`doctor.check.${f.check}`)));
        const key = bad.some((f) => f.check === 'purchase_runs') && !flags.repair ? 'doctor.failedRepair' : bad.some((f) => f.check !== 'purchase_runs') ? 'doctor.failedRestore' : 'doctor.failed';
        throw new DataError(said(key, { path, checks }));
      }
      note(ctx, said('doctor.ok', { path }));
    });
}

/** A check that cannot even run (a damaged page, a missing table) is a failed check, not a crash. */
function guard(check: Finding['check'], run: () => Finding): Finding {
  try {
    return run();
  } catch (e) {
    return { check, ok: false, detail: said('doctor.couldNotRun', { why: (e as Error).message }) };
  }
}

/** The names of the failed checks (at most the three there are), as one phrase. */
function checkList(names: Said[]): Said {
  const [a, b, c] = names;
  if (c) return said('doctor.checks.3', { a, b, c });
  return b ? said('doctor.checks.2', { a, b }) : said('doctor.checks.1', { a });
}
