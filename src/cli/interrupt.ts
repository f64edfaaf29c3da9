/**
 * Ctrl-C and SIGTERM: one line saying what was left undone (`interrupted: nothing from FILE was stored`),
 * half-written output files removed, and the exit at once (130 / 143). Nothing else is needed for the
 * database: an import's transaction that never committed is rolled back by SQLite the next time the file is
 * opened. The binary installs the handlers (bin/orderlens.js); run(argv, io) stays free of process-wide
 * side effects for library callers.
 */
import type { Io } from './io.js';
import { say } from '../report/messages.js';
import { speak, said, type Said } from '../report/said.js';

let activity: Said | null = null;
let language: 'en' | 'zh' = 'en';
const cleanups = new Set<() => void>();

/** What an interruption now would leave undone (`said('interrupt.nothingStored', { file })`); null when nothing. */
export function setActivity(text: Said | null): void {
  activity = text;
}

/** The language the line is said in: the command line's (--lang) or else the environment's, set by run(). */
export function setInterruptLang(lang: 'en' | 'zh'): void {
  language = lang;
}

/** The one line an interruption prints, in `lang`. */
export function interruptedLine(lang: 'en' | 'zh', undone: Said | null): string {
  return `${undone ? say(lang, 'interrupt.stoppedUndone', { undone: speak(lang, undone) }) : say(lang, 'interrupt.stopped')}\n`;
}

/** What stdin is called when it is the file an import was reading. */
export function stdinOr(file: string): Said | string {
  return file === '-' ? said('interrupt.stdin') : file;
}

/** Runs `cleanup` if the process is interrupted; returns the function that unregisters it. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** The binary's handlers (bin/orderlens.js, through dist/). @public */
export function installInterruptHandlers(io: Io): void {
  const handle = (code: number) => () => {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // leaving anyway
      }
    }
    io.stderr.write(interruptedLine(language, activity));
    process.exit(code);
  };
  process.on('SIGINT', handle(130));
  process.on('SIGTERM', handle(143));
}
