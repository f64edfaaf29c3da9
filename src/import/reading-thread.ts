/**
 * The worker thread of an import's reading half (map-worker.ts; map-thread.ts talks to it), and its early
 * start. A thread takes about a fifth of a second of CPU to start and load what it reads with, and the
 * command's own thread as long to load the command and open the store: an import of a large file named on the
 * command line starts its reading thread first thing (cli-worker.ts), so that both load at once on two cores,
 * and the reading begins as soon as the store is open. The thread waits for its file (a 'start' message).
 * This module loads nothing of the program: it is loaded before the command is.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Files from this size on are read in a worker thread (starting one costs about 50 ms), narrow or wide: on
 * Shopify's 79-column line-item export the reading half is the slower one too (1M lines: 15.6 s CPU reading,
 * 5.9 s writing; BENCHMARKS.md), so a reading thread takes about a third off the time, for ~80 MB more.
 */
export const THREAD_MIN_BYTES = 8 << 20;

/** The thread started early, until an import takes it; `failed`: it stopped (or failed to load) before that. */
let early: { worker: Worker; failed: boolean } | null = null;

/**
 * The worker's script: next to this module once built; from the sources (tests run them), the build's copy,
 * which the tests' globalSetup (test/build-dist.ts) builds from the current sources before any test runs.
 */
function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/import/map-worker.js', here) : new URL('./map-worker.js', here);
}

function newThread(): Worker {
  // a young generation of 16 MB instead of the default 48: the reading thread's objects die young, and the
  // default costs about 30 MB of RSS for nothing
  return new Worker(workerScript(), { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
}

/**
 * Starts a reading thread now when the import command line `words` (after `import`) names a file that will
 * be read in one: a file of THREAD_MIN_BYTES or more, on two cores or more, without --rejects (rejected rows
 * are then read with their cells, in the command's thread). A word that is an option's value and a large
 * file only costs a thread that is not used (it does not keep the process alive). Returns the thread, or
 * null when none was started.
 */
export function startReadingEarly(words: readonly string[]): Worker | null {
  if (early !== null || availableParallelism() < 2) return null;
  if (words.some((w) => w === '--rejects' || w.startsWith('--rejects='))) return null;
  if (!words.some((w) => !w.startsWith('-') && isLarge(w))) return null;
  const started = { worker: newThread(), failed: false };
  // an error or an exit before an import takes the thread: it is not taken (a new one says what fails)
  started.worker.on('error', () => (started.failed = true));
  started.worker.on('exit', () => (started.failed = true));
  started.worker.unref();
  early = started;
  return started.worker;
}

function isLarge(file: string): boolean {
  try {
    return statSync(file).size >= THREAD_MIN_BYTES;
  } catch {
    return false;
  }
}

/** A reading thread for `file`: the one started early if it is still well, else a new one. */
export function readingThread(file: string, opts: unknown): Worker {
  const taken = early;
  early = null;
  let worker: Worker;
  if (taken !== null && !taken.failed) {
    worker = taken.worker;
    worker.removeAllListeners('error').removeAllListeners('exit');
    worker.ref();
  } else {
    if (taken !== null) void taken.worker.terminate();
    worker = newThread();
  }
  worker.postMessage({ type: 'start', file, opts });
  return worker;
}
