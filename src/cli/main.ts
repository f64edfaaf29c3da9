/**
 * The command-line program. This is the ONLY place where an error becomes an exit code:
 * 0 ok · 1 data or file error · 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { messageLine } from '../excerpt.js';
import type { Io } from './io.js';
import type { CliContext } from './options.js';
import { churnCommand } from './commands/churn.js';
import { cohortsCommand } from './commands/cohorts.js';
import { customersCommand } from './commands/customers.js';
import { demoCommand } from './commands/demo.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { ltvCommand } from './commands/ltv.js';
import { paretoCommand } from './commands/pareto.js';
import { platformsCommand } from './commands/platforms.js';
import { reportCommand } from './commands/report.js';
import { rfmCommand } from './commands/rfm.js';
import { segmentsCommand } from './commands/segments.js';
import { selftestCommand } from './commands/selftest.js';
import { snapshotCommand, snapshotsCommand } from './commands/snapshot.js';
import { migrationCommand } from './commands/migration.js';
import { trendCommand } from './commands/trend.js';
import { campaignCommand } from './commands/campaign.js';

const VERSION = '0.1.0';

export function buildProgram(io: Io): Command {
  const program = new Command('orderlens')
    .description('Customer insight from online-shop order exports: import, then RFM, Pareto, churn, cohorts and lifetime value.')
    .version(VERSION)
    .option('--db <path>', 'database file (default: $ORDERLENS_DB or ./orderlens.db)')
    .option('--no-color', 'no colour in tables (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces on errors')
    .enablePositionalOptions(false)
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 data or file error, 2 usage error.\nOutput: table on a terminal, CSV when piped; --format csv|json|table and --out FILE on every report.',
    );
  const ctx: CliContext = { io, globals: () => program.opts() };
  const commands = [importCommand, infoCommand, platformsCommand, customersCommand, rfmCommand, paretoCommand, segmentsCommand, cohortsCommand, churnCommand, demoCommand, ltvCommand, reportCommand, selftestCommand,
    snapshotCommand, snapshotsCommand, migrationCommand, trendCommand, campaignCommand];
  for (const make of commands) program.addCommand(make(ctx));
  applyIo(program, io);
  return program;
}

/**
 * Every (sub)command writes through io and throws instead of exiting. Commander's usage errors become the
 * one line every error is: `orderlens: error: unknown option '--bny' (did you mean --by?); see 'orderlens rfm --help'`.
 */
function applyIo(cmd: Command, io: Io, path = 'orderlens'): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s) => io.stderr.write(`orderlens: error: ${oneLine(s)}; see '${path} --help'\n`),
  });
  for (const sub of cmd.commands) applyIo(sub, io, `${path} ${sub.name()}`);
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

export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.Ok;
      if (e.code === 'commander.executeSubCommandAsync') return ExitCode.Ok;
      return e.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageError; // commander already printed the message
    }
    const code = e instanceof UsageError ? ExitCode.UsageError : e instanceof DataError ? ExitCode.DataError : ExitCode.DataError;
    const known = e instanceof UsageError || e instanceof DataError;
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`orderlens: error: ${messageLine(known ? message : `unexpected: ${message}`)}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    if (debug && e instanceof Error && e.cause instanceof Error && e.cause.stack) io.stderr.write(`caused by: ${e.cause.stack}\n`);
    return code;
  }
}
