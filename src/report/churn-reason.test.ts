import { describe, expect, it } from 'vitest';
import { flagChurn, type ChurnRow } from '../analytics/churn.js';
import { parseDay } from '../domain/day.js';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { churnReason } from './churn-reason.js';

const base = parseDay('2024-01-01') ?? 0;
const ref = (key: string): CustomerRef => ({ key, display: `${key}***`, platform: 'taobao', shop: 'main', clear: null });
// as in analytics/churn.test.ts: P buys every 10 days, Q with gaps 30 and 70, R once, S twice (gap 5); as of day 120
const log = buildLog(
  [ref('P'), ref('Q'), ref('R'), ref('S')],
  [
    ...[0, 10, 20, 30].map((day) => ({ customer: 0, day: base + day, net: 1000 })),
    ...[0, 30, 100].map((day) => ({ customer: 1, day: base + day, net: 100_000 })),
    { customer: 2, day: base + 50, net: 9900 },
    { customer: 3, day: base, net: 500, orders: 2 },
    { customer: 3, day: base + 5, net: 500 },
  ],
  'CNY',
  2,
);
const byKey = (rows: ChurnRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe('churn reasons', () => {
  const r = byKey(flagChurn(log, { asOf: base + 120 }).rows);

  it('writes a reason a person can act on', () => {
    expect(churnReason('en', r.P, 'CNY')).toBe('churned: 90 days since last order; usual gap 10 days; 4 orders, ¥40.00');
    expect(churnReason('en', r.Q, 'CNY')).toBe('active: 20 days since last order; usual gap 50 days; 3 orders, ¥3,000.00');
    expect(churnReason('en', r.R, 'CNY')).toBe('at risk: 70 days since their only order; no repeat order yet; 1 order, ¥99.00');
    expect(churnReason('en', r.S, 'CNY')).toBe('churned: 115 days since last order; usual gap 5 days; 3 orders, ¥10.00');
  });

  it('in Chinese', () => {
    expect(churnReason('zh', r.P, 'CNY')).toBe('已流失：距末单 90 天，常规间隔 10 天；共 4 单，¥40.00');
    expect(churnReason('zh', r.R, 'CNY')).toBe('流失预警：距唯一一单 70 天，尚未复购；共 1 单，¥99.00');
  });

  it('shows a non-integer median gap with one decimal, and one day as a day', () => {
    const l = buildLog([ref('a')], [0, 5, 11].map((day) => ({ customer: 0, day: base + day, net: 100 })), 'CNY', 2);
    const [row] = flagChurn(l, { asOf: base + 12 }).rows;
    expect(churnReason('en', row, 'CNY')).toBe('active: 1 day since last order; usual gap 5.5 days; 3 orders, ¥3.00');
  });
});
