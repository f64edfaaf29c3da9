/**
 * The command-line program. This is the ONLY place where an error becomes an exit code:
 * 0 ok · 1 data or file error · 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { CodedRangeError, DataError, ExitCode, UsageError } from '../errors.js';
import { describeSqliteError } from '../db/sqlite-errors.js';
import type { Lang } from '../report/messages.js';
import { said, type Said } from '../report/said.js';
import type { Io } from './io.js';
import type { CliContext } from './command-context.js';
import { argvLang } from './env-lang.js';
import { settleLang } from './lang.js';
import { errorLine } from './error-line.js';
import { meantOption } from './option-hints.js';
import { setInterruptLang } from './interrupt.js';
import { VERSION } from './version.js';
import { commandAt, GLOBAL_FLAGS } from './command-word.js';
import { HELP_LAYOUT, helpWidth } from './help-layout.js';

type CommandMaker = (ctx: CliContext) => Command;

/**
 * Every command in the order help lists them, with the module that makes it. A command's module (and what it
 * imports: analytics, report, output) is loaded only when that command runs, or when every command is needed
 * (help, a name that is not a command): `orderlens --version` and a report load a fraction of the program.
 */
const COMMANDS: readonly (readonly [string, () => Promise<CommandMaker>])[] = [
  ['import', async () => (await import('./commands/import.js')).importCommand],
  ['info', async () => (await import('./commands/info.js')).infoCommand],
  ['platforms', async () => (await import('./commands/platforms.js')).platformsCommand],
  ['customers', async () => (await import('./commands/customers.js')).customersCommand],
  ['rfm', async () => (await import('./commands/rfm.js')).rfmCommand],
  ['pareto', async () => (await import('./commands/pareto.js')).paretoCommand],
  ['segments', async () => (await import('./commands/segments.js')).segmentsCommand],
  ['cohorts', async () => (await import('./commands/cohorts.js')).cohortsCommand],
  ['churn', async () => (await import('./commands/churn.js')).churnCommand],
  ['demo', async () => (await import('./commands/demo.js')).demoCommand],
  ['ltv', async () => (await import('./commands/ltv.js')).ltvCommand],
  ['report', async () => (await import('./commands/report.js')).reportCommand],
  ['selftest', async () => (await import('./commands/selftest.js')).selftestCommand],
  ['doctor', async () => (await import('./commands/doctor.js')).doctorCommand],
  ['snapshot', async () => (await import('./commands/snapshot.js')).snapshotCommand],
  ['snapshots', async () => (await import('./commands/snapshot.js')).snapshotsCommand],
  ['migration', async () => (await import('./commands/migration.js')).migrationCommand],
  ['trend', async () => (await import('./commands/trend.js')).trendCommand],
  ['campaign', async () => (await import('./commands/campaign.js')).campaignCommand],
  ['sql', async () => (await import('./commands/sql.js')).sqlCommand],
  ['export', async () => (await import('./commands/export.js')).exportCommand],
  ['sql-plan', async () => (await import('./commands/sql-plan.js')).sqlPlanCommand],
];

/**
 * The commands a command line needs: the one it names (after any global options), none for a bare
 * `--version`, every command otherwise (help, a mistyped name that commander suggests a command for).
 */
function commandsFor(argv: readonly string[] | undefined): readonly string[] | null {
  if (argv === undefined) return null;
  const i = commandAt(argv);
  const first = argv[i];
  if (first === undefined) return null;
  if ((first === '--version' || first === '-V') && i === argv.length - 1) return [];
  return COMMANDS.some(([name]) => name === first) ? [first] : null;
}

/** Whether `argv` asks for help (`--help`, `-h`, also among short flags: `-Vh`), before any `--`. */
function mayShowHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === 'help' || /^-[^-]*h/.test(a));
}

/**
 * The program with the commands `argv` needs (every command without `argv`: tests, help). Commands are
 * added in the order of COMMANDS whichever are loaded, so help and commander's suggestions read the same.
 */
export async function buildProgram(io: Io, lang: Lang = 'en', debug = false, argv?: readonly string[]): Promise<Command> {
  const program = new Command('orderlens')
    .version(VERSION)
    .option('--db <path>')
    .option('--no-color')
    .option('--debug')
    .option('--wait <seconds>')
    .option('--quiet')
    .enablePositionalOptions(false);
  const ctx: CliContext = { io, globals: () => program.opts(), pending: [] };
  const needed = commandsFor(argv);
  const makers = await Promise.all(COMMANDS.filter(([name]) => needed === null || needed.includes(name)).map(([, load]) => load()));
  for (const make of makers) program.addCommand(make(ctx));
  // the numbers the help quotes, when help may be shown
  if (helpMayShow(program, needed, argv)) await (await import('./help-lang.js')).loadHelpParams();
  // --lang as given, else the environment's language (src/cli/lang.ts)
  program.hook('preAction', (_program, action) => settleLang(ctx, action));
  // a report on a new database whose first import is running waits for it (first-import-wait.ts)
  program.hook('preAction', async (_program, action) => {
    if (readsDatabase(action)) await (await import('./first-import-wait.js')).waitForFirstImport(ctx);
  });
  // output still being written (an xlsx workbook) is part of the command: its errors are the command's
  program.hook('postAction', async () => {
    await Promise.all(ctx.pending ?? []);
  });
  applyIo(program, io, lang, debug);
  return program;
}

/**
 * Whether the program made for `argv` may show help: every command is in it (help, a name that is not a
 * command, tests), a help flag is given, or a command has subcommands (commander shows its help when none is
 * named). Otherwise help-lang.ts (commander's help in the user's language, the table's text widths, the
 * numbers the help quotes) is not loaded: a report or an import shows no help.
 */
function helpMayShow(program: Command, needed: readonly string[] | null, argv: readonly string[] | undefined): boolean {
  return needed === null || mayShowHelp(argv ?? []) || program.commands.some((c) => c.commands.length > 0);
}

/** Commands that read the database (not import, which waits its turn itself, nor those that never open it). */
const READERS = new Set(['info', 'customers', 'rfm', 'pareto', 'segments', 'cohorts', 'churn', 'ltv', 'report', 'sql', 'export', 'snapshot', 'snapshots', 'migration', 'trend', 'campaign', 'doctor']);

function readsDatabase(action: Command): boolean {
  let top = action;
  while (top.parent && top.parent.parent) top = top.parent;
  const o = action.opts();
  // a report from a summary file (--summary, --counts, --gaps) opens no database
  return READERS.has(top.name()) && o.summary === undefined && o.counts === undefined && o.gaps === undefined;
}

/**
 * Every (sub)command writes through io and throws instead of exiting. Commander's usage errors become the
 * one line every error is: `orderlens: error: unknown option '--bny' (did you mean --by?); see 'orderlens rfm --help'`.
 */
function applyIo(cmd: Command, io: Io, lang: Lang, debug: boolean, path = 'orderlens'): void {
  cmd.exitOverride();
  cmd.configureHelp(HELP_LAYOUT);
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // the terminal's width as the main thread saw it (this thread has no terminal: help-layout.ts)
    getOutHelpWidth: () => helpWidth(io),
    getErrHelpWidth: () => helpWidth(io, true),
    // said in run(), where commander's error code tells which message it is
    outputError: (s) => (usage = { text: oneLine(s), command: path, options: longOptions(cmd) }),
  });
  for (const sub of cmd.commands) applyIo(sub, io, lang, debug, `${path} ${sub.name()}`);
}

/** Commander's last usage error, as one line, the command it was about and the options that command takes. */
let usage: { text: string; command: string; options: readonly string[] } | null = null;

/** The long options a command takes, its parents' (the global ones) included. */
function longOptions(cmd: Command): string[] {
  const out: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) for (const o of c.options) if (o.long) out.push(o.long);
  return out;
}

/**
 * Commander's usage error as a catalogue message, by its code (its words, in English only, give the values);
 * an error of a kind not in the catalogue stays commander's English.
 */
function usageSaid(code: string, u: { text: string; command: string; options: readonly string[] }): Said | string {
  const command = u.command;
  const t = u.text;
  let m: RegExpExecArray | null;
  if (code === 'commander.unknownOption' && (m = /^unknown option '([^']+)'(?: \(did you mean (.+)\?\))?$/.exec(t))) {
    // an option named by its meaning (`--store` for `--shop`: option-hints.ts) before commander's look-alikes
    const hint = meantOption(m[1], u.options) ?? m[2];
    if (hint?.startsWith('one of ')) return said('cli.unknownOptionHints', { option: m[1], hints: hint.slice('one of '.length).split(', '), command });
    return hint ? said('cli.unknownOptionHint', { option: m[1], hint, command }) : said('cli.unknownOption', { option: m[1], command });
  }
  if (code === 'commander.unknownCommand' && (m = /^unknown command '([^']+)'(?: \(did you mean (.+)\?\))?$/.exec(t))) {
    return m[2] ? said('cli.unknownCommandHint', { name: m[1], hint: m[2], command }) : said('cli.unknownCommand', { name: m[1], command });
  }
  if (code === 'commander.missingArgument' && (m = /^missing required argument '([^']+)'$/.exec(t))) return said('cli.missingArgument', { name: m[1], command });
  if (code === 'commander.optionMissingArgument' && (m = /^option '([^']+)' argument missing$/.exec(t))) return said('cli.optionNeedsValue', { option: m[1], command });
  if (code === 'commander.invalidArgument' && (m = /^option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)$/.exec(t))) {
    return said('cli.invalidChoice', { option: m[1], value: m[2], choices: quoted(m[3]), command });
  }
  if (code === 'commander.excessArguments' && (m = /^too many arguments for '([^']+)'\. Expected (\d+) arguments? but got (\d+)$/.exec(t))) {
    return said('cli.tooManyArguments', { name: m[1], n: Number(m[2]), got: m[3], command });
  }
  return `${t}; see '${command} --help'`;
}

/** Commander's `a, b, c` as the values they are, to type: `'a', 'b', 'c'`. */
function quoted(list: string): string {
  return list
    .split(', ')
    .map((c) => `'${c}'`)
    .join(', ');
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
  usage = null;
  // help, commander's usage errors and any error before a command settled its language: --lang, else the environment's
  const lang = argvLang(argv, io.env);
  setInterruptLang(lang);
  const debug = argv.includes('--debug');
  const program = await buildProgram(io, lang, debug, argv);
  if (helpMayShow(program, commandsFor(argv), argv)) (await import('./help-lang.js')).localizeHelp(program, lang, helpWidth(io));
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
      if (e.exitCode === 0) return ExitCode.Ok;
      if (usage) io.stderr.write(errorLine(new UsageError(usageSaid(e.code, usage)), lang, debug));
      usage = null;
      return ExitCode.UsageError;
    }
    // a value the analytics refuse (CodedRangeError) is a flag's value the command did not check first
    const code = e instanceof UsageError || e instanceof CodedRangeError ? ExitCode.UsageError : ExitCode.DataError;
    const known = e instanceof UsageError || e instanceof DataError || e instanceof CodedRangeError;
    const message = e instanceof Error ? e.message : String(e);
    const sqlite = known ? null : describeSqliteError(e);
    io.stderr.write(errorLine(known ? (e as Error) : new DataError(sqlite ?? said('cli.unexpected', { text: message })), lang, debug));
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    if (debug && e instanceof Error && e.cause instanceof Error && e.cause.stack) io.stderr.write(`caused by: ${e.cause.stack}\n`);
    return code;
  }
}
