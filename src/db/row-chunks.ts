/**
 * The row chunks an import recorded (import/row-chunks.ts), per source: for each chunk whose rows all became
 * stored orders as they are, its digest, its rows and the ids of its orders (consecutive: the first and the
 * count). Each import that reads a source's file replaces the source's chunks with its own, inside its
 * transaction, so the chunks always describe what the source's last read file made of its rows, and only
 * imports change order rows: a later file whose chunk has the same digest would store the same orders
 * again, and the writer may count them unchanged without mapping them.
 *
 * Stored in parts of PART_CHUNKS chunks, so an import never holds more than one part in memory while it records:
 * per chunk a 16-byte block of four little-endian int32 (lo, hi, rows, orders), encrypted with a key derived
 * from the key file's secret (the digest is over raw cells, the buyer's among them: db/sealed-digests.ts), then
 * per chunk its first order id (int32).
 */
import type { ChunkMark, PriorDigests } from '../import/row-chunks.js';
import type { Db } from './open.js';
import { CHUNK_BLOCK, chunkBlocks } from './sealed-digests.js';

const PART_CHUNKS = 8192;
/** Bytes a chunk takes in a part: its sealed block and its first order id. */
const CHUNK_BYTES = CHUNK_BLOCK + 4;

/** Chunks an earlier import recorded: digests for the reading half, ids for the writing half. */
export interface StoredChunks {
  /** [lo, hi, rows] per chunk. */
  digests: PriorDigests;
  /** First stored order id and count of orders, per chunk. */
  first: Int32Array;
  orders: Int32Array;
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
  const digests = new Int32Array(n * 3);
  const first = new Int32Array(n);
  const orders = new Int32Array(n);
  let i = 0;
  for (const [, data] of parts) {
    const count = data.length / CHUNK_BYTES;
    const blocks = chunkBlocks(secret, data.subarray(0, count * CHUNK_BLOCK), 'open');
    for (let k = 0; k < count; k++, i++) {
      digests[i * 3] = blocks.readInt32LE(k * CHUNK_BLOCK);
      digests[i * 3 + 1] = blocks.readInt32LE(k * CHUNK_BLOCK + 4);
      digests[i * 3 + 2] = blocks.readInt32LE(k * CHUNK_BLOCK + 8);
      orders[i] = blocks.readInt32LE(k * CHUNK_BLOCK + 12);
      first[i] = data.readInt32LE(count * CHUNK_BLOCK + k * 4);
    }
  }
  return { digests, first, orders };
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
  private readonly firsts = Buffer.alloc(PART_CHUNKS * 4);
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
      c = { marked: false, lo: 0, hi: 0, rows: 0, orders: 0, resolved: 0, base: NaN, clean: true };
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

  /** The reading half ended a chunk it mapped: its orders are those written since the last mark. */
  mark(m: ChunkMark): void {
    const seq = this.seq;
    const c = this.chunk(seq);
    c.marked = true;
    c.lo = m.lo;
    c.hi = m.hi;
    c.rows = m.rows;
    c.orders = m.orders;
    if (!m.clean || this.index !== m.orders) c.clean = false;
    this.seq++;
    this.index = 0;
    this.settle(seq, c);
  }

  /** A chunk skipped unread: recorded again as it was. */
  skipped(lo: number, hi: number, rows: number, first: number, orders: number): void {
    this.record(lo, hi, first, rows, orders);
  }

  private settle(seq: number, c: OpenChunk): void {
    if (!c.marked || c.resolved < c.orders) return;
    this.open.delete(seq);
    if (seq === this.lastSeq) this.last = null;
    if (c.clean && c.orders > 0) this.record(c.lo, c.hi, c.base, c.rows, c.orders);
  }

  private record(lo: number, hi: number, first: number, rows: number, orders: number): void {
    const at = this.inPart * CHUNK_BLOCK;
    this.blocks.writeInt32LE(lo, at);
    this.blocks.writeInt32LE(hi, at + 4);
    this.blocks.writeInt32LE(rows, at + 8);
    this.blocks.writeInt32LE(orders, at + 12);
    this.firsts.writeInt32LE(first, this.inPart * 4);
    if (++this.inPart === PART_CHUNKS) this.writePart();
  }

  private writePart(): void {
    if (this.inPart === 0) return;
    const sealed = chunkBlocks(this.secret, this.blocks.subarray(0, this.inPart * CHUNK_BLOCK), 'seal');
    this.insert.run(this.source, this.parts++, this.key, Buffer.concat([sealed, this.firsts.subarray(0, this.inPart * 4)]));
    this.inPart = 0;
  }

  /** Writes the last part (once every order is settled). */
  finish(): void {
    this.writePart();
    this.open.clear();
  }
}
