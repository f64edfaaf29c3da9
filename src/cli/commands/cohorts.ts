/**
 * `orderlens cohorts`: acquisition cohorts by month, ISO week or quarter; retention, revenue, orders and
 * cumulative revenue per customer by periods since acquisition, as a matrix (a heatmap in the table view) or a
 * long table.
 */
import { builtInSegmentLabel } from '../../report/segment-names.js';
import { Command, Option } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { formatDay, type EpochDay } from '../../domain/day.js';
import { readCountsInput } from '../aggregate-input.js';
import {
  AVERAGE_LABEL, COHORT_METRICS, COHORT_PERIODS, analyzeCohorts, cohortsFromCounts, cohortLong, cohortMatrix, periodKey, type CohortAnalysis, type CohortMetric, type CohortPeriod,
} from '../../analytics/cohorts.js';
import { CUSTOMER_ATTRIBUTES, labelCustomers, type CustomerAttribute } from '../../analytics/customer-groups.js';
import { DataError } from '../../errors.js';
import type { Column, ColumnKind, Report } from '../../output/report.js';
import {
  acquisitionWindow, addAsOfOption, addFilterOptions, addOutputOptions, emitReport, noteExcluded, openReportDb, parseFilter, resolveAsOf,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { cohortPeriodCol, col, namedCol } from '../../report/columns.js';
import { said, type Said } from '../../report/said.js';

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
    const { since, until, ...orderFilter } = parseFilter(flags);
    const lang = flags.lang === 'zh' ? 'zh' : 'en';
    if (flags.counts !== undefined) {
      const counts = await readCountsInput(ctx, flags.counts, flags, { since, until });
      const analysis = cohortsFromCounts(counts.data, { asOf: counts.asOf, period: flags.period, since, until, by: flags.by as 'platform' | 'shop' | undefined });
      emitCohorts(ctx, analysis, flags, counts.data.currency, since, until);
      return;
    }
    const db = openReportDb(ctx);
    try {
      // Every order of the chosen platform/shop/currency: --acquired-since/--acquired-until restrict acquisition, not orders.
      const log = loadPurchaseLog(db, orderFilter);
      noteExcluded(ctx, log);
      const asOf = resolveAsOf(ctx, flags.asOf, log);
      const groupOf = flags.by === undefined ? null : labelCustomers(log, flags.by, { asOf }).map((l) => (l !== null && flags.by === 'segment' ? builtInSegmentLabel(l, lang) : l));
      const analysis = analyzeCohorts(log, { asOf, period: flags.period, since, until, groupOf });
      emitCohorts(ctx, analysis, flags, log.currency, since, until);
    } finally {
      db.close();
    }
  });
  return cmd;
}

/** The cohort table as the flags ask (matrix or long), or a DataError when no cohort is left. */
function emitCohorts(ctx: CliContext, analysis: CohortAnalysis, flags: CohortFlags, currency: string, since: EpochDay | undefined, until: EpochDay | undefined): void {
  if (analysis.customers === 0) throw new DataError(`no customer was acquired ${acquisitionWindow(since, until)}before ${formatDay(analysis.asOf)}: nothing to analyse (check --acquired-since/--acquired-until, --as-of and the filters)`);
  const report = flags.long ? longReport(analysis, flags.by) : matrixReport(analysis, flags.metric, flags.by);
  report.currency = currency;
  report.notes = cohortNotes(analysis, flags.by, flags.long === true);
  emitReport(ctx, report, flags);
}

function metricKind(metric: CohortMetric): ColumnKind {
  switch (metric) {
    case 'retention':
    case 'revenue-retention':
      return 'percent';
    case 'revenue':
    case 'ltv':
      return 'money';
    case 'customers':
    case 'orders':
      return 'int';
  }
}

function groupColumn(by: CustomerAttribute | undefined): Column[] {
  if (by === undefined) return [];
  return [namedCol('group', by)];
}

/** The matrix: cohorts down, periods since acquisition across; one heat scale over the return periods. */
export function matrixReport(a: CohortAnalysis, metric: CohortMetric, by?: CustomerAttribute): Report {
  const kind = metricKind(metric);
  // Period 0 is the acquisition period itself (retention there is 100% by definition), so the heat scale
  // compares the periods after it; ltv accumulates, so all of its columns share the scale.
  const columns: Column[] = [
    ...groupColumn(by),
    col('cohort'),
    col('cohort_size'),
    ...Array.from({ length: a.periods }, (_, k): Column =>
      cohortPeriodCol(periodKey(a.period, k), k, a.period, kind, { heat: metric === 'ltv' || k > 0 ? 'matrix' : undefined }),
    ),
  ];
  return {
    columns,
    rows: cohortMatrix(a, metric),
    matrix: { fixed: columns.length - a.periods, rowNoun: `${a.period}ly cohorts`, always: (row) => row.cohort === AVERAGE_LABEL },
  };
}

export function longReport(a: CohortAnalysis, by?: CustomerAttribute): Report {
  const columns: Column[] = [
    ...groupColumn(by),
    col('cohort'),
    col('period'),
    col('customers@active'),
    col('cohort_size'),
    col('retention'),
    col('revenue'),
    col('orders'),
    col('cumulative_revenue_per_customer'),
  ];
  return { columns, rows: cohortLong(a) };
}

function cohortNotes(a: CohortAnalysis, by: CustomerAttribute | undefined, long: boolean): Said[] {
  const period = said(`cohorts.${a.period}`);
  const split = by ? said('cohorts.splitBy', { by }) : '';
  const notes = [said('cohorts.summary', { n: a.customers, cohorts: a.cohorts.length, period, split, day: formatDay(a.asOf) })];
  if (a.lastPeriodPartial) notes.push(said('cohorts.partial', { period, day: formatDay(a.asOf - 1) }));
  if (!long) notes.push(said('cohorts.average', { label: AVERAGE_LABEL })); // --long has no average rows
  return notes;
}
