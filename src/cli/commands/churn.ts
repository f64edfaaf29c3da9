/**
 * `orderlens churn`: who has stopped buying. Churn rate by group (the main table), every customer with a
 * status and a reason (`--by customer`), or a win-back list (`--status at_risk --out winback.csv`).
 */
import { Command, Option } from 'commander';
import { formatDay } from '../../domain/day.js';
import { NO_AMOUNTS, displayMoney } from '../../domain/money.js';
import { isAggregates, type CustomerData } from '../../domain/aggregates.js';
import { addSummaryOption, readGapsInput } from '../aggregate-input.js';
import { DataError, UsageError } from '../../errors.js';
import {
  CHURN_STATUSES, DEFAULT_K, GAP_PERCENTILE, acquisitionMonth, addModelFlags, flagChurn, flagChurnColumns, frequencyBand, summarizeChurn, summarizeChurnColumns,
  type ChurnAnalysis, type ChurnRow, type ChurnRule, type ChurnStatus,
} from '../../analytics/churn.js';
import { probabilityAliveByCustomer, type ModelChoice } from '../../analytics/ltv.js';
import { fitLtvInThread } from '../fit-thread.js';
import { NO_GROUP } from '../../analytics/cohorts.js';
import { labelCustomers } from '../../analytics/customer-groups.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseAcquisition, parseNumberFlag,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { builtInSegmentLabel } from '../../report/segment-names.js';
import { said } from '../../report/said.js';
import { shopsOf } from '../../report/shop-count.js';
import { noCustomerAcquired } from '../../report/wording.js';
import { CHURN_GROUPINGS, churnCustomerReport, churnGroupReport, type ChurnGrouping } from '../../report/churn.js';
import { fitStopSaid, ltvWarningText } from '../../report/ltv-words.js';
import type { Lang } from '../../report/messages.js';
import { withCustomerData } from '../with-purchase-log.js';
import { segmentsBeside, type SegmentsOfCustomers } from '../beside-thread.js';


interface ChurnFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  gapMultiplier: string;
  /** The old name of --gap-multiplier (hidden; `--k` is the number of clusters in segments). */
  k?: string;
  days?: string;
  by?: ChurnGrouping;
  status?: ChurnStatus;
  model?: ModelChoice;
  p: string;
  summary?: string;
  gaps?: string;
}

export function churnCommand(ctx: CliContext): Command {
  const cmd = new Command('churn');
  cmd
    .option('--gap-multiplier <k>', '', String(DEFAULT_K))
    .addOption(new Option('--k <k>').hideHelp())
    .option('--days <n>')
    .addOption(new Option('--by <grouping>').choices(CHURN_GROUPINGS))
    .addOption(new Option('--status <status>').choices(CHURN_STATUSES))
    .addOption(new Option('--model [model]').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto']).preset('mbgnbd'))
    .option('--p <p>', '', '0.3');
  addSummaryOption(addAsOfOption(addFilterOptions(addOutputOptions(cmd), 'acquisition')))
    .option('--gaps <file>');
  cmd.action(async (flags: ChurnFlags) => {
    const kFlag = flags.k !== undefined ? '--k' : '--gap-multiplier';
    const k = parseNumberFlag(kFlag, flags.k ?? flags.gapMultiplier, 0, 1000);
    if (k === 0) throw new UsageError(said('churn.kAboveZero', { flag: kFlag }));
    const days = flags.days === undefined ? null : parseNumberFlag('--days', flags.days, 1, 100_000);
    if (flags.status !== undefined && flags.by !== undefined && flags.by !== 'customer') {
      throw new UsageError(said('churn.statusByCustomer', { by: flags.by }));
    }
    const by: ChurnGrouping = flags.by ?? (flags.status !== undefined ? 'customer' : 'segment');
    const pCut = parseNumberFlag('--p', flags.p, 0, 1);
    const { window: { since, until }, filter } = parseAcquisition(flags);
    if (flags.summary === undefined) await readGapsInput(flags.gaps, undefined, flags, null); // --gaps without --summary: a usage error before the database opens
    await withCustomerData(ctx, flags, async ({ log, asOf, summary }) => {
      const gapHistogram = await readGapsInput(flags.gaps, flags.summary, flags, summary);
      const first = firstPurchaseDay(log);
      if (first >= asOf && Number.isFinite(first)) {
        throw new DataError(said('churn.acquiredLater', { day: formatDay(asOf), first: formatDay(first) }));
      }
      // churn by segment: the customers' segments in the second thread while this one flags them (beside-thread.ts)
      const segments = by === 'segment' && !isAggregates(log) ? segmentsBeside(log, asOf) : null;
      const options = { asOf, k, days, since, until, detail: by === 'customer', gapHistogram };
      const lang = flags.lang === 'zh' ? 'zh' : 'en';
      if (by !== 'customer' && flags.model === undefined) {
        // a group table: the flags in columns, no object per customer (flagChurnColumns)
        const flagged = flagChurnColumns(log, options);
        if (flagged.length === 0) throw new DataError(noCustomerAcquired(since, until, asOf));
        describeRule(ctx, flagged, flagged.length, (i) => CHURN_STATUSES[flagged.status[i]], (i) => flagged.revenue[i], log);
        // grouped by the segment's name, worded for the reader after the groups are sorted: ties in the same order in every language
        const label = groupLabeller(log, by, asOf, 'en', await segments?.result());
        const byEntry = (i: number) => label(flagged.customer[i], flagged.first[i], flagged.orders[i]);
        emitReport(ctx, churnGroupReport(summarizeChurnColumns(flagged, byEntry), log.currency, by, false, lang), flags);
        return;
      }
      const analysis = flagChurn(log, options);
      if (analysis.rows.length === 0) throw new DataError(noCustomerAcquired(since, until, asOf));
      const rows = analysis.rows;
      describeRule(ctx, analysis, rows.length, (i) => rows[i].status, (i) => rows[i].revenue, log);
      if (flags.model !== undefined) analysis.rows = await withModel(ctx, log, analysis, flags.model, pCut, lang);
      if (by === 'customer') {
        const rows = flags.status === undefined ? analysis.rows : analysis.rows.filter((r) => r.status === flags.status);
        emitReport(ctx, churnCustomerReport(rows, log, lang), flags);
        return;
      }
      const label = groupLabeller(log, by, asOf, 'en', await segments?.result());
      emitReport(ctx, churnGroupReport(summarizeChurn(analysis.rows, (r) => label(r.index, r.first_order, r.orders)), log.currency, by, true, lang), flags);
    }, { filter, window: 'acquisition', eachShop: true });
  });
  return cmd;
}

/** The first purchase day of a log or summary (Infinity when empty). */
function firstPurchaseDay(data: CustomerData): number {
  const days = isAggregates(data) ? data.first : data.day;
  let first = Infinity;
  for (let i = 0; i < days.length; i++) if (days[i] < first) first = days[i];
  return first;
}

/** The group of a customer (index, first purchase day, orders) in a churn table by segment, cohort or frequency. */
function groupLabeller(log: CustomerData, by: Exclude<ChurnGrouping, 'customer'>, asOf: number, lang: 'en' | 'zh', segments?: SegmentsOfCustomers): (c: number, first: number, orders: number) => string {
  if (by === 'cohort') {
    // one text per month, not one per customer
    const months = new Map<number, string>();
    return (_c, first) => {
      let m = months.get(first);
      if (m === undefined) months.set(first, (m = acquisitionMonth({ first_order: first })));
      return m;
    };
  }
  if (by === 'frequency') return (_c, _first, orders) => frequencyBand(orders);
  if (by === 'segment' && segments) {
    const names = segments.names.map((n) => builtInSegmentLabel(n, lang));
    return (c) => {
      const s = segments.segmentOfCustomer[c];
      return s >= 0 ? names[s] : NO_GROUP;
    };
  }
  const labels = labelCustomers(log, by, { asOf }).map((l) => (l !== null && by === 'segment' ? builtInSegmentLabel(l, lang) : l));
  return (c) => labels[c] ?? NO_GROUP;
}

/** Fits the purchase model on the whole log and puts P(alive) beside the rule's status. */
async function withModel(ctx: CliContext, log: CustomerData, a: ChurnAnalysis, model: ModelChoice, p: number, lang: Lang): Promise<ChurnRow[]> {
  // the fit in a worker thread: Ctrl-C is answered while it runs (fit-thread.ts)
  const fit = await fitLtvInThread(ctx, log, { asOf: a.asOf, model, unit: 'week' });
  const f = fit.chosen;
  if (fit.refusal?.code === 'one_repeat_each') note(ctx, said('churn.modelOneRepeat', { n: fit.repeatCustomers }));
  else if (fit.refusal?.code === 'no_repeat' || fit.refusal?.code === 'flat_likelihood') note(ctx, said('churn.modelNoRepeat'));
  else if (fit.refusal) note(ctx, said('churn.modelRefused', { n: fit.repeatCustomers }));
  else note(ctx, said('churn.modelFit', { model: f.label, n: f.customers, status: f.converged ? said('ltv.fitConverged') : said('churn.modelNotConverged', { stop: fitStopSaid(f) }), p: String(p) }));
  // several shops: one fit over all of them, said plainly (the rule measures each customer in their own shop)
  const shops = shopsOf(log);
  if (!fit.refusal && shops > 1) note(ctx, said('churn.modelOneFit', { n: shops }));
  for (const w of fit.warnings) note(ctx, said('ltv.warning', { text: ltvWarningText(ctx.lang ?? lang, w) }));
  const rows = addModelFlags(a.rows, probabilityAliveByCustomer(log, fit), p);
  const both = rows.filter((r) => r.model_status !== null);
  const agree = both.filter((r) => (r.status === 'churned') === (r.model_status === 'churned')).length;
  if (both.length > 0) note(ctx, said('churn.agree', { agree, n: both.length, share: `${((agree / both.length) * 100).toFixed(1)}%` }));
  return rows;
}

/** The rule's notes: G and where it came from, then how many customers are active, at risk and churned. */
function describeRule(ctx: CliContext, a: ChurnRule, n: number, statusOf: (i: number) => ChurnStatus, revenueOf: (i: number) => number, log: CustomerData): void {
  const currency = log.currency;
  const g =
    a.thresholdSource === 'days'
      ? said('churn.gGiven', { days: a.threshold })
      : said('churn.gMeasured', { days: a.threshold, percentile: GAP_PERCENTILE * 100, gaps: a.gaps, repeat: a.repeatCustomers });
  note(ctx, said('churn.rule', { k: a.k, g }));
  // one pass over the customers (a million of them for a large shop), no filtered copies
  const counts: Record<ChurnStatus, number> = { active: 0, at_risk: 0, churned: 0 };
  let atRiskRevenue = 0;
  for (let i = 0; i < n; i++) {
    const status = statusOf(i);
    counts[status]++;
    if (status === 'at_risk') atRiskRevenue += revenueOf(i);
  }
  const count = (s: ChurnStatus) => counts[s];
  const pct = (x: number) => (n === 0 ? '0.0%' : `${((x / n) * 100).toFixed(1)}%`);
  const atRisk = currency === NO_AMOUNTS ? said('churn.share', { share: pct(count('at_risk')) }) : said('churn.shareRevenue', { share: pct(count('at_risk')), revenue: displayMoney(atRiskRevenue, currency) });
  // shops measured from their own last day (PurchaseLog.lag): their days were said when the log was read
  const day = !isAggregates(log) && log.lag !== undefined ? said('asOf.eachShop') : formatDay(a.asOf);
  note(ctx, said('churn.summary', { day, n, active: count('active'), atRisk: count('at_risk'), atRiskShare: atRisk, churned: count('churned'), churnedShare: pct(count('churned')) }));
}
