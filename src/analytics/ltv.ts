/**
 * Predicted lifetime value: fit a repeat-purchase model (BG/NBD, Pareto/NBD, MBG/NBD, or all three and pick
 * by AIC) and the Gamma-Gamma spend model to the BTYD summary of a purchase log, then per customer: P(alive),
 * expected purchases over a horizon, expected spend per purchase, and the discounted CLV. With a calibration
 * end (holdout), compare predicted and actual purchases after it.
 *
 * CLV (discrete monthly steps, discounted at the end of each step):
 *   CLV = margin × E[spend per purchase] × Σ_k (E[Y(t_k)] − E[Y(t_{k−1})]) · exp(−δ t_k)
 * with t_k = k · 30.4375 days (a month is 365.25/12 days) up to the horizon (the last step ends at the
 * horizon), E[Y(t)] the model's conditional expected repeat purchases in (end, end + t], and δ the continuous
 * daily rate equivalent to the discount rate, so exp(−δ t) = (1 + rate)^(−t / rate period) exactly.
 */
import type { EpochDay } from '../domain/day.js';
import { DAYS_PER_MONTH } from '../domain/horizon.js';
import type { CustomerData, CustomerList } from '../domain/aggregates.js';
import { compressBtyd } from './models/btyd-data.js';
import { fitGammaGamma, fitTransactionModel, TRANSACTION_MODELS, type FitStop, type ModelFit } from './models/fit-model.js';
import { conditionalExpectedSpend } from './models/gamma-gamma.js';
import { TRANSACTION_MODEL_NAMES, type TransactionModel, type TransactionModelName } from './models/transaction-model.js';
import type { BtydData, SpendData } from './models/btyd-data.js';
import { logNormalInterval, movingParameters, quadraticForm, zOfLevel } from './ltv-intervals.js';
import { tabulateHoldout, type HoldoutRow } from './holdout-table.js';
import { spendData, summarizeBtyd, transactionData, type BtydSummary, type TimeUnit } from './ltv-summary.js';

export type ModelChoice = TransactionModelName | 'auto';

export interface LtvOptions {
  /** Exclusive end of the observation: purchases on days < asOf count. */
  asOf: EpochDay;
  /** Last day of the calibration period (inclusive) for holdout validation; default asOf − 1. */
  calibrationEnd?: EpochDay;
  unit?: TimeUnit;
  model?: ModelChoice;
  /** CLV horizon in days. Default 365.25 (12 months). */
  horizonDays?: number;
  /** Continuous discount rate per day. Default 0. */
  discountPerDay?: number;
  /** Fraction of revenue that is margin. Default 1. */
  margin?: number;
  /** Fit the spend model (Gamma-Gamma). Default true; false for purchases without amounts (the purchase model alone). */
  spend?: boolean;
  /** Level of the prediction intervals (0.8 = 80%); none when not given. */
  interval?: number;
}

/** Thresholds of the data warnings. */
export const MIN_REPEAT_CUSTOMERS = 100;

/**
 * How a fit's predictions may be used: the one rule ltv, snapshot and the HTML report follow. `refused`: the
 * data cannot answer (LtvModelFit.refusal), no prediction; `not_converged`: the chosen model did not converge or
 * has no usable parameters, none either; `uncertain`: given, with fewer than MIN_REPEAT_CUSTOMERS repeat
 * customers behind them (said with them: the warning `few_repeat_customers`); `sound`: given.
 */
export type ModelUse = 'refused' | 'not_converged' | 'uncertain' | 'sound';

export function modelUse(fit: Pick<LtvModelFit, 'refusal' | 'chosen' | 'repeatCustomers'>): ModelUse {
  if (fit.refusal) return 'refused';
  if (!fit.chosen.converged || !fit.chosen.params.every(Number.isFinite)) return 'not_converged';
  return fewRepeatCustomers(fit.repeatCustomers) ? 'uncertain' : 'sound';
}

/** Fewer repeat customers than a model's estimates need to be more than uncertain (MIN_REPEAT_CUSTOMERS). */
export function fewRepeatCustomers(repeatCustomers: number): boolean {
  return repeatCustomers < MIN_REPEAT_CUSTOMERS;
}
export const MIN_HISTORY_DAYS = 180;
export const STRONG_CORRELATION = 0.3;

/**
 * What a fit uses of the customers: the model inputs compressed to distinct rows and a few totals. From a
 * BTYD summary (fitInputOf), or gathered while streaming a per-customer summary too large to hold.
 */
export interface LtvFitInput {
  unit: TimeUnit;
  unitDays: number;
  /** Last observed day and last calibration day (inclusive). */
  end: EpochDay;
  calibrationEnd: EpochDay;
  /** Shops measured from their own last days (BtydSummary.ownEnds): the ends are the latest shop's. */
  ownEnds?: true;
  customers: number;
  repeatCustomers: number;
  /** The first purchase day of all customers (Infinity without customers). */
  firstDay: number;
  /** Σ T in days. */
  ageSumDays: number;
  firstAfterCalibration: number;
  data: BtydData;
  spend: { data: SpendData; excludedNonPositive: number };
}

/** The inputs of a fit from a BTYD summary. */
export function fitInputOf(summary: BtydSummary, minorDigits: number): LtvFitInput {
  let repeatCustomers = 0;
  let firstDay = Infinity;
  let ageSum = 0;
  for (let i = 0; i < summary.x.length; i++) {
    if (summary.x[i] > 0) repeatCustomers++;
    firstDay = Math.min(firstDay, summary.first[i]);
    ageSum += summary.ageDays[i];
  }
  return {
    unit: summary.unit, unitDays: summary.unitDays, end: summary.end, calibrationEnd: summary.calibrationEnd, customers: summary.x.length, repeatCustomers, firstDay,
    ageSumDays: ageSum, firstAfterCalibration: summary.firstAfterCalibration, data: transactionData(summary), spend: spendData(summary, minorDigits),
    ...(summary.ownEnds ? { ownEnds: true as const } : {}),
  };
}

/** A fit of the models, without the customers it was made from (see LtvFit). */
export interface LtvModelFit {
  input: LtvFitInput;
  /** Every transaction model fitted (one, or three with `auto`), in the order bgnbd, pnbd, mbgnbd. */
  fits: ModelFit[];
  chosen: ModelFit;
  /** How `chosen` was picked: the lowest AIC, or (with `auto` and a holdout) the lowest holdout MAE. */
  chosenBy: 'aic' | 'holdout_mae';
  /** With a holdout: each fit's mean absolute error of predicted vs actual holdout purchases per customer. */
  holdoutMae: number[] | null;
  /** Null when there are no repeat customers with positive spend. */
  spendFit: ModelFit | null;
  /** Repeat customers left out of the spend model because their mean repeat spend is ≤ 0. */
  spendExcluded: number;
  /** Pearson correlation of frequency and mean spend among the spend model's customers (null if < 3). */
  spendCorrelation: number | null;
  /** Days from the first purchase in the data to the calibration end (inclusive). */
  historyDays: number;
  repeatCustomers: number;
  /**
   * Set when the requested model did not converge and another one did: the chosen fit is the best (lowest
   * AIC) of the models that converged, `from` the one asked for.
   */
  fallbackFrom: ModelFit | null;
  /** Set when the data cannot answer: no predictions are made (see LtvRefusal). */
  refusal: LtvRefusal | null;
  warnings: LtvWarning[];
  notes: LtvNote[];
}

/** A fit with the per-customer BTYD summary it was made from. */
export interface LtvFit extends LtvModelFit {
  summary: BtydSummary;
}

/** What makes the estimates doubtful, with its numbers (the report layer says it: report/ltv-words.ts). */
export type LtvWarning =
  | { code: 'no_customers' }
  | { code: 'model_not_converged'; model: TransactionModelName; stop: FitStop }
  | { code: 'spend_too_few'; spenders: number }
  | { code: 'spend_not_converged'; stop: FitStop }
  | { code: 'spend_infinite_mean'; q: number }
  | { code: 'spend_correlated'; r: number }
  | { code: 'few_repeat_customers'; repeatCustomers: number; need: number }
  | { code: 'short_history'; days: number; need: number };

/** What a reader should know about the fit. */
export type LtvNote =
  | { code: 'bgnbd_one_time_alive' }
  | { code: 'spend_excluded'; customers: number }
  | { code: 'first_after_calibration'; customers: number; calibrationEnd: EpochDay };

/**
 * Why no prediction is made: `flat_likelihood` — every customer's T is 0 (all purchases on the calibration
 * end's day or one day), so the likelihood does not depend on the parameters; `one_repeat_each` — there are
 * repeat buyers but none bought on a third day (frequency ≤ 1 for all), so how long customers keep buying is
 * not in the data (see oneRepeatEach; with the median days from the first to the second purchase day);
 * `no_repeat` — no customer bought on two different days up to the calibration end, so there is no repeat
 * purchase to fit a repeat-purchase model to (the HTML report's ltv section says the same, from this refusal);
 * `no_converged_fit` — no model converged (with the repeat customers and the usual need, MIN_REPEAT_CUSTOMERS).
 */
export type LtvRefusal =
  | { code: 'flat_likelihood'; customers: number }
  | { code: 'no_repeat'; customers: number }
  | { code: 'one_repeat_each'; customers: number; repeatCustomers: number; medianGapDays: number }
  | { code: 'no_converged_fit'; customers: number; repeatCustomers: number; need: number };

/** The refusals made before any model is fitted (no fit to show, not even with --params). */
export function refusedBeforeFitting(r: LtvRefusal): boolean {
  return r.code !== 'no_converged_fit';
}

export function fitLtv(log: CustomerData, options: LtvOptions): LtvFit {
  const { summary, input, holdout } = ltvFitInputs(log, options);
  return { ...fitModels(input, options, holdout), summary };
}

/** What fitLtv fits: the BTYD summary, its compressed inputs, and the summary again as holdout when there is one (fitModels' arguments). */
export function ltvFitInputs(log: CustomerData, options: LtvOptions): { summary: BtydSummary; input: LtvFitInput; holdout: BtydSummary | null } {
  const end = options.asOf - 1;
  const calibrationEnd = options.calibrationEnd ?? end;
  const summary = summarizeBtyd(log, { end, calibrationEnd, unit: options.unit ?? 'week' });
  return { summary, input: fitInputOf(summary, log.minorDigits), holdout: summary.holdoutDays > 0 ? summary : null };
}

/**
 * Fits the models to compressed inputs (fitLtv's work after the summary). `holdout`: the summary with the
 * holdout purchases, for `auto`'s choice by holdout error; null without a holdout.
 */
export function fitModels(input: LtvFitInput, options: LtvOptions, holdout: BtydSummary | null): LtvModelFit {
  const { calibrationEnd, data, repeatCustomers, firstDay } = input;
  const warnings: LtvWarning[] = [];
  const notes: LtvNote[] = [];
  if (input.customers === 0) return emptyFit(input);
  const ageSum = input.ageSumDays;
  const choice = options.model ?? 'bgnbd';
  if (ageSum === 0) {
    // Every T is 0: L = 1 whatever the parameters. Nothing to fit; the optimiser would return its start.
    const flat = fitTransactionModel(choice === 'auto' ? 'bgnbd' : choice, compressBtyd([], [], []));
    return {
      input, fits: [flat], chosen: flat, spendFit: null, spendExcluded: 0, spendCorrelation: null, historyDays: calibrationEnd - firstDay + 1, repeatCustomers,
      chosenBy: 'aic', holdoutMae: null, fallbackFrom: null, refusal: { code: 'flat_likelihood', customers: input.customers }, warnings, notes,
    };
  }
  const names = choice === 'auto' ? TRANSACTION_MODEL_NAMES : [choice];
  // Without a repeat purchase (every x is 0) each model's likelihood only rises as the purchase rate goes to 0:
  // there is nothing to fit, and the optimisers end "not converged" after seconds. Refused before any fit.
  // With one repeat on each repeat buyer's history, how long customers keep buying is not in the data (oneRepeatEach).
  const medianGapDays = oneRepeatEach(input);
  const refused: LtvRefusal | null = repeatCustomers === 0
    ? { code: 'no_repeat', customers: input.customers }
    : medianGapDays !== null ? { code: 'one_repeat_each', customers: input.customers, repeatCustomers, medianGapDays } : null;
  if (refused) {
    // no model is fitted: the fits are the empty ones the refusal is reported with
    const none = names.map((name) => fitTransactionModel(name, compressBtyd([], [], [])));
    return {
      input, fits: none, chosen: none[0], spendFit: null, spendExcluded: 0, spendCorrelation: null, historyDays: calibrationEnd - firstDay + 1, repeatCustomers,
      chosenBy: 'aic', holdoutMae: null, fallbackFrom: null, refusal: refused, warnings, notes,
    };
  }
  const fits = names.map((name) => fitTransactionModel(name, data));
  let fallbackFrom: ModelFit | null = null;
  if (choice !== 'auto' && !fits[0].converged && !fewRepeatCustomers(repeatCustomers)) {
    // Fall back to the best of the other models that converge (on fewer repeat buyers than that, another
    // model's fit would be a guess: refused below).
    fallbackFrom = fits[0];
    for (const name of TRANSACTION_MODEL_NAMES) if (name !== choice) fits.push(fitTransactionModel(name, data));
  }
  const usable = fits.filter((f) => f.converged);
  const pool = usable.length > 0 ? usable : fits;
  let chosen = pool.reduce((best, f) => (f.aic < best.aic || (!Number.isFinite(best.aic) && Number.isFinite(f.aic)) ? f : best));
  // With a holdout, `auto` picks by what the holdout shows: the lowest mean absolute error per customer.
  const holdoutMae = holdout ? fits.map((f) => meanAbsoluteError(holdout, data, f)) : null;
  let chosenBy: 'aic' | 'holdout_mae' = 'aic';
  if (holdoutMae && choice === 'auto' && usable.length > 1) {
    let best = -1;
    fits.forEach((f, i) => {
      if (f.converged && Number.isFinite(holdoutMae[i]) && (best < 0 || holdoutMae[i] < holdoutMae[best])) best = i;
    });
    if (best >= 0) {
      chosen = fits[best];
      chosenBy = 'holdout_mae';
    }
  }
  const refusal: LtvRefusal | null = usable.length === 0 ? { code: 'no_converged_fit', customers: input.customers, repeatCustomers, need: MIN_REPEAT_CUSTOMERS } : null;
  if (refusal || !fallbackFrom) fallbackFrom = null;
  if (choice === 'auto' && !refusal) for (const f of fits) if (!f.converged) warnings.push({ code: 'model_not_converged', model: f.model as TransactionModelName, stop: f.stop });
  if (chosen.model === 'bgnbd' && !refusal) notes.push({ code: 'bgnbd_one_time_alive' });

  const withSpend = options.spend ?? true;
  const spend = input.spend;
  const spendFit = withSpend && spend.data.customers >= 2 ? fitGammaGamma(spend.data) : null;
  if (!withSpend) {
    // purchases without amounts: the purchase model alone, nothing to say about spend
  } else if (spend.excludedNonPositive > 0) {
    notes.push({ code: 'spend_excluded', customers: spend.excludedNonPositive });
  }
  if (!withSpend) {
    // no spend model asked for
  } else if (!spendFit) {
    warnings.push({ code: 'spend_too_few', spenders: spend.data.customers });
  } else {
    if (!spendFit.converged) warnings.push({ code: 'spend_not_converged', stop: spendFit.stop });
    else if (spendFit.params[1] <= 1) warnings.push({ code: 'spend_infinite_mean', q: spendFit.params[1] });
  }
  const spendCorrelation = withSpend ? pearson(spend.data.x, spend.data.m, spend.data.w) : null;
  if (spendCorrelation !== null && Math.abs(spendCorrelation) >= STRONG_CORRELATION) {
    warnings.push({ code: 'spend_correlated', r: spendCorrelation });
  }
  const historyDays = calibrationEnd - firstDay + 1;
  if (fewRepeatCustomers(repeatCustomers)) warnings.push({ code: 'few_repeat_customers', repeatCustomers, need: MIN_REPEAT_CUSTOMERS });
  if (historyDays < MIN_HISTORY_DAYS) warnings.push({ code: 'short_history', days: historyDays, need: MIN_HISTORY_DAYS });
  if (input.firstAfterCalibration > 0) notes.push({ code: 'first_after_calibration', customers: input.firstAfterCalibration, calibrationEnd });
  return { input, fits, chosen, chosenBy, holdoutMae, spendFit, spendExcluded: spend.excludedNonPositive, spendCorrelation, historyDays, repeatCustomers, fallbackFrom, refusal, warnings, notes };
}

/**
 * When there are repeat buyers but none bought on a third day (every frequency 0 or 1), the days from the
 * first to the second purchase day that half the repeat buyers exceed (the lower median); else null.
 *
 * Such data hold no customer who kept buying after coming back, so how long customers keep buying (the
 * dropout every model estimates) is not in them. For BG/NBD it is exact: a one-time buyer's likelihood,
 * (α/(α+T))^r, does not depend on a and b, and a repeat buyer's, rα^r[b/(a+b)·(α+T)^−(r+1) + a/(a+b)·(α+t_x)^−(r+1)],
 * grows with a/(a+b) since t_x ≤ T: the maximum is the edge "everyone drops out after a repeat purchase",
 * along a ridge of a + b. Pareto/NBD and MBG/NBD run off likewise (on the Taobao TB_2017_2019 export, 138
 * repeat buyers: MBG/NBD's r, α, a and b all past 10⁶ after 5,000 iterations and tens of seconds, then
 * "no model converged" after minutes): the data's shape is checked before any fit.
 */
export function oneRepeatEach(input: Pick<LtvFitInput, 'data' | 'unitDays' | 'repeatCustomers'>): number | null {
  const { x, tx, w } = input.data;
  if (input.repeatCustomers === 0) return null;
  const gaps: [number, number][] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i] > 1) return null;
    if (x[i] === 1) gaps.push([Math.round(tx[i] * input.unitDays), w[i]]);
  }
  gaps.sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [, n] of gaps) total += n;
  let seen = 0;
  for (const [days, n] of gaps) {
    seen += n;
    if (seen >= total / 2) return days;
  }
  return null;
}

function emptyFit(input: LtvFitInput): LtvModelFit {
  const chosen = fitTransactionModel('bgnbd', input.data);
  return {
    input, fits: [chosen], chosen, chosenBy: 'aic', holdoutMae: null, spendFit: null, spendExcluded: 0, spendCorrelation: null, historyDays: 0, repeatCustomers: 0, fallbackFrom: null, refusal: null,
    warnings: [{ code: 'no_customers' }], notes: [],
  };
}

/** Weighted Pearson correlation; null with fewer than 3 customers or no variation. */
function pearson(x: Float64Array, y: Float64Array, w: Float64Array): number | null {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    sx += w[i] * x[i];
    sy += w[i] * y[i];
  }
  if (sw < 3) return null;
  const mx = sx / sw;
  const my = sy / sw;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    cxy += w[i] * dx * dy;
    cxx += w[i] * dx * dx;
    cyy += w[i] * dy * dy;
  }
  return cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : null;
}

/** Step ends (days) of the CLV sum: every 30.4375 days, the last one at the horizon. */
export function clvSteps(horizonDays: number): number[] {
  const n = Math.max(1, Math.ceil(horizonDays / DAYS_PER_MONTH - 1e-9));
  return Array.from({ length: n }, (_, k) => Math.min((k + 1) * DAYS_PER_MONTH, horizonDays));
}

export type LtvCustomerRow = {
  /** Index into the log's customers. */
  index: number;
  /** The customer's stable key (CustomerRef.key) and display form. */
  key: string;
  customer: string;
  platform: string;
  shop: string;
  /** First and last purchase day (epoch days). */
  first_order: EpochDay;
  last_order: EpochDay;
  /** Repeat purchase days, recency and age (T) in the model's unit. */
  frequency: number;
  recency: number;
  age: number;
  /** Net revenue through the end of the data (minor units). */
  revenue: number;
  p_alive: number;
  expected_purchases: number;
  /** Expected spend per purchase day (minor units); null where the spend model has no value. */
  expected_spend: number | null;
  /** Discounted expected margin over the horizon (minor units); null without expected spend. */
  clv: number | null;
  /** With intervals (`LtvOptions.interval`): the bounds of expected purchases and of CLV. */
  expected_purchases_low?: number;
  expected_purchases_high?: number;
  clv_low?: number | null;
  clv_high?: number | null;
};

/** Per-customer predictions at the calibration end; customers in summary order (the log's order). */
export function predictCustomers(log: CustomerList, fit: LtvFit, options: LtvOptions): LtvCustomerRow[] {
  return computeLtvPredictions(log, fit, options).rows;
}

/** The expected value of a sum over customers, with its interval at the level asked. */
export interface SumInterval {
  customers: number;
  /**
   * Null (and the bounds too) when the model gives some customer no expected purchases (not finite: a fit at
   * its boundary whose stand-in parameters its formulas cannot evaluate): a sum without them is not the total.
   */
  purchases: number | null;
  purchasesLow: number | null;
  purchasesHigh: number | null;
  /** Customers without expected purchases. */
  missingPurchases: number;
  /** Over the customers that have a CLV; null when none has. */
  clv: number | null;
  clvLow: number | null;
  clvHigh: number | null;
}

export interface LtvPredictions {
  rows: LtvCustomerRow[];
  /** Intervals of the sums per group (`groupOf[i]` for rows[i], −1 for none) at `level`; null without intervals. */
  sums: ((groupOf: Int32Array, groups: number, level: number) => SumInterval[]) | null;
}

/**
 * Per distinct (x, t_x, T) row: P(alive) (when `pAlive` is given), E[Y] over the horizon and the discounted
 * purchases Σ_k (E[Y(t_k)] − E[Y(t_{k−1})]) e^(−δ t_k).
 */
function predictRows(
  model: TransactionModel, params: readonly number[], data: Pick<BtydData, 'x' | 'tx' | 'T'>, steps: number[], unitDays: number, delta: number,
  expected: Float64Array, discounted: Float64Array, pAlive?: Float64Array,
): void {
  const usable = params.every(Number.isFinite);
  const discount = steps.map((t) => Math.exp(-delta * t));
  const expectations = usable && model.conditionalExpectations ? model.conditionalExpectations(params, steps.map((t) => t / unitDays)) : null;
  const atTimes = new Float64Array(steps.length);
  for (let r = 0; r < data.x.length; r++) {
    if (!usable) {
      if (pAlive) pAlive[r] = NaN;
      expected[r] = discounted[r] = NaN;
      continue;
    }
    const x = data.x[r];
    const tx = data.tx[r];
    const T = data.T[r];
    if (pAlive) pAlive[r] = model.probabilityAlive(params, x, tx, T);
    let prev = 0;
    let sum = 0;
    if (expectations) expectations(x, tx, T, atTimes);
    for (let k = 0; k < steps.length; k++) {
      const e = expectations ? atTimes[k] : model.conditionalExpectedPurchases(params, x, tx, T, steps[k] / unitDays);
      sum += (e - prev) * discount[k];
      prev = e;
    }
    expected[r] = prev;
    discounted[r] = sum;
  }
}

/** Step of the forward differences on log-parameters. */
const LOG_STEP = 1e-5;

/** One customer's predictions (LtvPredictor.customer). */
export interface CustomerPrediction {
  p_alive: number;
  expected_purchases: number;
  expected_spend: number | null;
  clv: number | null;
  /** With intervals (undefined without). */
  expected_purchases_low: number | undefined;
  expected_purchases_high: number | undefined;
  clv_low: number | null | undefined;
  clv_high: number | null | undefined;
}

/** Running sums of a group of customers, for the interval of the group's total (LtvPredictor.add). */
export interface SumAccumulator {
  n: number;
  e: number;
  /** Customers with finite expected purchases (summed in e). */
  eN: number;
  clv: number;
  clvN: number;
  gE: Float64Array;
  gD: Float64Array;
  gS: Float64Array;
}

/** What the row predictions of a fit need of it (plain data: it can be sent to a worker thread). */
export interface RowPredictionInput {
  chosen: ModelFit;
  refused: boolean;
  data: Pick<BtydData, 'x' | 'tx' | 'T'>;
  unitDays: number;
}

export function rowPredictionInput(fit: LtvModelFit): RowPredictionInput {
  const { x, tx, T } = fit.input.data;
  return { chosen: fit.chosen, refused: fit.refusal !== null, data: { x, tx, T }, unitDays: fit.input.unitDays };
}

/**
 * Per distinct (x, t_x, T) row of a fit: P(alive), expected purchases over the horizon, the discounted
 * purchases and, with an interval level, their log-gradients (k per row) by forward differences on the
 * log-parameters. The long part of the predictions (the model's series for every row, once per moving
 * parameter more for the intervals).
 */
export interface RowPredictions {
  pAlive: Float64Array;
  expected: Float64Array;
  discounted: Float64Array;
  gradE: Float64Array | null;
  gradD: Float64Array | null;
}

export function predictRowsOf(input: RowPredictionInput, options: LtvOptions): RowPredictions {
  const { chosen, data, unitDays } = input;
  const model = TRANSACTION_MODELS[chosen.model as TransactionModelName];
  const steps = clvSteps(options.horizonDays ?? 365.25);
  const delta = options.discountPerDay ?? 0;
  const rows = data.x.length;
  const pAlive = new Float64Array(rows);
  const expected = new Float64Array(rows);
  const discounted = new Float64Array(rows);
  predictRows(model, chosen.params, data, steps, unitDays, delta, expected, discounted, pAlive);
  const moving = options.interval !== undefined && !input.refused ? movingParameters(chosen) : [];
  if (moving.length === 0) return { pAlive, expected, discounted, gradE: null, gradD: null };
  const k = chosen.params.length;
  const gradE = new Float64Array(rows * k);
  const gradD = new Float64Array(rows * k);
  const e2 = new Float64Array(rows);
  const d2 = new Float64Array(rows);
  for (const j of moving) {
    const shifted = chosen.params.slice();
    shifted[j] *= Math.exp(LOG_STEP);
    predictRows(model, shifted, data, steps, unitDays, delta, e2, d2);
    for (let r = 0; r < rows; r++) {
      gradE[r * k + j] = expected[r] > 0 ? Math.log(e2[r] / expected[r]) / LOG_STEP : 0;
      gradD[r * k + j] = discounted[r] > 0 ? Math.log(d2[r] / discounted[r]) / LOG_STEP : 0;
    }
  }
  return { pAlive, expected, discounted, gradE, gradD };
}

/**
 * The predictions of a fit: per distinct (x, t_x, T) row computed once (P(alive), expected purchases, the
 * discounted purchases and, with an interval level, their log-gradients), then per customer from their row
 * and mean repeat spend. `customer` can be called for customers one at a time, as they stream past.
 */
export class LtvPredictor {
  readonly data: BtydData;
  private readonly rows: number;
  private readonly pAlive: Float64Array;
  private readonly expected: Float64Array;
  private readonly discounted: Float64Array;
  private readonly gradE: Float64Array | null;
  private readonly gradD: Float64Array | null;
  private readonly varE: Float64Array;
  private readonly varD: Float64Array;
  private readonly k: number;
  private readonly factor: number;
  private readonly margin: number;
  private readonly spendParams: readonly number[] | null;
  private readonly spendMoving: number[];
  /** The spend parameters with parameter spendMoving[m] shifted by LOG_STEP on the log scale. */
  private readonly spendShifted: number[][];
  /** Whether spend gradients are taken (intervals with a spend model). */
  readonly spendGradients: boolean;
  private readonly covT: Float64Array | null;
  private readonly covS: Float64Array | null;
  private readonly z: number;

  /**
   * `computed`: the fit's row predictions (predictRowsOf), when made elsewhere (in a worker thread); made here
   * when not given.
   */
  constructor(fit: LtvModelFit, options: LtvOptions, minorDigits: number, computed?: RowPredictions) {
    const { chosen, spendFit, input } = fit;
    this.margin = options.margin ?? 1;
    this.factor = Math.pow(10, minorDigits);
    const data = input.data;
    this.data = data;
    const rows = data.x.length;
    this.rows = rows;
    const made = computed ?? predictRowsOf(rowPredictionInput(fit), options);
    this.pAlive = made.pAlive;
    this.expected = made.expected;
    this.discounted = made.discounted;
    this.gradE = made.gradE;
    this.gradD = made.gradD;
    // a spend fit that did not converge gives no spend (no expected_spend, no clv): its numbers mean nothing
    this.spendParams = spendFit?.converged ? spendFit.params : null;
    const level = options.interval;
    const k = chosen.params.length;
    this.k = k;
    this.spendMoving = level !== undefined && spendFit?.converged ? movingParameters(spendFit) : [];
    this.spendShifted = this.spendMoving.map((j) => {
      const shifted = (spendFit as ModelFit).params.slice();
      shifted[j] *= Math.exp(LOG_STEP);
      return shifted;
    });
    this.spendGradients = this.gradE !== null && this.spendMoving.length > 0;
    this.covT = chosen.logCovariance;
    this.covS = spendFit?.converged ? spendFit.logCovariance : null;
    this.z = level !== undefined ? zOfLevel(level) : NaN;
    this.varE = new Float64Array(this.gradE ? rows : 0);
    this.varD = new Float64Array(this.gradD ? rows : 0);
    if (this.gradE && this.gradD && this.covT) {
      for (let r = 0; r < rows; r++) {
        const ge = this.gradE.subarray(r * k, r * k + k);
        const gd = this.gradD.subarray(r * k, r * k + k);
        this.varE[r] = quadraticForm(this.covT, ge, ge, k);
        this.varD[r] = quadraticForm(this.covT, gd, gd, k);
      }
    }
  }

  /** Whether sums of customers have intervals (a model with standard errors and an interval level). */
  get hasSumIntervals(): boolean {
    return this.gradE !== null && this.gradD !== null && this.covT !== null;
  }

  /** Expected spend per purchase (minor units) of a customer with x repeat days and this mean repeat spend (minor units; any for x = 0). */
  private spendOf(params: readonly number[], x: number, meanMinor: number): number {
    return conditionalExpectedSpend(params, x, x > 0 ? meanMinor / this.factor : 0) * this.factor;
  }

  /**
   * The predictions of a customer on distinct row `r` with `x` repeat purchase days and mean repeat spend
   * `meanMinor`. `gS` (3 numbers) receives the spend's log-gradient when spendGradients (for `add`).
   */
  customer(r: number, x: number, meanMinor: number, gS: Float64Array | null): CustomerPrediction {
    const out: CustomerPrediction = {
      p_alive: 0,
      expected_purchases: 0,
      expected_spend: null,
      clv: null,
      expected_purchases_low: undefined,
      expected_purchases_high: undefined,
      clv_low: undefined,
      clv_high: undefined,
    };
    this.predictInto(out, r, x, meanMinor, gS);
    return out;
  }

  /** The spend part of a one-time buyer's predictions (the same for all of them), made on first use. */
  private oneTime: { value: number; varS: number; gS: Float64Array } | null = null;

  /** Expected spend of a customer, and with spend gradients its log-gradient (into gS) and variance. */
  private spendPart(x: number, meanMinor: number, gS: Float64Array | null): number {
    const spendValue = this.spendParams ? this.spendOf(this.spendParams, x, meanMinor) : NaN;
    this.varS = 0;
    if (this.spendGradients && gS) {
      for (let m = 0; m < this.spendMoving.length; m++) {
        const s2 = this.spendOf(this.spendShifted[m], x, meanMinor);
        gS[this.spendMoving[m]] = spendValue > 0 ? Math.log(s2 / spendValue) / LOG_STEP : 0;
      }
      if (this.covS) this.varS = quadraticForm(this.covS, gS, gS, 3);
    }
    return spendValue;
  }

  private varS = 0;

  /**
   * customer() into an object the caller keeps (a stream of millions of customers allocates none). One-time
   * buyers' spend part is computed once: it does not depend on their (absent) repeat spend.
   */
  predictInto(out: CustomerPrediction, r: number, x: number, meanMinor: number, gS: Float64Array | null): void {
    let spendValue: number;
    let varS: number;
    if (x === 0) {
      if (this.oneTime === null) {
        const g = new Float64Array(3);
        const value = this.spendPart(0, meanMinor, g);
        this.oneTime = { value, varS: this.varS, gS: g };
      }
      spendValue = this.oneTime.value;
      varS = this.spendGradients && gS ? this.oneTime.varS : 0;
      if (this.spendGradients && gS) for (const m of this.spendMoving) gS[m] = this.oneTime.gS[m];
    } else {
      spendValue = this.spendPart(x, meanMinor, gS);
      varS = this.varS;
    }
    const spend = Number.isFinite(spendValue) ? spendValue : null;
    const clv = spend === null || !Number.isFinite(this.discounted[r]) ? null : this.margin * spend * this.discounted[r];
    out.p_alive = this.pAlive[r];
    out.expected_purchases = this.expected[r];
    out.expected_spend = spend;
    out.clv = clv;
    if (this.gradE) {
      [out.expected_purchases_low, out.expected_purchases_high] = logNormalInterval(this.expected[r], this.varE[r], this.z);
      if (clv !== null) [out.clv_low, out.clv_high] = logNormalInterval(clv, this.varD[r] + varS, this.z);
      else out.clv_low = out.clv_high = null;
    } else {
      out.expected_purchases_low = out.expected_purchases_high = out.clv_low = out.clv_high = undefined;
    }
  }

  /**
   * Whether any customer can have a CLV: a spend model that converged and a row with finite discounted
   * purchases (a customer's CLV can still be empty: a one-time buyer where the spend model has no mean).
   */
  get givesClv(): boolean {
    if (this.spendParams === null) return false;
    for (let r = 0; r < this.rows; r++) if (Number.isFinite(this.discounted[r])) return true;
    return false;
  }

  /** An empty accumulator for `add`. */
  accumulator(): SumAccumulator {
    return { n: 0, e: 0, eN: 0, clv: 0, clvN: 0, gE: new Float64Array(this.k), gD: new Float64Array(this.k), gS: new Float64Array(3) };
  }

  /** Adds a customer on row r with this CLV (and spend gradient gS) to a group's sums (needs hasSumIntervals). */
  add(a: SumAccumulator, r: number, clv: number | null, gS: ArrayLike<number> | null): void {
    const k = this.k;
    const gradE = this.gradE as Float64Array;
    const gradD = this.gradD as Float64Array;
    const expected = this.expected;
    a.n++;
    if (Number.isFinite(expected[r])) {
      a.e += expected[r];
      a.eN++;
      for (let j = 0; j < k; j++) a.gE[j] += expected[r] * gradE[r * k + j];
    }
    if (clv !== null && Number.isFinite(clv)) {
      a.clv += clv;
      a.clvN++;
      for (let j = 0; j < k; j++) a.gD[j] += clv * gradD[r * k + j];
      if (this.spendGradients && gS) for (let j = 0; j < 3; j++) a.gS[j] += clv * gS[j];
    }
  }

  /** The expected sum of a group and its interval at `level`. */
  sum(a: SumAccumulator, level: number): SumInterval {
    const k = this.k;
    const covT = this.covT as Float64Array;
    const covS = this.covS;
    const zz = zOfLevel(level);
    const [pl, ph] = logNormalInterval(a.e, a.e > 0 ? quadraticForm(covT, a.gE, a.gE, k) / (a.e * a.e) : 0, zz);
    let clv: [number, number] | null = null;
    if (a.clvN > 0) {
      const v = quadraticForm(covT, a.gD, a.gD, k) + (covS ? quadraticForm(covS, a.gS, a.gS, 3) : 0);
      clv = logNormalInterval(a.clv, a.clv > 0 ? v / (a.clv * a.clv) : 0, zz);
    }
    const whole = a.eN === a.n;
    return {
      customers: a.n, purchases: whole ? a.e : null, purchasesLow: whole ? pl : null, purchasesHigh: whole ? ph : null, missingPurchases: a.n - a.eN,
      clv: a.clvN > 0 ? a.clv : null, clvLow: clv ? clv[0] : null, clvHigh: clv ? clv[1] : null,
    };
  }
}

/**
 * Per-customer predictions and, with `options.interval`, their intervals from the parameters' uncertainty
 * (ltv-intervals.ts: the delta method on the log-parameters) and a function for the intervals of sums.
 */
export function computeLtvPredictions(log: CustomerList, fit: LtvFit, options: LtvOptions, rows?: RowPredictions): LtvPredictions {
  const { summary } = fit;
  const predictor = new LtvPredictor(fit, options, log.minorDigits, rows);
  const data = predictor.data;
  const unitDays = summary.unitDays;
  const n = summary.x.length;
  const gradS = predictor.spendGradients ? new Float64Array(n * 3) : null;
  const out: LtvCustomerRow[] = [];
  for (let i = 0; i < n; i++) {
    const c = log.customers[summary.customer[i]];
    const p = predictor.customer(data.rowOf[i], summary.x[i], summary.spend[i], gradS ? gradS.subarray(i * 3, i * 3 + 3) : null);
    // every row built with the same fields (one shape for a million objects)
    out.push({
      index: summary.customer[i],
      key: c.key,
      customer: c.display,
      platform: c.platform,
      shop: c.shop,
      first_order: summary.first[i],
      last_order: summary.last[i],
      frequency: summary.x[i],
      recency: summary.recencyDays[i] / unitDays,
      age: summary.ageDays[i] / unitDays,
      revenue: summary.revenue[i] + summary.holdoutRevenue[i],
      ...p,
    });
  }
  if (!predictor.hasSumIntervals) return { rows: out, sums: null };
  const sums = (groupOf: Int32Array, groups: number, sumLevel: number): SumInterval[] => {
    const acc = Array.from({ length: groups }, () => predictor.accumulator());
    for (let i = 0; i < n; i++) {
      const g = groupOf[i];
      if (g < 0) continue;
      predictor.add(acc[g], data.rowOf[i], out[i].clv, gradS ? gradS.subarray(i * 3, i * 3 + 3) : null);
    }
    return acc.map((a) => predictor.sum(a, sumLevel));
  };
  return { rows: out, sums };
}

export type LtvGroupRow = {
  group: string;
  customers: number;
  revenue: number;
  /** Null when the model gives some customer of the group no expected purchases (see SumInterval.purchases). */
  expected_purchases: number | null;
  /** Mean P(alive). */
  p_alive: number | null;
  /** Sum and mean of CLV over the customers that have one. */
  clv: number | null;
  clv_per_customer: number | null;
  /** With intervals: the bounds of the group's expected purchases and CLV. */
  expected_purchases_low?: number | null;
  expected_purchases_high?: number | null;
  clv_low?: number | null;
  clv_high?: number | null;
};

/**
 * Sums customer rows by a label. Groups come out in `order` (labels not listed follow, sorted), empty groups
 * omitted.
 */
export function summarizeLtv(rows: readonly LtvCustomerRow[], labelOf: (row: LtvCustomerRow) => string, order: readonly string[] = []): LtvGroupRow[] {
  const groups = new LtvGroups();
  for (const r of rows) groups.add(labelOf(r), r);
  return groups.rows(order);
}

/** Totals per group (summarizeLtv) with the intervals of each group's sums at `level` (none without one). */
export function groupsWithIntervals(p: LtvPredictions, labelOf: (r: LtvCustomerRow) => string, order: readonly string[], level: number | undefined): LtvGroupRow[] {
  const groups: LtvGroupRow[] = summarizeLtv(p.rows, labelOf, order);
  if (!p.sums || level === undefined) return groups;
  const index = new Map(groups.map((g, i) => [g.group, i]));
  const groupOf = Int32Array.from(p.rows, (r) => index.get(labelOf(r)) ?? -1);
  const sums = p.sums(groupOf, groups.length, level);
  return groups.map((g, i) => ({ ...g, expected_purchases_low: sums[i].purchasesLow, expected_purchases_high: sums[i].purchasesHigh, clv_low: sums[i].clvLow, clv_high: sums[i].clvHigh }));
}

/** Customer predictions summed by a label as they come (summarizeLtv, one customer at a time). */
export class LtvGroups {
  private readonly groups = new Map<string, { n: number; revenue: number; purchases: number; purchasesN: number; alive: number; aliveN: number; clv: number; clvN: number }>();

  add(key: string, r: { revenue: number; expected_purchases: number; p_alive: number; clv: number | null }): void {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { n: 0, revenue: 0, purchases: 0, purchasesN: 0, alive: 0, aliveN: 0, clv: 0, clvN: 0 }));
    g.n++;
    g.revenue += r.revenue;
    if (Number.isFinite(r.expected_purchases)) {
      g.purchases += r.expected_purchases;
      g.purchasesN++;
    }
    if (Number.isFinite(r.p_alive)) {
      g.alive += r.p_alive;
      g.aliveN++;
    }
    if (r.clv !== null && Number.isFinite(r.clv)) {
      g.clv += r.clv;
      g.clvN++;
    }
  }

  /** Groups in `order` (labels not listed follow, sorted), empty groups omitted. */
  rows(order: readonly string[] = []): LtvGroupRow[] {
    const groups = this.groups;
    const rest = [...groups.keys()].filter((k) => !order.includes(k)).sort();
    return [...order.filter((k) => groups.has(k)), ...rest].map((key) => {
      const g = groups.get(key)!;
      return {
        group: key,
        customers: g.n,
        revenue: g.revenue,
        // a sum that leaves customers out is not the group's total
        expected_purchases: g.purchasesN === g.n ? g.purchases : null,
        p_alive: g.aliveN > 0 ? g.alive / g.aliveN : null,
        clv: g.clvN > 0 ? g.clv : null,
        clv_per_customer: g.clvN > 0 ? g.clv / g.clvN : null,
      };
    });
  }
}

export type { HoldoutRow } from './holdout-table.js';

export interface HoldoutComparison {
  /** Holdout length in days and in model units. */
  days: number;
  duration: number;
  /** Rows by calibration frequency 0..6, 7+, then `all`. */
  rows: HoldoutRow[];
  /** Totals and MAE of every fitted model (for `auto`). */
  byModel: { model: string; label: string; aic: number; converged: boolean; predicted: number; actual: number; mae: number }[];
}

/** What the holdout predictions of a fit need of it (plain data: it can be sent to a worker thread). */
export interface HoldoutRowInput {
  fits: ModelFit[];
  chosen: ModelFit;
  data: Pick<BtydData, 'x' | 'tx' | 'T'>;
  /** Holdout length in model units. */
  duration: number;
}

export function holdoutRowInput(fit: LtvFit): HoldoutRowInput {
  const { x, tx, T } = fit.input.data;
  return { fits: fit.fits, chosen: fit.chosen, data: { x, tx, T }, duration: fit.summary.holdoutDays / fit.summary.unitDays };
}

/**
 * Each fit's expected purchase days in the holdout per distinct (x, t_x, T) row, and the chosen fit's (the
 * long part of compareHoldout and holdoutByCustomer: the model's series for every row).
 */
export interface HoldoutRows {
  byFit: Float64Array[];
  chosen: Float64Array;
}

export function holdoutRowsOf(input: HoldoutRowInput): HoldoutRows {
  const of = (f: ModelFit) => fitHoldoutRows(f, input.data, input.duration);
  const byFit = input.fits.map(of);
  const at = input.fits.indexOf(input.chosen);
  return { byFit, chosen: at >= 0 ? byFit[at] : of(input.chosen) };
}

/** A fit's expected purchase days in a holdout of `duration` model units, per distinct row. */
function fitHoldoutRows(f: ModelFit, data: Pick<BtydData, 'x' | 'tx' | 'T'>, duration: number): Float64Array {
  const m = TRANSACTION_MODELS[f.model as TransactionModelName];
  return Float64Array.from(data.x, (x, r) => m.conditionalExpectedPurchases(f.params, x, data.tx[r], data.T[r], duration));
}

/** `auto`'s choice by holdout: a fit's mean absolute error of predicted vs actual holdout purchases per customer. */
function meanAbsoluteError(summary: BtydSummary, data: BtydData, f: ModelFit): number {
  const p = perCustomer(summary, data, fitHoldoutRows(f, data, summary.holdoutDays / summary.unitDays));
  let abs = 0;
  for (let i = 0; i < p.length; i++) abs += Math.abs(p[i] - summary.holdoutX[i]);
  return p.length > 0 ? abs / p.length : NaN;
}

/** Per calibration customer (summary order), from per-row predictions. */
function perCustomer(summary: BtydSummary, data: BtydData, perRow: Float64Array): Float64Array {
  return Float64Array.from(summary.x, (_, i) => perRow[data.rowOf[i]]);
}

/**
 * Predicted vs actual purchases in the holdout (calibrationEnd, end], per calibration frequency. `rows`: the
 * fit's holdoutRowsOf made elsewhere (in a worker thread); made here when not given.
 */
export function compareHoldout(fit: LtvFit, rows: HoldoutRows = holdoutRowsOf(holdoutRowInput(fit))): HoldoutComparison {
  const { summary } = fit;
  const duration = summary.holdoutDays / summary.unitDays;
  const data = fit.input.data;
  const byModel = fit.fits.map((f, k) => {
    const p = perCustomer(summary, data, rows.byFit[k]);
    let predicted = 0;
    let actual = 0;
    let abs = 0;
    for (let i = 0; i < p.length; i++) {
      predicted += p[i];
      actual += summary.holdoutX[i];
      abs += Math.abs(p[i] - summary.holdoutX[i]);
    }
    return { model: f.model, label: f.label, aic: f.aic, converged: f.converged, predicted, actual, mae: p.length > 0 ? abs / p.length : NaN };
  });
  const table = tabulateHoldout(summary.x, summary.holdoutX, perCustomer(summary, data, rows.chosen));
  return { days: summary.holdoutDays, duration, rows: table, byModel };
}

/** One row per calibration customer, as lifetimes' calibration_and_holdout_data, plus the model's prediction. */
export type HoldoutCustomerRow = {
  index: number;
  customer: string;
  platform: string;
  shop: string;
  /** Repeat purchase days, recency and T in the calibration period (model unit). */
  frequency_cal: number;
  recency_cal: number;
  T_cal: number;
  /** Mean net of the repeat purchase days (minor units); 0 when there is none (lifetimes). */
  monetary_value_cal: number;
  /** Purchase days in the holdout and their mean net (minor units; 0 when none, as lifetimes). */
  frequency_holdout: number;
  monetary_value_holdout: number;
  /** Holdout net revenue (minor units). */
  revenue_holdout: number;
  /** Holdout length (model unit). */
  duration_holdout: number;
  /** The chosen model's expected purchase days in the holdout. */
  predicted_purchases: number;
};

/** The per-customer calibration/holdout table (summary order); `rows` as in compareHoldout. */
export function holdoutByCustomer(log: CustomerList, fit: LtvFit, rows: HoldoutRows = holdoutRowsOf(holdoutRowInput(fit))): HoldoutCustomerRow[] {
  const { summary } = fit;
  const predicted = perCustomer(summary, fit.input.data, rows.chosen);
  const u = summary.unitDays;
  const out: HoldoutCustomerRow[] = [];
  for (let i = 0; i < summary.x.length; i++) {
    const c = log.customers[summary.customer[i]];
    const hx = summary.holdoutX[i];
    out.push({
      index: summary.customer[i],
      customer: c.display,
      platform: c.platform,
      shop: c.shop,
      frequency_cal: summary.x[i],
      recency_cal: summary.recencyDays[i] / u,
      T_cal: summary.ageDays[i] / u,
      monetary_value_cal: summary.x[i] > 0 ? summary.spend[i] : 0,
      frequency_holdout: hx,
      monetary_value_holdout: hx > 0 ? summary.holdoutRevenue[i] / hx : 0,
      revenue_holdout: summary.holdoutRevenue[i],
      duration_holdout: summary.holdoutDays / u,
      predicted_purchases: predicted[i],
    });
  }
  return out;
}

/**
 * P(alive) at the calibration end for every customer of the log (indexed like `log.customers`); NaN for
 * customers not in the fit (no purchase before as-of) or when the fit has no usable parameters. For
 * `churn --model`.
 */
export function probabilityAliveByCustomer(log: CustomerList, fit: LtvFit): Float64Array {
  const out = new Float64Array(log.customers.length).fill(NaN);
  const { summary, chosen } = fit;
  if (fit.refusal || !chosen.params.every(Number.isFinite)) return out;
  const model = TRANSACTION_MODELS[chosen.model as TransactionModelName];
  const data = transactionData(summary);
  const perRow = Float64Array.from(data.x, (x, r) => model.probabilityAlive(chosen.params, x, data.tx[r], data.T[r]));
  for (let i = 0; i < summary.x.length; i++) out[summary.customer[i]] = perRow[data.rowOf[i]];
  return out;
}
