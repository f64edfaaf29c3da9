/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's note "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions" (2005).
 *
 * Parameters: r, α (gamma heterogeneity of the purchase rate λ), s, β (gamma heterogeneity of the dropout
 * rate μ). For x repeat purchases, the last at t_x, observed until T:
 *
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A0 ]
 *   A0 = (r+s+x) ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = F(t_x) − F(T)
 *
 * (the second term is "dropped out at τ between t_x and T"). With Euler's transformation applied to the
 * note's 2F1 terms, F is
 *
 *   α ≥ β:  F(y) = (α+y)^−(r+x) (β+y)^−s · 2F1(1, r+x; r+s+x+1; (α−β)/(α+y))
 *   α < β:  F(y) = (α+y)^−(r+x−1) (β+y)^−(s+1) · 2F1(1, s+1; r+s+x+1; (β−α)/(β+y))
 *
 * whose series have ratio below z, positive terms and no overflow. A0 is formed in logs as
 * ln F(t_x) + ln(1 − F(T)/F(t_x)).
 *
 * Predictions:
 *   P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A0)
 *   E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
 *   E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]
 * (at s = 1 the bracket over s−1 becomes ln((β+T+t)/(β+T))).
 */
import { hyp2f1, lnGamma, logDiffExp, logSumExp } from './special-functions.js';
import type { BtydData } from './btyd-data.js';
import { meanRate, meanT, withinBounds, type TransactionModel } from './transaction-model.js';

/** ln F(y) as above. */
function lnF(r: number, alpha: number, s: number, beta: number, x: number, y: number): number {
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    return -(r + x) * Math.log(alpha + y) - s * Math.log(beta + y) + Math.log(hyp2f1(1, r + x, r + s + x + 1, z));
  }
  const z = (beta - alpha) / (beta + y);
  return -(r + x - 1) * Math.log(alpha + y) - (s + 1) * Math.log(beta + y) + Math.log(hyp2f1(1, s + 1, r + s + x + 1, z));
}

/** ln A0 (−Infinity when t_x = T). */
function lnA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  return logDiffExp(lnF(r, alpha, s, beta, x, tx), lnF(r, alpha, s, beta, x, T));
}

/**
 * ln F depends on (x, y) only, for y = t_x or T, and the data have far fewer distinct (x, y) pairs than rows:
 * each pair's 2F1 is computed once per evaluation. The pair index is built once per data set.
 */
interface PairIndex {
  x: Float64Array;
  y: Float64Array;
  /** Per row: pair of (x, t_x) and of (x, T). */
  ofTx: Int32Array;
  ofT: Int32Array;
}
const pairIndexes = new WeakMap<BtydData, PairIndex>();

function pairIndex(data: BtydData): PairIndex {
  let idx = pairIndexes.get(data);
  if (idx) return idx;
  const byX = new Map<number, Map<number, number>>();
  const xs: number[] = [];
  const ys: number[] = [];
  const find = (x: number, y: number): number => {
    let m = byX.get(x);
    if (!m) byX.set(x, (m = new Map()));
    let k = m.get(y);
    if (k === undefined) {
      k = xs.length;
      m.set(y, k);
      xs.push(x);
      ys.push(y);
    }
    return k;
  };
  const n = data.x.length;
  const ofTx = new Int32Array(n);
  const ofT = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ofTx[i] = find(data.x[i], data.tx[i]);
    ofT[i] = find(data.x[i], data.T[i]);
  }
  idx = { x: Float64Array.from(xs), y: Float64Array.from(ys), ofTx, ofT };
  pairIndexes.set(data, idx);
  return idx;
}

function paretoLogLikelihood(logParams: Float64Array, data: BtydData): number {
  if (!withinBounds(logParams)) return -Infinity;
  const r = Math.exp(logParams[0]);
  const alpha = Math.exp(logParams[1]);
  const s = Math.exp(logParams[2]);
  const beta = Math.exp(logParams[3]);
  const lgR = lnGamma(r);
  const head = r * Math.log(alpha) + s * Math.log(beta) - lgR;
  let ll = 0;
  const K = data.xValues.length;
  const lnWeight = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const x = data.xValues[k];
    ll += data.xWeight[k] * (lnGamma(r + x) + head);
    lnWeight[k] = Math.log(s) - Math.log(r + s + x);
  }
  const pairs = pairIndex(data);
  const lnFs = new Float64Array(pairs.x.length);
  for (let j = 0; j < lnFs.length; j++) lnFs[j] = lnF(r, alpha, s, beta, pairs.x[j], pairs.y[j]);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const T = data.T[i];
    const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const died = lnWeight[data.xIndex[i]] + logDiffExp(lnFs[pairs.ofTx[i]], lnFs[pairs.ofT[i]]);
    ll += data.w[i] * logSumExp(alive, died);
  }
  return ll;
}

function probabilityAlive(params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  const logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + lnA0(r, alpha, s, beta, x, tx, T);
  return 1 / (1 + Math.exp(logOdds));
}

/** [1 − u^(s−1)] / (s − 1) for u = (β+T)/(β+T+t), with its limit −ln u at s = 1. */
function decayIntegral(s: number, lnU: number): number {
  const d = s - 1;
  return Math.abs(d) < 1e-12 ? -lnU : -Math.expm1(d * lnU) / d;
}

function conditionalExpected(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (!(t > 0)) return 0;
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  const lnU = Math.log(beta + T) - Math.log(beta + T + t);
  return (((r + x) * (beta + T)) / (alpha + T)) * decayIntegral(s, lnU) * probabilityAlive(params, x, tx, T);
}

function expected(params: ArrayLike<number>, t: number): number {
  if (!(t > 0)) return 0;
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  return ((r * beta) / alpha) * decayIntegral(s, Math.log(beta) - Math.log(beta + t));
}

export const paretoNbd: TransactionModel = {
  name: 'pnbd',
  label: 'Pareto/NBD',
  paramNames: ['r', 'alpha', 's', 'beta'],
  hasGradient: false,
  logLikelihood: (lp, data) => paretoLogLikelihood(lp, data),
  starts(data) {
    const rate = meanRate(data);
    const horizon = meanT(data);
    const points: [number, number, number, number][] = [
      [1, 1 / rate, 1, horizon],
      [0.5, 0.5 / rate, 0.5, horizon / 2],
      [2, 2 / rate, 2, 4 * horizon],
    ];
    return points.map((p) => Float64Array.from(p, Math.log));
  },
  probabilityAlive,
  conditionalExpectedPurchases: conditionalExpected,
  expectedPurchases: expected,
};
