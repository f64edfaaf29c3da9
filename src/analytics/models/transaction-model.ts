/**
 * What every repeat-purchase ("buy till you die") model provides: a log-likelihood on log-parameters over
 * compressed data (with an analytic gradient where we have one), starting points, and the closed-form
 * predictions.
 */
import type { BtydData } from './btyd-data.js';

export type TransactionModelName = 'bgnbd' | 'pnbd' | 'mbgnbd';
export const TRANSACTION_MODEL_NAMES: readonly TransactionModelName[] = ['bgnbd', 'pnbd', 'mbgnbd'];

export interface TransactionModel {
  name: TransactionModelName;
  /** Human name, e.g. `BG/NBD`. */
  label: string;
  /** Parameter names in order, e.g. ['r', 'alpha', 'a', 'b']. */
  paramNames: readonly string[];
  /**
   * Total log-likelihood Σ w·ln L at parameters exp(logParams). With `grad` (and `hasGradient`), also writes
   * ∂LL/∂ln θ into it. Returns −Infinity or NaN where the parameters are unusable.
   */
  logLikelihood(logParams: Float64Array, data: BtydData, grad?: Float64Array): number;
  hasGradient: boolean;
  /** Starting points (log-parameters) derived from the data. */
  starts(data: BtydData): Float64Array[];
  /** P(alive at T | x, t_x, T). */
  probabilityAlive(params: ArrayLike<number>, x: number, tx: number, T: number): number;
  /** E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T + t]. */
  conditionalExpectedPurchases(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number;
  /**
   * conditionalExpectedPurchases at each of `times` for one row at a time (out[k] for times[k]), the same
   * values, made faster for rows sorted by (x, T, t_x) where a model can share work between them; optional.
   */
  conditionalExpectations?(params: ArrayLike<number>, times: ArrayLike<number>): (x: number, tx: number, T: number, out: Float64Array) => void;
  /**
   * Where the model inside is evaluated at all (log-parameters within ±this; the log-likelihood is −Infinity
   * beyond): a fit running off further is left to the model's limits (fit-model.ts). Default LOG_PARAM_BOUND.
   */
  interiorBound?: number;
  /** E[X(t)]: expected repeat purchases in (0, t] of a customer who made the first purchase at 0. */
  expectedPurchases(params: ArrayLike<number>, t: number): number;
}

/** Log-parameters beyond ±25 (a factor of 7·10¹⁰) are treated as a failed fit, not a number. */
export const LOG_PARAM_BOUND = 25;

export function withinBounds(logParams: Float64Array): boolean {
  for (let i = 0; i < logParams.length; i++) if (!(Math.abs(logParams[i]) <= LOG_PARAM_BOUND)) return false;
  return true;
}

/** Σ w·x / Σ w·T: the mean repeat-purchase rate per time unit (for starting values). */
export function meanRate(data: BtydData): number {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < data.x.length; i++) {
    sx += data.w[i] * data.x[i];
    sT += data.w[i] * data.T[i];
  }
  return sx > 0 && sT > 0 ? sx / sT : 1;
}

export function meanT(data: BtydData): number {
  let s = 0;
  for (let i = 0; i < data.T.length; i++) s += data.w[i] * data.T[i];
  return data.customers > 0 && s > 0 ? s / data.customers : 1;
}
