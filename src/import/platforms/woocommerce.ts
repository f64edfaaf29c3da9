/**
 * WooCommerce has no order export in core; two files are read:
 * - Analytics → Orders → Download (CSV of the report table): `Date, Order #, Status, Customer, Customer
 *   type, Product(s), Items sold, Coupon(s), Net sales` (newer versions add an attribution column). One
 *   row per order; Net sales (after coupons and refunds, before shipping and tax) is the only amount. The
 *   buyer is `Customer`, a name.
 * - The WebToffee "Order Export" plugin CSV (order_number, order_date, status, order_total,
 *   order_currency, customer_email …): one row per order; the buyer is customer_email (else billing_email).
 * Status texts are the store's labels (`Completed`, `On hold`) or slugs (`wc-completed`). No time zone in
 * either file: the site's local time is read as UTC unless --tz is given.
 */
import type { OrderStatus } from '../../domain/order.js';
import type { Adapter, AdapterContext, Header, RowMapper } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { firstTime, makeOrder, readBuyer, readMoney, readOrderId, readQuantity, readTime } from './order-fields.js';
import { mapEachRow } from './row-mappers.js';

const ANALYTICS_COLUMNS = {
  date: 'Date',
  order_id: 'Order #',
  status: 'Status',
  customer: 'Customer',
  product: 'Product(s)',
  quantity: 'Items sold',
  amount: 'Net sales',
} as const;

const PLUGIN_COLUMNS = {
  order_id: ['order_number', 'order_id'],
  date: ['order_date', 'paid_date'],
  status: 'status',
  amount: 'order_total',
  shipping: 'shipping_total',
  discount: 'discount_total',
  currency: 'order_currency',
  customer: ['customer_email', 'billing_email'],
  billing_email: 'billing_email',
  refund: 'order_refund',
} as const;

const ANALYTICS = ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales'];
const PLUGIN = ['order_id', 'order_number', 'order_date', 'paid_date', 'status', 'shipping_total', 'discount_total', 'order_total', 'order_subtotal', 'order_key', 'order_currency', 'payment_method', 'customer_email', 'billing_email', 'billing_first_name'];

export const WOO_STATUS: Record<string, OrderStatus> = {
  'wc-pending': 'pending',
  'pending payment': 'pending',
  'wc-processing': 'paid',
  'wc-on-hold': 'pending',
  'wc-completed': 'completed',
  'wc-cancelled': 'cancelled',
  'wc-refunded': 'refunded',
  'wc-failed': 'cancelled',
  'wc-checkout-draft': 'pending',
  'checkout-draft': 'pending',
  draft: 'pending',
};

/** Dates as the store writes them: ISO, or `MM/DD/YYYY` / `Month D, YYYY` in US stores. */
function wooTime(text: string, ctx: AdapterContext, line: number, column: string) {
  return readTime(text, ctx, line, column, /^\d{1,2}\/\d{1,2}\/\d{4}/.test(text) ? 'mdy' : undefined);
}

function openAnalytics(header: Header, ctx: AdapterContext): RowMapper {
  const col = Columns.resolve(header, ANALYTICS_COLUMNS, ctx, ['order_id', 'date', 'amount'], 'woocommerce analytics orders report');
  return mapEachRow((row) => {
    const net = readMoney(col.get(row, 'amount'), ctx.currency, ctx, row.line, col.name('amount')) ?? 0;
    const statusText = col.get(row, 'status');
    return {
      order: makeOrder({
        orderId: readOrderId(col.get(row, 'order_id').replace(/^#/, ''), row.line, col.name('order_id')),
        buyer: readBuyer(col.get(row, 'customer'), 'name'),
        ...firstTime(row.line, wooTime(col.get(row, 'date'), ctx, row.line, col.name('date'))),
        status: statusFrom(statusText, WOO_STATUS),
        statusRaw: statusText || null,
        currency: ctx.currency,
        paid: Math.max(net, 0),
        itemCount: col.has('quantity') ? readQuantity(col.get(row, 'quantity'), row.line, col.name('quantity')) : 0,
        line: row.line,
      }),
    };
  });
}

function openPlugin(header: Header, ctx: AdapterContext): RowMapper {
  const col = Columns.resolve(header, PLUGIN_COLUMNS, ctx, ['order_id', 'date', 'amount'], 'woocommerce order export');
  return mapEachRow((row) => {
    const currency = (col.get(row, 'currency') || ctx.currency).toUpperCase();
    const money = (f: keyof typeof PLUGIN_COLUMNS) => readMoney(col.get(row, f), currency, ctx, row.line, col.name(f)) ?? 0;
    const statusText = col.get(row, 'status');
    const email = col.get(row, 'customer') || col.get(row, 'billing_email');
    return {
      order: makeOrder({
        orderId: readOrderId(col.get(row, 'order_id'), row.line, col.name('order_id')),
        buyer: readBuyer(email, 'email'),
        ...firstTime(row.line, wooTime(col.get(row, 'date'), ctx, row.line, col.name('date'))),
        status: statusFrom(statusText, WOO_STATUS),
        statusRaw: statusText || null,
        currency,
        paid: money('amount'),
        refunded: Math.abs(money('refund')),
        shipping: money('shipping'),
        discount: money('discount'),
        line: row.line,
      }),
    };
  });
}

const analyticsScore = (header: Header) => scoreHeader(header, ANALYTICS, ['Order #', 'Net sales']);
const pluginScore = (header: Header) => scoreHeader(header, PLUGIN, [['order_number', 'order_id'], 'order_total']);

export const woocommerce: Adapter = {
  id: 'woocommerce',
  label: 'woocommerce orders report',
  defaultZone: 'UTC',
  defaultCurrency: 'USD',
  match: (header) => Math.max(analyticsScore(header), pluginScore(header)),
  open: (header, ctx) => (analyticsScore(header) >= pluginScore(header) ? openAnalytics(header, ctx) : openPlugin(header, ctx)),
};
