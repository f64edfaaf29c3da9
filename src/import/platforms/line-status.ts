/**
 * The status of an order whose lines carry their own status (千牛 sub-orders, Douyin 子订单, Lazada items).
 */
import type { OrderStatus } from '../../domain/order.js';

/** How far an order got; the order takes the furthest status among its live lines. */
const PROGRESS: Record<OrderStatus, number> = {
  unknown: 0,
  pending: 1,
  paid: 2,
  shipped: 3,
  completed: 4,
  partially_refunded: 4,
  refunded: -1,
  cancelled: -2,
};

/**
 * Live lines (not cancelled or refunded) decide: an unknown status wins (never guess revenue), else the
 * furthest progress. When every line is dead: refunded if any line was refunded, else cancelled.
 */
export function combineLineStatuses(statuses: readonly OrderStatus[]): OrderStatus {
  const live = statuses.filter((s) => s !== 'cancelled' && s !== 'refunded');
  if (live.length === 0) return statuses.includes('refunded') ? 'refunded' : 'cancelled';
  if (live.includes('unknown')) return 'unknown';
  return live.reduce((best, s) => (PROGRESS[s] > PROGRESS[best] ? s : best));
}
