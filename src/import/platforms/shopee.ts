/**
 * Shopee Seller Centre → My Orders → Export (`Order.all.20250701_20250731.xlsx`): one row per item; the
 * order-level cells (Order Status, Total Amount / Grand Total, Username (Buyer), …) repeat on the item rows
 * and are read once, from the order's first row. Headers come in the shop's language: English, Traditional
 * Chinese (Taiwan, `訂單編號 (單)`) and Vietnamese (`Mã đơn hàng`) are recognised. Amounts are in the shop
 * country's currency, which the file shows only through its Country column or header language (or
 * --currency). Returned items (Returned quantity × Deal Price) are refunds.
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { statusFrom } from '../status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { market, NO_CURRENCY, orderMarket, type Market } from './markets.js';
import { firstTime, makeOrder, orderKey, readBuyer, readMoney, readQuantity, readTime } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';

const COLUMNS = {
  order_id: ['Order ID', '訂單編號 (單)', '訂單編號', 'Mã đơn hàng'],
  status: ['Order Status', '訂單狀態 (單)', '訂單狀態', 'Trạng thái đơn hàng'],
  date: ['Order Creation Date', '訂單成立時間 (單)', '訂單成立日期', 'Ngày đặt hàng'],
  paid_at: ['Order Paid Time', '買家付款時間 (單)', 'Thời gian đơn hàng được thanh toán'],
  product: ['Product Name', '商品名稱 (品)', '商品名稱', 'Tên sản phẩm'],
  variation: ['Variation Name', '商品選項名稱', 'Tên phân loại hàng'],
  sku: ['SKU Reference No.', '商品選項貨號', 'SKU phân loại hàng'],
  price: ['Deal Price', '商品活動價格 (品)', 'Giá ưu đãi'],
  quantity: ['Quantity', '數量', 'Số lượng'],
  returned: ['Returned quantity', 'Returned Quantity', 'Số lượng sản phẩm được hoàn trả'],
  amount: ['Total Amount', 'Grand Total', '訂單總金額 (單)', 'Tổng giá trị đơn hàng (VND)'],
  shipping: ['Buyer Paid Shipping Fee', '買家支付的運費 (單)'],
  customer: ['Username (Buyer)', '買家帳號 (單)', '買家帳號', 'Người Mua'],
  country: ['Country', 'Quốc gia'],
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = [
  COLUMNS.order_id, COLUMNS.status, COLUMNS.date, COLUMNS.product, COLUMNS.sku, ['Original Price', '商品原價 (品)', 'Giá gốc'], COLUMNS.price, COLUMNS.quantity,
  ['Product Subtotal', '訂單小計 (單)'], COLUMNS.amount, COLUMNS.customer, ['Receiver Name', '收件者姓名 (單)'], ['Tracking Number*', 'Shipping Option', '寄送方式 (單)'],
];

export const SHOPEE_STATUS: Record<string, OrderStatus> = {
  unpaid: 'pending',
  'to ship': 'paid',
  shipping: 'shipped',
  'to receive': 'shipped',
  'return/refund': 'refunded',
  '尚未付款': 'pending',
  '待出貨': 'paid',
  '運送中': 'shipped',
  '不成立': 'cancelled',
  '退貨/退款': 'refunded',
  'chờ thanh toán': 'pending',
  'chờ xác nhận': 'paid',
  'chờ lấy hàng': 'paid',
  'đang giao': 'shipped',
  'đã giao': 'completed',
  'hoàn thành': 'completed',
  'đã hủy': 'cancelled',
  'trả hàng/hoàn tiền': 'refunded',
};

/** The market the header language gives away (Taiwan and Vietnam headers), or null for English. */
function headerMarket(col: Columns<Field>): Market | null {
  const id = col.name('order_id');
  if (id.startsWith('訂單編號')) return market('TW');
  if (id === 'Mã đơn hàng') return market('VN');
  return null;
}

export const shopee: Adapter = {
  id: 'shopee',
  label: 'shopee order export',
  defaultZone: 'Asia/Singapore',
  defaultCurrency: NO_CURRENCY,
  match: (header) => scoreHeader(header, FINGERPRINT, [COLUMNS.order_id, COLUMNS.customer]),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'amount', ['date', 'paid_at']], 'shopee order export');
    const fromHeader = headerMarket(col);

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const m = orderMarket(ctx, fromHeader, col.get(head, 'country'), head.line, 'shopee order export');
        const here = { ...ctx, zone: m.zone };
        const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), m.currency, ctx, row.line, col.name(f));
        const items: OrderItem[] = rows.map((r, i) => {
          const quantity = readQuantity(col.get(r, 'quantity'), r.line, col.name('quantity'));
          const unitPrice = money(r, 'price');
          const variation = col.get(r, 'variation');
          const title = col.get(r, 'product');
          return {
            line: i + 1,
            sku: col.get(r, 'sku') || null,
            title: (variation ? `${title} (${variation})` : title) || null,
            quantity,
            unitPrice,
            lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity),
          };
        });
        const returned = rows.reduce((n, r, i) => {
          const q = col.get(r, 'returned') === '' ? 0 : readQuantity(col.get(r, 'returned'), r.line, col.name('returned'));
          return n + Math.round((items[i].unitPrice ?? 0) * q);
        }, 0);
        const statusText = col.get(head, 'status');
        return [
          {
            order: makeOrder({
              orderId,
              buyer: readBuyer(col.get(head, 'customer'), 'name'),
              ...firstTime(head.line, readTime(col.get(head, 'date'), here, head.line, col.name('date')), readTime(col.get(head, 'paid_at'), here, head.line, col.name('paid_at'))),
              status: statusFrom(statusText, SHOPEE_STATUS),
              statusRaw: statusText || null,
              currency: m.currency,
              paid: money(head, 'amount') ?? 0,
              refunded: returned,
              gross: items.reduce((n, i) => n + (i.lineTotal ?? 0), 0),
              shipping: money(head, 'shipping') ?? 0,
              items,
              line: head.line,
            }),
          },
        ];
      },
      { keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, col.name('order_id')), keyColumn: col.name('order_id'), chunkColumn: col.at('order_id') },
    );
  },
};
