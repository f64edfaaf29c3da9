/** The reports of `orderlens pareto`: the 80/20 summary, or the customers by rank with their class. */
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { RfmValues } from '../analytics/rfm.js';
import { PARETO_CLASSES, type ParetoAnalysis } from '../analytics/pareto.js';
import type { Report } from '../output/report.js';
import { col, revenueCol } from './columns.js';
import { customerDrop, identityCells, identityColumns, oneStore } from './identity.js';
import { paretoGroupName } from './pareto-groups.js';

export function paretoReport(p: ParetoAnalysis, currency: string, zh: boolean, basis: 'net' | 'gross' = 'net'): Report {
  return {
    currency,
    // a narrow terminal: the Gini (said in the note), then the counts, keeping each group's shares of customers and revenue
    drop: ['gini', 'customers', 'revenue'],
    columns: [
      col('group'),
      col('customers'),
      col('share_customers'),
      revenueCol(basis),
      col('share_revenue'),
      col('gini'),
    ],
    rows: p.rows.map((r) => ({ ...r, group: zh ? paretoGroupName('zh', r.group) : r.group })),
  };
}

export function paretoCustomerReport(log: PurchaseLog, values: RfmValues, p: ParetoAnalysis, zh: boolean): Report {
  const rows = Array.from(p.order, (i, rank) => {
    const ref = log.customers[values.customer[i]];
    const cls = PARETO_CLASSES[p.classOfRow[i]];
    return {
      ...identityCells(ref),
      rank: rank + 1,
      revenue: values.monetary[i],
      share_revenue: p.revenue !== 0 ? values.monetary[i] / p.revenue : null,
      cumulative_share: p.cumulativeShare[rank],
      class: zh ? paretoGroupName('zh', cls) : cls,
    };
  });
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(log.customers.some((c) => c.clear !== null)),
      col('rank'),
      revenueCol(values.monetaryBasis),
      col('share_revenue@customer'),
      col('cumulative_share'),
      col('class'),
    ],
    drop: customerDrop(oneStore(rows.length, (i) => rows[i]), ['share_revenue', 'rank']),
    rows,
  };
}
