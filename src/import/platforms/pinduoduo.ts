/**
 * Pinduoduo (拼多多商家后台 → 订单查询 → 导出): one row per order (a PDD order holds one SKU). Amounts are in
 * yuan (`用户实付金额(元)` = what the buyer paid). An after-sale 退款成功 refunds the whole order. Current
 * exports carry no buyer column; older ones had the buyer's phone (用户购买手机号 / 手机), used when present
 * and not masked. An empty 订单成交时间 falls back to the other times, then to the `YYMMDD-` prefix of 订单号.
 */
import type { OrderStatus } from '../../domain/order.js';
import type { Adapter } from '../adapter.js';
import { chineseStatus } from './chinese-status.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { firstTime, makeOrder, readBuyer, readMoney, readOrderId, readQuantity, readTime } from './order-fields.js';
import { mapEachRow } from './row-mappers.js';

const COLUMNS = {
  order_id: '订单号',
  product: '商品',
  status: '订单状态',
  goods: '商品总价(元)',
  shipping: '邮费(元)',
  shop_discount: '店铺优惠折扣(元)',
  platform_discount: '平台优惠折扣(元)',
  pay_discount: '多多支付立减金额(元)',
  amount: '用户实付金额(元)',
  quantity: '商品数量(件)',
  product_id: '商品id',
  spec: '商品规格',
  sku: ['商家编码-规格维度', '商家编码-SKU维度', '商家编码-商品维度'],
  after_sale: '售后状态',
  date: '订单成交时间',
  paid_at: '支付时间',
  grouped_at: '拼单成功时间',
  confirmed_at: '订单确认时间',
  customer: ['用户购买手机号', '手机'],
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['商品', '订单号', '订单状态', '商品总价(元)', '邮费(元)', '店铺优惠折扣(元)', '平台优惠折扣(元)', '用户实付金额(元)', '商家实收金额(元)', '商品数量(件)', '商品id', '商品规格', '售后状态', '快递单号', '订单成交时间'];

export const PDD_STATUS: Record<string, OrderStatus> = {
  '待支付': 'pending',
  '待成团': 'paid',
  '待发货': 'paid',
  '已发货,待收货': 'shipped',
  '已发货,待签收': 'shipped',
  '已收货': 'completed',
  '已签收': 'completed',
  '已取消': 'cancelled',
  '未发货,退款成功': 'refunded',
  '已发货,退款成功': 'refunded',
  '已收货,退款成功': 'refunded',
  '已签收,退款成功': 'refunded',
};

/** `260517-607198974342268` → `2026-05-17`. */
function dayFromOrderId(orderId: string): string {
  const m = /^(\d{2})(\d{2})(\d{2})-\d+$/.exec(orderId);
  return m ? `20${m[1]}-${m[2]}-${m[3]}` : '';
}

export const pinduoduo: Adapter = {
  id: 'pinduoduo',
  label: 'pinduoduo order export',
  defaultZone: 'Asia/Shanghai',
  defaultCurrency: 'CNY',
  match: (header) => scoreHeader(header, FINGERPRINT, ['订单号', '用户实付金额(元)']),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, ['order_id', 'amount'], 'pinduoduo order export');
    return mapEachRow((row) => {
      const get = (f: Field) => col.get(row, f);
      const money = (f: Field) => readMoney(get(f), ctx.currency, ctx, row.line, col.name(f)) ?? 0;
      const orderId = readOrderId(get('order_id'), row.line, col.name('order_id'));
      const time = firstTime(
        row.line,
        ...(['date', 'paid_at', 'grouped_at', 'confirmed_at'] as const).map((f) => readTime(get(f), ctx, row.line, col.name(f))),
        readTime(dayFromOrderId(orderId), ctx, row.line, col.name('order_id')),
      );
      const statusText = get('status');
      const afterSale = get('after_sale');
      const paid = money('amount');
      const refundedAll = afterSale.includes('退款成功');
      const phone = get('customer');
      const title = [get('product'), get('spec')].filter((t) => t !== '').join(' ');
      const quantity = readQuantity(get('quantity'), row.line, col.name('quantity'));
      const goods = money('goods');
      return {
        order: makeOrder({
          orderId,
          buyer: /^\+?[\d\s-]{7,}$/.test(phone) ? readBuyer(phone, 'phone') : null,
          ...time,
          status: chineseStatus(statusText, PDD_STATUS),
          statusRaw: [statusText, afterSale].filter((t) => t !== '').join(' / ') || null,
          currency: ctx.currency,
          paid,
          refunded: refundedAll ? paid : 0,
          gross: goods,
          shipping: money('shipping'),
          discount: money('shop_discount') + money('platform_discount') + money('pay_discount'),
          items: [{ line: 1, sku: get('sku') || get('product_id') || null, title: title || null, quantity, unitPrice: null, lineTotal: goods }],
          line: row.line,
        }),
      };
    });
  },
};
