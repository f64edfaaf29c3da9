/**
 * `orderlens selftest`: fits the models to the bundled CDNOW sample and prints, for every published number,
 * the expected and the computed value with PASS or FAIL. Exit 1 when anything fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runCdnowSelftest } from '../../analytics/cdnow-selftest.js';
import { DataError } from '../../errors.js';
import { parseCdnowLog } from '../../import/cdnow-log.js';
import type { Report } from '../../output/report.js';
import { addOutputOptions, emitReport, note, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { said } from '../../report/said.js';
import { sayKnown, type Lang } from '../../report/messages.js';
import { PACKAGE_ROOT } from '../../version.js';

/** fixtures/ at the package root (found from src/, dist/ or the binary's bundle: version.ts). */
const FIXTURE = new URL('fixtures/cdnow_sample.csv', PACKAGE_ROOT);

/** The catalogue's words for selftest's cells, found by their English form (the self-test's own text). */
const CELL_WORDS = [
  'selftest.result.pass',
  'selftest.result.fail',
  'selftest.quantity.customers',
  'selftest.quantity.repeatTransactions',
  'selftest.quantity.repeatCustomers',
  'selftest.quantity.logLikelihood',
  'selftest.quantity.converged',
  'selftest.source.sample',
  'selftest.source.thisFit',
] as const;

/**
 * A cell's text in `lang`: the words of a result, quantity or source in the catalogue, the rest as it is
 * (parameter names, se(r), E[Y(39) | …], model names and published sources).
 */
export function cellWords(lang: Lang): (text: string) => string {
  if (lang === 'en') return (text) => text;
  const words = new Map(CELL_WORDS.map((key) => [sayKnown('en', key)!, sayKnown(lang, key)!]));
  return (text) => words.get(text) ?? text;
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
    const word = cellWords(flags.lang === 'zh' ? 'zh' : 'en');
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
      rows: rows.map((r) => ({ model: r.model, quantity: word(r.quantity), expected: r.expected, computed: r.computed, tolerance: r.tolerance, result: word(r.pass ? 'PASS' : 'FAIL'), source: word(r.source), digits: count(r) ? 0 : 4 })),
    };
    emitReport(ctx, report, flags);
    const failed = rows.filter((r) => !r.pass).length;
    if (failed > 0) throw new DataError(said('selftest.failed', { failed, n: rows.length }));
    note(ctx, said('selftest.passed', { n: rows.length, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  });
  return cmd;
}
