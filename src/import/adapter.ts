/**
 * The platform adapter interface. An adapter recognises its platform's export by the header row and maps
 * rows (or groups of rows) to normalized orders. Adding a platform = one file in platforms/ + one entry in
 * platforms/registry.ts.
 */
import type { NormalizedOrder, OrderItem } from '../domain/order.js';
import { excerpt } from '../excerpt.js';
import { normalizeHeader } from './cells.js';
import { said, type Said } from '../report/said.js';
import type { BuyerSlots } from '../identity/buyer-slots.js';
import type { StoredBuyer } from '../identity/buyer-key.js';

/** The header row of a file, with lookup by any of several aliases. */
export class Header {
  readonly names: string[];
  private readonly index = new Map<string, number>();

  constructor(readonly raw: string[]) {
    this.names = raw.map(normalizeHeader);
    this.names.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
  }

  /**
   * An error message when the column at `i` shares its name with another column (two `amount` columns):
   * reading the first silently would be a guess. Null when its name is its own.
   */
  duplicateOf(i: number, field: string): Said | null {
    if (i < 0) return null;
    const j = this.names.findIndex((n, k) => k !== i && n === this.names[i] && n !== '');
    if (j < 0) return null;
    return said('header.twice', { name: excerpt(this.raw[i].trim()), a: Math.min(i, j) + 1, b: Math.max(i, j) + 1, field });
  }

  /** Column index of the first alias present (aliases compared after normalizeHeader), or -1. */
  find(...aliases: string[]): number {
    for (const alias of aliases) {
      const i = this.index.get(normalizeHeader(alias));
      if (i !== undefined) return i;
    }
    return -1;
  }

  has(name: string): boolean {
    return this.index.has(normalizeHeader(name));
  }

  /** Share of `names` present in this header (0..1): the basis of fingerprint scores. */
  coverage(names: readonly string[]): number {
    if (names.length === 0) return 0;
    let hit = 0;
    for (const n of names) if (this.has(n)) hit++;
    return hit / names.length;
  }
}

/** A cell that is a value, not a column name: an email, or digits with date, time, money or phone marks. */
const DATA_LIKE = /@|^[\d\s.,:/+\-¥$€£()]*\d[\d\s.,:/+\-¥$€£()]*$/;

/**
 * The headers of a file for a message: each a short escaped excerpt, at most 30. A row holding values (a
 * file without a header row: its first row is an order, with an email or a phone) is not echoed: personal
 * data has no place in an error message.
 */
export function headerList(raw: readonly string[]): string {
  const cells = raw.map((h) => h.replace(/^\uFEFF/, '').trim());
  if (cells.some((c) => DATA_LIKE.test(c))) return `none (the first row holds values, not column names: add a header row)`;
  return cells.slice(0, 30).map((c) => excerpt(c)).join(', ') + (cells.length > 30 ? `, … (${cells.length} columns)` : '');
}

/** One data row of a file: its 1-based physical line and its cells (uncleaned). */
export interface SourceRow {
  line: number;
  cells: string[];
  /** The row was too large to keep (limits.ts): why; its cells are then empty and the importer rejects it. */
  oversize?: string | Said;
  /**
   * A row read with only the cells its mapper reads (RowMapper.cellsRead; the others '') keeps the text it was
   * read from and where it starts there, to read all its cells again for a reject (ByteChunkReader.allCells).
   */
  text?: string;
  at?: number;
}

export interface AdapterContext {
  /** The file being imported (for messages). */
  file: string;
  /** Store time zone; `zoneForced` when the user gave --tz. */
  zone: string;
  zoneForced: boolean;
  /** Currency for files without a currency column. */
  currency: string;
  /** The user gave --currency: it wins over what an adapter could infer (a Country column, say). */
  currencyForced?: boolean;
  /** The decimal separator is a comma. */
  decimalComma: boolean;
  /** How to read slash dates like `9/7/11` (--date-order); undefined = refuse them as ambiguous. */
  dateOrder?: 'mdy' | 'dmy';
  /** User column mappings from `--map field=Header` (field → header text). */
  map: Record<string, string>;
  /**
   * The key file's secret, for the order ids made up for rows without one (identity/derived-order-id.ts): they
   * are derived from the row's cells, the buyer's among them, so they are keyed like buyer keys.
   */
  idKey: string;
}

/**
 * What a mapper returns for each row or group of rows: a whole order, a rejected row, or the items of an
 * order imported from another file (Taobao's item report, joined on the order id; the importer attaches
 * them to the stored order of the same platform and shop, or rejects them when that order is unknown).
 */
export type Mapped =
  | { order: NormalizedOrder }
  | { reject: { line: number; reason: string | Said } }
  | { items: { orderId: string; line: number; items: OrderItem[] } };

/** Rows a mapper passed over on purpose, and why (a catalogue message without the count). */
export interface Skipped {
  rows: number;
  why: Said;
}

export interface RowMapper {
  /** Feeds one data row; returns the orders (or rejects) completed so far. May buffer rows of one order. */
  push(row: SourceRow): Mapped[];
  /** End of file: returns whatever is still buffered. */
  end(): Mapped[];
  /** Notes for the user about the whole file (said once each, after the summary line). */
  notes?(): Said[];
  /** The currency it gave rows without one when nothing in the file named it (complete at the end), else null. */
  assumedCurrency?(): string | null;
  /** The slash-date order it inferred from the file's dates (complete at the end), else null. */
  inferredDateOrder?(): 'mdy' | 'dmy' | null;
  /** The file has no amounts (a transaction log of customer and date). */
  noAmounts?(): boolean;
  /**
   * Rows passed over on purpose, neither orders nor bad rows (Taobao orders never paid, with no date to store
   * them by): how many and why (complete at the end), else null. Said with the count on every import.
   */
  skipped?(): Skipped | null;
  /**
   * Row chunks (row-chunks.ts), for mappers that can take part: the key that makes adjacent rows one order
   * (its order id), or null when rows have none (then no chunk is skipped).
   */
  groupKey?(row: SourceRow): string | null;
  /**
   * The column whose cell, as cleanCell reads it, groupKey is (byte-chunks.ts finds chunk boundaries in the
   * file's bytes with it), or −1 when groupKey is not one column's cell.
   */
  groupColumn?(): number;
  /**
   * The columns whose cells the mapper (its push, end, settle, groupKey) ever reads, where it reads no others
   * (not even to tell a blank row: with byte chunks, whose rows all have a key): the byte path then gives it
   * those cells only (the others '').
   */
  cellsRead?: readonly number[];
  /**
   * Called where the next row (if any) starts another order: the orders still buffered, and a text that
   * says everything the mapper carries from row to row that could change what later rows become (null
   * when it holds rows back, or counts rows for what it says at the end: then no chunk may be skipped).
   */
  settle?(): { out: Mapped[]; state: string | null };
  /**
   * Row chunks, for mappers that remember the order keys met (the grouped layouts' come-back check): a row it
   * passes over silently (blank, a footer), which neither ends an order nor lets a chunk end before it.
   */
  passes?(row: SourceRow): boolean;
  /**
   * Row chunks, for the grouped layouts: a row whose order key it rejects (none, or an id a spreadsheet rounded),
   * which it rejects on its own: like a row it passes over, it neither ends an order nor lets a chunk end before it.
   */
  rejectsKey?(row: SourceRow): boolean;
  /**
   * Row chunks: a chunk of orders with these keys is about to be passed over unread. False when one of them
   * was met already (then the chunk is read: its rows are come-backs); else the keys are remembered as
   * reading the chunk would have, and true.
   */
  keysSkipped?(keys: readonly string[]): boolean;
  /**
   * Row chunks: every row is mapped on its own (one row, one order: no order spans rows), so where a chunk
   * ends changes nothing a row becomes — also around rows rejected before they reach the mapper (another
   * shop's, in a file whose store column named the shop).
   */
  rowsAlone?: boolean;
  /**
   * Row chunks, reading thread: a chunk of plain records (one text, no quotes) mapped straight into encoded orders
   * and its mark, with the buyers numbered in `slots`, exactly as push + settle + encodeBatch would have them;
   * only where settle's state is known and stays the same. False, having written and numbered nothing, where a
   * row needs the general reading (then the chunk is read as rows).
   */
  plainChunk?(chunk: PlainChunk, slots: BuyerSlots, run: PlainOrders): boolean;
}

/** Where plainChunk writes its orders and the chunk's mark, encoded (mapped-codec.ts EncodedRun has their numbers). */
export interface PlainOrders {
  order(slot: number, stored: StoredBuyer | null, kind: number, line: number, orderedMs: number, day: number, gross: number, status: number, statusRaw: string | null, orderId: string, currency: string): void;
  mark(lo: number, hi: number, rows: number, orders: number, clean: boolean, buyerless: boolean): void;
}

/** A chunk of plain records inside a text (byte-chunks.ts): one object, refilled chunk after chunk. */
export interface PlainChunk {
  text: string;
  /** The chunk's records: text[start, end). */
  start: number;
  end: number;
  /** Lines before its first (the line numbers of its records follow on, blank lines counted). */
  linesBefore: number;
  /** Its records (blank lines not counted). */
  rows: number;
  /** Its digest (row-chunks.ts), for its mark. */
  lo: number;
  hi: number;
  delimiter: string;
  /** The first quote in text at or after start (text.length: none), kept by plainChunk from chunk to chunk. */
  nextQuote: number;
}

export interface Adapter {
  /** `--platform` value, lowercase: `shopify`, `taobao`, `generic`. */
  id: string;
  /** What the import prints: `detected: shopify orders export`. */
  label: string;
  // the files it accepts and its buyer-identity column, for `orderlens platforms`, are in the message catalogue
  // (platforms.files.ID, platforms.buyer.ID; src/report/messages.ts), in English and Chinese
  /**
   * Columns that name the store an export comes from (Taobao's 店铺名称, Amazon's sales-channel), tried in
   * order: the first data row's value is the shop when --shop is not given.
   */
  shopColumns?: readonly string[];
  /** Defaults when the user gives no --tz / --currency. */
  defaultZone: string;
  defaultCurrency: string;
  /**
   * How well `header` matches this platform: 0 = not this platform; otherwise the share of fingerprint
   * headers present (0..1). Detection picks the best score above 0.6 and refuses close calls.
   */
  match(header: Header): number;
  /** Why `header` does not fit, for the unrecognised-file error (e.g. `no customer or amount column`). */
  explain?(header: Header): Said;
  /** A mapper for one file. Throws InputError when required columns are missing. */
  open(header: Header, ctx: AdapterContext): RowMapper;
}
