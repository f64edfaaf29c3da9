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
import { dayFormatter, formatDay, type EpochDay } from '../domain/day.js';
import { DAYS_PER_MONTH } from '../domain/horizon.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { fitGammaGamma, fitTransactionModel, TRANSACTION_MODELS, type ModelFit } from './models/fit-model.js';
import { conditionalExpectedSpend } from './models/gamma-gamma.js';
import { TRANSACTION_MODEL_NAMES, type TransactionModelName } from './models/transaction-model.js';
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
}

/** Thresholds of the data warnings. */
export const MIN_REPEAT_CUSTOMERS = 100;
export const MIN_HISTORY_DAYS = 180;
export const STRONG_CORRELATION = 0.3;

export interface LtvFit {
  summary: BtydSummary;
  /** Every transaction model fitted (one, or three with `auto`), in the order bgnbd, pnbd, mbgnbd. */
  fits: ModelFit[];
  chosen: ModelFit;
  /** Null when there are no repeat customers with positive spend. */
  spendFit: ModelFit | null;
  /** Repeat customers left out of the spend model because their mean repeat spend is ≤ 0. */
  spendExcluded: number;
  /** Pearson correlation of frequency and mean spend among the spend model's customers (null if < 3). */
  spendCorrelation: number | null;
  /** Days from the first purchase in the data to the calibration end (inclusive). */
  historyDays: number;
  repeatCustomers: number;
  warnings: string[];
  notes: string[];
}

export function fitLtv(log: PurchaseLog, options: LtvOptions): LtvFit {
  const end = options.asOf - 1;
  const calibrationEnd = options.calibrationEnd ?? end;
  const summary = summarizeBtyd(log, { end, calibrationEnd, unit: options.unit ?? 'week' });
  const warnings: string[] = [];
  const notes: string[] = [];
  if (summary.x.length === 0) return emptyFit(summary);
  const data = transactionData(summary);
  const choice = options.model ?? 'bgnbd';
  const names = choice === 'auto' ? TRANSACTION_MODEL_NAMES : [choice];
  const fits = names.map((name) => fitTransactionModel(name, data));
  const usable = fits.filter((f) => f.converged);
  const pool = usable.length > 0 ? usable : fits;
  const chosen = pool.reduce((best, f) => (f.aic < best.aic || (!Number.isFinite(best.aic) && Number.isFinite(f.aic)) ? f : best));
  for (const f of fits) if (!f.converged) warnings.push(`${f.label} did not converge (${f.message}); its estimates are unreliable`);
  if (chosen.model === 'bgnbd') notes.push('BG/NBD gives every one-time buyer P(alive) = 1 (a known property of the model); --model mbgnbd or pnbd does not');

  const withSpend = options.spend ?? true;
  const spend = spendData(summary, log.minorDigits);
  const spendFit = withSpend && spend.data.customers >= 2 ? fitGammaGamma(spend.data) : null;
  if (!withSpend) {
    // purchases without amounts: the purchase model alone, nothing to say about spend
  } else if (spend.excludedNonPositive > 0) {
    notes.push(`${spend.excludedNonPositive} repeat customers with mean repeat spend ≤ 0 (refunds, free orders) are left out of the spend model; their expected spend is shrunk from 0`);
  }
  if (!withSpend) {
    // no spend model asked for
  } else if (!spendFit) warnings.push('no repeat customers with positive spend: the spend model cannot be fitted, CLV is left empty');
  else {
    if (!spendFit.converged) warnings.push(`the Gamma-Gamma spend model did not converge (${spendFit.message})`);
    const q = spendFit.params[1];
    if (q <= 1) warnings.push(`Gamma-Gamma q = ${q.toFixed(3)} ≤ 1: the population mean spend is not finite, so one-time buyers get no expected spend or CLV`);
  }
  const spendCorrelation = withSpend ? pearson(spend.data.x, spend.data.m, spend.data.w) : null;
  if (spendCorrelation !== null && Math.abs(spendCorrelation) >= STRONG_CORRELATION) {
    warnings.push(`frequency and mean spend are correlated (r = ${spendCorrelation.toFixed(2)}); the Gamma-Gamma model assumes they are independent, so expected spend may be biased`);
  }
  let repeatCustomers = 0;
  let firstDay = Infinity;
  for (let i = 0; i < summary.x.length; i++) {
    if (summary.x[i] > 0) repeatCustomers++;
    firstDay = Math.min(firstDay, summary.first[i]);
  }
  const historyDays = calibrationEnd - firstDay + 1;
  if (repeatCustomers < MIN_REPEAT_CUSTOMERS) warnings.push(`only ${repeatCustomers} repeat customers (fewer than ${MIN_REPEAT_CUSTOMERS}): the estimates are uncertain`);
  if (historyDays < MIN_HISTORY_DAYS) warnings.push(`only ${historyDays} days of history (less than ${MIN_HISTORY_DAYS}): dropout is hard to tell from a pause`);
  if (summary.firstAfterCalibration > 0) notes.push(`${summary.firstAfterCalibration} customers first bought after the calibration end ${formatDay(calibrationEnd)} and are not in the fit`);
  return { summary, fits, chosen, spendFit, spendExcluded: spend.excludedNonPositive, spendCorrelation, historyDays, repeatCustomers, warnings, notes };
}

function emptyFit(summary: BtydSummary): LtvFit {
  const chosen = fitTransactionModel('bgnbd', transactionData(summary));
  return { summary, fits: [chosen], chosen, spendFit: null, spendExcluded: 0, spendCorrelation: null, historyDays: 0, repeatCustomers: 0, warnings: ['no customers to fit'], notes: [] };
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
  customer: string;
  platform: string;
  shop: string;
  first_order: string;
  last_order: string;
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
};

/** Per-customer predictions at the calibration end; customers in summary order (the log's order). */
export function predictCustomers(log: PurchaseLog, fit: LtvFit, options: LtvOptions): LtvCustomerRow[] {
  const { summary, chosen, spendFit } = fit;
  const model = TRANSACTION_MODELS[chosen.model as TransactionModelName];
  const unitDays = summary.unitDays;
  const steps = clvSteps(options.horizonDays ?? 365.25);
  const delta = options.discountPerDay ?? 0;
  const margin = options.margin ?? 1;
  const factor = Math.pow(10, log.minorDigits);
  const data = transactionData(summary);
  // Predictions per distinct (x, t_x, T) row: P(alive), E[Y] over the horizon, discounted purchases.
  const rows = data.x.length;
  const pAlive = new Float64Array(rows);
  const expected = new Float64Array(rows);
  const discounted = new Float64Array(rows);
  const usable = chosen.params.every(Number.isFinite);
  for (let r = 0; r < rows; r++) {
    if (!usable) {
      pAlive[r] = expected[r] = discounted[r] = NaN;
      continue;
    }
    const [x, tx, T] = [data.x[r], data.tx[r], data.T[r]];
    pAlive[r] = model.probabilityAlive(chosen.params, x, tx, T);
    let prev = 0;
    let sum = 0;
    for (const t of steps) {
      const e = model.conditionalExpectedPurchases(chosen.params, x, tx, T, t / unitDays);
      sum += (e - prev) * Math.exp(-delta * t);
      prev = e;
    }
    expected[r] = prev;
    discounted[r] = sum;
  }
  const out: LtvCustomerRow[] = [];
  const dayText = dayFormatter();
  for (let i = 0; i < summary.x.length; i++) {
    const c = log.customers[summary.customer[i]];
    const r = data.rowOf[i];
    const x = summary.x[i];
    const meanMajor = x > 0 ? summary.spend[i] / factor : 0;
    const spendMajor = spendFit ? conditionalExpectedSpend(spendFit.params, x, meanMajor) : NaN;
    const spend = Number.isFinite(spendMajor) ? spendMajor * factor : null;
    out.push({
      index: summary.customer[i],
      customer: c.display,
      platform: c.platform,
      shop: c.shop,
      first_order: dayText(summary.first[i]),
      last_order: dayText(summary.last[i]),
      frequency: x,
      recency: summary.recencyDays[i] / unitDays,
      age: summary.ageDays[i] / unitDays,
      revenue: summary.revenue[i] + summary.holdoutRevenue[i],
      p_alive: pAlive[r],
      expected_purchases: expected[r],
      expected_spend: spend,
      clv: spend === null || !Number.isFinite(discounted[r]) ? null : margin * spend * discounted[r],
    });
  }
  return out;
}

export type LtvGroupRow = {
  group: string;
  customers: number;
  revenue: number;
  expected_purchases: number;
  /** Mean P(alive). */
  p_alive: number | null;
  /** Sum and mean of CLV over the customers that have one. */
  clv: number | null;
  clv_per_customer: number | null;
};

/**
 * Sums customer rows by a label. Groups come out in `order` (labels not listed follow, sorted), empty groups
 * omitted.
 */
export function summarizeLtv(rows: readonly LtvCustomerRow[], labelOf: (row: LtvCustomerRow) => string, order: readonly string[] = []): LtvGroupRow[] {
  const groups = new Map<string, { n: number; revenue: number; purchases: number; alive: number; aliveN: number; clv: number; clvN: number }>();
  for (const r of rows) {
    const key = labelOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: 0, revenue: 0, purchases: 0, alive: 0, aliveN: 0, clv: 0, clvN: 0 }));
    g.n++;
    g.revenue += r.revenue;
    if (Number.isFinite(r.expected_purchases)) g.purchases += r.expected_purchases;
    if (Number.isFinite(r.p_alive)) {
      g.alive += r.p_alive;
      g.aliveN++;
    }
    if (r.clv !== null && Number.isFinite(r.clv)) {
      g.clv += r.clv;
      g.clvN++;
    }
  }
  const rest = [...groups.keys()].filter((k) => !order.includes(k)).sort();
  return [...order.filter((k) => groups.has(k)), ...rest].map((key) => {
    const g = groups.get(key)!;
    return {
      group: key,
      customers: g.n,
      revenue: g.revenue,
      expected_purchases: g.purchases,
      p_alive: g.aliveN > 0 ? g.alive / g.aliveN : null,
      clv: g.clvN > 0 ? g.clv : null,
      clv_per_customer: g.clvN > 0 ? g.clv / g.clvN : null,
    };
  });
}

export type { HoldoutRow } from './holdout-table.js';

export interface HoldoutComparison {
  /** Holdout length in days and in model units. */
  days: number;
  duration: number;
  /** Rows by calibration frequency 0..6, 7+, then `all`. */
  rows: HoldoutRow[];
  /** Totals and MAE of every fitted model (for `auto`). */
  byModel: { model: string; label: string; predicted: number; actual: number; mae: number }[];
}

/** Predicted vs actual purchases in the holdout (calibrationEnd, end], per calibration frequency. */
export function compareHoldout(fit: LtvFit): HoldoutComparison {
  const { summary } = fit;
  const duration = summary.holdoutDays / summary.unitDays;
  const data = transactionData(summary);
  const predictWith = (f: ModelFit): Float64Array => {
    const m = TRANSACTION_MODELS[f.model as TransactionModelName];
    const perRow = Float64Array.from(data.x, (x, r) => m.conditionalExpectedPurchases(f.params, x, data.tx[r], data.T[r], duration));
    return Float64Array.from(summary.x, (_, i) => perRow[data.rowOf[i]]);
  };
  const byModel = fit.fits.map((f) => {
    const p = predictWith(f);
    let predicted = 0;
    let actual = 0;
    let abs = 0;
    for (let i = 0; i < p.length; i++) {
      predicted += p[i];
      actual += summary.holdoutX[i];
      abs += Math.abs(p[i] - summary.holdoutX[i]);
    }
    return { model: f.model, label: f.label, predicted, actual, mae: p.length > 0 ? abs / p.length : NaN };
  });
  const rows = tabulateHoldout(summary.x, summary.holdoutX, predictWith(fit.chosen));
  return { days: summary.holdoutDays, duration, rows, byModel };
}

/**
 * P(alive) at the calibration end for every customer of the log (indexed like `log.customers`); NaN for
 * customers not in the fit (no purchase before as-of) or when the fit has no usable parameters. For
 * `churn --model`.
 */
export function probabilityAliveByCustomer(log: PurchaseLog, fit: LtvFit): Float64Array {
  const out = new Float64Array(log.customers.length).fill(NaN);
  const { summary, chosen } = fit;
  if (!chosen.params.every(Number.isFinite)) return out;
  const model = TRANSACTION_MODELS[chosen.model as TransactionModelName];
  const data = transactionData(summary);
  const perRow = Float64Array.from(data.x, (x, r) => model.probabilityAlive(chosen.params, x, data.tx[r], data.T[r]));
  for (let i = 0; i < summary.x.length; i++) out[summary.customer[i]] = perRow[data.rowOf[i]];
  return out;
}
