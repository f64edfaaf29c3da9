/** How many shops the customers of a report belong to (rfm, ltv and churn say when one ranking or fit spans several). */
import type { CustomerList } from '../domain/aggregates.js';

/** The distinct shops (platform and shop) of the customers `indexes` of the log (all of them without). */
export function shopsOf(log: Pick<CustomerList, 'customers'>, indexes?: ArrayLike<number>): number {
  const shops = new Set<string>();
  const n = indexes ? indexes.length : log.customers.length;
  for (let i = 0; i < n; i++) {
    const c = log.customers[indexes ? indexes[i] : i];
    shops.add(`${c.platform}\u0000${c.shop}`);
  }
  return shops.size;
}
