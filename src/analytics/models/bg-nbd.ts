/**
 * BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin 2007; the "modified" BG/NBD
 * in which a customer may also drop out right after the first purchase, so one-time buyers are not
 * certainly alive).
 *
 * Parameters: r, α (gamma heterogeneity of the purchase rate λ), a, b (beta heterogeneity of the dropout
 * probability p). With m = 0 for BG/NBD and m = 1 for MBG/NBD, a customer with x repeat purchases, the last
 * at t_x, observed until T has
 *
 *   L = B(a, b+x+m)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *     + [x > 0 or m = 1] · B(a+1, b+x+m−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))
 *
 * and B(a+1, b+x+m−1)/B(a, b+x+m) = a/(b+x+m−1), so ln L = A + logsumexp(−(r+x) ln(α+T),
 * ln a − ln(b+x+m−1) − (r+x) ln(α+t_x)) with A collecting the terms that depend on x only.
 *
 * Predictions (derived from the same model):
 *   P(alive) = 1 / (1 + [x>0 or m] · a/(b+x+m−1) · ((α+T)/(α+t_x))^(r+x))
 *   E[Y(t) | x, t_x, T] = (a+b+m+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+m; a+b+m+x−1; z)] · P(alive)
 *   with z = t/(α+T+t). Euler's transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) turns the
 *   bracket into 1 − (1−z)^(a−1) 2F1(a+b+m−1−r, a−1; a+b+m+x−1; z), whose series has small parameters and
 *   no overflow for large x.
 *   E[X(t)] (a new customer) is the conditional formula at x = t_x = T = 0.
 */
import { digamma, hyp2f1, lnGamma, logSumExpShare } from './special-functions.js';
import type { BtydData } from './btyd-data.js';
import { meanRate, withinBounds, type TransactionModel } from './transaction-model.js';

function betaGeoLogLikelihood(m: 0 | 1, logParams: Float64Array, data: BtydData, grad?: Float64Array): number {
  if (!withinBounds(logParams)) return -Infinity;
  const r = Math.exp(logParams[0]);
  const alpha = Math.exp(logParams[1]);
  const a = Math.exp(logParams[2]);
  const b = Math.exp(logParams[3]);
  const K = data.xValues.length;
  const lnSecond = new Float64Array(K);
  const invSecond = new Float64Array(K);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = lnGamma(r);
  const lgAB = lnGamma(a + b);
  const lgB = lnGamma(b);
  const dgR = grad ? digamma(r) : 0;
  const dgAB = grad ? digamma(a + b) : 0;
  const dgB = grad ? digamma(b) : 0;
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  // Far out (a + b or r past 10⁶) the differences of ln Γ cancel to rounding noise (ln Γ(10¹⁰) ≈ 2·10¹¹: 10⁻⁵
  // a customer, enough for a search to wander on it): there they are summed as the products they are,
  // Γ(b+n)/Γ(a+b+n) · Γ(a+b)/Γ(b) = Π_{j<n} (b+j)/(a+b+j) and Γ(r+x)/Γ(r) = Π_{j<x} (r+j) (x and m are whole).
  const farDropout = a + b > FAR_SUMS;
  const farRate = r > FAR_SUMS;
  for (let k = 0; k < K; k++) {
    const x = data.xValues[k];
    const W = data.xWeight[k];
    const n = x + m;
    if (!farRate && !farDropout) ll += W * (lnGamma(r + x) - lgR + r * lnAlpha + lgAB + lnGamma(b + x + m) - lgB - lnGamma(a + b + x + m));
    else ll += W * ((farRate ? risingLog(r, x) : lnGamma(r + x) - lgR) + r * lnAlpha + (farDropout ? dropoutLog(a, b, n) : lgAB + lnGamma(b + n) - lgB - lnGamma(a + b + n)));
    if (grad) {
      const dgABx = farDropout ? 0 : digamma(a + b + x + m);
      gr += W * ((farRate ? risingHarmonic(r, x) : digamma(r + x) - dgR) + lnAlpha);
      gAlpha += (W * r) / alpha;
      if (farDropout) {
        const hAB = risingHarmonic(a + b, n);
        ga -= W * hAB;
        gb += W * (risingHarmonic(b, n) - hAB);
      } else {
        ga += W * (dgAB - dgABx);
        gb += W * (dgAB + digamma(b + x + m) - dgB - dgABx);
      }
    }
    if (x > 0 || m === 1) {
      lnSecond[k] = lnA - Math.log(b + (x + m - 1));
      invSecond[k] = 1 / (b + (x + m - 1));
    } else lnSecond[k] = -Infinity;
  }
  const n = data.x.length;
  const share = new Float64Array(1); // logSumExpShare's second-term share
  for (let i = 0; i < n; i++) {
    const k = data.xIndex[i];
    const w = data.w[i];
    const rx = r + data.x[i];
    const aT = alpha + data.T[i];
    const lT = Math.log(aT);
    const l3 = -rx * lT;
    const l4base = lnSecond[k];
    if (l4base === -Infinity) {
      ll += w * l3;
      if (grad) {
        gr -= w * lT;
        gAlpha -= (w * rx) / aT;
      }
      continue;
    }
    const aTx = alpha + data.tx[i];
    const lTx = Math.log(aTx);
    const l4 = l4base - rx * lTx;
    const s = logSumExpShare(l3, l4, share);
    const p4 = share[0];
    ll += w * s;
    if (grad) {
      const p3 = 1 - p4;
      gr -= w * (p3 * lT + p4 * lTx);
      gAlpha -= w * rx * (p3 / aT + p4 / aTx);
      ga += (w * p4) / a;
      gb -= w * p4 * invSecond[k];
    }
  }
  if (grad) {
    // ∂/∂ln θ = θ ∂/∂θ.
    grad[0] = r * gr;
    grad[1] = alpha * gAlpha;
    grad[2] = a * ga;
    grad[3] = b * gb;
  }
  return ll;
}

/** Past this a + b (or r), ln Γ differences are summed as products (betaGeoLogLikelihood). */
const FAR_SUMS = 1e6;

/** ln Γ(v+n) − ln Γ(v) = Σ_{j<n} ln(v+j) for whole n. */
function risingLog(v: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.log(v + j);
  return s;
}

/** ψ(v+n) − ψ(v) = Σ_{j<n} 1/(v+j) for whole n. */
function risingHarmonic(v: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += 1 / (v + j);
  return s;
}

/**
 * ln B(a, b+n) − ln B(a, b) = Σ_{j<n} ln((b+j)/(a+b+j)) for whole n: each term as log1p(−a/(a+b+j)) where that
 * share is small, else as the log of the quotient (1 − a/(a+b) would lose b when b ≪ a).
 */
function dropoutLog(a: number, b: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) {
    const share = a / (a + b + j);
    s += share < 0.5 ? Math.log1p(-share) : Math.log((b + j) / (a + b + j));
  }
  return s;
}

function probabilityAliveBetaGeo(m: 0 | 1, params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const [r, alpha, a, b] = [params[0], params[1], params[2], params[3]];
  if (x === 0 && m === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + (x + m - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Beyond this, a and b are treated as their limit (one dropout probability p = a/(a+b)): the error is O(1/a). */
const SAME_DROPOUT = 1e7;

/**
 * E[Y(t) | alive] averaged over the posterior of p, Beta(a, b+x+m), by Simpson's rule over ±20 standard
 * deviations: a live customer's λ is Gamma(r+x, α+T) and E[purchases in t | λ, p] = (1 − e^(−λpt))/p, so
 * E[Y(t) | alive, p] = (1 − (1 + pκ)^(−(r+x)))/p with κ = t/(α+T). For large a and b, where the series
 * needs about a terms and loses to rounding; the density is bounded there (a, b + x + m ≥ 1).
 */
function expectedIfAliveByQuadrature(rx: number, kappa: number, A: number, B: number): number {
  const mean = A / (A + B);
  const sd = Math.sqrt((A * B) / ((A + B) * (A + B) * (A + B + 1)));
  const lo = Math.max(0, mean - 20 * sd);
  const hi = Math.min(1, mean + 20 * sd);
  const n = 400;
  const h = (hi - lo) / n;
  const lnMode = (A - 1) * Math.log(mean) + (B - 1) * Math.log1p(-mean);
  let num = 0;
  let den = 0;
  for (let i = 0; i <= n; i++) {
    const p = lo + i * h;
    if (p <= 0 || p >= 1) continue;
    const w = (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * Math.exp((A - 1) * Math.log(p) + (B - 1) * Math.log1p(-p) - lnMode);
    num += (w * -Math.expm1(-rx * Math.log1p(p * kappa))) / p;
    den += w;
  }
  return num / den;
}

/**
 * The last values of P(alive) and of E[Y(t) | alive], by their arguments. Predictions go over rows sorted by
 * (x, T, t_x), each at a dozen horizons t: P(alive) is asked for a dozen times per row, and E[Y(t) | alive]
 * (a hypergeometric function each) is the same for every t_x of an (x, T). The values are the ones computed
 * without the memo, bit for bit.
 */
/** Whether `k` holds these eight values; when not, it takes them (and the caller computes anew). */
function sameKey(k: Float64Array, v0: number, v1: number, v2: number, v3: number, v4: number, v5: number, v6: number, v7: number): boolean {
  if (k[0] === v0 && k[1] === v1 && k[2] === v2 && k[3] === v3 && k[4] === v4 && k[5] === v5 && k[6] === v6 && k[7] === v7) return true;
  k[0] = v0;
  k[1] = v1;
  k[2] = v2;
  k[3] = v3;
  k[4] = v4;
  k[5] = v5;
  k[6] = v6;
  k[7] = v7;
  return false;
}

class ExpectationMemo {
  private readonly key = new Float64Array(8).fill(NaN);
  private readonly aliveKey = new Float64Array(8).fill(NaN);
  private aliveValue = NaN;
  private readonly byT = new Map<number, number>();

  alive(m: number, r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number, compute: () => number): number {
    if (!sameKey(this.aliveKey, m, r, alpha, a, b, x, tx, T)) this.aliveValue = compute();
    return this.aliveValue;
  }

  ifAlive(m: number, r: number, alpha: number, a: number, b: number, x: number, T: number, t: number, compute: () => number): number {
    if (!sameKey(this.key, m, r, alpha, a, b, x, T, 0)) this.byT.clear();
    let v = this.byT.get(t);
    if (v === undefined) {
      v = compute();
      if (this.byT.size >= 256) this.byT.clear();
      this.byT.set(t, v);
    }
    return v;
  }
}

const memo = new ExpectationMemo();

function conditionalExpectedBetaGeo(m: 0 | 1, params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (!(t > 0)) return 0;
  const a = params[2];
  if (Math.abs(a - 1) < 1e-6) {
    // The formula is 0/0 at a = 1; the mean of its values at a = 1 ± 2e-6 is off by O(1e-12).
    const lo = [params[0], params[1], 1 - 2e-6, params[3]];
    const hi = [params[0], params[1], 1 + 2e-6, params[3]];
    return (conditionalExpectedBetaGeo(m, lo, x, tx, T, t) + conditionalExpectedBetaGeo(m, hi, x, tx, T, t)) / 2;
  }
  const [r, alpha, b] = [params[0], params[1], params[3]];
  const alive = memo.alive(m, r, alpha, a, b, x, tx, T, () => probabilityAliveBetaGeo(m, params, x, tx, T));
  const kappa = t / (alpha + T);
  if (Math.min(a, b) > SAME_DROPOUT) {
    // a, b → ∞ with p = a/(a+b): one dropout probability for everyone, E[Y(t) | alive] = (1 − (1+pκ)^(−(r+x)))/p.
    const p = a / (a + b);
    return (-Math.expm1(-(r + x) * Math.log1p(p * kappa)) / p) * alive;
  }
  // E[Y(t) | alive] = (c / (a−1)) × bracket does not depend on t_x: computed once per (x, T, t), and multiplied
  // by P(alive) exactly as the whole product was ((c / (a−1)) × bracket × alive, left to right).
  const ifAlive = memo.ifAlive(m, r, alpha, a, b, x, T, t, () => expectedIfAlive(m, r, alpha, a, b, x, T, t));
  return expectedOf(ifAlive, alive, m, r, a, b, x, kappa);
}

/** E[Y(t) | alive] by Euler's transformation of the hypergeometric series. */
function expectedIfAlive(m: 0 | 1, r: number, alpha: number, a: number, b: number, x: number, T: number, t: number): number {
  const c = a + b + m + x - 1;
  const z = t / (alpha + T + t);
  const lnOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const bracket = -Math.expm1((a - 1) * lnOneMinusZ) - Math.exp((a - 1) * lnOneMinusZ) * (hyp2f1(a + b + m - 1 - r, a - 1, c, z) - 1);
  return (c / (a - 1)) * bracket;
}

/** E[Y(t) | alive] × P(alive), by quadrature where the series gives no usable value. */
function expectedOf(ifAlive: number, alive: number, m: 0 | 1, r: number, a: number, b: number, x: number, kappa: number): number {
  const value = ifAlive * alive;
  if (Number.isFinite(value) && value >= 0) return value;
  if (a >= 1 && b + x + m >= 1) return expectedIfAliveByQuadrature(r + x, kappa, a, b + x + m) * alive;
  return NaN;
}

/**
 * conditionalExpectedBetaGeo at every time of `times` for each row in turn, bit for bit the same values: for
 * the predictions over millions of distinct rows (sorted by (x, T, t_x)), P(alive) is computed once per row
 * and E[Y(t) | alive] once per (x, T) for all the times, with no memo lookups per call.
 */
function expectationsBetaGeo(m: 0 | 1, params: ArrayLike<number>, times: ArrayLike<number>): (x: number, tx: number, T: number, out: Float64Array) => void {
  const [r, alpha, a, b] = [params[0], params[1], params[2], params[3]];
  if (Math.abs(a - 1) < 1e-6 || Math.min(a, b) > SAME_DROPOUT) {
    // the special cases of conditionalExpectedBetaGeo: call it
    return (x, tx, T, out) => {
      for (let k = 0; k < times.length; k++) out[k] = conditionalExpectedBetaGeo(m, params, x, tx, T, times[k]);
    };
  }
  const ifAlive = new Float64Array(times.length);
  let lastX = NaN;
  let lastT = NaN;
  return (x, tx, T, out) => {
    if (x !== lastX || T !== lastT) {
      for (let k = 0; k < times.length; k++) ifAlive[k] = times[k] > 0 ? expectedIfAlive(m, r, alpha, a, b, x, T, times[k]) : 0;
      lastX = x;
      lastT = T;
    }
    const alive = probabilityAliveBetaGeo(m, params, x, tx, T);
    for (let k = 0; k < times.length; k++) {
      const t = times[k];
      out[k] = t > 0 ? expectedOf(ifAlive[k], alive, m, r, a, b, x, t / (alpha + T)) : 0;
    }
  };
}

function betaGeoStarts(data: BtydData): Float64Array[] {
  const rate = meanRate(data);
  // r/α = mean rate; a few shapes of the dropout distribution.
  const points: [number, number, number, number][] = [
    [1, 1 / rate, 1, 1],
    [0.5, 0.5 / rate, 0.5, 2],
    [2, 2 / rate, 2, 5],
  ];
  return points.map((p) => Float64Array.from(p, Math.log));
}

export const bgNbd: TransactionModel = {
  name: 'bgnbd',
  label: 'BG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  hasGradient: true,
  logLikelihood: (lp, data, grad) => betaGeoLogLikelihood(0, lp, data, grad),
  starts: betaGeoStarts,
  probabilityAlive: (p, x, tx, T) => probabilityAliveBetaGeo(0, p, x, tx, T),
  conditionalExpectedPurchases: (p, x, tx, T, t) => conditionalExpectedBetaGeo(0, p, x, tx, T, t),
  conditionalExpectations: (p, times) => expectationsBetaGeo(0, p, times),
  expectedPurchases: (p, t) => conditionalExpectedBetaGeo(0, p, 0, 0, 0, t),
};

export const mbgNbd: TransactionModel = {
  name: 'mbgnbd',
  label: 'MBG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  hasGradient: true,
  logLikelihood: (lp, data, grad) => betaGeoLogLikelihood(1, lp, data, grad),
  starts: betaGeoStarts,
  probabilityAlive: (p, x, tx, T) => probabilityAliveBetaGeo(1, p, x, tx, T),
  conditionalExpectedPurchases: (p, x, tx, T, t) => conditionalExpectedBetaGeo(1, p, x, tx, T, t),
  conditionalExpectations: (p, times) => expectationsBetaGeo(1, p, times),
  expectedPurchases: (p, t) => conditionalExpectedBetaGeo(1, p, 0, 0, 0, t),
};
