import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { DataError } from '../errors.js';
import {
  CHURN_STATUSES, acquisitionMonth, addModelFlags, flagChurn, flagChurnColumns, frequencyBand, gapThreshold, nearestRankPercentile, summarizeChurn, summarizeChurnColumns, type ChurnRow,
} from './churn.js';
import { seededRandom } from './random.js';

const base = parseDay('2024-01-01') ?? 0;
const ref = (key: string, platform: string): CustomerRef => ({ key, display: `${key}***`, platform, shop: 'main', clear: null });

// Hand-computed fixture; days relative to 2024-01-01, as of day 120 (2024-04-30).
//   P: days 0, 10, 20, 30 (gaps 10, 10, 10; median 10), ¥10.00 each
//   Q: days 0, 30, 100 (gaps 30, 70; median 50), ¥1,000.00 each; day 300 is after as-of and ignored
//   R: day 50 only, ¥99.00
//   S: day 0 (2 orders, ¥5.00), day 5 (¥5.00) (gap 5)
//   T: first buys on day 125, after as-of: left out
// Pooled gaps up to as-of: 5, 10, 10, 10, 30, 70 → nearest-rank P90 = the ⌈5.4⌉ = 6th = 70.
const customers = [ref('P', 'taobao'), ref('Q', 'taobao'), ref('R', 'jd'), ref('S', 'jd'), ref('T', 'jd')];
const entries = [
  ...[0, 10, 20, 30].map((day) => ({ customer: 0, day: base + day, net: 1000 })),
  ...[0, 30, 100, 300].map((day) => ({ customer: 1, day: base + day, net: 100_000 })),
  { customer: 2, day: base + 50, net: 9900 },
  { customer: 3, day: base, net: 500, orders: 2 },
  { customer: 3, day: base + 5, net: 500 },
  { customer: 4, day: base + 125, net: 1 },
];
const log = buildLog(customers, entries, 'CNY', 2);
const asOf = base + 120;
const byKey = (rows: ChurnRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe('nearestRankPercentile', () => {
  it('takes the ⌈p·n⌉-th smallest value', () => {
    const upTo = (n: number) => Float64Array.from({ length: n }, (_, i) => i + 1);
    expect(nearestRankPercentile(upTo(10), 0.9)).toBe(9);
    expect(nearestRankPercentile(upTo(20), 0.9)).toBe(18);
    expect(nearestRankPercentile(upTo(70), 0.9)).toBe(63); // 0.9 × 70 is 63.000000000000014 in floating point
    expect(nearestRankPercentile(upTo(11), 0.9)).toBe(10);
    expect(nearestRankPercentile([7], 0.9)).toBe(7);
    expect(nearestRankPercentile([], 0.9)).toBeNull();
  });
});

describe('gapThreshold', () => {
  it('pools the gaps of repeat customers up to as-of', () => {
    expect(gapThreshold(log, asOf)).toEqual({ days: 70, gaps: 6, repeatCustomers: 3 });
    // With Q's day-300 purchase observed, its 200-day gap becomes the 90th percentile of 7 gaps.
    expect(gapThreshold(log, base + 400)).toEqual({ days: 200, gaps: 7, repeatCustomers: 3 });
  });

  it('equals the nearest-rank percentile of the sorted pooled gaps (random logs, long gaps)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const people = Array.from({ length: 1 + Math.floor(rnd() * 300) }, (_, i) => ref(`c${i}`, 'jd'));
      const rows: { customer: number; day: number; net: number }[] = [];
      const pooled: number[] = [];
      const cut = base + 3000;
      people.forEach((_, customer) => {
        let day = base + Math.floor(rnd() * 500);
        for (let k = Math.floor(rnd() * 6); k >= 0; k--) {
          rows.push({ customer, day, net: 100 });
          const gap = 1 + Math.floor(rnd() < 0.05 ? rnd() * 5000 : rnd() * 90);
          if (k > 0 && day + gap < cut) pooled.push(gap);
          day += gap;
        }
      });
      const sorted = Float64Array.from(pooled).sort();
      expect(gapThreshold(buildLog(people, rows, 'CNY', 2), cut).days).toBe(nearestRankPercentile(sorted, 0.9));
    }
  });
});

describe('flagChurn', () => {
  it('applies max(global, k × own median gap), with at-risk above half of it', () => {
    const a = flagChurn(log, { asOf });
    expect(a.threshold).toBe(70);
    expect(a.thresholdSource).toBe('percentile');
    expect(a.k).toBe(3);
    expect(a.rows.map((r) => r.key)).toEqual(['Q', 'R', 'P', 'S']); // by revenue, T left out
    const r = byKey(a.rows);
    expect(r.P).toMatchObject({ status: 'churned', days_since_last: 90, usual_gap_days: 10, threshold_days: 70, orders: 4, purchase_days: 4, revenue: 4000 });
    expect(r.Q).toMatchObject({ status: 'active', days_since_last: 20, usual_gap_days: 50, threshold_days: 150, orders: 3, revenue: 300_000, last_order: parseDay('2024-04-10') });
    expect(r.R).toMatchObject({ status: 'at_risk', days_since_last: 70, usual_gap_days: null, threshold_days: 70, orders: 1 });
    expect(r.S).toMatchObject({ status: 'churned', days_since_last: 115, usual_gap_days: 5, threshold_days: 70, orders: 3, purchase_days: 2, revenue: 1000 });
    expect(r.S.first_order).toBe(base);
    expect(r.P.customer).toBe('P***');
    expect(r.P.p_alive).toBeNull();
    expect(r.P.model_status).toBeNull();
  });

  it('without detail: the same flags and figures, customer order', () => {
    const full = flagChurn(log, { asOf });
    const lean = flagChurn(log, { asOf, detail: false });
    expect(lean.rows.map((r) => r.index)).toEqual([...lean.rows.map((r) => r.index)].sort((a, b) => a - b));
    const inOrder = (rows: ChurnRow[]) => [...rows].sort((a, b) => a.index - b.index).map((r) => ({ ...r, customer: r.customer, key: r.key, platform: r.platform, shop: r.shop }));
    expect(inOrder(lean.rows)).toEqual(inOrder(full.rows));
    expect({ ...lean, rows: [] }).toEqual({ ...full, rows: [] });
  });

  it('without detail: the customers\' references are read only when a row\'s customer, key, platform or shop is', () => {
    let reads = 0;
    const counted = Object.defineProperties({}, Object.getOwnPropertyDescriptors(log)) as typeof log;
    Object.defineProperty(counted, 'customers', { get: () => (reads++, log.customers) });
    const lean = flagChurn(counted, { asOf, detail: false });
    expect(summarizeChurn(lean.rows, (r) => r.status).length).toBeGreaterThan(0);
    expect(reads).toBe(0);
    const row = lean.rows.find((r) => log.customers[r.index].key === 'P')!;
    expect([row.customer, row.key, row.platform, row.shop]).toEqual(['P***', 'P', log.customers[row.index].platform, log.customers[row.index].shop]);
    expect(reads).toBe(4);
    // model flags keep the accessors
    const flagged = addModelFlags(lean.rows, new Float64Array(log.customers.length).fill(0.5), 0.3);
    expect(flagged.find((r) => r.index === row.index)).toMatchObject({ key: 'P', customer: 'P***', p_alive: 0.5, model_status: 'active' });
  });

  it('returns the numbers a reason is made of, and days as epoch days', () => {
    const r = byKey(flagChurn(log, { asOf }).rows);
    expect(r.P).toMatchObject({ status: 'churned', days_since_last: 90, usual_gap_days: 10, orders: 4, revenue: 4000, first_order: base, last_order: base + 30 });
    expect(r.R).toMatchObject({ status: 'at_risk', days_since_last: 70, usual_gap_days: null, orders: 1, revenue: 9900, first_order: base + 50 });
  });

  it('is strict at the line: exactly the threshold is not churned, exactly half is not at risk', () => {
    // R: 70 days since, line 70 → at_risk (not churned). One-time buyer 35 days before as-of → active.
    const l = buildLog([ref('a', 'x'), ref('b', 'x'), ref('c', 'x')], [
      { customer: 0, day: base, net: 1 },
      { customer: 0, day: base + 70, net: 1 },
      { customer: 1, day: base + 85, net: 1 },
      { customer: 2, day: base + 84, net: 1 },
    ]);
    const r = byKey(flagChurn(l, { asOf: base + 120 }).rows);
    expect(r.a.threshold_days).toBe(210);
    expect(r.b).toMatchObject({ days_since_last: 35, status: 'active' });
    expect(r.c).toMatchObject({ days_since_last: 36, status: 'at_risk' });
  });

  it('takes a global threshold in days and a different k', () => {
    const r = byKey(flagChurn(log, { asOf, days: 100 }).rows);
    expect(r.P).toMatchObject({ status: 'at_risk', threshold_days: 100 });
    expect(r.R).toMatchObject({ status: 'at_risk', threshold_days: 100 });
    expect(r.S.status).toBe('churned');
    expect(flagChurn(log, { asOf, days: 100 }).thresholdSource).toBe('days');
    const k1 = byKey(flagChurn(log, { asOf, k: 1 }).rows);
    expect(k1.Q).toMatchObject({ threshold_days: 70, status: 'active' });
    const k2 = byKey(flagChurn(log, { asOf, k: 2 }).rows);
    expect(k2.Q.threshold_days).toBe(100);
  });

  it('keeps a non-integer median gap', () => {
    const l = buildLog([ref('a', 'x')], [0, 5, 11].map((day) => ({ customer: 0, day: base + day, net: 100 })));
    const [row] = flagChurn(l, { asOf: base + 12 }).rows;
    expect(row.usual_gap_days).toBe(5.5);
  });

  it('treats as-of as the exclusive end: a purchase on the as-of day does not count', () => {
    const l = buildLog([ref('a', 'x'), ref('b', 'x')], [
      { customer: 0, day: base, net: 1 },
      { customer: 0, day: base + 10, net: 1 },
      { customer: 0, day: base + 20, net: 1 },
      { customer: 1, day: base + 20, net: 1 },
    ]);
    const a = flagChurn(l, { asOf: base + 20 });
    expect(a.rows.map((r) => [r.key, r.days_since_last, r.orders])).toEqual([['a', 10, 2]]);
    expect(a.gaps).toBe(1);
  });

  it('restricts customers by acquisition day, keeping the store-wide threshold', () => {
    const a = flagChurn(log, { asOf, since: base + 1, until: base + 60 });
    expect(a.rows.map((r) => r.key)).toEqual(['R']);
    expect(a.threshold).toBe(70);
    expect(flagChurn(log, { asOf, until: base }).rows.map((r) => r.key)).toEqual(['Q', 'P', 'S']);
  });

  it('needs a threshold when nobody has bought twice', () => {
    const l = buildLog([ref('a', 'x')], [{ customer: 0, day: base, net: 1 }]);
    expect(() => flagChurn(l, { asOf: base + 5 })).toThrow(DataError);
    expect(flagChurn(l, { asOf: base + 5, days: 3 }).rows[0].status).toBe('churned');
    expect(() => flagChurn(log, { asOf, k: 0 })).toThrow(RangeError);
  });
});

describe('summarizeChurn', () => {
  const rows = flagChurn(log, { asOf }).rows;
  it('counts churned and at-risk customers per group, sorted by revenue at risk', () => {
    expect(summarizeChurn(rows, (r) => r.platform)).toEqual([
      { group: 'jd', customers: 2, churned: 1, churn_rate: 0.5, at_risk: 1, revenue_at_risk: 9900, active: 0, model_churned: null, model_churn_rate: null },
      { group: 'taobao', customers: 2, churned: 1, churn_rate: 0.5, at_risk: 0, revenue_at_risk: 0, active: 1, model_churned: null, model_churn_rate: null },
    ]);
  });
  it('groups by frequency band and acquisition month', () => {
    expect(summarizeChurn(rows, (r) => frequencyBand(r.orders)).map((g) => [g.group, g.customers, g.churned])).toEqual([
      ['1', 1, 0], // R at risk, ¥99.00
      ['4-5', 1, 1], // no revenue at risk: churn rate 100% before 50%
      ['3', 2, 1],
    ]);
    expect(summarizeChurn(rows, acquisitionMonth).map((g) => [g.group, g.customers])).toEqual([
      ['2024-02', 1],
      ['2024-01', 3],
    ]);
    expect([1, 2, 3, 4, 5, 6, 9, 10, 99].map(frequencyBand)).toEqual(['1', '2', '3', '4-5', '4-5', '6-9', '6-9', '10+', '10+']);
  });
});

describe('addModelFlags', () => {
  it('puts probability alive beside the rule without changing the input', () => {
    const rows = flagChurn(log, { asOf }).rows;
    const p = new Float64Array(5).fill(Number.NaN);
    p[0] = 0.1; // P
    p[1] = 0.8; // Q
    const flagged = byKey(addModelFlags(rows, p, 0.3));
    expect(flagged.P).toMatchObject({ status: 'churned', p_alive: 0.1, model_status: 'churned' });
    expect(flagged.Q).toMatchObject({ status: 'active', p_alive: 0.8, model_status: 'active' });
    expect(flagged.R).toMatchObject({ p_alive: null, model_status: null });
    expect(rows.every((r) => r.p_alive === null)).toBe(true);
  });
  it('counts model flags per group over the customers that have one', () => {
    const p = Float64Array.from([0.1, 0.8, Number.NaN, 0.2, Number.NaN]); // P churned, Q active, R none, S churned
    const groups = summarizeChurn(addModelFlags(flagChurn(log, { asOf }).rows, p, 0.3), (r) => r.platform);
    expect(groups.map((g) => [g.group, g.model_churned, g.model_churn_rate])).toEqual([
      ['jd', 1, 1], // S only (R has no value)
      ['taobao', 1, 0.5],
    ]);
  });
});

describe('flagChurnColumns', () => {
  // a log of 3,000 customers with 1–12 purchase days each, some after as-of
  const random = seededRandom(21);
  const many: { customer: number; day: number; orders: number; net: number }[] = [];
  for (let c = 0; c < 3000; c++) {
    let day = base + Math.floor(random() * 400);
    for (let n = 1 + Math.floor(random() * 12); n > 0; n--) {
      many.push({ customer: c, day, orders: 1 + Math.floor(random() * 3), net: Math.floor(random() * 50_000) - 5000 });
      day += 1 + Math.floor(random() * 90);
    }
  }
  const big = buildLog(Array.from({ length: 3000 }, (_, c) => ref(`c${c}`, c % 3 ? 'taobao' : 'jd')), many);

  it("flags each customer as flagChurn's rows do, in customer order, and the group tables are the same", () => {
    for (const [data, options] of [
      [log, { asOf }],
      [big, { asOf: base + 300 }],
      [big, { asOf: base + 500, k: 1.5, since: base + 50, until: base + 200 }],
      [big, { asOf: base + 450, days: 60 }],
    ] as const) {
      const rows = flagChurn(data, { ...options, detail: false });
      const cols = flagChurnColumns(data, options);
      expect({ ...cols, length: 0, customer: [], status: [], orders: [], revenue: [], first: [] }).toEqual({ ...rows, rows: undefined, length: 0, customer: [], status: [], orders: [], revenue: [], first: [] });
      expect(cols.length).toBe(rows.rows.length);
      expect([...cols.customer]).toEqual(rows.rows.map((r) => r.index));
      expect([...cols.status].map((s) => CHURN_STATUSES[s])).toEqual(rows.rows.map((r) => r.status));
      expect([...cols.orders]).toEqual(rows.rows.map((r) => r.orders));
      expect([...cols.revenue]).toEqual(rows.rows.map((r) => r.revenue));
      expect([...cols.first]).toEqual(rows.rows.map((r) => r.first_order));
      const month = (i: number) => acquisitionMonth({ first_order: cols.first[i] });
      expect(summarizeChurnColumns(cols, month)).toEqual(summarizeChurn(rows.rows, acquisitionMonth));
      expect(summarizeChurnColumns(cols, (i) => frequencyBand(cols.orders[i]))).toEqual(summarizeChurn(rows.rows, (r) => frequencyBand(r.orders)));
      expect(summarizeChurnColumns(cols, (i) => data.customers[cols.customer[i]].platform)).toEqual(summarizeChurn(rows.rows, (r) => r.platform));
    }
  });

  it('refuses what flagChurn refuses', () => {
    expect(() => flagChurnColumns(log, { asOf, k: 0 })).toThrow(RangeError);
    expect(() => flagChurnColumns(log, { asOf, days: -1 })).toThrow(RangeError);
  });
});
