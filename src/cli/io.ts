/**
 * The CLI's connection to the world, injectable so tests run `run(argv, io)` in-process.
 */
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
}

/**
 * The real process. A closed pipe (`orderlens … | head -1`, or `2>&1 | head -1` once the first note has been
 * read) is not an error: what is written to it from then on is dropped, and the command runs to its end and
 * exits as it would have (0 for a report) — an import of several files still imports them all.
 */
let writeFailed = false;

/** Whether writing stdout or stderr failed (not a closed pipe): the process must then exit 1 (bin/orderlens.js). @public */
export function outputFailed(): boolean {
  return writeFailed;
}

export function nodeIo(): Io {
  return {
    stdout: quietWhenClosed(process.stdout),
    stderr: quietWhenClosed(process.stderr),
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    rows: process.stdout.isTTY ? process.stdout.rows : undefined,
    stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
    env: process.env,
  };
}

/**
 * Any other failure to write (`orderlens customers > /dev/full`: ENOSPC) is one line on stderr and exit 1,
 * never a stack trace; what follows is dropped.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): Io['stdout'] {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    const name = stream === process.stdout ? 'stdout' : 'stderr';
    const why = e.code === 'ENOSPC' ? 'no space left on device' : (e.code ?? e.message);
    if (name === 'stdout') process.stderr.write(`orderlens: error: cannot write to stdout: ${why}\n`);
    process.exitCode = 1;
    writeFailed = true;
  });
  return { write: (text: string) => (closed ? false : stream.write(text)) };
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
