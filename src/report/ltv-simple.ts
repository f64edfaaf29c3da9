/** The reports of `orderlens ltv --method simple` and `--what-if`, and the holdout table both ltv methods print. */
import type { CustomerList } from '../domain/aggregates.js';
import type { SimpleLtvGroupRow, SimpleLtvRow } from '../analytics/ltv-simple.js';
import type { HoldoutRow } from '../analytics/holdout-table.js';
import type { Column, Report } from '../output/report.js';
import { col } from './columns.js';
import type { Said } from './said.js';
import { customerDrop, identityColumns, keepsContact, oneStore } from './identity.js';

const FACTOR_COLUMNS: Column[] = [
  col('aov'),
  col('purchases_per_year'),
  col('lifetime_years'),
  col('margin'),
  col('discount_factor'),
];

export function customerTable(rows: SimpleLtvRow[], log: CustomerList): Report {
  const sorted = [...rows].sort((a, b) => b.clv - a.clv || b.revenue - a.revenue || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.index - b.index));
  const withContact = keepsContact(log.customers);
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(withContact, { customer_key: 'key' }),
      col('first_order'),
      col('last_order'),
      col('purchases'),
      col('revenue'),
      col('span_years'),
      ...FACTOR_COLUMNS,
      col('clv@simple'),
    ],
    // the margin, discount and lifetime are the same for everyone; then the history, then the factors
    drop: customerDrop(oneStore(rows.length, (i) => log.customers[rows[i].index]), ['margin', 'discount_factor', 'lifetime_years', 'span_years', 'first_order', 'purchases_per_year', 'last_order', 'aov', 'revenue']),
    rows: withContact ? sorted.map((r) => ({ ...r, contact: log.customers[r.index].clear })) : sorted,
  };
}

export function groupTable(rows: SimpleLtvGroupRow[], currency: string, key: 'segment' | 'cohort'): Report {
  return {
    currency,
    // the margin, discount and lifetime are the same for every group; then the factors, keeping the values
    drop: ['margin', 'discount_factor', 'lifetime_years', 'purchases_per_year', 'aov', 'purchases', 'revenue', 'customers'],
    columns: [
      col(key),
      col('customers'),
      col('purchases'),
      col('revenue'),
      ...FACTOR_COLUMNS,
      col('clv_per_customer@simple'),
      col('clv@simple_total'),
    ],
    rows: rows.map(({ group, ...rest }) => ({ [key]: group, ...rest })),
  };
}

/** The backtest table of every method (`ltv --holdout`). */
export function holdoutTable(rows: HoldoutRow[], title: string | Said): Report {
  return {
    notes: [title],
    columns: [
      col('calibration_frequency'),
      col('customers'),
      col('actual_purchases'),
      col('predicted_purchases'),
      col('actual_per_customer'),
      col('predicted_per_customer'),
      col('mae_per_customer'),
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}

export function whatIfReport(rows: Record<string, string | number | null>[]): Report {
  return {
    columns: [
      // a code as long as `margin_per_retained_customer` wraps at its underscores on a narrow terminal, never cut
      col('measure', { wrap: true }),
      col('unit@measure'),
      col('before'),
      col('after'),
      col('change'),
      col('change_pct'),
    ],
    // a narrow terminal: the measure wrapped no narrower than a readable width, else the relative change left out
    drop: ['change_pct'],
    rows,
  };
}
