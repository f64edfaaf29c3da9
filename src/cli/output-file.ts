/**
 * Files the CLI writes (`--out`, `--rejects`): never a file the command reads or the database (compared by
 * device and inode, so a hard link or a symlink to one is caught too), and written whole or not at all — into
 * a temporary file beside the target (mode 0600), renamed over it when complete. A process that dies
 * half-way leaves the old file as it was; an interrupted one removes its temporary file (interrupt.ts). A
 * target that is not a regular file (`/dev/stdout`, a FIFO) is written directly.
 */
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { said, type Said } from '../report/said.js';
import { removeOnInterrupt } from './interrupt.js';

/** A file an output must not be, and what it is in words (`the database`, `an input file`). */
export interface ProtectedFile {
  path: string;
  what: string | Said;
}

/** The database and its -wal, -shm and -journal files, and every input file. */
export function protectedFiles(dbPath: string | null, inputs: readonly string[] = []): ProtectedFile[] {
  const list: ProtectedFile[] = inputs.map((p) => ({ path: p, what: said('out.input', { path: p }) }));
  if (dbPath !== null && dbPath !== ':memory:') {
    list.push({ path: dbPath, what: said('out.database') });
    for (const suffix of ['-wal', '-shm', '-journal']) list.push({ path: dbPath + suffix, what: said('out.databaseFile', { suffix }) });
  }
  return list;
}

function identity(p: string): string | null {
  try {
    const s = statSync(p);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** The absolute path with every symlink resolved, also for a file that does not exist yet. */
function resolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/** A usage error (exit 2) when `file` is one of `guarded`: the same path, or the same device and inode. */
export function refuseProtectedOutput(file: string, flag: string, guarded: readonly ProtectedFile[]): void {
  const id = identity(file);
  const where = resolved(file);
  for (const g of guarded) {
    const same = (id !== null && id === identity(g.path)) || where === resolved(g.path);
    if (same) throw new UsageError(said('out.protected', { flag, file, what: g.what }));
  }
}

function writeError(file: string, e: unknown): DataError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOSPC' ? said('cli.noSpace') : err.code === 'EACCES' ? said('read.permission') : err.code === 'ENOENT' ? said('cli.noFolder') : err.code === 'EISDIR' ? said('read.isDirectory') : (err.code ?? err.message);
  return new DataError(said('out.cannotWrite', { file, why }));
}

/** An output file being written: `write` as often as needed, then `commit` (or `abort`). */
export class OutputFile {
  private done = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    /** The temporary file renamed onto `target` at the end; null when writing the target directly. */
    private readonly temp: string | null,
    private readonly target: string,
    /** Takes the temporary file off the list of what an interruption removes. */
    private readonly forget: () => void = () => {},
  ) {}

  /** Opens `file` for writing (its temporary file, for a regular or new file); a DataError when it cannot. */
  static open(file: string): OutputFile {
    let existing: ReturnType<typeof statSync> | null = null;
    try {
      existing = statSync(file);
    } catch {
      existing = null;
    }
    try {
      if (existing && existing.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      if (existing && !existing.isFile()) return new OutputFile(file, openSync(file, 'w'), null, file);
      // a symlink stays a symlink: its target is replaced
      const target = existing ? realpathSync(file) : file;
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      // on the list before it exists: an interruption at any moment from now on leaves no temporary file
      const forget = removeOnInterrupt(temp);
      try {
        return new OutputFile(file, openSync(temp, 'wx', 0o600), temp, target, forget);
      } catch (e) {
        forget();
        throw e;
      }
    } catch (e) {
      throw writeError(file, e);
    }
  }

  write(data: string | Buffer): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    } catch (e) {
      this.abort();
      throw writeError(this.file, e);
    }
  }

  /** Makes the file complete and visible under its name. */
  commit(): void {
    if (this.done) return;
    this.done = true;
    try {
      if (this.temp !== null) fsyncSync(this.fd);
      closeSync(this.fd);
      if (this.temp !== null) renameSync(this.temp, this.target);
      this.forget();
    } catch (e) {
      this.removeTemp();
      throw writeError(this.file, e);
    }
  }

  /** Drops what was written: the target is left as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    if (this.temp === null) return;
    try {
      unlinkSync(this.temp);
    } catch {
      // gone already
    }
    this.forget();
  }
}
