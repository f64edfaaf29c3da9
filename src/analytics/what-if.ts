/**
 * What a retention lift is worth: the shop's expected purchases, revenue and margin with customer dropout
 * lowered so that one-year retention rises by a given number of points (`ltv --what-if retention+5%`).
 *
 * One-year retention R of the models: of the customers alive today (weighted by P(alive)), the expected share
 * still alive one year (365.25 days) later, each customer's future dropout drawn from their posterior:
 *   BG/NBD, MBG/NBD: alive at T with x repeat purchases → λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+m) (m = 1 for
 *     MBG/NBD, whose customers may also drop out right after the first purchase); each purchase ends the
 *     lifetime with probability p, so survival over Y is E[exp(−λpY)] = E[(1 + pY/(α+T))^−(r+x)]
 *     = 2F1(r+x, a; a+b+x+m; −Y/(α+T)).
 *   Pareto/NBD: alive at T → μ ~ Gamma(s, β+T); survival E[exp(−μY)] = ((β+T)/(β+T+Y))^s.
 * The lift moves one parameter of the dropout distribution until R has risen by the given points:
 *   BG/NBD, MBG/NBD: b (the mean dropout probability per purchase a/(a+b) falls as b rises);
 *   Pareto/NBD: β (every customer's dropout rate μ is scaled by β/β', the mean s/β falls as β rises).
 * Each customer's P(alive) today is kept as fitted (the lift acts on the future); their expected purchases over
 * the horizon become P(alive) × E'[Y(t) | alive], where E'[· | alive] = conditionalExpectedPurchases /
 * probabilityAlive at the changed parameter. At a lift of 0 the parameter is unchanged and every number equals
 * the plain prediction exactly.
 *
 * The textbook method (`--method simple`): retention = 1 − yearly churn rate; the churn rate falls by the points
 * and the expected lifetime 1 / churn rises with it; every value is over the lifetime.
 */
import { DAYS_PER_YEAR } from '../domain/horizon.js';
import type { CustomerList } from '../domain/aggregates.js';
import {
  clvSteps, computeLtvPredictions, predictRowsOf, rowPredictionInput, type LtvFit, type LtvModelFit, type LtvOptions, type RowPredictionInput, type RowPredictions,
} from './ltv.js';
import { evenDiscountFactor, type SimpleLtvRow } from './ltv-simple.js';
import type { BtydData } from './models/btyd-data.js';
import { TRANSACTION_MODELS } from './models/fit-model.js';
import type { TransactionModelName } from './models/transaction-model.js';

/** The parameter a retention lift moves, per model (index 3 of the parameters in every model). */
export const DROPOUT_PARAMETER: Record<TransactionModelName, 'b' | 'beta'> = { bgnbd: 'b', mbgnbd: 'b', pnbd: 'beta' };
const DROPOUT_INDEX = 3;

/** Probability that a customer alive at T (x repeat purchases) is still alive `years` later (time in model units). */
export function survival(model: TransactionModelName, params: ArrayLike<number>, x: number, T: number, years: number): number {
  if (model === 'pnbd') {
    // ((β+T)/(β+T+Y))^s as e^(−s·log1p(Y/(β+T))): the difference of two logarithms of nearly equal numbers lost
    // its digits at a huge β (the stand-in of a fit at its limit s, β → ∞, moved further by the lift): 2.6e-5
    // relative error at β = 1e12, 8.9% at 1e15, and survival 1 once Y/β fell below the rounding of log(β)
    const [s, beta] = [params[2], params[3]];
    return Math.exp(-s * Math.log1p(years / (beta + T)));
  }
  // E[(1 + pY/(α+T))^−(r+x)] over p ~ Beta(a, b+x+m) = 2F1(r+x, a; a+b+x+m; −Y/(α+T)). Pfaff's transformation
  // on either upper parameter maps z to w = Y/(α+T+Y) in [0, 1):
  //   (1−w)^(r+x) 2F1(r+x, b+x+m; a+b+x+m; w)   or   (1−w)^a 2F1(a+b+m−r, a; a+b+x+m; w),
  // series of positive terms (but the first terms of the second when r > a+b+m) that grow at most like
  // (1−w)^−(exponent); taking the form with the smaller exponent keeps them finite for large x and for the
  // huge a or b of a fit at a boundary, where the general hyp2f1 near w = 1 cancels or overflows.
  const [r, alpha, a, b] = [params[0], params[1], params[2], params[3]];
  const m = model === 'mbgnbd' ? 1 : 0;
  const w = years / (alpha + T + years);
  const byA = a <= r + x;
  const exponent = byA ? a : r + x;
  const A = byA ? a + b + m - r : r + x;
  const B = byA ? a : b + x + m;
  const C = a + b + x + m;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_SERIES_TERMS; k++) {
    const ratio = ((A + k) * (B + k)) / ((C + k) * (k + 1));
    term *= ratio * w;
    sum += term;
    if (!Number.isFinite(sum)) return NaN;
    if (term === 0 || (Math.abs(ratio * w) < 1 && Math.abs(term) <= 1e-16 * Math.abs(sum))) return Math.exp(exponent * Math.log1p(-w)) * sum;
  }
  return NaN;
}

/** Terms of the survival series before giving up (w within ~1e-5 of 1: α + T tiny against a year). */
const MAX_SERIES_TERMS = 2_000_000;

/** Σ w·P·S / Σ w·P over the compressed rows: the expected share of today's live customers alive `years` later. */
export function retention(model: TransactionModelName, params: ArrayLike<number>, data: Pick<BtydData, 'x' | 'T' | 'w'>, alive: Float64Array, years: number): number {
  let num = 0;
  let den = 0;
  for (let r = 0; r < data.x.length; r++) {
    const wp = data.w[r] * alive[r];
    if (!(wp > 0)) continue;
    num += wp * survival(model, params, data.x[r], data.T[r], years);
    den += wp;
  }
  return den > 0 ? num / den : NaN;
}

export type DropoutShift =
  | { status: 'ok'; params: number[]; before: number; after: number }
  /** The target retention is beyond what moving the parameter can reach (it got to `low` … `high`). */
  | { status: 'unreachable'; before: number; target: number; low: number; high: number };

/**
 * The parameters with the dropout parameter moved so that retention over `years` (model units) rises by
 * `lift` (a fraction: 0.05 = 5 points): bracketed, then bisection on its logarithm, within a factor e^±40 of
 * the fitted value. A lift of 0 returns the parameters unchanged. `unreachable` gives the range of retention
 * that was reachable (`low`…`high`, one end the fitted retention).
 */
export function shiftDropout(model: TransactionModelName, params: readonly number[], data: Pick<BtydData, 'x' | 'T' | 'w'>, alive: Float64Array, years: number, lift: number): DropoutShift {
  const at = (logValue: number): number[] => params.map((v, i) => (i === DROPOUT_INDEX ? Math.exp(logValue) : v));
  const before = retention(model, params, data, alive, years);
  if (lift === 0) return { status: 'ok', params: [...params], before, after: before };
  const target = before + lift;
  // bracket the target, walking away from the fitted value in growing steps (up to a factor e^40); retention
  // rises with b (BG) and β (Pareto/NBD): less dropout
  const u0 = Math.log(params[DROPOUT_INDEX]);
  const dir = lift > 0 ? 1 : -1;
  let near = u0;
  let nearValue = before;
  let far = u0;
  let step = 0.25;
  for (;;) {
    far = near + dir * step;
    const value = retention(model, at(far), data, alive, years);
    if (!Number.isFinite(value) || Math.abs(far - u0) > 40) {
      return { status: 'unreachable', before, target, low: dir > 0 ? before : nearValue, high: dir > 0 ? nearValue : before };
    }
    if (dir > 0 ? value >= target : value <= target) break;
    near = far;
    nearValue = value;
    step *= 2;
  }
  let lo = Math.min(near, far);
  let hi = Math.max(near, far);
  for (let k = 0; k < 200 && hi - lo > 1e-13; k++) {
    const mid = (lo + hi) / 2;
    if (retention(model, at(mid), data, alive, years) < target) lo = mid;
    else hi = mid;
  }
  const shifted = at((lo + hi) / 2);
  return { status: 'ok', params: shifted, before, after: retention(model, shifted, data, alive, years) };
}

/** Totals over the horizon before and after a lift. Money in minor units; revenue and margin discounted. */
export interface WhatIfTotals {
  purchases: number;
  revenue: number;
  margin: number;
}

export interface WhatIfResult {
  method: TransactionModelName | 'simple';
  parameter: 'b' | 'beta' | 'churn_rate';
  parameterBefore: number;
  parameterAfter: number;
  retentionBefore: number;
  retentionAfter: number;
  /** Customers valued (the break-even cost is per customer of these). */
  customers: number;
  /** Customers with an expected spend, whose revenue and margin are in the totals (the models need the spend model). */
  valuedCustomers: number;
  /** Customers alive today: Σ P(alive) for the models; every customer for the textbook method. */
  aliveCustomers: number;
  /** The horizon of the totals in days: --horizon for the models; the expected lifetime for the textbook. */
  horizonDaysBefore: number;
  horizonDaysAfter: number;
  before: WhatIfTotals;
  after: WhatIfTotals;
  /** (retention after − before) × alive customers: customers still buying a year from now who would not be. */
  extraRetained: number;
  /** Margin change / extra retained customers; null when no customer is retained. */
  marginPerRetained: number | null;
  /** Margin change / customers: the most a retention effort may cost per customer and still pay. */
  breakEvenCostPerCustomer: number;
}

export type WhatIf = { status: 'ok'; result: WhatIfResult } | { status: 'unreachable'; method: WhatIfResult['method']; before: number; target: number; low: number; high: number };

function finish(r: Omit<WhatIfResult, 'extraRetained' | 'marginPerRetained' | 'breakEvenCostPerCustomer'>): WhatIf {
  const extraRetained = (r.retentionAfter - r.retentionBefore) * r.aliveCustomers;
  const gain = r.after.margin - r.before.margin;
  return {
    status: 'ok',
    result: { ...r, extraRetained, marginPerRetained: extraRetained !== 0 ? gain / extraRetained : null, breakEvenCostPerCustomer: r.customers > 0 ? gain / r.customers : 0 },
  };
}

/** What the model what-if needs of a fit (plain data: it can be sent to a worker thread). */
export interface WhatIfInput extends RowPredictionInput {
  data: Pick<BtydData, 'x' | 'tx' | 'T' | 'w'>;
}

export function whatIfInput(fit: LtvModelFit): WhatIfInput {
  const { x, tx, T, w } = fit.input.data;
  return { ...rowPredictionInput(fit), data: { x, tx, T, w } };
}

/**
 * The long part of the model what-if, per distinct (x, t_x, T) row: P(alive) at the fitted parameters, the
 * dropout parameter's shift, the change of expected and of discounted purchases over the horizon, and the
 * fit's row predictions (null when the target retention is unreachable).
 */
export interface WhatIfRows {
  alive: Float64Array;
  shift: DropoutShift;
  changeBy: Float64Array;
  changeDiscounted: Float64Array;
  rows: RowPredictions | null;
}

export function whatIfRowsOf(input: WhatIfInput, options: LtvOptions, lift: number): WhatIfRows {
  const { data, unitDays } = input;
  const name = input.chosen.model as TransactionModelName;
  const model = TRANSACTION_MODELS[name];
  const params = [...input.chosen.params];
  const alive = Float64Array.from(data.x, (x, r) => model.probabilityAlive(params, x, data.tx[r], data.T[r]));
  const year = DAYS_PER_YEAR / unitDays;
  const shift = shiftDropout(name, params, data, alive, year, lift);
  const changeBy = new Float64Array(data.x.length);
  const changeDiscounted = new Float64Array(data.x.length);
  if (shift.status === 'unreachable') return { alive, shift, changeBy, changeDiscounted, rows: null };
  const after = shift.params;
  const steps = clvSteps(options.horizonDays ?? DAYS_PER_YEAR);
  const delta = options.discountPerDay ?? 0;
  // per distinct row: the change of expected purchases by the horizon, and of the discounted purchases
  for (let r = 0; r < data.x.length; r++) {
    const [x, tx, T] = [data.x[r], data.tx[r], data.T[r]];
    const pAfter = model.probabilityAlive(after, x, tx, T);
    let prev = 0;
    let sum = 0;
    for (const t of steps) {
      const u = t / unitDays;
      const e = alive[r] * (model.conditionalExpectedPurchases(after, x, tx, T, u) / pAfter - model.conditionalExpectedPurchases(params, x, tx, T, u) / alive[r]);
      sum += (e - prev) * Math.exp(-delta * t);
      prev = e;
    }
    changeBy[r] = alive[r] > 0 ? prev : 0;
    changeDiscounted[r] = alive[r] > 0 ? sum : 0;
  }
  return { alive, shift, changeBy, changeDiscounted, rows: predictRowsOf(input, options) };
}

/**
 * The model what-if over the fit's horizon (options.horizonDays, discount, margin as in predictCustomers).
 * `done`: whatIfRowsOf made elsewhere (in a worker thread) from the same fit, options and lift; made here
 * when not given.
 */
export function whatIfModel(log: CustomerList, fit: LtvFit, options: LtvOptions, lift: number, done: WhatIfRows = whatIfRowsOf(whatIfInput(fit), options, lift)): WhatIf {
  const { chosen } = fit;
  const name = chosen.model as TransactionModelName;
  const { shift, alive, changeBy, changeDiscounted } = done;
  if (shift.status === 'unreachable') return { status: 'unreachable', method: name, before: shift.before, target: shift.target, low: shift.low, high: shift.high };
  const after = shift.params;
  const params = chosen.params;
  const horizonDays = options.horizonDays ?? DAYS_PER_YEAR;
  const margin = options.margin ?? 1;
  const data = fit.input.data;
  const rows = computeLtvPredictions(log, fit, options, done.rows ?? undefined).rows;
  const before: WhatIfTotals = { purchases: 0, revenue: 0, margin: 0 };
  let purchaseChange = 0;
  let revenueChange = 0;
  let aliveCustomers = 0;
  let valuedCustomers = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = data.rowOf[i];
    aliveCustomers += alive[r];
    before.purchases += rows[i].expected_purchases;
    purchaseChange += changeBy[r];
    const spend = rows[i].expected_spend;
    const clv = rows[i].clv;
    if (spend === null || clv === null) continue;
    valuedCustomers++;
    before.margin += clv;
    before.revenue += clv / margin;
    revenueChange += spend * changeDiscounted[r];
  }
  return finish({
    method: name,
    parameter: DROPOUT_PARAMETER[name],
    parameterBefore: params[DROPOUT_INDEX],
    parameterAfter: after[DROPOUT_INDEX],
    retentionBefore: shift.before,
    retentionAfter: shift.after,
    customers: rows.length,
    valuedCustomers,
    aliveCustomers,
    horizonDaysBefore: horizonDays,
    horizonDaysAfter: horizonDays,
    before,
    after: { purchases: before.purchases + purchaseChange, revenue: before.revenue + revenueChange, margin: before.margin + margin * revenueChange },
  });
}

/**
 * The textbook what-if: the yearly churn rate falls by `lift` (retention = 1 − churn rises by it) and the
 * lifetime 1 / churn rises with it; purchases, revenue and margin over the lifetime, from the customer rows of
 * simpleLtv (their lifetime is 1 / churnRate).
 */
export function whatIfSimple(rows: readonly SimpleLtvRow[], churnRate: number, discountPerDay: number, lift: number): WhatIf {
  const churnAfter = churnRate - lift;
  if (!(churnAfter > 0 && churnAfter <= 1)) return { status: 'unreachable', method: 'simple', before: 1 - churnRate, target: 1 - churnRate + lift, low: 0, high: 1 };
  const totals = (lifetime: number, discount: number): WhatIfTotals => {
    const t: WhatIfTotals = { purchases: 0, revenue: 0, margin: 0 };
    for (const r of rows) {
      t.purchases += r.purchases_per_year * lifetime;
      t.revenue += r.aov * r.purchases_per_year * lifetime * discount;
      t.margin += r.aov * r.purchases_per_year * lifetime * r.margin * discount;
    }
    return t;
  };
  const lifetime = rows.length > 0 ? rows[0].lifetime_years : 1 / churnRate;
  const lifetimeAfter = churnAfter === churnRate ? lifetime : 1 / churnAfter;
  const discountAfter = churnAfter === churnRate && rows.length > 0 ? rows[0].discount_factor : evenDiscountFactor(lifetimeAfter * DAYS_PER_YEAR, discountPerDay);
  return finish({
    method: 'simple',
    parameter: 'churn_rate',
    parameterBefore: churnRate,
    parameterAfter: churnAfter,
    retentionBefore: 1 - churnRate,
    retentionAfter: 1 - churnAfter,
    customers: rows.length,
    valuedCustomers: rows.length,
    aliveCustomers: rows.length,
    horizonDaysBefore: lifetime * DAYS_PER_YEAR,
    horizonDaysAfter: lifetimeAfter * DAYS_PER_YEAR,
    before: totals(lifetime, rows.length > 0 ? rows[0].discount_factor : 1),
    after: totals(lifetimeAfter, discountAfter),
  });
}
