/**
 * JD.com POP seller order export (京东商家后台 → 订单导出; CSV in GBK): one row per order × SKU. The
 * order-level cells (订单金额, 应付金额, 余额支付, 运费金额, 订单状态, 下单帐号) repeat on every SKU row
 * and are read once, from the first row of the order. What the buyer paid = 应付金额 + 余额支付 (the part
 * paid from the JD account balance). A `(删除)` prefix on the status marks an order the seller deleted.
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { chineseStatus } from './chinese-status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { makeOrder, orderKey, readBuyer, readMoney, readQuantity, readTime, rejectRow, pricedItem } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';
import { said } from '../../report/said.js';

const COLUMNS = {
  order_id: '订单号',
  product_id: '商品ID',
  sku: ['商家SKUID', '货号'],
  product: '商品名称',
  quantity: '订购数量',
  date: '下单时间',
  price: '京东价',
  order_amount: '订单金额',
  amount: '应付金额',
  balance: '余额支付',
  status: '订单状态',
  customer: '下单帐号',
  shipping: '运费金额',
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['订单号', '商品ID', '商品名称', '订购数量', '支付方式', '下单时间', '京东价', '订单金额', '结算金额', '余额支付', '应付金额', '订单状态', '订单类型', '下单帐号', '客户姓名', '运费金额', '付款确认时间'];

export const JD_STATUS: Record<string, OrderStatus> = {
  '等待付款': 'pending',
  '等待出库': 'paid',
  '正在出库': 'paid',
  '等待打印': 'paid',
  '等待发货': 'paid',
  '等待确认收货': 'shipped',
  '配送中': 'shipped',
  '完成': 'completed',
  '已完成': 'completed',
  '已取消': 'cancelled',
  '取消': 'cancelled',
  '锁定': 'pending',
  '暂停': 'pending',
  '配送退货': 'refunded',
  '退款成功': 'refunded',
};

export const jd: Adapter = {
  id: 'jd',
  label: 'jd pop order export',
  defaultZone: 'Asia/Shanghai',
  defaultCurrency: 'CNY',
  match: (header) => scoreHeader(header, FINGERPRINT, ['订单号', '订购数量']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'date', ['amount', 'order_amount']], 'jd pop order export');
    const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), ctx.currency, ctx, row.line, col.name(f));

    const itemOf = (row: SourceRow, n: number): OrderItem =>
      pricedItem(
        n,
        col.get(row, 'sku') || col.get(row, 'product_id'),
        col.get(row, 'product'),
        readQuantity(col.get(row, 'quantity'), row.line, COLUMNS.quantity),
        money(row, 'price'),
      );

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const statusText = col.get(head, 'status');
        const deleted = statusText.startsWith('(删除)') || statusText.startsWith('（删除）');
        const status = deleted ? 'cancelled' : chineseStatus(statusText, JD_STATUS);
        const items = rows.map((r, i) => itemOf(r, i + 1));
        const paid = (money(head, 'amount') ?? money(head, 'order_amount') ?? 0) + (money(head, 'balance') ?? 0);
        const goods = items.every((i) => i.lineTotal !== null) ? items.reduce((n, i) => n + (i.lineTotal ?? 0), 0) : (money(head, 'order_amount') ?? paid);
        const shipping = money(head, 'shipping') ?? 0;
        return [
          {
            order: makeOrder({
              orderId,
              buyer: readBuyer(col.get(head, 'customer'), 'name'),
              ...(readTime(col.get(head, 'date'), ctx, head.line, COLUMNS.date) ?? rejectRow(head.line, said('reject.noColumnValue', { column: COLUMNS.date }))),
              status,
              statusRaw: statusText || null,
              currency: ctx.currency,
              paid,
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
