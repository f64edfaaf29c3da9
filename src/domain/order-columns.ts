/**
 * Normalized orders as columns: a batch of orders without an object per order. The writing half of an import
 * decodes the reading thread's batches into this form (import/mapped-codec.ts) and stores from it
 * (db/store.ts OrderWriter.writeColumns); a million orders as objects (an order, its outcome and buyer ref, a
 * few strings) kept the writing thread's garbage collector busy for about a tenth of its time.
 *
 * Row `i` of every column is the same order. Numbers are kept as they are (float64: a NaN or a fraction stays
 * what the reading half made of it, for the writer's checks); a status and a buyer kind as their index.
 */
import type { BuyerKind, OrderItem } from './order.js';

/** A buyer kind by its index (OrderColumns.buyerKind). */
export const BUYER_KINDS: readonly BuyerKind[] = ['id', 'email', 'phone', 'name'];
/** buyerKind of an order without a buyer. */
export const NO_BUYER = -1;
/** slot of an order whose buyer was not numbered (the reading half numbered none: MapOptions.buyers unset). */
export const NO_SLOT = -1;

export class OrderColumns {
  /** Orders held (rows 0 … length − 1). */
  length = 0;
  private capacity: number;
  orderId: string[];
  /** The status text as the platform wrote it. */
  statusRaw: (string | null)[];
  currency: string[];
  items: OrderItem[][];
  /** A buyer's value, only where it has no slot (the writer keys it itself); else null. */
  buyerValue: (string | null)[];
  /** The stored form of a buyer's first appearance in the import (BuyerRef.stored): key, display, clear; else null. */
  storedKey: (string | null)[];
  storedDisplay: (string | null)[];
  storedClear: (string | null)[];
  line: Float64Array;
  orderedMs: Float64Array;
  day: Float64Array;
  gross: Float64Array;
  discount: Float64Array;
  shipping: Float64Array;
  refunded: Float64Array;
  net: Float64Array;
  itemCount: Float64Array;
  /** The buyer's number in the import (BuyerRef.slot), or NO_SLOT. */
  slot: Float64Array;
  /** Index in ORDER_STATUSES. */
  status: Uint8Array;
  /** Index in BUYER_KINDS, or NO_BUYER. */
  buyerKind: Int8Array;

  constructor(capacity = 512) {
    this.capacity = capacity;
    this.orderId = new Array(capacity);
    this.statusRaw = new Array(capacity);
    this.currency = new Array(capacity);
    this.items = new Array(capacity);
    this.buyerValue = new Array(capacity);
    this.storedKey = new Array(capacity);
    this.storedDisplay = new Array(capacity);
    this.storedClear = new Array(capacity);
    this.line = new Float64Array(capacity);
    this.orderedMs = new Float64Array(capacity);
    this.day = new Float64Array(capacity);
    this.gross = new Float64Array(capacity);
    this.discount = new Float64Array(capacity);
    this.shipping = new Float64Array(capacity);
    this.refunded = new Float64Array(capacity);
    this.net = new Float64Array(capacity);
    this.itemCount = new Float64Array(capacity);
    this.slot = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
    this.buyerKind = new Int8Array(capacity);
  }

  /** Room for `n` orders (the ones held kept). */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const size = Math.max(n, this.capacity * 2);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.line = f64(this.line);
    this.orderedMs = f64(this.orderedMs);
    this.day = f64(this.day);
    this.gross = f64(this.gross);
    this.discount = f64(this.discount);
    this.shipping = f64(this.shipping);
    this.refunded = f64(this.refunded);
    this.net = f64(this.net);
    this.itemCount = f64(this.itemCount);
    this.slot = f64(this.slot);
    const status = new Uint8Array(size);
    status.set(this.status);
    this.status = status;
    const kind = new Int8Array(size);
    kind.set(this.buyerKind);
    this.buyerKind = kind;
    this.capacity = size;
  }
}

