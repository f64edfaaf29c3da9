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
import { CHUNK_BLOCK, chunkBlocks, chunkSealer } from './sealed-digests.js';

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

/** Flags of an open chunk (OpenChunks.flags). */
const OPEN = 1;
const MARKED = 2;
const DIRTY = 4;
const NO_BUYER = 8;

/**
 * The chunks opened but not yet settled, by sequence number, as columns of a ring (no object per chunk: chunks
 * average 4 rows, and an object and a Map entry for each were most of what a 1M-line import promoted into its
 * old generation, about 10 full collections). Chunks open in sequence order (a chunk's orders are written, and
 * so resolved, only once every earlier chunk was marked), so the open ones lie in [first, end); a sequence
 * number below `end` that is not open was settled.
 */
class OpenChunks {
  /** The lowest sequence number that may still be open, and one past the highest opened. */
  first = 0;
  end = 0;
  flags = new Uint8Array(256);
  lo = new Int32Array(256);
  hi = new Int32Array(256);
  rows = new Int32Array(256);
  orders = new Int32Array(256);
  resolved = new Int32Array(256);
  /** id − index of its orders (the same for all when their ids are consecutive); NaN before the first. */
  base = new Float64Array(256);

  /** The slot of chunk `seq`, opened if new; −1 if it was settled already. */
  slot(seq: number): number {
    if (seq < this.first) return -1;
    if (seq < this.end) return this.flags[seq & (this.flags.length - 1)] & OPEN ? seq & (this.flags.length - 1) : -1;
    while (seq - this.first >= this.flags.length) this.grow();
    const mask = this.flags.length - 1;
    for (; this.end < seq; this.end++) this.flags[this.end & mask] = 0;
    this.end = seq + 1;
    const i = seq & mask;
    this.flags[i] = OPEN;
    this.lo[i] = 0;
    this.hi[i] = 0;
    this.rows[i] = 0;
    this.orders[i] = 0;
    this.resolved[i] = 0;
    this.base[i] = NaN;
    return i;
  }

  /** Closes the chunk in slot `i`, and moves `first` past the settled ones. */
  close(i: number): void {
    this.flags[i] = 0;
    const mask = this.flags.length - 1;
    while (this.first < this.end && !(this.flags[this.first & mask] & OPEN)) this.first++;
  }

  /** Twice the room, each open chunk moved to its slot in the larger ring. */
  private grow(): void {
    const size = this.flags.length * 2;
    const oldMask = this.flags.length - 1;
    const mask = size - 1;
    const move = <T extends Uint8Array | Int32Array | Float64Array>(a: T, b: T): T => {
      for (let seq = this.first; seq < this.end; seq++) b[seq & mask] = a[seq & oldMask];
      return b;
    };
    this.flags = move(this.flags, new Uint8Array(size));
    this.lo = move(this.lo, new Int32Array(size));
    this.hi = move(this.hi, new Int32Array(size));
    this.rows = move(this.rows, new Int32Array(size));
    this.orders = move(this.orders, new Int32Array(size));
    this.resolved = move(this.resolved, new Int32Array(size));
    this.base = move(this.base, new Float64Array(size));
  }

  clear(): void {
    this.flags.fill(0);
    this.first = this.end;
  }
}

/**
 * The writer's side: which chunk each written order belongs to, how each was settled, and the records of
 * the chunks whose orders were all stored as they are, with consecutive ids.
 */
export class ChunkRecorder {
  /** The chunk the next written order belongs to, and that order's index in it. */
  private seq = 0;
  private index = 0;
  private readonly open = new OpenChunks();
  /** The part being filled: its chunks' blocks (sealed when written) and their first order ids. */
  private readonly blocks = Buffer.alloc(PART_CHUNKS * CHUNK_BLOCK);
  private readonly firsts = new Int32Array(PART_CHUNKS);
  private inPart = 0;
  private parts = 0;
  private readonly insert;
  /** Seals a part's blocks (sealed-digests.ts chunkSealer). */
  private readonly seal: (blocks: Buffer) => Buffer;

  constructor(
    private readonly db: Db,
    private readonly source: number,
    private readonly key: string,
    secret: string,
  ) {
    db.prepare('DELETE FROM row_chunks WHERE source = ?').run(source);
    this.insert = db.prepare('INSERT INTO row_chunks (source, part, key, data) VALUES (?, ?, ?, ?)');
    this.seal = chunkSealer(secret);
  }

  /** An order is written: the chunk it resolves under (resolved()) … */
  get current(): number {
    return this.seq;
  }

  /** … and its index there. */
  written(): number {
    return this.index++;
  }

  /**
   * The order at `index` of chunk `seq` is settled as stored order `id`; `asIs`: the row and the order now agree.
   * (A chunk settled already has had all its orders: one more can never make it clean again, and is not counted.)
   */
  resolved(seq: number, index: number, id: number, asIs: boolean): void {
    const o = this.open;
    const i = o.slot(seq);
    if (i < 0) return;
    o.resolved[i]++;
    if (!asIs) o.flags[i] |= DIRTY;
    if (Number.isNaN(o.base[i])) o.base[i] = id - index;
    else if (id - index !== o.base[i]) o.flags[i] |= DIRTY;
    this.settle(i);
  }

  /**
   * resolved() for `count` orders of chunk `seq` at indices index … index + count − 1, stored as they are under
   * ids id … id + count − 1.
   */
  resolvedRun(seq: number, index: number, count: number, id: number): void {
    const o = this.open;
    const i = o.slot(seq);
    if (i < 0) return;
    o.resolved[i] += count;
    if (Number.isNaN(o.base[i])) o.base[i] = id - index;
    else if (id - index !== o.base[i]) o.flags[i] |= DIRTY;
    this.settle(i);
  }

  /** The reading half ended a chunk it mapped: its orders are those written since the last mark. */
  mark(m: ChunkMark): void {
    const seq = this.seq;
    const o = this.open;
    const i = o.slot(seq);
    o.flags[i] |= MARKED | (m.buyerless ? NO_BUYER : 0) | (!m.clean || this.index !== m.orders ? DIRTY : 0);
    o.lo[i] = m.lo;
    o.hi[i] = m.hi;
    o.rows[i] = m.rows;
    o.orders[i] = m.orders;
    this.seq++;
    this.index = 0;
    this.settle(i);
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

  private settle(i: number): void {
    const o = this.open;
    const flags = o.flags[i];
    if (!(flags & MARKED) || o.resolved[i] < o.orders[i]) return;
    o.close(i);
    if (!(flags & DIRTY) && o.orders[i] > 0) this.record(o.lo[i], o.hi[i], o.base[i], o.rows[i], flags & NO_BUYER ? o.orders[i] | BUYERLESS : o.orders[i]);
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
    const sealed = this.seal(this.blocks.subarray(0, this.inPart * CHUNK_BLOCK));
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
