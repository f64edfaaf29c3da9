/**
 * What the reading half of an import hands the writing half, a batch at a time (map-file.ts): outcomes as
 * objects, or, from the reading thread, decoded as columns (mapped-codec.ts).
 */
import type { NormalizedOrder } from '../domain/order.js';
import { OrderColumns } from '../domain/order-columns.js';
import type { BuyerRef } from '../identity/buyer-slots.js';
import type { Said } from '../report/said.js';
import type { Mapped } from './adapter.js';
import type { ChunkMark } from './row-chunks.js';

/**
 * A mapped row group, where a reject carries the cells of its row when they were still at hand, and an
 * order its numbered buyer (null: none) when MapOptions.buyers asks for it.
 */
export type Outcome =
  | { order: NormalizedOrder; ref?: BuyerRef | null }
  | Extract<Mapped, { items: unknown }>
  | { reject: { line: number; reason: string | Said; cells: string[] | null } }
  | { chunk: ChunkMark };

export interface MappedBatch {
  /** Data rows read for this batch (below the header). */
  rows: number;
  out: Outcome[];
  /**
   * The batch as columns instead (a batch from the reading thread, mapped-codec.ts decodeColumns; `out` is then
   * empty): valid until the next batch is asked for.
   */
  columns?: DecodedBatch;
  /**
   * Orders and chunk marks already encoded (MapOptions.encoded: the reading thread's plain chunks), each standing
   * before out[run.at]: only encodeBatch reads them. Valid until the next batch is asked for.
   */
  runs?: EncodedOrders[];
}

/** Outcomes already encoded as encodeBatch encodes them (mapped-codec.ts EncodedRun): numbers, texts end to end. */
export interface EncodedOrders {
  /** They stand before out[at] of their batch. */
  at: number;
  /** Outcomes in them. */
  count: number;
  /** Their numbers: nums[0, n). */
  n: number;
  nums: Float64Array;
  text(): string;
  /** The currency of the last order (null: none), as the next order's is encoded against it. */
  currency: string | null;
}

/**
 * A batch decoded as columns (decodeColumns): its orders in OrderColumns, and what comes between them in file
 * order (events): chunk marks, as numbers, and the other outcomes (rejects, item lists) as they are. Made once
 * and refilled batch after batch.
 */
export class DecodedBatch {
  /** Data rows read for this batch. */
  rows = 0;
  readonly orders = new OrderColumns();
  /** Events held (0 … events − 1), and for each the number of orders that come before it … */
  events = 0;
  eventAt = new Int32Array(256);
  /** … and which it is: ≥ 0, chunk mark `k` (MARK_NUMBERS numbers at marks[k * MARK_NUMBERS]); < 0, other[−1 − value]. */
  eventWhat = new Int32Array(256);
  marks = new Float64Array(256 * MARK_NUMBERS);
  other: Outcome[] = [];

  /** Chunk mark `k` written into `into` (one object reused by the caller: ChunkMark is read, not kept). */
  markInto(k: number, into: ChunkMark): ChunkMark {
    const m = this.marks;
    const at = k * MARK_NUMBERS;
    into.lo = m[at];
    into.hi = m[at + 1];
    into.rows = m[at + 2];
    into.orders = m[at + 3];
    into.skip = m[at + 4];
    into.count = m[at + 5];
    into.clean = m[at + 6] >= 1;
    into.buyerless = m[at + 6] === 2;
    return into;
  }

  /** Whether event `k` is the mark of a chunk the reading half mapped (not one it skipped unread). */
  isMappedMark(k: number): boolean {
    const what = this.eventWhat[k];
    return what >= 0 && this.marks[what * MARK_NUMBERS + 4] < 0;
  }

  private event(what: number): void {
    const k = this.events++;
    if (k === this.eventAt.length) {
      const at = new Int32Array(k * 2);
      at.set(this.eventAt);
      this.eventAt = at;
      const w = new Int32Array(k * 2);
      w.set(this.eventWhat);
      this.eventWhat = w;
    }
    this.eventAt[k] = this.orders.length;
    this.eventWhat[k] = what;
  }

  /** A chunk mark's numbers at nums[i …] (the 7 after CHUNK). */
  addMark(nums: Float64Array, i: number, marks: number): void {
    if ((marks + 1) * MARK_NUMBERS > this.marks.length) {
      const more = new Float64Array(this.marks.length * 2);
      more.set(this.marks);
      this.marks = more;
    }
    // number by number: a subarray for set() is an object a mark (one every few orders)
    const m = this.marks;
    const at = marks * MARK_NUMBERS;
    for (let j = 0; j < MARK_NUMBERS; j++) m[at + j] = nums[i + j];
    this.event(marks);
  }

  addOther(o: Outcome): void {
    this.event(-1 - this.other.length);
    this.other.push(o);
  }
}

/** Numbers a chunk mark has after its CHUNK (lo, hi, rows, orders, skip, count, clean: 0 no, 1 yes, 2 yes and buyerless). */
export const MARK_NUMBERS = 7;
