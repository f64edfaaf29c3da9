/**
 * Row chunks: what lets a re-import of an export in which few orders changed skip the rest unread.
 *
 * The reading half cuts the data rows into chunks of a few orders each, at order boundaries chosen by the
 * order keys themselves (content-defined: a chunk ends after an order whose key hashes to 0 modulo
 * CHUNK_AVERAGE, so rows added or changed elsewhere in the file do not move the other boundaries), and
 * digests each chunk's cells together with the mapper's carried state at its start (RowMapper.settle). An
 * import records, per source, the digest and the stored order ids of every chunk whose rows all became
 * stored orders as they are (db/row-chunks.ts); the next import of the source, read with the same settings
 * and header, hands those digests back, and a chunk whose digest is among them is not mapped at all: the
 * writing half counts its orders unchanged by their stored ids.
 *
 * A chunk takes part only where the mapper can say its state (RowMapper.groupKey and settle; the generic
 * adapter does) and that state is the same at the chunk's end as at its start, so that skipping it leaves
 * the mapper exactly as mapping it would have.
 */
import type { SourceRow } from './adapter.js';
import { hashOf as keyHash } from '../identity/string-id-table.js';

/**
 * What the chunk boundaries and digests are computed by: part of the key chunks are recorded under (chunks
 * recorded by a build with another format are not used: the next import reads every row once and records its
 * own). 3: chunks of plain lines are cut and digested from the file's bytes (byte-chunks.ts). 4: also lines with
 * quoted cells, and the grouped layouts' (Shopify, Amazon, Douyin, Etsy items, JD).
 */
export const CHUNK_FORMAT = 4;
/** A chunk ends after an order whose key hashes to 0 modulo this (about this many orders a chunk) … */
export const CHUNK_AVERAGE = 4;
/** … or once it has this many rows. */
export const CHUNK_MAX_ROWS = 64;

/** What the reading half says at the end of each chunk (an Outcome after the chunk's own outcomes). */
export interface ChunkMark {
  /** The digest: two 32-bit halves (signed, as Int32Array holds them). */
  lo: number;
  hi: number;
  /** Data rows in the chunk. */
  rows: number;
  /** Orders mapped from it (0 when skipped). */
  orders: number;
  /** Index of the earlier import's chunk it matched (PriorChunks), when skipped unread; else −1. */
  skip: number;
  /**
   * Chunks skipped unread one after the other that the earlier import had one after the other too (skip …
   * skip + count − 1): one mark for the run, `rows` their rows (lo and hi the first's). 1 for other marks.
   */
  count: number;
  /**
   * Every row became an order with a known status, either every order with a buyer or none (buyerless), and
   * the mapper's state at its end is the one at its start: it may be recorded (if the writer stores each order
   * as it is).
   */
  clean: boolean;
  /**
   * Clean, and none of its orders has a buyer (a file without a buyer column): recorded so, so that when the
   * chunk is skipped its orders are counted as orders without a buyer, as reading them would have.
   */
  buyerless: boolean;
}

/** The digests of the chunks an earlier import recorded: [lo, hi, rows] per chunk. */
export type PriorDigests = Int32Array;


/**
 * The digest of a chunk: two independent 32-bit lanes (FNV-1a, and a multiply–xorshift lane with another
 * constant) over the state text and every cell's length and code units, each finished with murmur3's mixer
 * together with the row count. Inline loops: this runs over every row of every import.
 */
export function chunkDigest(state: string, rows: readonly SourceRow[], oversize: readonly string[]): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < state.length; i++) {
    const v = state.charCodeAt(i);
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (const row of rows) {
    const cells = row.oversize === undefined ? row.cells : oversize;
    a = Math.imul(a ^ (0x7fff0000 | cells.length), 0x01000193);
    b = Math.imul(b ^ (0x7fff0000 | cells.length), 0x5bd1e995);
    for (let c = 0; c < cells.length; c++) {
      const s = cells[c];
      a = Math.imul(a ^ s.length, 0x01000193);
      b = Math.imul(b ^ s.length, 0x5bd1e995);
      b ^= b >>> 15;
      for (let i = 0; i < s.length; i++) {
        const v = s.charCodeAt(i);
        a = Math.imul(a ^ v, 0x01000193);
        b = Math.imul(b ^ v, 0x5bd1e995);
        b ^= b >>> 15;
      }
    }
  }
  return [fmix(a ^ rows.length), fmix(b ^ Math.imul(rows.length, 0x9e3779b1))];
}

/**
 * The two lanes of a chunk read as bytes (byte-chunks.ts): two multiply–xorshift lanes over the bytes of
 * its lines, line ends included, four bytes to a step (taken from the chunk's own start, so the digest does
 * not depend on where in the file the chunk lies). Finished by bytesDigest with the mapper's state.
 */
export function byteLanes(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Int32Array,
  at: number,
  words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
): void {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x9747b28c;
  let i = start;
  // a word is bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24, as one little-endian load
  // (−30% against the four loads and shifts on a Shopify export's chunks); `words`: `bytes` viewed so, which a
  // caller digesting many chunks of one buffer makes once (a view a call cost ~30% more on 4-order chunks)
  for (const last = end - 3; i < last; i += 4) {
    const v = words.getInt32(i, true);
    // a word's high bits must reach the low ones of both lanes (a product's low bits see only low bits)
    a = Math.imul(a ^ v, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (; i < end; i++) {
    const v = bytes[i];
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[at] = a;
  out[at + 1] = b;
}

/** The lanes of the mapper's state text (see bytesDigest), computed once per state. */
export function stateLanes(state: string): [number, number] {
  return chunkDigest(state, [], []);
}

/** A byte chunk's digest: its lanes (byteLanes) with the state's (stateLanes) and its row count. */
export function bytesDigest(a: number, b: number, stateA: number, stateB: number, rows: number): [number, number] {
  return [fmix(Math.imul(a ^ stateA, 0x01000193) ^ rows), fmix(Math.imul(b ^ stateB, 0x5bd1e995) ^ Math.imul(rows, 0x9e3779b1))];
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The earlier import's chunk digests, looked up by (lo, hi, rows): open addressing over their indexes. */
export class PriorChunkSet {
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(private readonly digests: PriorDigests) {
    const n = digests.length / 3;
    let cap = 16;
    while (cap < n * 2) cap *= 2;
    this.mask = cap - 1;
    this.table = new Int32Array(cap);
    for (let i = 0; i < n; i++) {
      let s = digests[i * 3] & this.mask;
      while (this.table[s] !== 0) s = (s + 1) & this.mask;
      this.table[s] = i + 1;
    }
  }

  /** The index of the chunk with this digest and row count, or −1. */
  find(lo: number, hi: number, rows: number): number {
    const d = this.digests;
    for (let s = lo & this.mask; ; s = (s + 1) & this.mask) {
      const i = this.table[s] - 1;
      if (i < 0) return -1;
      if (d[i * 3] === lo && d[i * 3 + 1] === hi && d[i * 3 + 2] === rows) return i;
    }
  }
}

/** The rows of the chunk being gathered, with where it may end. */
export class ChunkRows {
  rows: SourceRow[] = [];
  lastKey: string | null = null;
  /** The last row's order key ends a chunk (or the chunk is full): end it before the next order. */
  wantEnd = false;
  /** The chunk's order keys, one per order (kept only when asked for: RowMapper.keysSkipped wants them). */
  keys: string[] = [];

  constructor(private readonly keepKeys = false) {}

  add(row: SourceRow, key: string): void {
    this.rows.push(row);
    if (this.keepKeys && key !== this.lastKey) this.keys.push(key);
    this.lastKey = key;
    this.wantEnd = (keyHash(key) & (CHUNK_AVERAGE - 1)) === 0 || this.rows.length >= CHUNK_MAX_ROWS;
  }

  /** A row rejected before it reaches the mapper: it neither ends an order nor lets the chunk end before it. */
  addQuiet(row: SourceRow): void {
    this.rows.push(row);
  }

  /** Whether the chunk ends before a row of this order key (rows of one order are never split). */
  endsBefore(key: string): boolean {
    return this.rows.length > 0 && this.wantEnd && key !== this.lastKey;
  }

  take(): SourceRow[] {
    const rows = this.rows;
    this.rows = [];
    this.lastKey = null;
    this.wantEnd = false;
    if (this.keys.length > 0) this.keys = [];
    return rows;
  }
}
