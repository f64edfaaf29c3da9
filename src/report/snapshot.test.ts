import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
import type { Snapshot } from '../analytics/snapshot.js';
import { snapshotGapNotes } from './snapshot.js';
import { speak } from './said.js';

describe('snapshotGapNotes', () => {
  const base: Snapshot = { asOf: parseDay('2024-02-01')!, customers: [], segments: [], churnThreshold: null, model: null, repeatCustomers: null, gaps: [], unconverged: [] };

  it('names why no model is fitted: no repeat customer at all, not "fewer than 100"', () => {
    const notes = snapshotGapNotes({ ...base, repeatCustomers: 0, gaps: ['model_no_repeat'] }, 'bgnbd');
    expect(notes.map((n) => speak('en', n))).toEqual(['2024-02-01: no customer has bought on two different days yet, so no bgnbd model is fitted: P(alive) and CLV are left empty']);
    expect(notes.map((n) => speak('zh', n))).toEqual(['2024-02-01：还没有客户在两个不同的日子购买过，不拟合 bgnbd 模型：P(alive) 和 CLV 留空']);
  });

  it('a fit that did not converge: how each fit ended and the repeat customers behind it', () => {
    const one = { ...base, repeatCustomers: 1, gaps: ['model_not_converged' as const], unconverged: [{ label: 'Pareto/NBD', stop: 'line_search_failed' as const, boundary: null }] };
    expect(snapshotGapNotes(one, 'pnbd').map((n) => speak('en', n))).toEqual(['2024-02-01: Pareto/NBD did not converge (line search failed), with 1 repeat customer: P(alive) and CLV are left empty']);
    const many = { ...one, repeatCustomers: 1234 };
    expect(snapshotGapNotes(many, 'pnbd').map((n) => speak('en', n))).toEqual(['2024-02-01: Pareto/NBD did not converge (line search failed), with 1,234 repeat customers: P(alive) and CLV are left empty']);
    expect(snapshotGapNotes(many, 'pnbd').map((n) => speak('zh', n))).toEqual(['2024-02-01：Pareto/NBD 未收敛（线搜索失败），复购客户 1,234 位：P(alive) 和 CLV 留空']);
  });
});
