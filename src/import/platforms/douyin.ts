/**
 * Douyin 抖店 order export (订单导出; CSV in UTF-8 with BOM, older files GB18030): one row per 子订单 with
 * 主订单编号 repeated; ids written as `"\t6917…"` and empty cells as `-` (cleanCell handles both). The
 * order-level amounts (订单应付金额, 运费, 优惠总金额) repeat on the sub-order rows and are read once, from
 * the first row of the order. A sub-order whose 售后状态 is 退款成功 refunds its goods (商品金额 × 商品数量),
 * never more than was paid. No buyer: 收件人 and 收件人手机号 are exported encrypted.
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { chineseStatus } from './chinese-status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { combineLineStatuses } from './line-status.js';
import { firstTime, makeOrder, orderKey, readMoney, readQuantity, readTime, pricedItem } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';

const COLUMNS = {
  order_id: '主订单编号',
  line_id: '子订单编号',
  product: '选购商品',
  sku: ['商家编码', '货号'],
  product_id: '商品ID',
  quantity: '商品数量',
  price: '商品金额',
  date: '订单提交时间',
  paid_at: '支付完成时间',
  status: '订单状态',
  after_sale: '售后状态',
  amount: '订单应付金额',
  shipping: '运费',
  discount: '优惠总金额',
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['主订单编号', '子订单编号', '选购商品', '商品ID', '商品数量', '商品金额', '订单提交时间', '支付完成时间', '订单完成时间', '订单状态', '取消原因', '售后状态', '订单应付金额', '运费', '优惠总金额', '达人ID'];

export const DOUYIN_STATUS: Record<string, OrderStatus> = {
  '待支付': 'pending',
  '待确认': 'pending',
  '备货中': 'paid',
  '待发货': 'paid',
  '部分发货': 'shipped',
  '已发货': 'shipped',
  '已完成': 'completed',
  '已关闭': 'cancelled',
};

export const douyin: Adapter = {
  id: 'douyin',
  label: 'douyin shop order export',
  defaultZone: 'Asia/Shanghai',
  defaultCurrency: 'CNY',
  match: (header) => scoreHeader(header, FINGERPRINT, ['主订单编号', '子订单编号', '订单应付金额']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'amount', ['date', 'paid_at']], 'douyin shop order export');
    const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), ctx.currency, ctx, row.line, col.name(f));

    const itemOf = (row: SourceRow, n: number): OrderItem =>
      pricedItem(
        n,
        col.get(row, 'sku') || col.get(row, 'product_id'),
        col.get(row, 'product'),
        readQuantity(col.get(row, 'quantity'), row.line, col.name('quantity')),
        money(row, 'price'),
      );

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const items = rows.map((r, i) => itemOf(r, i + 1));
        const lineRefunded = rows.map((r) => col.get(r, 'after_sale').includes('退款成功'));
        const statuses = rows.map((r, i): OrderStatus => (lineRefunded[i] ? 'refunded' : chineseStatus(col.get(r, 'status'), DOUYIN_STATUS)));
        const texts = [...new Set(rows.flatMap((r) => [col.get(r, 'status'), col.get(r, 'after_sale')]).filter((t) => t !== ''))];
        const goods = items.reduce((n, i) => n + (i.lineTotal ?? 0), 0);
        return [
          {
            order: makeOrder({
              orderId,
              buyer: null,
              ...firstTime(head.line, readTime(col.get(head, 'date'), ctx, head.line, col.name('date')), readTime(col.get(head, 'paid_at'), ctx, head.line, col.name('paid_at'))),
              status: combineLineStatuses(statuses),
              statusRaw: texts.join(' / ') || null,
              currency: ctx.currency,
              paid: money(head, 'amount') ?? 0,
              refunded: items.reduce((n, item, i) => n + (lineRefunded[i] ? (item.lineTotal ?? 0) : 0), 0),
              gross: goods,
              shipping: money(head, 'shipping') ?? 0,
              discount: money(head, 'discount') ?? 0,
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
