/**
 * Ctrl-C and SIGTERM: one line saying what was left undone (`interrupted: nothing from FILE was stored`),
 * half-written output files removed, and the exit at once (130 / 143). Nothing else is needed for the
 * database: an import's transaction that never committed is rolled back by SQLite the next time the file is
 * opened. The binary installs the handlers (bin/orderlens.js); run(argv, io) stays free of process-wide
 * side effects for library callers.
 */
import type { Io } from './io.js';

let activity: string | null = null;
const cleanups = new Set<() => void>();

/** What an interruption now would leave undone, in words; null when nothing. */
export function setActivity(text: string | null): void {
  activity = text;
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
    io.stderr.write(`orderlens: interrupted${activity ? `: ${activity}` : ''}\n`);
    process.exit(code);
  };
  process.on('SIGINT', handle(130));
  process.on('SIGTERM', handle(143));
}
