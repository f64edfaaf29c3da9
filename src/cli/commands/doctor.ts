/**
 * `orderlens doctor`: is the database sound? SQLite's integrity check, the schema orderlens expects, whether it
 * holds any import (a first import killed before its commit leaves a store that holds none), and the purchase
 * runs reports read, rebuilt from the orders and compared. Exit 1 when anything is wrong;
 * `--repair` rebuilds the purchase runs from the orders (the fix after an UPDATE or DELETE by hand).
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { DataError } from '../../errors.js';
import { bareFile, importsCheck, integrityCheck, openRaw, purchaseRunsCheck, repairPurchaseRuns, schemaCheck, type Finding } from '../../db/check.js';
import { resolveDbPath } from '../../db/open.js';
import { isBusy } from '../../db/sqlite-errors.js';
import { note, waitMs, type CliContext } from '../options.js';
import { said, speak, type Said } from '../../report/said.js';
import { say } from '../../report/messages.js';

export function doctorCommand(ctx: CliContext): Command {
  return new Command('doctor')
    .option('--repair')
    .action((flags: { repair?: boolean }) => {
      const path = resolveDbPath(ctx.globals().db, ctx.io.env);
      if (path === ':memory:' || !existsSync(path)) throw new DataError(said('doctor.noDatabase', { path }));
      // a rollback journal beside the file: a write that never finished (an import killed, a power cut) may have
      // left it hot, and only a connection that may write rolls it back (as any import or report would on
      // opening): read-only, every check would fail with "attempt to write a readonly database"
      const journal = `${path}-journal`;
      const unfinishedWrite = existsSync(journal);
      let db;
      try {
        // a store another import is writing is waited for (up to --wait, with a note), then said to be busy
        db = openRaw(path, !flags.repair && !unfinishedWrite, Math.min(QUIET_WAIT_MS, waitMs(ctx)));
      } catch (e) {
        throw new DataError(said('doctor.notSqlite', { path, why: (e as Error).message }));
      }
      let waited = false;
      // a check SQLite refused as busy (another process writes the store): waited for once, then not a finding
      const patiently = <T>(run: () => T): T => {
        try {
          return run();
        } catch (e) {
          if (!isBusy(e) || waited || waitMs(ctx) <= QUIET_WAIT_MS) throw e;
          waited = true;
          note(ctx, said('doctor.waiting', { path, s: waitMs(ctx) / 1000 }));
          db.pragma(`busy_timeout = ${waitMs(ctx) - QUIET_WAIT_MS}`);
          return run();
        }
      };
      const guard = (check: Finding['check'], run: () => Finding) => patiently(() => guarded(check, run));
      const findings: Finding[] = [];
      try {
        findings.push(guard('integrity', () => integrityCheck(db)));
        // a file with no table yet has no schema to check: it holds no import, which is what it lacks
        const bare = findings[0].ok && patiently(() => isBare(db));
        const schema = bare ? null : guard('schema', () => schemaCheck(db));
        if (schema) findings.push(schema);
        const imports = bare || schema?.ok ? guard('imports', () => importsCheck(db)) : null;
        if (imports) findings.push(imports);
        if (schema?.ok && imports?.ok) {
          let runs = guard('purchase_runs', () => purchaseRunsCheck(db));
          if (!runs.ok && flags.repair && findings[0].ok) {
            patiently(() => repairPurchaseRuns(db));
            const after = patiently(() => purchaseRunsCheck(db));
            runs = { ...after, detail: after.ok ? said('doctor.runs.repaired', { detail: after.detail }) : after.detail };
          }
          findings.push(runs);
        }
      } catch (e) {
        if (!isBusy(e)) throw e;
        throw new DataError(said('doctor.busy', { path, s: waitMs(ctx) / 1000 }));
      } finally {
        db.close();
      }
      if (unfinishedWrite && !existsSync(journal)) note(ctx, said('doctor.rolledBack', { path }));
      // one line per check on stdout: for a person on a terminal in their language; piped or redirected, the
      // stable English a script parses (`integrity: ok`), as CSV keeps its English column names
      const lang = ctx.io.stdoutIsTTY ? (ctx.lang ?? 'en') : 'en';
      for (const f of findings) {
        const line = say(lang, f.ok ? 'doctor.line.ok' : 'doctor.line.problem', { check: say(lang, `doctor.check.${f.check}`), detail: speak(lang, f.detail) });
        ctx.io.stdout.write(`${line}\n`);
      }
      const bad = findings.filter((f) => !f.ok);
      // nothing wrong but that no import ever committed: say so plainly, and what to do
      if (bad.length === 1 && bad[0].check === 'imports') throw new DataError(said('doctor.noImport', { path }));
      if (bad.length > 0) {
        const checks = checkList(bad.map((f) => said(`doctor.check.${f.check}`)));
        const key = bad.some((f) => f.check === 'purchase_runs') && !flags.repair ? 'doctor.failedRepair' : bad.some((f) => f.check !== 'purchase_runs') ? 'doctor.failedRestore' : 'doctor.failed';
        throw new DataError(said(key, { path, checks }));
      }
      note(ctx, said('doctor.ok', { path }));
    });
}

/** How long a check waits for a lock before doctor says it is waiting (a commit takes well under a second). */
const QUIET_WAIT_MS = 1000;

function isBare(db: Parameters<typeof bareFile>[0]): boolean {
  try {
    return bareFile(db);
  } catch (e) {
    if (isBusy(e)) throw e;
    return false; // the schema check names what cannot be read
  }
}

/**
 * A check that cannot even run (a damaged page, a missing table) is a failed check, not a crash; one refused
 * because another process holds the store is no finding about the store (thrown on).
 */
function guarded(check: Finding['check'], run: () => Finding): Finding {
  try {
    return run();
  } catch (e) {
    if (isBusy(e)) throw e;
    return { check, ok: false, detail: said('doctor.couldNotRun', { why: (e as Error).message }) };
  }
}

/** The names of the failed checks (at most three fail together), as one phrase. */
function checkList(names: Said[]): Said {
  const [a, b, c] = names;
  if (c) return said('doctor.checks.3', { a, b, c });
  return b ? said('doctor.checks.2', { a, b }) : said('doctor.checks.1', { a });
}
