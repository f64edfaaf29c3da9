import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { DAYS_PER_MONTH } from '../domain/horizon.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { clvSteps, compareHoldout, fitLtv, predictCustomers, probabilityAliveByCustomer, summarizeLtv, type LtvFit } from './ltv.js';
import type { ModelFit } from './models/fit-model.js';
import { simulateSpend, simulateTransactions } from './models/simulate.js';

const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'shop', shop: 'main', clear: null });
const jan1 = dayFromCivil(1997, 1, 1);
const asOf = dayFromCivil(1997, 10, 1);

/** CDNOW customer 1 (1997-01-01 $29.33, 01-18 $29.73, 08-02 $14.96) and a one-time buyer. */
const log = buildLog(
  [ref('one'), ref('once')],
  [
    { customer: 0, day: jan1, net: 2933 },
    { customer: 0, day: jan1 + 17, net: 2973 },
    { customer: 0, day: jan1 + 213, net: 1496 },
    { customer: 1, day: jan1 + 30, net: 5000 },
  ],
  'USD',
);

/** A fit with the published CDNOW parameters, to check the prediction arithmetic on its own. */
function publishedFit(): LtvFit {
  const real = fitLtv(log, { asOf, unit: 'week' });
  const fixed = (model: ModelFit['model'], params: number[]): ModelFit => ({ ...real.chosen, model, params, converged: true });
  return { ...real, refusal: null, chosen: fixed('bgnbd', [0.243, 4.414, 0.793, 2.426]), spendFit: fixed('gg', [6.25, 3.74, 15.44]) };
}

describe('CLV arithmetic', () => {
  it('monthly steps of 30.4375 days, the last one ending at the horizon', () => {
    expect(clvSteps(365.25)).toEqual(Array.from({ length: 12 }, (_, k) => (k + 1) * DAYS_PER_MONTH));
    expect(clvSteps(90)).toEqual([DAYS_PER_MONTH, 2 * DAYS_PER_MONTH, 90]);
    expect(clvSteps(7)).toEqual([7]);
  });

  // Reference values computed independently with scipy.special.hyp2f1 and the untransformed BG/NBD formula.
  it('matches an independent computation for CDNOW customer 1 (12mo and 90d, 10%/yr, 30% margin)', () => {
    const fit = publishedFit();
    const discountPerDay = Math.log(1.1) / 365.25;
    const [c1] = predictCustomers(log, fit, { asOf, horizonDays: 365.25, discountPerDay, margin: 0.3 });
    expect(c1.frequency).toBe(2);
    expect(c1.expected_purchases).toBeCloseTo(1.5632080807371396, 10);
    expect(c1.expected_spend).toBeCloseTo(2465.961286089238, 7);
    expect(c1.clv).toBeCloseTo(1102.3679579499633, 6);
    const [q1] = predictCustomers(log, fit, { asOf, horizonDays: 90, discountPerDay, margin: 0.3 });
    expect(q1.clv).toBeCloseTo(329.6613445967796, 6);
  });

  it('no discount and full margin: CLV = expected purchases × expected spend; revenue and P(alive) per customer', () => {
    const fit = publishedFit();
    const rows = predictCustomers(log, fit, { asOf, horizonDays: 365.25, discountPerDay: 0, margin: 1 });
    for (const r of rows) expect(r.clv).toBeCloseTo(r.expected_purchases * (r.expected_spend as number), 8);
    expect(rows.map((r) => r.revenue)).toEqual([2933 + 2973 + 1496, 5000]);
    expect(rows[1].p_alive).toBe(1); // BG/NBD one-time buyer
    expect(rows[1].expected_spend).toBeCloseTo((6.25 * 15.44) / 2.74 * 100, 6);
  });

  it('P(alive) by customer index matches the per-customer rows; customers without a purchase get NaN', () => {
    const fit = publishedFit();
    const withLate = { ...log, customers: [...log.customers, ref('late')], customerCount: log.customerCount + 1 };
    const p = probabilityAliveByCustomer(withLate, fit);
    const rows = predictCustomers(log, fit, { asOf });
    expect(p[0]).toBeCloseTo(rows[0].p_alive, 14);
    expect(p[1]).toBe(1);
    expect(p[2]).toBeNaN();
  });

  it('groups sum customers and keep the order asked for', () => {
    const rows = predictCustomers(log, publishedFit(), { asOf, horizonDays: 365.25, discountPerDay: 0, margin: 1 });
    const groups = summarizeLtv(rows, (r) => (r.frequency > 0 ? 'repeat' : 'single'), ['single', 'repeat']);
    expect(groups.map((g) => g.group)).toEqual(['single', 'repeat']);
    expect(groups[0].customers).toBe(1);
    expect(groups[1].clv).toBeCloseTo(rows[0].clv as number, 8);
    expect(groups[1].clv_per_customer).toBeCloseTo(rows[0].clv as number, 8);
  });
});

describe('fitLtv', () => {
  it('warns about small data (few repeat customers, short history)', () => {
    const fit = fitLtv(log, { asOf, unit: 'week' });
    expect(fit.warnings).toContainEqual({ code: 'few_repeat_customers', repeatCustomers: 1, need: 100 });
    expect(fit.warnings.map((w) => w.code)).not.toContain('short_history');
    // up to day 100 customer one has come back once and nobody on a third day: refused before any fit (ltv-one-repeat.test.ts)
    expect(fitLtv(log, { asOf: jan1 + 100, unit: 'week' }).refusal?.code).toBe('one_repeat_each');
    // with a third purchase day in those 100 days the fit is made, and its history is short
    const third = buildLog([ref('one'), ref('once')], [...[0, 17, 60].map((d) => ({ customer: 0, day: jan1 + d, net: 2000 })), { customer: 1, day: jan1 + 30, net: 5000 }], 'USD');
    const short = fitLtv(third, { asOf: jan1 + 100, unit: 'week' });
    expect(short.warnings).toContainEqual({ code: 'short_history', days: 100, need: 180 });
  });

  // A simulated shop: 3,000 customers over 2 years, in days.
  const sim = simulateTransactions('pnbd', [0.9, 60, 0.8, 300], 3000, 3, { observation: (rand) => 1 + Math.floor(729 * rand()), grid: 1, holdout: 180 });
  const spend = simulateSpend([4, 3, 60], sim.x, 4);
  const end = dayFromCivil(2024, 12, 31);
  const calEnd = end - 180;
  const entries: { customer: number; day: number; net: number }[] = [];
  sim.x.forEach((x, i) => {
    // First purchase T days before the calibration end; x repeat days spread up to t_x (evenly: only x, t_x and T matter).
    const first = calEnd - sim.T[i];
    entries.push({ customer: i, day: first, net: 1000 });
    for (let k = 1; k <= x; k++) entries.push({ customer: i, day: first + Math.round((sim.tx[i] * k) / x), net: Math.max(1, Math.round(spend[i] * 100)) });
    for (let k = 1; k <= sim.holdoutX[i]; k++) entries.push({ customer: i, day: calEnd + k, net: 500 });
  });
  const simLog = buildLog(Array.from({ length: 3000 }, (_, i) => ref(`c${i}`)), entries);

  it('auto fits all three models and picks the lowest AIC', () => {
    const fit = fitLtv(simLog, { asOf: end + 1, calibrationEnd: calEnd, unit: 'day', model: 'auto' });
    expect(fit.fits.map((f) => f.model)).toEqual(['bgnbd', 'pnbd', 'mbgnbd']);
    const best = Math.min(...fit.fits.map((f) => f.aic));
    expect(fit.chosen.aic).toBe(best);
    expect(fit.spendFit?.converged).toBe(true);
  });

  it('holdout: rows by calibration frequency with totals that add up', () => {
    const fit = fitLtv(simLog, { asOf: end + 1, calibrationEnd: calEnd, unit: 'day', model: 'pnbd' });
    const cmp = compareHoldout(fit);
    expect(cmp.days).toBe(180);
    const all = cmp.rows[cmp.rows.length - 1];
    expect(all.calibration_frequency).toBe('all');
    expect(all.customers).toBe(3000);
    const parts = cmp.rows.slice(0, -1);
    expect(parts.reduce((s, r) => s + r.customers, 0)).toBe(3000);
    expect(parts.reduce((s, r) => s + r.actual_purchases, 0)).toBe(all.actual_purchases);
    expect(parts.reduce((s, r) => s + r.predicted_purchases, 0)).toBeCloseTo(all.predicted_purchases, 6);
    let actual = 0;
    for (const v of sim.holdoutX) actual += v;
    expect(all.actual_purchases).toBe(actual);
    // Data simulated from Pareto/NBD: the fitted model predicts the holdout total within 10%.
    expect(Math.abs(all.predicted_purchases - actual) / actual).toBeLessThan(0.1);
    expect(cmp.byModel).toHaveLength(1);
    expect(cmp.byModel[0].mae).toBeCloseTo(all.mae_per_customer, 12);
  });
});
