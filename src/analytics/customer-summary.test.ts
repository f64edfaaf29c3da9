import { describe, expect, it } from 'vitest';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { parseDay } from '../domain/day.js';
import { summarizeCustomers } from './customer-summary.js';

const ref = (key: string): CustomerRef => ({ key, display: key, platform: 'generic', shop: 'default', clear: null });
const d = (s: string) => parseDay(s)!;

describe('summarizeCustomers', () => {
  it('totals orders and net revenue per customer, merging same-day orders, sorted by revenue', () => {
    const log = buildLog(
      [ref('a'), ref('b')],
      [
        { customer: 1, day: d('2024-01-05'), net: 500 },
        { customer: 0, day: d('2024-02-01'), net: 1000 },
        { customer: 0, day: d('2024-01-01'), net: 250 },
        { customer: 0, day: d('2024-01-01'), net: 250 },
      ],
    );
    expect(summarizeCustomers(log)).toEqual([
      { index: 0, customer: 'a', platform: 'generic', shop: 'default', orders: 3, revenue: 1500, first_order: parseDay('2024-01-01'), last_order: parseDay('2024-02-01') },
      { index: 1, customer: 'b', platform: 'generic', shop: 'default', orders: 1, revenue: 500, first_order: parseDay('2024-01-05'), last_order: parseDay('2024-01-05') },
    ]);
  });

  it('is empty for an empty log', () => {
    expect(summarizeCustomers(buildLog([], []))).toEqual([]);
  });
});
