/**
 * `orderlens demo`: imports the bundled sample exports (fixtures/demo) into a throw-away database and
 * prints real reports, so a new user sees what orderlens does in one command.
 */
import { segmentLabels } from '../../report/segment-names.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { PACKAGE_ROOT } from '../../version.js';
import { createHash } from 'node:crypto';
import { keyFilePath, writeKeyFile } from '../../db/key-file.js';
import { openDb } from '../../db/open.js';
import { loadPurchaseLog, summarizeDb } from '../../db/queries.js';
import { importFile } from '../../import/importer.js';
import { summarizeCustomers } from '../../analytics/customer-summary.js';
import { customerTotalsReport } from '../../report/customers.js';
import { segmentSummaryReport } from '../../report/rfm.js';
import { defaultAsOf } from '../../analytics/rfm.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import { summarizeSegments } from '../../analytics/segment-summary.js';
import { formatDay } from '../../domain/day.js';
import { asOfLog } from '../../domain/purchase-log.js';
import { infoReport } from '../info-report.js';
import { importLine } from '../import-line.js';
import { say } from '../../report/messages.js';
import { said, type Said } from '../../report/said.js';
import { render } from '../../output/render.js';
import type { Report } from '../../output/report.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, note, parseIntFlag, resolveOutput, writeOutput, type CliContext, type OutputFlags } from '../options.js';
import { tableLines } from '../../report/table-lines.js';

interface DemoSection {
  key: string;
  title: string;
  report: Report;
}

/**
 * The demo's reports as one document: titled sections for the table and CSV views, one JSON object keyed
 * by section for --format json (so it parses), to stdout or --out.
 */
function emitSections(ctx: CliContext, sections: DemoSection[], flags: OutputFlags): void {
  const out = resolveOutput(ctx, flags);
  if (out.format === 'xlsx') throw new UsageError(said('demo.xlsx'));
  if (flags.sort !== undefined) throw new UsageError(said('demo.sort'));
  const limit = flags.limit === undefined ? 0 : parseIntFlag('--limit', flags.limit, 0);
  if (limit > 0) sections = sections.map((s) => ({ ...s, report: { ...s.report, rows: s.report.rows.slice(0, limit) } }));
  const opts = { format: out.format, color: out.color, lang: out.lang, width: out.width, formulaGuard: flags.formulaGuard, lines: tableLines(out.lang) };
  for (const s of sections) for (const n of s.report.notes ?? []) note(ctx, n as string | Said);
  const text =
    out.format === 'json'
      ? `${JSON.stringify(Object.fromEntries(sections.map((s) => [s.key, JSON.parse(render(s.report, opts)) as unknown])), null, 2)}\n`
      : out.format === 'ndjson'
        ? sections.map((s) => render({ ...s.report, columns: [{ key: 'report', kind: 'text' }, ...s.report.columns], rows: s.report.rows.map((r) => ({ ...r, report: s.key })) }, opts)).join('')
        : sections.map((s) => `${s.title}\n${render(s.report, opts)}`).join('\n');
  writeOutput(ctx, text, out.out, said('note.reports', { n: sections.length }));
}

/** fixtures/demo, in the package's root (found from src/, dist/ or the binary's bundle: version.ts). */
export function demoDir(): string {
  return fileURLToPath(new URL('fixtures/demo', PACKAGE_ROOT));
}

export function demoCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('demo')
      .option('--keep <path>'),
  ).action(async (flags: OutputFlags & { keep?: string }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-demo-'));
    const dbPath = flags.keep ?? path.join(dir, 'demo.db');
    const db = openDb(dbPath, { create: true });
    // a throw-away database gets a fixed key (its buyers are made up): the demo prints the same customer keys on
    // every run, so its output is the same bytes each time, in either language
    if (!flags.keep) writeKeyFile(path.join(dir, 'key'), createHash('sha256').update('orderlens demo').digest('hex'));
    try {
      const files = readdirSync(demoDir()).filter((f) => f.endsWith('.csv')).sort();
      for (const f of files) {
        // a kept database hashes with the user's key file, like any import
        const keyFile = flags.keep ? keyFilePath(ctx.io.env) : path.join(dir, 'key');
        const r = await importFile(db, path.join(demoDir(), f), { platform: 'auto', encoding: 'auto', zone: 'Asia/Shanghai', shop: 'demo', keyFile });
        for (const n of flags.keep ? r.notes : []) note(ctx, n);
        note(ctx, say(ctx.lang ?? 'en', 'demo.imported', { line: importLine(r, ctx.lang ?? 'en', f) }));
      }
      // the tables' words follow the output's language (English in CSV/JSON unless --lang zh), as in each report
      const lang = flags.lang === 'zh' ? 'zh' : 'en';
      const sections: DemoSection[] = [{ key: 'database_summary', title: say(lang, 'demo.summary'), report: infoReport(summarizeDb(db), lang, { imports: !!flags.keep, display: resolveOutput(ctx, flags).format === 'table' }) }];
      const log = loadPurchaseLog(db, {});
      const asOf = defaultAsOf(log);
      if (asOf !== null) {
        const seg = assignSegments(asOfLog(log, asOf), { asOf });
        const report = segmentSummaryReport(summarizeSegments(seg.values, seg.segmentOfRow, segmentLabels(seg.segments, lang)), log.currency, seg.values);
        sections.push({ key: 'rfm_segments', title: say(lang, 'demo.segments', { day: formatDay(asOf) }), report });
      }
      sections.push({ key: 'top_customers', title: say(lang, 'demo.top'), report: customerTotalsReport(summarizeCustomers(log).slice(0, 10), log) });
      emitSections(ctx, sections, flags);
      if (flags.keep) {
        note(ctx, said('demo.kept', { path: flags.keep }));
        note(ctx, said('demo.keptReport', { path: flags.keep }));
      } else note(ctx, said('demo.report'));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
