import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../domain/day.js';
import { buildLog } from '../domain/purchase-log.js';
import { monthEndAsOfDays, takeSnapshot } from './snapshot.js';

const day = (s: string) => parseDay(s)!;

describe('monthEndAsOfDays', () => {
  it('gives the day after every month end in the range', () => {
    expect(monthEndAsOfDays(day('2024-01-15'), day('2024-04-30')).map(formatDay)).toEqual(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01']);
    expect(monthEndAsOfDays(day('2024-01-31'), day('2024-02-28')).map(formatDay)).toEqual(['2024-02-01']);
    expect(monthEndAsOfDays(day('2023-12-01'), day('2024-01-30')).map(formatDay)).toEqual(['2024-01-01']);
    expect(monthEndAsOfDays(day('2024-02-01'), day('2024-02-20'))).toEqual([]);
  });
});

describe('takeSnapshot', () => {
  const ref = (k: string) => ({ key: k, display: k, platform: 'p', shop: 's', clear: null });
  const log = buildLog([ref('a'), ref('b'), ref('c')], [
    { customer: 0, day: day('2024-01-01'), net: 1000 },
    { customer: 0, day: day('2024-01-10'), net: 500 },
    { customer: 1, day: day('2024-01-05'), net: 200 },
    { customer: 2, day: day('2024-03-01'), net: 900 },
  ]);

  it('holds only customers who bought before as-of, with their values', () => {
    const s = takeSnapshot(log, { asOf: day('2024-02-01'), model: null });
    expect(s.customers.map((c) => c.index)).toEqual([0, 1]);
    expect(s.customers[0]).toMatchObject({ recencyDays: 22, frequency: 2, monetary: 1500, orders: 2 });
    expect(s.model).toBeNull();
    expect(s.churnThreshold).toBe(9);
    expect(s.customers.every((c) => c.churnStatus !== null)).toBe(true);
  });

  it('leaves churn empty while nobody has bought twice, and says why', () => {
    const s = takeSnapshot(log, { asOf: day('2024-01-06'), model: 'bgnbd' });
    expect(s.customers.map((c) => c.churnStatus)).toEqual([null, null]);
    expect(s.gaps).toEqual(['churn_no_gaps', 'model_too_few']);
  });
});
