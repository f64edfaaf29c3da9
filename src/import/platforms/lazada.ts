/**
 * Lazada Seller Center → Orders → Export (xlsx or csv, camelCase headers): one row per order item
 * (orderItemId) with orderNumber repeated. Amounts and status are per item: paidPrice (what the buyer paid
 * for the item; nothing for a cancelled item) and shippingFee are summed over the order's items, and the
 * order takes the furthest status of its live items; a returned item refunds its paidPrice. Buyer: customerName, a person's name
 * (a weak key, kept hashed). The currency follows the shipping or billing country (or --currency).
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { combineLineStatuses } from './line-status.js';
import { NO_CURRENCY, orderMarket } from './markets.js';
import { firstTime, makeOrder, orderKey, readBuyer, readMoney, readTime } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';

const COLUMNS = {
  order_id: 'orderNumber',
  item_id: 'orderItemId',
  date: 'createTime',
  customer: 'customerName',
  product: 'itemName',
  variation: 'variation',
  sku: ['sellerSku', 'lazadaSku'],
  amount: 'paidPrice',
  price: 'unitPrice',
  shipping: 'shippingFee',
  status: 'status',
  country: ['shippingCountry', 'billingCountry'],
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['orderItemId', 'orderNumber', 'createTime', 'customerName', 'shippingName', 'shippingAddress', 'shippingPhone', 'billingName', 'itemName', 'sellerSku', 'paidPrice', 'unitPrice', 'shippingFee', 'status'];

export const LAZADA_STATUS: Record<string, OrderStatus> = {
  unpaid: 'pending',
  pending: 'pending',
  packed: 'paid',
  ready_to_ship: 'paid',
  'ready to ship': 'paid',
  topack: 'paid',
  toship: 'paid',
  shipped: 'shipped',
  delivered: 'completed',
  confirmed: 'completed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  failed: 'cancelled',
  'failed delivery': 'cancelled',
  returned: 'refunded',
  shipped_back: 'refunded',
  'shipped back': 'refunded',
  'package returned': 'refunded',
};

export const lazada: Adapter = {
  id: 'lazada',
  label: 'lazada order export',
  defaultZone: 'Asia/Singapore',
  defaultCurrency: NO_CURRENCY,
  match: (header) => scoreHeader(header, FINGERPRINT, ['orderNumber', 'paidPrice']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'amount', 'date'], 'lazada order export');
    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const m = orderMarket(ctx, null, col.get(head, 'country'), head.line, 'lazada order export');
        const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), m.currency, ctx, row.line, col.name(f)) ?? 0;
        const statuses = rows.map((r) => statusFrom(col.get(r, 'status'), LAZADA_STATUS));
        const items: OrderItem[] = rows.map((r, i) => {
          const variation = col.get(r, 'variation');
          const title = col.get(r, 'product');
          return {
            line: i + 1,
            sku: col.get(r, 'sku') || null,
            title: (variation ? `${title} (${variation})` : title) || null,
            quantity: 1,
            unitPrice: money(r, 'price') || null,
            lineTotal: money(r, 'amount'),
          };
        });
        const texts = [...new Set(rows.map((r) => col.get(r, 'status')).filter((t) => t !== ''))];
        // a cancelled item was never charged (or was voided before shipping)
        const charged = items.filter((_, i) => statuses[i] !== 'cancelled');
        const goods = charged.reduce((n, i) => n + (i.unitPrice ?? i.lineTotal ?? 0), 0);
        const shipping = rows.reduce((n, r) => n + money(r, 'shipping'), 0);
        const paid = charged.reduce((n, i) => n + (i.lineTotal ?? 0), 0) + shipping;
        return [
          {
            order: makeOrder({
              orderId,
              buyer: readBuyer(col.get(head, 'customer'), 'name'),
              ...firstTime(head.line, readTime(col.get(head, 'date'), { ...ctx, zone: m.zone }, head.line, col.name('date'))),
              status: combineLineStatuses(statuses),
              statusRaw: texts.join(' / ') || null,
              currency: m.currency,
              paid,
              refunded: items.reduce((n, item, i) => n + (statuses[i] === 'refunded' ? (item.lineTotal ?? 0) : 0), 0),
              gross: goods,
              shipping,
              discount: Math.max(0, goods + shipping - paid),
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
