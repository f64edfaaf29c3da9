import { describe, expect, it } from 'vitest';
import { NO_AMOUNTS } from '../domain/money.js';
import { buildLog } from '../domain/purchase-log.js';
import { DataError } from '../errors.js';
import { customerRefs, randomLog } from '../../test/random-log.js';
import { computeRfm } from './rfm.js';
import type { RfmValues } from './rfm.js';
import {
  CN8_SEGMENTS,
  DEFAULT_SEGMENT_MAP,
  assignSegments,
  checkSegmentMap,
  classifyCn8,
  compileSegmentMap,
  matchSegments,
  parseSegmentMap,
  scoreLevel,
  segmentRfm,
} from './rfm-segments.js';
import { summarizeSegments } from './segment-summary.js';

const NAMES = ['Champions', 'Loyal', 'Potential loyalist', 'New', 'Promising', 'Need attention', 'About to sleep', 'At risk', "Can't lose", 'Hibernating', 'Lost'];

function segmentAt(k: number, r: number, f: number, m: number): string {
  const table = compileSegmentMap(DEFAULT_SEGMENT_MAP, k);
  return DEFAULT_SEGMENT_MAP.segments[table[(r - 1) * k * k + (f - 1) * k + (m - 1)]].name;
}

describe('default segment map', () => {
  it('has the eleven segments', () => {
    expect(DEFAULT_SEGMENT_MAP.segments.map((s) => s.name)).toEqual(NAMES);
  });

  for (const k of [5, 3]) {
    it(`is disjoint and complete for k = ${k}: every combination matches exactly one segment`, () => {
      let combos = 0;
      for (let r = 1; r <= k; r++)
        for (let f = 1; f <= k; f++)
          for (let m = 1; m <= k; m++) {
            const hits = matchSegments(DEFAULT_SEGMENT_MAP, scoreLevel(r, k, 5), scoreLevel(f, k, 5), scoreLevel(m, k, 5));
            expect(hits, `score ${r}${f}${m}`).toHaveLength(1);
            combos++;
          }
      expect(combos).toBe(k ** 3);
    });
  }

  it('passes its own validation and compiles for every k', () => {
    expect(checkSegmentMap(DEFAULT_SEGMENT_MAP)).toEqual({ overlapCount: 0, overlaps: [], gapCount: 0, gaps: [] });
    for (let k = 2; k <= 9; k++) expect(compileSegmentMap(DEFAULT_SEGMENT_MAP, k)).toHaveLength(k ** 3);
  });

  it('reaches every segment with 5 bins and all but Promising with 3', () => {
    const reached = (k: number) => new Set(Array.from(compileSegmentMap(DEFAULT_SEGMENT_MAP, k), (i) => DEFAULT_SEGMENT_MAP.segments[i].name));
    expect([...reached(5)].sort()).toEqual([...NAMES].sort());
    expect([...reached(3)].sort()).toEqual(NAMES.filter((n) => n !== 'Promising').sort());
  });

  it('places typical customers where expected', () => {
    expect(segmentAt(5, 5, 5, 5)).toBe('Champions');
    expect(segmentAt(5, 5, 1, 1)).toBe('New');
    expect(segmentAt(5, 4, 1, 2)).toBe('Promising');
    expect(segmentAt(5, 5, 3, 3)).toBe('Potential loyalist');
    expect(segmentAt(5, 3, 4, 4)).toBe('Loyal');
    expect(segmentAt(5, 3, 3, 3)).toBe('Need attention');
    expect(segmentAt(5, 3, 1, 2)).toBe('About to sleep');
    expect(segmentAt(5, 2, 3, 4)).toBe('At risk');
    expect(segmentAt(5, 1, 5, 5)).toBe("Can't lose");
    expect(segmentAt(5, 2, 1, 1)).toBe('Hibernating');
    expect(segmentAt(5, 1, 1, 1)).toBe('Lost');
    expect(segmentAt(3, 3, 3, 3)).toBe('Champions');
    expect(segmentAt(3, 1, 1, 1)).toBe('Lost');
    expect(segmentAt(3, 3, 1, 1)).toBe('New');
    expect(segmentAt(3, 1, 3, 3)).toBe("Can't lose");
  });

  it('maps scores onto the 5-level scale evenly', () => {
    expect([1, 2, 3].map((s) => scoreLevel(s, 3, 5))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4].map((s) => scoreLevel(s, 4, 5))).toEqual([1, 2, 4, 5]);
    expect([1, 2].map((s) => scoreLevel(s, 2, 5))).toEqual([1, 5]);
    expect([1, 2, 3, 4, 5].map((s) => scoreLevel(s, 5, 5))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('parseSegmentMap', () => {
  const valid = {
    bins: 3,
    segments: [
      { name: 'Best', zh: '最好', r: 3, f: [2, 3] },
      { name: 'Rest', rules: [{ r: [1, 2] }, { r: 3, f: 1 }] },
    ],
  };

  it('reads a valid map with single boxes and rules', () => {
    const map = parseSegmentMap(valid);
    expect(map.bins).toBe(3);
    expect(map.segments.map((s) => s.name)).toEqual(['Best', 'Rest']);
    expect(map.segments[0].boxes).toEqual([{ r: [3, 3], f: [2, 3] }]);
    expect(map.segments[1].zh).toBeUndefined();
  });

  it('rejects overlaps, naming the combination and the segments', () => {
    const overlap = { bins: 3, segments: [{ name: 'A', r: [2, 3] }, { name: 'B', r: [1, 2] }] };
    expect(() => parseSegmentMap(overlap)).toThrow(DataError);
    expect(() => parseSegmentMap(overlap)).toThrow(/9 score combinations match more than one segment: 211 \(A & B\)/);
  });

  it('rejects gaps, naming the combination', () => {
    const gap = { bins: 3, segments: [{ name: 'A', r: 3 }, { name: 'B', r: 2 }] };
    expect(() => parseSegmentMap(gap)).toThrow(/9 score combinations match no segment: 111, 112/);
  });

  it('rejects malformed maps', () => {
    expect(() => parseSegmentMap([])).toThrow(DataError);
    expect(() => parseSegmentMap({ bins: 12, segments: [{ name: 'A' }] })).toThrow(/bins/);
    expect(() => parseSegmentMap({ segments: [] })).toThrow(/segments/);
    expect(() => parseSegmentMap({ segments: [{ r: 1 }] })).toThrow(/name/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A' }, { name: 'A' }] })).toThrow(/twice/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A', r: [3, 1] }] })).toThrow(/above/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A', r: [0, 6] }] })).toThrow(/outside/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A', recency: 1 }] })).toThrow(/unknown key "recency"/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A', r: 'x' }] })).toThrow(/score or a \[low, high\] pair/);
    expect(() => parseSegmentMap({ segments: [{ name: 'A', rules: [{ r: 1 }], f: 1 }] })).toThrow(/either/);
  });

  it('accepts a map written for another scale (scores are mapped onto it)', () => {
    const map = parseSegmentMap(valid);
    const table = compileSegmentMap(map, 5);
    // 5-bin R scores 4 and 5 map to level 3 of the 3-level map (4 → 1 + round(1.5) = 3).
    expect(map.segments[table[(5 - 1) * 25 + (5 - 1) * 5]].name).toBe('Best');
    expect(map.segments[table[(4 - 1) * 25 + (5 - 1) * 5]].name).toBe('Best');
    expect(map.segments[table[(3 - 1) * 25 + (5 - 1) * 5]].name).toBe('Rest');
  });
});

function values(recency: number[], frequency: number[], monetary: number[]): RfmValues {
  const n = recency.length;
  return {
    asOf: 100,
    frequencyBasis: 'orders',
    monetaryBasis: 'net',
    customer: Int32Array.from({ length: n }, (_, i) => i),
    recencyDays: Int32Array.from(recency),
    frequency: Int32Array.from(frequency),
    monetary: Float64Array.from(monetary),
    orders: Int32Array.from(frequency),
    firstDay: new Int32Array(n),
    lastDay: Int32Array.from(recency, (r) => 100 - r),
  };
}

describe('cn8', () => {
  it('splits each variable at its mean: recent, frequent, high spenders are Key value (重要价值客户)', () => {
    // means: recency 40, frequency 2.5, monetary 283.33
    const v = values([10, 10, 70, 70, 10, 70], [5, 1, 5, 1, 1, 2], [600, 400, 300, 260, 100, 40]);
    const { segmentOfRow, thresholds } = classifyCn8(v, 'mean');
    expect(thresholds).toEqual({ split: 'mean', recencyDays: 40, frequency: 2.5, monetary: 283.3333333333333 });
    expect(Array.from(segmentOfRow, (i) => CN8_SEGMENTS[i].name)).toEqual(['Key value', 'Key development', 'Key retention', 'General win-back', 'General development', 'General win-back']);
  });

  it('uses the median with a strict comparison, so values at the median are low', () => {
    const v = values([1, 2, 3, 4], [1, 1, 1, 3], [10, 20, 30, 40]);
    const { segmentOfRow, thresholds } = classifyCn8(v, 'median');
    expect(thresholds).toMatchObject({ recencyDays: 2.5, frequency: 1, monetary: 25 });
    expect(Array.from(segmentOfRow, (i) => CN8_SEGMENTS[i].name)).toEqual(['General development', 'General development', 'Key win-back', 'Key retention']);
  });

  it('covers all eight classes with distinct names', () => {
    expect(new Set(CN8_SEGMENTS.map((s) => s.name)).size).toBe(8);
    expect(new Set(CN8_SEGMENTS.map((s) => s.name)).size).toBe(8);
  });
});

describe('assignSegments', () => {
  it('gives every customer of the log a segment, −1 without purchases', () => {
    const log = buildLog(customerRefs(4), [
      { customer: 0, day: 100, net: 50000 },
      { customer: 0, day: 60, net: 50000 },
      { customer: 2, day: 10, net: 100 },
      { customer: 3, day: 95, net: 200 },
    ]);
    const seg = assignSegments(log, { asOf: 101, bins: 3 });
    expect(Array.from(seg.segmentOfCustomer).map((s) => (s < 0 ? null : seg.segments[s].name))).toEqual(['Champions', null, 'Lost', 'About to sleep']);
    const cn8 = assignSegments(log, { asOf: 101, scheme: 'cn8' });
    expect(cn8.segments).toHaveLength(8);
    expect(cn8.segmentOfCustomer[1]).toBe(-1);
    expect(cn8.segments[cn8.segmentOfCustomer[0]].name).toBe('Key value');
  });

  it('purchases without amounts: the built-in map reads fm as f (Champions reachable); a map of your own gets m = 1', () => {
    const entries = [
      ...[100, 98, 96, 94, 92].map((day) => ({ customer: 0, day, net: 0 })), // recent and frequent
      { customer: 1, day: 99, net: 0 },
      { customer: 2, day: 10, net: 0 },
      { customer: 3, day: 50, net: 0 },
      { customer: 3, day: 40, net: 0 },
    ];
    const log = buildLog(customerRefs(4), entries, NO_AMOUNTS, 0);
    expect(computeRfm(log, { asOf: 101 }).noAmounts).toBe(true);
    const seg = assignSegments(log, { asOf: 101, bins: 3 });
    const names = Array.from(seg.segmentOfCustomer).map((s) => seg.segments[s].name);
    expect(names[0]).toBe('Champions'); // r 3, f 3, m 1: fm = 3, not (3 + 1) / 2
    expect(Array.from(seg.scores.m.scores)).toEqual([1, 1, 1, 1]);
    // with amounts the same scores would give (f + m) / 2 = 2: Potential loyalist
    expect(segmentAt(3, 3, 3, 1)).toBe('Potential loyalist');
    const own = parseSegmentMap({ bins: 3, segments: [{ name: 'Big', m: [2, 3] }, { name: 'Small', m: 1 }] });
    const mine = assignSegments(log, { asOf: 101, bins: 3, map: own });
    expect(Array.from(mine.segmentOfCustomer).map((s) => mine.segments[s].name)).toEqual(['Small', 'Small', 'Small', 'Small']);
    const withAmounts = buildLog(customerRefs(4), entries.map((e) => ({ ...e, net: 100 })));
    expect(computeRfm(withAmounts, { asOf: 101 }).noAmounts).toBeUndefined();
  });

  it('property: revenue, customers and orders per segment sum to the totals', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const log = randomLog(seed, 500);
      const v = computeRfm(log, { asOf: 19400 });
      let total = 0;
      let orders = 0;
      for (let i = 0; i < v.customer.length; i++) {
        total += v.monetary[i];
        orders += v.orders[i];
      }
      for (const options of [{ bins: 5 }, { bins: 3 }, { scheme: 'cn8' as const }, { scheme: 'cn8' as const, split: 'median' as const }]) {
        const seg = segmentRfm(v, options);
        const rows = summarizeSegments(v, seg.segmentOfRow, seg.segments.map((s) => s.name));
        expect(rows).toHaveLength(seg.segments.length);
        expect(rows.reduce((a, r) => a + r.revenue, 0)).toBe(total);
        expect(rows.reduce((a, r) => a + r.customers, 0)).toBe(v.customer.length);
        expect(rows.reduce((a, r) => a + r.orders, 0)).toBe(orders);
        expect(rows.reduce((a, r) => a + (r.share_customers ?? 0), 0)).toBeCloseTo(1, 12);
        for (let i = 1; i < rows.length; i++) expect(rows[i - 1].revenue).toBeGreaterThanOrEqual(rows[i].revenue);
      }
    }
  });
});

describe('summarizeSegments', () => {
  it('computes averages, aov and shares by hand', () => {
    const v = values([10, 20, 30], [1, 3, 2], [1000, 3001, 500]);
    const rows = summarizeSegments(v, [1, 1, 0], ['Small', 'Big', 'Empty']);
    expect(rows).toEqual([
      { segment: 'Big', customers: 2, share_customers: 2 / 3, revenue: 4001, share_revenue: 4001 / 4501, avg_recency_days: 15, avg_frequency: 2, avg_monetary: 2001, orders: 4, aov: 1000 },
      { segment: 'Small', customers: 1, share_customers: 1 / 3, revenue: 500, share_revenue: 500 / 4501, avg_recency_days: 30, avg_frequency: 2, avg_monetary: 500, orders: 2, aov: 250 },
      { segment: 'Empty', customers: 0, share_customers: 0, revenue: 0, share_revenue: 0, avg_recency_days: null, avg_frequency: null, avg_monetary: null, orders: 0, aov: null },
    ]);
  });
});
