/**
 * Which language a command speaks: `--lang`, else ORDERLENS_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG:
 * the first one set, as POSIX reads them). What a person reads (tables, the HTML report, segment names in
 * them) follows that; files for programs (CSV, JSON, ndjson, xlsx) keep their stable English column names and
 * values unless `--lang zh` is given on the command line, so a script does not break on a Chinese terminal.
 */
import type { Command } from 'commander';
import type { Lang } from '../report/messages.js';
import { environmentLang } from './env-lang.js';
import type { CliContext } from './command-context.js';

/**
 * The language of this output: `--lang` as given wins; otherwise the environment's for what a person reads,
 * and English for files a program reads.
 */
export function resolveLang(given: string | undefined, env: Record<string, string | undefined>, forPeople: boolean): Lang {
  if (given === 'zh' || given === 'en') return given;
  const detected = environmentLang(env);
  return forPeople ? detected : 'en';
}

/**
 * Before a command runs: its `--lang` becomes the language it is to speak, so every command keeps reading
 * `flags.lang`. Output is for people when it is a table (or the command has no --format: the HTML report).
 * Notes and errors (ctx.lang) always are.
 */
export async function settleLang(ctx: CliContext, cmd: Command): Promise<void> {
  const own = cmd.options.some((o) => o.long === '--lang');
  const given = own && cmd.getOptionValueSource('lang') === 'cli' ? (cmd.getOptionValue('lang') as string) : undefined;
  // notes and errors are for people whatever the output's format: --lang as given, else the environment's
  ctx.lang = resolveLang(given, ctx.io.env, true);
  if (!own) return;
  const hasFormat = cmd.options.some((o) => o.long === '--format');
  // options.ts is loaded by now for a command with --format (a report); an import has none, and loads none of it
  const forPeople = !hasFormat || (await import('./options.js')).resolveOutput(ctx, { ...cmd.opts(), lang: undefined }).format === 'table';
  cmd.setOptionValueWithSource('lang', resolveLang(given, ctx.io.env, forPeople), given === undefined ? 'env' : 'cli');
}
