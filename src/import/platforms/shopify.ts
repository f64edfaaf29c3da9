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
import { cleanCell } from '../cells.js';
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

    // each field's column index, resolved once (a keyed lookup per cell read was a visible part of the reading thread)
    const iQuantity = col.at('quantity');
    const iPrice = col.at('price');
    const iItemDiscount = col.at('item_discount');
    const iSku = col.at('sku');
    const iProduct = col.at('product');
    const iStatus = col.at('status');
    const iCurrency = col.at('currency');
    const iDate = col.at('date');
    const iFulfillment = col.at('fulfillment');
    const iCancelled = col.at('cancelled');
    const iPhone = col.at('phone');
    const iBillingPhone = col.at('billing_phone');
    const iShippingPhone = col.at('shipping_phone');
    const iCustomer = col.at('customer');
    const iOrderId = col.at('order_id');
    const iAmount = col.at('amount');
    const iRefund = col.at('refund');
    const iSubtotal = col.at('subtotal');
    const iDiscount = col.at('discount');
    const iShipping = col.at('shipping');
    /** The cleaned cell at column i ('' when the column is absent or the row is short): Columns.get by index. */
    const cell = (row: SourceRow, i: number): string => (i < 0 ? '' : cleanCell(row.cells[i]));

    const itemOf = (row: SourceRow, currency: string, n: number): OrderItem => {
      const quantity = readQuantity(cell(row, iQuantity), row.line, COLUMNS.quantity);
      const unitPrice = readMoney(cell(row, iPrice), currency, ctx, row.line, COLUMNS.price);
      const lineDiscount = readMoney(cell(row, iItemDiscount), currency, ctx, row.line, COLUMNS.item_discount) ?? 0;
      return {
        line: n,
        sku: cell(row, iSku) || null,
        title: cell(row, iProduct) || null,
        quantity,
        unitPrice,
        lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity) - lineDiscount,
      };
    };

    const mapper = mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const financial = cell(head, iStatus);
        if (financial === '') rejectRow(head.line, said('reject.shopifyCut', { id: orderId }));
        const currency = (cell(head, iCurrency) || ctx.currency).toUpperCase();
        const money = (i: number, field: Field) => readMoney(cell(head, i), currency, ctx, head.line, COLUMNS[field]) ?? 0;
        const time = readTime(cell(head, iDate), ctx, head.line, COLUMNS.date) ?? rejectRow(head.line, said('reject.noColumnValue', { column: COLUMNS.date }));

        let status = statusFrom(financial, FINANCIAL);
        if (status === 'paid' && cell(head, iFulfillment).toLowerCase() === 'fulfilled') status = 'shipped';
        const cancelled = cell(head, iCancelled) !== '';
        if (cancelled) status = 'cancelled';

        const phone = cell(head, iPhone) || cell(head, iBillingPhone) || cell(head, iShippingPhone);
        const email = cell(head, iCustomer);
        const discount = money(iDiscount, 'discount');
        return [
          {
            order: makeOrder({
              orderId,
              buyer: email ? readBuyer(email, 'email') : readBuyer(phone, 'phone'),
              ...time,
              status,
              statusRaw: cancelled ? `${financial} (cancelled)` : financial,
              currency,
              paid: money(iAmount, 'amount'),
              refunded: money(iRefund, 'refund'),
              gross: money(iSubtotal, 'subtotal') + discount,
              discount,
              shipping: money(iShipping, 'shipping'),
              items: rows.map((r, i) => itemOf(r, currency, i + 1)),
              line: head.line,
            }),
          },
        ];
      },
      { keyOf: (row) => orderKey(cell(row, iOrderId), row.line, COLUMNS.order_id), keyColumn: COLUMNS.order_id, chunkColumn: iOrderId },
    );
    // the cells read above: every field's column (each is read through `col`), 20 of the export's 79; the grouping
    // reads the key, which every byte-chunk row has (none is blank)
    mapper.cellsRead = col.indexes();
    return mapper;
  },
};
