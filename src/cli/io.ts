/**
 * The CLI's connection to the world, injectable so tests run `run(argv, io)` in-process.
 */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/**
 * The real process: a closed pipe on stdout (`orderlens … | head -1`) ends quietly with exit 0. A closed
 * stderr (`orderlens … 2>&1 | head -1`, where the first line read is a note) is ignored: notes are lost,
 * the data still goes to stdout, and the run is not turned into a crash.
 */
export function nodeIo(): Io {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/** An in-memory Io for tests: read back what was written with out() and err(). */
export function memoryIo(opts: { env?: Record<string, string | undefined>; tty?: boolean } = {}): Io & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    env: opts.env ?? {},
    out: () => out,
    err: () => err,
  };
}
