import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { parseDiscountRate } from '../domain/horizon.js';
import { evenDiscountFactor, simpleHoldout, simpleLtv, summarizeSimpleLtv, yearlyChurn } from './ltv-simple.js';

const base = parseDay('2024-01-01') ?? 0;
const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'generic', shop: 'main', clear: null });

// A hand-built shop; days relative to 2024-01-01, as of day 730 (so the churn year runs from day 365).
//   A: days 0, 100, …, 700 (8 purchases, gaps 100), ¥100.00 each
//   B: days 0, 50, 100, 150 (gaps 50), ¥50.00 each, then silent
//   C: days 600 (¥200.00) and 610 (¥400.00): a young customer
//   D: day 360 only, ¥30.00
//   E: days 300, 330, 360, 720, ¥10.00 each
// Churn (orderlens churn's rule: line = max(G, 3 × median gap), G = nearest-rank P90 of the pooled gaps):
//   as of day 365: gaps 30,30,50,50,50,100,100,100 → G = the 8th = 100. A: 65 days since, line 300 → active;
//     B: 215 > line 150 → churned; D: 5 days, line 100 → active; E: 5 days, line 100 → active. Base {A, D, E}.
//   as of day 730: gaps 10,30,30,50,50,50,100×7,360 → G = the ⌈12.6⌉ = 13th = 100. A: 30 days → active;
//     D: 370 > 100 → churned; E: 10 days → active. Churned 1 of 3: yearly churn 1/3, lifetime 3 years.
const customers = ['A', 'B', 'C', 'D', 'E'].map(ref);
const entries = [
  ...[0, 100, 200, 300, 400, 500, 600, 700].map((day) => ({ customer: 0, day: base + day, net: 10_000 })),
  ...[0, 50, 100, 150].map((day) => ({ customer: 1, day: base + day, net: 5_000 })),
  { customer: 2, day: base + 600, net: 20_000 },
  { customer: 2, day: base + 610, net: 40_000 },
  { customer: 3, day: base + 360, net: 3_000 },
  ...[300, 330, 360, 720].map((day) => ({ customer: 4, day: base + day, net: 1_000 })),
];
const log = buildLog(customers, entries, 'CNY', 2);
const asOf = base + 730;

describe('yearlyChurn', () => {
  it('is the share of the customers not churned a year before as-of that are churned at as-of', () => {
    const c = yearlyChurn(log, asOf);
    expect(c).toMatchObject({ start: base + 365, end: asOf, base: 3, churned: 1, missing: null, historyBeforeStart: 365, thresholdStart: 100, thresholdEnd: 100 });
    expect(c.rate).toBe(1 / 3);
  });

  it('has no rate without a year of history, or when nobody churned', () => {
    expect(yearlyChurn(log, base + 200)).toMatchObject({ rate: null, missing: 'no_customers_at_start', historyBeforeStart: 0 });
    // as of day 366: before day 1 only single purchases on day 0, so no gap sets a churn line
    expect(yearlyChurn(log, base + 366)).toMatchObject({ rate: null, missing: 'no_gaps_at_start' });
    const loyal = buildLog([ref('L')], [0, 30, 60, 400, 430, 460, 490].map((d) => ({ customer: 0, day: base + d, net: 100 })), 'CNY', 2);
    expect(yearlyChurn(loyal, base + 500)).toMatchObject({ base: 1, churned: 0, rate: null, missing: 'none_churned' });
  });
});

describe('simpleLtv', () => {
  it('equals the hand calculation: AOV × purchases a year × lifetime × margin × discount', () => {
    const discountPerDay = parseDiscountRate('10%/yr') ?? 0;
    const { rows } = simpleLtv(log, { asOf, lifetimeYears: 3, margin: 0.3, discountPerDay });
    // discount: 36 monthly steps over 3 years, each a 36th of the purchases, discounted at its end:
    // (1/36) Σ_{k=1..36} 1.1^(−k/12)
    let discount = 0;
    for (let k = 1; k <= 36; k++) discount += Math.pow(1.1, -k / 12) / 36;
    const byCustomer = Object.fromEntries(rows.map((r) => [r.customer, r]));
    // A: 8 purchases, ¥800.00, AOV ¥100.00; observed days 0..729 = 730 days = 730/365.25 years (over the
    //    1-year minimum) → 8 × 365.25 / 730 = 4.00274 a year; CLV = 100.00 × 4.00274 × 3 × 0.3 × discount
    expect(byCustomer.A).toMatchObject({ purchases: 8, revenue: 80_000, aov: 10_000, lifetime_years: 3, margin: 0.3 });
    expect(byCustomer.A.span_years).toBeCloseTo(730 / 365.25, 12);
    expect(byCustomer.A.purchases_per_year).toBeCloseTo((8 * 365.25) / 730, 12);
    expect(byCustomer.A.discount_factor).toBeCloseTo(discount, 12);
    expect(byCustomer.A.clv).toBeCloseTo(10_000 * ((8 * 365.25) / 730) * 3 * 0.3 * discount, 6);
    // C: seen 130 days (600..729), less than the 1-year minimum span: 2 purchases a year, not 5.6;
    //    AOV (200 + 400) / 2 = ¥300.00; CLV = 300.00 × 2 × 3 × 0.3 × discount
    expect(byCustomer.C).toMatchObject({ purchases: 2, aov: 30_000, span_years: 1, purchases_per_year: 2 });
    expect(byCustomer.C.clv).toBeCloseTo(30_000 * 2 * 3 * 0.3 * discount, 6);
    // D: one purchase, seen 370 days: 365.25/370 a year
    expect(byCustomer.D.purchases_per_year).toBeCloseTo(365.25 / 370, 12);
    // B: the textbook ignores that B has been silent for 580 days: 4 purchases over 2 years, ¥50.00 each
    expect(byCustomer.B.clv).toBeCloseTo(5_000 * ((4 * 365.25) / 730) * 3 * 0.3 * discount, 6);
    // E: first purchase on day 300, seen 430 days
    expect(byCustomer.E.purchases_per_year).toBeCloseTo((4 * 365.25) / 430, 12);
  });

  it('uses the minimum span it is given, and no discount at 0', () => {
    const { rows } = simpleLtv(log, { asOf, lifetimeYears: 2, minSpanDays: 90 });
    const c = rows.find((r) => r.customer === 'C')!;
    expect(c.span_years).toBeCloseTo(130 / 365.25, 12);
    expect(c.discount_factor).toBe(1);
    expect(c.clv).toBeCloseTo(60_000 * (365.25 / 130) * 2, 6);
    expect(evenDiscountFactor(365.25, 0)).toBe(1);
  });

  it('group rows multiply out to their CLV per customer; the shop row is the sum', () => {
    const { rows } = simpleLtv(log, { asOf, lifetimeYears: 3, margin: 0.5, discountPerDay: parseDiscountRate('8%/yr') ?? 0 });
    const groups = summarizeSimpleLtv(rows, (r) => (r.purchases > 2 ? 'repeat' : 'few'), ['repeat', 'few']);
    expect(groups.map((g) => [g.group, g.customers])).toEqual([['repeat', 3], ['few', 2]]);
    for (const g of groups) expect(g.aov! * g.purchases_per_year * g.lifetime_years * g.margin * g.discount_factor).toBeCloseTo(g.clv_per_customer, 6);
    const [shop] = summarizeSimpleLtv(rows, () => 'all');
    expect(shop.clv).toBeCloseTo(rows.reduce((s, r) => s + r.clv, 0), 6);
    expect(shop.revenue).toBe(80_000 + 20_000 + 60_000 + 3_000 + 4_000);
  });

  it('--holdout: every customer buys at their calibration rate for min(holdout, lifetime)', () => {
    // calibration to day 499: A has 5 purchases over 500 days; the holdout is days 500..729 (230 days)
    const simple = simpleLtv(log, { asOf, calibrationEnd: base + 499, lifetimeYears: 0.5 });
    const h = simpleHoldout(simple);
    expect(h.days).toBe(230);
    const all = h.rows[h.rows.length - 1];
    expect(all.calibration_frequency).toBe('all');
    expect(all.customers).toBe(4); // C first buys after the calibration end
    expect(all.actual_purchases).toBe(3 + 1); // A: 500, 600, 700; E: 720
    // predicted: 230 days < the half-year lifetime? no: min(230/365.25, 0.5) = 0.5 years of each yearly rate
    const rate = { A: (5 * 365.25) / 500, B: (4 * 365.25) / 500, D: 1, E: 3 };
    expect(all.predicted_purchases).toBeCloseTo((rate.A + rate.B + rate.D + rate.E) * 0.5, 9);
    expect(h.rows.map((r) => r.calibration_frequency)).toEqual(['0', '2', '3', '4', 'all']);
  });
});
