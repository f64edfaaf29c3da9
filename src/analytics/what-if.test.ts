import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { DAYS_PER_YEAR, parseDiscountRate } from '../domain/horizon.js';
import { buildLog, type CustomerRef, type PurchaseLog } from '../domain/purchase-log.js';
import { fitLtv, predictCustomers, type LtvFit, type LtvOptions } from './ltv.js';
import { simpleLtv } from './ltv-simple.js';
import { compressBtyd } from './models/btyd-data.js';
import type { ModelFit } from './models/fit-model.js';
import { randomGamma, simulateTransactions } from './models/simulate.js';
import { seededOpenRandom } from './random.js';
import type { TransactionModelName } from './models/transaction-model.js';
import { shiftDropout, survival, whatIfModel, whatIfSimple, type WhatIfResult } from './what-if.js';

const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'sim', shop: 'main', clear: null });
const BG = [0.243, 4.414, 0.793, 2.426]; // CDNOW BG/NBD, weeks
const PNBD = [0.553, 10.578, 0.606, 11.669]; // CDNOW Pareto/NBD, weeks
const MBG = [0.525, 6.183, 0.891, 1.614]; // CDNOW MBG/NBD, weeks
const KNOWN: Record<TransactionModelName, number[]> = { bgnbd: BG, pnbd: PNBD, mbgnbd: MBG };
const YEAR = DAYS_PER_YEAR / 7; // a year in weeks

/**
 * A shop simulated from a model with known parameters, in whole days: each customer's first purchase at
 * (end − T), x repeat purchase days with the last at t_x (the ones between spread over the days before it),
 * spends from the Gamma-Gamma model with the CDNOW parameters (p 6.25, q 3.74, γ 15.44; in yuan).
 */
function simulatedShop(model: TransactionModelName, n: number, seed: number): { log: PurchaseLog; asOf: number } {
  const sim = simulateTransactions(model, KNOWN[model], n, seed, { observation: (rand) => 26 + rand() * 52, grid: 1 / 7 });
  const end = dayFromCivil(2025, 12, 31);
  const rand = seededOpenRandom(seed + 1);
  const entries: { customer: number; day: number; net: number }[] = [];
  for (let i = 0; i < n; i++) {
    const nu = randomGamma(rand, 3.74, 15.44);
    const first = end - Math.round(sim.T[i] * 7);
    const last = Math.round(sim.tx[i] * 7);
    const days = [0];
    for (let k = 1; k < sim.x[i]; k++) days.push(Math.round((k * last) / sim.x[i]));
    if (sim.x[i] > 0) days.push(last);
    for (const d of days) entries.push({ customer: i, day: first + d, net: Math.max(1, Math.round(randomGamma(rand, 6.25, nu) * 100)) });
  }
  return { log: buildLog(Array.from({ length: n }, (_, i) => ref(`c${i}`)), entries, 'CNY', 2), asOf: end + 1 };
}

/** The fit of the simulated shop with the model's parameters set to the known ones (fitted once per log and model). */
const fits = new Map<string, LtvFit>();
function knownFit(log: PurchaseLog, options: LtvOptions, model: TransactionModelName): LtvFit {
  const key = `${model}/${options.asOf}`; // each simulated shop is used with its own model only
  let fit = fits.get(key);
  if (!fit) {
    const fitted = fitLtv(log, { ...options, model });
    const chosen: ModelFit = { ...fitted.chosen, params: KNOWN[model], converged: true };
    fit = { ...fitted, chosen, fits: [chosen] };
    fits.set(key, fit);
  }
  return fit;
}

/** E[f(p)] for p ~ Beta(a, b), by Simpson's rule after p = u^(1/a) (which removes the p^(a−1) singularity). */
function betaMean(f: (p: number) => number, a: number, b: number, n = 1000): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k <= n; k++) {
    const u = Math.max(k / n, 1e-300);
    const p = Math.pow(u, 1 / a);
    const w = (k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2) * Math.pow(1 - p, b - 1);
    if (!Number.isFinite(w)) continue;
    num += w * (p === 0 ? f(1e-300) : f(p));
    den += w;
  }
  return num / den;
}

/** E[f(μ)] for μ ~ Gamma(s, rate), by Simpson's rule in ln μ (density × μ) from 10⁻¹² to 200 over the rate. */
function gammaMean(f: (mu: number) => number, s: number, rate: number, n = 2000): number {
  const lo = Math.log(1e-12 / rate);
  const hi = Math.log(200 / rate);
  let num = 0;
  let den = 0;
  for (let k = 0; k <= n; k++) {
    const mu = Math.exp(lo + ((hi - lo) * k) / n);
    const w = (k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2) * Math.exp(s * Math.log(mu * rate) - mu * rate); // density × μ (d log μ)
    num += w * f(mu);
    den += w;
  }
  return num / den;
}

const options = (over: Partial<LtvOptions> = {}): LtvOptions => ({ asOf: 0, unit: 'week', horizonDays: 365.25, discountPerDay: parseDiscountRate('10%/yr') ?? 0, margin: 0.3, ...over });

describe('survival', () => {
  it('equals E[(1 + pY/(α+T))^−(r+x)] over the Beta posterior, for ordinary, large-x and boundary parameters', () => {
    const cases: [TransactionModelName, number[], number, number][] = [
      ['bgnbd', BG, 0, 0],
      ['bgnbd', BG, 3, 40],
      ['mbgnbd', MBG, 0, 10],
      ['bgnbd', [0.243, 4.414, 0.793, 2000], 300, 60], // many purchases, a tiny dropout probability
      ['mbgnbd', [2.5, 0.5, 0.3, 1.2], 40, 2], // r above a + b + 1, α + T small against a year
    ];
    for (const [model, [r, alpha, a, b], x, T] of cases) {
      const m = model === 'mbgnbd' ? 1 : 0;
      const direct = betaMean((q) => Math.pow(1 + (q * YEAR) / (alpha + T), -(r + x)), a, b + x + m, 20000);
      expect(survival(model, [r, alpha, a, b], x, T, YEAR)).toBeCloseTo(direct, 5); // the quadrature is good to ~1e-6
    }
    // a fit at a boundary (a → ∞, b → 0: p ≈ 1): every purchase ends the lifetime, survival = P(no purchase in Y)
    const s = survival('bgnbd', [0.1547, 3.453, 1.3e7, 8.1e-7], 0, 20, YEAR);
    expect(s).toBeCloseTo(Math.pow(23.453 / (23.453 + YEAR), 0.1547), 6);
  });
});

describe('survival of Pareto/NBD at a huge beta (a fit at its limit s, β → ∞, whose β a lift moves further)', () => {
  it('keeps every digit: ((β+T)/(β+T+Y))^s against mpmath at 50 digits', () => {
    // mpmath.mp.dps = 50; ((b + T) / (b + T + Y)) ** s
    const cases: [number, number, number, number, number][] = [
      [2e10, 1e12, 30, 52.18, Number('0.35218453276469117108')],
      [0.02 * 1e15, 1e15, 100, 52.18, Number('0.35218453274412220801')],
      [3, 1e9, 10, 52.18, Number('0.99999984346001790191')],
      [0.6061, 11.67, 20, 52.18, Number('0.55425239997721605871')],
    ];
    // the difference of logarithms gave 0.3521936… (2.6e-5 off) and 0.3208221… (8.9% off) for the first two
    for (const [s, beta, T, years, exact] of cases) expect(Math.abs(survival('pnbd', [1, 1, s, beta], 0, T, years) / exact - 1)).toBeLessThan(4e-16);
  });
});

describe('whatIfModel', () => {
  const shops = { bgnbd: simulatedShop('bgnbd', 1500, 11), pnbd: simulatedShop('pnbd', 1500, 12), mbgnbd: simulatedShop('mbgnbd', 1500, 13) };

  for (const model of ['bgnbd', 'pnbd', 'mbgnbd'] as const) {
    it(`${model}: at +0 equals the plain prediction exactly`, () => {
      const { log, asOf } = shops[model];
      const o = options({ asOf });
      const fit = knownFit(log, o, model);
      const w = whatIfModel(log, fit, o, 0);
      if (w.status !== 'ok') throw new Error('unreachable');
      const rows = predictCustomers(log, fit, o);
      let purchases = 0;
      let margin = 0;
      for (const r of rows) {
        purchases += r.expected_purchases;
        if (r.clv !== null) margin += r.clv;
      }
      expect(w.result.before.purchases).toBe(purchases);
      expect(w.result.before.margin).toBe(margin);
      expect(w.result.after).toEqual(w.result.before);
      expect(w.result.retentionAfter).toBe(w.result.retentionBefore);
      expect(w.result.parameterAfter).toBe(w.result.parameterBefore);
      expect(w.result.breakEvenCostPerCustomer).toBe(0);
    });

    it(`${model}: monotone in the lift, and retention moves by exactly the points asked`, () => {
      const { log, asOf } = shops[model];
      const o = options({ asOf });
      const fit = knownFit(log, o, model);
      const results = [-0.03, -0.01, 0, 0.01, 0.03, 0.05].map((lift) => {
        const w = whatIfModel(log, fit, o, lift);
        if (w.status !== 'ok') throw new Error(`unreachable at ${lift}: ${JSON.stringify(w)}`);
        expect(w.result.retentionAfter - w.result.retentionBefore).toBeCloseTo(lift, 9);
        return w.result;
      });
      const increasing = (get: (r: WhatIfResult) => number) => results.every((r, k) => k === 0 || get(r) > get(results[k - 1]));
      expect(increasing((r) => r.retentionAfter)).toBe(true);
      expect(increasing((r) => r.parameterAfter)).toBe(true); // b or β: less dropout
      expect(increasing((r) => r.after.purchases)).toBe(true);
      expect(increasing((r) => r.after.revenue)).toBe(true);
      expect(increasing((r) => r.after.margin)).toBe(true);
      for (const r of results) {
        expect(r.valuedCustomers).toBe(r.customers);
        expect(r.after.margin).toBeCloseTo(0.3 * r.after.revenue, 4);
      }
    });
  }

  it('on a simulated BG/NBD and MBG/NBD shop: matches a direct computation with the changed b', () => {
    for (const model of ['bgnbd', 'mbgnbd'] as const) {
      const { log, asOf } = shops[model];
      const o = options({ asOf, discountPerDay: 0, margin: 1 });
      const fit = knownFit(log, o, model);
      const w = whatIfModel(log, fit, o, 0.05);
      if (w.status !== 'ok') throw new Error('unreachable');
      const [r, alpha, a, b] = KNOWN[model];
      const b2 = w.result.parameterAfter;
      const m = model === 'mbgnbd' ? 1 : 0;
      const H = 365.25 / 7;
      // Direct: a customer alive at T has λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+m); survival over a year is
      // E[(1 + pY/(α+T))^−(r+x)], expected purchases over H given alive E[(1 − (1 + pH/(α+T))^−(r+x)) / p];
      // P(alive) from the fitted (unchanged) parameters.
      const s = fit.summary;
      let alive = 0;
      let kept = { before: 0, after: 0 };
      let purchases = 0;
      const seen = new Map<string, { sb: number; sa: number; e: number }>(); // these depend on x and T only
      for (let i = 0; i < s.x.length; i++) {
        const x = s.x[i];
        const T = s.ageDays[i] / 7;
        const tx = s.recencyDays[i] / 7;
        const p = 1 / (1 + (x > 0 || m === 1 ? (a / (b + x + m - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0));
        let v = seen.get(`${x}/${T}`);
        if (!v) {
          const surv = (bb: number) => betaMean((q) => Math.pow(1 + (q * YEAR) / (alpha + T), -(r + x)), a, bb + x + m);
          const e = betaMean((q) => -Math.expm1(-(r + x) * Math.log1p((q * H) / (alpha + T))) / q, a, b2 + x + m);
          v = { sb: surv(b), sa: surv(b2), e };
          seen.set(`${x}/${T}`, v);
        }
        alive += p;
        kept = { before: kept.before + p * v.sb, after: kept.after + p * v.sa };
        purchases += p * v.e;
      }
      expect(w.result.retentionBefore).toBeCloseTo(kept.before / alive, 6);
      expect(w.result.retentionAfter).toBeCloseTo(kept.after / alive, 6);
      expect(kept.after / alive - kept.before / alive).toBeCloseTo(0.05, 6);
      expect(w.result.after.purchases / purchases).toBeCloseTo(1, 5);
      expect(w.result.aliveCustomers).toBeCloseTo(alive, 6);
    }
  });

  it('on a simulated Pareto/NBD shop: matches a direct computation with the changed β', () => {
    const { log, asOf } = shops.pnbd;
    const o = options({ asOf, discountPerDay: 0, margin: 1 });
    const fit = knownFit(log, o, 'pnbd');
    const w = whatIfModel(log, fit, o, 0.05);
    if (w.status !== 'ok') throw new Error('unreachable');
    const [, , s0, beta] = PNBD;
    const beta2 = w.result.parameterAfter;
    expect(beta2).toBeGreaterThan(beta);
    const rows = predictCustomers(log, fit, o);
    const sum = fit.summary;
    // Direct: alive at T, μ ~ Gamma(s, β'+T) and λ ~ Gamma(r+x, α+T); E[Y(H) | alive] = E[λ] E[(1 − e^(−μH)) / μ]
    const [r, alpha] = PNBD;
    const H = 365.25 / 7;
    let purchases = 0;
    let alive = 0;
    let kept = 0;
    const byT = new Map<number, { survive: number; decay: number }>(); // the μ parts depend on T only
    for (let i = 0; i < sum.x.length; i++) {
      const x = sum.x[i];
      const T = sum.ageDays[i] / 7;
      const p = rows[i].p_alive;
      let v = byT.get(T);
      if (!v) {
        v = { survive: gammaMean((mu) => Math.exp(-mu * YEAR), s0, beta2 + T), decay: gammaMean((mu) => -Math.expm1(-mu * H) / mu, s0, beta2 + T) };
        byT.set(T, v);
      }
      alive += p;
      kept += p * v.survive;
      purchases += p * ((r + x) / (alpha + T)) * v.decay;
    }
    expect(w.result.retentionAfter).toBeCloseTo(kept / alive, 5);
    expect(w.result.after.purchases / purchases).toBeCloseTo(1, 4);
  });

  it('new customers: the changed parameter gives the retention and purchases that simulated customers show', () => {
    // 1,000 brand-new customers (x = t_x = T = 0, P(alive) = 1 under BG/NBD): lift retention by 5 points, then
    // simulate 200,000 customers with the changed b for a year and count who is alive and what they bought.
    const data = compressBtyd(new Float64Array(1000), new Float64Array(1000), new Float64Array(1000));
    const alive = Float64Array.from(data.x, () => 1);
    const shift = shiftDropout('bgnbd', BG, data, alive, YEAR, 0.05);
    if (shift.status !== 'ok') throw new Error('unreachable');
    expect(shift.after - shift.before).toBeCloseTo(0.05, 9);
    const n = 200_000;
    for (const [params, expected] of [[BG, shift.before], [shift.params, shift.after]] as const) {
      const sim = simulateTransactions('bgnbd', params, n, 7, { observation: () => YEAR });
      const share = sim.aliveAtT.reduce((s, v) => s + v, 0) / n;
      expect(Math.abs(share - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
    }
  });

  it('says when the lift cannot be reached by moving the dropout parameter', () => {
    const data = compressBtyd(new Float64Array(10), new Float64Array(10), new Float64Array(10));
    const alive = Float64Array.from(data.x, () => 1);
    const up = shiftDropout('bgnbd', BG, data, alive, YEAR, 0.5);
    expect(up).toMatchObject({ status: 'unreachable' });
    if (up.status === 'unreachable') expect(up.high).toBeLessThanOrEqual(1);
  });
});

describe('whatIfSimple', () => {
  // the hand-built shop of ltv-simple.test.ts, reduced: two customers, lifetime 1 / (1/3) = 3 years
  const base = dayFromCivil(2024, 1, 1);
  const log = buildLog(
    [ref('A'), ref('C')],
    [
      ...[0, 100, 200, 300, 400, 500, 600, 700].map((d) => ({ customer: 0, day: base + d, net: 10_000 })),
      { customer: 1, day: base + 600, net: 20_000 },
      { customer: 1, day: base + 610, net: 40_000 },
    ],
    'CNY',
    2,
  );
  const asOf = base + 730;

  it('lowers the churn rate by the points: lifetime 1/churn, values over the lifetime (hand calculation)', () => {
    const { rows } = simpleLtv(log, { asOf, lifetimeYears: 1 / (1 / 3), margin: 0.4 });
    const w = whatIfSimple(rows, 1 / 3, 0, 0.05);
    if (w.status !== 'ok') throw new Error('unreachable');
    const r = w.result;
    // churn 1/3 → 1/3 − 0.05 = 0.28333; lifetime 3 → 3.5294 years; A buys 8 × 365.25/730 a year at ¥100,
    // C 2 a year at ¥300: yearly revenue 400.274 + 600 = ¥1,000.27; over 3 years ¥3,000.82, over 3.5294 ¥3,530.38
    expect(r.retentionBefore).toBeCloseTo(2 / 3, 12);
    expect(r.retentionAfter).toBeCloseTo(2 / 3 + 0.05, 12);
    expect(r.horizonDaysAfter / 365.25).toBeCloseTo(1 / (1 / 3 - 0.05), 9);
    const yearly = 10_000 * ((8 * 365.25) / 730) + 30_000 * 2;
    expect(r.before.revenue).toBeCloseTo(yearly * 3, 6);
    expect(r.after.revenue).toBeCloseTo(yearly / (1 / 3 - 0.05), 6);
    expect(r.after.margin).toBeCloseTo(0.4 * r.after.revenue, 6);
    expect(r.after.margin / r.before.margin - 1).toBeCloseTo(3 * (1 / 3) / (1 / 3 - 0.05) / 3 - 1, 9); // +17.6%
    expect(r.extraRetained).toBeCloseTo(0.05 * 2, 12);
    expect(r.breakEvenCostPerCustomer).toBeCloseTo((r.after.margin - r.before.margin) / 2, 9);
  });

  it('at +0 equals the plain textbook prediction exactly; monotone; refuses a lift past 100% retention', () => {
    const discount = parseDiscountRate('10%/yr') ?? 0;
    const { rows } = simpleLtv(log, { asOf, lifetimeYears: 2.5, margin: 0.3, discountPerDay: discount });
    const zero = whatIfSimple(rows, 1 / 2.5, discount, 0);
    if (zero.status !== 'ok') throw new Error('unreachable');
    expect(zero.result.before.margin).toBe(rows.reduce((s, r) => s + r.clv, 0));
    expect(zero.result.after).toEqual(zero.result.before);
    const margins = [-0.1, -0.05, 0, 0.05, 0.1, 0.3].map((lift) => {
      const w = whatIfSimple(rows, 1 / 2.5, discount, lift);
      if (w.status !== 'ok') throw new Error('unreachable');
      return w.result.after.margin;
    });
    expect(margins.every((m, k) => k === 0 || m > margins[k - 1])).toBe(true);
    expect(whatIfSimple(rows, 0.4, discount, 0.4)).toMatchObject({ status: 'unreachable' });
  });
});
