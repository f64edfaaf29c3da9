/**
 * Inputs that can be read only once, from the front (`-` for stdin, `/dev/stdin`, `<(cat f)`, a FIFO): the
 * importer reads a file's head to sniff it and then the whole file, so such an input is first copied to a
 * temporary file (mode 0600, in a folder of its own, removed afterwards). A pipe nobody writes to yet gets
 * a note after a few seconds instead of a silent wait.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataError } from '../errors.js';
import { openOnInterrupt, removeOnInterrupt } from './interrupt.js';
import { said } from '../report/said.js';

/** Seconds before a note says that a pipe has given nothing yet. */
const QUIET_SECONDS = 3;

export interface LocalCopy {
  /** The temporary file to import. */
  path: string;
  /** The input as the user named it (`stdin` for `-`), for messages. */
  name: string;
  cleanup(): void;
}

/** Whether `file` must be copied before it is read: `-`, a pipe, a FIFO, a character device or a socket. */
export function needsCopy(file: string): boolean {
  if (file === '-') return true;
  try {
    const s = statSync(file);
    return s.isFIFO() || s.isCharacterDevice() || s.isSocket();
  } catch {
    return false; // the reader names the problem
  }
}

/** Copies the input to a temporary file; `onQuiet` is called once if nothing has come after a few seconds. */
export async function copyInput(file: string, stdin: NodeJS.ReadableStream, onQuiet: () => void): Promise<LocalCopy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-input-'));
  const forgetDir = removeOnInterrupt(dir);
  const name = file === '-' ? 'stdin' : file;
  const target = path.join(dir, file === '-' ? 'stdin' : path.basename(file) || 'input');
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    forgetDir();
  };
  let started = false;
  // A FIFO with no writer blocks its open() in a thread the process waits for on exit: on Ctrl-C, open the
  // FIFO for writing (and close it) so that the waiting open returns and the process can end.
  const forget = file === '-' ? () => {} : openOnInterrupt(file);
  const timer = setTimeout(() => {
    if (!started) onQuiet();
  }, QUIET_SECONDS * 1000);
  const watch = new Transform({
    transform(chunk, _enc, done) {
      if (!started) forget();
      started = true;
      done(null, chunk);
    },
  });
  try {
    await pipeline(file === '-' ? stdin : createReadStream(file), watch, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
  } catch (e) {
    cleanup();
    throw new DataError(said('read.cannotRead', { file: name, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  } finally {
    clearTimeout(timer);
    forget();
  }
  return { path: target, name, cleanup };
}
