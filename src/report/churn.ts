/** The reports of `orderlens churn`: churn by group, or every customer with a status and a reason. */
import type { CustomerList } from '../domain/aggregates.js';
import type { ChurnGroupRow, ChurnRow, ChurnStatus } from '../analytics/churn.js';
import type { Column, Report } from '../output/report.js';
import { churnReason } from './churn-reason.js';
import { col, type ColumnName } from './columns.js';
import { customerDrop, identityColumns, oneStore } from './identity.js';
import { say, type Lang } from './messages.js';
import { builtInSegmentLabel } from './segment-names.js';

/** What `churn --by` groups by (customer: no group, one row per customer). */
export const CHURN_GROUPINGS = ['segment', 'platform', 'shop', 'cohort', 'frequency', 'customer'] as const;
export type ChurnGrouping = (typeof CHURN_GROUPINGS)[number];

/** The dictionary column of each grouping (the frequency grouping is a band of order counts). */
const GROUP_COLUMN: Record<Exclude<ChurnGrouping, 'customer'>, ColumnName> = { segment: 'segment', platform: 'platform', shop: 'shop', cohort: 'cohort', frequency: 'frequency@band' };

/**
 * The churn table by group. Segments come named as the analytics name them (English), sorted with that name as
 * the tie-break, and are worded in `lang` here: the rows are in the same order in every language.
 */
export function churnGroupReport(rows: ChurnGroupRow[], currency: string, by: Exclude<ChurnGrouping, 'customer'>, withModel = false, lang: Lang = 'en'): Report {
  return {
    currency,
    // a narrow terminal keeps the group whole and the rates: the counts behind them go first, then the revenue
    // at risk; the customers last, as a rate says little without how many it is of (93% of 76 or of 2,357); a
    // shop's name is never cut while a count can go; when even then it does not fit, one field a line
    drop: ['churned', 'model_churned', 'at_risk', 'revenue_at_risk', 'customers'],
    columns: [
      { ...col(GROUP_COLUMN[by]), whole: true },
      col('customers'),
      col('churned'),
      col('churn_rate'),
      col('at_risk'),
      col('revenue_at_risk'),
      ...(withModel
        ? [col('model_churned'), col('model_churn_rate')]
        : []),
    ],
    rows: rows.map(({ group, ...rest }) => ({ [by]: by === 'segment' ? builtInSegmentLabel(group, lang) : group, ...rest })),
  };
}

/** The words of each churn status in `lang` (a table shows them for the codes active, at_risk, churned). */
export function churnStatusWords(lang: Lang): Readonly<Record<ChurnStatus, string>> {
  return { active: say(lang, 'churn.status.active'), at_risk: say(lang, 'churn.status.at_risk'), churned: say(lang, 'churn.status.churned') };
}

/**
 * What a narrow terminal leaves out of the per-customer churn table after the identity columns: the reason (a
 * sentence of the numbers beside it), the model's status (its probability stays), then the history.
 */
const CUSTOMER_DROP = ['reason', 'model_status', 'first_order', 'threshold_days', 'orders', 'usual_gap_days', 'p_alive', 'last_order'] as const;

export function churnCustomerReport(rows: ChurnRow[], log: CustomerList, lang: Lang): Report {
  const withContact = rows.some((r) => log.customers[r.index].clear !== null);
  const withModel = rows.some((r) => r.model_status !== null);
  // English CSV and JSON keep the codes (`--status at_risk`), its table the words; Chinese says the words everywhere
  const words = lang === 'zh' ? undefined : churnStatusWords(lang);
  const status = (s: ChurnStatus) => (words === undefined ? say(lang, `churn.status.${s}`) : s);
  const columns: Column[] = [
    ...identityColumns(withContact),
    { ...col('status'), shown: words },
    ...(withModel
      ? [col('p_alive'), { ...col('model_status'), shown: words }]
      : []),
    col('reason'),
    col('days_since_last'),
    col('usual_gap_days'),
    col('threshold_days'),
    col('orders'),
    col('revenue'),
    col('first_order'),
    col('last_order'),
  ];
  return {
    currency: log.currency,
    columns,
    drop: customerDrop(oneStore(rows.length, (i) => log.customers[rows[i].index]), CUSTOMER_DROP),
    rows: rows.map((r) => ({
      ...r,
      status: status(r.status),
      model_status: r.model_status === null ? null : status(r.model_status),
      reason: churnReason(lang, r, log.currency),
      customer_key: r.key,
      contact: log.customers[r.index].clear,
    })),
  };
}
