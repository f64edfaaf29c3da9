/**
 * Taobao/Tmall 千牛 order export (2023+, xlsx with sheets 订单报表 / 销售明细 / 发货报表, or CSV): one row
 * per sub-order (子订单编号) with 主订单编号 repeated; status, paid amount and refund are per line, so an
 * order's amounts are the sums over its lines and its status the furthest of its live lines. The item
 * layout carries no buyer; a distributor variant has 买家会员名.
 */
import type { OrderItem } from '../../domain/order.js';
import type { AdapterContext, Header, RowMapper, SourceRow } from '../adapter.js';
import { chineseStatus } from './chinese-status.js';
import { Columns } from './columns.js';
import { combineLineStatuses } from './line-status.js';
import { firstTime, makeOrder, orderKey, readBuyer, readMoney, readQuantity, readTime } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';
import { TAOBAO_STATUS } from './taobao-orders.js';

export const QIANNIU_COLUMNS = {
  order_id: '主订单编号',
  line_id: '子订单编号',
  customer: '买家会员名',
  product: ['商品标题', '宝贝标题'],
  price: ['商品价格', '价格'],
  quantity: ['购买数量', '宝贝数量'],
  properties: ['商品属性', '颜色/尺码'],
  sku: ['商家编码', '商品编码'],
  status: '订单状态',
  goods: '买家应付货款',
  amount: ['买家实付金额', '子单实际支付金额'],
  order_paid: '买家实际支付金额',
  refund_status: '退款状态',
  refund: '退款金额',
  date: '订单创建时间',
  paid_at: '订单付款时间',
} as const;
type Field = keyof typeof QIANNIU_COLUMNS;

/** `无退款申请` and other texts without digits in 退款金额 mean no refund. */
function refundText(text: string): string {
  return /\d/.test(text) ? text : '';
}

export function openQianniu(header: Header, ctx: AdapterContext, label: string): RowMapper {
  const C = QIANNIU_COLUMNS;
  const col = Columns.resolve<Field>(header, C, ctx, ['order_id', ['amount', 'order_paid'], ['date', 'paid_at']], label);

  return mapGroupedRows(
    (rows, orderId) => {
      const head = rows[0];
      const money = (row: SourceRow, f: Field, text = col.get(row, f)) => readMoney(text, ctx.currency, ctx, row.line, col.name(f)) ?? 0;
      const items: OrderItem[] = rows.map((row, i) => {
        const quantity = readQuantity(col.get(row, 'quantity'), row.line, col.name('quantity'));
        const unitPrice = readMoney(col.get(row, 'price'), ctx.currency, ctx, row.line, col.name('price'));
        const properties = col.get(row, 'properties');
        const title = col.get(row, 'product');
        return {
          line: i + 1,
          sku: col.get(row, 'sku') || null,
          title: (properties ? `${title} (${properties})` : title) || null,
          quantity,
          unitPrice,
          lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity),
        };
      });
      const sum = (f: Field, text?: (row: SourceRow) => string) => rows.reduce((n, row) => n + money(row, f, text?.(row)), 0);
      const paid = col.has('amount') ? sum('amount') : money(head, 'order_paid');
      const statuses = rows.map((row) => chineseStatus(col.get(row, 'status'), TAOBAO_STATUS));
      const statusTexts = [...new Set(rows.map((row) => col.get(row, 'status')).filter((t) => t !== ''))];
      return [
        {
          order: makeOrder({
            orderId,
            buyer: readBuyer(col.get(head, 'customer'), 'name'),
            ...firstTime(head.line, readTime(col.get(head, 'date'), ctx, head.line, col.name('date')), readTime(col.get(head, 'paid_at'), ctx, head.line, col.name('paid_at'))),
            status: col.has('status') ? combineLineStatuses(statuses) : 'paid',
            statusRaw: statusTexts.join(' / ') || null,
            currency: ctx.currency,
            paid,
            refunded: sum('refund', (row) => refundText(col.get(row, 'refund'))),
            gross: col.has('goods') ? sum('goods') : paid,
            items,
            line: head.line,
          }),
        },
      ];
    },
    { keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, C.order_id), keyColumn: C.order_id, chunkColumn: col.at('order_id') },
  );
}
