/**
 * Mapped batches as flat data, to hand them from the reading thread to the writing one: numbers in one
 * Float64Array (transferred, not copied), the texts end to end in one string, lengths among the numbers.
 * Copying the same orders as objects (structured clone) costs several microseconds each; this about a
 * tenth of that on each side.
 */
import { NO_ITEMS, ORDER_STATUSES, type BuyerKind, type OrderItem } from '../domain/order.js';
import { NO_BUYER, NO_SLOT } from '../domain/order-columns.js';
import { MARK_NUMBERS, type DecodedBatch, type EncodedOrders, type MappedBatch, type Outcome } from './mapped-batch.js';
import type { StoredBuyer } from '../identity/buyer-key.js';
import type { PlainOrders } from './adapter.js';

export interface EncodedBatch {
  rows: number;
  count: number;
  nums: Float64Array;
  text: string;
  /** Rejects and item lists (rare): as they are. */
  other: Outcome[];
}

/** Buyer kinds by number (as BuyerSlots numbers them too). */
export const KINDS: readonly BuyerKind[] = ['id', 'email', 'phone', 'name'];
const NO_RUNS: readonly EncodedOrders[] = [];
const ORDER = 0;
const OTHER = 1;
/** A chunk mark (row-chunks.ts): one every few orders, so as numbers, not cloned. */
const CHUNK = 2;
/** A null number or text (a length of −1), or an order without a buyer. */
const NONE = -1;
/** An order without a numbered buyer (MapOptions.buyers not set). */
const NO_REF = -2;
/**
 * A text the same as one the decoder has at hand (in place of its length): a display that is the key, a buyer
 * value that is its key (opaque ids), a status text that is the status, the currency of the order before.
 * Most orders repeat these: each costs a string on both sides otherwise.
 */
const SAME = -3;

/** A copy of `buf` with room for at least `need` numbers. */
function grown(buf: Float64Array, need: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(buf.length * 2, need));
  bigger.set(buf);
  return bigger;
}

/** The most numbers an outcome writes before its item lines (an order: 22). */
const OUTCOME_NUMBERS = 32;
/** Numbers an item line writes. */
const ITEM_NUMBERS = 6;

/**
 * Orders and chunk marks already encoded (the reading thread's plain chunks: GenericMapper.plainChunk), the numbers
 * and texts encodeBatch writes for the same outcomes, so that encodeBatch copies them where the run stands in its
 * batch (MappedBatch.runs). Orders without item lines, discount, shipping or refund, one item each. Made again
 * (reset) batch after batch.
 */
export class EncodedRun implements PlainOrders, EncodedOrders {
  /** The run stands before out[at] of its batch. */
  at = 0;
  /** Outcomes (orders and marks) in it. */
  count = 0;
  n = 0;
  nums = new Float64Array(2048);
  private texts: string[] = [];
  /** The currency of the run's last order (its first order's is written as a text). */
  currency: string | null = null;

  reset(at: number): void {
    this.at = at;
    this.count = this.n = 0;
    this.texts.length = 0;
    this.currency = null;
  }

  text(): string {
    return this.texts.join('');
  }

  private room(): Float64Array {
    if (this.n + OUTCOME_NUMBERS > this.nums.length) this.nums = grown(this.nums, this.n + OUTCOME_NUMBERS);
    return this.nums;
  }

  private textOf(s: string | null): number {
    if (s === null) return NONE;
    this.texts.push(s);
    return s.length;
  }

  /**
   * An order as encodeBatch writes `{ order, ref }` with discount, shipping and refund 0, net = gross, one item and
   * no item lines. `slot`: its buyer's number (−1: no buyer), `stored` on the buyer's first appearance; `kind`: the
   * buyer's kind as KINDS numbers it; `status`: ORDER_STATUSES' index.
   */
  order(slot: number, stored: StoredBuyer | null, kind: number, line: number, orderedMs: number, day: number, gross: number, status: number, statusRaw: string | null, orderId: string, currency: string): void {
    const nums = this.room();
    let n = this.n;
    nums[n++] = ORDER;
    if (slot < 0) nums[n++] = NONE;
    else {
      nums[n++] = slot;
      if (stored === null) nums[n++] = 0;
      else {
        nums[n++] = 1;
        const key = stored.key;
        nums[n++] = this.textOf(key);
        nums[n++] = stored.display === key ? SAME : this.textOf(stored.display);
        nums[n++] = stored.clear !== null && stored.clear === key ? SAME : this.textOf(stored.clear);
      }
    }
    nums[n++] = line;
    nums[n++] = orderedMs;
    nums[n++] = day;
    nums[n++] = gross;
    nums[n++] = 0;
    nums[n++] = 0;
    nums[n++] = 0;
    nums[n++] = gross;
    nums[n++] = 1;
    nums[n++] = status;
    nums[n++] = slot < 0 ? NONE : kind;
    nums[n++] = this.textOf(orderId);
    nums[n++] = NONE;
    nums[n++] = statusRaw !== null && statusRaw === ORDER_STATUSES[status] ? SAME : this.textOf(statusRaw);
    nums[n++] = currency === this.currency ? SAME : this.textOf(currency);
    this.currency = currency;
    nums[n++] = 0;
    this.n = n;
    this.count++;
  }

  /** A chunk mark (of a chunk mapped now: skip −1, count 1). */
  mark(lo: number, hi: number, rows: number, orders: number, clean: boolean, buyerless: boolean): void {
    const nums = this.room();
    let n = this.n;
    nums[n++] = CHUNK;
    nums[n++] = lo;
    nums[n++] = hi;
    nums[n++] = rows;
    nums[n++] = orders;
    nums[n++] = -1;
    nums[n++] = 1;
    nums[n++] = clean ? (buyerless ? 2 : 1) : 0;
    this.n = n;
    this.count++;
  }
}

/** `reuse`: a buffer to fill instead of a new one, when it has room for the batch (as it has for most). */
export function encodeBatch(batch: MappedBatch, reuse?: Float64Array): EncodedBatch {
  const runs = batch.runs ?? NO_RUNS;
  let outcomes = batch.out.length;
  for (const r of runs) outcomes += r.count;
  // about 20 numbers an order without items: room for them at once; written through a local index (no call a number)
  const room = outcomes * 24 + 64;
  let nums: Float64Array<ArrayBuffer> = reuse !== undefined && reuse.length >= room ? (reuse as Float64Array<ArrayBuffer>) : new Float64Array(room);
  let n = 0;
  const texts: string[] = [];
  const other: Outcome[] = [];
  /** The number that stands for text `s` (its length, or NONE), the text kept. */
  const text = (s: string | null): number => {
    if (s === null) return NONE;
    texts.push(s);
    return s.length;
  };
  /** text(s), or SAME where it is `same` (which the decoder knows). */
  const textOr = (s: string | null, same: string | null): number => (s !== null && s === same ? SAME : text(s));
  let currency: string | null = null;
  const count = (v: number | null) => (v === null ? NaN : v);
  const out = batch.out;
  let r = 0;
  /** The runs that stand before out[j], copied. */
  const runsBefore = (j: number) => {
    for (; r < runs.length && runs[r].at === j; r++) {
      const run = runs[r];
      if (n + run.n > nums.length) nums = grown(nums, n + run.n);
      nums.set(run.nums.subarray(0, run.n), n);
      n += run.n;
      texts.push(run.text());
      if (run.currency !== null) currency = run.currency;
    }
  };
  for (let j = 0; j < out.length; j++) {
    if (r < runs.length) runsBefore(j);
    const m = out[j];
    if (n + OUTCOME_NUMBERS > nums.length) nums = grown(nums, n + OUTCOME_NUMBERS);
    if ('chunk' in m) {
      const c = m.chunk;
      nums[n++] = CHUNK;
      nums[n++] = c.lo;
      nums[n++] = c.hi;
      nums[n++] = c.rows;
      nums[n++] = c.orders;
      nums[n++] = c.skip;
      nums[n++] = c.count;
      nums[n++] = c.clean ? (c.buyerless ? 2 : 1) : 0;
      continue;
    }
    if (!('order' in m)) {
      nums[n++] = OTHER;
      other.push(m);
      continue;
    }
    const o = m.order;
    nums[n++] = ORDER;
    // the numbered buyer: NO_REF, NONE (no buyer), or its slot, then whether it comes with its stored form
    const ref = m.ref;
    let key: string | null = null;
    if (ref === undefined) nums[n++] = NO_REF;
    else if (ref === null) nums[n++] = NONE;
    else {
      nums[n++] = ref.slot;
      if (ref.stored === null) nums[n++] = 0;
      else {
        nums[n++] = 1;
        key = ref.stored.key;
        nums[n++] = text(key);
        nums[n++] = textOr(ref.stored.display, key);
        nums[n++] = textOr(ref.stored.clear, key);
      }
    }
    nums[n++] = o.line;
    nums[n++] = o.orderedMs;
    nums[n++] = o.day;
    nums[n++] = o.gross;
    nums[n++] = o.discount;
    nums[n++] = o.shipping;
    nums[n++] = o.refunded;
    nums[n++] = o.net;
    nums[n++] = o.itemCount;
    nums[n++] = ORDER_STATUSES.indexOf(o.status);
    nums[n++] = o.buyer ? KINDS.indexOf(o.buyer.kind) : NONE;
    nums[n++] = text(o.orderId);
    // the buyer's value: only for an order without a slot (the writer goes by the slot: decodeColumns skips it)
    nums[n++] = ref === undefined ? textOr(o.buyer ? o.buyer.value : null, key) : NONE;
    nums[n++] = textOr(o.statusRaw, o.status);
    nums[n++] = textOr(o.currency, currency);
    currency = o.currency;
    nums[n++] = o.items.length;
    for (const it of o.items) {
      if (n + ITEM_NUMBERS > nums.length) nums = grown(nums, n + ITEM_NUMBERS);
      nums[n++] = it.line;
      nums[n++] = count(it.quantity);
      nums[n++] = count(it.unitPrice);
      nums[n++] = count(it.lineTotal);
      nums[n++] = text(it.sku);
      nums[n++] = text(it.title);
    }
  }
  runsBefore(out.length);
  // the whole buffer is transferred (the decoder reads as far as the outcomes go): no copy
  return { rows: batch.rows, count: outcomes, nums, text: texts.join(''), other };
}

/**
 * An encoded batch decoded into columns (`into`, refilled): no object per order. A buyer's value is not kept where the buyer
 * has a slot (the writer goes by the slot and, on its first appearance, its stored form).
 */
export function decodeColumns(e: EncodedBatch, into: DecodedBatch): DecodedBatch {
  const { nums, text: all } = e;
  const cols = into.orders;
  into.rows = e.rows;
  into.events = 0;
  into.other.length = 0;
  cols.length = 0;
  cols.reserve(e.count);
  let i = 0;
  let at = 0;
  let other = 0;
  let marks = 0;
  const text = (): string | null => {
    const n = nums[i++];
    if (n === NONE) return null;
    const s = all.slice(at, at + n);
    at += n;
    return s;
  };
  /** A text, or `same` where the encoder wrote SAME. */
  const textOr = (same: string | null): string | null => {
    if (nums[i] !== SAME) return text();
    i++;
    return same;
  };
  const count = (): number | null => {
    const v = nums[i++];
    return Number.isNaN(v) ? null : v;
  };
  let lastCurrency: string | null = null;
  const { orderId: ids, statusRaw: raws, currency: currencies, items: itemLists, buyerValue, storedKey, storedDisplay, storedClear } = cols;
  for (let k = 0; k < e.count; k++) {
    const kind = nums[i++];
    if (kind === OTHER) {
      into.addOther(e.other[other++]);
      continue;
    }
    if (kind === CHUNK) {
      into.addMark(nums, i, marks++);
      i += MARK_NUMBERS;
      continue;
    }
    const r = cols.length++;
    const slot = nums[i++];
    let key: string | null = null;
    if (slot >= 0 && nums[i++] === 1) {
      key = text() as string;
      storedKey[r] = key;
      storedDisplay[r] = textOr(key);
      storedClear[r] = textOr(key);
    } else storedKey[r] = storedDisplay[r] = storedClear[r] = null;
    cols.slot[r] = slot >= 0 ? slot : NO_SLOT;
    cols.line[r] = nums[i];
    cols.orderedMs[r] = nums[i + 1];
    cols.day[r] = nums[i + 2];
    cols.gross[r] = nums[i + 3];
    cols.discount[r] = nums[i + 4];
    cols.shipping[r] = nums[i + 5];
    cols.refunded[r] = nums[i + 6];
    cols.net[r] = nums[i + 7];
    cols.itemCount[r] = nums[i + 8];
    const status = nums[i + 9];
    cols.status[r] = status;
    const buyerKind = nums[i + 10];
    cols.buyerKind[r] = buyerKind === NONE ? NO_BUYER : buyerKind;
    i += 11;
    ids[r] = text() as string;
    // the buyer's value: needed only where it has no slot
    if (slot === NO_REF && buyerKind !== NONE) buyerValue[r] = textOr(key);
    else {
      buyerValue[r] = null;
      const n = nums[i++];
      if (n > 0) at += n;
    }
    raws[r] = textOr(ORDER_STATUSES[status]);
    const currency = textOr(lastCurrency) as string;
    currencies[r] = currency;
    lastCurrency = currency;
    const itemLines = nums[i++];
    if (itemLines === 0) itemLists[r] = NO_ITEMS;
    else {
      const items: OrderItem[] = new Array(itemLines);
      for (let j = 0; j < itemLines; j++) {
        const itemLine = nums[i++];
        const quantity = count() as number;
        const unitPrice = count();
        const lineTotal = count();
        const sku = text();
        const title = text();
        items[j] = { line: itemLine, sku, title, quantity, unitPrice, lineTotal };
      }
      itemLists[r] = items;
    }
  }
  return into;
}
