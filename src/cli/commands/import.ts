/**
 * `orderlens import FILE...`: wires flags → importer → one summary line per file.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Command, Option } from 'commander';
import { DataError, InputError, UsageError } from '../../errors.js';
import { keyFilePath } from '../../db/key-file.js';
import { openDb, resolveDbPath, type Db } from '../../db/open.js';
import { importFile, parseMaxRejects, validateImportOptions, type ImportOptions, type ImportResult } from '../../import/importer.js';
import { orderForImport } from '../../import/import-order.js';
import type { EncodingChoice } from '../../import/read.js';
import { messageLine } from '../../excerpt.js';
import { longStatement, removeOnInterrupt, setActivity, stallAt, stdinOr, uninterrupted } from '../interrupt.js';
import { isQuiet, note, waitMs, type CliContext } from '../command-context.js';
import { protectedFiles, refuseProtectedOutput } from '../output-file.js';
import type { RejectsFile } from '../rejects-file.js';
import { copyInput, needsCopy, type LocalCopy } from '../seekable-input.js';
import { firstTimeNoted } from '../../db/import-notes.js';
import { said, speak, type Said } from '../../report/said.js';
import { errorLine } from '../error-line.js';
import { importLine } from '../import-line.js';

interface ImportFlags {
  platform: string;
  shop?: string;
  tz?: string;
  currency?: string;
  encoding: string;
  decimalComma?: boolean;
  dateOrder?: string;
  map: string[];
  strict?: boolean;
  allowStale?: boolean;
  maxRejects?: string;
  rejects?: string;
  dryRun?: boolean;
  keepPii?: boolean;
  reread?: boolean;
}

export function importCommand(ctx: CliContext): Command {
  return new Command('import')
    .argument('<files...>')
    .option('--platform <name>', '', 'auto')
    .option('--shop <name>')
    .option('--tz <zone>')
    .option('--currency <code>')
    .option('--encoding <name>', '', 'auto')
    .addOption(new Option('--date-order <order>').choices(['mdy', 'dmy']))
    .option('--decimal-comma')
    .option('--map <field=Header>', '', collect, [])
    .option('--strict')
    .option('--max-rejects <n|p%>')
    .option('--allow-stale')
    .option('--rejects <file>')
    .option('--dry-run')
    .option('--keep-pii')
    .option('--reread')
    .addOption(new Option('--lang <lang>').choices(['en', 'zh']))
    .action(async (files: string[], flags: ImportFlags) => {
      // the binary's io tunes V8 for a long streaming import; an in-process caller's process is left alone
      ctx.io.tuneForImport?.();
      const maxRejects = flags.maxRejects === undefined ? undefined : parseMaxRejects(flags.maxRejects);
      if (maxRejects === null) throw new UsageError(said('import.maxRejects', { value: flags.maxRejects ?? '' }));
      const shop = flags.shop?.trim();
      if (shop === '') throw new UsageError(said('import.emptyShop'));
      const opts: ImportOptions = {
        platform: flags.platform.toLowerCase(),
        shop,
        zone: flags.tz,
        currency: flags.currency,
        encoding: await encodingChoice(flags.encoding),
        decimalComma: flags.decimalComma,
        dateOrder: flags.dateOrder as 'mdy' | 'dmy' | undefined,
        map: await parseMap(flags.map, flags.platform.toLowerCase()),
        strict: flags.strict,
        allowStale: flags.allowStale,
        maxRejects,
        dryRun: flags.dryRun,
        keepPii: flags.keepPii,
        reread: flags.reread,
        keyFile: keyFilePath(ctx.io.env),
      };
      await validateImportOptions(opts);
      const failed: DataError[] = [];
      const dbPath = resolveDbPath(ctx.globals().db, ctx.io.env);
      // a database this command creates is removed again when no file could be imported into it; so is one
      // left by a first import that never committed (it holds nothing: db/open.ts takes it as new)
      let fresh = !existsSync(dbPath);
      let imported = 0;
      let rejects: RejectsFile | null = null;
      if (flags.rejects) {
        refuseProtectedOutput(flags.rejects, '--rejects', protectedFiles(dbPath, files));
        // opened now: a path that cannot be written fails before anything is stored
        const { RejectsFile } = await import('../rejects-file.js');
        const file = new RejectsFile(flags.rejects, flags.keepPii ?? false);
        opts.onReject = (r, header) => file.add(copy && r.file === copy.path ? { ...r, file: copy.name } : r, header);
        rejects = file;
      }
      // an input read from a pipe or stdin, copied to a temporary file first (seekable-input.ts)
      let copy: LocalCopy | null = null;
      let db: Db;
      const wait = waitMs(ctx);
      opts.waitMs = wait;
      try {
        db = openForImport(dbPath, flags.dryRun ?? false, wait, () => {
          fresh = true;
          note(ctx, said('import.unfinishedDb', { path: dbPath }));
        });
      } catch (e) {
        rejects?.abort();
        throw e;
      }
      // Ctrl-C before any file committed: a database this command made holds nothing and goes, with its
      // journal (its import's transaction never committed); one that existed before is never removed
      const forget = fresh && !db.memory ? removeOnInterrupt(...databaseFiles(dbPath)) : () => {};
      // a file's COMMIT and what it settles are one step for an interruption: before it, nothing from the
      // file is stored; after it, the file is, and the database stays
      opts.commit = (commit) => {
        stallAt(ctx.io, 'commit');
        stallAt(ctx.io, 'sqlite', () => longStatement(db));
        uninterrupted(() => {
          commit();
          setActivity(null);
          forget();
          stallAt(ctx.io, 'committed');
        });
      };
      // the progress line is drawn on a terminal only: a piped or quiet import loads none of it
      const shown = ctx.io.stderrIsTTY && !isQuiet(ctx) ? await import('../progress.js') : null;
      try {
        for (const file of orderForImport(files)) {
          const progress = shown ? new shown.ProgressLine((t) => ctx.io.stderr.write(t), ctx.io.stderrColumns, messageLine(file), shown.estimateRows(file), Date.now, ctx.lang ?? 'en') : null;
          opts.onProgress = progress ? (rows) => progress.update(rows) : undefined;
          opts.onWait = () => note(ctx, said('import.waitingDb', { file, s: wait / 1000 }));
          try {
            if (isDirectory(file)) throw new DataError(said('import.directory', { file }));
            setActivity(said('interrupt.nothingStored', { file: stdinOr(file) }));
            if (needsCopy(file)) {
              copy = await copyInput(file, ctx.io.stdin ?? Readable.from([]), () => note(ctx, said('import.waitingPipe', { file })));
            }
            // the import is recorded under the input's own name (`stdin`, the pipe), not its temporary copy's
            const stored = await importFile(db, copy?.path ?? file, { ...opts, shownAs: copy ? (file === '-' ? copy.name : resolve(file)) : undefined });
            const result = copy ? named(stored, copy) : stored;
            imported++;
            setActivity(null);
            progress?.clear(); // the last frame goes before the summary line
            report(ctx, result, db, rejects);
          } catch (e) {
            progress?.clear();
            const err = copy && (e instanceof DataError || e instanceof UsageError) ? renamed(e, copy) : e;
            // One file's failure does not stop the others; the command fails at the end.
            if (!(err instanceof DataError) || files.length === 1) throw err;
            failed.push(err);
            ctx.io.stderr.write(errorLine(err, ctx.lang ?? 'en', ctx.globals().debug === true));
          } finally {
            copy?.cleanup();
            copy = null;
          }
        }
      } finally {
        setActivity(null);
        db.close();
        if (fresh && imported === 0 && !db.memory) removeDatabase(dbPath);
        forget();
        rejects?.commit();
      }
      if (rejects) note(ctx, said('import.wroteRejects', { n: rejects.count, file: rejects.file }));
      if (failed.length > 0) throw new DataError(said('import.someFailed', { failed: failed.length, n: files.length }));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `--map field=Header` pairs. A field must be one the platform reads: the generic fields for a generic
 * file (what --map implies), else the forced adapter checks its own (Columns.resolve); never a name of
 * Object.prototype (`__proto__`, `constructor`), which a plain object would take for something else.
 */
async function parseMap(pairs: string[], platform: string): Promise<Record<string, string>> {
  const map: Record<string, string> = {};
  if (pairs.length === 0) return map;
  const { GENERIC_FIELDS } = await import('../../import/platforms/generic.js');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(said('import.mapShape', { pair }));
    const field = pair.slice(0, eq).trim().toLowerCase();
    const generic = platform === 'auto' || platform === 'generic';
    if ((generic && !Object.hasOwn(GENERIC_FIELDS, field)) || field in Object.prototype) {
      const fields = Object.keys(GENERIC_FIELDS).join(', ');
      throw new UsageError(generic ? said('import.mapField', { pair, field, fields }) : said('import.mapFieldAdapter', { pair, field, fields, platform }));
    }
    Object.defineProperty(map, field, { value: pair.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return map;
}

/**
 * The `--encoding` asked for: `auto` (the default) as it is; any other name is checked by the reading module
 * (read.ts), which the command's thread does not load otherwise when a reading thread reads the file.
 */
async function encodingChoice(choice: string): Promise<EncodingChoice> {
  if (choice.toLowerCase() === 'auto') return 'auto';
  return (await import('../../import/read.js')).resolveEncoding(choice);
}

/**
 * The database an import writes. A dry run opens the real one (its errors are real errors) and rolls
 * back; only when there is no database yet does it read into an empty one in memory.
 */
function openForImport(path: string, dryRun: boolean, busyMs: number, onUnfinished: () => void): Db {
  if (dryRun && !existsSync(path)) return openDb(':memory:', { create: true });
  return openDb(path, { create: true, busyMs, holdNew: !dryRun, onUnfinished });
}

/** An error about the temporary copy of stdin or a pipe, about the input by its own name. */
function renamed(e: DataError | UsageError, copy: LocalCopy): DataError | UsageError {
  const name = (v: string) => v.split(copy.path).join(copy.name);
  if (e instanceof InputError) return new InputError(name(e.file), e.line, e.reason);
  const Made = e instanceof UsageError ? UsageError : DataError;
  if (!e.said) return new Made(name(e.message));
  return new Made({ ...e.said, params: Object.fromEntries(Object.entries(e.said.params).map(([k, v]) => [k, typeof v === 'string' ? name(v) : v])) });
}

/** A result with the input's own name (`stdin`, the pipe) instead of its temporary copy's. */
function named(result: ImportResult, copy: LocalCopy): ImportResult {
  return { ...result, file: copy.name, firstRejects: result.firstRejects.map((r) => ({ ...r, file: copy.name })) };
}

/** Removes a database file this command created and stored nothing in (and its journal files). */
function removeDatabase(path: string): void {
  for (const file of databaseFiles(path)) rmSync(file, { force: true });
}

/** A database's file and its journal files. */
function databaseFiles(path: string): string[] {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => path + suffix);
}

function report(ctx: CliContext, r: ImportResult, db: Db, rejects: RejectsFile | null): void {
  const c = r.counts;
  const lang = ctx.lang ?? 'en';
  ctx.io.stdout.write(`${importLine(r, lang)}\n`);
  for (const rej of r.firstRejects) ctx.io.stderr.write(`${messageLine(`${rej.file}:${rej.line}: ${speak(lang, rej.reason)}`)}\n`);
  const unsaid = c.rejected - r.firstRejects.length;
  // with --rejects every rejected row is in that file: the note says so instead of suggesting the flag
  if (unsaid > 0) note(ctx, rejects ? said('import.moreRejectsWritten', { n: unsaid, file: r.file, rejects: rejects.file }) : said('import.moreRejects', { n: unsaid, file: r.file }));
  // warnings about the data are said once per source (platform/shop): a nightly import of the same export
  // does not repeat them; `orderlens info` keeps them
  const day = Date.now();
  const warn = (text: Said) => {
    if (r.dryRun || firstTimeNoted(db, `${r.platform}/${r.shop}`, text, day)) note(ctx, text);
  };
  for (const n of r.notes) warn(said('import.fileNote', { file: r.file, note: n }));
  for (const [text, n] of r.unknownStatuses) warn(said('import.unknownStatus', { file: r.file, status: text, n }));
  const orders = c.inserted + c.updated + c.unchanged + c.stale;
  if (r.ordersWithoutBuyer > 0) warn(said(r.ordersWithoutBuyer === orders ? 'import.noBuyerColumn' : 'import.noBuyerCells', { file: r.file, n: r.ordersWithoutBuyer }));
  const skipped = r.concluded.skipped ?? null;
  if (skipped) {
    const text = said('import.skipped', { file: r.file, n: skipped.rows, why: skipped.why });
    // a count of this file's rows, like its rejects: said on every import (and kept for `info`)
    if (!r.dryRun) firstTimeNoted(db, `${r.platform}/${r.shop}`, text, day);
    note(ctx, text);
  }
  const more = c.read - orders - c.rejected - (skipped?.rows ?? 0);
  if (more > 0) note(ctx, said('import.itemLines', { file: r.file, read: c.read, orders, rejected: c.rejected, more }));
  if (c.stale > 0) warn(said('import.stale', { file: r.file, n: c.stale }));
  if (r.settings.reused) note(ctx, said('import.reused', { file: r.file, source: `${r.platform}/${r.shop}`, settings: r.settings.reused.join(' ') }));
  if (r.itemsAttached > 0) note(ctx, said('import.itemsAttached', { file: r.file, n: r.itemsAttached }));
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // a missing file is reported by the reader
  }
}
