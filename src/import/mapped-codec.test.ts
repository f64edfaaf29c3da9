import { describe, expect, it } from 'vitest';
import type { NormalizedOrder } from '../domain/order.js';
import { decodeBatch, encodeBatch } from './mapped-codec.js';
import type { MappedBatch } from './map-file.js';

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

describe('mapped batches across threads', () => {
  it('decode(encode(batch)) is the batch: orders of every shape, rejects with their cells, item lists', () => {
    const batch: MappedBatch = {
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
      ],
    };
    const encoded = encodeBatch(batch);
    expect(encoded.nums).toBeInstanceOf(Float64Array);
    expect(decodeBatch(structuredClone(encoded))).toEqual(batch);
  });

  it('a text the decoder has at hand crosses once: a key that is the display and the value, a status text, a currency', () => {
    const plain = (orderId: string, currency: string): MappedBatch['out'][number] => ({
      order: { ...base, orderId, buyer: { value: 'C7', kind: 'id' }, statusRaw: 'completed', currency, items: [], itemCount: 1 },
      ref: { slot: 0, kind: 'id', stored: { key: 'C7', display: 'C7', clear: null } },
    });
    const batch: MappedBatch = { rows: 3, out: [plain('1', 'CNY'), plain('2', 'CNY'), plain('3', 'USD')] };
    const encoded = encodeBatch(batch);
    expect(encoded.text).toBe('C71CNYC72C73USD');
    expect(decodeBatch(encoded)).toEqual(batch);
  });

  it('an empty batch still carries its row count', () => {
    expect(decodeBatch(encodeBatch({ rows: 3, out: [] }))).toEqual({ rows: 3, out: [] });
  });
});
