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
 *
 * α or β beyond e^23 (PNBD_LIMIT_FROM) is read as its limit, one purchase rate r/α or one dropout rate s/β for
 * everyone (the stand-ins of a fit at that limit: fit-model.ts), and predicted in closed form (pnbd-limits.ts).
 */
import { digamma, hyp2f1, hyp2f1Derivatives, lnGamma, logDiffExp } from './special-functions.js';
import type { BtydData } from './btyd-data.js';
import { PNBD_LIMIT_FROM, pnbdLimitTerms } from './pnbd-limits.js';
import { meanRate, meanT, withinBounds, type TransactionModel } from './transaction-model.js';

/**
 * The model inside is evaluated only within e^±INTERIOR_BOUND: beyond, a fit is running off towards a limit,
 * which fit-model.ts then fits in closed form (pnbd-limits.ts); chasing it here costs thousands of 2F1 series
 * of tens of thousands of terms, on a likelihood that has lost digits to s ln β − s ln(β+T).
 */
const INTERIOR_BOUND = 15;

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
 * each pair's 2F1 is computed once per evaluation. Terms that depend on y alone (ln(α+y), ln(β+y), z) are
 * computed once per distinct y. The index is built once per data set.
 */
interface PairIndex {
  /** Distinct y (t_x and T values). */
  yValues: Float64Array;
  /** Per pair: x and the position of y in yValues. */
  x: Float64Array;
  yOf: Int32Array;
  /** Per row: pair of (x, t_x) and of (x, T), and the position of T in yValues. */
  ofTx: Int32Array;
  ofT: Int32Array;
  tOf: Int32Array;
}
const pairIndexes = new WeakMap<BtydData, PairIndex>();

function pairIndex(data: BtydData): PairIndex {
  let idx = pairIndexes.get(data);
  if (idx) return idx;
  const yPos = new Map<number, number>();
  const ys: number[] = [];
  const yIndex = (y: number): number => {
    let j = yPos.get(y);
    if (j === undefined) {
      j = ys.length;
      yPos.set(y, j);
      ys.push(y);
    }
    return j;
  };
  const byX = new Map<number, Map<number, number>>();
  const xs: number[] = [];
  const yOf: number[] = [];
  const find = (x: number, y: number): number => {
    let m = byX.get(x);
    if (!m) byX.set(x, (m = new Map()));
    let k = m.get(y);
    if (k === undefined) {
      k = xs.length;
      m.set(y, k);
      xs.push(x);
      yOf.push(yIndex(y));
    }
    return k;
  };
  const n = data.x.length;
  const ofTx = new Int32Array(n);
  const ofT = new Int32Array(n);
  const tOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ofTx[i] = find(data.x[i], data.tx[i]);
    ofT[i] = find(data.x[i], data.T[i]);
    tOf[i] = yIndex(data.T[i]);
  }
  idx = { yValues: Float64Array.from(ys), x: Float64Array.from(xs), yOf: Int32Array.from(yOf), ofTx, ofT, tOf };
  pairIndexes.set(data, idx);
  return idx;
}

/**
 * ln F for every pair into lnFs and, with `dlnF` (4 per pair), its derivatives with respect to r, α, s, β.
 * With H the 2F1 factor, its parameters b and c, and z as in lnF:
 *
 *   α ≥ β:  ln F = −(r+x) ln(α+y) − s ln(β+y) + ln H(1, r+x; r+s+x+1; z),  z = (α−β)/(α+y)
 *           ∂r = −ln(α+y) + (H_b + H_c)/H    ∂s = −ln(β+y) + H_c/H
 *           ∂α = −(r+x)/(α+y) + H_z/H · (β+y)/(α+y)²    ∂β = −s/(β+y) − H_z/H · 1/(α+y)
 *   α < β:  ln F = −(r+x−1) ln(α+y) − (s+1) ln(β+y) + ln H(1, s+1; r+s+x+1; z),  z = (β−α)/(β+y)
 *           ∂r = −ln(α+y) + H_c/H    ∂s = −ln(β+y) + (H_b + H_c)/H
 *           ∂α = −(r+x−1)/(α+y) − H_z/H · 1/(β+y)    ∂β = −(s+1)/(β+y) + H_z/H · (α+y)/(β+y)²
 */
function pairLnF(r: number, alpha: number, s: number, beta: number, idx: PairIndex, lnA: Float64Array, lnB: Float64Array, lnFs: Float64Array, dlnF?: Float64Array): void {
  const ys = idx.yValues;
  const h = new Float64Array(5);
  const high = alpha >= beta;
  for (let j = 0; j < lnFs.length; j++) {
    const x = idx.x[j];
    const yi = idx.yOf[j];
    const y = ys[yi];
    const c = r + s + x + 1;
    if (!dlnF) {
      lnFs[j] = high
        ? -(r + x) * lnA[yi] - s * lnB[yi] + Math.log(hyp2f1(1, r + x, c, (alpha - beta) / (alpha + y)))
        : -(r + x - 1) * lnA[yi] - (s + 1) * lnB[yi] + Math.log(hyp2f1(1, s + 1, c, (beta - alpha) / (beta + y)));
      continue;
    }
    const ay = alpha + y;
    const by = beta + y;
    const o = 4 * j;
    if (high) {
      hyp2f1Derivatives(1, r + x, c, (alpha - beta) / ay, h);
      const inv = 1 / h[0];
      const hz = h[4] * inv;
      lnFs[j] = -(r + x) * lnA[yi] - s * lnB[yi] + Math.log(h[0]);
      dlnF[o] = -lnA[yi] + (h[2] + h[3]) * inv;
      dlnF[o + 1] = -(r + x) / ay + (hz * by) / (ay * ay);
      dlnF[o + 2] = -lnB[yi] + h[3] * inv;
      dlnF[o + 3] = -s / by - hz / ay;
    } else {
      hyp2f1Derivatives(1, s + 1, c, (beta - alpha) / by, h);
      const inv = 1 / h[0];
      const hz = h[4] * inv;
      lnFs[j] = -(r + x - 1) * lnA[yi] - (s + 1) * lnB[yi] + Math.log(h[0]);
      dlnF[o] = -lnA[yi] + h[3] * inv;
      dlnF[o + 1] = -(r + x - 1) / ay - hz / by;
      dlnF[o + 2] = -lnB[yi] + (h[2] + h[3]) * inv;
      dlnF[o + 3] = -(s + 1) / by + (hz * ay) / (by * by);
    }
  }
}

/**
 * Σ w ln L, and with `grad` its derivatives with respect to the log-parameters. Per row,
 *
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + logsumexp(alive, died),
 *   alive = −(r+x) ln(α+T) − s ln(β+T),   died = ln s − ln(r+s+x) + ln(F(t_x) − F(T)),
 *
 * and ∂ ln(F(t_x) − F(T)) = (∂ln F(t_x) − e ∂ln F(T)) / (1 − e) with e = F(T)/F(t_x); each of alive and
 * died enters the gradient with its share of the sum, exp(term − logsumexp).
 *
 * Costs per evaluation: one 2F1 (with its derivatives when the gradient is wanted) per distinct (x, y)
 * pair, and per row four elementary functions (expm1, log, exp, log1p) and a few additions.
 */
function paretoLogLikelihood(logParams: Float64Array, data: BtydData, grad?: Float64Array): number {
  if (!withinBounds(logParams)) return -Infinity;
  for (let i = 0; i < 4; i++) if (Math.abs(logParams[i]) > INTERIOR_BOUND) return -Infinity;
  const r = Math.exp(logParams[0]);
  const alpha = Math.exp(logParams[1]);
  const s = Math.exp(logParams[2]);
  const beta = Math.exp(logParams[3]);
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  const lnS = Math.log(s);
  const lgR = lnGamma(r);
  const head = r * lnAlpha + s * lnBeta - lgR;
  const dgR = grad ? digamma(r) : 0;
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let gs = 0;
  let gBeta = 0;
  const K = data.xValues.length;
  const lnWeight = new Float64Array(K);
  const invRsx = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const x = data.xValues[k];
    const W = data.xWeight[k];
    ll += W * (lnGamma(r + x) + head);
    lnWeight[k] = lnS - Math.log(r + s + x);
    if (grad) {
      invRsx[k] = 1 / (r + s + x);
      gr += W * (digamma(r + x) - dgR + lnAlpha);
      gAlpha += (W * r) / alpha;
      gs += W * lnBeta;
      gBeta += (W * s) / beta;
    }
  }
  const idx = pairIndex(data);
  const ys = idx.yValues;
  const lnA = new Float64Array(ys.length);
  const lnB = new Float64Array(ys.length);
  for (let j = 0; j < ys.length; j++) {
    lnA[j] = Math.log(alpha + ys[j]);
    lnB[j] = Math.log(beta + ys[j]);
  }
  const P = idx.x.length;
  const lnFs = new Float64Array(P);
  const dlnF = grad ? new Float64Array(4 * P) : undefined;
  pairLnF(r, alpha, s, beta, idx, lnA, lnB, lnFs, dlnF);
  // alive depends on (x, T) only: per pair.
  const alives = new Float64Array(P);
  for (let j = 0; j < P; j++) alives[j] = -(r + idx.x[j]) * lnA[idx.yOf[j]] - s * lnB[idx.yOf[j]];
  // With the gradient, the rows only add up how much each pair's ∂ln F, each pair's ∂alive and each x's
  // ∂(ln s − ln(r+s+x)) weigh; the vectors are combined once per pair afterwards.
  const weightF = grad ? new Float64Array(P) : undefined;
  const weightAlive = grad ? new Float64Array(P) : undefined;
  const weightDied = grad ? new Float64Array(K) : undefined;
  // The rows are summed with Neumaier's compensation: a plain running sum over 10⁵–10⁶ rows carries
  // rounding noise near 1e-13 of the total, enough to hide the last decreases from the optimiser's line search.
  let rowSum = 0;
  let rowCompensation = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.w[i];
    const jTx = idx.ofTx[i];
    const jT = idx.ofT[i];
    const alive = alives[jT];
    // died = ln s − ln(r+s+x) + logDiffExp(ln F(t_x), ln F(T)) and logsumexp(alive, died), written out
    // (the same operations as logDiffExp and logSumExp) so that the gradient reuses their exponentials.
    const lnFTx = lnFs[jTx];
    const d = lnFs[jT] - lnFTx;
    if (!(d < 0)) {
      // F(T) > F(t_x) cannot be (as logDiffExp: NaN); equal values (t_x = T) leave no dropout term.
      if (d !== 0) {
        grad?.fill(NaN);
        return NaN;
      }
      const term = w * alive;
      const sum = rowSum + term;
      rowCompensation += Math.abs(rowSum) >= Math.abs(term) ? rowSum - sum + term : term - sum + rowSum;
      rowSum = sum;
      if (weightAlive) weightAlive[jT] += w;
      continue;
    }
    const oneMinusE = -Math.expm1(d);
    const k = data.xIndex[i];
    const died = lnWeight[k] + (lnFTx + Math.log(oneMinusE));
    let total: number;
    let pAlive: number;
    if (alive > died) {
      const u = Math.exp(died - alive);
      total = alive + Math.log1p(u);
      pAlive = 1 / (1 + u);
    } else {
      const u = Math.exp(alive - died);
      total = died + Math.log1p(u);
      pAlive = u / (1 + u);
    }
    const term = w * total;
    const sum = rowSum + term;
    rowCompensation += Math.abs(rowSum) >= Math.abs(term) ? rowSum - sum + term : term - sum + rowSum;
    rowSum = sum;
    if (!weightF || !weightAlive || !weightDied) continue;
    const wAlive = w * pAlive;
    const wDied = w - wAlive;
    const scale = wDied / oneMinusE;
    weightAlive[jT] += wAlive;
    weightDied[k] += wDied;
    weightF[jTx] += scale;
    weightF[jT] -= scale * (1 - oneMinusE);
  }
  ll += rowSum + rowCompensation;
  if (grad && dlnF && weightF && weightAlive && weightDied) {
    for (let j = 0; j < P; j++) {
      const wf = weightF[j];
      const wa = weightAlive[j];
      const o = 4 * j;
      const yi = idx.yOf[j];
      const y = ys[yi];
      gr += wf * dlnF[o] - wa * lnA[yi];
      gAlpha += wf * dlnF[o + 1] - (wa * (r + idx.x[j])) / (alpha + y);
      gs += wf * dlnF[o + 2] - wa * lnB[yi];
      gBeta += wf * dlnF[o + 3] - (wa * s) / (beta + y);
    }
    for (let k = 0; k < K; k++) {
      const wd = weightDied[k];
      gr -= wd * invRsx[k];
      gs += wd * (1 / s - invRsx[k]);
    }
    // ∂/∂ln θ = θ ∂/∂θ.
    grad[0] = r * gr;
    grad[1] = alpha * gAlpha;
    grad[2] = s * gs;
    grad[3] = beta * gBeta;
  }
  return ll;
}

/** α or β beyond e^PNBD_LIMIT_FROM: read as its limit (one purchase rate r/α, one dropout rate s/β: pnbd-limits.ts). */
const LIMIT_SCALE = Math.exp(PNBD_LIMIT_FROM);

function probabilityAlive(params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  if (alpha >= LIMIT_SCALE || beta >= LIMIT_SCALE) {
    const oneRate = alpha >= LIMIT_SCALE;
    const oneDrop = beta >= LIMIT_SCALE;
    const { alive, died } = pnbdLimitTerms(oneRate ? 'one_rate' : 'gamma', oneDrop ? 'one_rate' : 'gamma', oneRate ? [r / alpha] : [r, alpha], oneDrop ? [s / beta] : [s, beta], x, tx, T);
    return 1 / (1 + Math.exp(died - alive));
  }
  const logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + lnA0(r, alpha, s, beta, x, tx, T);
  return 1 / (1 + Math.exp(logOdds));
}

/** [1 − u^(s−1)] / (s − 1) for u = (β+T)/(β+T+t), with its limit −ln u at s = 1. */
function decayIntegral(s: number, lnU: number): number {
  const d = s - 1;
  return Math.abs(d) < 1e-12 ? -lnU : -Math.expm1(d * lnU) / d;
}

/** (1 − e^−μt)/μ: the expected time alive in t at one dropout rate μ for everyone. */
function oneRateDecay(mu: number, t: number): number {
  return -Math.expm1(-mu * t) / mu;
}

function conditionalExpected(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (!(t > 0)) return 0;
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  if (alpha >= LIMIT_SCALE || beta >= LIMIT_SCALE) {
    const rate = alpha >= LIMIT_SCALE ? r / alpha : (r + x) / (alpha + T);
    const decay = beta >= LIMIT_SCALE ? oneRateDecay(s / beta, t) : decayIntegral(s, -Math.log1p(t / (beta + T))) * (beta + T);
    return rate * decay * probabilityAlive(params, x, tx, T);
  }
  const lnU = Math.log(beta + T) - Math.log(beta + T + t);
  return (((r + x) * (beta + T)) / (alpha + T)) * decayIntegral(s, lnU) * probabilityAlive(params, x, tx, T);
}

function expected(params: ArrayLike<number>, t: number): number {
  if (!(t > 0)) return 0;
  const [r, alpha, s, beta] = [params[0], params[1], params[2], params[3]];
  if (alpha >= LIMIT_SCALE || beta >= LIMIT_SCALE) {
    const decay = beta >= LIMIT_SCALE ? oneRateDecay(s / beta, t) : beta * decayIntegral(s, -Math.log1p(t / beta));
    return (r / alpha) * decay;
  }
  return ((r * beta) / alpha) * decayIntegral(s, Math.log(beta) - Math.log(beta + t));
}

export const paretoNbd: TransactionModel = {
  name: 'pnbd',
  label: 'Pareto/NBD',
  paramNames: ['r', 'alpha', 's', 'beta'],
  hasGradient: true,
  logLikelihood: (lp, data, grad) => paretoLogLikelihood(lp, data, grad),
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
  interiorBound: INTERIOR_BOUND,
  probabilityAlive,
  conditionalExpectedPurchases: conditionalExpected,
  expectedPurchases: expected,
};
