/**
 * `orderlens info`: what is in the database — orders, customers, dates, revenue by currency, platforms and
 * shops, statuses, orders without a buyer, and the import history.
 */
import { Command } from 'commander';
import { summarizeDb } from '../../db/queries.js';
import { addOutputOptions, emitReport, openReportDb, resolveOutput, type CliContext, type OutputFlags } from '../options.js';
import { say } from '../../report/messages.js';
import { speak } from '../../report/said.js';
import { infoReport } from '../info-report.js';
import { listImportNotes } from '../../db/import-notes.js';

export function infoCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('info').option('--all'),
  ).action((flags: OutputFlags & { all?: boolean }) => {
    const db = openReportDb(ctx);
    try {
      const lang = flags.lang === 'zh' ? 'zh' : 'en';
      const report = infoReport(summarizeDb(db), lang, { allImports: flags.all === true, display: resolveOutput(ctx, flags).format === 'table' });
      const noteSection = say(lang, 'info.importNote');
      for (const n of listImportNotes(db)) report.rows.push({ section: noteSection, item: `${n.source} (${n.day})`, value: speak(lang, n.text) });
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
}

