/**
 * `orderlens churn`: who has stopped buying. Churn rate by group (the main table), every customer with a
 * status and a reason (`--by customer`), or a win-back list (`--status at_risk --out winback.csv`).
 */
import { Command, Option } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { formatDay } from '../../domain/day.js';
import { displayMoney } from '../../domain/money.js';
import type { PurchaseLog } from '../../domain/purchase-log.js';
import { UsageError } from '../../errors.js';
import {
  CHURN_STATUSES, DEFAULT_K, GAP_PERCENTILE, acquisitionMonth, flagChurn, frequencyBand, summarizeChurn, type ChurnAnalysis, type ChurnGroupRow, type ChurnRow, type ChurnStatus,
} from '../../analytics/churn.js';
import { NO_GROUP } from '../../analytics/cohorts.js';
import { labelCustomers } from '../../analytics/customer-groups.js';
import type { Column, Report } from '../../output/report.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, noteExcluded, openReportDb, parseFilter, parseNumberFlag, resolveAsOf,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';

const GROUPINGS = ['segment', 'platform', 'shop', 'cohort', 'frequency', 'customer'] as const;
type Grouping = (typeof GROUPINGS)[number];

interface ChurnFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  k: string;
  days?: string;
  by?: Grouping;
  status?: ChurnStatus;
}

const HELP = `
Rule (adaptive): a customer is churned when the days since their last order exceed
  max(G, k × their median gap between purchase days)      (one-time buyers: G)
and at risk when they exceed half of that; otherwise active. Days since last order = --as-of − the last order
day; orders on or after --as-of do not count, and orders on one local day count as one purchase day.
G defaults to the 90th percentile of all gaps between consecutive purchase days of all repeat customers
(nearest rank: sort the n gaps, take the ⌈0.9·n⌉-th), taken over every customer read; --days N sets it.
--since/--until keep the customers whose first order falls in that window.

--by (default segment): churn rate per RFM segment (as of --as-of), platform, platform/shop, cohort (month of
the first order) or frequency (orders: 1, 2, 3, 4-5, 6-9, 10+), sorted by revenue at risk (the net revenue to
date of the at-risk customers). --by customer lists every customer with a reason; --status keeps one status
(and implies --by customer).

Examples:
  orderlens churn                                    # churn rate by segment
  orderlens churn --by frequency --k 4
  orderlens churn --status at_risk --out winback.csv # a win-back list
  orderlens churn --by customer --days 120 --format json`;

export function churnCommand(ctx: CliContext): Command {
  const cmd = new Command('churn').description('churned and at-risk customers: churn rate by group, or every customer with a reason');
  cmd
    .option('--k <k>', 'multiplier of a customer\'s own median gap', String(DEFAULT_K))
    .option('--days <n>', 'global threshold G in days (default: 90th percentile of repeat gaps)')
    .addOption(new Option('--by <grouping>', 'churn rate by group, or one row per customer').choices(GROUPINGS))
    .addOption(new Option('--status <status>', 'only customers with this status (implies --by customer)').choices(CHURN_STATUSES))
    .addHelpText('after', HELP);
  addAsOfOption(addFilterOptions(addOutputOptions(cmd), 'acquisition')).action((flags: ChurnFlags) => {
    const k = parseNumberFlag('--k', flags.k, 0, 1000);
    if (k === 0) throw new UsageError('--k must be above 0: it multiplies a customer\'s median gap');
    const days = flags.days === undefined ? null : parseNumberFlag('--days', flags.days, 1, 100_000);
    if (flags.status !== undefined && flags.by !== undefined && flags.by !== 'customer') {
      throw new UsageError(`--status lists customers: use it with --by customer (or without --by), not --by ${flags.by}`);
    }
    const by: Grouping = flags.by ?? (flags.status !== undefined ? 'customer' : 'segment');
    const { since, until, ...orderFilter } = parseFilter(flags);
    const db = openReportDb(ctx);
    try {
      const log = loadPurchaseLog(db, orderFilter);
      noteExcluded(ctx, log);
      const asOf = resolveAsOf(ctx, flags.asOf, log);
      const analysis = flagChurn(log, { asOf, k, days, since, until });
      describeRule(ctx, analysis, log.currency);
      if (by === 'customer') {
        const rows = flags.status === undefined ? analysis.rows : analysis.rows.filter((r) => r.status === flags.status);
        emitReport(ctx, customerReport(rows, log), flags);
        return;
      }
      const label = groupLabeller(log, by, asOf, flags.lang === 'zh' ? 'zh' : 'en');
      emitReport(ctx, groupReport(summarizeChurn(analysis.rows, label), log.currency, by), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

function groupLabeller(log: PurchaseLog, by: Exclude<Grouping, 'customer'>, asOf: number, lang: 'en' | 'zh'): (r: ChurnRow) => string {
  if (by === 'cohort') return acquisitionMonth;
  if (by === 'frequency') return (r) => frequencyBand(r.orders);
  const labels = labelCustomers(log, by, { asOf, lang });
  return (r) => labels[r.index] ?? NO_GROUP;
}

function describeRule(ctx: CliContext, a: ChurnAnalysis, currency: string): void {
  const g =
    a.thresholdSource === 'days'
      ? `G = ${a.threshold} days (--days)`
      : `G = ${a.threshold} days: the ${GAP_PERCENTILE * 100}th percentile of ${a.gaps.toLocaleString('en-US')} gaps between purchase days of ${a.repeatCustomers.toLocaleString('en-US')} repeat customers (set with --days)`;
  note(ctx, `churned: days since last order > max(G, ${a.k} × own median gap); at risk: above half of that; ${g}`);
  const count = (s: ChurnStatus) => a.rows.filter((r) => r.status === s).length;
  const atRiskRevenue = a.rows.reduce((sum, r) => sum + (r.status === 'at_risk' ? r.revenue : 0), 0);
  const n = a.rows.length;
  const num = (x: number) => x.toLocaleString('en-US');
  const pct = (x: number) => (n === 0 ? '0.0%' : `${((x / n) * 100).toFixed(1)}%`);
  note(
    ctx,
    `as of ${formatDay(a.asOf)}: ${num(n)} customers; ${num(count('active'))} active, ${num(count('at_risk'))} at risk (${pct(count('at_risk'))}, ${displayMoney(atRiskRevenue, currency)} to date), ${num(count('churned'))} churned (${pct(count('churned'))})`,
  );
}

const GROUP_ZH: Record<Exclude<Grouping, 'customer'>, string> = { segment: '分群', platform: '平台', shop: '店铺', cohort: '首购月', frequency: '订单数' };

export function groupReport(rows: ChurnGroupRow[], currency: string, by: Exclude<Grouping, 'customer'>): Report {
  return {
    currency,
    columns: [
      { key: by, zh: GROUP_ZH[by], kind: 'text' },
      { key: 'customers', zh: '客户数', kind: 'int' },
      { key: 'churned', zh: '已流失', kind: 'int' },
      { key: 'churn_rate', zh: '流失率', kind: 'percent', digits: 1 },
      { key: 'at_risk', zh: '流失风险', kind: 'int' },
      { key: 'revenue_at_risk', zh: '风险客户累计净收入', kind: 'money' },
    ],
    rows: rows.map(({ group, ...rest }) => ({ [by]: group, ...rest })),
  };
}

export function customerReport(rows: ChurnRow[], log: PurchaseLog): Report {
  const withContact = rows.some((r) => log.customers[r.index].clear !== null);
  const withModel = rows.some((r) => r.p_alive !== null);
  const columns: Column[] = [
    { key: 'customer', zh: '客户', kind: 'text' },
    { key: 'buyer_key', zh: '买家键', kind: 'text' },
    ...(withContact ? [{ key: 'contact', zh: '联系方式', kind: 'text' } as Column] : []),
    { key: 'platform', zh: '平台', kind: 'text' },
    { key: 'shop', zh: '店铺', kind: 'text' },
    { key: 'status', zh: '状态', kind: 'text' },
    ...(withModel
      ? [{ key: 'p_alive', zh: '存活概率', kind: 'percent', digits: 1 } as Column, { key: 'model_status', zh: '模型状态', kind: 'text' } as Column]
      : []),
    { key: 'reason', zh: '原因', kind: 'text' },
    { key: 'days_since_last', zh: '距末单天数', kind: 'int' },
    { key: 'usual_gap_days', zh: '常规间隔天数', kind: 'number', digits: 1 },
    { key: 'threshold_days', zh: '流失线天数', kind: 'number', digits: 1 },
    { key: 'orders', zh: '订单数', kind: 'int' },
    { key: 'revenue', zh: '净收入', kind: 'money' },
    { key: 'first_order', zh: '首单日期', kind: 'day' },
    { key: 'last_order', zh: '末单日期', kind: 'day' },
  ];
  return {
    currency: log.currency,
    columns,
    rows: rows.map((r) => ({ ...r, buyer_key: r.key, contact: log.customers[r.index].clear })),
  };
}
