/**
 * Shops measured from their own last day (PurchaseLog.lag): customer c is measured as of asOf − lag[c]. The
 * oracle: the same log with every day of customer c moved later by lag[c], measured as of the one day asOf —
 * recency, gaps, T and holdouts do not change when a customer's whole history moves, so each analytic must give
 * the moved log's numbers (days of purchases themselves back by the lag).
 */
import { describe, expect, it } from 'vitest';
import { asOfLog, buildLog, customerAsOf, measureShopEnds, withLag, type PurchaseLog } from '../domain/purchase-log.js';
import { customerRefs, randomLog } from '../../test/random-log.js';
import { computeRfm } from './rfm.js';
import { flagChurn } from './churn.js';
import { summarizeBtyd } from './ltv-summary.js';
import { seededRandom } from './random.js';
import { yearlyChurn } from './ltv-simple.js';
import { analyzeCohorts } from './cohorts.js';
import { dayFromCivil } from '../domain/day.js';

/** Two shops: the customers of shop 1 (odd indexes) have their data end `lag` days before shop 0's. */
function twoShops(seed: number, customers: number, lag: number): { lagged: PurchaseLog; moved: PurchaseLog; asOf: number; lagOf: Int32Array } {
  const base = randomLog(seed, customers, 400);
  const shopOf = Int32Array.from({ length: customers }, (_, c) => c % 2);
  // shop 1's history ends `lag` days earlier: its days moved back
  const entries: { customer: number; day: number; orders: number; gross: number; net: number }[] = [];
  for (let i = 0; i < base.customer.length; i++) {
    const c = base.customer[i];
    entries.push({ customer: c, day: base.day[i] - (shopOf[c] === 1 ? lag : 0), orders: base.orders[i], gross: base.gross[i], net: base.net[i] });
  }
  const raw = buildLog(customerRefs(customers), entries);
  const ends = measureShopEnds(raw, shopOf, 2);
  if (ends.lag === null) throw new Error('the shops end on one day');
  const lagOf = ends.lag;
  const moved = buildLog(customerRefs(customers), entries.map((e) => ({ ...e, day: e.day + lagOf[e.customer] })));
  const asOf = Math.max(...Array.from(moved.day)) + 1;
  return { lagged: withLag(raw, lagOf), moved, asOf, lagOf };
}

describe('measureShopEnds', () => {
  it('gives each shop its last day and each customer the days its shop ends before the latest', () => {
    const log = buildLog(customerRefs(4), [
      { customer: 0, day: 100, net: 1 },
      { customer: 1, day: 40, net: 1 },
      { customer: 2, day: 90, net: 1 },
      { customer: 3, day: 55, net: 1 },
    ]);
    const ends = measureShopEnds(log, Int32Array.from([0, 1, 0, 1]), 3);
    expect(ends.last).toEqual([100, 55, null]);
    expect(Array.from(ends.lag!)).toEqual([0, 45, 0, 45]);
    expect(customerAsOf({ lag: ends.lag! }, 1, 101)).toBe(56);
    expect(customerAsOf({}, 1, 101)).toBe(101);
  });

  it('gives no lags when every shop ends on one day', () => {
    const log = buildLog(customerRefs(2), [{ customer: 0, day: 7, net: 1 }, { customer: 1, day: 7, net: 1 }]);
    expect(measureShopEnds(log, Int32Array.from([0, 1]), 2)).toEqual({ last: [7, 7], lag: null });
  });
});

describe('asOfLog with lags', () => {
  it('takes out a return dated on or after its own customer\'s as-of only', () => {
    const log = buildLog(customerRefs(2), [
      { customer: 0, day: 10, net: 10000 },
      { customer: 1, day: 10, net: 10000 },
    ]);
    log.net[0] -= 3000;
    log.net[1] -= 4000;
    log.returns = { entry: Int32Array.from([0, 1]), day: Int32Array.from([20, 20]), net: Float64Array.from([-3000, -4000]) };
    // customer 1's shop ends 15 days earlier: as of day 30 it is measured as of day 15, before its return
    const known = asOfLog(withLag(log, Int32Array.from([0, 15])), 30);
    expect(Array.from(known.net)).toEqual([7000, 10000]);
    expect(Array.from(known.returns!.day)).toEqual([20]);
    expect(Array.from(known.returns!.entry)).toEqual([0]);
    expect(Array.from(known.lag!)).toEqual([0, 15]);
    // both before their as-of: the log itself
    const both = withLag(log, Int32Array.from([0, 5]));
    expect(asOfLog(both, 30)).toBe(both);
  });
});

describe('analytics of a lagged log equal those of the moved log as of one day', () => {
  for (const [seed, lag] of [[1, 45], [2, 400], [3, 1]] as const) {
    it(`rfm, churn, BTYD summary and yearly churn (seed ${seed}, lag ${lag})`, () => {
      const { lagged, moved, asOf, lagOf } = twoShops(seed, 300, lag);
      const a = computeRfm(lagged, { asOf });
      const b = computeRfm(moved, { asOf });
      expect(Array.from(a.customer)).toEqual(Array.from(b.customer));
      expect(Array.from(a.recencyDays)).toEqual(Array.from(b.recencyDays));
      expect(Array.from(a.frequency)).toEqual(Array.from(b.frequency));
      expect(Array.from(a.monetary)).toEqual(Array.from(b.monetary));
      expect(Array.from(a.lastDay, (d, i) => d + lagOf[a.customer[i]])).toEqual(Array.from(b.lastDay));
      // an earlier as-of moves every shop back by the same days
      const early = computeRfm(lagged, { asOf: asOf - 100 });
      expect(Array.from(early.recencyDays)).toEqual(Array.from(computeRfm(moved, { asOf: asOf - 100 }).recencyDays));

      const ca = flagChurn(lagged, { asOf, detail: false });
      const cb = flagChurn(moved, { asOf, detail: false });
      expect([ca.threshold, ca.gaps, ca.repeatCustomers]).toEqual([cb.threshold, cb.gaps, cb.repeatCustomers]);
      expect(ca.rows.map((r) => [r.index, r.status, r.days_since_last, r.orders, r.revenue])).toEqual(cb.rows.map((r) => [r.index, r.status, r.days_since_last, r.orders, r.revenue]));

      for (const calibrationEnd of [asOf - 1, asOf - 61]) {
        const sa = summarizeBtyd(lagged, { end: asOf - 1, calibrationEnd });
        const sb = summarizeBtyd(moved, { end: asOf - 1, calibrationEnd });
        for (const k of ['customer', 'x', 'recencyDays', 'ageDays', 'spend', 'revenue', 'orders', 'holdoutX', 'holdoutRevenue'] as const) expect(Array.from(sa[k]), k).toEqual(Array.from(sb[k]));
        expect([sa.firstAfterCalibration, sa.entriesAfterEnd, sa.holdoutDays]).toEqual([sb.firstAfterCalibration, sb.entriesAfterEnd, sb.holdoutDays]);
      }
      const ya = yearlyChurn(lagged, asOf);
      const yb = yearlyChurn(moved, asOf);
      expect([ya.base, ya.churned, ya.rate]).toEqual([yb.base, yb.churned, yb.rate]);
    });
  }

  it('without lags, the lagged functions are the plain ones (a lag of 0 everywhere)', () => {
    const log = randomLog(9, 200);
    const asOf = Math.max(...Array.from(log.day)) + 1;
    const zero = withLag(log, new Int32Array(200));
    expect(computeRfm(zero, { asOf })).toEqual(computeRfm(log, { asOf }));
    expect(flagChurn(zero, { asOf }).rows.map((r) => [r.key, r.status])).toEqual(flagChurn(log, { asOf }).rows.map((r) => [r.key, r.status]));
    expect(summarizeBtyd(zero, { end: asOf - 1 })).toEqual({ ...summarizeBtyd(log, { end: asOf - 1 }), ownEnds: true });
  });

  it('a hand example: a shop ending 45 days earlier is not 45 days more silent', () => {
    // c0 (shop A) last bought on day 100, A's data end there; c1 (shop B) last bought on day 50, B's end on day 55
    const raw = buildLog(customerRefs(2), [
      { customer: 0, day: 80, net: 100 },
      { customer: 0, day: 100, net: 100 },
      { customer: 1, day: 30, net: 100 },
      { customer: 1, day: 50, net: 100 },
      { customer: 1, day: 55, net: 100 },
    ]);
    // c1's shop's last order is day 55, but c1's own is 55 too; pretend shop B has another customer ending there
    const ends = measureShopEnds(raw, Int32Array.from([0, 1]), 2);
    const log = withLag(raw, ends.lag!);
    const v = computeRfm(log, { asOf: 101 });
    expect(Array.from(v.recencyDays)).toEqual([1, 1]);
    expect(Array.from(computeRfm(raw, { asOf: 101 }).recencyDays)).toEqual([1, 46]);
    const s = summarizeBtyd(log, { end: 100 });
    expect(Array.from(s.ageDays)).toEqual([20, 25]);
  });
});

describe('random two-shop logs with returns', () => {
  it('asOfLog with lags equals asOfLog of each shop alone', () => {
    const random = seededRandom(5);
    const log = randomLog(5, 100);
    const returns: { entry: number; day: number; net: number }[] = [];
    for (let e = 0; e < log.day.length; e++) if (random() < 0.2) returns.push({ entry: e, day: log.day[e] + Math.floor(random() * 60), net: -100 });
    returns.sort((a, b) => a.day - b.day);
    log.returns = { entry: Int32Array.from(returns, (r) => r.entry), day: Int32Array.from(returns, (r) => r.day), net: Float64Array.from(returns, (r) => r.net) };
    for (const r of returns) log.net[r.entry] += r.net;
    const lag = Int32Array.from({ length: 100 }, (_, c) => (c % 2) * 30);
    const asOf = Math.max(...Array.from(log.day)) + 1;
    const both = asOfLog(withLag(log, lag), asOf);
    const plain0 = asOfLog(log, asOf);
    const plain1 = asOfLog(log, asOf - 30);
    for (let e = 0; e < log.day.length; e++) expect(both.net[e]).toBe((log.customer[e] % 2 === 0 ? plain0 : plain1).net[e]);
  });
});

describe('analyzeCohorts with lags', () => {
  it('a cohort\'s cells stop at the earliest own as-of of its customers; the others run on', () => {
    const d = (m: number, day: number) => dayFromCivil(2024, m, day);
    // c0 (shop A, ends 03-10) and c1 (shop B, ends 06-20) acquired in January; c2 (B) in April
    const raw = buildLog(customerRefs(3), [
      { customer: 0, day: d(1, 5), net: 100 },
      { customer: 0, day: d(3, 10), net: 100 },
      { customer: 1, day: d(1, 15), net: 100 },
      { customer: 1, day: d(5, 1), net: 100 },
      { customer: 2, day: d(4, 2), net: 100 },
      { customer: 2, day: d(6, 20), net: 100 },
    ]);
    const ends = measureShopEnds(raw, Int32Array.from([0, 1, 1]), 2);
    const a = analyzeCohorts(withLag(raw, ends.lag!), { asOf: d(6, 21) });
    expect(a.ownEnds).toBe(true);
    // as many periods as the longest-running cohort reaches (3), not as-of's month less the first cohort's (6)
    expect(a.periods).toBe(3);
    expect(a.cohorts.map((c) => c.cells.map((x) => x?.customers ?? null))).toEqual([
      [2, 0, 1],
      [1, 0, 1],
    ]);
    expect(a.lastPeriodPartial).toBe(true);
    // one as-of for all: January runs to June, c0 counted as not coming back
    const plain = analyzeCohorts(raw, { asOf: d(6, 21) });
    expect(plain.ownEnds).toBeUndefined();
    expect(plain.cohorts[0].cells.map((x) => x?.customers ?? null)).toEqual([2, 0, 1, 0, 1, 0]);
    // by shop: each group to its own day
    const by = analyzeCohorts(withLag(raw, ends.lag!), { asOf: d(6, 21), groupOf: ['A', 'B', 'B'] });
    expect(by.cohorts.map((c) => [c.group, c.cells.map((x) => x?.customers ?? null)])).toEqual([
      ['A', [1, 0, 1, null, null, null]],
      ['B', [1, 0, 0, 0, 1, 0]],
      ['B', [1, 0, 1, null, null, null]],
    ]);
  });
});
