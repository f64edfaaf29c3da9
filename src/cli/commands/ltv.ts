/**
 * `orderlens ltv`: predicted lifetime value from a repeat-purchase model and the Gamma-Gamma spend model;
 * `--holdout DATE` validates the model on the purchases after DATE; `--params` prints the fitted parameters.
 */
import { Command, Option } from 'commander';
import { addSummaryOption, aggregateAsOf, aggregateFilter } from '../aggregate-input.js';
import { checkStreamedOutput, predictSummary, scanSummaryForLtv, STREAM_ABOVE, streamCustomerRows, streamNote, StreamedReport, type LtvSummaryScan } from '../aggregate-ltv.js';
import type { AggregateFilter } from '../../import/aggregate-csv.js';
import { formatDay, formatMonth, monthIndex } from '../../domain/day.js';
import { minorDigits, NO_AMOUNTS } from '../../domain/money.js';
import { parseHorizon } from '../../domain/horizon.js';
import { DataError, UsageError } from '../../errors.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import { acquisitionMonth } from '../../analytics/churn.js';
import { NO_GROUP } from '../../analytics/cohorts.js';
import {
  compareHoldout, groupsWithIntervals, holdoutByCustomer, LtvGroups, LtvPredictor, refusedBeforeFitting, type SumAccumulator, type LtvCustomerRow, type LtvOptions, type ModelChoice,
} from '../../analytics/ltv.js';
import type { TimeUnit } from '../../analytics/ltv-summary.js';
import { emitWhatIf, parseRetentionLift, runTextbookLtv, type WhatIfRequest } from '../ltv-textbook.js';
import { whatIfModel } from '../../analytics/what-if.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseDayFlag, parseFilter, parseValueFlags,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { fitNotes, historyNote, holdoutNotes, refusalText, totalsNotes } from '../../report/ltv-notes.js';
import { rateSaid, spanSaid } from '../../report/ltv-words.js';
import { said } from '../../report/said.js';
import { segmentLabels } from '../../report/segment-names.js';
import { holdoutCustomerReport, holdoutReport, ltvCustomerColumns, ltvCustomerReport, ltvGroupReport, paramsReport } from '../../report/ltv.js';
import { checkAmounts, withCustomerData } from '../with-purchase-log.js';
import { fitLtvInThread, fitModelsInThread, holdoutRowsInThread, ltvPredictionsInThread, rowPredictionsInThread, whatIfRowsInThread } from '../fit-thread.js';

/** Said when the purchases have no amounts: ltv values what it can without them. */
const MODEL_ONLY = said('ltv.noAmounts');

interface LtvFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  model: ModelChoice;
  unit: TimeUnit;
  horizon: string;
  discount: string;
  margin: string;
  holdout?: string;
  by: 'customer' | 'segment' | 'cohort';
  params?: boolean;
  interval: string;
  method: 'model' | 'simple';
  lifetime?: string;
  minSpan: string;
  whatIf?: string;
  costPerCustomer?: string;
  summary?: string;
  stream?: boolean;
}

export function ltvCommand(ctx: CliContext): Command {
  const cmd = new Command('ltv');
  cmd
    .addOption(new Option('--model <model>').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto']).default('bgnbd'))
    .addOption(new Option('--unit <unit>').choices(['day', 'week']).default('week'))
    .option('--horizon <span>', '', '12mo')
    .option('--discount <rate>', '', '10%/yr')
    .option('--margin <share>', '', '100%')
    .option('--holdout <date>')
    .addOption(new Option('--by <grouping>').choices(['segment', 'cohort', 'customer']).default('segment'))
    .option('--params')
    .option('--interval <level>', '', '0.8')
    .addOption(new Option('--method <method>').choices(['model', 'simple']).default('model'))
    .option('--lifetime <span>')
    .option('--min-span <span>', '', '1y')
    .option('--what-if <change>')
    .option('--cost-per-customer <amount>');
  addSummaryOption(addAsOfOption(addFilterOptions(addOutputOptions(cmd))))
    .option('--stream');
  cmd.action(async (flags: LtvFlags, command: Command) => {
    const { horizonDays, discountPerDay, margin } = parseValueFlags(flags);
    const interval = parseInterval(flags.interval);
    const filter = parseFilter(flags);
    const holdout = flags.holdout === undefined ? undefined : parseDayFlag('--holdout', flags.holdout);
    const lifetimeDays = parseSpan('--lifetime', flags.lifetime);
    const minSpanDays = parseSpan('--min-span', flags.minSpan) ?? 0;
    if (flags.method === 'simple' && flags.params) throw new UsageError(said('ltv.paramsSimple'));
    const whatIf = parseWhatIf(flags);
    if (whatIf && (holdout !== undefined || flags.params || command.getOptionValueSource('by') === 'cli')) throw new UsageError(said('ltv.whatIfAlone'));
    if (flags.method !== 'simple' && lifetimeDays !== null) throw new UsageError(said('ltv.lifetimeSimple'));
    if (flags.summary !== undefined && holdout !== undefined) {
      throw new UsageError(said('ltv.holdoutSummary', { holdout: flags.holdout ?? '', file: flags.summary }));
    }
    if (flags.stream && flags.summary === undefined) throw new UsageError(said('ltv.streamNeedsSummary'));
    if (flags.summary !== undefined) {
      const filterA = aggregateFilter(flags, flags.summary);
      const scan = await scanSummaryForLtv(flags.summary, filterA, flags.unit);
      if (scan === null) throw new DataError(said('ltv.summaryNoMatch', { file: flags.summary }));
      if (flags.stream || scan.rows > STREAM_ABOVE) {
        // streamed predictions are per customer: without --by, a streamed ltv lists customers (as --status does in churn)
        if (command.getOptionValueSource('by') !== 'cli') flags.by = 'customer';
        const held = flags.method === 'simple' ? '--method simple' : whatIf ? '--what-if' : flags.by === 'segment' ? '--by segment' : null;
        if (held) {
          throw new UsageError(flags.stream ? said('ltv.heldStream', { held }) : said('ltv.heldLarge', { held, file: flags.summary, n: scan.rows, limit: STREAM_ABOVE }));
        }
        await streamLtv(ctx, flags, flags.summary, filterA, scan, { horizonDays, discountPerDay, margin, interval });
        return;
      }
    }
    await withCustomerData(ctx, flags, async ({ log, asOf, shops: shopCount }) => {
      const amounts = log.currency !== NO_AMOUNTS;
      if (holdout !== undefined && holdout >= asOf - 1) {
        throw new UsageError(said('ltv.holdoutTooLate', { holdout: formatDay(holdout), asOf: formatDay(asOf) }));
      }
      if (flags.method === 'simple') {
        const unused = ['horizon', 'model', 'unit'].filter((o) => command.getOptionValueSource(o) === 'cli');
        if (unused.length > 0) note(ctx, said('ltv.simpleUnused', { flags: unused.map((o) => `--${o}`) }));
        runTextbookLtv(ctx, log, { asOf, holdout, lifetimeDays, minSpanDays, margin, discountPerDay, whatIf }, flags);
        return;
      }
      const options: LtvOptions = { asOf, calibrationEnd: holdout, unit: flags.unit, model: flags.model, horizonDays, discountPerDay, margin, spend: amounts };
      // the long steps (the fits, the row predictions with their intervals) in a worker thread: Ctrl-C is
      // answered while they run (fit-thread.ts)
      const fit = await fitLtvInThread(ctx, log, options);
      if (fit.summary.x.length === 0) {
        throw new DataError(said(holdout === undefined ? 'ltv.nothingToFit' : 'ltv.nothingToFitHoldout', { day: formatDay(fit.summary.calibrationEnd) }));
      }
      for (const line of fitNotes(fit, log.currency, ctx.lang ?? 'en')) note(ctx, line);
      // several shops: one fit over all of them (as churn --model says), and how to fit one shop alone
      const shops = fit.refusal ? 0 : shopCount(fit.summary.customer);
      if (shops > 1) note(ctx, said('ltv.oneFit', { n: shops }));
      // what the history still says beside a refusal made for the data's shape (no prediction)
      if ((fit.refusal?.code === 'one_repeat_each' || fit.refusal?.code === 'no_repeat') && amounts) note(ctx, historyNote(fit, fit.summary.revenue, log.currency));
      if (fit.refusal && (!flags.params || refusedBeforeFitting(fit.refusal))) throw new DataError(refusalText(fit));
      if (flags.params) {
        emitReport(ctx, paramsReport(fit, flags.lang === 'zh' ? 'zh' : 'en'), flags);
        return;
      }
      if (whatIf) {
        if (!fit.chosen.params.every(Number.isFinite)) throw new DataError(said('ltv.whatIfNoFit', { model: fit.chosen.label }));
        note(ctx, said('ltv.valuesOver', { horizon: spanSaid(flags.horizon), days: String(horizonDays), discount: rateSaid(flags.discount), margin: flags.margin }));
        const done = await whatIfRowsInThread(ctx, fit, options, whatIf.lift);
        emitWhatIf(ctx, whatIfModel(log, fit, options, whatIf.lift, done), whatIf, log.currency, flags, { params: fit.chosen.params, unit: fit.summary.unit });
        return;
      }
      if (holdout !== undefined) {
        const rows = await holdoutRowsInThread(ctx, fit);
        const cmp = compareHoldout(fit, rows);
        for (const line of holdoutNotes(cmp, fit)) note(ctx, line);
        if (flags.by === 'customer') emitReport(ctx, holdoutCustomerReport(holdoutByCustomer(log, fit, rows), log, flags.unit), flags);
        else emitReport(ctx, holdoutReport(cmp, fit), flags);
        return;
      }
      const predictions = await ltvPredictionsInThread(ctx, log, fit, { ...options, interval });
      const rows = predictions.rows;
      // the note says what the clv column holds: not said when no customer has one (the warnings say why)
      if (amounts && rows.some((r) => r.clv !== null)) note(ctx, said('ltv.clvOver', { horizon: spanSaid(flags.horizon), days: String(horizonDays), discount: rateSaid(flags.discount), margin: flags.margin }));
      const sums = predictions.sums;
      for (const line of totalsNotes(sums ? (l) => sums(new Int32Array(rows.length), 1, l)[0] : null, interval, log.currency)) note(ctx, line);
      const withIntervals = predictions.sums !== null;
      if (flags.by === 'customer') {
        emitReport(ctx, ltvCustomerReport(rows, log, flags.unit, withIntervals), flags);
      } else if (flags.by === 'segment') {
        const seg = assignSegments(log, { asOf });
        const labels = segmentLabels(seg.segments, flags.lang === 'zh' ? 'zh' : 'en');
        note(ctx, said('ltv.segmentsNote'));
        const label = (r: LtvCustomerRow) => (seg.segmentOfCustomer[r.index] >= 0 ? labels[seg.segmentOfCustomer[r.index]] : NO_GROUP);
        emitReport(ctx, ltvGroupReport(groupsWithIntervals(predictions, label, labels, interval), log.currency, 'segment', withIntervals), flags);
      } else {
        emitReport(ctx, ltvGroupReport(groupsWithIntervals(predictions, acquisitionMonth, [], interval), log.currency, 'cohort', withIntervals), flags);
      }
    }, {
      filter,
      // with --holdout DATE the holdout is the same days for every shop, --method simple's churn year (without
      // --lifetime) one year of dates: shops that end on different days are refused (--as-of: one day for all)
      eachShop: holdout !== undefined ? said('asOf.holdoutWhy') : flags.method === 'simple' && lifetimeDays === null ? said('asOf.simpleWhy') : true,
      loaded(log) {
        if (log.currency !== NO_AMOUNTS) return;
        if (flags.method === 'simple' || whatIf) checkAmounts(log, said('noAmounts.ltv', { what: flags.method === 'simple' ? '--method simple' : '--what-if' }));
        note(ctx, MODEL_ONLY);
      },
    });
  });
  return cmd;
}

/** --what-if and --cost-per-customer; undefined without --what-if. */
function parseWhatIf(flags: LtvFlags): WhatIfRequest | undefined {
  if (flags.whatIf === undefined) {
    if (flags.costPerCustomer !== undefined) throw new UsageError(said('ltv.costNeedsWhatIf'));
    return undefined;
  }
  const lift = parseRetentionLift(flags.whatIf);
  if (lift === null) throw new UsageError(said('ltv.badWhatIf', { value: flags.whatIf }));
  let costPerCustomer: number | null = null;
  if (flags.costPerCustomer !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(flags.costPerCustomer);
    if (!m) throw new UsageError(said('ltv.badCost', { value: flags.costPerCustomer }));
    costPerCustomer = Number(m[1]);
  }
  return { lift, text: flags.whatIf, costPerCustomer };
}

/** A span flag (`3y`, `18mo`) in days; null when not given. */
function parseSpan(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const days = parseHorizon(text);
  if (days === null) throw new UsageError(said('ltv.badSpan', { flag, value: text }));
  return days;
}

/** `--interval`: 0.9 or 90%, strictly between 0 and 1; `none`: no intervals (the columns of before only). */
function parseInterval(text: string): number | undefined {
  const t = text.trim();
  if (t.toLowerCase() === 'none') return undefined;
  const v = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!(v > 0 && v < 1) || t === '') throw new UsageError(said('ltv.badInterval', { value: text }));
  return v;
}

/**
 * `ltv --summary FILE` streamed (--stream, or more than STREAM_ABOVE customers): the fit from the first pass's
 * compressed rows, then the customers predicted and written as the second pass reads them (--by customer), or
 * summed by first-order month (--by cohort); --params needs no second pass.
 */
async function streamLtv(
  ctx: CliContext, flags: LtvFlags, file: string, filter: AggregateFilter, scan: LtvSummaryScan,
  values: { horizonDays: number; discountPerDay: number; margin: number; interval: number | undefined },
): Promise<void> {
  const asOf = aggregateAsOf(ctx, flags.asOf, scan.asOf, file);
  if (flags.by === 'customer' && !flags.params) checkStreamedOutput(ctx, flags, [file]);
  const currency = scan.currency;
  const amounts = currency !== NO_AMOUNTS;
  if (!amounts) note(ctx, MODEL_ONLY);
  const options: LtvOptions = { asOf, unit: flags.unit, model: flags.model, horizonDays: values.horizonDays, discountPerDay: values.discountPerDay, margin: values.margin, spend: amounts };
  const fit = await fitModelsInThread(ctx, scan.input, options, null);
  for (const line of fitNotes(fit, currency, ctx.lang ?? 'en')) note(ctx, line);
  if (fit.refusal && (!flags.params || refusedBeforeFitting(fit.refusal))) throw new DataError(refusalText(fit));
  if (flags.params) {
    emitReport(ctx, paramsReport(fit, flags.lang === 'zh' ? 'zh' : 'en'), flags);
    return;
  }
  const predictorOptions = { ...options, interval: values.interval };
  const predictor = new LtvPredictor(fit, predictorOptions, minorDigits(currency), await rowPredictionsInThread(ctx, fit, predictorOptions));
  if (amounts && predictor.givesClv) note(ctx, said('ltv.clvOver', { horizon: spanSaid(flags.horizon), days: String(values.horizonDays), discount: rateSaid(flags.discount), margin: flags.margin }));
  const intervals = predictor.hasSumIntervals;
  const all = intervals ? predictor.accumulator() : null;
  if (flags.by === 'customer') {
    streamNote(ctx, scan.rows, file);
    const out = new StreamedReport(ctx, flags, ltvCustomerColumns(flags.unit, scan.contact, intervals), currency, [file]);
    try {
      await streamCustomerRows(file, filter, scan, predictor, out, (r, clv, gS) => {
        if (all) predictor.add(all, r, clv, gS);
      });
      out.end();
    } catch (e) {
      out.abort();
      throw e;
    }
    for (const line of totalsNotes(all ? (l) => predictor.sum(all, l) : null, values.interval, currency)) note(ctx, line);
    return;
  }
  // --by cohort: sums per first-order month, as summarizeLtv and the group intervals make them from held rows
  const groups = new LtvGroups();
  const sums = new Map<string, SumAccumulator>();
  await predictSummary(file, filter, scan, predictor, (c) => {
    const month = formatMonth(monthIndex(c.row.first));
    groups.add(month, { revenue: c.row.revenue, ...c.prediction });
    if (!all) return;
    predictor.add(all, c.r, c.prediction.clv, c.gS);
    let a = sums.get(month);
    if (!a) sums.set(month, (a = predictor.accumulator()));
    predictor.add(a, c.r, c.prediction.clv, c.gS);
  });
  for (const line of totalsNotes(all ? (l) => predictor.sum(all, l) : null, values.interval, currency)) note(ctx, line);
  const level = values.interval;
  const rows = groups.rows().map((g) => {
    const a = sums.get(g.group);
    if (!a || level === undefined) return g;
    const s = predictor.sum(a, level);
    return { ...g, expected_purchases_low: s.purchasesLow, expected_purchases_high: s.purchasesHigh, clv_low: s.clvLow, clv_high: s.clvHigh };
  });
  emitReport(ctx, ltvGroupReport(rows, currency, 'cohort', intervals), flags);
}

