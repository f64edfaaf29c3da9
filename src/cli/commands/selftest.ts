/**
 * `orderlens selftest`: fits the models to the bundled CDNOW sample and prints, for every published number,
 * the expected and the computed value with PASS or FAIL. Exit 1 when anything fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runCdnowSelftest, type SelftestRow } from '../../analytics/cdnow-selftest.js';
import { DataError } from '../../errors.js';
import { parseCdnowLog } from '../../import/cdnow-log.js';
import type { Report } from '../../output/report.js';
import { addOutputOptions, emitReport, note, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { said } from '../../report/said.js';
import { say, type Lang } from '../../report/messages.js';
import { PACKAGE_ROOT } from '../../version.js';

/** fixtures/ at the package root (found from src/, dist/ or the binary's bundle: version.ts). */
const FIXTURE = new URL('fixtures/cdnow_sample.csv', PACKAGE_ROOT);

/** A quantity or source in `lang`: the catalogue's words for its code, or the symbol or citation as it is. */
function selftestCells(lang: Lang): { quantity(q: SelftestRow['quantity']): string; source(s: SelftestRow['source']): string; result(pass: boolean): string } {
  return {
    quantity: (q) => ('word' in q ? say(lang, `selftest.quantity.${q.word}`) : q.symbol),
    source: (s) => ('word' in s ? say(lang, `selftest.source.${s.word}`) : s.cite),
    result: (pass) => say(lang, pass ? 'selftest.result.pass' : 'selftest.result.fail'),
  };
}

export function selftestCommand(ctx: CliContext): Command {
  const cmd = new Command('selftest');
  cmd.option('--file <path>');
  addOutputOptions(cmd).action((flags: OutputFlags & { file?: string }) => {
    const path = flags.file ?? fileURLToPath(FIXTURE);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new DataError(said(flags.file ? 'selftest.cannotRead' : 'selftest.cannotReadBundled', { path, why: (e as Error).message }));
    }
    const started = Date.now();
    const { rows } = runCdnowSelftest(parseCdnowLog(text, path));
    // counts (customers, converged = 1) read as counts in the table, not 2,357.0000
    const count = (r: (typeof rows)[number]) => r.tolerance === 0 && Number.isInteger(r.expected) && Number.isInteger(r.computed);
    const cell = selftestCells(flags.lang === 'zh' ? 'zh' : 'en');
    const report: Report = {
      columns: [
        col('model'),
        col('quantity'),
        col('expected', { rowDigits: 'digits' }),
        col('computed', { rowDigits: 'digits' }),
        col('tolerance', { rowDigits: 'digits' }),
        col('result'),
        col('source'),
      ],
      drop: ['source'],
      rows: rows.map((r) => ({ model: r.model, quantity: cell.quantity(r.quantity), expected: r.expected, computed: r.computed, tolerance: r.tolerance, result: cell.result(r.pass), source: cell.source(r.source), digits: count(r) ? 0 : 4 })),
    };
    emitReport(ctx, report, flags);
    const failed = rows.filter((r) => !r.pass).length;
    if (failed > 0) throw new DataError(said('selftest.failed', { failed, n: rows.length }));
    note(ctx, said('selftest.passed', { n: rows.length, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  });
  return cmd;
}
