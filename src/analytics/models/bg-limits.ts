/**
 * BG/NBD and MBG/NBD at the limits of their parameter space, as the smaller models those limits are, in closed
 * form (bg-nbd.ts has the model inside). With m = 0 (BG) or 1 (MBG), a customer's likelihood is
 *
 *   L = w_T(x) · A(T) + w_tx(x) · A(t_x),
 *
 * A(y) the probability density of x purchases by t_x and none in (t_x, y] while alive, w the dropout weights:
 *
 *   purchase rate  gamma(r, α):  ln A(y) = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+y)
 *                  one rate λ (r, α → ∞ with r/α = λ):  ln A(y) = x ln λ − λ y
 *   dropout        beta(a, b):   w_T = B(a, b+x+m)/B(a, b), w_tx = [x+m ≥ 1] a/(b+x+m−1) · w_T
 *                  none (a → 0):  w_T = 1, w_tx = 0
 *                  all or none (a, b → 0, π = a/(a+b)):  x+m = 0: w_T = 1, w_tx = 0; x+m = 1: w_T = 1−π,
 *                    w_tx = π; x+m ≥ 2: w_T = 1−π, w_tx = 0 (a share π drops out at its first chance)
 *                  one probability (a, b → ∞, p = a/(a+b)):  w_T = (1−p)^(x+m), w_tx = [x+m ≥ 1] p (1−p)^(x+m−1)
 *
 * (the beta weights' limits: B(a, b+k)/B(a, b) → 1−π for k ≥ 1 as a, b → 0, → (1−p)^k as a, b → ∞). Evaluated
 * here exactly, not as the full model at parameters far towards the limit, where ln Γ of 10⁹ leaves rounding
 * noise of 10⁻⁶ a customer: enough to make a Hessian of thousands of customers not positive definite.
 *
 * Coordinates (all logs): the rate part (ln r, ln α) or (ln λ), then the dropout part (ln a, ln b), none, or
 * u = ln(a/b) (π or p = logistic(u)).
 */
import { digamma, lnGamma, logSumExpShare } from './special-functions.js';
import type { BtydData } from './btyd-data.js';

export type RateForm = 'gamma' | 'one_rate';
export type DropoutForm = 'beta' | 'none' | 'all_or_none' | 'one_probability';

/** How many coordinates each part has. */
export function rateDims(rate: RateForm): number {
  return rate === 'gamma' ? 2 : 1;
}

export function dropoutDims(dropout: DropoutForm): number {
  return dropout === 'beta' ? 2 : dropout === 'none' ? 0 : 1;
}

/** ln(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** logistic(u) = 1/(1 + e^−u) without overflow. */
function logistic(u: number): number {
  return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
}

/**
 * Σ w ln L at coordinates v (see above), and with `grad` its derivatives with respect to v. −Infinity where a
 * coordinate is beyond ±25 (as the full models' bound).
 */
export function betaGeoLimitLogLikelihood(m: 0 | 1, rate: RateForm, dropout: DropoutForm, v: Float64Array, data: BtydData, grad?: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!(Math.abs(v[i]) <= 25)) return -Infinity;
  const nr = rateDims(rate);
  const nd = dropoutDims(dropout);
  const K = data.xValues.length;
  // dropout weights per x value and their derivatives with respect to the dropout coordinates
  const lnT = new Float64Array(K);
  const lnTx = new Float64Array(K);
  const dT = new Float64Array(K * 2);
  const dTx = new Float64Array(K * 2);
  const a = dropout === 'beta' ? Math.exp(v[nr]) : NaN;
  const b = dropout === 'beta' ? Math.exp(v[nr + 1]) : NaN;
  const u = nd === 1 ? v[nr] : NaN;
  const share = logistic(u);
  const lnShare = -softplus(-u);
  const lnRest = -softplus(u);
  const lgAB = dropout === 'beta' ? lnGamma(a + b) : 0;
  const lgB = dropout === 'beta' ? lnGamma(b) : 0;
  const dgAB = dropout === 'beta' && grad ? digamma(a + b) : 0;
  const dgB = dropout === 'beta' && grad ? digamma(b) : 0;
  for (let k = 0; k < K; k++) {
    const n = data.xValues[k] + m;
    lnTx[k] = -Infinity;
    if (dropout === 'beta') {
      lnT[k] = lgAB - lgB + lnGamma(b + n) - lnGamma(a + b + n);
      if (grad) {
        const dgABn = digamma(a + b + n);
        dT[2 * k] = a * (dgAB - dgABn);
        dT[2 * k + 1] = b * (dgAB - dgB + digamma(b + n) - dgABn);
      }
      if (n >= 1) {
        lnTx[k] = lnT[k] + Math.log(a) - Math.log(b + (n - 1));
        dTx[2 * k] = dT[2 * k] + 1;
        dTx[2 * k + 1] = dT[2 * k + 1] - b / (b + (n - 1));
      }
    } else if (dropout === 'none') {
      lnT[k] = 0;
    } else if (dropout === 'all_or_none') {
      if (n === 0) lnT[k] = 0;
      else {
        lnT[k] = lnRest;
        dT[2 * k] = -share;
        if (n === 1) {
          lnTx[k] = lnShare;
          dTx[2 * k] = 1 - share;
        }
      }
    } else {
      lnT[k] = n * lnRest;
      dT[2 * k] = -n * share;
      if (n >= 1) {
        lnTx[k] = lnShare + (n - 1) * lnRest;
        dTx[2 * k] = 1 - share - (n - 1) * share;
      }
    }
  }
  // the rate part's terms that depend on x only
  const r = rate === 'gamma' ? Math.exp(v[0]) : NaN;
  const alpha = rate === 'gamma' ? Math.exp(v[1]) : NaN;
  const lambda = rate === 'one_rate' ? Math.exp(v[0]) : NaN;
  let ll = 0;
  let g0 = 0;
  let g1 = 0;
  if (rate === 'gamma') {
    const lgR = lnGamma(r);
    const lnAlpha = Math.log(alpha);
    const dgR = grad ? digamma(r) : 0;
    for (let k = 0; k < K; k++) {
      const x = data.xValues[k];
      const W = data.xWeight[k];
      ll += W * (lnGamma(r + x) - lgR + r * lnAlpha);
      if (grad) {
        g0 += W * r * (digamma(r + x) - dgR + lnAlpha);
        g1 += W * r;
      }
    }
  } else {
    const lnLambda = v[0];
    for (let k = 0; k < K; k++) {
      ll += data.xWeight[k] * data.xValues[k] * lnLambda;
      if (grad) g0 += data.xWeight[k] * data.xValues[k];
    }
  }
  const p3Sum = grad ? new Float64Array(K) : null;
  const p4Sum = grad ? new Float64Array(K) : null;
  let rowSum = 0;
  let rowCompensation = 0;
  const second = new Float64Array(1); // logSumExpShare's share of the second term
  for (let i = 0; i < data.x.length; i++) {
    const k = data.xIndex[i];
    const w = data.w[i];
    const x = data.x[i];
    const T = data.T[i];
    const tx = data.tx[i];
    const eT = rate === 'gamma' ? -(r + x) * Math.log(alpha + T) : -lambda * T;
    const l3 = lnT[k] + eT;
    let total = l3;
    let p4 = 0;
    if (lnTx[k] !== -Infinity) {
      const l4 = lnTx[k] + (rate === 'gamma' ? -(r + x) * Math.log(alpha + tx) : -lambda * tx);
      total = logSumExpShare(l3, l4, second);
      p4 = second[0];
    }
    // Neumaier's compensated sum (as pareto-nbd.ts: the line search sees the last decreases)
    const term = w * total;
    const sum = rowSum + term;
    rowCompensation += Math.abs(rowSum) >= Math.abs(term) ? rowSum - sum + term : term - sum + rowSum;
    rowSum = sum;
    if (!grad || !p3Sum || !p4Sum) continue;
    const p3 = 1 - p4;
    p3Sum[k] += w * p3;
    p4Sum[k] += w * p4;
    if (rate === 'gamma') {
      g0 -= w * r * (p3 * Math.log(alpha + T) + (p4 > 0 ? p4 * Math.log(alpha + tx) : 0));
      g1 -= w * alpha * (r + x) * (p3 / (alpha + T) + (p4 > 0 ? p4 / (alpha + tx) : 0));
    } else {
      g0 -= w * lambda * (p3 * T + p4 * tx);
    }
  }
  ll += rowSum + rowCompensation;
  if (grad && p3Sum && p4Sum) {
    grad[0] = g0;
    if (nr === 2) grad[1] = g1;
    for (let j = 0; j < nd; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += p3Sum[k] * dT[2 * k + j] + (p4Sum[k] > 0 ? p4Sum[k] * dTx[2 * k + j] : 0);
      grad[nr + j] = s;
    }
  }
  return ll;
}
