/**
 * The command-line program. This is the ONLY place where an error becomes an exit code:
 * 0 ok · 1 data or file error · 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { describeSqliteError } from '../db/sqlite-errors.js';
import type { Lang } from '../analytics/rfm-segments.js';
import type { Io } from './io.js';
import type { CliContext } from './options.js';
import { HELP_EXAMPLES } from './help-examples.js';
import { argvLang, settleLang } from './lang.js';
import { errorLine } from './error-line.js';
import { churnCommand } from './commands/churn.js';
import { cohortsCommand } from './commands/cohorts.js';
import { customersCommand } from './commands/customers.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { ltvCommand } from './commands/ltv.js';
import { paretoCommand } from './commands/pareto.js';
import { platformsCommand } from './commands/platforms.js';
import { reportCommand } from './commands/report.js';
import { rfmCommand } from './commands/rfm.js';
import { segmentsCommand } from './commands/segments.js';
import { selftestCommand } from './commands/selftest.js';
import { sqlCommand } from './commands/sql.js';
import { snapshotCommand, snapshotsCommand } from './commands/snapshot.js';
import { migrationCommand } from './commands/migration.js';
import { trendCommand } from './commands/trend.js';
import { campaignCommand } from './commands/campaign.js';
import { VERSION } from './version.js';

export function buildProgram(io: Io, lang: Lang = 'en', debug = false): Command {
  const program = new Command('orderlens')
    .description('Customer insight from online-shop order exports: import, then RFM, Pareto, churn, cohorts and lifetime value.')
    .version(VERSION)
    .option('--db <path>', 'database file (default: $ORDERLENS_DB or ./orderlens.db)')
    .option('--no-color', 'no colour in tables (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces on errors')
    .option('--wait <seconds>', 'how long to wait for a database another orderlens is writing (default 180)')
    .option('--quiet', 'print only data and errors, no notes (also: ORDERLENS_QUIET=1)')
    .enablePositionalOptions(false)
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 data or file error, 2 usage error.\nOutput: table on a terminal, CSV when piped; --format csv|json|table and --out FILE on every report.',
    );
  const ctx: CliContext = { io, globals: () => program.opts(), pending: [] };
  const commands = [importCommand, infoCommand, platformsCommand, customersCommand, rfmCommand, paretoCommand, segmentsCommand, cohortsCommand, churnCommand, demoCommand, ltvCommand, reportCommand, selftestCommand, doctorCommand,
    snapshotCommand, snapshotsCommand, migrationCommand, trendCommand, campaignCommand];
  for (const make of commands) program.addCommand(make(ctx));
  program.addCommand(sqlCommand(ctx));
  // --lang as given, else the environment's language (src/cli/lang.ts)
  program.hook('preAction', (_program, action) => settleLang(ctx, action));
  // output still being written (an xlsx workbook) is part of the command: its errors are the command's
  program.hook('postAction', async () => {
    await Promise.all(ctx.pending ?? []);
  });
  applyIo(program, io, lang, debug);
  return program;
}

/**
 * Every (sub)command writes through io and throws instead of exiting. Commander's usage errors become the
 * one line every error is: `orderlens: error: unknown option '--bny' (did you mean --by?); see 'orderlens rfm --help'`.
 */
function applyIo(cmd: Command, io: Io, lang: Lang, debug: boolean, path = 'orderlens'): void {
  cmd.exitOverride();
  cmd.configureHelp({ showGlobalOptions: true });
  const examples = HELP_EXAMPLES[cmd.name()];
  if (path !== 'orderlens' && examples) cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}`);
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s) => io.stderr.write(errorLine(`${oneLine(s)}; see '${path} --help'`, lang, debug)),
  });
  for (const sub of cmd.commands) applyIo(sub, io, lang, debug, `${path} ${sub.name()}`);
}

/** `error: unknown command 'imprt'\n(Did you mean import?)\n` → `unknown command 'imprt' (did you mean import?)`. */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .trim()
    .split('\n')
    .map((l) => l.trim().replace(/^\(Did you mean/, '(did you mean'))
    .join(' ')
    .replace(/\.$/, '');
}

/** Global options, as they may precede a command. */
const GLOBAL_FLAGS = new Set(['--no-color', '--debug', '--quiet']);

export async function run(argv: string[], io: Io): Promise<number> {
  const lang = argvLang(argv, io.env);
  const debug = argv.includes('--debug');
  const program = buildProgram(io, lang, debug);
  const rest = argv.filter((a, i) => !GLOBAL_FLAGS.has(a) && a !== '--db' && argv[i - 1] !== '--db' && !a.startsWith('--db='));
  if (rest.length === 0) {
    // bare `orderlens`: the help, on stdout, and success
    program.outputHelp();
    return ExitCode.Ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.Ok;
      if (e.code === 'commander.executeSubCommandAsync') return ExitCode.Ok;
      return e.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageError; // commander already printed the message
    }
    const code = e instanceof UsageError ? ExitCode.UsageError : ExitCode.DataError;
    const known = e instanceof UsageError || e instanceof DataError;
    const message = e instanceof Error ? e.message : String(e);
    const sqlite = known ? null : describeSqliteError(e);
    io.stderr.write(errorLine(known ? message : (sqlite ?? `unexpected: ${message}`), lang, debug));
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    if (debug && e instanceof Error && e.cause instanceof Error && e.cause.stack) io.stderr.write(`caused by: ${e.cause.stack}\n`);
    return code;
  }
}
