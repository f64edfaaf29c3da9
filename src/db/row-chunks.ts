/**
 * The row chunks an import recorded (import/row-chunks.ts), per source: for each chunk whose rows all became
 * stored orders as they are, its digest, its rows and the ids of its orders (consecutive: the first and the
 * count), and whether none of them has a buyer (ChunkMark.buyerless: BUYERLESS in the stored count). Each import that reads a source's file replaces the source's chunks with its own, inside its
 * transaction, so the chunks always describe what the source's last read file made of its rows, and only
 * imports change order rows: a later file whose chunk has the same digest would store the same orders
 * again, and the writer may count them unchanged without mapping them.
 *
 * Stored in parts of PART_CHUNKS chunks, so an import never holds more than one part in memory while it records:
 * per chunk a 16-byte block of four little-endian int32 (lo, hi, rows, orders), encrypted with a key derived
 * from the key file's secret (the digest is over raw cells, the buyer's among them: db/sealed-digests.ts), then
 * per chunk its first order id (int32).
 */
import { endianness } from 'node:os';
import type { ChunkMark, PriorDigests } from '../import/row-chunks.js';
import type { Db } from './open.js';
import { CHUNK_BLOCK, chunkBlocks } from './sealed-digests.js';

const PART_CHUNKS = 8192;
/** Bytes a chunk takes in a part: its sealed block and its first order id. */
const CHUNK_BYTES = CHUNK_BLOCK + 4;
/**
 * Set in a chunk's stored order count when none of its orders has a buyer (a chunk holds at most CHUNK_MAX_ROWS
 * orders). Chunks recorded before it existed never had such orders: their counts read as they are.
 */
const BUYERLESS = 1 << 30;
/** Typed arrays are in the machine's byte order; the stored parts are little-endian. */
const LITTLE_ENDIAN = endianness() === 'LE';

/** Chunks an earlier import recorded: digests for the reading half, ids for the writing half. */
export interface StoredChunks {
  /** [lo, hi, rows] per chunk. */
  digests: PriorDigests;
  /** First stored order id and count of orders, per chunk. */
  first: Int32Array;
  orders: Int32Array;
  /** 1 where none of the chunk's orders has a buyer. */
  buyerless: Uint8Array;
  /** The chunks' blocks as recorded, opened (16 bytes a chunk: lo, hi, rows, orders; little-endian). */
  blocks: Buffer;
}

/**
 * Thrown by the writer when a chunk skipped unread holds an order the file has already had: which of its
 * rows is the repeat can only be said by reading them, so the import starts over without skipping.
 */
export class ChunkReread extends Error {
  constructor() {
    super('a skipped chunk repeats an order read before: reading the file again without skipping');
  }
}

/** Forgets every source's recorded chunks (after orders were changed other than by an import). */
export function forgetRowChunks(db: Db): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'row_chunks'").get() !== undefined) db.exec('DELETE FROM row_chunks');
}

/** The source's recorded chunks when they were read with `key` (settings, layout, version); else null. */
export function loadChunks(db: Db, source: number, key: string, secret: string): StoredChunks | null {
  const parts = db.prepare('SELECT key, data FROM row_chunks WHERE source = ? ORDER BY part').raw(true).all(source) as [string, Buffer][];
  if (parts.length === 0 || parts.some(([k]) => k !== key)) return null;
  let n = 0;
  for (const [, data] of parts) n += data.length / CHUNK_BYTES;
  // every part's blocks, opened, one after the other; and every part's first ids
  const blocks = Buffer.allocUnsafeSlow(n * CHUNK_BLOCK);
  const first = new Int32Array(n);
  let i = 0;
  for (const [, data] of parts) {
    const count = data.length / CHUNK_BYTES;
    chunkBlocks(secret, data.subarray(0, count * CHUNK_BLOCK), 'open').copy(blocks, i * CHUNK_BLOCK);
    first.set(int32sLE(data.subarray(count * CHUNK_BLOCK), count), i);
    i += count;
  }
  const words = int32sLE(blocks, n * 4);
  const digests = new Int32Array(n * 3);
  const orders = new Int32Array(n);
  const buyerless = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    digests[k * 3] = words[k * 4];
    digests[k * 3 + 1] = words[k * 4 + 1];
    digests[k * 3 + 2] = words[k * 4 + 2];
    orders[k] = words[k * 4 + 3] & ~BUYERLESS;
    if (words[k * 4 + 3] & BUYERLESS) buyerless[k] = 1;
  }
  return { digests, first, orders, buyerless, blocks };
}

/** The first `count` little-endian int32 of `bytes`. */
function int32sLE(bytes: Buffer, count: number): Int32Array {
  const out = new Int32Array(count);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
  else for (let k = 0; k < count; k++) out[k] = bytes.readInt32LE(k * 4);
  return out;
}

interface OpenChunk {
  marked: boolean;
  lo: number;
  hi: number;
  rows: number;
  orders: number;
  resolved: number;
  /** id − index of its orders (the same for all when their ids are consecutive); NaN before the first. */
  base: number;
  clean: boolean;
  buyerless: boolean;
}

/**
 * The writer's side: which chunk each written order belongs to, how each was settled, and the records of
 * the chunks whose orders were all stored as they are, with consecutive ids.
 */
export class ChunkRecorder {
  /** The chunk the next written order belongs to, and that order's index in it. */
  private seq = 0;
  private index = 0;
  private readonly open = new Map<number, OpenChunk>();
  /** The part being filled: its chunks' blocks (sealed when written) and their first order ids. */
  private readonly blocks = Buffer.alloc(PART_CHUNKS * CHUNK_BLOCK);
  private readonly firsts = new Int32Array(PART_CHUNKS);
  private inPart = 0;
  private parts = 0;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly source: number,
    private readonly key: string,
    private readonly secret: string,
  ) {
    db.prepare('DELETE FROM row_chunks WHERE source = ?').run(source);
    this.insert = db.prepare('INSERT INTO row_chunks (source, part, key, data) VALUES (?, ?, ?, ?)');
  }

  /** An order is written: the chunk it resolves under (resolved()) … */
  get current(): number {
    return this.seq;
  }

  /** … and its index there. */
  written(): number {
    return this.index++;
  }

  private last: OpenChunk | null = null;
  private lastSeq = -1;

  private chunk(seq: number): OpenChunk {
    if (seq === this.lastSeq && this.last) return this.last;
    let c = this.open.get(seq);
    if (!c) {
      c = { marked: false, lo: 0, hi: 0, rows: 0, orders: 0, resolved: 0, base: NaN, clean: true, buyerless: false };
      this.open.set(seq, c);
    }
    this.last = c;
    this.lastSeq = seq;
    return c;
  }

  /** The order at `index` of chunk `seq` is settled as stored order `id`; `asIs`: the row and the order now agree. */
  resolved(seq: number, index: number, id: number, asIs: boolean): void {
    const c = this.chunk(seq);
    c.resolved++;
    if (!asIs) c.clean = false;
    if (Number.isNaN(c.base)) c.base = id - index;
    else if (id - index !== c.base) c.clean = false;
    this.settle(seq, c);
  }

  /**
   * resolved() for `count` orders of chunk `seq` at indices index … index + count − 1, stored as they are under
   * ids id … id + count − 1.
   */
  resolvedRun(seq: number, index: number, count: number, id: number): void {
    const c = this.chunk(seq);
    c.resolved += count;
    if (Number.isNaN(c.base)) c.base = id - index;
    else if (id - index !== c.base) c.clean = false;
    this.settle(seq, c);
  }

  /** The reading half ended a chunk it mapped: its orders are those written since the last mark. */
  mark(m: ChunkMark): void {
    const seq = this.seq;
    const c = this.chunk(seq);
    c.marked = true;
    c.lo = m.lo;
    c.hi = m.hi;
    c.rows = m.rows;
    c.orders = m.orders;
    c.buyerless = m.buyerless;
    if (!m.clean || this.index !== m.orders) c.clean = false;
    this.seq++;
    this.index = 0;
    this.settle(seq, c);
  }

  /** Chunks `from` … `from + count − 1` of `prior`, skipped unread: recorded again as they were (block by block). */
  skipped(prior: StoredChunks, from: number, count: number): void {
    for (let s = from, end = from + count; s < end; ) {
      const take = Math.min(end - s, PART_CHUNKS - this.inPart);
      prior.blocks.copy(this.blocks, this.inPart * CHUNK_BLOCK, s * CHUNK_BLOCK, (s + take) * CHUNK_BLOCK);
      this.firsts.set(prior.first.subarray(s, s + take), this.inPart);
      s += take;
      this.inPart += take;
      if (this.inPart === PART_CHUNKS) this.writePart();
    }
  }

  private settle(seq: number, c: OpenChunk): void {
    if (!c.marked || c.resolved < c.orders) return;
    this.open.delete(seq);
    if (seq === this.lastSeq) this.last = null;
    if (c.clean && c.orders > 0) this.record(c.lo, c.hi, c.base, c.rows, c.buyerless ? c.orders | BUYERLESS : c.orders);
  }

  /** `orders`: the count, with BUYERLESS where none has a buyer. */
  private record(lo: number, hi: number, first: number, rows: number, orders: number): void {
    const at = this.inPart * CHUNK_BLOCK;
    this.blocks.writeInt32LE(lo, at);
    this.blocks.writeInt32LE(hi, at + 4);
    this.blocks.writeInt32LE(rows, at + 8);
    this.blocks.writeInt32LE(orders, at + 12);
    this.firsts[this.inPart] = first;
    if (++this.inPart === PART_CHUNKS) this.writePart();
  }

  private writePart(): void {
    if (this.inPart === 0) return;
    const sealed = chunkBlocks(this.secret, this.blocks.subarray(0, this.inPart * CHUNK_BLOCK), 'seal');
    let firsts = Buffer.from(this.firsts.buffer, 0, this.inPart * 4);
    if (!LITTLE_ENDIAN) {
      firsts = Buffer.alloc(this.inPart * 4);
      for (let k = 0; k < this.inPart; k++) firsts.writeInt32LE(this.firsts[k], k * 4);
    }
    this.insert.run(this.source, this.parts++, this.key, Buffer.concat([sealed, firsts]));
    this.inPart = 0;
  }

  /** Writes the last part (once every order is settled). */
  finish(): void {
    this.writePart();
    this.open.clear();
  }
}
