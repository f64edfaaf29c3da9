import { describe, expect, it } from 'vitest';
import { bgNbd, mbgNbd } from './bg-nbd.js';
import { betaGeoLimitLogLikelihood, dropoutDims, rateDims, type DropoutForm, type RateForm } from './bg-limits.js';
import { compressBtyd } from './btyd-data.js';
import { fitTransactionModel } from './fit-model.js';
import { minimizeBfgs } from './optimize.js';

// repeat purchases x, recency t_x and age T of a few customers (one-time buyers, regulars, one who stopped)
const data = compressBtyd([0, 0, 1, 2, 2, 5, 7, 1, 0, 3], [0, 0, 3.5, 30.43, 30.43, 12, 20, 20, 0, 9], [20, 38.86, 38.86, 38.86, 38.86, 30, 20, 25, 5, 40]);
const models = { 0: bgNbd, 1: mbgNbd } as const;

/** The full model's log-likelihood at log-parameters (ln r, ln α, ln a, ln b). */
const full = (m: 0 | 1, lp: number[]): number => models[m].logLikelihood(Float64Array.from(lp), data);

describe('BG/NBD and MBG/NBD at their limits in closed form', () => {
  for (const m of [0, 1] as const) {
    it(`m = ${m}: gamma and beta inside is the full model`, () => {
      const lp = [Math.log(0.6), Math.log(4), Math.log(0.8), Math.log(2.5)];
      expect(betaGeoLimitLogLikelihood(m, 'gamma', 'beta', Float64Array.from(lp), data)).toBeCloseTo(full(m, lp), 10);
    });

    it(`m = ${m}: each limit is the full model's value far towards it`, () => {
      const [r, alpha] = [Math.log(0.6), Math.log(4)];
      const u = Math.log(0.3 / 0.7);
      // a → 0 with b anything: no dropout
      expect(betaGeoLimitLogLikelihood(m, 'gamma', 'none', Float64Array.from([r, alpha]), data)).toBeCloseTo(full(m, [r, alpha, -22, 1.3]), 5);
      // a, b → 0 with a/b fixed: a share a/(a+b) drops out at the first chance
      expect(betaGeoLimitLogLikelihood(m, 'gamma', 'all_or_none', Float64Array.from([r, alpha, u]), data)).toBeCloseTo(full(m, [r, alpha, -22 + u, -22]), 5);
      // a, b → ∞ with a/b fixed: one dropout probability (the full model there sums its ln Γ as products)
      expect(betaGeoLimitLogLikelihood(m, 'gamma', 'one_probability', Float64Array.from([r, alpha, u]), data)).toBeCloseTo(full(m, [r, alpha, 21 + u, 21]), 5);
      // r, α → ∞ with r/α = λ: one purchase rate, with the beta inside and with one dropout probability
      const lnLambda = Math.log(0.15);
      const inside = [Math.log(0.8), Math.log(2.5)];
      expect(betaGeoLimitLogLikelihood(m, 'one_rate', 'beta', Float64Array.from([lnLambda, ...inside]), data)).toBeCloseTo(full(m, [21 + lnLambda, 21, ...inside]), 4);
      expect(betaGeoLimitLogLikelihood(m, 'one_rate', 'one_probability', Float64Array.from([lnLambda, u]), data)).toBeCloseTo(full(m, [21 + lnLambda, 21, 21 + u, 21]), 4);
    });

    it(`m = ${m}: the gradient is the log-likelihood's (central differences), for every form`, () => {
      const forms: [RateForm, DropoutForm][] = [];
      for (const rate of ['gamma', 'one_rate'] as const) for (const dropout of ['beta', 'none', 'all_or_none', 'one_probability'] as const) forms.push([rate, dropout]);
      for (const [rate, dropout] of forms) {
        const v = Float64Array.from([-0.4, 1.2, -0.7, 0.9].slice(0, rateDims(rate)).concat([-0.5, 0.8].slice(0, dropoutDims(dropout))));
        const grad = new Float64Array(v.length);
        betaGeoLimitLogLikelihood(m, rate, dropout, v, data, grad);
        for (let j = 0; j < v.length; j++) {
          const h = 1e-6;
          const up = Float64Array.from(v);
          const down = Float64Array.from(v);
          up[j] += h;
          down[j] -= h;
          const numeric = (betaGeoLimitLogLikelihood(m, rate, dropout, up, data) - betaGeoLimitLogLikelihood(m, rate, dropout, down, data)) / (2 * h);
          expect(Math.abs(grad[j] - numeric), `${rate} ${dropout} ${j}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
        }
      }
    });
  }

  it('far out the full model is smooth: no ln Γ rounding noise in a, b ≈ 10⁹ (it was 10⁻⁶ a customer)', () => {
    const lp = [Math.log(0.6), Math.log(4), 21, 20];
    const base = full(0, lp);
    // tiny steps in ln a move the value by about the slope times the step, not by noise
    const h = 1e-7;
    const slope = (full(0, [lp[0], lp[1], lp[2] + h, lp[3]]) - full(0, [lp[0], lp[1], lp[2] - h, lp[3]])) / (2 * h);
    const grad = new Float64Array(4);
    bgNbd.logLikelihood(Float64Array.from(lp), data, grad);
    expect(Number.isFinite(base)).toBe(true);
    expect(Math.abs(slope - grad[2])).toBeLessThan(1e-4 * Math.max(1, Math.abs(grad[2])));
  });

  it('a regular grid of one to three purchase days: the likelihood rises all the way to a, b → ∞, and the fit is that limit', () => {
    // report-cli.test.ts's fixture: 60 customers, customer i buys on day (i mod 27) + 1 of January, and of
    // February and March for i mod 3 ≥ 1, 2; ages to 2024-05-31 (the calibration end of --as-of 2024-06-01), weeks
    const day = (m: number, d: number): number => Date.UTC(2024, m - 1, d) / 864e5;
    const end = day(5, 31);
    const [x, tx, T] = [[], [], []] as number[][];
    for (let i = 0; i < 60; i++) {
      const d = (i % 27) + 1;
      x.push(i % 3);
      tx.push((day(1 + (i % 3), d) - day(1, d)) / 7);
      T.push((end - day(1, d)) / 7);
    }
    const grid = compressBtyd(x, tx, T);
    const fit = fitTransactionModel('bgnbd', grid);
    expect([fit.converged, fit.boundary, fit.toward]).toEqual([true, 'same_dropout', [null, null, 'infinity', 'infinity']]);
    const p = fit.combined?.find((c) => c.name === 'a/(a+b)')?.value as number;
    expect(p).toBeCloseTo(0.5648, 4);
    // the profile: the best log-likelihood with a + b = n held (r, α and p = a/(a+b) free), n = e^0 … e^12:
    // it only rises, towards the limit's value (an interior maximum would show as a fall)
    const profile = (lnN: number): number => {
      const fg = (v: Float64Array, g: Float64Array): number => {
        const share = 1 / (1 + Math.exp(-v[2]));
        const lp = Float64Array.from([v[0], v[1], lnN + Math.log(share), lnN + Math.log(1 - share)]);
        const full4 = new Float64Array(4);
        const ll = bgNbd.logLikelihood(lp, grid, full4);
        // ln a = ln n + ln p, ln b = ln n + ln(1 − p), d ln p/du = 1 − p, d ln(1 − p)/du = −p
        g[0] = -full4[0];
        g[1] = -full4[1];
        g[2] = -(full4[2] * (1 - share) - full4[3] * share);
        return -ll;
      };
      const run = minimizeBfgs(fg, Float64Array.from([Math.log(fit.params[0]), Math.log(fit.params[1]), Math.log(p / (1 - p))]), { gradientTolerance: 1e-6 });
      expect(run.converged, `ln n = ${lnN}: ${run.stop} ${run.gradientNorm}`).toBe(true);
      return -run.value;
    };
    const values = [0, 2, 4, 6, 8, 10, 12].map(profile);
    for (let i = 1; i < values.length; i++) expect(values[i], `ln n = ${2 * i}`).toBeGreaterThan(values[i - 1]);
    expect(values[0]).toBeLessThan(fit.logLikelihood - 5);
    expect(Math.abs(values.at(-1)! - fit.logLikelihood)).toBeLessThan(1e-3);
    expect(values.at(-1)!).toBeLessThanOrEqual(fit.logLikelihood + 1e-6);
  });

  it('near a, b → 0 the full model is its limit to 10⁻⁸: b + x − 1 keeps the digits of b (1 + b rounded b to 10⁻⁵)', () => {
    const [r, alpha, u] = [Math.log(0.6), Math.log(4), Math.log(0.3 / 0.7)];
    for (const m of [0, 1] as const) {
      const limit = betaGeoLimitLogLikelihood(m, 'gamma', 'all_or_none', Float64Array.from([r, alpha, u]), data);
      for (const k of [22, 23, 24]) expect(Math.abs(full(m, [r, alpha, -k + u, -k]) - limit), `m = ${m}, b = e^-${k}`).toBeLessThan(1e-8);
    }
  });
});
