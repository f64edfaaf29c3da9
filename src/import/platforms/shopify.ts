/**
 * Shopify: Orders → Export → CSV (`orders_export_1.csv`). One row per line item; the first row of an order
 * carries the order fields (Financial Status, Total, …), continuation rows repeat `Name` and leave them
 * empty. Refunds are in `Refunded Amount` (net = Total − Refunded Amount); `Cancelled at` marks cancelled
 * orders whatever their financial status. Times carry the store's offset (`2022-01-11 04:32:30 -0500`).
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { makeOrder, orderKey, readBuyer, readMoney, readQuantity, readTime, rejectRow } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';
import { said } from '../../report/said.js';

const COLUMNS = {
  order_id: 'Name',
  customer: 'Email',
  status: 'Financial Status',
  fulfillment: 'Fulfillment Status',
  currency: 'Currency',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  amount: 'Total',
  discount: 'Discount Amount',
  date: 'Created at',
  quantity: 'Lineitem quantity',
  product: 'Lineitem name',
  price: 'Lineitem price',
  sku: 'Lineitem sku',
  item_discount: 'Lineitem discount',
  cancelled: 'Cancelled at',
  refund: 'Refunded Amount',
  phone: 'Phone',
  billing_phone: 'Billing Phone',
  shipping_phone: 'Shipping Phone',
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Accepts Marketing', 'Currency', 'Subtotal', 'Total', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Billing Name', 'Refunded Amount'];

/** Shopify's financial statuses (the common vocabulary maps `authorized` to pending as well). */
export const FINANCIAL: Record<string, OrderStatus> = {
  paid: 'paid',
  pending: 'pending',
  authorized: 'pending',
  partially_paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'cancelled',
  expired: 'cancelled',
};

export const shopify: Adapter = {
  id: 'shopify',
  label: 'shopify orders export',
  defaultZone: 'UTC',
  defaultCurrency: 'USD',
  match: (header) => scoreHeader(header, FINGERPRINT, ['Name', 'Financial Status', 'Lineitem name']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'status', 'amount', 'date'], 'shopify orders export');

    const itemOf = (row: SourceRow, currency: string, n: number): OrderItem => {
      const quantity = readQuantity(col.get(row, 'quantity'), row.line, COLUMNS.quantity);
      const unitPrice = readMoney(col.get(row, 'price'), currency, ctx, row.line, COLUMNS.price);
      const lineDiscount = readMoney(col.get(row, 'item_discount'), currency, ctx, row.line, COLUMNS.item_discount) ?? 0;
      return {
        line: n,
        sku: col.get(row, 'sku') || null,
        title: col.get(row, 'product') || null,
        quantity,
        unitPrice,
        lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity) - lineDiscount,
      };
    };

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const financial = col.get(head, 'status');
        if (financial === '') rejectRow(head.line, said('reject.shopifyCut', { id: orderId }));
        const currency = (col.get(head, 'currency') || ctx.currency).toUpperCase();
        const money = (field: Field) => readMoney(col.get(head, field), currency, ctx, head.line, COLUMNS[field]) ?? 0;
        const time = readTime(col.get(head, 'date'), ctx, head.line, COLUMNS.date) ?? rejectRow(head.line, said('reject.noColumnValue', { column: COLUMNS.date }));

        let status = statusFrom(financial, FINANCIAL);
        if (status === 'paid' && col.get(head, 'fulfillment').toLowerCase() === 'fulfilled') status = 'shipped';
        const cancelled = col.get(head, 'cancelled') !== '';
        if (cancelled) status = 'cancelled';

        const phone = col.get(head, 'phone') || col.get(head, 'billing_phone') || col.get(head, 'shipping_phone');
        const email = col.get(head, 'customer');
        const discount = money('discount');
        return [
          {
            order: makeOrder({
              orderId,
              buyer: email ? readBuyer(email, 'email') : readBuyer(phone, 'phone'),
              ...time,
              status,
              statusRaw: cancelled ? `${financial} (cancelled)` : financial,
              currency,
              paid: money('amount'),
              refunded: money('refund'),
              gross: money('subtotal') + discount,
              discount,
              shipping: money('shipping'),
              items: rows.map((r, i) => itemOf(r, currency, i + 1)),
              line: head.line,
            }),
          },
        ];
      },
      { keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, COLUMNS.order_id), keyColumn: COLUMNS.order_id, chunkColumn: col.at('order_id') },
    );
  },
};
