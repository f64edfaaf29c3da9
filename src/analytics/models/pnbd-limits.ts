/**
 * Pareto/NBD at the limits of its parameter space where a gamma's spread goes to 0, as the smaller models those
 * limits are, in closed form (pareto-nbd.ts has the model inside; its 2F1 needs about s/(r+x) terms there and
 * loses to rounding). Purchases at rate λ and dropout at rate μ, both exponential in time; a customer's
 * likelihood is E[λ^x e^−(λ+μ)T + ∫_{t_x}^T λ^x e^−λτ μ e^−μτ dτ] over the customers' rates:
 *
 *   one dropout rate μ (s, β → ∞, s/β = μ), purchase rates gamma(r, α), k = r + x:
 *     L = Γ(k)/Γ(r) α^r [ e^−μT (α+T)^−k + μ (E(t_x) − E(T)) ],
 *     E(y) = ∫_y^∞ e^−μτ (α+τ)^−k dτ = e^−μy (α+y)^(1−k) J_k(μ(α+y))
 *   one purchase rate λ (r, α → ∞, r/α = λ), dropout rates gamma(s, β):
 *     L = λ^x [ e^−λT (1+T/β)^−s + G(t_x) − G(T) ],
 *     G(y) = s β^s ∫_y^∞ e^−λτ (β+τ)^−(s+1) dτ = s e^−λy (1+y/β)^−s J_(s+1)(λ(β+y))
 *   one of each:  L = λ^x [ e^−(λ+μ)T + μ/(λ+μ) (e^−(λ+μ)t_x − e^−(λ+μ)T) ]
 *
 * with J_k(z) = ∫_0^∞ (1+v)^−k e^−zv dv (special-functions.ts lnScaledExpIntegral; the substitution
 * τ = y + (α+y)v). Coordinates (all logs): the rate part (ln r, ln α) or (ln λ), then the dropout part (ln μ) or
 * (ln s, ln β). The gradient is left to central differences (the fits here are small: 2 or 3 coordinates).
 *
 * The same terms give the predictions at these limits (pareto-nbd.ts reads a fit whose α or β is beyond
 * e^PNBD_LIMIT_FROM as the limit): P(alive) = alive / (alive + died) with the bracket's two parts.
 *
 * Not written: s, β → 0. Along s/β kept it is no limit of its own: gamma(s, β) tends to a point mass at 0, so the
 * likelihood tends to the no-dropout one (the NBD), the limit s → 0 fitModel already reaches; on CDNOW to
 * 1997-09-30 at r 0.55, α 10.58 the log-likelihood along s = cβ falls towards the NBD's −9880.09 (c = 0.02:
 * −9870.58 at β 0.003, −9872.04 at 0.001; c = 1: −9841.85, −9858.59, −9866.28 at 3e-4). Along s·ln(1/β) = κ
 * kept, E[e^−μt] = (1 + t/β)^−s → e^−κ for every t > 0: a share 1 − e^−κ drops out at once and the rest never,
 * and the likelihood tends to e^−κ·NBD + (1 − e^−κ)·[x = 0], MBG/NBD's dropout_all_or_none limit (bg-limits.ts,
 * m = 1), which the full formula cannot follow (−∞ by s = 0.1). A made-up shop of 76 customers, 3 of them back
 * on later days, has its maximum there (−25.785, against the one-dropout-rate limit's −25.923 that is reported);
 * on the real Shopify export it was shaped after (−30.52 there, −26.37 inside) and on CDNOW it is not the maximum.
 * Writing it needs its predictions in pareto-nbd.ts as well.
 */
import { lnGamma, lnScaledExpIntegral, logDiffExp, logSumExp } from './special-functions.js';
import type { BtydData } from './btyd-data.js';

export type PnbdRateForm = 'gamma' | 'one_rate';
export type PnbdDropoutForm = 'one_rate' | 'gamma';

/**
 * From here (a log-parameter) a Pareto/NBD scale parameter, α or β, is read as its limit → ∞ with the ratio r/α
 * or s/β kept: a fit inside never comes near (the limits are tried once one passes e^15), and the limits' stand-ins
 * are put at e^PNBD_FAR.
 */
export const PNBD_LIMIT_FROM = 23;
export const PNBD_FAR = 24;

/**
 * ln of the bracket's two parts for one customer: `alive` (no dropout by T) and `died` (dropout between t_x and T,
 * −Infinity when t_x = T), without the factor that depends on x and the rate part only (Γ(k)/Γ(r) α^r or λ^x).
 * `rate` = [r, α] or [λ]; `drop` = [μ] or [s, β]. `memo` keeps ln E or ln G per (x, y) across the rows of
 * one evaluation.
 */
export function pnbdLimitTerms(
  rate: PnbdRateForm,
  drop: PnbdDropoutForm,
  rp: ArrayLike<number>,
  dp: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  memo: (x: number, y: number, f: (y: number) => number) => number = (_x, y, f) => f(y),
): { alive: number; died: number } {
  if (rate === 'gamma') {
    const [r, alpha] = [rp[0], rp[1]];
    const mu = dp[0];
    const k = r + x;
    const lnE = (y: number): number => memo(x, y, (v) => -mu * v + (1 - k) * Math.log(alpha + v) + lnScaledExpIntegral(k, mu * (alpha + v)));
    const alive = -mu * T - k * Math.log(alpha + T);
    const died = tx === T ? -Infinity : Math.log(mu) + logDiffExp(lnE(tx), lnE(T));
    return { alive, died };
  }
  const lambda = rp[0];
  if (drop === 'gamma') {
    const [s, beta] = [dp[0], dp[1]];
    // (G does not depend on x: one entry per y)
    const lnG = (y: number): number => memo(-1, y, (v) => Math.log(s) - lambda * v - s * Math.log1p(v / beta) + lnScaledExpIntegral(s + 1, lambda * (beta + v)));
    const alive = -lambda * T - s * Math.log1p(T / beta);
    const died = tx === T ? -Infinity : logDiffExp(lnG(tx), lnG(T));
    return { alive, died };
  }
  const mu = dp[0];
  const total = lambda + mu;
  const alive = -total * T;
  const died = tx === T ? -Infinity : Math.log(mu) - Math.log(total) + logDiffExp(-total * tx, -total * T);
  return { alive, died };
}

/** How many coordinates each part has. */
export function pnbdRateDims(rate: PnbdRateForm): number {
  return rate === 'gamma' ? 2 : 1;
}

export function pnbdDropoutDims(drop: PnbdDropoutForm): number {
  return drop === 'gamma' ? 2 : 1;
}

/**
 * How far the coordinates go (as pareto-nbd.ts's interior): a rate below e^−15 a time unit is the neighbouring
 * limit (no dropout, fitted by itself), and chasing it costs J_k's continued fraction at tiny z.
 */
const LIMIT_BOUND = 15;

/** Σ w ln L at coordinates v (see above); −Infinity where a coordinate is beyond ±LIMIT_BOUND. */
export function paretoLimitLogLikelihood(rate: PnbdRateForm, drop: PnbdDropoutForm, v: Float64Array, data: BtydData): number {
  for (let i = 0; i < v.length; i++) if (!(Math.abs(v[i]) <= LIMIT_BOUND)) return -Infinity;
  const nr = pnbdRateDims(rate);
  const rp = Array.from(v.subarray(0, nr), Math.exp);
  const dp = Array.from(v.subarray(nr), Math.exp);
  // the factor of x and the rate part
  let ll = 0;
  if (rate === 'gamma') {
    const [r, alpha] = rp;
    const head = r * Math.log(alpha) - lnGamma(r);
    for (let k = 0; k < data.xValues.length; k++) ll += data.xWeight[k] * (lnGamma(r + data.xValues[k]) + head);
  } else {
    for (let k = 0; k < data.xValues.length; k++) ll += data.xWeight[k] * data.xValues[k] * v[0];
  }
  // ln E(y) (and ln G(y)) depend on (x, y) only, J_k the costly part: once per distinct pair
  const cache = new Map<number, Map<number, number>>();
  const pair = (x: number, y: number, f: (y: number) => number): number => {
    let m = cache.get(x);
    if (!m) cache.set(x, (m = new Map()));
    let v = m.get(y);
    if (v === undefined) m.set(y, (v = f(y)));
    return v;
  };
  // Neumaier's compensated sum over the rows (as pareto-nbd.ts)
  let rowSum = 0;
  let rowCompensation = 0;
  for (let i = 0; i < data.x.length; i++) {
    const { alive, died } = pnbdLimitTerms(rate, drop, rp, dp, data.x[i], data.tx[i], data.T[i], pair);
    const term = data.w[i] * logSumExp(alive, died);
    if (!Number.isFinite(term)) return NaN;
    const sum = rowSum + term;
    rowCompensation += Math.abs(rowSum) >= Math.abs(term) ? rowSum - sum + term : term - sum + rowSum;
    rowSum = sum;
  }
  return ll + rowSum + rowCompensation;
}
