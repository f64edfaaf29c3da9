/**
 * Mapped batches as flat data, to hand them from the reading thread to the writing one: numbers in one
 * Float64Array (transferred, not copied), the texts end to end in one string, lengths among the numbers.
 * Copying the same orders as objects (structured clone) costs several microseconds each; this about a
 * tenth of that on each side.
 */
import { NO_ITEMS, ORDER_STATUSES, type BuyerKind, type OrderItem } from '../domain/order.js';
import { NO_BUYER, NO_SLOT } from '../domain/order-columns.js';
import { MARK_NUMBERS, type DecodedBatch, type MappedBatch, type Outcome } from './mapped-batch.js';

export interface EncodedBatch {
  rows: number;
  count: number;
  nums: Float64Array;
  text: string;
  /** Rejects and item lists (rare): as they are. */
  other: Outcome[];
}

const KINDS: readonly BuyerKind[] = ['id', 'email', 'phone', 'name'];
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

/** `reuse`: a buffer to fill instead of a new one, when it has room for the batch (as it has for most). */
export function encodeBatch(batch: MappedBatch, reuse?: Float64Array): EncodedBatch {
  // about 20 numbers an order without items: room for them at once; written through a local index (no call a number)
  const room = batch.out.length * 24 + 64;
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
  for (const m of batch.out) {
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
  // the whole buffer is transferred (the decoder reads as far as the outcomes go): no copy
  return { rows: batch.rows, count: batch.out.length, nums, text: texts.join(''), other };
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
