/**
 * Status texts → normalized statuses. Shared vocabulary (English and Chinese) that every adapter can use;
 * adapters add their own texts through `statusFrom(text, extra)`. An unknown text maps to `unknown`,
 * keeps its raw text, and is never counted as revenue.
 */
import type { OrderStatus } from '../domain/order.js';

export const COMMON_STATUS: Record<string, OrderStatus> = {
  // English
  pending: 'pending', unpaid: 'pending', 'awaiting payment': 'pending', 'on-hold': 'pending', 'on hold': 'pending',
  'pending payment': 'pending', authorized: 'pending', processing: 'paid', paid: 'paid', 'payment received': 'paid',
  // an order-table status column (Olist's order_status): created before payment, approved/invoiced after it,
  // unavailable when the goods could not be supplied (the order is cancelled)
  created: 'pending', approved: 'paid', invoiced: 'paid', unavailable: 'cancelled',
  unfulfilled: 'paid', 'awaiting shipment': 'paid', 'to ship': 'paid', 'ready to ship': 'paid',
  shipped: 'shipped', fulfilled: 'shipped', 'in transit': 'shipped', 'partially fulfilled': 'shipped', 'partially shipped': 'shipped',
  delivered: 'completed', completed: 'completed', complete: 'completed', closed: 'completed', success: 'completed',
  cancelled: 'cancelled', canceled: 'cancelled', voided: 'cancelled', void: 'cancelled', failed: 'cancelled',
  declined: 'cancelled', expired: 'cancelled', 'trash': 'cancelled',
  refunded: 'refunded', returned: 'refunded', 'fully refunded': 'refunded',
  partially_refunded: 'partially_refunded', 'partially refunded': 'partially_refunded', 'partial refund': 'partially_refunded',
  // Chinese marketplaces
  '等待买家付款': 'pending', '待付款': 'pending', '未付款': 'pending', '待支付': 'pending',
  '买家已付款，等待卖家发货': 'paid', '买家已付款,等待卖家发货': 'paid', '等待卖家发货': 'paid', '待发货': 'paid', '已付款': 'paid',
  '等待出库': 'paid', '待出库': 'paid', '已支付': 'paid',
  '卖家已发货，等待买家确认': 'shipped', '卖家已发货,等待买家确认': 'shipped', '已发货': 'shipped', '等待确认收货': 'shipped',
  '待收货': 'shipped', '已发货，待签收': 'shipped', '已发货,待签收': 'shipped', '已签收': 'completed',
  '交易成功': 'completed', '已完成': 'completed', '完成': 'completed', '交易完成': 'completed',
  '交易关闭': 'cancelled', '已取消': 'cancelled', '取消': 'cancelled', '订单取消': 'cancelled', '已关闭': 'cancelled',
  '交易取消': 'cancelled', '锁定': 'pending',
  '已退款': 'refunded', '退款成功': 'refunded', '全额退款': 'refunded', '部分退款': 'partially_refunded',
};

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Normalized status of a status text; `unknown` when no table knows it, empty text included (adapters decide what a missing status means). */
export function statusFrom(text: string, extra?: Record<string, OrderStatus>): OrderStatus {
  const key = fold(text);
  if (extra) {
    const hit = extra[key] ?? extra[text.trim()];
    if (hit) return hit;
  }
  return COMMON_STATUS[key] ?? 'unknown';
}
