/**
 * Etsy: Shop Manager → Settings → Options → Download Data. Two files, recognised by their headers:
 * - Sold Order Items (`EtsySoldOrderItems2023.csv`): one row per transaction, grouped by Order ID. The
 *   order-level amounts (Discount Amount, Shipping Discount, Order Shipping, Order Sales Tax, VAT Paid by
 *   Buyer) are filled on the order's first row only (the others hold 0), so they are read from that row.
 *   No status column: shipped when Date Shipped is set, else paid when Date Paid is set, else pending.
 * - Sold Orders (`EtsySoldOrders2023.csv`): one row per order with Status and Order Total; refunds show as
 *   an Adjusted Order Total below the Order Total. UK shops get `Delivery …` labels for `Shipping …`.
 * Buyer: the Etsy username, taken from `Buyer` (`Full Name (username)` or a bare `username`) in both files
 * so that the same buyer matches across them; Buyer User ID only when Buyer is empty. Usernames are chosen
 * by people, so they are treated as personal data (kept hashed unless --keep-pii). Dates: `MM/DD/YY`.
 */
import type { BuyerIdentity, OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, AdapterContext, Header, RowMapper, SourceRow } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { firstTime, makeOrder, orderKey, readBuyer, readMoney, readOrderId, readQuantity, readTime } from './order-fields.js';
import { mapEachRow, mapGroupedRows } from './row-mappers.js';

const ITEM_COLUMNS = {
  order_id: 'Order ID',
  date: 'Sale Date',
  product: 'Item Name',
  customer: 'Buyer',
  quantity: 'Quantity',
  price: 'Price',
  discount: 'Discount Amount',
  shipping_discount: ['Shipping Discount', 'Delivery Discount'],
  shipping: ['Order Shipping', 'Order Delivery'],
  tax: 'Order Sales Tax',
  vat: 'VAT Paid by Buyer',
  amount: 'Item Total',
  currency: 'Currency',
  paid_at: 'Date Paid',
  shipped_at: ['Date Shipped', 'Date Posted'],
  variations: 'Variations',
  sku: 'SKU',
} as const;

const ORDER_COLUMNS = {
  order_id: 'Order ID',
  date: 'Sale Date',
  customer: 'Buyer',
  buyer_id: 'Buyer User ID',
  items: 'Number of Items',
  currency: 'Currency',
  value: 'Order Value',
  discount: 'Discount Amount',
  shipping_discount: ['Shipping Discount', 'Delivery Discount'],
  shipping: ['Shipping', 'Delivery'],
  amount: 'Order Total',
  adjusted_total: 'Adjusted Order Total',
  status: 'Status',
  shipped_at: ['Date Shipped', 'Date Posted'],
} as const;

const ITEMS_FINGERPRINT = ['Sale Date', 'Item Name', 'Buyer', 'Quantity', 'Price', 'Discount Amount', ['Order Shipping', 'Order Delivery'], 'Order Sales Tax', 'Item Total', 'Currency', 'Transaction ID', 'Listing ID', 'Date Paid', 'Order ID', 'Variations', 'Order Type', 'Listings Type', 'Payment Type'];
const ORDERS_FINGERPRINT = ['Sale Date', 'Order ID', 'Buyer User ID', 'Full Name', 'Number of Items', 'Payment Method', 'Currency', 'Order Value', 'Discount Amount', ['Shipping', 'Delivery'], 'Sales Tax', 'Order Total', 'Status', 'Card Processing Fees', 'Order Net', 'Adjusted Order Total', 'Buyer'];

export const ETSY_STATUS: Record<string, OrderStatus> = { completed: 'completed', paid: 'paid', canceled: 'cancelled', cancelled: 'cancelled', refunded: 'refunded', 'partially refunded': 'partially_refunded' };

/**
 * Etsy's Variations with the buyer's personalization text left out (`Size:S,Personalization:Emma 2019` →
 * `Size:S`): free text a buyer wrote, often a name or a date, is personal data and never needed for a
 * report. Etsy lists it last; everything from it on is dropped.
 */
export function withoutPersonalization(variations: string): string {
  const at = variations.search(/(^|[,;]\s*)personali[sz]ation\b/i);
  return at < 0 ? variations : variations.slice(0, at).trim();
}

/** `Full Name (username)` → `username`; a bare username stays. */
function etsyBuyer(buyer: string, buyerId = ''): BuyerIdentity | null {
  const m = /\(([^()\s]+)\)\s*$/.exec(buyer);
  const username = m ? m[1] : buyer;
  if (username !== '') return readBuyer(username, 'name');
  return buyerId === '' ? null : readBuyer(buyerId, 'id');
}

function openItems(header: Header, ctx: AdapterContext): RowMapper {
  const col = Columns.resolve(header, ITEM_COLUMNS, ctx, ['order_id', 'date', ['amount', 'price']], 'etsy sold order items file');
  type Field = keyof typeof ITEM_COLUMNS;
  return mapGroupedRows(
    (rows, orderId) => {
      const head = rows[0];
      const currency = (col.get(head, 'currency') || ctx.currency).toUpperCase();
      const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), currency, ctx, row.line, col.name(f));
      const items: OrderItem[] = rows.map((r, i) => {
        const quantity = readQuantity(col.get(r, 'quantity'), r.line, col.name('quantity'));
        const unitPrice = money(r, 'price');
        const variations = withoutPersonalization(col.get(r, 'variations'));
        const title = col.get(r, 'product');
        return {
          line: i + 1,
          sku: col.get(r, 'sku') || null,
          title: (variations ? `${title} (${variations})` : title) || null,
          quantity,
          unitPrice,
          lineTotal: money(r, 'amount') ?? (unitPrice === null ? null : Math.round(unitPrice * quantity)),
        };
      });
      const goods = items.reduce((n, i) => n + (i.lineTotal ?? 0), 0);
      const first = (f: Field) => money(head, f) ?? 0;
      const discount = first('discount') + first('shipping_discount');
      const shipping = first('shipping');
      const status: OrderStatus = col.get(head, 'shipped_at') !== '' ? 'shipped' : col.get(head, 'paid_at') !== '' ? 'paid' : 'pending';
      return [
        {
          order: makeOrder({
            orderId,
            buyer: etsyBuyer(col.get(head, 'customer')),
            ...firstTime(head.line, readTime(col.get(head, 'date'), ctx, head.line, col.name('date'), 'mdy')),
            status,
            statusRaw: null,
            currency,
            paid: goods - discount + shipping + first('tax') + first('vat'),
            gross: goods,
            discount,
            shipping,
            items,
            line: head.line,
          }),
        },
      ];
    },
    { keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, 'Order ID'), keyColumn: 'Order ID', chunkColumn: col.at('order_id') },
  );
}

function openOrders(header: Header, ctx: AdapterContext): RowMapper {
  const col = Columns.resolve(header, ORDER_COLUMNS, ctx, ['order_id', 'date', 'amount'], 'etsy sold orders file');
  type Field = keyof typeof ORDER_COLUMNS;
  return mapEachRow((row) => {
    const currency = (col.get(row, 'currency') || ctx.currency).toUpperCase();
    const money = (f: Field) => readMoney(col.get(row, f), currency, ctx, row.line, col.name(f));
    const total = money('amount') ?? 0;
    const adjusted = money('adjusted_total');
    const statusText = col.get(row, 'status');
    const status = statusText === '' ? (col.get(row, 'shipped_at') !== '' ? 'shipped' : 'paid') : statusFrom(statusText, ETSY_STATUS);
    const discount = (money('discount') ?? 0) + (money('shipping_discount') ?? 0);
    return {
      order: makeOrder({
        orderId: readOrderId(col.get(row, 'order_id'), row.line, col.name('order_id')),
        buyer: etsyBuyer(col.get(row, 'customer'), col.get(row, 'buyer_id')),
        ...firstTime(row.line, readTime(col.get(row, 'date'), ctx, row.line, col.name('date'), 'mdy')),
        status,
        statusRaw: statusText || null,
        currency,
        paid: total,
        refunded: adjusted === null ? 0 : Math.max(0, total - adjusted),
        gross: money('value') ?? total,
        discount,
        shipping: money('shipping') ?? 0,
        itemCount: col.has('items') ? readQuantity(col.get(row, 'items'), row.line, col.name('items')) : 0,
        line: row.line,
      }),
    };
  });
}

const itemsScore = (header: Header) => scoreHeader(header, ITEMS_FINGERPRINT, ['Order ID', 'Item Name', 'Sale Date']);
const ordersScore = (header: Header) => scoreHeader(header, ORDERS_FINGERPRINT, ['Order ID', 'Order Total', 'Sale Date']);

export const etsy: Adapter = {
  id: 'etsy',
  label: 'etsy sold orders export',
  defaultZone: 'UTC',
  defaultCurrency: 'USD',
  match: (header) => Math.max(itemsScore(header), ordersScore(header)),
  open: (header, ctx) => (itemsScore(header) >= ordersScore(header) ? openItems(header, ctx) : openOrders(header, ctx)),
};
