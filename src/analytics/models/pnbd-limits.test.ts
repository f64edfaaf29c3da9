import { describe, expect, it } from 'vitest';
import { compressBtyd } from './btyd-data.js';
import { fitTransactionModel } from './fit-model.js';
import { paretoNbd } from './pareto-nbd.js';
import { PNBD_FAR, paretoLimitLogLikelihood, pnbdLimitTerms } from './pnbd-limits.js';
import { lnGamma } from './special-functions.js';

/**
 * The references here integrate the individual-level Pareto/NBD likelihood numerically, over the rate(s) the
 * limit keeps a distribution of; no 2F1 and no J_k: λ^x e^−(λ+μ)T + λ^x μ/(λ+μ) (e^−(λ+μ)t_x − e^−(λ+μ)T).
 */
function individual(lambda: number, mu: number, x: number, tx: number, T: number): number {
  const total = lambda + mu;
  return Math.pow(lambda, x) * (Math.exp(-total * T) + (mu / total) * (Math.exp(-total * tx) - Math.exp(-total * T)));
}

/** Simpson's rule of f over [a, b] with n (even) intervals. */
function simpson(f: (v: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * E over λ ~ Gamma(shape, rate) of g(λ), with λ = u^(1/shape) (the density's λ^(shape−1) becomes flat in u):
 * ∫ g(λ) rate^shape λ^(shape−1) e^−rate·λ / Γ(shape) dλ = rate^shape / (shape Γ(shape)) ∫ g(u^(1/shape)) e^−rate·u^(1/shape) du.
 */
function overGamma(g: (v: number) => number, shape: number, rate: number): number {
  const top = Math.pow(60 / rate, shape);
  const scale = Math.exp(shape * Math.log(rate) - Math.log(shape) - lnGamma(shape));
  return scale * simpson((u) => {
    const v = Math.pow(u, 1 / shape);
    return g(v) * Math.exp(-rate * v);
  }, 0, top, 20_000);
}

const rows: [number, number, number][] = [
  [0, 0, 38.86],
  [1, 3.5, 38.86],
  [2, 30.43, 38.86],
  [5, 12, 30],
  [7, 20, 20],
  [3, 9, 40],
];
const data = compressBtyd(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]));

/** The limit's Σ ln L over `rows` from numerical integration. */
function referenceLl(L: (x: number, tx: number, T: number) => number): number {
  return rows.reduce((sum, [x, tx, T]) => sum + Math.log(L(x, tx, T)), 0);
}

describe('Pareto/NBD at its limits in closed form (pnbd-limits.ts)', () => {
  const [r, alpha, mu] = [0.55, 10.6, 0.05];
  const [lambda, s, beta] = [0.12, 0.7, 12];

  it('one dropout rate μ (s, β → ∞): the numerical integral over λ ~ Gamma(r, α)', () => {
    const ref = referenceLl((x, tx, T) => overGamma((l) => individual(l, mu, x, tx, T), r, alpha));
    const ll = paretoLimitLogLikelihood('gamma', 'one_rate', Float64Array.from([r, alpha, mu].map(Math.log)), data);
    expect(Math.abs(ll - ref)).toBeLessThan(1e-8);
  });

  it('one purchase rate λ (r, α → ∞): the numerical integral over μ ~ Gamma(s, β)', () => {
    const ref = referenceLl((x, tx, T) => overGamma((m) => individual(lambda, m, x, tx, T), s, beta));
    const ll = paretoLimitLogLikelihood('one_rate', 'gamma', Float64Array.from([lambda, s, beta].map(Math.log)), data);
    expect(Math.abs(ll - ref)).toBeLessThan(1e-8);
  });

  it('one of each: the individual likelihood itself', () => {
    const ref = referenceLl((x, tx, T) => individual(lambda, mu, x, tx, T));
    expect(paretoLimitLogLikelihood('one_rate', 'one_rate', Float64Array.from([lambda, mu].map(Math.log)), data)).toBeCloseTo(ref, 12);
  });

  it('the full model tends to each limit (s, β or r, α far out, ratio kept)', () => {
    const full = (p: number[]) => paretoNbd.logLikelihood(Float64Array.from(p.map(Math.log)), data);
    const limit = paretoLimitLogLikelihood('gamma', 'one_rate', Float64Array.from([r, alpha, mu].map(Math.log)), data);
    // the gap shrinks like 1/s: 1e3 → 1e4 → 1e5 each about ten times closer
    const gaps = [1e3, 1e4, 1e5].map((far) => Math.abs(full([r, alpha, mu * far, far]) - limit));
    expect(gaps[0]).toBeLessThan(0.05);
    expect(gaps[1]).toBeLessThan(gaps[0] / 5);
    expect(gaps[2]).toBeLessThan(gaps[1] / 5);
  });

  it('the full model at CDNOW-sized s and β (s 65,977, β 2.9·10⁶) is the integral itself', () => {
    // where the interior search for CDNOW to 1997-02-01 stops now (ln β 14.9, within pareto-nbd.ts's e^15), on
    // its way to the limit: the 2F1 there needs the 1 − z connection formula with b = s + 1 ≈ 66,000. The
    // references are ln of Γ(r+x)/Γ(r) α^r β^s [(α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ]
    // with the integral by mpmath's quadrature at 50 digits (no 2F1)
    const p = [0.46498218, 7.6926393, 65976.73, 2928761.3];
    const reference = [-0.5968928270491749, -4.773720937079265, -9.538490647387242, -14.608221887572359, -17.472300227302476, -10.495400548107433];
    rows.forEach(([x, tx, T], i) => {
      const one = compressBtyd([x], [tx], [T]);
      expect(Math.abs(paretoNbd.logLikelihood(Float64Array.from(p.map(Math.log)), one) - reference[i]), `${x} ${tx} ${T}`).toBeLessThan(1e-7);
    });
  });

  it("predictions at the stand-ins are the limit's: P(alive) and E[Y(t)] by numerical integration", () => {
    const params = [r, alpha, mu * Math.exp(PNBD_FAR), Math.exp(PNBD_FAR)];
    for (const [x, tx, T] of rows) {
      const alive = overGamma((l) => Math.pow(l, x) * Math.exp(-(l + mu) * T), r, alpha);
      const total = overGamma((l) => individual(l, mu, x, tx, T), r, alpha);
      expect(Math.abs(paretoNbd.probabilityAlive(params, x, tx, T) - alive / total)).toBeLessThan(1e-9);
      // E[Y(t)] = E[λ (1 − e^−μt)/μ · λ^x e^−(λ+μ)T] / L
      const t = 52;
      const expectedY = overGamma((l) => l * (-Math.expm1(-mu * t) / mu) * Math.pow(l, x) * Math.exp(-(l + mu) * T), r, alpha) / total;
      expect(Math.abs(paretoNbd.conditionalExpectedPurchases(params, x, tx, T, t) - expectedY)).toBeLessThan(1e-9 * Math.max(1, expectedY));
    }
    // one purchase rate as well: E[X(t)] = λ (1 − e^−μt)/μ
    const both = [lambda * Math.exp(PNBD_FAR), Math.exp(PNBD_FAR), mu * Math.exp(PNBD_FAR), Math.exp(PNBD_FAR)];
    expect(paretoNbd.expectedPurchases(both, 52)).toBeCloseTo((lambda * -Math.expm1(-mu * 52)) / mu, 12);
    const terms = pnbdLimitTerms('one_rate', 'one_rate', [lambda], [mu], 2, 10, 30);
    expect(paretoNbd.probabilityAlive(both, 2, 10, 30)).toBeCloseTo(1 / (1 + Math.exp(terms.died - terms.alive)), 14);
  });

  it('60 customers all alike: one purchase rate and one dropout rate, the maximum of the two-rate likelihood', () => {
    // each bought on three days, 30 weeks apart… as report-cli's test: x = 2, t_x = 60 days, T = 148 days
    const n = 60;
    const alike = compressBtyd(new Array(n).fill(2), new Array(n).fill(60 / 7), new Array(n).fill(148 / 7));
    const fit = fitTransactionModel('pnbd', alike);
    expect(fit.boundary).toBe('one_rate_same_dropout_rate');
    expect(fit.converged).toBe(true);
    const [l, m] = [fit.params[0] / fit.params[1], fit.params[2] / fit.params[3]];
    expect(fit.combined?.map((c) => c.name)).toEqual(['r/alpha', 's/beta']);
    // the maximum of n ln L(λ, μ) over a fine grid around it is no higher
    const one = (a: number, b: number) => n * Math.log(individual(a, b, 2, 60 / 7, 148 / 7));
    let best = -Infinity;
    for (let i = -20; i <= 20; i++) for (let j = -20; j <= 20; j++) best = Math.max(best, one(l * (1 + i * 1e-3), m * (1 + j * 1e-3)));
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(best - 1e-9);
    expect(Math.abs(fit.logLikelihood - one(l, m))).toBeLessThan(1e-9);
    // it was +39,605 (a 2F1 connection formula cancelling to 10¹³³): a likelihood below 1 a customer here
    expect(fit.logLikelihood).toBeLessThan(0);
  });

});
