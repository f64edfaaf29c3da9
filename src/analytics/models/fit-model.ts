/**
 * Maximum-likelihood fits of the transaction models and the Gamma-Gamma spend model: the optimiser works on
 * log-parameters and the mean negative log-likelihood (so tolerances do not depend on the number of
 * customers); standard errors come from the inverse Hessian of the total log-likelihood (delta method from
 * log to natural parameters).
 */
import { bgNbd, mbgNbd } from './bg-nbd.js';
import { betaGeoLimitLogLikelihood, dropoutDims, rateDims, type DropoutForm, type RateForm } from './bg-limits.js';
import { subsampleRows, type BtydData, type SpendData } from './btyd-data.js';
import { GAMMA_GAMMA_PARAMS, gammaGammaLogLikelihood, gammaGammaStarts, sameSpendLevelLogLikelihood, steadySpendLogLikelihood } from './gamma-gamma.js';
import { invertSpd, minimize, numericGradient, numericHessian, type ObjectiveWithGradient, type StopReason } from './optimize.js';
import { paretoNbd } from './pareto-nbd.js';
import { PNBD_FAR, paretoLimitLogLikelihood, pnbdDropoutDims, pnbdRateDims, type PnbdDropoutForm, type PnbdRateForm } from './pnbd-limits.js';
import { meanT, type TransactionModel, type TransactionModelName } from './transaction-model.js';

export const TRANSACTION_MODELS: Record<TransactionModelName, TransactionModel> = { bgnbd: bgNbd, pnbd: paretoNbd, mbgnbd: mbgNbd };

export type ModelName = TransactionModelName | 'gg';

/**
 * How a fit ended: the optimiser's stop reason, or `no_data`, `hessian_not_positive_definite` (the optimum has no
 * standard errors), `converged`, `boundary` (the estimate is the limit of a parameter running off: `boundary`).
 */
export type FitStop = StopReason | 'no_data' | 'hessian_not_positive_definite' | 'converged' | 'boundary';

export interface ModelFit {
  model: ModelName;
  label: string;
  paramNames: readonly string[];
  /** Estimates on the natural scale (time parameters in the data's unit). */
  params: number[];
  /** Standard errors; null when the Hessian is not positive definite at the estimate. */
  se: (number | null)[];
  logLikelihood: number;
  /** 2k − 2 LL. */
  aic: number;
  /** k ln n − 2 LL. */
  bic: number;
  /** Customers in the fit (Σ weights) and distinct rows evaluated. */
  customers: number;
  rows: number;
  /** Gradient below tolerance and a positive-definite Hessian. */
  converged: boolean;
  gradientNorm: number;
  iterations: number;
  method: string;
  /** How many starting points were tried and how many reached the best optimum. */
  startsTried: number;
  startsAgreeing: number;
  /** How the fit ended. */
  stop: FitStop;
  /**
   * Set when the maximum lies on the edge of the parameter space, reached as a limit (see BOUNDARY_LIMITS):
   * `no_dropout` (the data show no dropout), `dropout_all_or_none` (each customer either never drops out or
   * drops out at the first chance), `same_dropout` (one dropout probability for everyone); Gamma-Gamma's
   * `same_spend_level` (one transaction-value rate for everyone) and `steady_spend` (each customer's
   * transactions all alike). Null inside.
   */
  boundary: BoundaryKind | null;
  /** Per parameter: it ran off towards the limit (its estimate is a point near the limit, with no standard error). */
  ranOff: boolean[];
  /**
   * Per parameter on a limit: where it went — `zero` or `infinity` (the value in `params` is only a stand-in far
   * towards the limit, e^±16–20), or `free` (the limit does not depend on it: BG/NBD's b when a → 0, Pareto/NBD's
   * β when s → 0; the value kept is not an estimate either); null for a parameter estimated. None is printed.
   */
  toward: (LimitDirection | null)[];
  /**
   * On a limit: the combination of the parameters that ran off which the data do pin down, with its standard
   * error — Gamma-Gamma's p·γ (`steady_spend`: p → ∞, γ → 0) or q/γ (`same_spend_level`: q, γ → ∞); BG/NBD's and
   * MBG/NBD's a/(a+b) (`same_dropout`: the dropout probability of everyone; `dropout_all_or_none`: the share
   * that drops out at the first chance). Absent otherwise (and at `no_dropout`, where nothing ran off in pairs).
   */
  combined?: CombinedEstimate[];
  /**
   * Covariance of the log-parameters at the estimate (row-major k × k, the inverse Hessian of the total
   * negative log-likelihood); on a boundary, that of the free directions mapped back. Null without one.
   */
  logCovariance: Float64Array | null;
}

/** A combination of parameters estimated where its parts are not (ModelFit.combined). */
export interface CombinedEstimate {
  name: 'p*gamma' | 'q/gamma' | 'a/(a+b)' | 'r/alpha' | 's/beta';
  value: number;
  se: number | null;
}

/** Where a parameter went at a limit (ModelFit.toward). */
export type LimitDirection = 'zero' | 'infinity' | 'free';

export type BoundaryKind =
  | 'no_dropout' | 'dropout_all_or_none' | 'same_dropout'
  | 'one_rate' | 'one_rate_no_dropout' | 'one_rate_dropout_all_or_none' | 'one_rate_same_dropout'
  | 'same_dropout_rate' | 'one_rate_same_dropout_rate'
  | 'same_spend_level' | 'steady_spend';

export interface FitOptions {
  /** Starting points (log-parameters); default: the model's own. */
  starts?: Float64Array[];
  /** Gradient tolerance on the mean negative log-likelihood. Default 1e-8. */
  gradientTolerance?: number;
  /** Skip the standard errors (internal: the subsample stage). */
  skipHessian?: boolean;
  /** BFGS's starting inverse Hessian of the mean negative log-likelihood (internal: from the subsample stage). */
  initialInverseHessian?: Float64Array;
  /** Fall back to Nelder–Mead when BFGS fails (internal; default true). */
  fallback?: boolean;
  /** Nelder–Mead stops at a point with a log-parameter beyond ±this (internal: a model's interiorBound − 1). */
  runOffBeyond?: number;
}

type LogLikelihood = (lp: Float64Array, grad?: Float64Array) => number;

/**
 * The log-likelihood with its last evaluation remembered: the optimiser ends by evaluating the point its
 * last line search accepted again (the restart check, the final gradient, the reported value), and on large
 * data each evaluation costs tens of milliseconds.
 */
function rememberLast(ll: LogLikelihood): LogLikelihood {
  let lastX: Float64Array | null = null;
  let lastValue = NaN;
  let lastGrad: Float64Array | null = null;
  return (lp, grad) => {
    if (lastX && lastX.length === lp.length && lastX.every((v, i) => v === lp[i]) && (!grad || lastGrad)) {
      if (grad && lastGrad) grad.set(lastGrad);
      return lastValue;
    }
    const value = ll(lp, grad);
    lastX = Float64Array.from(lp);
    lastValue = value;
    lastGrad = grad ? Float64Array.from(grad) : null;
    return value;
  };
}

function fitGeneric(
  model: ModelName,
  label: string,
  paramNames: readonly string[],
  rawLogLikelihood: LogLikelihood,
  hasGradient: boolean,
  starts: Float64Array[],
  customers: number,
  rows: number,
  options: FitOptions,
): { fit: ModelFit; inverseHessian?: Float64Array } {
  const k = paramNames.length;
  const ll = rememberLast(rawLogLikelihood);
  if (!(customers > 0)) {
    return { fit: {
      model, label, paramNames, params: new Array<number>(k).fill(NaN), se: new Array<null>(k).fill(null), logLikelihood: NaN, aic: NaN, bic: NaN,
      customers, rows, converged: false, gradientNorm: NaN, iterations: 0, method: 'none', startsTried: 0, startsAgreeing: 0, stop: 'no_data',
      boundary: null, ranOff: new Array<boolean>(k).fill(false), toward: new Array<null>(k).fill(null), logCovariance: null,
    } };
  }
  const scale = 1 / customers;
  const meanNll = (lp: Float64Array): number => {
    const v = ll(lp);
    return Number.isFinite(v) ? -v * scale : Infinity;
  };
  const fg: ObjectiveWithGradient = hasGradient
    ? (lp, g) => {
        const v = ll(lp, g);
        if (!Number.isFinite(v)) {
          g.fill(NaN);
          return Infinity;
        }
        for (let i = 0; i < g.length; i++) g[i] *= -scale;
        return -v * scale;
      }
    : numericGradient(meanNll);
  const result = minimize(fg, options.starts ?? starts, { gradientTolerance: options.gradientTolerance ?? 1e-8, initialInverseHessian: options.initialInverseHessian, fallback: options.fallback, runOffBeyond: options.runOffBeyond });
  const lp = result.x;
  const params = Array.from(lp, Math.exp);
  const logLikelihood = ll(lp);
  // Hessian of the total negative log-likelihood in log-parameters.
  const totalNll = (p: Float64Array): number => -ll(p);
  const totalFg: ObjectiveWithGradient | undefined = hasGradient
    ? (p, g) => {
        const v = ll(p, g);
        for (let i = 0; i < g.length; i++) g[i] = -g[i];
        return -v;
      }
    : undefined;
  const cov = options.skipHessian ? null : invertSpd(numericHessian(lp, totalNll, totalFg, hasGradient ? 1e-5 : 1e-4));
  const se = params.map((v, i) => (cov && cov[i][i] > 0 ? v * Math.sqrt(cov[i][i]) : null));
  const converged = result.converged && (cov !== null || options.skipHessian === true);
  const stop: FitStop = !result.converged ? result.stop : !converged ? 'hessian_not_positive_definite' : 'converged';
  const fit: ModelFit = {
    model, label, paramNames, params, se, logLikelihood,
    aic: 2 * k - 2 * logLikelihood,
    bic: k * Math.log(customers) - 2 * logLikelihood,
    customers, rows, converged, gradientNorm: result.gradientNorm, iterations: result.iterations, method: result.method,
    startsTried: result.startsTried, startsAgreeing: result.startsAgreeing, stop,
    boundary: null, ranOff: new Array<boolean>(k).fill(false), toward: new Array<null>(k).fill(null), logCovariance: cov ? flatten(cov) : null,
  };
  return { fit, inverseHessian: result.inverseHessian };
}

function flatten(m: Float64Array[]): Float64Array {
  const k = m.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) out.set(m[i], i * k);
  return out;
}

/** Above this many distinct rows, starting points are tried on a subsample first. */
export const SUBSAMPLE_ROWS = 20_000;

/**
 * Fits a transaction model (BG/NBD, Pareto/NBD or MBG/NBD) to compressed data. On large data (more than
 * 2 × SUBSAMPLE_ROWS distinct rows) the starting points are tried on a systematic subsample of about
 * SUBSAMPLE_ROWS rows, and the best estimate is refined on all rows by BFGS starting there from the
 * subsample's curvature (the objective is a mean per customer, so the two Hessians are alike) instead of
 * relearning it. When that refinement fails (the subsample's optimum can be a boundary the full data do not
 * share, where the likelihood is flat or not finite), all rows are fitted from the model's own starting
 * points, with the usual fallback and restart.
 */
export function fitTransactionModel(name: TransactionModelName, data: BtydData, options: FitOptions = {}): ModelFit {
  const interior = fitInterior(name, data, options);
  if (options.skipHessian || !interior.params.every(Number.isFinite) || !nearBoundary(interior)) return interior;
  return bestOfLimits(name, data, interior);
}

function fitInterior(name: TransactionModelName, data: BtydData, given: FitOptions): ModelFit {
  const m = TRANSACTION_MODELS[name];
  const options: FitOptions = m.interiorBound === undefined ? given : { runOffBeyond: m.interiorBound - 1, ...given };
  const starts = options.starts ?? m.starts(data);
  const fitRows = (from: Float64Array[], extra: FitOptions): ModelFit =>
    fitGeneric(name, m.label, m.paramNames, (lp, g) => m.logLikelihood(lp, data, g), m.hasGradient, from, data.customers, data.x.length, { ...options, ...extra }).fit;
  if (options.starts || data.x.length <= 2 * SUBSAMPLE_ROWS) return fitRows(starts, {});
  const sub = subsampleRows(data, SUBSAMPLE_ROWS);
  const stage = fitGeneric(name, m.label, m.paramNames, (lp, g) => m.logLikelihood(lp, sub, g), m.hasGradient, starts, sub.customers, sub.x.length, { ...options, skipHessian: true });
  const pre = stage.fit;
  const estimate = Float64Array.from(pre.params, Math.log);
  if (pre.params.every((v) => v > 0 && Number.isFinite(v)) && Number.isFinite(m.logLikelihood(estimate, data))) {
    const refined = fitRows([estimate], { initialInverseHessian: m.hasGradient ? stage.inverseHessian : undefined, fallback: false });
    if (refined.converged) {
      return { ...refined, iterations: refined.iterations + pre.iterations, startsTried: pre.startsTried, startsAgreeing: pre.startsAgreeing, method: `${pre.method}@subsample:${pre.rows},${refined.method}` };
    }
  }
  return fitRows(starts, {});
}

/**
 * Signs that the maximum may lie on the edge of the parameter space: no convergence, no positive-definite
 * Hessian, a log-parameter whose standard error exceeds 3 (its 95% range spans a factor of 10⁵), or an
 * estimate beyond e^±15 (but for `scaleParam`, a parameter in the data's units, such as Gamma-Gamma's γ).
 */
function nearBoundary(f: ModelFit, scaleParam = -1): boolean {
  if (!f.converged || f.logCovariance === null) return true;
  const k = f.params.length;
  for (let i = 0; i < k; i++) {
    if (i !== scaleParam && Math.abs(Math.log(f.params[i])) > 15) return true;
    if (!(Math.sqrt(f.logCovariance[i * k + i]) <= 3)) return true;
  }
  return false;
}

/** A limit's free directions are all pinned down: a positive-definite Hessian and every log-SE ≤ 3. */
function nearlyIdentified(f: ModelFit): boolean {
  const cov = f.logCovariance;
  if (!cov) return false;
  const k = f.params.length;
  for (let i = 0; i < k; i++) if (!(Math.sqrt(cov[i * k + i]) <= 3)) return false;
  return true;
}

/** How far towards a limit the log-parameters that run off are put: e^−18 ≈ 1.5·10⁻⁸, e^16 ≈ 8.9·10⁶. */
const FAR_LOW = -18;
const FAR_HIGH = 16;

/**
 * A limit of a model's parameter space as a smaller model: its own log-likelihood over the free coordinates v,
 * and the full log-parameters lp = J·v + c (J constant) for the predictions and the covariance, with the
 * parameters that ran off put far towards the limit (stand-ins, never printed: ModelFit.toward).
 */
interface Limit {
  kind: BoundaryKind;
  free: number;
  /** J, row-major k × free. */
  jacobian: Float64Array;
  offset: Float64Array;
  ranOff: boolean[];
  toward: (LimitDirection | null)[];
  /**
   * The combinations the limit pins down (ModelFit.combined): value = link(w · ln θ), `exp` for a product or
   * ratio of parameters, `logistic` for a/(a+b) = logistic(ln a − ln b).
   */
  combined: { name: CombinedEstimate['name']; w: number[]; link: 'exp' | 'logistic' }[];
  /** Starting points of v, from the interior estimate. */
  starts: Float64Array[];
  logLikelihood: LogLikelihood;
  /** The log-likelihood gives its gradient (else central differences). */
  hasGradient: boolean;
}

/**
 * The limits tried for each model (Fader, Hardie & Lee's BG/NBD and MBG/NBD: p ~ Beta(a, b); Pareto/NBD:
 * μ ~ Gamma(s, β); bg-limits.ts has them in closed form):
 * - no_dropout: a → 0 (BG) or s → 0 (Pareto): nobody drops out; r and α free, b or β irrelevant (kept).
 * - dropout_all_or_none (BG, MBG): a, b → 0 with a/b free: Beta(a, b) tends to a share a/(a+b) of customers
 *   with p = 1 and the rest with p = 0.
 * - same_dropout (BG, MBG): a, b → ∞ with a/b free: one dropout probability for everyone.
 * - one_rate…: r, α → ∞ with r/α free: one purchase rate for everyone (the gamma's spread → 0), with each of
 *   the dropout forms above or the beta inside (BG, MBG), or with no dropout (Pareto); tried where the interior
 *   fit's r ran off or did not converge (each limit costs a fit).
 */
function limitsOf(name: TransactionModelName, interior: ModelFit, data: BtydData): Limit[] {
  const [r, alpha, third, fourth] = interior.params.map(Math.log);
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const m: 0 | 1 = name === 'mbgnbd' ? 1 : 0;
  // The interior estimate as a start only where it is sane (a runaway r or α makes every evaluation slow).
  const plain = [Math.log(0.5), clamp(alpha - r, -10, 10) + Math.log(0.5)];
  const fromInterior = Math.abs(r) < 10 && Math.abs(alpha) < 15 ? [r, alpha] : plain;
  const rateLn = Number.isFinite(r - alpha) ? clamp(r - alpha, -15, 5) : plain[0] - plain[1];
  const ratio = Number.isFinite(third - fourth) ? clamp(third - fourth, -10, 10) : 0;
  const inside = [Number.isFinite(third) ? clamp(third, -5, 5) : 0, Number.isFinite(fourth) ? clamp(fourth, -5, 5) : 0];
  const make = (kind: BoundaryKind, rate: RateForm, dropout: DropoutForm): Limit => {
    const nr = rateDims(rate);
    const nd = dropoutDims(dropout);
    const free = nr + nd;
    const columns: number[][] = rate === 'gamma' ? [[1, 0, 0, 0], [0, 1, 0, 0]] : [[1, 0, 0, 0]];
    if (dropout === 'beta') columns.push([0, 0, 1, 0], [0, 0, 0, 1]);
    else if (nd === 1) columns.push([0, 0, 1, 0]);
    const jacobian = new Float64Array(4 * free);
    columns.forEach((col, j) => col.forEach((v, i) => (jacobian[i * free + j] = v)));
    // stand-ins: r = e^16·λ, α = e^16; a = e^−18 with b = 1 (no dropout: b makes no difference, and 1 keeps the
    // predictions' series short); a = e^∓·u… with b = e^−18 or e^16 (a/b = e^u)
    const far = dropout === 'none' ? [FAR_LOW, name === 'pnbd' ? clamp(fourth, -10, 10) : 0] : dropout === 'all_or_none' ? [FAR_LOW, FAR_LOW] : dropout === 'one_probability' ? [FAR_HIGH, FAR_HIGH] : [0, 0];
    const offset = [rate === 'gamma' ? 0 : FAR_HIGH, rate === 'gamma' ? 0 : FAR_HIGH, far[0], far[1]];
    const rateToward: (LimitDirection | null)[] = rate === 'gamma' ? [null, null] : ['infinity', 'infinity'];
    const dropToward: (LimitDirection | null)[] = dropout === 'beta' ? [null, null] : dropout === 'none' ? ['zero', 'free'] : dropout === 'all_or_none' ? ['zero', 'zero'] : ['infinity', 'infinity'];
    const toward = [...rateToward, ...dropToward];
    const combined: Limit['combined'] = [];
    if (rate === 'one_rate') combined.push({ name: 'r/alpha', w: [1, -1, 0, 0], link: 'exp' });
    if (nd === 1) combined.push({ name: 'a/(a+b)', w: [0, 0, 1, -1], link: 'logistic' });
    const rateStarts = rate === 'gamma' ? [fromInterior, plain] : [[rateLn], [plain[0] - plain[1]]];
    const dropStarts = dropout === 'beta' ? [inside] : dropout === 'none' ? [[]] : dropout === 'all_or_none' ? [[ratio], [-2]] : [[-3], [0]];
    const starts: Float64Array[] = [];
    for (const a of rateStarts) for (const b of dropStarts) starts.push(Float64Array.from([...a, ...b]));
    return {
      kind, free, jacobian, offset: Float64Array.from(offset), ranOff: toward.map((t) => t !== null), toward, combined, starts,
      logLikelihood: (v, grad) => betaGeoLimitLogLikelihood(m, rate, dropout, v, data, grad), hasGradient: true,
    };
  };
  // Pareto/NBD's limits where a gamma's spread goes to 0 (pnbd-limits.ts): stand-ins r = e^24·λ, α = e^24 and
  // s = e^24·μ, β = e^24, which pareto-nbd.ts predicts as the limit
  const makeParetoLimit = (kind: BoundaryKind, rate: PnbdRateForm, drop: PnbdDropoutForm): Limit => {
    const nr = pnbdRateDims(rate);
    const free = nr + pnbdDropoutDims(drop);
    const columns: number[][] = rate === 'gamma' ? [[1, 0, 0, 0], [0, 1, 0, 0]] : [[1, 0, 0, 0]];
    if (drop === 'gamma') columns.push([0, 0, 1, 0], [0, 0, 0, 1]);
    else columns.push([0, 0, 1, 0]);
    const jacobian = new Float64Array(4 * free);
    columns.forEach((col, j) => col.forEach((v, i) => (jacobian[i * free + j] = v)));
    const offset = [rate === 'gamma' ? 0 : PNBD_FAR, rate === 'gamma' ? 0 : PNBD_FAR, drop === 'gamma' ? 0 : PNBD_FAR, drop === 'gamma' ? 0 : PNBD_FAR];
    const toward: (LimitDirection | null)[] = [...(rate === 'gamma' ? [null, null] : ['infinity', 'infinity']), ...(drop === 'gamma' ? [null, null] : ['infinity', 'infinity'])] as (LimitDirection | null)[];
    const combined: Limit['combined'] = [];
    if (rate === 'one_rate') combined.push({ name: 'r/alpha', w: [1, -1, 0, 0], link: 'exp' });
    if (drop === 'one_rate') combined.push({ name: 's/beta', w: [0, 0, 1, -1], link: 'exp' });
    // the dropout rate: the interior's s/β where finite, else about one dropout in twice the mean time observed
    const plainMu = -Math.log(2 * meanT(data));
    const muStarts = Number.isFinite(third - fourth) ? [clamp(third - fourth, -15, 5), plainMu] : [plainMu];
    const gammaDrop = [Number.isFinite(third) ? clamp(third, -5, 5) : 0, Number.isFinite(fourth) ? clamp(fourth, -5, 10) : 0];
    const rateStarts = rate === 'gamma' ? [fromInterior, plain] : [[rateLn], [plain[0] - plain[1]]];
    const dropStarts = drop === 'gamma' ? [gammaDrop, [0, Math.log(meanT(data))]] : muStarts.map((u) => [u]);
    const starts: Float64Array[] = [];
    for (const a of rateStarts) for (const b of dropStarts) starts.push(Float64Array.from([...a, ...b]));
    return {
      kind, free, jacobian, offset: Float64Array.from(offset), ranOff: toward.map((t) => t !== null), toward, combined, starts,
      logLikelihood: (v) => paretoLimitLogLikelihood(rate, drop, v, data), hasGradient: false,
    };
  };
  const oneRate = !interior.converged || Math.abs(r) > 5 || !(interior.logCovariance && Math.sqrt(interior.logCovariance[0]) <= 3);
  if (name === 'pnbd') {
    // s → 0: the NBD model, BG/NBD's likelihood with no dropout (m = 0); s, β → ∞: one dropout rate, tried only
    // where the interior's s is over 1 (dropout rates whose spread is below their mean): an s running to 0 is the
    // other end, and there the one-rate fit only walks to μ → 0 (seconds on a few hundred customers)
    const sameRate = !(third <= 0);
    return [
      make('no_dropout', 'gamma', 'none'),
      ...(sameRate ? [makeParetoLimit('same_dropout_rate', 'gamma', 'one_rate')] : []),
      // (r, α → ∞ with the gamma of dropout rates inside is not tried: its maximum runs on to s, β → 0, a share
      // that drops out at once, a limit not written yet, through thousands of slow evaluations)
      ...(oneRate ? [make('one_rate_no_dropout', 'one_rate', 'none'), ...(sameRate ? [makeParetoLimit('one_rate_same_dropout_rate', 'one_rate', 'one_rate')] : [])] : []),
    ];
  }
  return [
    make('no_dropout', 'gamma', 'none'),
    make('dropout_all_or_none', 'gamma', 'all_or_none'),
    make('same_dropout', 'gamma', 'one_probability'),
    ...(oneRate
      ? [make('one_rate', 'one_rate', 'beta'), make('one_rate_no_dropout', 'one_rate', 'none'), make('one_rate_dropout_all_or_none', 'one_rate', 'all_or_none'), make('one_rate_same_dropout', 'one_rate', 'one_probability')]
      : []),
  ];
}

/**
 * Fits every limit of the model and keeps the best: a limit whose log-likelihood is at least the interior
 * fit's (within rounding) is where the maximum lies, reported with the free directions' standard errors.
 * A limit must pin down each of its free directions (log-SE ≤ 3) — unless the interior fit converged without
 * pinning down its own: then the interior estimate is a point on the way to the limit (CDNOW to 1997-02-01:
 * Pareto/NBD's s 65,977 with se 814,448, LL 1.3·10⁻⁷ below the limit s, β → ∞), and the limit, with fewer
 * parameters and its uncertainty in its standard errors, is the better account of the same maximum.
 */
function bestOfLimits(name: TransactionModelName, data: BtydData, interior: ModelFit): ModelFit {
  let best: ModelFit | null = null;
  const requireIdentified = !interior.converged || nearlyIdentified(interior);
  for (const limit of limitsOf(name, interior, data)) {
    const names = Array.from({ length: limit.free }, (_, j) => `v${j}`);
    const { fit: reduced } = fitGeneric(interior.model, interior.label, names, limit.logLikelihood, limit.hasGradient, limit.starts, data.customers, data.x.length, { fallback: true });
    const candidate = limitCandidate(interior, reduced, limit, requireIdentified);
    if (candidate && (!best || candidate.logLikelihood > best.logLikelihood)) best = candidate;
  }
  return interiorOrLimit(interior, best);
}

/**
 * A limit's reduced fit as a fit of the whole model: the full parameters (those that ran off far towards the
 * limit), the free directions' covariance mapped back (J·Σ·Jᵀ) and their standard errors; null when the reduced
 * fit did not converge or (`requireIdentified`) leaves a direction unidentified.
 */
function limitCandidate(interior: ModelFit, reduced: ModelFit, limit: Pick<Limit, 'kind' | 'free' | 'jacobian' | 'offset' | 'ranOff' | 'toward' | 'combined'>, requireIdentified = true): ModelFit | null {
  if (!reduced.converged || !Number.isFinite(reduced.logLikelihood) || (requireIdentified && !nearlyIdentified(reduced))) return null;
  const k = interior.paramNames.length;
  const v = Float64Array.from(reduced.params, Math.log);
  const params = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    let s = limit.offset[i];
    for (let j = 0; j < limit.free; j++) s += limit.jacobian[i * limit.free + j] * v[j];
    params[i] = Math.exp(s);
  }
  const covV = reduced.logCovariance as Float64Array;
  const cov = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < limit.free; a++) for (let b = 0; b < limit.free; b++) s += limit.jacobian[i * limit.free + a] * covV[a * limit.free + b] * limit.jacobian[j * limit.free + b];
      cov[i * k + j] = s;
    }
  const se = params.map((value, i) => (limit.ranOff[i] ? null : value * Math.sqrt(cov[i * k + i])));
  const logLikelihood = reduced.logLikelihood;
  const fit: ModelFit = {
    ...interior,
    params, se, logLikelihood,
    aic: 2 * k - 2 * logLikelihood,
    bic: k * Math.log(interior.customers) - 2 * logLikelihood,
    converged: true, gradientNorm: reduced.gradientNorm, iterations: interior.iterations + reduced.iterations,
    method: `${interior.method},limit:${limit.kind}@${reduced.method}`,
    stop: 'boundary',
    boundary: limit.kind, ranOff: limit.ranOff, toward: limit.toward, logCovariance: cov,
  };
  if (limit.combined.length > 0) fit.combined = limit.combined.map((c) => combinedOf(params, cov, c));
  else delete fit.combined;
  return fit;
}

/**
 * What a limit pins down (ModelFit.combined): link(w · ln θ), with the standard error from the variance of
 * w · ln θ in the log-covariance J·Σ·Jᵀ (that of the reduced fit's own coordinate).
 */
function combinedOf(params: number[], cov: Float64Array, c: Limit['combined'][number]): CombinedEstimate {
  const k = params.length;
  let u = 0;
  // exp: the product itself (weights ±1: p·γ, q/γ), not exp of its log
  let product = 1;
  let variance = 0;
  for (let i = 0; i < k; i++) {
    u += c.w[i] * Math.log(params[i]);
    if (c.w[i] === 1) product *= params[i];
    else if (c.w[i] === -1) product /= params[i];
    for (let j = 0; j < k; j++) variance += c.w[i] * cov[i * k + j] * c.w[j];
  }
  // logistic(u) without overflow; its derivative is value·(1 − value)
  const value = c.link === 'exp' ? product : u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  const slope = c.link === 'exp' ? value : value * (1 - value);
  return { name: c.name, value, se: variance > 0 ? slope * Math.sqrt(variance) : null };
}

/**
 * The interior fit, or the best limit where the maximum lies there (see the tolerance below). `runaway`: the
 * interior estimate is itself out towards the limit (Gamma-Gamma's q or p beyond e^15), where its
 * log-likelihood is rounding noise (the log-gamma and q·ln γ terms cancel to 10⁻³ and worse; at q = 10⁹ the
 * noise exceeds half a unit) and its predictions are the limit's to 10⁻⁶: the limit is taken.
 */
function interiorOrLimit(interior: ModelFit, best: ModelFit | null, runaway = false): ModelFit {
  if (!best) return interior;
  if (runaway) return best;
  // A converged interior fit must be beaten outright (within rounding). One that did not converge has
  // often chased rounding noise of the log-gamma differences towards the very limit fitted here (a and b
  // near 10^10), so the limit is taken unless the interior is better by half a log-likelihood unit (a
  // likelihood-ratio difference no test would call significant).
  const tolerance = interior.converged ? Math.max(1e-4, 1e-7 * Math.abs(best.logLikelihood)) : Math.max(0.5, 1e-6 * Math.abs(best.logLikelihood));
  if (Number.isFinite(interior.logLikelihood) && interior.logLikelihood > best.logLikelihood + tolerance) return interior;
  return best;
}

/**
 * Fits the Gamma-Gamma spend model to compressed repeat-spend data. Where the interior fit shows signs of a
 * maximum on the edge (no convergence, a runaway p or q, a log-parameter with standard error over 3), the
 * model's two limits are fitted as two-parameter models and the better one is kept when it is at least as
 * good as the interior fit (as for the transaction models):
 * - same_spend_level: q, γ → ∞ with q/γ = ν free: every customer has the same transaction-value rate ν
 *   (customers' mean spends differ only as much as their transactions' spread explains). Its predictions are
 *   p/ν for everyone: the mean spend per repeat transaction.
 * - steady_spend: p → ∞, γ → 0 with pγ = δ free: each customer's transactions are all alike. A repeat
 *   customer's prediction is their own mean; a one-time buyer's the population mean δ/(q − 1).
 * When every repeat customer's mean spend is the same the likelihood has no maximum anywhere: the fit stays
 * unconverged and the report says so.
 */
export function fitGammaGamma(data: SpendData, options: FitOptions = {}): ModelFit {
  const interior = fitGeneric('gg', 'Gamma-Gamma', GAMMA_GAMMA_PARAMS, (lp, g) => gammaGammaLogLikelihood(lp, data, g), true, gammaGammaStarts(data), data.customers, data.x.length, options).fit;
  // γ is in currency units: its size says nothing of a boundary (index 2 left out of the size check)
  if (options.skipHessian || !(data.customers > 0) || !nearBoundary(interior, 2)) return interior;
  let best: ModelFit | null = null;
  for (const limit of spendLimits(data, interior)) {
    const { fit: reduced } = fitGeneric('gg', interior.label, ['v0', 'v1'], limit.logLikelihood, true, limit.starts, data.customers, data.x.length, { fallback: true });
    const candidate = limitCandidate(interior, reduced, limit);
    if (candidate && (!best || candidate.logLikelihood > best.logLikelihood)) best = candidate;
  }
  const [p, q] = interior.params;
  return interiorOrLimit(interior, best, !(Math.abs(Math.log(p)) <= 15 && Math.abs(Math.log(q)) <= 15));
}

/**
 * How far towards a limit the Gamma-Gamma's runaway parameters are put: e^20 ≈ 4.9·10⁸, where the
 * conditional expected spend p(γ + x m̄)/(px + q − 1) differs from its limit by about px/e^20 relative
 * (under 10⁻⁵ for a customer with 400 repeat purchases): below what is printed.
 */
const SPEND_FAR = 20;

/** The Gamma-Gamma's limits (see fitGammaGamma), each as full log-parameters lp = J·v + offset. */
function spendLimits(data: SpendData, interior: ModelFit): (Pick<Limit, 'kind' | 'free' | 'jacobian' | 'offset' | 'ranOff' | 'toward' | 'combined' | 'starts'> & { logLikelihood: LogLikelihood })[] {
  let sx = 0;
  let sxm = 0;
  let sm = 0;
  for (let i = 0; i < data.x.length; i++) {
    sx += data.w[i] * data.x[i];
    sxm += data.w[i] * data.x[i] * data.m[i];
    sm += data.w[i] * data.m[i];
  }
  // the mean spend per repeat transaction and per repeat customer (starting points: a limit's maximum in ν
  // given p is ν = p·Σx/Σx·m̄)
  const perTransaction = sxm / sx;
  const perCustomer = sm / data.customers;
  const [p, q] = interior.params;
  const sane = (v: number): boolean => Number.isFinite(v) && Math.abs(Math.log(v)) < 10;
  const pStarts = [...(sane(p) ? [p] : []), 1, 4];
  const qStarts = [...(sane(q) && q > 1.05 ? [q] : []), 2, 5];
  return [
    {
      kind: 'same_spend_level',
      free: 2,
      // (ln p, ln ν) → (ln p, F, F − ln ν)
      jacobian: Float64Array.from([1, 0, 0, 0, 0, -1]),
      offset: Float64Array.from([0, SPEND_FAR, SPEND_FAR]),
      ranOff: [false, true, true],
      toward: [null, 'infinity', 'infinity'],
      // log-parameters (ln p, ln q, ln γ): q/γ is ln q − ln γ
      combined: [{ name: 'q/gamma', w: [0, 1, -1], link: 'exp' }],
      starts: pStarts.map((v) => Float64Array.from([Math.log(v), Math.log(v / perTransaction)])),
      logLikelihood: (v, grad) => sameSpendLevelLogLikelihood(v, data, grad),
    },
    {
      kind: 'steady_spend',
      free: 2,
      // (ln q, ln δ) → (F, ln q, ln δ − F)
      jacobian: Float64Array.from([0, 0, 1, 0, 0, 1]),
      offset: Float64Array.from([SPEND_FAR, 0, -SPEND_FAR]),
      ranOff: [true, false, true],
      toward: ['infinity', null, 'zero'],
      // pγ is ln p + ln γ
      combined: [{ name: 'p*gamma', w: [1, 0, 1], link: 'exp' }],
      starts: qStarts.map((v) => Float64Array.from([Math.log(v), Math.log((v - 1) * perCustomer)])),
      logLikelihood: (v, grad) => steadySpendLogLikelihood(v, data, grad),
    },
  ];
}
