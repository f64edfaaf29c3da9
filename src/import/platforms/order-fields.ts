/**
 * Reading the fields of an order from cleaned cells, the same way on every platform: ids as strings
 * (never numbers), amounts as integer minor units, times as a UTC instant plus the store's local day,
 * buyers with a declared kind, refunds folded into the status and the net amount. A cell that cannot
 * be read throws RowReject, which the row mappers turn into a rejected row.
 */
import { minorDigits } from '../../domain/money.js';
import type { BuyerIdentity, BuyerKind, NormalizedOrder, OrderItem, OrderStatus } from '../../domain/order.js';
import { COUNTED_STATUSES } from '../../domain/order.js';
import type { AdapterContext } from '../adapter.js';
import { buyerOf } from '../buyer.js';
import { isScientificId } from '../cells.js';
import { parseAmount } from '../parse-amount.js';
import { parseDate } from '../parse-date.js';
import { said, speak, type Said } from '../../report/said.js';

/** A row (or group of rows) that cannot become an order; carries the line and the reason. */
export class RowReject extends Error {
  constructor(
    readonly line: number,
    readonly reason: Said,
  ) {
    super(speak('en', reason));
  }
}

export function rejectRow(line: number, reason: Said): never {
  throw new RowReject(line, reason);
}

/** An order id: required, a string, and not a number a spreadsheet turned into `6.91793E+18`. */
export function readOrderId(text: string, line: number, column: string): string {
  if (text === '') rejectRow(line, said('reject.noOrderIdIn', { column }));
  if (isScientificId(text)) {
    rejectRow(line, said('reject.scientific', { text, column }));
  }
  return text;
}

/** The order key of a line-per-row layout: '' when empty (the grouper rejects the row), else readOrderId. */
export function orderKey(text: string, line: number, column: string): string {
  return text === '' ? '' : readOrderId(text, line, column);
}

/** An amount in minor units of `currency`; null for an empty cell. Throws RowReject for text that is no amount. */
export function readMoney(text: string, currency: string, ctx: AdapterContext, line: number, column: string, decimalComma = ctx.decimalComma): number | null {
  if (text === '') return null;
  const minor = parseAmount(text, { digits: minorDigits(currency), decimalComma });
  if (minor === null) rejectRow(line, said('reject.notAmount', { text, column }));
  return minor;
}

/** A quantity; 1 when empty. Throws RowReject for anything but a non-negative number. */
export function readQuantity(text: string, line: number, column: string): number {
  if (text === '') return 1;
  const q = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(q) || q < 0) rejectRow(line, said('reject.notQuantity', { text, column }));
  return q;
}

export interface OrderTime {
  /** UTC instant, ms. */
  orderedMs: number;
  /** Store-local day, days since 1970-01-01. */
  day: number;
}

/** A timestamp cell (see parseDate); null when empty. Throws RowReject when the cell is no date. */
export function readTime(text: string, ctx: AdapterContext, line: number, column: string, order?: 'mdy' | 'dmy'): OrderTime | null {
  if (text === '') return null;
  const parsed = parseDate(text, { zone: ctx.zone, zoneForced: ctx.zoneForced, order });
  if (!parsed) rejectRow(line, said('reject.notDate', { text, column }));
  return { orderedMs: parsed.ms, day: parsed.day };
}

/** The first of several time cells that is present; RowReject when all are empty. */
export function firstTime(line: number, ...times: (OrderTime | null)[]): OrderTime {
  const t = times.find((x) => x !== null);
  if (!t) rejectRow(line, said('reject.noDate'));
  return t;
}

/**
 * Whether a buyer cell names nobody: empty, or fully masked (`***`, `**********`). THE rule on every platform, the
 * generic reading included: such an order is kept, without a buyer (a guest checkout, a cash-on-delivery order, a
 * masked export) — it counts in order totals (`info`) and customer reports leave it out with a note; it is never
 * rejected, and masked cells never merge into one customer `***`.
 */
export function namesNobody(text: string): boolean {
  if (text === '') return true;
  // only a cell that starts with an asterisk runs the expression (this runs once an order)
  const a = text.charCodeAt(0);
  return (a === 42 || a === 0xff0a) && /^[*＊]+$/.test(text);
}

/** A buyer of a declared kind; null when the cell names nobody (namesNobody). */
export function readBuyer(text: string, kind: BuyerKind): BuyerIdentity | null {
  if (namesNobody(text)) return null;
  return buyerOf(text, kind);
}

/**
 * The status a refund gives an order, the one rule every adapter uses: a counted order (paid, shipped,
 * completed, partially refunded) with a refund becomes partially_refunded, or refunded when the refund covers
 * all that was paid; any other status stays as the file gave it.
 */
export function statusAfterRefund(status: OrderStatus, paid: number, refunded: number): OrderStatus {
  if (refunded <= 0 || !COUNTED_STATUSES.includes(status)) return status;
  return refunded >= paid ? 'refunded' : 'partially_refunded';
}

/**
 * Folds a refund into the status and net amount: net = paid − refunded (refunds never exceed what was
 * paid); the status by statusAfterRefund; a refunded order whose file gives no refund amount returned all
 * it paid.
 */
export function settleRefund(status: OrderStatus, paid: number, refunded: number): { status: OrderStatus; refunded: number; net: number } {
  const cap = Math.max(paid, 0);
  // a refunded order without a refund amount returned everything
  const r = status === 'refunded' && refunded <= 0 ? cap : Math.max(0, Math.min(refunded, cap));
  return { status: statusAfterRefund(status, paid, r), refunded: r, net: paid - r };
}

/**
 * An order with the optional parts defaulted (no discount, shipping or refund; no items). Built as one
 * literal, its fields always in the same order: a rest-and-spread copy of `fields` cost about 1 µs an order
 * (a Shopify import's mapping, a tenth of it) and gave every adapter's orders another shape.
 */
export function makeOrder(
  fields: Pick<NormalizedOrder, 'orderId' | 'buyer' | 'orderedMs' | 'day' | 'status' | 'statusRaw' | 'currency' | 'line'> &
    Partial<Pick<NormalizedOrder, 'gross' | 'discount' | 'shipping' | 'refunded' | 'itemCount' | 'items'>> & { paid: number },
): NormalizedOrder {
  const paid = fields.paid;
  const settled = settleRefund(fields.status, paid, fields.refunded ?? 0);
  const items = fields.items ?? [];
  let itemCount = fields.itemCount;
  if (itemCount === undefined) {
    itemCount = 0;
    for (const i of items) itemCount += i.quantity;
  }
  return {
    orderId: fields.orderId,
    buyer: fields.buyer,
    orderedMs: fields.orderedMs,
    day: fields.day,
    status: settled.status,
    statusRaw: fields.statusRaw,
    currency: fields.currency,
    gross: fields.gross ?? paid,
    discount: fields.discount ?? 0,
    shipping: fields.shipping ?? 0,
    refunded: settled.refunded,
    net: settled.net,
    itemCount,
    items,
    line: fields.line,
  };
}

/** An item line priced per unit: its total is unit price × quantity (minor units), unknown when the price is. */
export function pricedItem(line: number, sku: string, title: string, quantity: number, unitPrice: number | null): OrderItem {
  return { line, sku: sku || null, title: title || null, quantity, unitPrice, lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity) };
}
