import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { computeLtvPredictions, fitLtv, type LtvOptions } from './ltv.js';
import { normalQuantile, zOfLevel } from './ltv-intervals.js';
import { TRANSACTION_MODELS } from './models/fit-model.js';
import { conditionalExpectedSpend } from './models/gamma-gamma.js';
import { simulateSpend, simulateTransactions } from './models/simulate.js';
import { seededOpenRandom } from './random.js';

describe('normal quantiles', () => {
  it('match tabulated values', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    expect(normalQuantile(0.5)).toBe(0);
    expect(zOfLevel(0.8)).toBeCloseTo(1.2815515655446004, 8);
  });
});

/** Simulated shop: 2,000 BG/NBD customers (days), Gamma-Gamma spend. */
function shop() {
  const end = dayFromCivil(2024, 12, 31);
  const sim = simulateTransactions('bgnbd', [0.3, 8, 0.7, 2.5], 2000, 11, { observation: (rand) => 60 + Math.floor(300 * rand()), grid: 1 });
  const spend = simulateSpend([4, 3, 60], sim.x, 12);
  const entries: { customer: number; day: number; net: number }[] = [];
  sim.x.forEach((x, i) => {
    const first = end - sim.T[i];
    entries.push({ customer: i, day: first, net: 3000 });
    for (let k = 1; k <= x; k++) entries.push({ customer: i, day: first + Math.max(k, Math.round((sim.tx[i] * k) / x)), net: Math.max(1, Math.round(spend[i] * 100)) });
  });
  const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'shop', shop: 'main', clear: null });
  return { log: buildLog(Array.from({ length: 2000 }, (_, i) => ref(`c${i}`)), entries, 'USD'), asOf: end + 1 };
}

/** Draws from N(μ, Σ) (row-major k × k) by Cholesky, seeded. */
function drawNormal(mean: number[], cov: Float64Array, draws: number, seed: number): number[][] {
  const k = mean.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = cov[i * k + j];
      for (let m = 0; m < j; m++) s -= L[i][m] * L[j][m];
      L[i][j] = i === j ? Math.sqrt(Math.max(s, 0)) : L[j][j] > 0 ? s / L[j][j] : 0;
    }
  const rand = seededOpenRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: draws }, () => {
    const z = Array.from({ length: k }, gauss);
    return mean.map((m, i) => m + L[i].reduce((s, l, j) => s + l * z[j], 0));
  });
}

const quantile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
};

describe('prediction intervals (delta method on the log-parameters)', () => {
  const { log, asOf } = shop();
  const options: LtvOptions = { asOf, unit: 'week', horizonDays: 365.25, discountPerDay: 0, margin: 1 };
  const fit = fitLtv(log, options);

  it('no intervals unless asked; the point predictions are the same either way', () => {
    const plain = computeLtvPredictions(log, fit, options);
    const withIntervals = computeLtvPredictions(log, fit, { ...options, interval: 0.8 });
    expect(plain.sums).toBeNull();
    expect(plain.rows[0].clv_low).toBeUndefined();
    for (let i = 0; i < plain.rows.length; i += 97) {
      expect(withIntervals.rows[i].clv).toBe(plain.rows[i].clv);
      expect(withIntervals.rows[i].expected_purchases).toBe(plain.rows[i].expected_purchases);
    }
  });

  it('bounds around the estimate, wider at 95% than at 80%', () => {
    const p80 = computeLtvPredictions(log, fit, { ...options, interval: 0.8 });
    const p95 = computeLtvPredictions(log, fit, { ...options, interval: 0.95 });
    for (let i = 0; i < p80.rows.length; i += 13) {
      const a = p80.rows[i];
      const b = p95.rows[i];
      expect(a.expected_purchases_low as number).toBeLessThanOrEqual(a.expected_purchases);
      expect(a.expected_purchases_high as number).toBeGreaterThanOrEqual(a.expected_purchases);
      expect(b.clv_low as number).toBeLessThan(a.clv_low as number);
      expect(b.clv_high as number).toBeGreaterThan(a.clv_high as number);
    }
    const all = p80.sums!(new Int32Array(p80.rows.length), 1, 0.8)[0];
    const sum = p80.rows.reduce((s, r) => s + (r.clv ?? 0), 0);
    expect(all.clv).toBeCloseTo(sum, 3);
    expect(all.clvLow as number).toBeLessThan(sum);
    expect(all.clvHigh as number).toBeGreaterThan(sum);
    // the total is relatively tighter than one customer (errors do not add up in proportion)
    expect(((all.clvHigh as number) - (all.clvLow as number)) / sum).toBeGreaterThan(0);
  });

  it('agree with 4,000 seeded draws of the parameters from the same asymptotic normal', () => {
    const p = computeLtvPredictions(log, fit, { ...options, interval: 0.8 });
    const model = TRANSACTION_MODELS.bgnbd;
    const t = fit.chosen;
    const gg = fit.spendFit!;
    const drawsT = drawNormal(t.params.map(Math.log), t.logCovariance!, 4000, 5).map((v) => v.map(Math.exp));
    const drawsS = drawNormal(gg.params.map(Math.log), gg.logCovariance!, 4000, 6).map((v) => v.map(Math.exp));
    const summary = fit.summary;
    // a one-time buyer, a light and a heavy repeat buyer
    const picks = [summary.x.indexOf(0), summary.x.indexOf(2), summary.x.findIndex((x) => x >= 8)];
    for (const i of picks) {
      const x = summary.x[i];
      const tx = summary.recencyDays[i] / 7;
      const T = summary.ageDays[i] / 7;
      const e = drawsT.map((q) => model.conditionalExpectedPurchases(q, x, tx, T, 365.25 / 7));
      const m = x > 0 ? summary.spend[i] / 100 : 0;
      const clv = e.map((v, d) => {
        // undiscounted: CLV = spend × E[purchases in the year] exactly
        return v * conditionalExpectedSpend(drawsS[d], x, m) * 100;
      });
      const row = p.rows[i];
      for (const [lo, hi, draws] of [
        [row.expected_purchases_low as number, row.expected_purchases_high as number, e],
        [row.clv_low as number, row.clv_high as number, clv],
      ] as const) {
        expect(lo / quantile(draws, 0.1)).toBeCloseTo(1, 1);
        expect(hi / quantile(draws, 0.9)).toBeCloseTo(1, 1);
      }
    }
  });
});
