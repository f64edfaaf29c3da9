/**
 * Mapped batches as flat data, to hand them from the reading thread to the writing one: numbers in one
 * Float64Array (transferred, not copied), the texts end to end in one string, lengths among the numbers.
 * Copying the same orders as objects (structured clone) costs several microseconds each; this about a
 * tenth of that on each side.
 */
import { ORDER_STATUSES, type BuyerKind, type NormalizedOrder, type OrderItem, type OrderStatus } from '../domain/order.js';
import type { StoredBuyer } from '../identity/buyer-key.js';
import type { MappedBatch, Outcome } from './map-file.js';

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
/** The items of most orders (order-level exports): one array for all of them, never written to. */
const NO_ITEMS: OrderItem[] = [];
Object.freeze(NO_ITEMS);

class NumberSink {
  n = 0;

  constructor(public buf: Float64Array) {}

  push(v: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = v;
  }
}

export function encodeBatch(batch: MappedBatch): EncodedBatch {
  // about 20 numbers an order without items: room for them at once
  const nums = new NumberSink(new Float64Array(batch.out.length * 24 + 64));
  const texts: string[] = [];
  const other: Outcome[] = [];
  const text = (s: string | null) => {
    if (s === null) nums.push(NONE);
    else {
      nums.push(s.length);
      texts.push(s);
    }
  };
  /** `s`, or SAME where it is `same` (which the decoder knows). */
  const textOr = (s: string | null, same: string | null) => {
    if (s !== null && s === same) nums.push(SAME);
    else text(s);
  };
  let currency: string | null = null;
  const count = (v: number | null) => nums.push(v === null ? NaN : v);
  for (const m of batch.out) {
    if ('chunk' in m) {
      const c = m.chunk;
      nums.push(CHUNK);
      nums.push(c.lo);
      nums.push(c.hi);
      nums.push(c.rows);
      nums.push(c.orders);
      nums.push(c.skip);
      nums.push(c.count);
      nums.push(c.clean ? 1 : 0);
      continue;
    }
    if (!('order' in m)) {
      nums.push(OTHER);
      other.push(m);
      continue;
    }
    const o = m.order;
    nums.push(ORDER);
    // the numbered buyer: NO_REF, NONE (no buyer), or its slot, then whether it comes with its stored form
    const ref = m.ref;
    let key: string | null = null;
    if (ref === undefined) nums.push(NO_REF);
    else if (ref === null) nums.push(NONE);
    else {
      nums.push(ref.slot);
      if (ref.stored === null) nums.push(0);
      else {
        nums.push(1);
        key = ref.stored.key;
        text(key);
        textOr(ref.stored.display, key);
        textOr(ref.stored.clear, key);
      }
    }
    nums.push(o.line);
    nums.push(o.orderedMs);
    nums.push(o.day);
    nums.push(o.gross);
    nums.push(o.discount);
    nums.push(o.shipping);
    nums.push(o.refunded);
    nums.push(o.net);
    nums.push(o.itemCount);
    nums.push(ORDER_STATUSES.indexOf(o.status));
    nums.push(o.buyer ? KINDS.indexOf(o.buyer.kind) : NONE);
    text(o.orderId);
    textOr(o.buyer ? o.buyer.value : null, key);
    textOr(o.statusRaw, o.status);
    textOr(o.currency, currency);
    currency = o.currency;
    nums.push(o.items.length);
    for (const it of o.items) {
      nums.push(it.line);
      count(it.quantity);
      count(it.unitPrice);
      count(it.lineTotal);
      text(it.sku);
      text(it.title);
    }
  }
  // the whole buffer is transferred (the decoder reads as far as the outcomes go): no copy
  return { rows: batch.rows, count: batch.out.length, nums: nums.buf, text: texts.join(''), other };
}

export function decodeBatch(e: EncodedBatch): MappedBatch {
  const { nums, text: all } = e;
  let i = 0;
  let at = 0;
  let other = 0;
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
  let lastCurrency: string | null = null;
  const count = (): number | null => {
    const v = nums[i++];
    return Number.isNaN(v) ? null : v;
  };
  const out: Outcome[] = new Array(e.count);
  for (let k = 0; k < e.count; k++) {
    const kind = nums[i++];
    if (kind === OTHER) {
      out[k] = e.other[other++];
      continue;
    }
    if (kind === CHUNK) {
      out[k] = { chunk: { lo: nums[i], hi: nums[i + 1], rows: nums[i + 2], orders: nums[i + 3], skip: nums[i + 4], count: nums[i + 5], clean: nums[i + 6] === 1 } };
      i += 7;
      continue;
    }
    const slot = nums[i++];
    let stored: StoredBuyer | null = null;
    if (slot >= 0 && nums[i++] === 1) {
      const key = text() as string;
      stored = { key, display: textOr(key) as string, clear: textOr(key) };
    }
    const line = nums[i++];
    const orderedMs = nums[i++];
    const day = nums[i++];
    const gross = nums[i++];
    const discount = nums[i++];
    const shipping = nums[i++];
    const refunded = nums[i++];
    const net = nums[i++];
    const itemCount = nums[i++];
    const status: OrderStatus = ORDER_STATUSES[nums[i++]];
    const buyerKind = nums[i++];
    const orderId = text() as string;
    const value = textOr(stored ? stored.key : null);
    const statusRaw = textOr(status);
    const currency = textOr(lastCurrency) as string;
    lastCurrency = currency;
    const itemLines = nums[i++];
    const items: OrderItem[] = itemLines === 0 ? NO_ITEMS : new Array(itemLines);
    for (let j = 0; j < items.length; j++) {
      const itemLine = nums[i++];
      const quantity = count() as number;
      const unitPrice = count();
      const lineTotal = count();
      const sku = text();
      const title = text();
      items[j] = { line: itemLine, sku, title, quantity, unitPrice, lineTotal };
    }
    const order: NormalizedOrder = {
      orderId,
      buyer: buyerKind === NONE ? null : { value: value as string, kind: KINDS[buyerKind] },
      orderedMs,
      day,
      status,
      statusRaw,
      currency,
      gross,
      discount,
      shipping,
      refunded,
      net,
      itemCount,
      items,
      line,
    };
    out[k] = slot === NO_REF ? { order } : { order, ref: slot === NONE ? null : { slot, kind: order.buyer?.kind ?? 'id', stored } };
  }
  return { rows: e.rows, out };
}
