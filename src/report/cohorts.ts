/** The reports of `orderlens cohorts`: the matrix, the long table, and their notes. */
import { formatDay } from '../domain/day.js';
import { AVERAGE_LABEL, cohortLong, cohortMatrix, periodKey, type CohortAnalysis, type CohortMetric } from '../analytics/cohorts.js';
import type { CustomerAttribute } from '../analytics/customer-groups.js';
import type { Column, ColumnKind, Report } from '../output/report.js';
import { cohortPeriodCol, col, namedCol } from './columns.js';
import { said, type Said } from './said.js';
import { say, type Lang } from './messages.js';

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
  // whole: a cut shop name (`generic/明日图书旗…`) could be another shop's; a narrow terminal leaves out a measure first
  return [namedCol('group', by, { whole: true })];
}

/** The matrix: cohorts down, periods since acquisition across; one heat scale over the return periods. */
export function cohortMatrixReport(a: CohortAnalysis, metric: CohortMetric, lang: Lang, by?: CustomerAttribute): Report {
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
  // the average row's label is a word: Chinese under Chinese (a table, or a file asked for with --lang zh)
  const average = averageLabel(lang);
  const rows = cohortMatrix(a, metric);
  if (average !== AVERAGE_LABEL) for (const row of rows) if (row.cohort === AVERAGE_LABEL) row.cohort = average;
  return {
    columns,
    rows,
    // a narrow terminal: every cohort, the first periods, and a line naming the periods left out
    matrix: { fixed: columns.length - a.periods, notShown: (first, last) => say(lang, first === last ? 'cohorts.notShownOne' : 'cohorts.notShown', { first, last }) },
  };
}

export function cohortLongReport(a: CohortAnalysis, by?: CustomerAttribute): Report {
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
  // a narrow terminal: the period's orders, then the cohort's size, then its revenue, before a cohort label is cut
  return { columns, rows: cohortLong(a), drop: ['orders', 'cohort_size', 'revenue'] };
}

/** The label of the matrix's average rows in `lang`: `average`, `平均`. */
export function averageLabel(lang: Lang): string {
  return lang === 'zh' ? say('zh', 'report.cohorts.average') : AVERAGE_LABEL;
}

/** The notes of a cohort table; `lang`: the language of its cells (the average rows' label). */
export function cohortNotes(a: CohortAnalysis, by: CustomerAttribute | undefined, long: boolean, lang: Lang = 'en'): Said[] {
  const period = said(`cohorts.${a.period}`);
  const split = by ? said('cohorts.splitBy', { by }) : '';
  // shops measured from their own last day: their days were said when the log was read
  const notes = [said('cohorts.summary', { n: a.customers, cohorts: a.cohorts.length, period, split, day: a.ownEnds ? said('asOf.eachShop') : formatDay(a.asOf) })];
  if (a.ownEnds) notes.push(said('cohorts.ownEnds', { period: a.lastPeriodPartial ? said('cohorts.ownEndsPartial', { period }) : '' }));
  else if (a.lastPeriodPartial) notes.push(said('cohorts.partial', { period, day: formatDay(a.asOf - 1) }));
  // --long has no average rows; a Chinese label needs no gloss
  if (!long) notes.push(lang === 'zh' ? said('cohorts.averageOwn', { label: averageLabel(lang) }) : said('cohorts.average', { label: AVERAGE_LABEL }));
  return notes;
}
