/**
 * `orderlens cohorts`: acquisition cohorts by month, ISO week or quarter; retention, revenue, orders and
 * cumulative revenue per customer by periods since acquisition, as a matrix (a heatmap in the table view) or a
 * long table.
 */
import { Command, Option } from 'commander';
import type { EpochDay } from '../../domain/day.js';
import { readCountsInput } from '../aggregate-input.js';
import { COHORT_METRICS, COHORT_PERIODS, analyzeCohorts, cohortsFromCounts, type CohortAnalysis, type CohortMetric, type CohortPeriod } from '../../analytics/cohorts.js';
import { CUSTOMER_ATTRIBUTES, labelCustomers, type CustomerAttribute } from '../../analytics/customer-groups.js';
import { DataError } from '../../errors.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, parseAcquisition, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { cohortLongReport, cohortMatrixReport, cohortNotes } from '../../report/cohorts.js';
import { builtInSegmentLabel } from '../../report/segment-names.js';
import { withPurchaseLog } from '../with-purchase-log.js';
import { noCustomerAcquired } from '../../report/wording.js';

interface CohortFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  period: CohortPeriod;
  metric: CohortMetric;
  long?: boolean;
  by?: CustomerAttribute;
  counts?: string;
}

const HELP = `
Definitions:
  cohort              the period of a customer's first counted order (local days); --period month (default),
                      week (ISO weeks, Monday start) or quarter. --acquired-since/--acquired-until keep the
                      customers whose first order falls in that window; their later orders all count.
  period k            the k-th period after the acquisition period (k = 0 is the acquisition period).
  customers           cohort customers who ordered in period k          retention  customers / cohort size
  revenue             their net revenue in period k                     orders     their orders in period k
  revenue-retention   revenue in period k / revenue in period 0
  ltv                 cumulative net revenue per cohort customer through period k
  average row         each period's mean over the cohorts that have reached it, weighted by cohort size
                      (retention: Σ customers / Σ size; ltv: Σ cumulative revenue / Σ size); its cohort_size is
                      the number of customers of all cohorts.
Orders on or after --as-of do not count; cells of periods that start on or after it are blank, not zero.
The newest column may be a partial period (said on stderr). --long writes one row per cohort and period with
every measure (no average rows). --by splits cohorts by platform, platform/shop or RFM segment (as of --as-of).

Examples:
  orderlens cohorts                               # monthly retention matrix
  orderlens cohorts --metric ltv --period quarter
  orderlens cohorts --by shop --acquired-since 2024-01-01 --format csv
  orderlens cohorts --long --out cohorts.csv`;

export function cohortsCommand(ctx: CliContext): Command {
  const cmd = new Command('cohorts').description('acquisition cohorts: retention, revenue and cumulative revenue per customer by periods since the first order');
  cmd
    .addOption(new Option('--period <period>', 'cohort and column period').choices(COHORT_PERIODS).default('month'))
    .addOption(new Option('--metric <metric>', 'what the matrix cells show').choices(COHORT_METRICS).default('retention'))
    .option('--long', 'one row per cohort and period with every measure, instead of the matrix')
    .addOption(new Option('--by <attribute>', 'split cohorts by a customer attribute').choices(CUSTOMER_ATTRIBUTES))
    .addHelpText('after', HELP);
  addAsOfOption(addFilterOptions(addOutputOptions(cmd), 'acquisition'))
    .option('--counts <file>', 'read the cohort counts CSV a warehouse computed, instead of the database (README "Reports from aggregates")')
    .action(async (flags: CohortFlags) => {
    const { window: { since, until }, filter } = parseAcquisition(flags);
    const lang = flags.lang === 'zh' ? 'zh' : 'en';
    if (flags.counts !== undefined) {
      const counts = await readCountsInput(ctx, flags.counts, flags, { since, until });
      const analysis = cohortsFromCounts(counts.data, { asOf: counts.asOf, period: flags.period, since, until, by: flags.by as 'platform' | 'shop' | undefined });
      emitCohorts(ctx, analysis, flags, counts.data.currency, since, until);
      return;
    }
    // Every order of the chosen platform/shop/currency: --acquired-since/--acquired-until restrict acquisition, not orders.
    withPurchaseLog(ctx, flags, ({ log, asOf }) => {
      const groupOf = flags.by === undefined ? null : labelCustomers(log, flags.by, { asOf }).map((l) => (l !== null && flags.by === 'segment' ? builtInSegmentLabel(l, lang) : l));
      const analysis = analyzeCohorts(log, { asOf, period: flags.period, since, until, groupOf });
      emitCohorts(ctx, analysis, flags, log.currency, since, until);
    }, { filter });
  });
  return cmd;
}

/** The cohort table as the flags ask (matrix or long), or a DataError when no cohort is left. */
function emitCohorts(ctx: CliContext, analysis: CohortAnalysis, flags: CohortFlags, currency: string, since: EpochDay | undefined, until: EpochDay | undefined): void {
  if (analysis.customers === 0) throw new DataError(noCustomerAcquired(since, until, analysis.asOf));
  const report = flags.long ? cohortLongReport(analysis, flags.by) : cohortMatrixReport(analysis, flags.metric, flags.by);
  report.currency = currency;
  report.notes = cohortNotes(analysis, flags.by, flags.long === true);
  emitReport(ctx, report, flags);
}

