import { describe, expect, it } from 'vitest';
import { FLOW_LEFT, FLOW_NEW, flowMatrix, pairCustomers } from './migration.js';
import { trendRows } from './trend.js';

const c = (id: string, segment: string, monetary = 0) => ({ id, segment, monetary });

describe('flowMatrix', () => {
  const a = [c('1', 'A', 100), c('2', 'A', 50), c('3', 'B', 10), c('4', 'B', 5)];
  const b = [c('1', 'A', 150), c('2', 'B', 50), c('3', 'B', 30), c('5', 'A', 20)];
  const m = flowMatrix(a, b, ['A', 'B']);

  it('has new customers as a row and those who left as a column', () => {
    expect(m.from).toEqual(['A', 'B', FLOW_NEW]);
    expect(m.to).toEqual(['A', 'B', FLOW_LEFT]);
    expect(m.customers).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [1, 0, 0],
    ]);
  });

  it('rows sum to the first snapshot, columns to the second', () => {
    const rowSums = m.customers.map((r) => r.reduce((s, x) => s + x, 0));
    expect(rowSums).toEqual([2, 2, 1]);
    const colSums = m.to.map((_, j) => m.customers.reduce((s, r) => s + r[j], 0));
    expect(colSums).toEqual([2, 2, 1]);
  });

  it('revenue is what each customer brought in between the snapshots', () => {
    expect(m.revenue).toEqual([
      [50, 0, 0],
      [0, 20, 0],
      [20, 0, 0],
    ]);
  });

  it('keeps a segment missing from the order instead of losing its customers', () => {
    const x = flowMatrix([c('1', 'Z')], [c('1', 'A')], ['A']);
    expect(x.from).toEqual(['A', 'Z', FLOW_NEW]);
    expect(x.customers[1][0]).toBe(1);
  });

  it('pairs by identity', () => {
    expect(pairCustomers(a, b).map((p) => `${p.fromSegment}>${p.toSegment}`)).toEqual(['A>A', 'A>B', 'B>B', '(new)>A', 'B>(left)']);
  });
});

describe('trendRows', () => {
  const t = (id: string, segment: string, orders: number, churnStatus: 'active' | 'at_risk' | 'churned' | null, clv: number | null = null) => ({ id, segment, orders, churnStatus, pAlive: null, clv });
  it('counts new customers, repeat rate, shares and the churn rate since the snapshot before', () => {
    const rows = trendRows([
      [t('1', 'A', 1, 'active', 100), t('2', 'A', 2, 'at_risk', 300), t('3', 'B', 1, 'churned')],
      [t('1', 'A', 1, 'churned'), t('2', 'B', 3, 'active'), t('3', 'B', 1, 'churned'), t('4', 'A', 1, 'active')],
    ]);
    expect(rows[0]).toMatchObject({ customers: 3, new_customers: 3, churn_rate: null, avg_clv: 200, avg_p_alive: null });
    expect(rows[0].repeat_rate).toBeCloseTo(1 / 3, 12);
    expect(rows[1]).toMatchObject({ customers: 4, new_customers: 1, repeat_rate: 0.25, churned_share: 0.5, active_share: 0.5, at_risk_share: 0, churn_rate: 0.5, avg_clv: null });
    expect(Object.fromEntries(rows[1].segments)).toEqual({ A: 2, B: 2 });
  });
});
