/**
 * The reading half of an import: file → rows → platform → normalized orders, rejects and item lists, in
 * batches. It never touches the database (it numbers buyers in the buyer-slot table of identity/buyer-slots.ts,
 * plain memory; eslint keeps db/ out of the reading half), so it runs in the importing thread or, for large files, in a worker thread of its own
 * (map-worker.ts) while the importing thread writes.
 */
import { BuyerSlots } from '../identity/buyer-slots.js';
import { InputError, UsageError } from '../errors.js';
import type { Adapter, Header, Mapped, PlainChunk, RowMapper, Skipped, SourceRow } from './adapter.js';
import { detectPlatform, HEADER_SEARCH_ROWS, type Detection } from './detect.js';
import { ADAPTERS, adapterById } from './platforms/registry.js';
import { LIMITS } from './limits.js';
import { encodingMisfit, openRows, rowBatches, type EncodingChoice } from './read.js';
import { said, type Said } from '../report/said.js';
import { bytesDigest, chunkDigest, ChunkRows, PriorChunkSet, stateLanes, type PriorDigests } from './row-chunks.js';
import { BYTE_ENCODINGS, ByteChunkReader, CHUNK_FIELDS } from './byte-chunks.js';
import type { MappedBatch, Outcome } from './mapped-batch.js';
import { EncodedRun } from './mapped-codec.js';

/** How to read a file: the import's options that concern reading (ImportOptions has them too). */
export interface ReadingOptions {
  /** `auto` or an adapter id. */
  platform: string;
  /** IANA zone from --tz; the adapter's default otherwise. */
  zone?: string;
  currency?: string;
  encoding: EncodingChoice;
  decimalComma?: boolean;
  /** --date-order: how generic files' slash dates (`9/7/11`) read. */
  dateOrder?: 'mdy' | 'dmy';
  /** --map field=Header (implies the generic adapter unless --platform names another). */
  map?: Record<string, string>;
  /** --shop: all rows are this shop's; otherwise the file's store column (Adapter.shopColumns) names it. */
  shop?: string;
}

/**
 * What a source (platform + shop) was imported with: its time zone from its first import, and the settings a
 * later import of it reuses when it does not give them (so cron lines stay short). Plain data (JSON in
 * sources.settings; zone and currency in their own columns, for `info`).
 */
export interface SourceSettings {
  zone: string;
  /** The zone came from --tz (then a timestamp's own offset does not decide its day either). */
  zoneForced: boolean;
  /** --currency as given. */
  currency?: string;
  map?: Record<string, string>;
  /** --date-order as given (reused by later imports). */
  dateOrder?: 'mdy' | 'dmy';
  /** The order the last import inferred from its file's dates (shown by `info`; each file infers its own). */
  inferredDateOrder?: 'mdy' | 'dmy';
  decimalComma?: boolean;
  /** The encoding the file was read in (auto-detected or --encoding). */
  encoding?: string;
  /** Which of these this import took from the source's earlier imports (said in a note; not stored). */
  reused?: string[];
}

/** What a mapper concluded from the file alone, to be said in the import line and stored with the source. */
export interface Concluded {
  /** The currency given to rows without one when nothing in the file named it (a generic file without currency column or symbol). */
  assumedCurrency: string | null;
  /** The order of slash dates inferred from the file's dates. */
  dateOrder: 'mdy' | 'dmy' | null;
  /** The file has no amounts (a transaction log): purchases stored in NO_AMOUNTS. */
  noAmounts: boolean;
  /** Rows the adapter passed over on purpose (RowMapper.skipped); absent in imports recorded before it existed. */
  skipped?: Skipped | null;
}

/** Where a file's shop came from: --shop, the file's store column, the platform's only shop, the shop that holds these bytes, or the default. */
export type ShopFrom = 'flag' | 'default' | 'only' | 'sameBytes' | { column: string };

/** A source's row of `sources`, for the reading half. */
export interface StoredSource {
  platform: string;
  shop: string;
  settings: SourceSettings | null;
  /** These very bytes (size and SHA-256) were imported into this source before (set only when it decides a shop). */
  sameBytes?: boolean;
}

/** What the reading half needs to know: plain data, so that it can be handed to a worker. */
export interface MapOptions extends ReadingOptions {
  /** The sources stored already (the shop of a file that names none; the settings a source reuses). */
  stored?: StoredSource[];
  /** Keep the cells of the last few thousand rows, so that rejects can show them (--rejects). */
  keepCells: boolean;
  /** Number and key the buyers (BuyerSlots) with the database's secret: orders then carry a `ref`. */
  buyers?: { secret: string; keepPii: boolean };
  /** The key file's secret, for order ids made up for rows without one (AdapterContext.idKey). */
  idKey: string;
  /**
   * The batches go to encodeBatch (the reading thread): chunks of plain records may come already encoded
   * (MappedBatch.runs, RowMapper.plainChunk), which only encodeBatch reads.
   */
  encoded?: boolean;
}


export interface MappedFile {
  /** The adapter's id and label. */
  platform: string;
  label: string;
  encoding: string;
  /** The shop: --shop, the file's store column (first data row), the platform's only stored shop, or 'default'. */
  shop: { name: string; from: ShopFrom };
  /** The settings this file was read with (given now, or reused from the source's earlier imports). */
  settings: SourceSettings;
  /** What the mapper concluded on its own (complete once the batches are read). */
  concluded(): Concluded;
  /** Read once. */
  batches: AsyncIterable<MappedBatch>;
  /** What the adapter has to say about the file: complete once the batches are read. */
  notes(): Said[];
  /** SHA-256 of the file's bytes: complete once the batches are read. */
  sha256(): string;
  /** The header row's cells, as one text: what the columns are (chunks are recorded for one layout). */
  layout: string;
  /**
   * The chunk digests an earlier import of the same source, read with the same settings and layout,
   * recorded (row-chunks.ts): chunks found among them are skipped unread. Call once, before reading the
   * batches (null: none).
   */
  useChunks(prior: PriorDigests | null): void;
  /** The header row's cells (in the importing thread only): what a rejected row's cells are. */
  header?: readonly string[];
  /** The cells of a recent row by its line (in the importing thread only). */
  cellsOf?(line: number): string[] | null;
  /** Stops reading early (an error on the writing side). */
  close(): Promise<void>;
}

const RECENT_ROWS = 4096;
/** Rows longer than this (characters) are not kept for their rejects. */
const RECENT_ROW_CHARS = 16384;

function rowChars(cells: string[]): number {
  let n = 0;
  for (const c of cells) n += c.length;
  return n;
}
/** Outcomes gathered before a batch is handed on. */
const BATCH_OUTCOMES = 512;

export async function openMappedFile(file: string, opts: MapOptions): Promise<MappedFile> {
  const map = opts.map ?? {};
  if (opts.platform !== 'auto' && !adapterById(opts.platform)) throw new UsageError(said('import.unknownPlatformShort', { name: opts.platform }));
  const forced: Adapter | undefined =
    opts.platform !== 'auto' ? adapterById(opts.platform) : Object.keys(map).length > 0 ? adapterById('generic') : undefined;
  const opened = await openRows(file, { encoding: opts.encoding });
  const iterator = rowBatches(opened)[Symbol.asyncIterator]();

  const headRows: SourceRow[] = [];
  let detection: Detection;
  let mapper: RowMapper;
  let named: ReturnType<typeof shopOfFile> = null;
  let shopName: MappedFile['shop'];
  let settings: SourceSettings;
  try {
    while (headRows.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      for (const row of next.value) headRows.push(row);
    }
    let mappedBefore: StoredSource | undefined;
    try {
      detection = detectPlatform(file, headRows.slice(0, HEADER_SEARCH_ROWS), ADAPTERS, forced);
    } catch (e) {
      // a file only --map made readable before: read it with the map its source was imported with
      mappedBefore = forced ? undefined : sourceWithMap(opts);
      if (!mappedBefore) throw e;
      detection = detectPlatform(file, headRows.slice(0, HEADER_SEARCH_ROWS), ADAPTERS, adapterById('generic'));
    }
    const adapter = detection.adapter;
    named = opts.shop === undefined ? shopOfFile(adapter, detection.header, headRows.slice(detection.headerRow + 1)) : null;
    shopName =
      mappedBefore && !named && opts.shop === undefined
        ? { name: mappedBefore.shop, from: mappedBefore.shop === 'default' ? 'default' : 'only' }
        : shopFor(file, adapter.id, opts, named);
    const before = opts.stored?.find((s) => s.platform === adapter.id && s.shop === shopName.name)?.settings ?? null;
    settings = settingsFor(`${adapter.id}/${shopName.name}`, adapter, opts, before, opened.encoding, detection.header);
    mapper = adapter.open(detection.header, {
      file,
      zone: settings.zone,
      zoneForced: settings.zoneForced,
      currency: (settings.currency ?? adapter.defaultCurrency).toUpperCase(),
      currencyForced: settings.currency !== undefined,
      decimalComma: settings.decimalComma ?? opened.delimiter === ';',
      dateOrder: settings.dateOrder,
      map: settings.map ?? {},
      idKey: opts.idKey,
    });
  } catch (e) {
    await iterator.return?.(undefined);
    throw misread(file, opts.encoding, e);
  }
  const adapter = detection.adapter;
  const shop = named;

  // The cells of the last rows read, for rejects: a ring, searched from the newest row (a reject names the
  // row just read or the first row of the order being completed). A small ring unless cells are wanted:
  // rows kept for long would outlive the young generation and cost the garbage collector dearly.
  const ringSize = opts.keepCells ? RECENT_ROWS : 64;
  const ringLines = new Float64Array(ringSize).fill(NaN);
  const ringRows: (SourceRow | undefined)[] = new Array(ringSize);
  let read = 0;
  const cellsOf = (line: number): string[] | null => {
    for (let k = 0; k < ringSize; k++) {
      const slot = (((read - 1 - k) % ringSize) + ringSize) % ringSize;
      if (ringLines[slot] === line) {
        const row = ringRows[slot];
        return row === undefined ? null : (byteReader?.allCells(row) ?? row.cells);
      }
    }
    return null;
  };
  const slots = opts.buyers ? new BuyerSlots(opts.buyers.secret, opts.buyers.keepPii) : null;
  const collect = (out: Outcome[], mapped: Mapped[]) => {
    for (const m of mapped) {
      if ('reject' in m) out.push({ reject: { ...m.reject, cells: cellsOf(m.reject.line) } });
      else if ('order' in m && m.order.buyer && m.order.buyer.value.length > LIMITS.buyerChars) {
        const reason = said('reject.longBuyer', { n: LIMITS.buyerChars });
        out.push({ reject: { line: m.order.line, reason, cells: cellsOf(m.order.line) } });
      } else if ('order' in m && slots) out.push({ order: m.order, ref: m.order.buyer ? slots.refOf(m.order.buyer) : null });
      else out.push(m);
    }
  };

  let prior: PriorChunkSet | null = null;
  // a delimited file whose mapper keys its chunks by one column: chunks are cut and digested from the bytes
  const firstData = headRows[detection.headerRow + 1];
  const keyColumn = mapper.settle && mapper.groupKey ? (mapper.groupColumn?.() ?? -1) : -1;
  const byteReader =
    keyColumn >= 0 && (shop === null || mapper.rowsAlone === true) && firstData !== undefined && opened.batches !== undefined && opened.delimiter !== ' ' && BYTE_ENCODINGS.has(opened.encoding)
      ? new ByteChunkReader(file, {
          encoding: opened.encoding,
          delimiter: opened.delimiter,
          keyColumn,
          firstLine: firstData.line,
          keys: mapper.keysSkipped !== undefined,
          rejectedKeyNotPlain: mapper.passes !== undefined || mapper.rejectsKey !== undefined,
          cellsRead: mapper.cellsRead && (shop === null ? mapper.cellsRead : [...mapper.cellsRead, shop.index]),
        })
      : null;
  async function* batches(): AsyncGenerator<MappedBatch> {
    let out: Outcome[] = [];
    let rows = 0;
    /** Plain chunks' orders, already encoded (MapOptions.encoded), between the outcomes of `out`; and runs to use again. */
    const runs: EncodedRun[] = [];
    const spareRuns: EncodedRun[] = [];
    /** Why a row is rejected before it reaches the mapper (then it never ends an order), or null. */
    const rejectedBefore = (row: SourceRow): string | Said | null => {
      if (row.oversize !== undefined) return row.oversize;
      if (shop) {
        const named = (row.cells[shop.index] ?? '').trim();
        if (named !== '' && named !== shop.name) return said('reject.otherShop', { named, column: shop.column, first: shop.name });
      }
      return null;
    };
    const feed = (row: SourceRow) => {
      const slot = read++ % ringSize;
      ringLines[slot] = row.line;
      // a long row is not kept for its reject: thousands of them would hold gigabytes
      ringRows[slot] = row.text !== undefined || rowChars(row.cells) <= RECENT_ROW_CHARS ? row : undefined;
      rows++;
      const before = rejectedBefore(row);
      if (before !== null) {
        if (row.oversize !== undefined) out.push({ reject: { line: row.line, reason: before, cells: null } });
        else collect(out, [{ reject: { line: row.line, reason: before } }]);
        return;
      }
      collect(out, mapper.push(row));
    };

    // Row chunks (row-chunks.ts): rows are gathered into chunks of whole orders; a chunk is mapped, or,
    // when an earlier import recorded its digest, skipped. `state`: the mapper's at the chunk's start.
    const settle = mapper.settle?.bind(mapper);
    let chunking = settle !== undefined && mapper.groupKey !== undefined;
    let state = settle ? settle().state : null;
    const keysSkipped = mapper.keysSkipped?.bind(mapper);
    const gathered = new ChunkRows(keysSkipped !== undefined);
    const OVERSIZE = ['\u0000oversize'];
    /** Whether the chunk of `n` rows with this digest is one the earlier import recorded: then it is passed over. */
    const skipped = (lo: number, hi: number, n: number, keys?: readonly string[] | (() => readonly string[])): boolean => {
      const skip = prior ? prior.find(lo, hi, n) : -1;
      if (skip < 0) return false;
      // a mapper that remembers the keys it met must be told them (or read the chunk: a key met before)
      if (keysSkipped) {
        const met = typeof keys === 'function' ? keys() : keys;
        if (met === undefined || !keysSkipped(met)) return false;
      }
      read += n;
      rows += n;
      // the next of a run of skipped chunks (the usual case: an export that changed here and there) joins its mark
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (last !== undefined && 'chunk' in last && last.chunk.skip >= 0 && last.chunk.skip + last.chunk.count === skip) {
        last.chunk.count++;
        last.chunk.rows += n;
      } else out.push({ chunk: { lo, hi, rows: n, orders: 0, skip, count: 1, clean: true, buyerless: false } });
      return true;
    };
    const closeChunk = () => {
      const keys = gathered.keys;
      const chunkRows = gathered.take();
      if (chunkRows.length === 0) return;
      let lo = 0;
      let hi = 0;
      if (state !== null) {
        [lo, hi] = chunkDigest(state, chunkRows, OVERSIZE);
        if (skipped(lo, hi, chunkRows.length, keys)) return;
      }
      mapChunk(chunkRows, lo, hi);
    };
    /** Maps a chunk's rows (its digest lo, hi: 0 when the mapper's state is unknown). */
    const mapChunk = (chunkRows: SourceRow[], lo: number, hi: number) => {
      const first = out.length;
      for (const r of chunkRows) feed(r);
      const settled = (settle as NonNullable<typeof settle>)();
      collect(out, settled.out);
      // the mark ends the chunk's orders for the writer, also where it cannot be recorded (no state)
      let orders = 0;
      let buyers = 0;
      let clean = state !== null && settled.state === state;
      for (let k = first; k < out.length; k++) {
        const m = out[k];
        if (!('order' in m) || m.order.status === 'unknown') clean = false;
        else {
          orders++;
          if (m.order.buyer) buyers++;
        }
      }
      // orders with a buyer and orders without in one chunk: a skipped chunk could not say how many were without
      if (buyers > 0 && buyers < orders) clean = false;
      out.push({ chunk: { lo, hi, rows: chunkRows.length, orders, skip: -1, count: 1, clean, buyerless: clean && buyers === 0 } });
      state = settled.state;
    };
    const take = (row: SourceRow) => {
      if (!chunking) return feed(row);
      if (rejectedBefore(row) !== null || mapper.passes?.(row) === true || mapper.rejectsKey?.(row) === true) {
        gathered.addQuiet(row);
        return;
      }
      const key = (mapper.groupKey as NonNullable<RowMapper['groupKey']>)(row);
      if (key === null) {
        // rows without an order key: no chunks in this file
        chunking = false;
        for (const r of gathered.take()) feed(r);
        feed(row);
        return;
      }
      if (gathered.endsBefore(key)) closeChunk();
      gathered.add(row, key);
    };

    if (byteReader) {
      // chunks of plain lines straight from the bytes (byte-chunks.ts): the head is read again from there
      await iterator.return?.(undefined);
      let lanesOf = '';
      let stateA = 0;
      let stateB = 0;
      // chunks of plain records mapped straight into encoded orders (RowMapper.plainChunk), for encodeBatch
      const plainSlots = opts.encoded === true && shop === null && mapper.plainChunk !== undefined ? slots : null;
      const plain: PlainChunk = { text: '', start: 0, end: 0, linesBefore: 0, rows: 0, lo: 0, hi: 0, delimiter: opened.delimiter, nextQuote: 0 };
      /** The run the next plain chunk joins: the last one, unless outcomes came after it. */
      const runHere = (): EncodedRun => {
        const last = runs.length > 0 ? runs[runs.length - 1] : undefined;
        if (last !== undefined && (last.at === out.length || last.count === 0)) {
          if (last.at !== out.length) last.reset(out.length);
          return last;
        }
        const run = spareRuns.pop() ?? new EncodedRun();
        run.reset(out.length);
        runs.push(run);
        return run;
      };
      const outcomes = () => {
        let n = out.length;
        for (const r of runs) n += r.count;
        return n;
      };
      for await (const batch of byteReader.batches()) {
        const c = batch.chunks;
        // with no chunks to skip (a first import), the rest of the batch is decoded at once
        let decoded: SourceRow[][] | null = null;
        let decodedFrom = 0;
        // the batch's text, for plain chunks (null: not read yet; '': rows for every chunk), and whether all of it is
        // ASCII (else only the chunks that are go straight: asciiChunk)
        let text: string | null = plainSlots === null ? '' : null;
        let ascii = false;
        for (let k = 0; k < batch.count; k++) {
          const o = k * CHUNK_FIELDS;
          let lo = 0;
          let hi = 0;
          if (state !== null) {
            if (state !== lanesOf) [stateA, stateB, lanesOf] = [...stateLanes(state), state];
            [lo, hi] = bytesDigest(c[o + 4], c[o + 5], stateA, stateB, c[o + 2]);
            if (skipped(lo, hi, c[o + 2], () => byteReader.keysOf(batch, k))) continue;
            if (text === null) {
              ({ text, ascii } = byteReader.chunksText(batch));
              plain.text = text;
              plain.nextQuote = -1;
            }
            if (text !== '' && (ascii || byteReader.asciiChunk(batch, k))) {
              plain.start = c[o] - c[0];
              plain.end = c[o + 1] - c[0];
              plain.linesBefore = c[o + 3];
              plain.rows = c[o + 2];
              plain.lo = lo;
              plain.hi = hi;
              if ((mapper.plainChunk as NonNullable<RowMapper['plainChunk']>)(plain, plainSlots as BuyerSlots, runHere())) {
                read += plain.rows;
                rows += plain.rows;
                continue;
              }
            }
          }
          // with plain chunks (a text), a chunk mapped as rows is decoded alone
          if (prior === null && decoded === null && (text === null || text === '')) {
            decoded = byteReader.rowsOf(batch, k, batch.count);
            decodedFrom = k;
          }
          mapChunk(decoded ? decoded[k - decodedFrom] : byteReader.rowsOf(batch, k)[0], lo, hi);
        }
        for (const row of batch.rows) take(row);
        if (outcomes() >= BATCH_OUTCOMES) {
          yield { rows, out, runs };
          out = [];
          rows = 0;
          spareRuns.push(...runs);
          runs.length = 0;
        }
      }
    } else {
      for (const row of headRows.slice(detection.headerRow + 1)) take(row);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        for (const row of next.value) take(row);
        if (out.length >= BATCH_OUTCOMES) {
          yield { rows, out };
          out = [];
          rows = 0;
        }
      }
    }
    if (chunking) closeChunk();
    collect(out, mapper.end());
    if (read === 0) throw new InputError(file, null, said('read.noDataRows'));
    yield { rows, out, runs };
  }

  return {
    platform: adapter.id,
    label: adapter.label,
    encoding: opened.encoding,
    shop: shopName,
    settings,
    concluded: () => ({ assumedCurrency: mapper.assumedCurrency?.() ?? null, dateOrder: mapper.inferredDateOrder?.() ?? null, noAmounts: mapper.noAmounts?.() ?? false, skipped: mapper.skipped?.() ?? null }),
    batches: batches(),
    notes: () => [...((byteReader ?? opened).notes?.() ?? []), ...(mapper.notes?.() ?? [])],
    sha256: () => (byteReader ?? opened).sha256(),
    layout: JSON.stringify(detection.header.raw),
    useChunks: (digests) => {
      prior = digests && digests.length > 0 ? new PriorChunkSet(digests) : null;
    },
    header: detection.header.raw,
    cellsOf,
    close: async () => {
      await iterator.return?.(undefined);
    },
  };
}

/**
 * A file whose headers fit nothing, read in a forced --encoding its bytes do not look like: said as the
 * encoding's problem (`not valid utf8; they look like gb18030`), without the garbled headers it made.
 */
function misread(file: string, encoding: EncodingChoice, e: unknown): unknown {
  if (!(e instanceof InputError)) return e;
  const misfit = encodingMisfit(file, encoding);
  if (!misfit) return e;
  return new InputError(file, e.line, said(misfit.invalid ? 'read.encodingInvalid' : 'read.encodingMisfit', { encoding, looks: misfit.looks }));
}

/** The store named by the first data row's store column (Adapter.shopColumns), or null. */
function shopOfFile(adapter: Adapter, header: Header, rows: SourceRow[]): { name: string; column: string; index: number } | null {
  for (const column of adapter.shopColumns ?? []) {
    const index = header.find(column);
    if (index < 0) continue;
    const name = rows.map((r) => (r.cells[index] ?? '').trim()).find((v) => v !== '');
    return name === undefined ? null : { name, column: header.raw[index].trim(), index };
  }
  return null;
}

/**
 * The shop of a file: --shop; else the store its column names; else the platform's only stored shop; else,
 * of several, the one shop these bytes were imported into before, or 'default' when the store has it (the
 * shop imports without --shop went to); else none stored: 'default'. Several named shops and none of
 * those: refused (exit 2) with the shops named, rather than making a new shop 'default' nobody asked for.
 */
function shopFor(file: string, platform: string, opts: MapOptions, named: { name: string; column: string } | null): MappedFile['shop'] {
  if (opts.shop !== undefined) return { name: opts.shop, from: 'flag' };
  if (named) return { name: named.name, from: { column: named.column } };
  const shops = (opts.stored ?? []).filter((s) => s.platform === platform);
  if (shops.length === 1 && shops[0].shop !== 'default') return { name: shops[0].shop, from: 'only' };
  if (shops.length <= 1) return { name: 'default', from: 'default' };
  const same = shops.filter((s) => s.sameBytes === true);
  if (same.length === 1) return { name: same[0].shop, from: 'sameBytes' };
  if (shops.some((s) => s.shop === 'default')) return { name: 'default', from: 'default' };
  const names = shops.map((s) => s.shop).sort();
  throw new UsageError(said('import.whichShop', { file, platform, n: shops.length, shops: names, example: names[0] }));
}

/**
 * The settings a file is read with: what the command gives, else what the source was imported with before,
 * else the platform's defaults. A zone other than the source's is refused: it would move order days.
 */
function settingsFor(source: string, adapter: Adapter, opts: MapOptions, before: SourceSettings | null, encoding: string, header: Header): SourceSettings {
  if (opts.zone !== undefined && before && opts.zone !== before.zone) {
    throw new UsageError(said('import.zoneMoved', { zone: opts.zone, source, before: before.zone }));
  }
  // a stored map is reused only for a file that has its columns (another export of the source, not some other file)
  const storedMap = before?.map && Object.values(before.map).every((name) => header.find(name) >= 0) ? before.map : undefined;
  const map = opts.map && Object.keys(opts.map).length > 0 ? opts.map : storedMap;
  const out: SourceSettings = {
    zone: opts.zone ?? before?.zone ?? adapter.defaultZone,
    // fixed at the source's first import, like the zone: whether a timestamp's own offset decides its day
    zoneForced: before ? before.zoneForced : opts.zone !== undefined,
    encoding,
  };
  const currency = opts.currency ?? before?.currency;
  if (currency !== undefined) out.currency = currency.toUpperCase();
  if (map !== undefined) out.map = map;
  const dateOrder = opts.dateOrder ?? before?.dateOrder;
  if (dateOrder !== undefined) out.dateOrder = dateOrder;
  const decimalComma = opts.decimalComma ?? before?.decimalComma;
  if (decimalComma !== undefined) out.decimalComma = decimalComma;
  const reused: string[] = [];
  if (before && opts.zone === undefined && before.zoneForced) reused.push(`--tz ${before.zone}`);
  if (opts.currency === undefined && before?.currency !== undefined) reused.push(`--currency ${before.currency}`);
  if (!(opts.map && Object.keys(opts.map).length > 0) && storedMap) reused.push(...Object.entries(storedMap).map(([f, h]) => `--map ${f}=${h}`));
  if (opts.dateOrder === undefined && before?.dateOrder !== undefined) reused.push(`--date-order ${before.dateOrder}`);
  if (opts.decimalComma === undefined && before?.decimalComma !== undefined) reused.push(before.decimalComma ? '--decimal-comma' : 'no decimal comma');
  if (reused.length > 0) out.reused = reused;
  return out;
}

/** The one generic source (of --shop, when given) imported with a --map before, if there is exactly one. */
function sourceWithMap(opts: MapOptions): StoredSource | undefined {
  if (opts.platform !== 'auto' && opts.platform !== 'generic') return undefined;
  const mapped = (opts.stored ?? []).filter(
    (s) => s.platform === 'generic' && s.settings?.map && Object.keys(s.settings.map).length > 0 && (opts.shop === undefined || s.shop === opts.shop),
  );
  return mapped.length === 1 ? mapped[0] : undefined;
}
