/**
 * `orderlens pareto`: the 80/20 view — how much revenue the top customers bring, the smallest share of
 * customers making 80% of revenue, ABC classes and the Gini coefficient.
 */
import { Command, Option } from 'commander';
import { computeRfm, type MonetaryBasis } from '../../analytics/rfm.js';
import { analyzePareto } from '../../analytics/pareto.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { paretoCustomerReport, paretoReport } from '../../report/pareto.js';
import { said } from '../../report/said.js';
import { noCustomerBefore, withPurchaseLog } from '../with-purchase-log.js';

interface ParetoFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  monetary: MonetaryBasis;
  by: 'summary' | 'customer';
}

export function paretoCommand(ctx: CliContext): Command {
  const cmd = new Command('pareto');
  cmd
    .addOption(new Option('--monetary <basis>').choices(['net', 'gross']).default('net'))
    .addOption(new Option('--by <grouping>').choices(['summary', 'customer']).default('summary'));
  addAsOfOption(addFilterOptions(addOutputOptions(cmd))).action((flags: ParetoFlags) => {
    withPurchaseLog(ctx, flags, ({ log, asOf }) => {
      const values = computeRfm(log, { asOf, monetary: flags.monetary });
      if (values.customer.length === 0) throw noCustomerBefore(asOf);
      const p = analyzePareto(values.monetary);
      const a = p.rows.find((r) => r.group === 'A')!;
      note(ctx, said('pareto.summary', { top: a.customers, n: p.customers, share: pct(a.share_customers), gini: p.gini === null ? '–' : p.gini.toFixed(3) }));
      const zh = flags.lang === 'zh';
      if (flags.by === 'customer') emitReport(ctx, paretoCustomerReport(log, values, p, zh), flags);
      else emitReport(ctx, paretoReport(p, log.currency, zh, values.monetaryBasis), flags);
    }, { needsAmounts: said('noAmounts.pareto'), eachShop: true });
  });
  return cmd;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

