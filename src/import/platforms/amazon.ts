/**
 * Amazon Seller Central "All Orders" report (tab-delimited .txt; SP-API
 * GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL): one row per order item, amazon-order-id repeated.
 * The amounts are per item (item-price is the line amount for its quantity), so an order's amounts are
 * sums over its items; an item whose item-status is Cancelled adds nothing. What the buyer paid = items +
 * item tax + shipping + shipping tax + gift wrap (+ tax) − promotion discounts. The report has no buyer
 * column and no refunds (those live in the returns and settlement reports). Times carry an offset.
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { makeOrder, orderKey, readMoney, readQuantity, readTime, rejectRow } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';
import { said } from '../../report/said.js';

const COLUMNS = {
  order_id: 'amazon-order-id',
  date: 'purchase-date',
  status: 'order-status',
  product: 'product-name',
  sku: 'sku',
  asin: 'asin',
  item_status: 'item-status',
  quantity: 'quantity',
  currency: 'currency',
  amount: 'item-price',
  item_tax: 'item-tax',
  shipping: 'shipping-price',
  shipping_tax: 'shipping-tax',
  gift_wrap: 'gift-wrap-price',
  gift_wrap_tax: 'gift-wrap-tax',
  item_promotion: 'item-promotion-discount',
  ship_promotion: 'ship-promotion-discount',
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel', 'product-name', 'sku', 'asin', 'item-status', 'quantity', 'currency', 'item-price', 'shipping-price', 'item-promotion-discount', 'ship-country'];

export const AMAZON_STATUS: Record<string, OrderStatus> = {
  pending: 'pending',
  pendingavailability: 'pending',
  'pending - waiting for pick up': 'pending',
  unshipped: 'paid',
  partiallyshipped: 'shipped',
  'partially shipped': 'shipped',
  shipping: 'shipped',
  shipped: 'shipped',
  'shipped - delivered to buyer': 'completed',
  'shipped - picked up': 'completed',
  'shipped - returned to seller': 'refunded',
  'shipped - returning to seller': 'refunded',
  'shipped - rejected by buyer': 'refunded',
  'shipped - lost in transit': 'shipped',
  'shipped - out for delivery': 'shipped',
  'shipped - damaged': 'shipped',
  complete: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  unfulfillable: 'cancelled',
  invoiceunconfirmed: 'paid',
};

export const amazon: Adapter = {
  id: 'amazon',
  label: 'amazon all orders report',
  defaultZone: 'UTC',
  defaultCurrency: 'USD',
  match: (header) => scoreHeader(header, FINGERPRINT, ['amazon-order-id', 'purchase-date']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'date', 'amount'], 'amazon all orders report');

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const currency = (col.get(head, 'currency') || ctx.currency).toUpperCase();
        const money = (row: SourceRow, f: Field) => Math.abs(readMoney(col.get(row, f), currency, ctx, row.line, col.name(f)) ?? 0);
        const live = rows.filter((r) => col.get(r, 'item_status').toLowerCase() !== 'cancelled');
        const sum = (...fields: Field[]) => live.reduce((n, r) => n + fields.reduce((m, f) => m + money(r, f), 0), 0);
        const items: OrderItem[] = rows.map((r, i) => {
          const quantity = readQuantity(col.get(r, 'quantity'), r.line, col.name('quantity'));
          const lineTotal = readMoney(col.get(r, 'amount'), currency, ctx, r.line, col.name('amount'));
          return {
            line: i + 1,
            sku: col.get(r, 'sku') || col.get(r, 'asin') || null,
            title: col.get(r, 'product') || null,
            quantity,
            unitPrice: lineTotal === null || quantity === 0 ? null : Math.round(lineTotal / quantity),
            lineTotal,
          };
        });
        const statusText = col.get(head, 'status');
        const goods = sum('amount');
        const shipping = sum('shipping');
        const discount = sum('item_promotion', 'ship_promotion');
        return [
          {
            order: makeOrder({
              orderId,
              buyer: null,
              ...(readTime(col.get(head, 'date'), ctx, head.line, col.name('date')) ?? rejectRow(head.line, said('reject.noColumnValue', { column: col.name('date') }))),
              status: statusFrom(statusText, AMAZON_STATUS),
              statusRaw: statusText || null,
              currency,
              paid: goods + shipping + sum('item_tax', 'shipping_tax', 'gift_wrap', 'gift_wrap_tax') - discount,
              gross: goods,
              shipping,
              discount,
              items,
              line: head.line,
            }),
          },
        ];
      },
      { keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, COLUMNS.order_id), keyColumn: COLUMNS.order_id, chunkColumn: col.at('order_id') },
    );
  },
};
