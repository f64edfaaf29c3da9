/**
 * `orderlens ltv`: predicted lifetime value from a repeat-purchase model and the Gamma-Gamma spend model;
 * `--holdout DATE` validates the model on the purchases after DATE; `--params` prints the fitted parameters.
 */
import { Command, Option } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { formatDay, formatMonth, monthIndex, parseDay } from '../../domain/day.js';
import { NO_AMOUNTS } from '../../domain/money.js';
import { parseDiscountRate, parseHorizon, parseMargin } from '../../domain/horizon.js';
import { DataError, UsageError } from '../../errors.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import {
  compareHoldout, fitLtv, predictCustomers, summarizeLtv, type HoldoutComparison, type LtvCustomerRow, type LtvFit, type LtvGroupRow, type LtvOptions, type ModelChoice,
} from '../../analytics/ltv.js';
import type { ModelFit } from '../../analytics/models/fit-model.js';
import type { TimeUnit } from '../../analytics/ltv-summary.js';
import type { Report } from '../../output/report.js';
import { emitWhatIf, holdoutTable, parseRetentionLift, runTextbookLtv, TEXTBOOK_HELP, type WhatIfRequest } from './ltv-textbook.js';
import { whatIfModel } from '../../analytics/what-if.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, noteExcluded, openReportDb, parseDayFlag, parseFilter, resolveAsOf,
  type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';

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
  method: 'model' | 'simple';
  lifetime?: string;
  minSpan: string;
  whatIf?: string;
  costPerCustomer?: string;
}

const HELP = `
Conventions (lifetimes/CLVTools): purchases on one local day count once; frequency = repeat purchase days;
recency = last − first purchase; T = end − first purchase, where the end is the day before --as-of; spend =
mean net amount of the repeat purchase days. Customers whose mean repeat spend is ≤ 0 are left out of the spend
model. Parameters are per --unit (α, β in days or weeks; γ in the report currency).

CLV = margin × expected spend per purchase × Σ_k (E[purchases by t_k] − E[purchases by t_k−1]) × (1+d)^(−t_k/P):
monthly steps t_k = k × 30.4375 days (the last step ends at the horizon), each discounted at its end; d is the
--discount rate per period P. Units are exact: 1y = 365.25 days, 1mo = 30.4375 days, 1w = 7 days.

Warnings (stderr) when: a fit does not converge, Gamma-Gamma q ≤ 1, |corr(frequency, spend)| ≥ 0.3,
fewer than 100 repeat customers, or under 180 days of history.

Examples:
  orderlens ltv --model auto --horizon 12mo --discount 10%/yr --margin 30%
  orderlens ltv --holdout 2024-06-30          # fit up to 2024-06-30, compare with what happened after
  orderlens ltv --by segment --format csv
  orderlens ltv --params --model auto
  orderlens ltv --method simple --by segment   # the textbook AOV × purchases a year × lifetime
  orderlens ltv --what-if retention+5% --margin 30% --cost-per-customer 5`;

export function ltvCommand(ctx: CliContext): Command {
  const cmd = new Command('ltv').description('predicted customer lifetime value (BG/NBD, Pareto/NBD, MBG/NBD + Gamma-Gamma), holdout validation');
  cmd
    .addOption(new Option('--model <model>', 'repeat-purchase model; auto fits all three and picks the lowest AIC').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto']).default('bgnbd'))
    .addOption(new Option('--unit <unit>', 'time unit of the fitted parameters').choices(['day', 'week']).default('week'))
    .option('--horizon <span>', 'CLV horizon: 90d, 52w, 12mo, 2y', '12mo')
    .option('--discount <rate>', 'discount rate: 10%/yr, 1%/mo, 0 (a bare 10% is per year)', '10%/yr')
    .option('--margin <share>', 'share of revenue that is margin: 30% or 0.3 (100% = revenue)', '100%')
    .option('--holdout <date>', 'fit on purchases up to DATE (inclusive) and report predicted vs actual purchases after it')
    .addOption(new Option('--by <grouping>', 'one row per customer, or totals per RFM segment or first-order month').choices(['customer', 'segment', 'cohort']).default('customer'))
    .option('--params', 'print the fitted parameters (estimates, standard errors, log-likelihood) instead')
    .addOption(new Option('--method <method>', 'model: the fitted models; simple: the textbook AOV × purchases a year × lifetime').choices(['model', 'simple']).default('model'))
    .option('--lifetime <span>', 'with --method simple: expected remaining lifetime, e.g. 3y (default: 1 / yearly churn rate)')
    .option('--min-span <span>', 'with --method simple: shortest span a purchase rate is annualised over', '1y')
    .option('--what-if <change>', 'what a retention change is worth: retention+5%, retention+0.05, retention-5%')
    .option('--cost-per-customer <amount>', 'with --what-if: cost of the retention effort per customer, e.g. 5 or 12.50')
    .addHelpText('after', `${HELP}\n${TEXTBOOK_HELP}`);
  addAsOfOption(addFilterOptions(addOutputOptions(cmd))).action((flags: LtvFlags, command: Command) => {
    const horizonDays = parseHorizon(flags.horizon);
    if (horizonDays === null) throw new UsageError(`--horizon '${flags.horizon}' must be a number with a unit: 90d, 52w, 12mo, 2y`);
    const discountPerDay = parseDiscountRate(flags.discount);
    if (discountPerDay === null) throw new UsageError(`--discount '${flags.discount}' must be a rate such as 10%/yr or 1%/mo`);
    const margin = parseMargin(flags.margin);
    if (margin === null) throw new UsageError(`--margin '${flags.margin}' must be a share between 0 and 100%, such as 30%`);
    const filter = parseFilter(flags);
    const holdout = flags.holdout === undefined ? undefined : parseDayFlag('--holdout', flags.holdout);
    const lifetimeDays = parseSpan('--lifetime', flags.lifetime);
    const minSpanDays = parseSpan('--min-span', flags.minSpan) ?? 0;
    if (flags.method === 'simple' && flags.params) throw new UsageError('--params prints fitted model parameters: --method simple fits none');
    const whatIf = parseWhatIf(flags);
    if (whatIf && (holdout !== undefined || flags.params || flags.by !== 'customer')) throw new UsageError('--what-if values the whole shop: leave out --holdout, --params and --by');
    if (flags.method !== 'simple' && lifetimeDays !== null) throw new UsageError('--lifetime is for --method simple (the models estimate how long customers stay)');
    const db = openReportDb(ctx);
    try {
      const log = loadPurchaseLog(db, filter);
      noteExcluded(ctx, log);
      const amounts = log.currency !== NO_AMOUNTS;
      if (!amounts && (flags.method === 'simple' || whatIf)) {
        throw new DataError(`the purchases have no amounts (a transaction log): ${flags.method === 'simple' ? '--method simple' : '--what-if'} values money; the purchase model (the default method) works without`);
      }
      if (!amounts) note(ctx, 'the purchases have no amounts (a transaction log): the purchase model alone (expected purchases, P(alive)); no spend model, no CLV');
      const asOf = resolveAsOf(ctx, flags.asOf, log);
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
      const fit = fitLtv(log, options);
      if (fit.summary.x.length === 0) {
        throw new DataError(`no customer has a counted purchase on or before ${formatDay(fit.summary.calibrationEnd)}: nothing to fit (check --as-of${holdout === undefined ? '' : ', --holdout'} and the filters)`);
      }
      describeFit(ctx, fit, log.currency);
      for (const w of fit.warnings) note(ctx, `warning: ${w}`);
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
        emitReport(ctx, holdoutReport(cmp, fit), flags);
        return;
      }
      const rows = predictCustomers(log, fit, options);
      if (amounts) note(ctx, `CLV over ${flags.horizon} (${horizonDays} days), discount ${flags.discount}, margin ${flags.margin}; monthly steps of 30.4375 days`);
      if (flags.by === 'customer') {
        emitReport(ctx, customerReport(rows, log.currency, flags.unit), flags);
      } else if (flags.by === 'segment') {
        const seg = assignSegments(log, { asOf, lang: flags.lang === 'zh' ? 'zh' : 'en' });
        note(ctx, 'segments: the RFM segments of `orderlens rfm` (default map), as of the same day');
        const label = (r: LtvCustomerRow) => (seg.segmentOfCustomer[r.index] >= 0 ? seg.labels[seg.segmentOfCustomer[r.index]] : '(none)');
        emitReport(ctx, groupReport(summarizeLtv(rows, label, seg.labels), log.currency, 'segment', '分群'), flags);
      } else {
        const first = (r: LtvCustomerRow) => formatMonth(monthIndex(parseDay(r.first_order) ?? 0));
        emitReport(ctx, groupReport(summarizeLtv(rows, first), log.currency, 'cohort', '首购月'), flags);
      }
    } finally {
      db.close();
    }
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
  return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(digits);
}

function fitLine(f: ModelFit): string {
  const params = f.paramNames.map((n, i) => `${n} ${fmt(f.params[i])} (se ${fmt(f.se[i], 3)})`).join(', ');
  return `${f.label}: ${params}; LL ${f.logLikelihood.toFixed(2)}, AIC ${f.aic.toFixed(2)}, ${f.customers} customers, ${f.converged ? 'converged' : `NOT converged: ${f.message}`}`;
}

/** The fit, in a few lines on stderr (the parameter table goes to stdout with --params). */
function describeFit(ctx: CliContext, fit: LtvFit, currency: string): void {
  const s = fit.summary;
  note(ctx, `fitted on ${s.x.length} customers (${fit.repeatCustomers} repeat) up to ${formatDay(s.calibrationEnd)}; time unit: ${s.unit}`);
  for (const f of fit.fits) note(ctx, fitLine(f));
  if (fit.fits.length > 1) note(ctx, `picked ${fit.chosen.label}: lowest AIC${fit.fits.some((f) => !f.converged) ? ' among the fits that converged' : ''}`);
  if (fit.spendFit) note(ctx, `${fitLine(fit.spendFit)} (gamma in ${currency})`);
  for (const n of fit.notes) note(ctx, n);
}

function describeHoldout(ctx: CliContext, cmp: HoldoutComparison, fit: LtvFit): void {
  note(ctx, `holdout: ${formatDay(fit.summary.calibrationEnd + 1)} to ${formatDay(fit.summary.end)} (${cmp.days} days = ${cmp.duration.toFixed(2)} ${fit.summary.unit}s)`);
  for (const m of cmp.byModel) {
    const err = m.actual > 0 ? ((m.predicted - m.actual) / m.actual) * 100 : NaN;
    note(ctx, `${m.label}: predicted ${m.predicted.toFixed(1)} vs actual ${m.actual} purchase days (${Number.isFinite(err) ? `${err >= 0 ? '+' : ''}${err.toFixed(1)}%` : '–'}), MAE per customer ${m.mae.toFixed(4)}`);
  }
}

export function paramsReport(fit: LtvFit): Report {
  const fits = fit.spendFit ? [...fit.fits, fit.spendFit] : fit.fits;
  return {
    columns: [
      { key: 'model', zh: '模型', kind: 'text' },
      { key: 'parameter', zh: '参数', kind: 'text' },
      { key: 'estimate', zh: '估计值', kind: 'number', digits: 4 },
      { key: 'se', zh: '标准误', kind: 'number', digits: 4 },
      { key: 'log_likelihood', zh: '对数似然', kind: 'number', digits: 2 },
      { key: 'aic', zh: 'AIC', kind: 'number', digits: 2 },
      { key: 'customers', zh: '客户数', kind: 'int' },
      { key: 'converged', zh: '收敛', kind: 'text' },
      { key: 'chosen', zh: '选用', kind: 'text' },
      { key: 'unit', zh: '时间单位', kind: 'text' },
    ],
    rows: fits.flatMap((f) =>
      f.paramNames.map((name, i) => ({
        model: f.model,
        parameter: name,
        estimate: f.params[i],
        se: f.se[i],
        log_likelihood: f.logLikelihood,
        aic: f.aic,
        customers: f.customers,
        converged: f.converged ? 'yes' : 'no',
        chosen: f === fit.chosen || f === fit.spendFit ? 'yes' : 'no',
        unit: f.model === 'gg' ? 'currency' : fit.summary.unit,
      })),
    ),
  };
}

export function holdoutReport(cmp: HoldoutComparison, fit: LtvFit): Report {
  return holdoutTable(cmp.rows, `${fit.chosen.label} predictions over the ${cmp.days}-day holdout, by calibration frequency (repeat purchase days up to ${formatDay(fit.summary.calibrationEnd)})`);
}

function customerReport(rows: LtvCustomerRow[], currency: string, unit: TimeUnit): Report {
  const sorted = [...rows].sort((a, b) => (b.clv ?? -Infinity) - (a.clv ?? -Infinity) || b.revenue - a.revenue || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.index - b.index));
  return {
    currency,
    columns: [
      { key: 'customer', zh: '客户', kind: 'text' },
      { key: 'platform', zh: '平台', kind: 'text' },
      { key: 'shop', zh: '店铺', kind: 'text' },
      { key: 'first_order', zh: '首单日期', kind: 'day' },
      { key: 'last_order', zh: '末单日期', kind: 'day' },
      { key: 'frequency', zh: '复购次数', kind: 'int' },
      { key: `recency_${unit}s`, field: 'recency', zh: `首末单间隔(${unit === 'week' ? '周' : '天'})`, kind: 'number', digits: 2 },
      { key: `age_${unit}s`, field: 'age', zh: `客龄(${unit === 'week' ? '周' : '天'})`, kind: 'number', digits: 2 },
      { key: 'revenue', zh: '历史净收入', kind: 'money' },
      { key: 'p_alive', zh: '存活概率', kind: 'number', digits: 3 },
      { key: 'expected_purchases', zh: '预期购买次数', kind: 'number', digits: 3 },
      { key: 'expected_spend', zh: '预期客单价', kind: 'money' },
      { key: 'clv', zh: '预测CLV', kind: 'money' },
    ],
    // the analytic's rows as they are (the columns pick and rename their fields)
    rows: sorted,
  };
}

function groupReport(rows: LtvGroupRow[], currency: string, key: string, zh: string): Report {
  return {
    currency,
    columns: [
      { key, zh, kind: 'text' },
      { key: 'customers', zh: '客户数', kind: 'int' },
      { key: 'revenue', zh: '历史净收入', kind: 'money' },
      { key: 'expected_purchases', zh: '预期购买次数', kind: 'number', digits: 1 },
      { key: 'p_alive', zh: '平均存活概率', kind: 'number', digits: 3 },
      { key: 'clv', zh: '预测CLV合计', kind: 'money' },
      { key: 'clv_per_customer', zh: '人均预测CLV', kind: 'money' },
    ],
    rows: rows.map((r) => ({ [key]: r.group, customers: r.customers, revenue: r.revenue, expected_purchases: r.expected_purchases, p_alive: r.p_alive, clv: r.clv, clv_per_customer: r.clv_per_customer })),
  };
}
