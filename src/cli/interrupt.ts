/**
 * Ctrl-C and SIGTERM: one line saying what was left undone (`interrupted: nothing from FILE was stored`),
 * half-written output files removed, and the exit at once (130 / 143). Nothing else is needed for the
 * database: an import's transaction that never committed is rolled back by SQLite the next time the file is
 * opened. The binary installs the handlers (bin/orderlens.js); run(argv, io) stays free of process-wide
 * side effects for library callers.
 *
 * Under the binary's supervisor (supervisor.ts), what an interruption would leave undone and the temporary
 * files are also told to it, synchronously, so that it can answer for this process while a long synchronous
 * step keeps these handlers from running.
 */
import { writeSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Io } from './io.js';
import { SUPERVISOR_FD, isSupervised, type SupervisorMessage } from './supervisor.js';

let activity: string | null = null;
const cleanups = new Set<() => void>();
/** The socket to the supervisor (fd 3) once the handlers are installed under one; null otherwise. */
let supervisor: number | null = null;

function tell(m: SupervisorMessage): void {
  if (supervisor === null) return;
  try {
    writeSync(supervisor, `${JSON.stringify(m)}\n`);
  } catch {
    supervisor = null; // the supervisor is gone: the socket's close ends this process (installInterruptHandlers)
  }
}

/** What an interruption now would leave undone, in words; null when nothing. */
export function setActivity(text: string | null): void {
  activity = text;
  tell({ activity: text });
}

/** Runs `cleanup` if the process is interrupted; returns the function that unregisters it. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A temporary file that an interruption must remove (the supervisor removes it if it has to stop this process). */
export function tempFileOpened(file: string): void {
  tell({ temp: file });
}

/** The temporary file was renamed into place or removed. */
export function tempFileClosed(file: string): void {
  tell({ done: file });
}

/** @public (bin/orderlens.js, through dist/) */
export function installInterruptHandlers(io: Io): void {
  let answered = false;
  const handle = (code: number) => () => {
    if (answered) return;
    answered = true;
    tell({ answering: true });
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
  if (isSupervised(process.env)) {
    supervisor = SUPERVISOR_FD;
    // the supervisor's end closes only when it dies (kill -9): stop too, as that kill meant
    const link = new Socket({ fd: SUPERVISOR_FD, readable: true, writable: false });
    link.on('error', () => {});
    link.on('close', handle(137));
    link.resume();
    link.unref();
  }
}
