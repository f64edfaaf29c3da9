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

export function cohortsCommand(ctx: CliContext): Command {
  const cmd = new Command('cohorts');
  cmd
    .addOption(new Option('--period <period>').choices(COHORT_PERIODS).default('month'))
    .addOption(new Option('--metric <metric>').choices(COHORT_METRICS).default('retention'))
    .option('--long')
    .addOption(new Option('--by <attribute>').choices(CUSTOMER_ATTRIBUTES));
  addAsOfOption(addFilterOptions(addOutputOptions(cmd), 'acquisition'))
    .option('--counts <file>')
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
    }, { filter, eachShop: true });
  });
  return cmd;
}

/** The cohort table as the flags ask (matrix or long), or a DataError when no cohort is left. */
function emitCohorts(ctx: CliContext, analysis: CohortAnalysis, flags: CohortFlags, currency: string, since: EpochDay | undefined, until: EpochDay | undefined): void {
  if (analysis.customers === 0) throw new DataError(noCustomerAcquired(since, until, analysis.asOf));
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  const report = flags.long ? cohortLongReport(analysis, flags.by) : cohortMatrixReport(analysis, flags.metric, lang, flags.by);
  report.currency = currency;
  report.notes = cohortNotes(analysis, flags.by, flags.long === true, lang);
  emitReport(ctx, report, flags);
}

