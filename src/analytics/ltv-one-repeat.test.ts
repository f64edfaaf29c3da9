/**
 * A shop where every repeat buyer bought on exactly two days (the shape of the Taobao TB_2017_2019 export:
 * 3,694 customers, 138 repeat buyers, none on a third day): no model is fitted, the refusal says so with the
 * median days to the second purchase day, and BG/NBD's likelihood on such data indeed has its maximum on the
 * edge a/(a+b) → 1, flat along a + b (the reason given in oneRepeatEach).
 */
import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { fitLtv, fitModels, ltvFitInputs, oneRepeatEach, refusedBeforeFitting } from './ltv.js';
import { bgNbd } from './models/bg-nbd.js';
import { TRANSACTION_MODEL_NAMES } from './models/transaction-model.js';

const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'shop', shop: 'main', clear: null });
const start = dayFromCivil(2022, 1, 1);
const asOf = dayFromCivil(2024, 1, 1);

/** 400 customers over two years; every third comes back once, 3 + (37·i mod 190) days after the first day. */
function shop(thirdDayFor: number[] = []) {
  const entries: { customer: number; day: number; net: number }[] = [];
  const gaps: number[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < 400; i++) {
    const first = start + Math.floor(i * 1.8);
    entries.push({ customer: i, day: first, net: 1500 + (i % 9) * 250 });
    if (i % 3 !== 0) continue;
    const gap = 3 + ((37 * i) % 190);
    if (first + gap >= asOf) continue;
    gaps.push(gap);
    seconds.push(first + gap);
    entries.push({ customer: i, day: first + gap, net: 1200 + (i % 5) * 300 });
    if (thirdDayFor.includes(i)) entries.push({ customer: i, day: first + gap + 10, net: 900 });
  }
  entries.sort((a, b) => a.customer - b.customer || a.day - b.day);
  return { log: buildLog(Array.from({ length: 400 }, (_, i) => ref(`c${i}`)), entries, 'CNY'), gaps, seconds };
}

/** The lower median, as the refusal reports it. */
const lowerMedian = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.ceil(v.length / 2) - 1];

describe('every repeat buyer on exactly two days', () => {
  const { log, gaps, seconds } = shop();

  it('is refused before any fit, for every model, with the repeat buyers and the median days to the second purchase day', () => {
    expect(gaps.length).toBeGreaterThan(100);
    for (const model of [...TRANSACTION_MODEL_NAMES, 'auto'] as const) {
      const fit = fitLtv(log, { asOf, unit: 'week', model });
      expect(fit.refusal).toEqual({ code: 'one_repeat_each', customers: 400, repeatCustomers: gaps.length, medianGapDays: lowerMedian(gaps) });
      // nothing was fitted: no iterations, no spend fit
      for (const f of fit.fits) expect([f.stop, f.iterations, f.converged]).toEqual(['no_data', 0, false]);
      expect(fit.fits.map((f) => f.model)).toEqual(model === 'auto' ? [...TRANSACTION_MODEL_NAMES] : [model]);
      expect(fit.spendFit).toBeNull();
    }
    // in days the same refusal
    expect(fitLtv(log, { asOf, unit: 'day' }).refusal?.code).toBe('one_repeat_each');
  });

  it('with a holdout, the calibration period decides', () => {
    const calibrationEnd = dayFromCivil(2023, 6, 30);
    const fit = fitLtv(log, { asOf, unit: 'week', calibrationEnd });
    const inCalibration = gaps.filter((_, k) => seconds[k] <= calibrationEnd);
    expect(inCalibration.length).toBeLessThan(gaps.length);
    expect(fit.refusal).toEqual({ code: 'one_repeat_each', customers: fit.summary.x.length, repeatCustomers: inCalibration.length, medianGapDays: lowerMedian(inCalibration) });
  });

  it('one customer on a third day: the models are fitted as before (the rule is the data shape, not a count)', () => {
    const withThird = shop([3]).log;
    const { input } = ltvFitInputs(withThird, { asOf, unit: 'week' });
    expect(oneRepeatEach(input)).toBeNull();
    const fit = fitModels(input, { asOf, unit: 'week', model: 'bgnbd' }, null);
    expect(fit.refusal?.code).not.toBe('one_repeat_each');
    expect(fit.fits[0].iterations).toBeGreaterThan(0);
  });

  it('no repeat buyer at all is not this refusal but its own, made before any fit (the HTML report says the same)', () => {
    const once = buildLog([ref('a'), ref('b')], [{ customer: 0, day: start, net: 100 }, { customer: 1, day: start + 40, net: 100 }], 'CNY');
    const { input } = ltvFitInputs(once, { asOf, unit: 'week' });
    expect(oneRepeatEach(input)).toBeNull();
    for (const model of ['bgnbd', 'pnbd', 'mbgnbd', 'auto'] as const) {
      const fit = fitModels(input, { asOf, unit: 'week', model }, null);
      expect(fit.refusal).toEqual({ code: 'no_repeat', customers: 2 });
      expect(refusedBeforeFitting(fit.refusal!)).toBe(true);
      // nothing was fitted: no optimiser ran
      for (const f of fit.fits) expect(f.iterations).toBe(0);
    }
  });

  it("BG/NBD's likelihood on such data rises with a/(a+b) and does not depend on a + b: its maximum is the edge", () => {
    const { input } = ltvFitInputs(log, { asOf, unit: 'week' });
    const ll = (r: number, alpha: number, a: number, b: number) => bgNbd.logLikelihood(Float64Array.from([r, alpha, a, b], Math.log), input.data);
    for (const [r, alpha] of [[0.3, 5], [1.2, 40]]) {
      let prev = -Infinity;
      for (const share of [0.05, 0.3, 0.6, 0.9, 0.99, 0.9999]) {
        const sum = 2;
        const v = ll(r, alpha, share * sum, (1 - share) * sum);
        expect(v).toBeGreaterThan(prev);
        prev = v;
        // along the ridge: the same a/(a+b), another a + b
        for (const other of [0.01, 50, 3000]) expect(ll(r, alpha, share * other, (1 - share) * other)).toBeCloseTo(v, 6);
      }
    }
  });
});
