import { describe, expect, it } from 'vitest';
import type { Mapped, SourceRow } from '../adapter.js';
import { combineLineStatuses } from './line-status.js';
import { readBuyer, readMoney, readOrderId, rejectRow, RowReject, settleRefund } from './order-fields.js';
import { mapEachRow, mapGroupedRows } from './row-mappers.js';
import { said, speak } from '../../report/said.js';

const row = (line: number, ...cells: string[]): SourceRow => ({ line, cells });
const ctx = { file: 'f.csv', zone: 'UTC', zoneForced: false, currency: 'USD', decimalComma: false, map: {}, idKey: 'ab'.repeat(32) };

function feed(mapper: { push(r: SourceRow): Mapped[]; end(): Mapped[] }, rows: SourceRow[]): Mapped[] {
  return [...rows.flatMap((r) => mapper.push(r)), ...mapper.end()];
}

describe('mapGroupedRows', () => {
  const grouped = () =>
    mapGroupedRows((rows, key) => [{ items: { orderId: key, line: rows[0].line, items: [] } }, ...rows.map((r) => ({ reject: { line: r.line, reason: 'seen' } }))], {
      keyOf: (r) => {
        if (r.cells[0] === 'BAD') throw new RowReject(r.line, said('reject.noOrderId'));
        return r.cells[0].trim();
      },
      keyColumn: 'id',
      skip: (r) => r.cells[0].startsWith('footer'),
    });

  it('buffers adjacent rows of one order and hands the group on when the key changes', () => {
    const out = feed(grouped(), [row(2, 'A'), row(3, 'A'), row(4, ','), row(5, 'B'), row(6, 'footer: 2 records')]);
    expect(out.filter((m) => 'items' in m).map((m) => ('items' in m ? [m.items.orderId, m.items.line] : null))).toEqual([
      ['A', 2],
      [',', 4],
      ['B', 5],
    ]);
    // rows 2 and 3 went into A, row 5 into B; row 4 is not blank: its key is ','
    expect(out.filter((m) => 'reject' in m).map((m) => ('reject' in m ? m.reject.line : 0))).toEqual([2, 3, 4, 5]);
  });

  it('skips blank rows and footers silently', () => {
    const out = feed(grouped(), [row(2, 'A'), row(3, '', ' ', '-'), row(4, 'footer: 1 record')]);
    expect(out).toHaveLength(2);
  });

  it('rejects an order that comes back after other orders, and rows without a key', () => {
    const out = feed(grouped(), [row(2, 'A'), row(3, 'B'), row(4, 'A'), row(5, '', 'x'), row(6, 'BAD', 'x')]);
    const reasons = out.flatMap((m) => ('reject' in m && m.reject.reason !== 'seen' ? [[m.reject.line, speak('en', m.reject.reason)]] : []));
    expect(reasons).toEqual([
      [4, "order A continues here after other orders; the rows of one order must be adjacent (sort the file by 'id')"],
      [5, "no order id in 'id'"],
      [6, 'missing order id'],
    ]);
  });
});

describe('mapGroupedRows memory', () => {
  it('remembers the keys of the last 65,536 orders or more, not of every order', () => {
    const mapper = mapGroupedRows((rows, key) => [{ items: { orderId: key, line: rows[0].line, items: [] } }], { keyOf: (r) => r.cells[0], keyColumn: 'id' });
    const rejected = (rows: SourceRow[]) => rows.flatMap((r) => mapper.push(r)).filter((m) => 'reject' in m).length;
    let line = 1;
    expect(rejected([row(++line, 'first')])).toBe(0);
    for (let i = 0; i < 70_000; i++) mapper.push(row(++line, `o${i}`));
    // a recent key that comes back is still caught here
    expect(rejected([row(++line, 'o69990'), row(++line, 'next')])).toBe(1);
    for (let i = 70_000; i < 200_000; i++) mapper.push(row(++line, `o${i}`));
    // a key from 200,000 orders back is not remembered: the importer (OrderWriter.onRepeat) stops it instead
    expect(rejected([row(++line, 'first'), row(++line, 'last')])).toBe(0);
  });
});

describe('mapEachRow', () => {
  it('turns a RowReject into a rejected row and passes other errors on', () => {
    const mapper = mapEachRow((r) => {
      if (r.cells[0] === 'x') rejectRow(r.line, said('reject.noDate'));
      if (r.cells[0] === 'boom') throw new Error('bug');
      return { reject: { line: r.line, reason: 'ok' } };
    });
    expect(mapper.push(row(7, 'x'))).toEqual([{ reject: { line: 7, reason: said('reject.noDate') } }]);
    expect(mapper.push(row(8, ''))).toEqual([]);
    expect(() => mapper.push(row(9, 'boom'))).toThrow('bug');
  });
});

describe('order fields', () => {
  it('folds refunds into status and net', () => {
    expect(settleRefund('completed', 12000, 2000)).toEqual({ status: 'partially_refunded', refunded: 2000, net: 10000 });
    expect(settleRefund('shipped', 5000, 5000)).toEqual({ status: 'refunded', refunded: 5000, net: 0 });
    expect(settleRefund('partially_refunded', 5000, 7000)).toEqual({ status: 'refunded', refunded: 5000, net: 0 });
    // a refunded order without an amount returned what it paid; a cancelled one keeps its status
    expect(settleRefund('refunded', 3000, 0)).toEqual({ status: 'refunded', refunded: 3000, net: 0 });
    expect(settleRefund('cancelled', 3000, 1000)).toEqual({ status: 'cancelled', refunded: 1000, net: 2000 });
    expect(settleRefund('paid', 0, 0)).toEqual({ status: 'paid', refunded: 0, net: 0 });
  });

  it('reads ids as strings and refuses ids a spreadsheet rounded', () => {
    expect(readOrderId('6917926768823643751', 2, 'id')).toBe('6917926768823643751');
    expect(() => readOrderId('6.91793E+18', 2, 'id')).toThrow(/rounded by a spreadsheet/);
    expect(() => readOrderId('', 2, 'id')).toThrow(/no order id/);
  });

  it('treats fully masked buyers as none and normalizes emails', () => {
    expect(readBuyer('***', 'name')).toBeNull();
    expect(readBuyer('＊＊＊', 'name')).toBeNull();
    expect(readBuyer('', 'email')).toBeNull();
    expect(readBuyer(' A.B@Example.COM ', 'email')).toEqual({ value: 'a.b@example.com', kind: 'email' });
    expect(readBuyer('t***3', 'name')).toEqual({ value: 't***3', kind: 'name' });
  });

  it('rejects amounts that are not amounts, and reads empty as none', () => {
    expect(readMoney('62.86元', 'CNY', ctx, 3, 'x')).toBe(6286);
    expect(readMoney('', 'CNY', ctx, 3, 'x')).toBeNull();
    expect(() => readMoney('abc', 'CNY', ctx, 3, '金额')).toThrow("'abc' in '金额' is not an amount");
    expect(readMoney('116,99 €', 'EUR', ctx, 3, 'x', true)).toBe(11699);
  });
});

describe('combineLineStatuses', () => {
  it('takes the furthest live line, and refunded/cancelled only when every line is', () => {
    expect(combineLineStatuses(['completed', 'refunded'])).toBe('completed');
    expect(combineLineStatuses(['paid', 'shipped'])).toBe('shipped');
    expect(combineLineStatuses(['cancelled', 'refunded'])).toBe('refunded');
    expect(combineLineStatuses(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(combineLineStatuses(['completed', 'unknown'])).toBe('unknown');
    expect(combineLineStatuses(['pending', 'cancelled'])).toBe('pending');
  });
});
