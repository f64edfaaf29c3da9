/**
 * `orderlens info`: what is in the database — orders, customers, dates, revenue by currency, platforms and
 * shops, statuses, orders without a buyer, and the import history.
 */
import { Command } from 'commander';
import { summarizeDb } from '../../db/queries.js';
import { addOutputOptions, emitReport, openReportDb, resolveOutput, type CliContext, type OutputFlags } from '../options.js';
import { infoReport } from '../info-report.js';
import { listImportNotes } from '../../db/import-notes.js';

export function infoCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('info').option('--all'),
  ).action((flags: OutputFlags & { all?: boolean }) => {
    const db = openReportDb(ctx);
    try {
      const lang = flags.lang === 'zh' ? 'zh' : 'en';
      const report = infoReport(summarizeDb(db), lang, { allImports: flags.all === true, display: resolveOutput(ctx, flags).format === 'table', notes: listImportNotes(db) });
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
}

