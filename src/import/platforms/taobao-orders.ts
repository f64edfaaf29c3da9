/**
 * Taobao/Tmall classic order report (订单报表, `ExportOrderList*.csv`): one row per order. Revenue is
 * 买家实际支付金额 (what the buyer paid, postage included); 退款金额 is refunded. A closed order (交易关闭)
 * was never paid, or was refunded in full when 订单关闭原因 says 退款 or it has a payment time.
 *
 * Trimmed copies of the report (only some of its columns, as analysts keep them) are read too:
 * - without 订单编号 the order id is derived from the row's content (buyer, times, amount, title, count),
 *   keyed with the key file's secret, so re-importing the same file stays idempotent; identical rows get `#2`, `#3` …;
 * - without 订单状态 an order with a payment time is paid, and one whose 买家实际支付金额 is 0 was closed
 *   with a refund (Taobao zeroes the amount of closed orders; in the report copies we hold 94% of the
 *   zero-amount rows with a status are 交易关闭).
 */
import { COUNTED_STATUSES, type OrderStatus } from '../../domain/order.js';
import type { AdapterContext, Header, RowMapper } from '../adapter.js';
import { chineseStatus } from './chinese-status.js';
import { Columns } from './columns.js';
import { firstTime, makeOrder, readBuyer, readMoney, readOrderId, readQuantity, readTime } from './order-fields.js';
import { mapEachRow } from './row-mappers.js';
import { said } from '../../report/said.js';
import { taobaoDerivedId, taobaoRowDigest } from '../../identity/derived-order-id.js';

export const TAOBAO_ORDER_COLUMNS = {
  order_id: '订单编号',
  customer: '买家会员名',
  amount: '买家实际支付金额',
  goods: '买家应付货款',
  postage: '买家应付邮费',
  total: '总金额',
  status: '订单状态',
  close_reason: '订单关闭原因',
  date: '订单创建时间',
  paid_at: '订单付款时间',
  product: '宝贝标题',
  quantity: '宝贝总数量',
  refund: '退款金额',
} as const;
type Field = keyof typeof TAOBAO_ORDER_COLUMNS;

/** Taobao status texts beyond the shared vocabulary. */
export const TAOBAO_STATUS: Record<string, OrderStatus> = {
  '卖家部分发货': 'shipped',
  '部分发货': 'shipped',
  '等待买家确认收货': 'shipped',
  '买家已付款,等待成团': 'paid',
  '付款确认中': 'pending',
  '退货退款': 'refunded',
};

export function openTaobaoOrders(header: Header, ctx: AdapterContext, label: string): RowMapper {
  const C = TAOBAO_ORDER_COLUMNS;
  const col = Columns.resolve<Field>(header, C, ctx, ['amount', ['date', 'paid_at']], label);
  const seen = new Map<string, number>();

  const derivedId = (parts: string[]): string => {
    // keyed: the parts hold the buyer's nickname (identity/derived-order-id.ts)
    const base = taobaoDerivedId(ctx.idKey, taobaoRowDigest(parts));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };

  let unpaid = 0;
  let unpaidSaid = 0;
  const mapper = mapEachRow((row) => {
    const get = (f: Field) => col.get(row, f);
    if (neverPaid(get('date'), get('paid_at'), get('status'), get('close_reason'))) {
      unpaid++;
      return null;
    }
    const money = (f: Field) => readMoney(get(f), ctx.currency, ctx, row.line, C[f]);
    const paid = money('amount') ?? 0;
    const time = firstTime(row.line, readTime(get('date'), ctx, row.line, C.date), readTime(get('paid_at'), ctx, row.line, C.paid_at));
    const orderId = col.has('order_id')
      ? readOrderId(get('order_id'), row.line, C.order_id)
      : derivedId([get('customer'), get('date'), get('paid_at'), get('amount'), get('product'), get('quantity')]);

    let status: OrderStatus;
    const statusText = get('status');
    if (col.has('status')) {
      status = chineseStatus(statusText, TAOBAO_STATUS);
      if (statusText === '交易关闭' && (get('close_reason').includes('退款') || get('paid_at') !== '')) status = 'refunded';
    } else {
      status = get('paid_at') === '' ? 'pending' : paid > 0 ? 'paid' : 'refunded';
    }

    const goods = money('goods');
    const postage = money('postage') ?? 0;
    const gross = goods ?? money('total') ?? paid;
    return {
      order: makeOrder({
        orderId,
        buyer: readBuyer(get('customer'), 'name'),
        ...time,
        status,
        statusRaw: statusText || null,
        currency: ctx.currency,
        paid,
        refunded: money('refund') ?? 0,
        gross,
        shipping: postage,
        // a counted order paid in full by discounts (交易成功 at 0) is discounted in full; a closed unpaid one is not
        discount: paid > 0 || COUNTED_STATUSES.includes(status) ? Math.max(0, gross + postage - paid) : 0,
        itemCount: col.has('quantity') ? readQuantity(get('quantity'), row.line, C.quantity) : 0,
        line: row.line,
      }),
    };
  }, {
    // row chunks only where the report has its order ids (made-up ids are numbered by their repeats in the file);
    // a chunk that passed over unpaid rows is not recorded (a skipped one could not count them)
    chunkColumn: col.at('order_id'),
    settled: () => {
      const same = unpaid === unpaidSaid;
      unpaidSaid = unpaid;
      return same ? '' : null;
    },
  });
  return { ...mapper, skipped: () => (unpaid > 0 ? { rows: unpaid, why: said('skip.taobaoUnpaid') } : null) };
}

/**
 * An order that was never paid and has no date to store it by: no 订单付款时间 (Taobao fills it when the buyer
 * pays), no 订单创建时间, and a status that says nothing else — empty or absent, 等待买家付款, or 交易关闭 (closed
 * before payment, not for a refund). Such a row is no purchase and no bad row either: it is skipped and counted, not rejected. A
 * row without dates whose status says it was paid (交易成功, 卖家已发货…) contradicts itself and is still rejected.
 */
function neverPaid(created: string, paidAt: string, status: string, closeReason: string): boolean {
  if (created !== '' || paidAt !== '' || closeReason.includes('退款')) return false;
  return status === '' || UNPAID_STATUS.has(chineseStatus(status, TAOBAO_STATUS));
}
const UNPAID_STATUS: ReadonlySet<OrderStatus> = new Set(['pending', 'cancelled']);
