/**
 * Where a command line names its command: after any global options. Both the binary's main thread (which
 * starts the command's thread: cli-thread.ts) and the program (main.ts) read it, without loading a command.
 */

/** Global options, as they may precede a command. */
export const GLOBAL_FLAGS: ReadonlySet<string> = new Set(['--no-color', '--debug', '--quiet']);

/** Global options that take a value (`--db PATH`, `--wait SECONDS`), as they may precede a command. */
export const GLOBAL_VALUES: ReadonlySet<string> = new Set(['--db', '--wait']);

/** The index of the command's word in `argv` (after the global options; argv.length when there is none). */
export function commandAt(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length && (GLOBAL_FLAGS.has(argv[i]) || GLOBAL_VALUES.has(argv[i]) || argv[i].startsWith('--db=') || argv[i].startsWith('--wait='))) i += GLOBAL_VALUES.has(argv[i]) ? 2 : 1;
  return i;
}
