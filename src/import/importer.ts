/**
 * Importing one export file into the store: read → detect → map → upsert, in ONE transaction per file.
 * An error, a --strict reject or a kill in the middle leaves the database exactly as it was before the file.
 *
 * The reading half (map-file.ts: bytes → rows → normalized orders) runs in a worker thread for large files
 * (map-thread.ts), so that on two cores reading and mapping overlap with the writing done here.
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DataError, InputError, UsageError } from '../errors.js';
import { bindKey } from '../db/key-file.js';
import { keyLegacyStore, scrubFreeSpace, type LegacyKeyed } from '../db/legacy-ids.js';
import { relabelAssumedCurrency } from '../db/assumed-currency.js';
import { sealFileDigest } from '../db/sealed-digests.js';
import { beginWrite, settleJournal, type Db } from '../db/open.js';
import { anyImportOfSize, findReplayable, recordReplay, storeReplayedImport, type ReplayRecord } from '../db/import-replay.js';
import { describeSqliteError } from '../db/sqlite-errors.js';
import { VERSION } from '../version.js';
import { OrderWriter, type ImportCounts } from '../db/store.js';
import { ChunkReread } from '../db/row-chunks.js';
import { CHUNK_FORMAT } from './row-chunks.js';
import { isTimeZone } from '../domain/time-zone.js';
import { RejectOrder } from './reject-order.js';
import type { Concluded, MapOptions, MappedFile, ReadingOptions, ShopFrom, SourceSettings, StoredSource } from './map-file.js';
import { DecodedBatch, type Outcome } from './mapped-batch.js';
import { decodeColumns, encodeBatch } from './mapped-codec.js';
import { NO_BUYER } from '../domain/order-columns.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { openMappedInThread } from './map-thread.js';
import { THREAD_MIN_BYTES } from './reading-thread.js';
import { said, type Said } from '../report/said.js';

export interface ImportOptions extends ReadingOptions {
  shop?: string;
  strict?: boolean;
  /** Fail the file (nothing stored) when more rows than this are rejected: a count, or a share of the rows read. */
  maxRejects?: MaxRejects;
  /** Apply rows that would move a stored order backwards in its life (an older export imported after a newer one). */
  allowStale?: boolean;
  /** Roll back at the end: nothing is stored. */
  dryRun?: boolean;
  keepPii?: boolean;
  /**
   * The key file that hashes personal buyer data (db/key-file.ts): the CLI passes keyFilePath of its io's
   * environment, the library entry (src/index.ts) that of process.env. Made on the first import; a database made
   * with another key is refused.
   */
  keyFile: string;
  /** The input as the user named it (`stdin`), recorded in `imports.path` instead of the file read (its temporary copy). */
  shownAs?: string;
  /** Called for every rejected row (for --rejects). */
  onReject?: (reject: Reject, header: readonly string[] | null) => void;
  /** How long (ms) to wait while another process writes the database (default: not at all). */
  waitMs?: number;
  /** Called once when the import must wait for another writer. */
  onWait?: () => void;
  /** Called every few thousand rows with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  /**
   * Read and map in a worker thread: `auto` (the default) does for files of THREAD_MIN_BYTES or more, on a
   * machine with two cores or more, unless rejects are wanted with their cells (onReject).
   */
  thread?: 'auto' | boolean;
  /**
   * Read every row even of a file byte for byte the same as one imported before (by default such a file,
   * read with the same settings, reuses that import's outcome when nothing has changed its orders since:
   * db/import-replay.ts).
   */
  reread?: boolean;
  /**
   * Runs the import's COMMIT (`commit`), with whatever the caller settles at that moment, as one step: the CLI
   * makes Ctrl-C wait for it rather than stop the process half-way (cli/interrupt.ts). Default: just commits.
   */
  commit?: (commit: () => void) => void;
}

/** The COMMIT of an import, through opts.commit when given. */
function commit(opts: ImportOptions, doCommit: () => void): void {
  if (opts.commit) opts.commit(doCommit);
  else doCommit();
}

export type MaxRejects = { count: number } | { percent: number };

/** `--max-rejects N` or `N%` (a share of the rows read); null when the text is neither. */
export function parseMaxRejects(text: string): MaxRejects | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === '%') return n <= 100 ? { percent: n } : null;
  return Number.isInteger(n) ? { count: n } : null;
}

export interface Reject {
  file: string;
  line: number;
  /** Why, as a catalogue message (English in the --rejects file, the user's language on the terminal). */
  reason: string | Said;
  /** The row's cells when still at hand. */
  cells: string[] | null;
}

export interface ImportResult {
  file: string;
  platform: string;
  label: string;
  shop: string;
  /** Where the shop name came from: --shop, the file's store column (its header), or the default. */
  shopFrom: ShopFrom;
  encoding: string;
  /** The settings the file was read with (given, or reused from the source's earlier imports). */
  settings: SourceSettings;
  /** What the file's reading concluded on its own: an assumed currency, an inferred date order. */
  concluded: Concluded;
  counts: ImportCounts;
  /** Items attached to orders from an item report. */
  itemsAttached: number;
  /** The first five rejects (the rest are only counted, or written with --rejects). */
  firstRejects: Reject[];
  /** Status texts no adapter knew, with how many orders carried each. */
  unknownStatuses: Map<string, number>;
  /** What the adapter had to say about the file (an inferred currency, say). */
  notes: (string | Said)[];
  /** Orders without a buyer identity. */
  ordersWithoutBuyer: number;
  dryRun: boolean;
  /**
   * The earlier import of the same bytes whose outcome this one reused without reading the file (every
   * order unchanged); absent when the file was read.
   */
  sameAs?: { importId: number; startedAt: string };
  /**
   * Rows not mapped because the source's last read file had the same row chunk (import/row-chunks.ts):
   * their orders are counted unchanged.
   */
  rowsSkipped: number;
}

const PROGRESS_ROWS = 5000;
const UNKNOWN = ORDER_STATUSES.indexOf('unknown');
/** Page cache during an import, KiB (orders, customers and runs are appended: little is read back). */
const IMPORT_CACHE_KIB = 4096;

/**
 * A turn of the event loop at least every TURN_MS while writing: batches from a reading thread that is ahead
 * arrive as resolved promises, without a turn, and Ctrl-C / SIGTERM (answered in a turn: cli/interrupt.ts)
 * would be heard only once the file was stored.
 */
const TURN_MS = 50;
let nextTurn = 0;
function turnDue(): boolean {
  const now = performance.now();
  if (now < nextTurn) return false;
  nextTurn = now + TURN_MS;
  return true;
}
const eventLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks the options before anything is opened. The adapters are loaded only for a platform named (the
 * reading thread has its own): on the command's thread an import loads none of the reading half.
 */
export async function validateImportOptions(opts: ImportOptions): Promise<void> {
  if (opts.platform !== 'auto') {
    const { ADAPTERS, adapterById } = await import('./platforms/registry.js');
    if (!adapterById(opts.platform)) throw new UsageError(said('import.unknownPlatform', { name: opts.platform, list: ADAPTERS.map((a) => a.id).join(', ') }));
  }
  if (opts.zone !== undefined && !isTimeZone(opts.zone)) throw new UsageError(said('import.unknownZone', { zone: opts.zone }));
  if (opts.currency !== undefined && !/^[A-Za-z]{3}$/.test(opts.currency)) throw new UsageError(said('import.badCurrency', { value: opts.currency }));
}

function useThread(file: string, opts: ImportOptions): boolean {
  const choice = opts.thread ?? 'auto';
  if (choice !== 'auto') return choice;
  if (opts.onReject || availableParallelism() < 2) return false;
  try {
    return statSync(file).size >= THREAD_MIN_BYTES;
  } catch {
    return false; // the reader names the problem
  }
}


export async function importFile(db: Db, file: string, opts: ImportOptions): Promise<ImportResult> {
  await validateImportOptions(opts);
  const bound = bindKey(db, opts.keyFile, opts.dryRun ?? false);
  const mapOptions: MapOptions = {
    platform: opts.platform,
    zone: opts.zone,
    currency: opts.currency,
    encoding: opts.encoding,
    decimalComma: opts.decimalComma,
    dateOrder: opts.dateOrder,
    map: opts.map,
    shop: opts.shop,
    stored: storedSources(db),
    keepCells: opts.onReject !== undefined,
    buyers: { secret: bound.key, keepPii: opts.keepPii ?? false },
    idKey: bound.key,
  };
  const size = fileSize(file);
  // keyed: the SHA-256 of a file of few rows is a check for a guess at its buyers (db/sealed-digests.ts)
  const digest = once(async () => sealFileDigest(bound.key, await sha256Of(file)));
  if (opts.shop === undefined && size !== null) await markSameBytes(db, mapOptions.stored ?? [], size, digest);
  if (!opts.reread && size !== null && anyImportOfSize(db, size)) {
    const replayed = await replayUnchanged(db, file, size, await digest(), opts, mapOptions, bound.notes);
    if (replayed) return replayed;
  }
  try {
    return await readAndWrite(db, file, size, opts, mapOptions, bound, !opts.reread);
  } catch (e) {
    // a chunk skipped unread repeats an order met before it (rare): only reading every row says which row
    if (e instanceof ChunkReread) return await readAndWrite(db, file, size, opts, mapOptions, bound, false);
    throw e;
  }
}

/**
 * Reads the file's rows and writes their orders, in one transaction. `skipChunks`: row chunks the source's
 * last read file had too are not mapped (import/row-chunks.ts); either way this import records its own.
 */
async function readAndWrite(
  db: Db, file: string, size: number | null, opts: ImportOptions, mapOptions: MapOptions, bound: { key: string; notes: readonly Said[] }, skipChunks: boolean,
): Promise<ImportResult> {
  const source = useThread(file, opts) ? await openMappedInThread(file, mapOptions) : await openInThisThread(file, mapOptions);
  const shop = source.shop.name;
  const counts: ImportCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
  const result: ImportResult = {
    file,
    platform: source.platform,
    label: source.label,
    shop,
    shopFrom: source.shop.from,
    encoding: source.encoding,
    settings: source.settings,
    concluded: { assumedCurrency: null, dateOrder: null, noAmounts: false },
    counts,
    itemsAttached: 0,
    firstRejects: [],
    unknownStatuses: new Map(),
    notes: [...bound.notes],
    ordersWithoutBuyer: 0,
    dryRun: opts.dryRun ?? false,
    rowsSkipped: 0,
  };
  // rejects are said in line order (reject-order.ts): the first five on the terminal, all in --rejects
  const inOrder = new RejectOrder<Reject>((r) => {
    if (result.firstRejects.length < 5) result.firstRejects.push(r);
    opts.onReject?.(r, source.header ?? null);
    if (opts.strict) throw new InputError(file, r.line, said('import.strict', { reason: r.reason }));
  });
  const reject = (line: number, reason: string | Said, cells: string[] | null) => {
    counts.rejected++;
    inOrder.add({ file, line, reason, cells });
  };

  // An import appends; a smaller page cache than the reports' keeps its memory flat (IMPORT_CACHE_KIB).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  let legacy: LegacyKeyed = { ids: 0, changed: false };
  try {
    await beginWrite(db, opts.waitMs ?? 0, opts.onWait);
    legacy = keyLegacyStore(db, bound.key);
    if (legacy.ids > 0) result.notes.push(said('import.idsKeyed', { n: legacy.ids }));
    const relabelled = relabelAssumedCurrency(db, source.platform, shop, source.settings.currency);
    if (relabelled) result.notes.push(said('import.currencySet', { source: `${source.platform}/${shop}`, n: relabelled.orders, from: relabelled.from, to: source.settings.currency ?? '' }));
    const sessionNotes = result.notes.length;
    const writer = new OrderWriter(db, source.platform, shop, opts.keepPii ?? false, bound.key);
    writer.allowStale = opts.allowStale ?? false;
    writer.onRepeat = (orderId, line) => reject(line, said('reject.orderAgain', { id: orderId }), source.cellsOf?.(line) ?? null);
    writer.startImport({
      path: opts.shownAs ?? path.resolve(file),
      sha256: '',
      platform: source.platform,
      shop,
      encoding: source.encoding,
      startedAt: new Date().toISOString(),
    });
    const schema = db.pragma('user_version', { simple: true }) as number;
    const prior = writer.recordChunks(JSON.stringify([readingKey(source.platform, shop, source.settings, opts), source.layout, schema, CHUNK_FORMAT]));
    source.useChunks(skipChunks && prior ? prior.digests : null);
    let progress = 0;
    const unknownStatus = (raw: string | null) => result.unknownStatuses.set(raw ?? '', (result.unknownStatuses.get(raw ?? '') ?? 0) + 1);
    /** What is not an order: a chunk mark, a reject, an item list. */
    const notOrder = (m: Exclude<Outcome, { order: unknown }>) => {
      if ('chunk' in m) {
        writer.chunk(m.chunk);
        if (m.chunk.skip >= 0) result.rowsSkipped += m.chunk.rows;
      }
      else if ('reject' in m) reject(m.reject.line, m.reject.reason, m.reject.cells);
      else {
        const outcome = writer.attachItems(m.items.orderId, m.items.items);
        if (outcome === null) {
          const why = said('reject.itemsWithoutOrder', { id: m.items.orderId });
          reject(m.items.line, why, source.cellsOf?.(m.items.line) ?? null);
        }
        else result.itemsAttached += m.items.items.length;
      }
    };
    /** A batch decoded as columns: its orders and chunk marks written by the writer, other events said here in their place. */
    const mark = { chunk: { lo: 0, hi: 0, rows: 0, orders: 0, skip: -1, count: 1, clean: false, buyerless: false } };
    let decoded: DecodedBatch | null = null;
    const otherEvent = (k: number) => {
      const d = decoded as DecodedBatch;
      const what = d.eventWhat[k];
      if (what >= 0) {
        d.markInto(what, mark.chunk);
        notOrder(mark);
      } else notOrder(d.other[-1 - what] as Exclude<Outcome, { order: unknown }>);
    };
    const writeDecoded = (d: DecodedBatch) => {
      const cols = d.orders;
      for (let j = 0; j < cols.length; j++) {
        if (cols.status[j] === UNKNOWN) unknownStatus(cols.statusRaw[j]);
        if (cols.buyerKind[j] === NO_BUYER) result.ordersWithoutBuyer++;
      }
      decoded = d;
      writer.writeBatch(d, otherEvent);
    };
    /** A batch of this thread's with orders already encoded among its outcomes (MappedBatch.runs), decoded here. */
    let decodedHere: DecodedBatch | null = null;
    for await (const batch of source.batches) {
      if (batch.columns) writeDecoded(batch.columns);
      // the runs' orders stand between the outcomes of `out`: only the codec puts them back in their places
      else if (batch.runs !== undefined && batch.runs.length > 0) writeDecoded(decodeColumns(encodeBatch(batch), (decodedHere ??= new DecodedBatch())));
      else for (const m of batch.out) {
        if (!('order' in m)) notOrder(m);
        else {
          const o = m.order;
          if (o.status === 'unknown') unknownStatus(o.statusRaw);
          if (!o.buyer) result.ordersWithoutBuyer++;
          writer.write(o, m.ref);
        }
      }
      counts.read += batch.rows;
      if (opts.onProgress && counts.read >= progress + PROGRESS_ROWS) {
        progress = counts.read - (counts.read % PROGRESS_ROWS);
        opts.onProgress(counts.read);
      }
      if (turnDue()) await eventLoopTurn();
    }
    result.notes.push(...source.notes());
    writer.flush();
    inOrder.flush();
    if (writer.conflicts.count > 0) throw new DataError(conflictMessage(file, `${source.platform}/${shop}`, writer));
    counts.inserted = writer.counts.inserted;
    counts.updated = writer.counts.updated;
    counts.unchanged = writer.counts.unchanged;
    counts.stale = writer.counts.stale;
    result.ordersWithoutBuyer += writer.counts.skippedWithoutBuyer;
    const accepted = counts.inserted + counts.updated + counts.unchanged + counts.stale + result.itemsAttached;
    refuseRejects(file, counts, accepted, result.firstRejects, opts.maxRejects);
    writer.finishImport(counts, new Date().toISOString());
    result.concluded = source.concluded();
    keepSettings(db, source.platform, shop, source.settings, result.concluded);
    const replay: ReplayRecord = {
      v: 1,
      key: readingKey(source.platform, shop, source.settings, opts),
      schema: db.pragma('user_version', { simple: true }) as number,
      items: result.itemsAttached,
      unknown: [...result.unknownStatuses],
      withoutBuyer: result.ordersWithoutBuyer,
      notes: result.notes.slice(sessionNotes),
      concluded: result.concluded,
    };
    recordReplay(db, writer.importRowId, { size, sha256: sealFileDigest(bound.key, source.sha256()) }, replay);
    if (result.dryRun) db.exec('ROLLBACK');
    else commit(opts, () => db.exec('COMMIT'));
    settleJournal(db);
    if (legacy.changed && !result.dryRun) scrubFreeSpace(db);
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    await source.close();
    if (e instanceof DataError || e instanceof UsageError || e instanceof ChunkReread) throw e;
    throw new DataError(said('import.failedAt', { file, why: describeSqliteError(e) ?? said('import.failed', { why: (e as Error).message }) }), { cause: e });
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return result;
}

/**
 * The file read and mapped in this thread (map-file.ts): a small file, or only its head. Loaded when first
 * needed, so that an import whose reading thread does the reading does not load the reading half twice.
 */
async function openInThisThread(file: string, opts: MapOptions): Promise<MappedFile> {
  return (await import('./map-file.js')).openMappedFile(file, opts);
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null; // the reader names the problem
  }
}

/**
 * What decides what a file's bytes become in the store, besides the bytes: the orderlens version, the
 * source, the settings it is read with (given or reused) and whether clear buyer data is kept.
 */
function readingKey(platform: string, shop: string, settings: SourceSettings, opts: ImportOptions): string {
  const { reused: _said, ...given } = settings;
  const sorted = Object.fromEntries(Object.entries(given).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([VERSION, platform, shop, sorted, opts.keepPii ?? false]);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 22);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

/**
 * A file byte for byte the same as one imported before, read with the same settings into the same source,
 * with nothing changed since (db/import-replay.ts): its import is recorded with that import's outcome —
 * every order unchanged — without reading the rows. Null (nothing written) when that is not so.
 */
async function replayUnchanged(
  db: Db, file: string, size: number, sha256: string, opts: ImportOptions, mapOptions: MapOptions, boundNotes: readonly Said[],
): Promise<ImportResult | null> {
  // the file's head only: which platform and shop it is, and the settings it would be read with
  const head = await openInThisThread(file, mapOptions);
  await head.close();
  const shop = head.shop.name;
  const startedAt = new Date().toISOString();
  const key = readingKey(head.platform, shop, head.settings, opts);
  await beginWrite(db, opts.waitMs ?? 0, opts.onWait);
  try {
    const legacy = keyLegacyStore(db, mapOptions.idKey);
    const from = findReplayable(db, { platform: head.platform, shop, size, sha256, key });
    if (!from) {
      db.exec('ROLLBACK');
      return null;
    }
    const { record } = from;
    storeReplayedImport(db, { path: opts.shownAs ?? path.resolve(file), platform: head.platform, shop, encoding: head.encoding, startedAt, finishedAt: new Date().toISOString(), size, sha256 }, from);
    keepSettings(db, head.platform, shop, head.settings, record.concluded);
    if (opts.dryRun) db.exec('ROLLBACK');
    else commit(opts, () => db.exec('COMMIT'));
    settleJournal(db);
    if (legacy.changed && !opts.dryRun) scrubFreeSpace(db);
    opts.onProgress?.(from.rows);
    return {
      file,
      platform: head.platform,
      label: head.label,
      shop,
      shopFrom: head.shop.from,
      encoding: head.encoding,
      settings: head.settings,
      concluded: record.concluded,
      counts: { read: from.rows, inserted: 0, updated: 0, unchanged: from.orders, stale: 0, rejected: 0 },
      itemsAttached: 0,
      firstRejects: [],
      unknownStatuses: new Map(record.unknown),
      notes: [...boundNotes, ...(legacy.ids > 0 ? [said('import.idsKeyed', { n: legacy.ids })] : []), ...record.notes],
      ordersWithoutBuyer: record.withoutBuyer,
      dryRun: opts.dryRun ?? false,
      sameAs: { importId: from.importId, startedAt: from.startedAt },
      rowsSkipped: 0,
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw new DataError(`${file}: ${describeSqliteError(e) ?? `import failed: ${(e as Error).message}`}`, { cause: e });
  }
}

/**
 * The refusal of a file whose rows would change what an order's life never changes (buyer, creation instant,
 * currency) of orders stored already: most often a second store's export under the same order ids.
 */
function conflictMessage(file: string, source: string, writer: OrderWriter): Said {
  const { count, examples } = writer.conflicts;
  const side = (s: { ms: number; currency: string; customerId: number | null }) =>
    said('import.conflictSide', { time: new Date(s.ms).toISOString().slice(0, 16).replace('T', ' '), currency: s.currency, buyer: writer.buyerShown(s.customerId) });
  const example = (c: (typeof examples)[number]) => said('import.conflictExample', { id: c.orderId, stored: side(c.stored), file: side(c.file) });
  const shown = examples.length > 1 ? said('import.conflictExamples', { first: example(examples[0]), second: example(examples[1]) }) : example(examples[0]);
  return said('import.conflicts', { file, n: count, source, shown });
}

/**
 * A file whose rows were all rejected, or more of them than --max-rejects allows, fails as a whole (exit 1,
 * nothing from it stored), so a cron job never loads nothing, or half a file, and exits 0.
 */
function refuseRejects(file: string, counts: ImportCounts, accepted: number, first: Reject[], max: MaxRejects | undefined): void {
  const rejected = counts.rejected;
  if (rejected === 0) return;
  const example = first.length > 0 ? said('import.firstReject', { line: String(first[0].line), reason: first[0].reason }) : '';
  if (accepted === 0) {
    throw new DataError(said('import.allRejected', { file, n: rejected, example }));
  }
  if (!max) return;
  const over = 'count' in max ? rejected > max.count : rejected * 100 > max.percent * counts.read;
  if (!over) return;
  const limit = 'count' in max ? `${max.count}` : said('import.maxRejectsShare', { percent: max.percent, read: counts.read });
  throw new DataError(said('import.tooManyRejects', { file, n: rejected, read: counts.read, limit, example }));
}

/**
 * For a file without --shop in a store with several shops of one platform: marks the sources these very
 * bytes (size, then SHA-256) were imported into before, so that the file goes back to its shop (map-file.ts
 * shopFor). Reads the file's digest only when an import of its size exists.
 */
async function markSameBytes(db: Db, stored: StoredSource[], size: number, digest: () => Promise<string>): Promise<void> {
  const platforms = stored.map((s) => s.platform);
  if (new Set(platforms).size === platforms.length) return;
  if (db.prepare('SELECT 1 FROM imports WHERE size = ? LIMIT 1').pluck().get(size) === undefined) return;
  const sha256 = await digest();
  const held = db.prepare('SELECT DISTINCT platform, shop FROM imports WHERE size = ? AND sha256 = ? AND finished_at IS NOT NULL').raw(true).all(size, sha256) as [string, string][];
  for (const s of stored) s.sameBytes = held.some(([platform, shop]) => platform === s.platform && shop === s.shop);
}

/** A promise made on first call and kept. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

/** The sources stored already, with the settings of their imports. */
function storedSources(db: Db): StoredSource[] {
  const rows = db.prepare('SELECT platform, shop, settings FROM sources').raw(true).all() as [string, string, string | null][];
  return rows.map(([platform, shop, settings]) => ({ platform, shop, settings: settings === null ? null : (JSON.parse(settings) as SourceSettings) }));
}

/**
 * Stores what a source was imported with (in the import's transaction): its zone (set once: a later import
 * in another zone is refused), the currency given or assumed, and the settings a later import reuses.
 */
function keepSettings(db: Db, platform: string, shop: string, settings: SourceSettings, concluded: Concluded): void {
  const { reused: _said, ...given }: SourceSettings = settings;
  // what an earlier import stored and this one did not give stays (a map another kind of file lacked, say)
  const stored = db.prepare('SELECT settings FROM sources WHERE platform = ? AND shop = ?').pluck().get(platform, shop) as string | null;
  const kept: SourceSettings = { ...(stored === null ? {} : (JSON.parse(stored) as SourceSettings)), ...given };
  if (concluded.dateOrder) kept.inferredDateOrder = concluded.dateOrder;
  const currency = settings.currency ?? concluded.assumedCurrency;
  db.prepare(
    `UPDATE sources SET zone = coalesce(zone, ?), currency = coalesce(?, currency), currency_assumed = CASE WHEN ? IS NULL THEN currency_assumed ELSE ? END,
     settings = ? WHERE platform = ? AND shop = ?`,
  ).run(settings.zone, currency, currency, settings.currency === undefined && concluded.assumedCurrency !== null ? 1 : 0, JSON.stringify(kept), platform, shop);
}
