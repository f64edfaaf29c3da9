/** The report of `orderlens customers`: one row per customer (also the demo's top customers). */
import type { CustomerTotalsRow } from '../analytics/customer-summary.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { Report } from '../output/report.js';
import { col } from './columns.js';
import { customerDrop, identityCells, identityColumns, keepsContact, oneStore } from './identity.js';

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
    // a narrow terminal keeps one line a customer: the buyer's name, orders, money and days
    drop: customerDrop(oneStore(refs.length, (i) => refs[i]), ['first_order']),
  };
}
