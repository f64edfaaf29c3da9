import { describe, expect, it } from 'vitest';
import { bgNbd, mbgNbd } from './bg-nbd.js';
import { betaGeoLimitLogLikelihood, dropoutDims, rateDims, type DropoutForm, type RateForm } from './bg-limits.js';
import { compressBtyd } from './btyd-data.js';

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
});
