import { describe, expect, it } from 'vitest';
import type { NormalizedOrder } from '../domain/order.js';
import { BUYER_KINDS, NO_BUYER, NO_SLOT } from '../domain/order-columns.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { decodeColumns, encodeBatch, type EncodedBatch } from './mapped-codec.js';
import { DecodedBatch, type MappedBatch, type Outcome } from './mapped-batch.js';
import type { ChunkMark } from './row-chunks.js';

const base: NormalizedOrder = {
  orderId: '4000123456789012345',
  buyer: { value: 'tb1234_ab', kind: 'id' },
  orderedMs: Date.UTC(2024, 2, 1, 2, 3, 4),
  day: 19783,
  status: 'completed',
  statusRaw: '交易成功',
  currency: 'CNY',
  gross: 12990,
  discount: 1000,
  shipping: 800,
  refunded: 0,
  net: 12790,
  itemCount: 3,
  items: [
    { line: 1, sku: 'SKU-1', title: '连衣裙 红色 M', quantity: 2, unitPrice: 4995, lineTotal: 9990 },
    { line: 2, sku: null, title: null, quantity: 1, unitPrice: null, lineTotal: null },
  ],
  line: 7,
};

/** Every shape of outcome: orders with and without numbered buyers, rejects, item lists, chunk marks. */
const mixed = (): MappedBatch => ({
      rows: 12,
      out: [
        { order: base },
        { order: { ...base, orderId: '', buyer: null, statusRaw: null, items: [], itemCount: 0, gross: -500, net: -500, status: 'refunded' } },
        { reject: { line: 9, reason: "unreadable date 'x'", cells: ['9', 'C9', 'x', '1.00'] } },
        { order: { ...base, orderId: 'A-1', buyer: { value: 'a@b.example', kind: 'email' }, statusRaw: '', currency: 'USD', items: [base.items[0]] } },
        { items: { orderId: '42', line: 11, items: base.items } },
        { reject: { line: 10, reason: 'missing customer', cells: null } },
        { order: { ...base, orderId: 'q', buyer: { value: '', kind: 'name' }, orderedMs: -86_400_000, day: -1, itemCount: 1.5, items: [] } },
        // with numbered buyers: a first appearance (with the stored form), a later one, an order without a buyer
        { order: { ...base, buyer: { value: 'a@b.example', kind: 'email' } }, ref: { slot: 0, kind: 'email', stored: { key: 'h:0f', display: 'a***@b.example', clear: null } } },
        { order: base, ref: { slot: 1, kind: 'id', stored: { key: 'tb1234_ab', display: 'tb1234_ab', clear: 'x' } } },
        { order: base, ref: { slot: 1, kind: 'id', stored: null } },
        { order: { ...base, buyer: null }, ref: null },
        // a plain order whose texts repeat ones at hand (key = display = value, status text = status)
        { order: { ...base, buyer: { value: 'C1', kind: 'id' }, statusRaw: 'completed', items: [] }, ref: { slot: 2, kind: 'id', stored: { key: 'C1', display: 'C1', clear: null } } },
        { order: { ...base, buyer: { value: 'C1', kind: 'id' }, statusRaw: 'completed', currency: 'USD', items: [] }, ref: { slot: 2, kind: 'id', stored: { key: 'C1', display: 'C1', clear: 'C1' } } },
        { chunk: { lo: -5, hi: 123456789, rows: 3, orders: 2, skip: -1, count: 1, clean: true, buyerless: false } },
        { chunk: { lo: 7, hi: -8, rows: 40, orders: 0, skip: 12, count: 3, clean: false, buyerless: false } },
        { chunk: { lo: 9, hi: 10, rows: 5, orders: 4, skip: -1, count: 1, clean: true, buyerless: true } },
        { order: { ...base, orderId: 'unknown-1', status: 'unknown', statusRaw: 'odd', items: [] }, ref: { slot: 1, kind: 'id', stored: null } },
      ],
    });

/**
 * The outcomes a DecodedBatch holds, as objects (the batch as the reading thread made it); a numbered buyer's value (which decodeColumns
 * does not keep) as `value`; an order without a buyer without a ref (the writer needs neither).
 */
function outcomesOf(d: DecodedBatch, value: string): Outcome[] {
  const out: Outcome[] = [];
  const c = d.orders;
  let i = 0;
  for (let k = 0; k <= d.events; k++) {
    const until = k < d.events ? d.eventAt[k] : c.length;
    for (; i < until; i++) {
      const slot = c.slot[i];
      const kind = c.buyerKind[i];
      const order = {
        orderId: c.orderId[i],
        buyer: kind === NO_BUYER ? null : { value: slot === NO_SLOT ? (c.buyerValue[i] as string) : value, kind: BUYER_KINDS[kind] },
        orderedMs: c.orderedMs[i],
        day: c.day[i],
        status: ORDER_STATUSES[c.status[i]],
        statusRaw: c.statusRaw[i],
        currency: c.currency[i],
        gross: c.gross[i],
        discount: c.discount[i],
        shipping: c.shipping[i],
        refunded: c.refunded[i],
        net: c.net[i],
        itemCount: c.itemCount[i],
        items: c.items[i],
        line: c.line[i],
      };
      const key = c.storedKey[i];
      const stored = key === null ? null : { key, display: c.storedDisplay[i] as string, clear: c.storedClear[i] };
      out.push(slot === NO_SLOT ? { order } : { order, ref: { slot, kind: BUYER_KINDS[kind], stored } });
    }
    if (k === d.events) break;
    const what = d.eventWhat[k];
    out.push(what >= 0 ? { chunk: d.markInto(what, {} as ChunkMark) } : d.other[-1 - what]);
  }
  return out;
}

/** The outcomes of an encoded batch as the writer decodes them (decodeColumns), a numbered buyer's value as `value`. */
function decoded(e: EncodedBatch, value = '(numbered)'): { rows: number; out: Outcome[] } {
  const d = decodeColumns(e, new DecodedBatch());
  return { rows: d.rows, out: outcomesOf(d, value) };
}

/** `batch` as the writer should get it: a numbered buyer's value as `value`, an order without a buyer without a ref. */
function asWriterGets(batch: MappedBatch, value = '(numbered)'): { rows: number; out: Outcome[] } {
  const out = batch.out.map((m) => {
    if (!('order' in m)) return m;
    if (m.ref === null) return { order: m.order };
    return m.ref && m.order.buyer ? { ...m, order: { ...m.order, buyer: { ...m.order.buyer, value } } } : m;
  });
  return { rows: batch.rows, out };
}

describe('mapped batches across threads', () => {
  it('decode(encode(batch)) is the batch: orders of every shape, rejects with their cells, item lists', () => {
    const batch = mixed();
    const encoded = encodeBatch(batch);
    expect(encoded.nums).toBeInstanceOf(Float64Array);
    expect(decoded(structuredClone(encoded))).toEqual(asWriterGets(batch));
  });

  it('a text the decoder has at hand crosses once: a key that is the display and the value, a status text, a currency', () => {
    const plain = (orderId: string, currency: string): MappedBatch['out'][number] => ({
      order: { ...base, orderId, buyer: { value: 'C7', kind: 'id' }, statusRaw: 'completed', currency, items: [], itemCount: 1 },
      ref: { slot: 0, kind: 'id', stored: { key: 'C7', display: 'C7', clear: null } },
    });
    const batch: MappedBatch = { rows: 3, out: [plain('1', 'CNY'), plain('2', 'CNY'), plain('3', 'USD')] };
    const encoded = encodeBatch(batch);
    expect(encoded.text).toBe('C71CNYC72C73USD');
    expect(decoded(encoded)).toEqual(asWriterGets(batch));
  });

  it('decoded as columns, a batch holds the same orders and outcomes in the same order; a numbered buyer without its value', () => {
    const batch = mixed();
    const d = decodeColumns(encodeBatch(batch), new DecodedBatch());
    expect(d.rows).toBe(12);
    expect(outcomesOf(d, '(numbered)')).toEqual(asWriterGets(batch).out);
  });

  it('columns are refilled batch after batch: a smaller batch after a larger one holds only its own', () => {
    const d = new DecodedBatch();
    decodeColumns(encodeBatch(mixed()), d);
    const plain = { ...base, buyer: { value: 'C9', kind: 'id' as const }, items: [] };
    const small: MappedBatch = { rows: 2, out: [{ order: plain, ref: { slot: 5, kind: 'id', stored: null } }, { chunk: { lo: 1, hi: 2, rows: 2, orders: 1, skip: -1, count: 1, clean: true, buyerless: false } }] };
    decodeColumns(encodeBatch(small), d);
    expect(d.rows).toBe(2);
    expect(outcomesOf(d, 'C9')).toEqual(small.out);
    // more orders than the columns were made for: they grow
    const many: MappedBatch = { rows: 2000, out: Array.from({ length: 2000 }, (_, k) => ({ order: { ...plain, orderId: String(k), line: k + 2 }, ref: { slot: k, kind: 'id' as const, stored: null } })) };
    decodeColumns(encodeBatch(many), d);
    expect(outcomesOf(d, 'C9')).toEqual(many.out);
  });

  it('a buffer given back is filled again: what it held before is not read', () => {
    const dirty = new Float64Array(40_000).fill(7);
    const encoded = encodeBatch(mixed(), dirty);
    expect(encoded.nums).toBe(dirty);
    expect(decoded(encoded)).toEqual(asWriterGets(mixed()));
    // one too small for the batch is not used
    const small = new Float64Array(8);
    expect(encodeBatch(mixed(), small).nums).not.toBe(small);
  });

  it('an empty batch still carries its row count', () => {
    expect(decoded(encodeBatch({ rows: 3, out: [] }))).toEqual({ rows: 3, out: [] });
  });
});
