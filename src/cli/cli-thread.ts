/**
 * The binary's main thread (bin/orderlens.js): it hears Ctrl-C and SIGTERM and nothing else. The command runs
 * in a worker thread (cli-worker.ts) that writes stdout and stderr itself; this thread stays idle, so a
 * signal is answered within a moment whatever the command is doing (interrupt.ts). One process: `kill -9` ends
 * both threads, and the output is the same, byte for byte, as the command's in this thread would be.
 *
 * This thread loads as little as it can before it starts the command's thread (no message catalogue: that
 * is loaded when a signal comes before the command's thread has told it the line to say), so that every
 * command starts sooner: `orderlens --version` loaded 18 modules here first. For an import of a large file it
 * also starts the reading thread, beside the command's (reading-thread.ts), which then talks to the command's
 * thread alone.
 */
import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { Terminal } from './io.js';
import { commandAt } from './command-word.js';
import { exitNow } from './exit-now.js';
import { InterruptView, stepWords } from './interrupt-view.js';
import { startReadingEarly } from '../import/reading-thread.js';

/**
 * How long the command's thread gets to stop once told to (JavaScript stops within milliseconds) before the
 * process leaves without it: it is then inside one SQLite statement, which nothing can cut short but the end
 * of the process (exit-now.ts). Never inside a COMMIT: the command begins none once the signal is heard.
 */
const STOP_MS = 250;

/** What the command's thread posts on its parent port. */
export type CliPosted = { done: number } | { stdin: true };

/** What the command's thread gets to start with. */
export interface CliStart {
  argv: string[];
  terminal: Terminal;
  port: MessagePort;
  step: Int32Array;
  /** The port of the reading thread started for an import of a large file (reading-thread.ts), if one was. */
  reading?: MessagePort;
}

/** The terminal as this thread sees it (the command's thread has no terminal streams of its own). */
function terminal(): Terminal {
  const out = isatty(1);
  const err = isatty(2);
  return {
    stdoutIsTTY: out,
    stderrIsTTY: err,
    columns: out ? process.stdout.columns : undefined,
    rows: out ? process.stdout.rows : undefined,
    stderrColumns: err ? process.stderr.columns : undefined,
  };
}

/**
 * The young generation of an import's thread (the writing half), MB: 24 instead of V8's 48 (semi-spaces of 8 MB,
 * not 16). Its objects die young (an order's values until its batch is written); the bigger nursery was about
 * 20 MB of the 10M-line import's peak RSS, for no CPU this machine could show (BENCHMARKS.md, issue 21, cust).
 */
const IMPORT_YOUNG_MB = 24;

/** The interruption line of a command that has not said what it would leave undone, in the language of `argv`. */
async function plainLine(argv: readonly string[]): Promise<string> {
  const [{ interruptedLine }, { argvLang }] = await Promise.all([import('./interrupt.js'), import('./env-lang.js')]);
  return interruptedLine(argvLang(argv, process.env), null);
}

/** The resource limits of the thread that runs the command `argv` (none but for an import). */
export function commandLimits(argv: readonly string[]): ResourceLimits | undefined {
  return argv[commandAt(argv)] === 'import' ? { maxYoungGenerationSizeMb: IMPORT_YOUNG_MB } : undefined;
}

/**
 * Runs the command `argv` in its thread; the process exits with its code, or 130 / 143 when interrupted.
 * `heard`: the exit code of a signal heard before this module was loaded (bin/orderlens.js listens from its
 * first line): the process then stops at once. Returns what answers a signal from now on. @public
 */
export function runCli(argv: string[], heard: number | null): (code: number) => void {
  const view = new InterruptView(stepWords());
  const channel = new MessageChannel();
  channel.port1.unref();
  let worker: Worker | null = null;
  let stopping = false;
  const read = () => {
    for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) view.take(m.message);
  };
  const say = async () => {
    // the command's line (in its language, saying what is left undone), else the plain one in the command line's
    const line = view.line ?? (await plainLine(argv));
    try {
      writeSync(2, line);
    } catch {
      // stderr closed
    }
  };
  const remove = () => {
    for (const p of view.removals()) {
      try {
        rmSync(p, { recursive: true, force: true });
      } catch {
        // leaving anyway
      }
    }
  };
  let said = false;
  /** Leaves at once with `code`, the command's thread still inside a SQLite statement (exit-now.ts). */
  const leave = (code: number) => {
    read();
    remove();
    exitNow(code, code === 130 ? 'SIGINT' : 'SIGTERM');
  };
  const stop = async (code: number) => {
    if (stopping) {
      // a second signal once the line is said: leave now
      if (said) leave(code);
      return;
    }
    stopping = true;
    if (worker) {
      // from here on the command commits nothing: the line is true whatever it does before it stops
      await view.holdSteps();
      read();
      await say();
      said = true;
      for (const fifo of view.fifos()) {
        try {
          closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // nobody waits on it
        }
      }
      // JavaScript stops at once; a statement SQLite is running (the customers' index a first import builds
      // at its end: about 1.4 s for 550,000 customers; doctor's integrity check) would be waited for: the
      // process leaves without it. Its transaction never committed (no COMMIT begins now): SQLite's journal
      // rolls it back on the next open, and a database this command made is removed with its journals.
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([worker.terminate().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, STOP_MS, false)))]);
      clearTimeout(timer);
      if (!stopped) leave(code);
      read();
      remove();
    } else await say();
    process.exit(code);
  };
  const answer = (code: number) => void stop(code);
  if (heard !== null) {
    answer(heard);
    return answer;
  }

  const start: CliStart = { argv, terminal: terminal(), port: channel.port2, step: view.step };
  // an import of a large file: its reading thread starts now, beside the command's (both load at once)
  const at = commandAt(argv);
  const reading = argv[at] === 'import' ? startReadingEarly(argv.slice(at + 1)) : null;
  if (reading) start.reading = reading;
  worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
    workerData: start,
    transferList: reading ? [channel.port2, reading] : [channel.port2],
    stdin: true,
    resourceLimits: commandLimits(argv),
  });
  let code: number | null = null;
  worker.on('message', (m: CliPosted) => {
    if ('done' in m) {
      code = m.done;
      // the command has written all it says (its writes are synchronous) and closed its store: the process
      // need not wait for the thread to wind down (its heap, its event loop) before it exits
      if (!stopping) process.exit(code);
    } else if (worker?.stdin) process.stdin.pipe(worker.stdin);
  });
  worker.on('error', (e) => {
    if (stopping) return;
    writeSync(2, `${e.stack ?? e.message}\n`);
    code = 1;
  });
  worker.on('exit', (exitCode) => {
    if (!stopping) process.exit(code ?? (exitCode || 1));
  });
  return answer;
}
