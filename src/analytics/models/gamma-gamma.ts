/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005 "RFM and CLV"; Fader & Hardie 2013
 * note "The Gamma-Gamma Model of Monetary Value").
 *
 * Each transaction's value is Gamma(p, ν); ν varies across customers as Gamma(q, γ). The mean m̄ of a
 * customer's x repeat transactions is then Gamma(px, νx) given ν, and integrating ν out gives
 *
 *   f(m̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q x^(px) m̄^(px−1) / (γ + x m̄)^(px+q)
 *
 * Conditional expected spend: E[M | x, m̄] = p (γ + x m̄) / (p x + q − 1)
 *   = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄   (a weighted mean of the population mean and m̄),
 * defined when px + q > 1; the population mean pγ/(q−1) (the x = 0 case) needs q > 1.
 */
import { digamma, lnGamma } from './special-functions.js';
import type { SpendData } from './btyd-data.js';
import { LOG_PARAM_BOUND } from './transaction-model.js';

export const GAMMA_GAMMA_PARAMS = ['p', 'q', 'gamma'] as const;

/** Σ w ln f(m̄ | x) at exp(logParams) = (p, q, γ); with `grad`, writes ∂LL/∂ln θ. */
export function gammaGammaLogLikelihood(logParams: Float64Array, data: SpendData, grad?: Float64Array): number {
  for (let i = 0; i < 3; i++) if (!(Math.abs(logParams[i]) <= LOG_PARAM_BOUND)) return -Infinity;
  const p = Math.exp(logParams[0]);
  const q = Math.exp(logParams[1]);
  const gamma = Math.exp(logParams[2]);
  const lnGammaParam = Math.log(gamma);
  const lgQ = lnGamma(q);
  const dgQ = grad ? digamma(q) : 0;
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  const K = data.xValues.length;
  for (let k = 0; k < K; k++) {
    const x = data.xValues[k];
    const W = data.xWeight[k];
    const px = p * x;
    ll += W * (lnGamma(px + q) - lnGamma(px) - lgQ + q * lnGammaParam + px * Math.log(x));
    if (grad) {
      const dg = digamma(px + q);
      gp += W * x * (dg - digamma(px) + Math.log(x));
      gq += W * (dg - dgQ + lnGammaParam);
      gg += (W * q) / gamma;
    }
  }
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    const w = data.w[i];
    const lnM = data.lnM[i];
    const denom = gamma + x * m;
    const lnDenom = Math.log(denom);
    const px = p * x;
    ll += w * ((px - 1) * lnM - (px + q) * lnDenom);
    if (grad) {
      gp += w * x * (lnM - lnDenom);
      gq -= w * lnDenom;
      gg -= (w * (px + q)) / denom;
    }
  }
  if (grad) {
    grad[0] = p * gp;
    grad[1] = q * gq;
    grad[2] = gamma * gg;
  }
  return ll;
}

/**
 * The Gamma-Gamma model's limit q → ∞ with q/γ → ν (the spread of ν across customers vanishes): every
 * customer has the same transaction-value rate ν, and a customer's mean of x repeat transactions is
 * Gamma(px, νx): f(m̄ | x) = (νx)^(px) m̄^(px−1) e^(−νx m̄) / Γ(px). Σ w ln f at exp(logParams) = (p, ν); with
 * `grad`, writes ∂LL/∂ln θ. The maximum lies here when customers' mean spends differ no more than their
 * transactions' spread explains (seeded shops drawing every amount from one distribution).
 */
export function sameSpendLevelLogLikelihood(logParams: Float64Array, data: SpendData, grad?: Float64Array): number {
  for (let i = 0; i < 2; i++) if (!(Math.abs(logParams[i]) <= LOG_PARAM_BOUND)) return -Infinity;
  const p = Math.exp(logParams[0]);
  const nu = Math.exp(logParams[1]);
  const lnNu = logParams[1];
  let ll = 0;
  let gp = 0;
  let gn = 0;
  for (let k = 0; k < data.xValues.length; k++) {
    const x = data.xValues[k];
    const W = data.xWeight[k];
    const px = p * x;
    const lnX = Math.log(x);
    ll += W * (px * (lnNu + lnX) - lnGamma(px));
    if (grad) gp += W * x * (lnNu + lnX - digamma(px));
  }
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const w = data.w[i];
    const px = p * x;
    ll += w * ((px - 1) * data.lnM[i] - nu * x * data.m[i]);
    if (grad) {
      gp += w * x * data.lnM[i];
      gn += w * (px - nu * x * data.m[i]);
    }
  }
  if (grad) {
    grad[0] = p * gp;
    grad[1] = gn;
  }
  return ll;
}

/**
 * The limit p → ∞ with pγ → δ (a customer's transactions vary no more than rounding: each customer spends
 * the same every time): a customer's mean m̄ is then p/ν, inverse-gamma with shape q and scale δ, whatever x:
 * f(m̄) = δ^q m̄^(−q−1) e^(−δ/m̄) / Γ(q). Σ w ln f at exp(logParams) = (q, δ); with `grad`, ∂LL/∂ln θ.
 */
export function steadySpendLogLikelihood(logParams: Float64Array, data: SpendData, grad?: Float64Array): number {
  for (let i = 0; i < 2; i++) if (!(Math.abs(logParams[i]) <= LOG_PARAM_BOUND)) return -Infinity;
  const q = Math.exp(logParams[0]);
  const delta = Math.exp(logParams[1]);
  const lnDelta = logParams[1];
  let ll = data.customers * (q * lnDelta - lnGamma(q));
  let gq = data.customers * (lnDelta - digamma(q));
  let gd = data.customers * q;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.w[i];
    ll -= w * ((q + 1) * data.lnM[i] + delta / data.m[i]);
    gq -= w * data.lnM[i];
    gd -= (w * delta) / data.m[i];
  }
  if (grad) {
    grad[0] = q * gq;
    grad[1] = gd;
  }
  return ll;
}

/** Starting points: p = 1 or 4, q = 2 or 5, γ so that the population mean pγ/(q−1) equals the observed mean. */
export function gammaGammaStarts(data: SpendData): Float64Array[] {
  let s = 0;
  for (let i = 0; i < data.m.length; i++) s += data.w[i] * data.m[i];
  const mean = data.customers > 0 && s > 0 ? s / data.customers : 1;
  const points: [number, number][] = [
    [1, 2],
    [4, 5],
    [0.5, 1.5],
  ];
  return points.map(([p, q]) => Float64Array.from([p, q, (mean * (q - 1)) / p], Math.log));
}

/**
 * E[spend per transaction | x, m̄]. Non-positive m̄ counts as 0 (a customer whose repeat purchases netted to
 * nothing is shrunk towards 0, not to the population mean). NaN where the model has no finite mean
 * (px + q ≤ 1).
 */
export function conditionalExpectedSpend(params: ArrayLike<number>, x: number, mean: number): number {
  const [p, q, gamma] = [params[0], params[1], params[2]];
  const m = x > 0 && mean > 0 ? mean : 0;
  const d = p * x + q - 1;
  return d > 0 ? (p * (gamma + x * m)) / d : NaN;
}

