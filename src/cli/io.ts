/**
 * The CLI's connection to the world, injectable so tests run `run(argv, io)` in-process.
 */
import { writeSync } from 'node:fs';
import v8 from 'node:v8';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** What `import -` reads (process.stdin for the real process). */
  stdin?: NodeJS.ReadableStream;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal size of stdout (undefined when not a terminal; a pseudo-terminal may report 0). */
  columns?: number;
  rows?: number;
  /** Terminal width of stderr, for the import progress line. */
  stderrColumns?: number;
  env: Record<string, string | undefined>;
  /**
   * Process-wide V8 settings for a long streaming import, called by `import` before it reads: the binary's io
   * (nodeIo) has it; an in-process caller's io leaves it out, and `run(argv, io)` then changes nothing of the
   * process it runs in. (An io without stdin reads `import -` as empty.)
   */
  tuneForImport?(): void;
}

/** What the process's terminal is: taken by the main thread (cli-thread.ts), which owns the terminal streams. */
export interface Terminal {
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns?: number;
  rows?: number;
  stderrColumns?: number;
}

/**
 * The real process. stdout and stderr are written synchronously to their file descriptors (also from the
 * command's worker thread: cli-thread.ts), in order, each write whole before the command goes on. A closed
 * pipe (`orderlens … | head -1`, or `2>&1 | head -1` once the first note has been read) is not an error: what
 * is written to it from then on is dropped, and the command runs to its end and exits as it would have (0 for
 * a report) — an import of several files still imports them all.
 */
let writeFailed = false;

/** Whether writing stdout or stderr failed (not a closed pipe): the process must then exit 1 (cli-worker.ts). @public */
export function outputFailed(): boolean {
  return writeFailed;
}

/**
 * The process's io. `terminal`: what the terminal is (default: as this thread's process.stdout and stderr
 * see it; the command's thread is given the main thread's); `stdin`: what `import -` reads.
 */
export function nodeIo(terminal: Terminal = terminalOfStreams(), stdin: () => NodeJS.ReadableStream = () => process.stdin): Io {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    get stdin() {
      return stdin();
    },
    ...terminal,
    env: process.env,
    tuneForImport() {
      // An import streams: little stays alive, but V8 lets the old generation grow to several times the live
      // heap before collecting it. A tighter growth keeps the peak RSS of a multi-GB import near 250 MB for
      // the cost of a few more (small) collections.
      v8.setFlagsFromString('--heap-growing-percent=20');
      // Nor should it pretenure: V8 moves an allocation site whose objects were seen to survive (which a
      // brief wait for the writing thread can make look so) to the old generation, and the reading thread
      // then fills and collects its old generation hundreds of times: a 5M-line import took 18 s instead of
      // 13 in about half of the runs.
      v8.setFlagsFromString('--no-allocation-site-pretenuring');
    },
  };
}

function terminalOfStreams(): Terminal {
  return {
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    rows: process.stdout.isTTY ? process.stdout.rows : undefined,
    stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
  };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `bytes` to `fd`, waiting when a non-blocking descriptor is full. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * Any other failure to write (`orderlens customers > /dev/full`: ENOSPC) is one line on stderr and exit 1,
 * never a stack trace; what follows is dropped.
 */
function fdWriter(fd: 1 | 2): Io['stdout'] {
  let closed = false;
  return {
    write(text: string) {
      if (closed) return false;
      try {
        writeAll(fd, Buffer.from(text, 'utf8'));
      } catch (e) {
        closed = true;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return false;
        const why = code === 'ENOSPC' ? 'no space left on device' : (code ?? (e as Error).message);
        if (fd === 1) {
          try {
            writeAll(2, Buffer.from(`orderlens: error: cannot write to stdout: ${why}\n`, 'utf8'));
          } catch {
            // stderr too
          }
        }
        process.exitCode = 1;
        writeFailed = true;
      }
      return true;
    },
  };
}

/** An in-memory Io for tests: read back what was written with out() and err(). */
export function memoryIo(opts: { env?: Record<string, string | undefined>; tty?: boolean; columns?: number; rows?: number } = {}): Io & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    columns: opts.columns,
    rows: opts.rows,
    stderrColumns: opts.columns,
    env: opts.env ?? {},
    out: () => out,
    err: () => err,
  };
}
