/**
 * `orderlens pareto`: the 80/20 view — how much revenue the top customers bring, the smallest share of
 * customers making 80% of revenue, ABC classes and the Gini coefficient.
 */
import { Command, Option } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { NO_AMOUNTS } from '../../domain/money.js';
import { formatDay } from '../../domain/day.js';
import type { PurchaseLog } from '../../domain/purchase-log.js';
import { DataError } from '../../errors.js';
import { computeRfm, type MonetaryBasis, type RfmValues } from '../../analytics/rfm.js';
import { PARETO_CLASSES, analyzePareto, type ParetoAnalysis } from '../../analytics/pareto.js';
import { paretoGroupName } from '../../report/pareto-groups.js';
import type { Report } from '../../output/report.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, noteExcluded, openReportDb, parseFilter, resolveAsOf,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { col, revenueCol } from '../../report/columns.js';
import { identityCells, identityColumns } from '../../report/identity.js';
import { said } from '../../report/said.js';

interface ParetoFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  monetary: MonetaryBasis;
  by: 'summary' | 'customer';
}

const HELP = `
Customers are ranked by revenue (net of refunds; --monetary gross), highest first; equal revenue keeps the
customer order of the database, so the ranking is stable. Only purchases before --as-of count (default: all).
  top p%          the ⌈p·n/100⌉ highest-revenue customers and their share of revenue (p = 1, 5, 10, 20, 50)
  80% of revenue  the smallest number of customers whose revenue reaches 80% of the total
  A / B / C       walking down the ranking: A while the customers before make under 80% of revenue (A is the
                  "80% of revenue" group), B while under 95%, C the rest
  all             every customer; the gini column holds the Gini coefficient of revenue per customer
                  (0 = everyone spends the same, towards 1 = one customer has everything; no small-sample
                  correction; negative revenue counts as 0)
--by customer: one row per customer with rank, revenue, share, cumulative share and ABC class.

Examples:
  orderlens pareto
  orderlens pareto --by customer --out abc.csv`;

export function paretoCommand(ctx: CliContext): Command {
  const cmd = new Command('pareto').description('the 80/20 view: revenue share of the top customers, ABC classes, Gini coefficient');
  cmd
    .addOption(new Option('--monetary <basis>', 'revenue net of refunds or gross').choices(['net', 'gross']).default('net'))
    .addOption(new Option('--by <grouping>', 'the summary, or one row per customer with its class').choices(['summary', 'customer']).default('summary'))
    .addHelpText('after', HELP);
  addAsOfOption(addFilterOptions(addOutputOptions(cmd))).action((flags: ParetoFlags) => {
    const filter = parseFilter(flags);
    const db = openReportDb(ctx);
    try {
      const log = loadPurchaseLog(db, filter);
      if (log.currency === NO_AMOUNTS) throw new DataError('the purchases have no amounts (a transaction log): pareto ranks customers by revenue; rfm, churn, cohorts and ltv work without');
      noteExcluded(ctx, log);
      const asOf = resolveAsOf(ctx, flags.asOf, log);
      const values = computeRfm(log, { asOf, monetary: flags.monetary });
      if (values.customer.length === 0) throw new DataError(`no customer has a counted purchase before ${formatDay(asOf)}: check --as-of and the filters`);
      const p = analyzePareto(values.monetary);
      const a = p.rows.find((r) => r.group === 'A')!;
      note(ctx, said('pareto.summary', { top: a.customers, n: p.customers, share: pct(a.share_customers), gini: p.gini === null ? '–' : p.gini.toFixed(3) }));
      const zh = flags.lang === 'zh';
      if (flags.by === 'customer') emitReport(ctx, paretoCustomerReport(log, values, p, zh), flags);
      else emitReport(ctx, paretoReport(p, log.currency, zh, values.monetaryBasis), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

export function paretoReport(p: ParetoAnalysis, currency: string, zh: boolean, basis: 'net' | 'gross' = 'net'): Report {
  return {
    currency,
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

function paretoCustomerReport(log: PurchaseLog, values: RfmValues, p: ParetoAnalysis, zh: boolean): Report {
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
    rows,
  };
}
