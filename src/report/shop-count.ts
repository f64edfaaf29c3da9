/** How many shops the customers of a report belong to (rfm, ltv and churn say when one ranking or fit spans several). */
import type { CustomerList } from '../domain/aggregates.js';

/**
 * The distinct shops (platform and shop) of the customers `indexes` of the log (all of them without). One pass of
 * string comparisons with the previous customer's shop (a store of one shop, or customers stored shop by shop,
 * touch the set once per run), no text built per customer.
 */
export function shopsOf(log: Pick<CustomerList, 'customers'>, indexes?: ArrayLike<number>): number {
  const shops = new Map<string, Set<string>>();
  const n = indexes ? indexes.length : log.customers.length;
  let platform: string | null = null;
  let shop: string | null = null;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = log.customers[indexes ? indexes[i] : i];
    if (c.platform === platform && c.shop === shop) continue;
    platform = c.platform;
    shop = c.shop;
    let of = shops.get(platform);
    if (!of) shops.set(platform, (of = new Set()));
    if (!of.has(shop)) {
      of.add(shop);
      count++;
    }
  }
  return count;
}
