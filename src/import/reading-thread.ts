/**
 * The worker thread of an import's reading half (map-worker.ts; map-thread.ts talks to it), and its early
 * start. A thread takes about a fifth of a second of CPU to start and load what it reads with, and the
 * command's own thread as long to load the command and open the store: the binary's main thread starts the
 * reading thread of an import of a large file named on the command line first thing (cli-thread.ts), beside
 * the command's thread, so that both load at once on two cores, and the reading begins as soon as the store is
 * open. That thread talks to the command's thread through a port the command's thread adopts (cli-worker.ts)
 * and waits for its file (a 'start' message). This module loads nothing of the program: the main thread loads it.
 */
import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort, type TransferListItem } from 'node:worker_threads';

/**
 * Files from this size on are read in a worker thread (starting one costs about 50 ms), narrow or wide: on
 * Shopify's 79-column line-item export the reading half is the slower one too (1M lines: 15.6 s CPU reading,
 * 5.9 s writing; BENCHMARKS.md), so a reading thread takes about a third off the time, for ~80 MB more.
 */
export const THREAD_MIN_BYTES = 8 << 20;

/**
 * A reading thread as an import talks to it (map-thread.ts): 'message', 'error' and 'exit' events, postMessage
 * and terminate, whether it is this thread's worker or one another thread started (PortThread).
 */
export interface ReadingThread extends EventEmitter {
  postMessage(value: unknown, transferList?: readonly TransferListItem[]): void;
  terminate(): Promise<number>;
  ref(): void;
}

/**
 * A reading thread the main thread started, through the port it gave this thread: its messages are this
 * object's 'message' events; the port closing (the thread ended or failed to load: the main thread hears its
 * error) is an 'exit'. terminate tells the thread to stop and closes the port; the thread ends on either (map-worker.ts).
 */
class PortThread extends EventEmitter implements ReadingThread {
  private closed = false;
  constructor(private readonly port: MessagePort) {
    super();
    port.on('message', (m: unknown) => this.emit('message', m));
    port.on('close', () => {
      if (!this.closed) this.emit('exit', 1);
      this.closed = true;
    });
  }

  postMessage(value: unknown, transferList?: readonly TransferListItem[]): void {
    this.port.postMessage(value, transferList);
  }

  terminate(): Promise<number> {
    this.closed = true;
    // the port's close reaches the thread only once this thread's event loop turns again, which an import's
    // COMMIT and key index hold up for seconds, with the reading thread's memory still taken (m10: 290 MB
    // peak instead of 250): the 'stop' message reaches it at once
    this.port.postMessage({ type: 'stop' });
    this.port.close();
    return Promise.resolve(0);
  }

  ref(): void {
    this.port.ref();
  }

  unref(): void {
    this.port.unref();
  }
}

/** The thread started early, until an import takes it; `failed`: it stopped (or failed to load) before that. */
let early: { thread: ReadingThread; failed: boolean } | null = null;

/**
 * The worker's script: next to this module once built (or bundled: scripts/bundle.js); from the sources (tests run
 * them), the build's copy, which the tests' globalSetup (test/build-dist.ts) builds from the current sources
 * before any test runs.
 */
function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/import/map-worker.js', here) : new URL('./map-worker.js', here);
}

function newThread(port?: MessagePort): Worker {
  // a young generation of 16 MB instead of the default 48: the reading thread's objects die young, and the
  // default costs about 30 MB of RSS for nothing
  const resourceLimits = { maxYoungGenerationSizeMb: 16 };
  return port ? new Worker(workerScript(), { resourceLimits, workerData: { port }, transferList: [port] }) : new Worker(workerScript(), { resourceLimits });
}

/**
 * Starts a reading thread now when the import command line `words` (after `import`) names a file that will
 * be read in one: a file of THREAD_MIN_BYTES or more, on two cores or more, without --rejects (rejected rows
 * are then read with their cells, in the command's thread). A word that is an option's value and a large
 * file only costs a thread that is not used (it does not keep the process alive). Returns the port that
 * talks to it, for the thread that runs the import (adoptReadingThread), or null when none was started.
 */
export function startReadingEarly(words: readonly string[]): MessagePort | null {
  if (availableParallelism() < 2) return null;
  if (words.some((w) => w === '--rejects' || w.startsWith('--rejects='))) return null;
  if (!words.some((w) => !w.startsWith('-') && isLarge(w))) return null;
  const { port1, port2 } = new MessageChannel();
  const worker = newThread(port1);
  // a thread that fails to load closes its port: the import then starts its own, which says what fails
  worker.on('error', () => {});
  worker.unref();
  return port2;
}

/**
 * The reading thread the main thread started (startReadingEarly), in the thread that runs the import: the
 * next import takes it. Returns it (tests).
 */
export function adoptReadingThread(port: MessagePort): ReadingThread {
  const thread = new PortThread(port);
  const adopted = { thread, failed: false };
  // an exit before an import takes the thread: it is not taken (a new one says what fails)
  thread.on('exit', () => (adopted.failed = true));
  thread.unref();
  early = adopted;
  return thread;
}

function isLarge(file: string): boolean {
  try {
    return statSync(file).size >= THREAD_MIN_BYTES;
  } catch {
    return false;
  }
}

/** A reading thread for `file`: the one started early if it is still well, else a new one. */
export function readingThread(file: string, opts: unknown): ReadingThread {
  const taken = early;
  early = null;
  let thread: ReadingThread;
  if (taken !== null && !taken.failed) {
    thread = taken.thread;
    thread.removeAllListeners('error').removeAllListeners('exit');
    thread.ref();
  } else {
    if (taken !== null) void taken.thread.terminate();
    thread = newThread();
  }
  thread.postMessage({ type: 'start', file, opts });
  return thread;
}
