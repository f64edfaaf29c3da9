/**
 * Maximum-likelihood fits of the transaction models and the Gamma-Gamma spend model: the optimiser works on
 * log-parameters and the mean negative log-likelihood (so tolerances do not depend on the number of
 * customers); standard errors come from the inverse Hessian of the total log-likelihood (delta method from
 * log to natural parameters).
 */
import { bgNbd, mbgNbd } from './bg-nbd.js';
import { subsampleRows, type BtydData, type SpendData } from './btyd-data.js';
import { GAMMA_GAMMA_PARAMS, gammaGammaLogLikelihood, gammaGammaStarts } from './gamma-gamma.js';
import { invertSpd, minimize, numericGradient, numericHessian, type ObjectiveWithGradient } from './optimize.js';
import { paretoNbd } from './pareto-nbd.js';
import type { TransactionModel, TransactionModelName } from './transaction-model.js';

export const TRANSACTION_MODELS: Record<TransactionModelName, TransactionModel> = { bgnbd: bgNbd, pnbd: paretoNbd, mbgnbd: mbgNbd };

export type ModelName = TransactionModelName | 'gg';

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
  message: string;
}

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
      customers, rows, converged: false, gradientNorm: NaN, iterations: 0, method: 'none', startsTried: 0, startsAgreeing: 0, message: 'no data to fit',
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
  const result = minimize(fg, options.starts ?? starts, { gradientTolerance: options.gradientTolerance ?? 1e-8, initialInverseHessian: options.initialInverseHessian, fallback: options.fallback });
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
  const message = !result.converged ? result.message : !converged ? 'Hessian not positive definite at the estimate' : 'converged';
  const fit: ModelFit = {
    model, label, paramNames, params, se, logLikelihood,
    aic: 2 * k - 2 * logLikelihood,
    bic: k * Math.log(customers) - 2 * logLikelihood,
    customers, rows, converged, gradientNorm: result.gradientNorm, iterations: result.iterations, method: result.method,
    startsTried: result.startsTried, startsAgreeing: result.startsAgreeing, message,
  };
  return { fit, inverseHessian: result.inverseHessian };
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
  const m = TRANSACTION_MODELS[name];
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
      return { ...refined, iterations: refined.iterations + pre.iterations, startsTried: pre.startsTried, startsAgreeing: pre.startsAgreeing, method: `${pre.method} (subsample of ${pre.rows} rows), then ${refined.method}` };
    }
  }
  return fitRows(starts, {});
}

/** Fits the Gamma-Gamma spend model to compressed repeat-spend data. */
export function fitGammaGamma(data: SpendData, options: FitOptions = {}): ModelFit {
  return fitGeneric('gg', 'Gamma-Gamma', GAMMA_GAMMA_PARAMS, (lp, g) => gammaGammaLogLikelihood(lp, data, g), true, gammaGammaStarts(data), data.customers, data.x.length, options).fit;
}
