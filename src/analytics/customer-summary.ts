/**
 * Per-customer totals: orders, net revenue, first and last purchase day. The simplest customer report,
 * and the historical value (what a customer has been worth so far).
 */
import type { EpochDay } from '../domain/day.js';
import { forEachCustomer, type PurchaseLog } from '../domain/purchase-log.js';

export interface CustomerTotalsRow {
  /** Index into `log.customers`. */
  index: number;
  customer: string;
  platform: string;
  shop: string;
  orders: number;
  /** Net revenue, minor units. */
  revenue: number;
  /** First and last purchase day (epoch days). */
  first_order: EpochDay;
  last_order: EpochDay;
}

/** One row per customer with a counted purchase, sorted by revenue (highest first), then customer key. */
export function summarizeCustomers(log: PurchaseLog): CustomerTotalsRow[] {
  const rows: CustomerTotalsRow[] = [];
  forEachCustomer(log, (c, start, end) => {
    let orders = 0;
    let revenue = 0;
    for (let i = start; i < end; i++) {
      orders += log.orders[i];
      revenue += log.net[i];
    }
    const ref = log.customers[c];
    rows.push({
      index: c,
      customer: ref.display,
      platform: ref.platform,
      shop: ref.shop,
      orders,
      revenue,
      first_order: log.day[start],
      last_order: log.day[end - 1],
    });
  });
  return rows.sort((a, b) => b.revenue - a.revenue || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}
