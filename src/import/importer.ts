/**
 * Importing one export file into the store: read → detect → map → upsert, in ONE transaction per file.
 * An error, a --strict reject or a kill in the middle leaves the database exactly as it was before the file.
 */
import path from 'node:path';
import { DataError, InputError, UsageError } from '../errors.js';
import type { Db } from '../db/open.js';
import { OrderWriter, type ImportCounts } from '../db/store.js';
import { isTimeZone } from '../domain/time-zone.js';
import type { Adapter, AdapterContext, SourceRow } from './adapter.js';
import { detectPlatform, HEADER_SEARCH_ROWS } from './detect.js';
import { ADAPTERS, adapterById } from './platforms/registry.js';
import { openRows, rowBatches, type EncodingChoice } from './read.js';

export interface ImportOptions {
  /** `auto` or an adapter id. */
  platform: string;
  shop?: string;
  /** IANA zone from --tz; the adapter's default otherwise. */
  zone?: string;
  currency?: string;
  encoding: EncodingChoice;
  decimalComma?: boolean;
  /** --date-order: how generic files' slash dates (`9/7/11`) read. */
  dateOrder?: 'mdy' | 'dmy';
  /** --map field=Header (implies the generic adapter unless --platform names another). */
  map?: Record<string, string>;
  strict?: boolean;
  /** Roll back at the end: nothing is stored. */
  dryRun?: boolean;
  keepPii?: boolean;
  /** Called for every rejected row (for --rejects). */
  onReject?: (reject: Reject) => void;
  /** Called every few thousand rows with the number of rows read so far. */
  onProgress?: (rows: number) => void;
}

export interface Reject {
  file: string;
  line: number;
  reason: string;
  /** The row's cells when still at hand. */
  cells: string[] | null;
}

export interface ImportResult {
  file: string;
  platform: string;
  label: string;
  shop: string;
  encoding: string;
  counts: ImportCounts;
  /** Items attached to orders from an item report. */
  itemsAttached: number;
  /** The first five rejects (the rest are only counted, or written with --rejects). */
  firstRejects: Reject[];
  /** Status texts no adapter knew, with how many orders carried each. */
  unknownStatuses: Map<string, number>;
  /** What the adapter had to say about the file (an inferred currency, say). */
  notes: string[];
  /** Orders without a buyer identity. */
  ordersWithoutBuyer: number;
  dryRun: boolean;
}

const RECENT_ROWS = 4096;
/** Page cache during an import, KiB (orders, customers and runs are appended: little is read back). */
const IMPORT_CACHE_KIB = 32768;

export function validateImportOptions(opts: ImportOptions): void {
  if (opts.platform !== 'auto' && !adapterById(opts.platform)) {
    throw new UsageError(`unknown platform '${opts.platform}': use auto or one of ${ADAPTERS.map((a) => a.id).join(', ')}`);
  }
  if (opts.zone !== undefined && !isTimeZone(opts.zone)) throw new UsageError(`unknown time zone '${opts.zone}': use an IANA name such as Asia/Shanghai or UTC`);
  if (opts.currency !== undefined && !/^[A-Za-z]{3}$/.test(opts.currency)) throw new UsageError(`bad currency '${opts.currency}': use a three-letter ISO code such as CNY or USD`);
}

export async function importFile(db: Db, file: string, opts: ImportOptions): Promise<ImportResult> {
  validateImportOptions(opts);
  const map = opts.map ?? {};
  const forced: Adapter | undefined =
    opts.platform !== 'auto' ? adapterById(opts.platform) : Object.keys(map).length > 0 ? adapterById('generic') : undefined;
  const opened = await openRows(file, { encoding: opts.encoding });
  const iterator = rowBatches(opened)[Symbol.asyncIterator]();

  const headRows: SourceRow[] = [];
  while (headRows.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    for (const row of next.value) headRows.push(row);
  }
  const detection = detectPlatform(file, headRows.slice(0, HEADER_SEARCH_ROWS), ADAPTERS, forced);
  const adapter = detection.adapter;
  const shop = opts.shop ?? 'default';
  const ctx: AdapterContext = {
    file,
    zone: opts.zone ?? adapter.defaultZone,
    zoneForced: opts.zone !== undefined,
    currency: (opts.currency ?? adapter.defaultCurrency).toUpperCase(),
    currencyForced: opts.currency !== undefined,
    decimalComma: opts.decimalComma ?? opened.delimiter === ';',
    dateOrder: opts.dateOrder,
    map,
  };
  const mapper = adapter.open(detection.header, ctx);

  const counts: ImportCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const result: ImportResult = {
    file,
    platform: adapter.id,
    label: adapter.label,
    shop,
    encoding: opened.encoding,
    counts,
    itemsAttached: 0,
    firstRejects: [],
    unknownStatuses: new Map(),
    notes: [],
    ordersWithoutBuyer: 0,
    dryRun: opts.dryRun ?? false,
  };
  // The cells of the last rows read, for --rejects: a ring, searched from the newest row (a reject names the
  // row just read or the first row of the order being completed). A small ring without --rejects: rows kept
  // for long would outlive the young generation and cost the garbage collector dearly.
  const ringSize = opts.onReject ? RECENT_ROWS : 64;
  const ringLines = new Float64Array(ringSize).fill(NaN);
  const ringCells: (string[] | undefined)[] = new Array(ringSize);
  const recentCells = (line: number): string[] | null => {
    for (let k = 0; k < ringSize; k++) {
      const slot = (((counts.read - 1 - k) % ringSize) + ringSize) % ringSize;
      if (ringLines[slot] === line) return ringCells[slot] ?? null;
    }
    return null;
  };
  const reject = (line: number, reason: string) => {
    counts.rejected++;
    const r: Reject = { file, line, reason, cells: recentCells(line) };
    if (result.firstRejects.length < 5) result.firstRejects.push(r);
    opts.onReject?.(r);
    if (opts.strict) throw new InputError(file, line, `${reason} (--strict: nothing from this file was stored)`);
  };

  const writer = new OrderWriter(db, adapter.id, shop, opts.keepPii ?? false);
  writer.onRepeat = (o) =>
    reject(o.line, `order ${o.orderId} appeared earlier in this file, apart from these rows: the rows of one order must stand next to each other (sort the file by order id), or this is a duplicate`);
  // An import appends; a smaller page cache than the reports' keeps its memory flat (IMPORT_CACHE_KIB).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    writer.startImport({
      path: path.resolve(file),
      sha256: '',
      platform: adapter.id,
      shop,
      encoding: opened.encoding,
      startedAt: new Date().toISOString(),
    });
    const handle = (results: ReturnType<typeof mapper.push>) => {
      for (const m of results) {
        if ('reject' in m) reject(m.reject.line, m.reject.reason);
        else if ('items' in m) {
          const outcome = writer.attachItems(m.items.orderId, m.items.items);
          if (outcome === null) reject(m.items.line, `order ${m.items.orderId} is not in the database: import its order report first (or in the same command)`);
          else result.itemsAttached += m.items.items.length;
        } else {
          const o = m.order;
          if (o.status === 'unknown') result.unknownStatuses.set(o.statusRaw ?? '', (result.unknownStatuses.get(o.statusRaw ?? '') ?? 0) + 1);
          if (!o.buyer) result.ordersWithoutBuyer++;
          writer.write(o);
        }
      }
    };
    const feed = (row: SourceRow) => {
      const slot = counts.read++ % ringSize;
      ringLines[slot] = row.line;
      ringCells[slot] = row.cells;
      handle(mapper.push(row));
      if (opts.onProgress && counts.read % 5000 === 0) opts.onProgress(counts.read);
    };
    for (const row of headRows.slice(detection.headerRow + 1)) feed(row);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) for (const row of next.value) feed(row);
    handle(mapper.end());
    result.notes.push(...(mapper.notes?.() ?? []));
    if (counts.read === 0) throw new InputError(file, null, 'no data rows below the header');
    writer.flush();
    counts.inserted = writer.counts.inserted;
    counts.updated = writer.counts.updated;
    counts.unchanged = writer.counts.unchanged;
    writer.finishImport(counts, new Date().toISOString());
    db.prepare('UPDATE imports SET sha256 = ? WHERE id = (SELECT max(id) FROM imports)').run(opened.sha256());
    if (result.dryRun) db.exec('ROLLBACK');
    else db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    await iterator.return?.(undefined);
    if (e instanceof DataError || e instanceof UsageError) throw e;
    throw new DataError(`${file}: import failed: ${(e as Error).message}`, { cause: e });
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return result;
}
