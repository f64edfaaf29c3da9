import { describe, expect, it } from 'vitest';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { sameBits } from '../../test/same-bits.js';
import { compressBtyd } from './models/btyd-data.js';
import { seededRandom } from './random.js';
import { spendData, summarizeBtyd, summaryTimes, transactionData, type BtydSummary } from './ltv-summary.js';

const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'shop', shop: 'main', clear: null });

// Hand-computed; days are epoch days 1000 + offset. Calibration ends on offset 30, data end on offset 50.
//   A: 0 (¥10.00 + ¥5.00 the same day → one purchase day), 10 (¥5.00), 24 (¥-1.00 after a refund), 40 (holdout, ¥7.00), 60 (after end)
//      → x 2, t_x 24, T 30, spend (500 − 100)/2 = 200, revenue 1400, holdout 1 day ¥7.00
//   B: first buys on 35 (after the calibration end): left out, counted
//   C: 5 only → x 0, t_x 0, T 25, spend NaN
//   D: 3 (¥3.00), 7 (¥0.00, fully refunded) → x 1, spend 0 → excluded from the spend model
const log = buildLog(
  [ref('A'), ref('B'), ref('C'), ref('D')],
  [
    { customer: 0, day: 1000, net: 1000 },
    { customer: 0, day: 1000, net: 500 },
    { customer: 0, day: 1010, net: 500 },
    { customer: 0, day: 1024, net: -100 },
    { customer: 0, day: 1040, net: 700 },
    { customer: 0, day: 1060, net: 900 },
    { customer: 1, day: 1035, net: 100 },
    { customer: 2, day: 1005, net: 800 },
    { customer: 3, day: 1003, net: 300 },
    { customer: 3, day: 1007, net: 0 },
  ],
);

describe('summarizeBtyd', () => {
  const s = summarizeBtyd(log, { end: 1050, calibrationEnd: 1030, unit: 'week' });

  it('follows the lifetimes/CLVTools conventions', () => {
    expect(Array.from(s.customer)).toEqual([0, 2, 3]);
    expect(Array.from(s.x)).toEqual([2, 0, 1]);
    expect(Array.from(s.recencyDays)).toEqual([24, 0, 4]);
    expect(Array.from(s.ageDays)).toEqual([30, 25, 27]);
    expect(Array.from(s.spend)).toEqual([200, NaN, 0]);
    expect(Array.from(s.revenue)).toEqual([1900, 800, 300]);
    expect(Array.from(s.orders)).toEqual([4, 1, 2]);
    expect(Array.from(s.holdoutX)).toEqual([1, 0, 0]);
    expect(Array.from(s.holdoutRevenue)).toEqual([700, 0, 0]);
    expect(s.holdoutDays).toBe(20);
    expect(s.firstAfterCalibration).toBe(1);
    expect(s.entriesAfterEnd).toBe(1);
    expect(s.unitDays).toBe(7);
  });

  it('converts to model time units and compresses', () => {
    const { tx, T } = summaryTimes(s);
    expect(tx[0]).toBeCloseTo(24 / 7, 12);
    expect(T[1]).toBeCloseTo(25 / 7, 12);
    const data = transactionData(s);
    expect(data.customers).toBe(3);
    const days = summarizeBtyd(log, { end: 1050, calibrationEnd: 1030, unit: 'day' });
    expect(summaryTimes(days).T[0]).toBe(30);
  });

  it('spend data: major units, repeat customers with spend > 0 only', () => {
    const { data, excludedNonPositive } = spendData(s, 2);
    expect(Array.from(data.m)).toEqual([2]);
    expect(Array.from(data.x)).toEqual([2]);
    expect(excludedNonPositive).toBe(1);
  });

  it('without a holdout the calibration runs to the end', () => {
    const all = summarizeBtyd(log, { end: 1050 });
    expect(Array.from(all.customer)).toEqual([0, 1, 2, 3]);
    expect(all.x[0]).toBe(3);
    expect(all.holdoutDays).toBe(0);
    expect(all.unit).toBe('week');
  });

  it('rejects a calibration end after the data end', () => {
    expect(() => summarizeBtyd(log, { end: 1000, calibrationEnd: 1001 })).toThrow(RangeError);
  });
});

describe('summarizeBtyd with returns (log.returns: added into net, each with its own day)', () => {
  // C buys on 1005 (¥8.00) and 1015 (¥4.00); a return of ¥3.00 dated 1020 was taken from 1015, one of
  // ¥2.00 dated 1045 (in the holdout) from 1015 too
  const withReturns = () => {
    const l = buildLog([ref('C')], [
      { customer: 0, day: 1005, net: 800 },
      { customer: 0, day: 1015, net: 400 - 300 - 200 },
    ]);
    l.returns = { entry: Int32Array.from([1, 1]), day: Int32Array.from([1020, 1045]), net: Float64Array.from([-300, -200]) };
    return l;
  };
  it('a return dated in the holdout is holdout revenue, not calibration spend', () => {
    const s = summarizeBtyd(withReturns(), { end: 1050, calibrationEnd: 1030, unit: 'day' });
    expect([s.revenue[0], s.spend[0], s.holdoutRevenue[0]]).toEqual([900, 100, -200]);
    // without a holdout every return up to the end counts
    const all = summarizeBtyd(withReturns(), { end: 1050, unit: 'day' });
    expect([all.revenue[0], all.spend[0], all.holdoutRevenue[0]]).toEqual([700, -100, 0]);
  });
});

describe('transactionData', () => {
  // compressBtyd of the summary's model times, as transactionData computed it before it sorted whole days
  const byHash = (summary: BtydSummary) => {
    const { tx, T } = summaryTimes(summary);
    return compressBtyd(summary.x, tx, T);
  };
  const random = seededRandom(7);
  const customers = 4000;
  const entries: { customer: number; day: number; net: number }[] = [];
  for (let c = 0; c < customers; c++) {
    let day = 1000 + Math.floor(random() * 700);
    for (let n = random() < 0.6 ? 1 : 2 + Math.floor(random() * 8); n > 0; n--) {
      entries.push({ customer: c, day, net: Math.floor(random() * 9000) });
      day += 1 + Math.floor(random() * 60);
    }
  }
  const many = buildLog(Array.from({ length: customers }, (_, c) => ref(`c${c}`)), entries);

  it("is compressBtyd's answer to the bit: rows, weights, x groups and each customer's row", () => {
    for (const options of [{ end: 2200, unit: 'week' as const }, { end: 2200, unit: 'day' as const }, { end: 2200, calibrationEnd: 1500 }, { end: 1100 }]) {
      const summary = summarizeBtyd(many, options);
      sameBits(transactionData(summary), byHash(summary));
    }
    sameBits(transactionData(summarizeBtyd(log, { end: 1050, calibrationEnd: 1030, unit: 'day' })), byHash(summarizeBtyd(log, { end: 1050, calibrationEnd: 1030, unit: 'day' })));
  });

  it('leaves to compressBtyd a span of days too wide to count, and rows it must refuse', () => {
    const wide = buildLog([ref('a'), ref('b'), ref('c')], [{ customer: 0, day: 10, net: 1 }, { customer: 0, day: 5_000_000, net: 2 }, { customer: 1, day: 20, net: 1 }, { customer: 2, day: 20, net: 1 }]);
    const summary = summarizeBtyd(wide, { end: 5_000_000 });
    sameBits(transactionData(summary), byHash(summary));
    expect(transactionData(summary).w).toEqual(Float64Array.from([2, 1]));
    const broken = { ...summary, recencyDays: Int32Array.from([5, 0, 9]) };
    expect(() => transactionData(broken)).toThrow(/recency = 0 when frequency = 0/);
  });
});
