/**
 * Intervals for the predictions of `ltv` from the uncertainty of the fitted parameters: per customer and for
 * sums over customers (the shop, a segment, a cohort), for expected purchases over the horizon and for CLV.
 *
 * Method: the delta method on the log-parameters. The maximum-likelihood estimates are asymptotically normal;
 * on the log scale (where the models are fitted) with covariance Σ, the inverse Hessian of the negative
 * log-likelihood. A prediction f(θ) > 0 is treated as log-normal: ln f ≈ ln f(θ̂) + gᵀ(ln θ − ln θ̂) with
 * g = ∂ ln f / ∂ ln θ (forward differences, step 1e-5), so ln f has variance gᵀΣg and the interval at level L
 * is f(θ̂) · exp(± z · √(gᵀΣg)), z the (1 + L)/2 normal quantile. A sum S = Σ fᵢ has gradient Σ fᵢ gᵢ and the
 * same log-normal interval. CLV multiplies the transaction model's discounted purchases by the spend model's
 * expected spend; the two are fitted on separate likelihoods and their parameter errors are taken as
 * independent (the variances add).
 *
 * Why not draws: the same normal sampled a few hundred times needs a few hundred model evaluations per
 * distinct customer row; the delta method needs one per parameter, so a million customers take a small
 * multiple of the point estimate (bench/ltv-intervals.ts). It is deterministic (no seed needed); a test
 * checks it against 4,000 seeded draws from the same normal.
 *
 * What the intervals say: how far the expected value moves with the parameters' uncertainty. They are not
 * the range of what one customer will actually buy (that varies far more: a Poisson count around the mean).
 * Parameters that ran off to a boundary have no variance of their own (their free directions do).
 */
import type { ModelFit } from './models/fit-model.js';

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** z of a two-sided interval at `level` (0.8 → 1.2816). */
export function zOfLevel(level: number): number {
  return normalQuantile((1 + level) / 2);
}

/** Σ_ij u_i Σ_ij v_j for a row-major k × k Σ. */
export function quadraticForm(cov: Float64Array, u: ArrayLike<number>, v: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) {
    if (u[i] === 0) continue;
    let t = 0;
    for (let j = 0; j < k; j++) t += cov[i * k + j] * v[j];
    s += u[i] * t;
  }
  return s;
}

/** The log-normal interval of a positive value with log-variance `variance`; [0, 0] for a zero value. */
export function logNormalInterval(value: number, variance: number, z: number): [number, number] {
  if (!(value > 0) || !(variance >= 0) || !Number.isFinite(value)) return value === 0 ? [0, 0] : [NaN, NaN];
  const half = z * Math.sqrt(variance);
  return [value * Math.exp(-half), value * Math.exp(half)];
}

/**
 * The parameters to differentiate: those with a positive variance (a parameter that ran off has none on its
 * own, but may move with a free direction: its row of Σ is then not zero and it is kept).
 */
export function movingParameters(fit: ModelFit): number[] {
  const cov = fit.logCovariance;
  const k = fit.params.length;
  if (!cov) return [];
  const out: number[] = [];
  for (let i = 0; i < k; i++) if (cov[i * k + i] > 0) out.push(i);
  return out;
}
