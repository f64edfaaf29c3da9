/** The report of `orderlens customers`: one row per customer (also the demo's top customers). */
import type { CustomerTotalsRow } from '../analytics/customer-summary.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { Report } from '../output/report.js';
import { col } from './columns.js';
import { identityCells, identityColumns, keepsContact } from './identity.js';

/** Whether every customer shown is of one platform and shop. */
function oneStore(refs: readonly { platform: string; shop: string }[]): boolean {
  return refs.every((r) => r.platform === refs[0].platform && r.shop === refs[0].shop);
}

export function customerTotalsReport(rows: CustomerTotalsRow[], log: PurchaseLog): Report {
  const refs = rows.map((r) => log.customers[r.index]);
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(keepsContact(refs)),
      col('orders'),
      col('revenue'),
      col('first_order'),
      col('last_order'),
    ],
    rows: rows.map((r, i) => ({ ...identityCells(refs[i]), orders: r.orders, revenue: r.revenue, first_order: r.first_order, last_order: r.last_order })),
    // a narrow terminal keeps one line a customer: the buyer's name, orders, money and days (never a key cut
    // short); platform and shop go first when every row has the same ones, else last (they tell rows apart)
    drop: oneStore(refs) ? [['platform', 'shop'], 'contact', 'customer_key'] : ['contact', 'customer_key', 'first_order', ['platform', 'shop']],
  };
}
