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
      // a nightly import: when the note was first and last said, and by how many imports (one that stopped shows an old last day)
      for (const n of listImportNotes(db)) {
        const days = n.first === n.day ? n.day : say(lang, 'info.dayRange', { first: n.first, last: n.day });
        const item = n.times > 1 ? say(lang, 'info.noteSaid', { source: n.source, days, n: n.times }) : `${n.source} (${days})`;
        report.rows.push({ section: noteSection, item, value: speak(lang, n.text) });
      }
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
}

