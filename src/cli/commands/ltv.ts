/**
 * `orderlens ltv`: predicted lifetime value from a repeat-purchase model and the Gamma-Gamma spend model;
 * `--holdout DATE` validates the model on the purchases after DATE; `--params` prints the fitted parameters.
 */
import { Command, Option } from 'commander';
import { addSummaryOption, aggregateAsOf, aggregateFilter } from '../aggregate-input.js';
import { checkStreamedOutput, predictSummary, scanSummaryForLtv, STREAM_ABOVE, streamNote, StreamedReport, type LtvSummaryScan } from '../aggregate-ltv.js';
import type { AggregateFilter } from '../../import/aggregate-csv.js';
import { dayFormatter, formatDay, formatMonth, monthIndex } from '../../domain/day.js';
import { displayMoney, minorDigits, NO_AMOUNTS } from '../../domain/money.js';
import { parseHorizon } from '../../domain/horizon.js';
import { DataError, UsageError } from '../../errors.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import { acquisitionMonth } from '../../analytics/churn.js';
import { NO_GROUP } from '../../analytics/cohorts.js';
import {
  compareHoldout, holdoutByCustomer, LtvGroups, LtvPredictor, summarizeLtv, type HoldoutComparison, type LtvModelFit, type SumAccumulator, type SumInterval, type LtvPredictions, type LtvCustomerRow, type LtvFit, type LtvGroupRow, type LtvOptions, type LtvRefusal, type ModelChoice,
} from '../../analytics/ltv.js';
import type { ModelFit } from '../../analytics/models/fit-model.js';
import type { TimeUnit } from '../../analytics/ltv-summary.js';
import { emitWhatIf, parseRetentionLift, runTextbookLtv, type WhatIfRequest } from '../ltv-textbook.js';
import { whatIfModel } from '../../analytics/what-if.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseDayFlag, parseFilter, parseValueFlags,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { fitStopText, ltvNoteText, ltvWarningText } from '../../report/ltv-words.js';
import type { Lang } from '../../report/messages.js';
import { segmentLabels } from '../../report/segment-names.js';
import { convergence, holdoutCustomerReport, holdoutReport, ltvCustomerColumns, ltvCustomerReport, ltvGroupReport, paramsReport } from '../../report/ltv.js';
import { checkAmounts, withCustomerData } from '../with-purchase-log.js';
import { fitLtvInThread, fitModelsInThread, ltvPredictionsInThread, rowPredictionsInThread } from '../fit-thread.js';

/** Said when the purchases have no amounts: ltv values what it can without them. */
const MODEL_ONLY = 'the purchases have no amounts (a transaction log): the purchase model alone (expected purchases, P(alive)); no spend model, no CLV';

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
    if (flags.method === 'simple' && flags.params) throw new UsageError('--params prints fitted model parameters: --method simple fits none');
    const whatIf = parseWhatIf(flags);
    if (whatIf && (holdout !== undefined || flags.params || command.getOptionValueSource('by') === 'cli')) throw new UsageError('--what-if values the whole shop: leave out --holdout, --params and --by');
    if (flags.method !== 'simple' && lifetimeDays !== null) throw new UsageError('--lifetime is for --method simple (the models estimate how long customers stay)');
    if (flags.summary !== undefined && holdout !== undefined) {
      throw new UsageError(`--holdout compares predictions with the purchases after ${flags.holdout}, which ${flags.summary} does not have (one as-of day): compute the summary as of the holdout day and compare with the database`);
    }
    if (flags.stream && flags.summary === undefined) throw new UsageError('--stream goes with --summary FILE (it streams the summary file)');
    if (flags.summary !== undefined) {
      const filterA = aggregateFilter(flags, flags.summary);
      const scan = await scanSummaryForLtv(flags.summary, filterA, flags.unit);
      if (scan === null) throw new DataError(`${flags.summary}: no customer matches: nothing to analyse (check --platform, --shop and --currency)`);
      if (flags.stream || scan.rows > STREAM_ABOVE) {
        // streamed predictions are per customer: without --by, a streamed ltv lists customers (as --status does in churn)
        if (command.getOptionValueSource('by') !== 'cli') flags.by = 'customer';
        const held = flags.method === 'simple' ? '--method simple' : whatIf ? '--what-if' : flags.by === 'segment' ? '--by segment' : null;
        if (held) {
          throw new UsageError(`${held} needs every customer at once, and ${flags.stream ? '--stream writes them as they come' : `${flags.summary} has ${scan.rows.toLocaleString('en-US')} customers (more than ${STREAM_ABOVE.toLocaleString('en-US')} are streamed)`}: run it on the database, or on a smaller summary`);
        }
        await streamLtv(ctx, flags, flags.summary, filterA, scan, { horizonDays, discountPerDay, margin, interval });
        return;
      }
    }
    await withCustomerData(ctx, flags, async ({ log, asOf }) => {
      const amounts = log.currency !== NO_AMOUNTS;
      if (holdout !== undefined && holdout >= asOf - 1) {
        throw new UsageError(`--holdout ${formatDay(holdout)} leaves no holdout period before --as-of ${formatDay(asOf)}: pick an earlier date`);
      }
      if (flags.method === 'simple') {
        const unused = ['horizon', 'model', 'unit'].filter((o) => command.getOptionValueSource(o) === 'cli');
        if (unused.length > 0) note(ctx, `${unused.map((o) => `--${o}`).join(', ')}: not used by --method simple (its horizon is the expected lifetime; it fits no model)`);
        runTextbookLtv(ctx, log, { asOf, holdout, lifetimeDays, minSpanDays, margin, discountPerDay, whatIf }, flags);
        return;
      }
      const options: LtvOptions = { asOf, calibrationEnd: holdout, unit: flags.unit, model: flags.model, horizonDays, discountPerDay, margin, spend: amounts };
      // the long steps (the fits, the row predictions with their intervals) in a worker thread: Ctrl-C is
      // answered while they run (fit-thread.ts)
      const fit = await fitLtvInThread(ctx, log, options);
      if (fit.summary.x.length === 0) {
        throw new DataError(`no customer has a counted purchase on or before ${formatDay(fit.summary.calibrationEnd)}: nothing to fit (check --as-of${holdout === undefined ? '' : ', --holdout'} and the filters)`);
      }
      const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
      describeFit(ctx, fit, log.currency, lang);
      for (const w of fit.warnings) note(ctx, `warning: ${ltvWarningText(lang, w)}`);
      if (fit.refusal && !flags.params) throw new DataError(refusalText(fit));
      if (flags.params) {
        emitReport(ctx, paramsReport(fit), flags);
        return;
      }
      if (whatIf) {
        if (!fit.chosen.params.every(Number.isFinite)) throw new DataError(`--what-if needs a fitted model: ${fit.chosen.label} has no usable parameters (see the warnings above)`);
        note(ctx, `values over ${flags.horizon} (${horizonDays} days), discount ${flags.discount}, margin ${flags.margin}`);
        emitWhatIf(ctx, whatIfModel(log, fit, options, whatIf.lift), whatIf, log.currency, flags, { params: fit.chosen.params, unit: fit.summary.unit });
        return;
      }
      if (holdout !== undefined) {
        const cmp = compareHoldout(fit);
        describeHoldout(ctx, cmp, fit);
        if (flags.by === 'customer') emitReport(ctx, holdoutCustomerReport(holdoutByCustomer(log, fit), log, flags.unit), flags);
        else emitReport(ctx, holdoutReport(cmp, fit), flags);
        return;
      }
      const predictions = await ltvPredictionsInThread(ctx, log, fit, { ...options, interval });
      const rows = predictions.rows;
      if (amounts) note(ctx, `CLV over ${flags.horizon} (${horizonDays} days), discount ${flags.discount}, margin ${flags.margin}; monthly steps of 30.4375 days`);
      const sums = predictions.sums;
      describeTotals(ctx, sums ? (l) => sums(new Int32Array(rows.length), 1, l)[0] : null, interval, log.currency);
      const withIntervals = predictions.sums !== null;
      if (flags.by === 'customer') {
        emitReport(ctx, ltvCustomerReport(rows, log, flags.unit, withIntervals), flags);
      } else if (flags.by === 'segment') {
        const seg = assignSegments(log, { asOf });
        const labels = segmentLabels(seg.segments, flags.lang === 'zh' ? 'zh' : 'en');
        note(ctx, 'segments: the RFM segments of `orderlens rfm` (default map), as of the same day');
        const label = (r: LtvCustomerRow) => (seg.segmentOfCustomer[r.index] >= 0 ? labels[seg.segmentOfCustomer[r.index]] : NO_GROUP);
        emitReport(ctx, ltvGroupReport(groupsWithIntervals(predictions, label, labels, interval), log.currency, 'segment', withIntervals), flags);
      } else {
        emitReport(ctx, ltvGroupReport(groupsWithIntervals(predictions, acquisitionMonth, [], interval), log.currency, 'cohort', withIntervals), flags);
      }
    }, {
      filter,
      loaded(log) {
        if (log.currency !== NO_AMOUNTS) return;
        if (flags.method === 'simple' || whatIf) checkAmounts(log, `${flags.method === 'simple' ? '--method simple' : '--what-if'} values money; the purchase model (the default method) works without`);
        note(ctx, MODEL_ONLY);
      },
    });
  });
  return cmd;
}

/** --what-if and --cost-per-customer; undefined without --what-if. */
function parseWhatIf(flags: LtvFlags): WhatIfRequest | undefined {
  if (flags.whatIf === undefined) {
    if (flags.costPerCustomer !== undefined) throw new UsageError('--cost-per-customer goes with --what-if (the cost of the retention effort)');
    return undefined;
  }
  const lift = parseRetentionLift(flags.whatIf);
  if (lift === null) throw new UsageError(`--what-if '${flags.whatIf}' must be a retention change under 100 points: retention+5%, retention+0.05 or retention-5%`);
  let costPerCustomer: number | null = null;
  if (flags.costPerCustomer !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(flags.costPerCustomer);
    if (!m) throw new UsageError(`--cost-per-customer '${flags.costPerCustomer}' must be an amount in the report currency, such as 5 or 12.50`);
    costPerCustomer = Number(m[1]);
  }
  return { lift, text: flags.whatIf, costPerCustomer };
}

/** A span flag (`3y`, `18mo`) in days; null when not given. */
function parseSpan(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const days = parseHorizon(text);
  if (days === null) throw new UsageError(`${flag} '${text}' must be a number with a unit: 90d, 52w, 18mo, 3y`);
  return days;
}

function fmt(v: number | null, digits = 4): string {
  if (v === null || !Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1e6) return v.toExponential(digits - 1);
  return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(digits);
}

function fitLine(f: ModelFit, lang: Lang): string {
  const params = f.paramNames.map((n, i) => `${n} ${fmt(f.params[i])} (se ${fmt(f.se[i], 3)})`).join(', ');
  const status = f.boundary ? `converged: ${convergence(f)}` : f.converged ? 'converged' : `NOT converged: ${fitStopText(lang, f)}`;
  return `${f.label}: ${params}; LL ${f.logLikelihood.toFixed(2)}, AIC ${f.aic.toFixed(2)}, ${f.customers} customers, ${status}`;
}

/** Why `ltv` makes no prediction, and what to try (the DataError message). */
function refusalText(fit: LtvModelFit): string {
  const r = fit.refusal as LtvRefusal;
  const end = formatDay(fit.input.calibrationEnd);
  if (r.code === 'flat_likelihood') {
    return `every one of the ${r.customers} customers bought on a single day up to ${end} (T = 0 for all), so the data say nothing about how often customers buy or when they stop: no prediction is made; use a later --as-of, or import a longer history`;
  }
  const tried = fit.fits.length === 1 ? `${fit.fits[0].label} did not converge` : `no model converged (${fit.fits.map((f) => f.label).join(', ')})`;
  if (r.repeatCustomers < r.need) {
    return `${tried}: too few repeat buyers: ${r.repeatCustomers} of ${r.customers}; need about ${r.need}; import a longer history or more shops, or use --method simple`;
  }
  return `${tried} on these ${r.customers} customers (${r.repeatCustomers} repeat buyers); try --unit day, another --as-of, or --method simple`;
}

/** The fit, in a few lines on stderr (the parameter table goes to stdout with --params). */
function describeFit(ctx: CliContext, fit: LtvModelFit, currency: string, lang: Lang): void {
  const s = fit.input;
  note(ctx, `fitted on ${s.customers} customers (${fit.repeatCustomers} repeat) up to ${formatDay(s.calibrationEnd)}; time unit: ${s.unit}`);
  if (fit.refusal?.code === 'flat_likelihood') return;
  for (const f of fit.fits) note(ctx, fitLine(f, lang));
  if (fit.refusal) return;
  if (fit.fallbackFrom) {
    note(ctx, `${fit.fallbackFrom.label} did not converge (${fitStopText(lang, fit.fallbackFrom)}); using ${fit.chosen.label} instead, the lowest AIC of the models that converged`);
  } else if (fit.fits.length > 1) {
    const among = fit.fits.some((f) => !f.converged) ? ' of the models that converged' : '';
    note(ctx, `picked ${fit.chosen.label}: ${fit.chosenBy === 'holdout_mae' ? 'lowest holdout MAE per customer' : 'lowest AIC'}${among}`);
  }
  if (fit.spendFit) note(ctx, `${fitLine(fit.spendFit, lang)} (gamma in ${currency})`);
  for (const n of fit.notes) note(ctx, ltvNoteText(lang, n));
}

function describeHoldout(ctx: CliContext, cmp: HoldoutComparison, fit: LtvFit): void {
  note(ctx, `holdout: ${formatDay(fit.summary.calibrationEnd + 1)} to ${formatDay(fit.summary.end)} (${cmp.days} days = ${cmp.duration.toFixed(2)} ${fit.summary.unit}s)`);
  for (const m of cmp.byModel) {
    const err = m.actual > 0 ? ((m.predicted - m.actual) / m.actual) * 100 : NaN;
    const picked = m.model === fit.chosen.model ? ' ← picked' : '';
    note(ctx, `${m.label}: AIC ${m.aic.toFixed(2)}, holdout MAE per customer ${m.mae.toFixed(4)}; predicted ${m.predicted.toFixed(1)} vs actual ${m.actual} purchase days (${Number.isFinite(err) ? `${err >= 0 ? '+' : ''}${err.toFixed(1)}%` : '–'})${m.converged ? '' : ', did not converge'}${picked}`);
  }
}

/** `--interval`: 0.9 or 90%, strictly between 0 and 1; `none`: no intervals (the columns of before only). */
function parseInterval(text: string): number | undefined {
  const t = text.trim();
  if (t.toLowerCase() === 'none') return undefined;
  const v = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!(v > 0 && v < 1) || t === '') throw new UsageError(`--interval '${text}' must be a level between 0 and 1, such as 0.9 or 90%, or none`);
  return v;
}

const percent = (level: number): string => `${Number((level * 100).toFixed(2))}%`;

/** The shop's expected purchases and CLV with their intervals (at the level asked and at 95%), on stderr. */
function describeTotals(ctx: CliContext, total: ((level: number) => SumInterval) | null, level: number | undefined, currency: string): void {
  if (level === undefined) return;
  if (!total) {
    note(ctx, 'no intervals: the fitted model has no standard errors');
    return;
  }
  const levels = level === 0.95 ? [level] : [level, 0.95];
  const sums = levels.map((l) => total(l));
  const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const range = (lo: number | null, hi: number | null, f: (v: number) => string) => (lo === null || hi === null ? '–' : `${f(lo)}–${f(hi)}`);
  const s0 = sums[0];
  const purchases = sums.map((s, i) => `${percent(levels[i])} ${range(s.purchasesLow, s.purchasesHigh, num)}`).join(', ');
  let line = `total expected purchase days ${num(s0.purchases)} (${purchases})`;
  if (s0.clv !== null) {
    const money = (v: number) => displayMoney(v, currency);
    line += `; total CLV ${money(s0.clv)} (${sums.map((s, i) => `${percent(levels[i])} ${range(s.clvLow, s.clvHigh, money)}`).join(', ')})`;
  }
  note(ctx, line);
  note(ctx, `intervals (clv_low, clv_high, expected_purchases_low/high: ${percent(level)}): how far the expected values move with the uncertainty of the fitted parameters (delta method on the log-parameters), not how much one customer's purchases vary`);
}

/** Totals per group (summarizeLtv) with the intervals of each group's sums. */
function groupsWithIntervals(p: LtvPredictions, labelOf: (r: LtvCustomerRow) => string, order: readonly string[], level: number | undefined): LtvGroupRow[] {
  const groups: LtvGroupRow[] = summarizeLtv(p.rows, labelOf, order);
  if (!p.sums || level === undefined) return groups;
  const index = new Map(groups.map((g, i) => [g.group, i]));
  const groupOf = Int32Array.from(p.rows, (r) => index.get(labelOf(r)) ?? -1);
  const sums = p.sums(groupOf, groups.length, level);
  return groups.map((g, i) => ({ ...g, expected_purchases_low: sums[i].purchasesLow, expected_purchases_high: sums[i].purchasesHigh, clv_low: sums[i].clvLow, clv_high: sums[i].clvHigh }));
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
  const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
  describeFit(ctx, fit, currency, lang);
  for (const w of fit.warnings) note(ctx, `warning: ${ltvWarningText(lang, w)}`);
  if (fit.refusal && !flags.params) throw new DataError(refusalText(fit));
  if (flags.params) {
    emitReport(ctx, paramsReport(fit), flags);
    return;
  }
  const predictorOptions = { ...options, interval: values.interval };
  const predictor = new LtvPredictor(fit, predictorOptions, minorDigits(currency), await rowPredictionsInThread(ctx, fit, predictorOptions));
  if (amounts) note(ctx, `CLV over ${flags.horizon} (${values.horizonDays} days), discount ${flags.discount}, margin ${flags.margin}; monthly steps of 30.4375 days`);
  const intervals = predictor.hasSumIntervals;
  const all = intervals ? predictor.accumulator() : null;
  const dayText = dayFormatter();
  if (flags.by === 'customer') {
    streamNote(ctx, scan.rows, file);
    const out = new StreamedReport(ctx, flags, ltvCustomerColumns(flags.unit, scan.contact, intervals), currency, [file]);
    try {
      await predictSummary(file, filter, scan, predictor, (c) => {
        const ref = c.row.ref;
        out.add({
          key: ref.key, customer: ref.display, platform: ref.platform, shop: ref.shop, contact: ref.clear, first_order: dayText(c.row.first), last_order: dayText(c.row.last),
          frequency: c.frequency, recency: c.recency, age: c.age, revenue: c.row.revenue, ...c.prediction,
        });
        if (all) predictor.add(all, c.r, c.prediction.clv, c.gS);
      });
      out.end();
    } catch (e) {
      out.abort();
      throw e;
    }
    describeTotals(ctx, all ? (l) => predictor.sum(all, l) : null, values.interval, currency);
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
  describeTotals(ctx, all ? (l) => predictor.sum(all, l) : null, values.interval, currency);
  const level = values.interval;
  const rows = groups.rows().map((g) => {
    const a = sums.get(g.group);
    if (!a || level === undefined) return g;
    const s = predictor.sum(a, level);
    return { ...g, expected_purchases_low: s.purchasesLow, expected_purchases_high: s.purchasesHigh, clv_low: s.clvLow, clv_high: s.clvHigh };
  });
  emitReport(ctx, ltvGroupReport(rows, currency, 'cohort', intervals), flags);
}

