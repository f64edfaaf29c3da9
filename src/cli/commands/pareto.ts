/**
 * `orderlens pareto`: the 80/20 view — how much revenue the top customers bring, the smallest share of
 * customers making 80% of revenue, ABC classes and the Gini coefficient.
 */
import { Command, Option } from 'commander';
import { formatDay } from '../../domain/day.js';
import { DataError } from '../../errors.js';
import { computeRfm, type MonetaryBasis } from '../../analytics/rfm.js';
import { analyzePareto } from '../../analytics/pareto.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { paretoCustomerReport, paretoReport } from '../../report/pareto.js';
import { said } from '../../report/said.js';
import { withPurchaseLog } from '../with-purchase-log.js';

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
    withPurchaseLog(ctx, flags, ({ log, asOf }) => {
      const values = computeRfm(log, { asOf, monetary: flags.monetary });
      if (values.customer.length === 0) throw new DataError(`no customer has a counted purchase before ${formatDay(asOf)}: check --as-of and the filters`);
      const p = analyzePareto(values.monetary);
      const a = p.rows.find((r) => r.group === 'A')!;
      note(ctx, said('pareto.summary', { top: a.customers, n: p.customers, share: pct(a.share_customers), gini: p.gini === null ? '–' : p.gini.toFixed(3) }));
      const zh = flags.lang === 'zh';
      if (flags.by === 'customer') emitReport(ctx, paretoCustomerReport(log, values, p, zh), flags);
      else emitReport(ctx, paretoReport(p, log.currency, zh, values.monetaryBasis), flags);
    }, { needsAmounts: 'pareto ranks customers by revenue; rfm, churn, cohorts and ltv work without' });
  });
  return cmd;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

