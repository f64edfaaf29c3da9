import { describe, expect, it } from 'vitest';
import { monthIndex, parseDay, quarterIndex, weekIndex } from '../domain/day.js';

const indexOf = { month: monthIndex, week: weekIndex, quarter: quarterIndex };
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { analyzeCohorts, averageCohortValues, cohortLong, cohortMatrix, cohortValue, type CohortAnalysis } from './cohorts.js';

const d = (s: string): number => {
  const v = parseDay(s);
  if (v === null) throw new Error(s);
  return v;
};
const ref = (key: string, platform = 'generic', shop = 'main'): CustomerRef => ({ key, display: key, platform, shop, clear: null });

// Hand-computed fixture (amounts in fen). As of 2024-03-15 (purchases through 03-14 count), monthly:
//   2024-01 cohort: A (01-05 ¥1.00, 01-20 ¥0.50, 03-02 ¥2.00), B (01-31 ¥3.00, 02-01 ¥0.10)
//   2024-02 cohort: C (02-10 two orders ¥0.70, 04-15 ¥0.30 after as-of), D (02-28 ¥0.40)
//   E first buys 2024-04-01, after as-of: in no cohort.
const customers = ['A', 'B', 'C', 'D', 'E'].map((k) => ref(k));
const log = buildLog(customers, [
  { customer: 0, day: d('2024-01-05'), net: 100 },
  { customer: 0, day: d('2024-01-20'), net: 50 },
  { customer: 0, day: d('2024-03-02'), net: 200 },
  { customer: 1, day: d('2024-01-31'), net: 300 },
  { customer: 1, day: d('2024-02-01'), net: 10 },
  { customer: 2, day: d('2024-02-10'), net: 70, orders: 2 },
  { customer: 2, day: d('2024-04-15'), net: 30 },
  { customer: 3, day: d('2024-02-28'), net: 40 },
  { customer: 4, day: d('2024-04-01'), net: 500 },
]);
const asOf = d('2024-03-15');

describe('analyzeCohorts: hand-computed monthly cohorts', () => {
  const a = analyzeCohorts(log, { asOf });

  it('assigns customers to the month of their first purchase and leaves out later ones', () => {
    expect(a.cohorts.map((c) => [c.label, c.size])).toEqual([
      ['2024-01', 2],
      ['2024-02', 2],
    ]);
    expect(a.customers).toBe(4);
    expect(a.periods).toBe(3);
    expect(a.lastPeriodPartial).toBe(true);
    expect(a.cohorts[0].start).toBe(d('2024-01-01'));
  });

  it('counts active customers, revenue and orders per period since acquisition', () => {
    const jan = a.cohorts[0];
    expect(jan.cells).toEqual([
      { customers: 2, revenue: 450, orders: 3, cumulativeRevenue: 450 },
      { customers: 1, revenue: 10, orders: 1, cumulativeRevenue: 460 },
      { customers: 1, revenue: 200, orders: 1, cumulativeRevenue: 660 },
    ]);
    const feb = a.cohorts[1];
    expect(feb.cells).toEqual([{ customers: 2, revenue: 110, orders: 3, cumulativeRevenue: 110 }, { customers: 0, revenue: 0, orders: 0, cumulativeRevenue: 110 }, null]);
  });

  it('computes every metric, with blanks beyond as-of', () => {
    const [jan, feb] = a.cohorts;
    const m = (c: typeof jan, metric: Parameters<typeof cohortValue>[2]) => [0, 1, 2].map((k) => cohortValue(c, k, metric));
    expect(m(jan, 'retention')).toEqual([1, 0.5, 0.5]);
    expect(m(feb, 'retention')).toEqual([1, 0, null]);
    expect(m(jan, 'ltv')).toEqual([225, 230, 330]);
    expect(m(feb, 'ltv')).toEqual([55, 55, null]);
    expect(m(jan, 'revenue-retention')).toEqual([1, 10 / 450, 200 / 450]);
    expect(m(feb, 'revenue-retention')).toEqual([1, 0, null]);
    expect(m(feb, 'orders')).toEqual([3, 0, null]);
  });

  it('weights the average row by cohort size over the cohorts that reached each period', () => {
    expect(averageCohortValues(a.cohorts, a.periods, 'retention')).toEqual([1, 0.25, 0.5]);
    expect(averageCohortValues(a.cohorts, a.periods, 'ltv')).toEqual([140, 143, 330]); // 142.5 rounds half away from zero
    expect(averageCohortValues(a.cohorts, a.periods, 'customers')).toEqual([2, 0.5, 1]);
    expect(averageCohortValues(a.cohorts, a.periods, 'revenue')).toEqual([280, 5, 200]);
  });

  it('lays out the wide matrix with an average row', () => {
    expect(cohortMatrix(a, 'retention')).toEqual([
      { cohort: '2024-01', cohort_size: 2, month_0: 1, month_1: 0.5, month_2: 0.5 },
      { cohort: '2024-02', cohort_size: 2, month_0: 1, month_1: 0, month_2: null },
      { cohort: 'average', cohort_size: 4, month_0: 1, month_1: 0.25, month_2: 0.5 },
    ]);
  });

  it('lays out the long table as a full rectangle with null measures beyond as-of', () => {
    const long = cohortLong(a);
    expect(long).toHaveLength(6);
    expect(long[1]).toEqual({ cohort: '2024-01', period: 1, customers: 1, cohort_size: 2, retention: 0.5, revenue: 10, orders: 1, cumulative_revenue_per_customer: 230 });
    expect(long[5]).toEqual({ cohort: '2024-02', period: 2, customers: null, cohort_size: 2, retention: null, revenue: null, orders: null, cumulative_revenue_per_customer: null });
  });

  it('restricts acquisition with since/until, not the later purchases', () => {
    const feb = analyzeCohorts(log, { asOf, since: d('2024-02-01') });
    expect(feb.cohorts.map((c) => c.label)).toEqual(['2024-02']);
    expect(feb.periods).toBe(2);
    const jan = analyzeCohorts(log, { asOf, until: d('2024-01-31') });
    expect(jan.cohorts.map((c) => [c.label, c.size])).toEqual([['2024-01', 2]]);
    // B's February purchase still counts in period 1.
    expect(jan.cohorts[0].cells[1]?.customers).toBe(1);
    const none = analyzeCohorts(log, { asOf, since: d('2024-01-06'), until: d('2024-01-30') });
    expect(none.cohorts).toEqual([]);
    expect(none.periods).toBe(0);
    expect(cohortMatrix(none, 'retention')).toEqual([]);
  });

  it('treats as-of as the exclusive end: a purchase on the as-of day does not count', () => {
    const onApril1 = analyzeCohorts(log, { asOf: d('2024-04-01') });
    expect(onApril1.periods).toBe(3); // April has not started: no April column
    expect(onApril1.lastPeriodPartial).toBe(false);
    expect(onApril1.customers).toBe(4); // E buys on 2024-04-01
    const onApril2 = analyzeCohorts(log, { asOf: d('2024-04-02') });
    expect(onApril2.customers).toBe(5);
    expect(onApril2.cohorts.map((c) => c.label)).toEqual(['2024-01', '2024-02', '2024-04']);
    expect(onApril2.cohorts[2].cells).toEqual([{ customers: 1, revenue: 500, orders: 1, cumulativeRevenue: 500 }, null, null, null]);
    expect(onApril2.cohorts[1].cells[2]).toEqual({ customers: 0, revenue: 0, orders: 0, cumulativeRevenue: 110 });
  });

  it('does not change its input', () => {
    const before = JSON.stringify([...log.day, ...log.net]);
    analyzeCohorts(log, { asOf, period: 'week' });
    expect(JSON.stringify([...log.day, ...log.net])).toBe(before);
  });
});

describe('analyzeCohorts: weeks, quarters, splits', () => {
  it('uses ISO weeks starting on Monday', () => {
    // 2024-01-07 is a Sunday (2024-W01), 2024-01-08 a Monday (2024-W02).
    const l = buildLog([ref('a'), ref('b')], [
      { customer: 0, day: d('2024-01-07'), net: 1 },
      { customer: 0, day: d('2024-01-08'), net: 1 },
      { customer: 1, day: d('2024-01-01'), net: 1 },
    ]);
    const a = analyzeCohorts(l, { asOf: d('2024-01-15'), period: 'week' });
    expect(a.cohorts.map((c) => [c.label, c.size])).toEqual([['2024-W01', 2]]);
    expect(a.cohorts[0].start).toBe(d('2024-01-01'));
    expect(a.cohorts[0].cells.map((c) => c?.customers)).toEqual([2, 1]);
    expect(a.lastPeriodPartial).toBe(false); // observed through Sunday 2024-01-14, the end of W02
    expect(cohortMatrix(a, 'customers')[0]).toEqual({ cohort: '2024-W01', cohort_size: 2, week_0: 2, week_1: 1 });
  });

  it('labels ISO weeks across a year boundary', () => {
    // 2020-12-31 (Thursday) is in 2020-W53; 2021-01-03 (Sunday) too; 2021-01-04 starts 2021-W01.
    const l = buildLog([ref('a')], [
      { customer: 0, day: d('2021-01-03'), net: 1 },
      { customer: 0, day: d('2021-01-04'), net: 1 },
    ]);
    const a = analyzeCohorts(l, { asOf: d('2021-01-05'), period: 'week' });
    expect(a.cohorts[0].label).toBe('2020-W53');
    expect(a.cohorts[0].cells.map((c) => c?.customers)).toEqual([1, 1]);
    expect(a.lastPeriodPartial).toBe(true);
  });

  it('uses calendar quarters', () => {
    const l = buildLog([ref('a')], [
      { customer: 0, day: d('2024-03-31'), net: 5 },
      { customer: 0, day: d('2024-04-01'), net: 7 },
    ]);
    const a = analyzeCohorts(l, { asOf: d('2024-10-01'), period: 'quarter' });
    expect(a.cohorts[0].label).toBe('2024-Q1');
    expect(a.cohorts[0].start).toBe(d('2024-01-01'));
    expect(a.cohorts[0].cells.map((c) => c?.revenue)).toEqual([5, 7, 0]);
    expect(a.lastPeriodPartial).toBe(false);
  });

  it('splits cohorts by a label per customer, with (none) for missing labels', () => {
    const a = analyzeCohorts(log, { asOf, groupOf: ['tmall', 'jd', 'tmall', null] });
    expect(a.groups).toEqual(['(none)', 'jd', 'tmall']);
    expect(a.cohorts.map((c) => [c.group, c.label, c.size])).toEqual([
      ['(none)', '2024-02', 1],
      ['jd', '2024-01', 1],
      ['tmall', '2024-01', 1],
      ['tmall', '2024-02', 1],
    ]);
    expect(a.periods).toBe(3);
    const rows = cohortMatrix(a, 'customers');
    expect(rows.map((r) => [r.group, r.cohort, r.cohort_size])).toEqual([
      ['(none)', '2024-02', 1],
      ['(none)', 'average', 1],
      ['jd', '2024-01', 1],
      ['jd', 'average', 1],
      ['tmall', '2024-01', 1],
      ['tmall', '2024-02', 1],
      ['tmall', 'average', 2],
    ]);
    expect(rows[4]).toEqual({ group: 'tmall', cohort: '2024-01', cohort_size: 1, month_0: 1, month_1: 0, month_2: 1 });
    expect(cohortLong(a)[0]).toMatchObject({ group: '(none)', cohort: '2024-02', period: 0, customers: 1 });
  });
});

/** A seeded pseudo-random log for the invariants. */
function randomLog(seed: number, n: number) {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const base = d('2023-01-01');
  const entries: { customer: number; day: number; net: number; orders: number }[] = [];
  const refs: CustomerRef[] = [];
  for (let c = 0; c < n; c++) {
    refs.push(ref(`c${c}`, rand() < 0.5 ? 'taobao' : 'jd'));
    let day = base + Math.floor(rand() * 500);
    const purchases = 1 + Math.floor(rand() * 6);
    for (let p = 0; p < purchases; p++) {
      entries.push({ customer: c, day, net: Math.floor(rand() * 10_000), orders: 1 + Math.floor(rand() * 2) });
      day += 1 + Math.floor(rand() * 120);
    }
  }
  return buildLog(refs, entries);
}

describe('analyzeCohorts invariants', () => {
  const l = randomLog(42, 400);
  const asOfs = [d('2023-06-17'), d('2023-12-31'), d('2024-05-15')];
  for (const period of ['month', 'week', 'quarter'] as const) {
    for (const at of asOfs) {
      it(`${period} as of day ${at}`, () => {
        const a: CohortAnalysis = analyzeCohorts(l, { asOf: at, period, groupOf: l.customers.map((c) => c.platform) });
        let expectedCustomers = 0;
        let expectedRevenue = 0;
        for (let e = 0; e < l.customer.length; e++) {
          if (e === 0 || l.customer[e] !== l.customer[e - 1]) if (l.day[e] < at) expectedCustomers++;
          if (l.day[e] < at) expectedRevenue += l.net[e];
        }
        expect(a.cohorts.reduce((s, c) => s + c.size, 0)).toBe(expectedCustomers);
        expect(a.customers).toBe(expectedCustomers);
        let revenue = 0;
        for (const c of a.cohorts) {
          expect(cohortValue(c, 0, 'retention')).toBe(1);
          expect(c.cells).toHaveLength(a.periods);
          for (let k = 0; k < a.periods; k++) {
            const cell = c.cells[k];
            // A cell is blank exactly when its period starts on or after as-of.
            expect(cell === null).toBe(c.index + k > indexOf[period](at - 1));
            if (cell) {
              expect(cell.customers).toBeLessThanOrEqual(c.size);
              expect(cell.customers).toBeGreaterThanOrEqual(0);
              revenue += cell.revenue;
            }
          }
        }
        expect(revenue).toBe(expectedRevenue);
        const avg = averageCohortValues(a.cohorts, a.periods, 'retention');
        expect(avg[0]).toBe(1);
        for (const v of avg) if (v !== null) expect(v).toBeLessThanOrEqual(1);
      });
    }
  }
});
