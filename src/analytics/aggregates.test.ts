/**
 * The warehouse aggregates measure every customer as of one day: a log whose shops are measured from their own
 * days (PurchaseLog.lag) does not compile there, and is refused at run time (a caller in plain JavaScript).
 */
import { describe, expect, it } from 'vitest';
import { buildLog, withLag } from '../domain/purchase-log.js';
import { cohortCounts, customerAggregates, gapHistogramRows } from './aggregates.js';

const ref = (key: string, shop: string) => ({ key, display: key, platform: 'p', shop, clear: null });
const log = buildLog([ref('a', 'early'), ref('b', 'late')], [
  { customer: 0, day: 10, net: 100 },
  { customer: 0, day: 20, net: 50 },
  { customer: 1, day: 12, net: 70 },
  { customer: 1, day: 40, net: 30 },
]);
// early's data end on day 20, late's on day 40: early measured 20 days before the as-of day 41
const lagged = withLag(log, Int32Array.of(20, 0));

describe('aggregates take a log as of one day', () => {
  it('summarise a one-day log as of that day', () => {
    const s = customerAggregates(log, 41);
    expect([...s.last]).toEqual([20, 40]);
    expect([...s.revenue]).toEqual([150, 100]);
    expect(gapHistogramRows(log, 41).map((r) => r.gapDays)).toEqual([10, 28]);
    expect(cohortCounts(log, 41, 'month').cells.length).toBeGreaterThan(0);
  });

  it('refuse a log whose shops are measured from their own days, in the type and at run time', () => {
    // @ts-expect-error a lagged log is not a OneDayLog
    expect(() => customerAggregates(lagged, 41)).toThrow(/as of one day for all/);
    // @ts-expect-error a lagged log is not a OneDayLog
    expect(() => gapHistogramRows(lagged, 41)).toThrow(RangeError);
    // @ts-expect-error a lagged log is not a OneDayLog
    expect(() => cohortCounts(lagged, 41, 'month')).toThrow(RangeError);
  });
});
