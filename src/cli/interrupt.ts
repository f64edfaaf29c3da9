/**
 * Ctrl-C and SIGTERM: one line saying what was left undone (`interrupted: nothing from FILE was stored`),
 * what must not outlive the command removed (half-written output files, a copy of a piped input, a database
 * this command made that holds nothing), and the exit within a moment (130 / 143), whatever the command was
 * doing. An import's transaction that never committed is rolled back by SQLite the next time the file is
 * opened: nothing else is needed for the database.
 *
 * The binary runs the command in a worker thread (cli-thread.ts) and keeps its own thread idle, so a signal is
 * heard at once even while the command reads millions of orders, builds a table or writes a file (work that
 * never lets a thread's event loop turn). The command says here, as it goes, what an interruption would leave
 * undone and what it would have to remove; this module hands each change to the main thread as data (a
 * message), and the main thread, once the command's thread has stopped, reads them all and acts on them.
 * `uninterrupted` marks a step that must not be cut short (an import's COMMIT and what it settles): the main
 * thread waits for it to end before stopping the command. run(argv, io) in-process (tests, library callers)
 * installs nothing and changes nothing of the process it runs in.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Db } from '../db/open.js';
import type { Io } from './io.js';
import { say } from '../report/messages.js';
import { speak, said, type Said } from '../report/said.js';
import { ASKED, RUNNING, STOPPING, WHOLE, type StateMessage, type Undo } from './interrupt-view.js';

let activity: Said | null = null;
let language: 'en' | 'zh' = 'en';
let nextUndo = 0;
const undos = new Set<number>();
let bridge: { port: MessagePort; step: Int32Array } | null = null;

/** What an interruption now would leave undone (`said('interrupt.nothingStored', { file })`); null when nothing. */
export function setActivity(text: Said | null): void {
  activity = text;
  tellLine();
}

/** The language the line is said in: the command line's (--lang) or else the environment's, set by run(). */
export function setInterruptLang(lang: 'en' | 'zh'): void {
  language = lang;
  tellLine();
}

function tellLine(): void {
  bridge?.port.postMessage({ line: interruptedLine(language, activity) } satisfies StateMessage);
}

/** The one line an interruption prints, in `lang`. */
export function interruptedLine(lang: 'en' | 'zh', undone: Said | null): string {
  return `${undone ? say(lang, 'interrupt.stoppedUndone', { undone: speak(lang, undone) }) : say(lang, 'interrupt.stopped')}\n`;
}

/** What stdin is called when it is the file an import was reading. */
export function stdinOr(file: string): Said | string {
  return file === '-' ? said('interrupt.stdin') : file;
}

function register(list: Undo[]): () => void {
  const ids = list.map((undo) => {
    const id = ++nextUndo;
    undos.add(id);
    bridge?.port.postMessage({ add: id, undo } satisfies StateMessage);
    return id;
  });
  return () => {
    for (const id of ids) if (undos.delete(id)) bridge?.port.postMessage({ drop: id } satisfies StateMessage);
  };
}

/**
 * Removes `paths` (files or folders) if the command is interrupted, after its thread has stopped; returns the
 * function that takes them off the list. Register a path before creating it.
 */
export function removeOnInterrupt(...paths: string[]): () => void {
  return register(paths.map((p) => ({ remove: p })));
}

/**
 * Opens the FIFO `file` for writing (and closes it) if the command is interrupted, before its thread is
 * stopped: a read waiting for a writer blocks in a thread the process must wait for, and this ends the wait.
 */
export function openOnInterrupt(file: string): () => void {
  return register([{ openFifo: file }]);
}

/**
 * Runs `f` (an import's COMMIT and what settles with it) so that an interruption either comes before it
 * begins or waits for it to end, never in between. Keep it short: the exit waits for it.
 */
export function uninterrupted<T>(f: () => T): T {
  const step = bridge?.step;
  if (!step || Atomics.load(step, 0) === WHOLE) return f();
  // the main thread is stopping this one: never begin the step, wait to be ended
  if (Atomics.compareExchange(step, 0, RUNNING, WHOLE) !== RUNNING) for (;;) Atomics.wait(step, 0, STOPPING, 50);
  try {
    return f();
  } finally {
    Atomics.store(step, 0, RUNNING);
    // asked to stop while the step ran: go no further (nothing is said or written after it), wait to be ended
    if (Atomics.load(step, ASKED) === 1) for (;;) Atomics.wait(step, 0, RUNNING, 50);
  }
}

/** The command's thread (cli-worker.ts): tells the main thread every change from now on. */
export function tellInterrupts(port: MessagePort, step: Int32Array): void {
  bridge = { port, step };
  tellLine();
}

/** Where ORDERLENS_DEBUG_STALL can hold a command (stallAt). */
type StallPoint = 'read' | 'write' | 'commit' | 'committed' | 'sqlite';
const stalled = new Set<StallPoint>();

/**
 * A hook for the tests (test/interrupt-anywhere.test.ts): with ORDERLENS_DEBUG_STALL=POINT, the first time
 * the command comes to POINT it says `orderlens: debug: stalled at POINT` on stderr and then works on without
 * a pause, as a long synchronous step does (reading millions of orders, building a table of every customer,
 * writing it), up to a minute; inside an uninterrupted step, until the main thread has been asked to stop;
 * with `statement`, runs that instead (longStatement). The tests signal it there, on small data.
 */
export function stallAt(io: Io, point: StallPoint, statement?: () => void): void {
  if (io.env.ORDERLENS_DEBUG_STALL !== point || stalled.has(point)) return;
  stalled.add(point);
  io.stderr.write(`orderlens: debug: stalled at ${point}\n`);
  // `sqlite`: one long statement of SQLite's own, which no thread can cut short
  if (statement) return statement();
  const step = bridge?.step;
  const whole = step !== undefined && Atomics.load(step, 0) === WHOLE;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (whole && Atomics.load(step, ASKED) === 1) break;
  }
}

/**
 * For stallAt: one statement of SQLite's own that no thread can cut short and that writes, as a first
 * import's customers index does, in the open transaction: it rewrites 2,000 rows of a scratch table (600 KB)
 * for ever with a cache of 16 pages, so changed pages keep going out to the database's file or its log,
 * uncommitted (a test waits for them there: then the statement is under way).
 */
export function longStatement(db: Db): void {
  db.pragma('cache_size = 16');
  db.exec('CREATE TABLE debug_stall (id INTEGER PRIMARY KEY, v BLOB)');
  db.prepare('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e12) INSERT OR REPLACE INTO debug_stall SELECT x % 2000, randomblob(300) FROM c').run();
}
