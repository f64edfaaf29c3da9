/**
 * campaign report's notes in words: the window the orders do not yet cover, said with its count (1 day is a day).
 */
import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
import { buildLog } from '../domain/purchase-log.js';
import { measureLift } from '../analytics/campaign.js';
import { campaignLiftReport } from './campaign.js';
import { speak } from './said.js';

describe('campaign report: a window the orders do not cover', () => {
  const sent = parseDay('2024-05-20')!;
  const about = { name: 'spring', sent, days: 30, currency: 'USD', lang: 'en' as const };
  const short = (last: number) => campaignLiftReport({ status: 'no_comparison', absent: 0, last, end: sent + 30, leftOut: [], shortShops: [] }, about);

  it('counts the days in the data: one day, or several', () => {
    expect(short(sent).notes.map((n) => speak('en', n))).toContain('warning: the orders run to 2024-05-20, 1 day of the 30-day window: the numbers cover that day only');
    expect(short(sent + 11).notes.map((n) => speak('en', n))).toContain('warning: the orders run to 2024-05-31, 12 days of the 30-day window: the numbers cover those days only');
    expect(short(sent).notes.map((n) => speak('zh', n))).toContain('注意：订单只到 2024-05-20，观察期 30 天中只有 1 天有数据：以下数字只覆盖这几天');
    // the orders cover the window: nothing said of it
    expect(short(sent + 29).notes.map((n) => speak('en', n)).some((l) => l.includes('-day window'))).toBe(false);
  });
});

describe('campaign report: an interval and a p-value that disagree', () => {
  const sent = parseDay('2024-05-20')!;
  const about = { name: 'spring', sent, days: 30, currency: 'USD', lang: 'en' as const };
  // n targeted and n control customers, each with an order before the send; bt targeted and bc control buy in the window
  const lift = (n: number, bt: number, bc: number) => {
    const ref = (k: number) => ({ key: `c${k}`, display: `c${k}`, platform: 'generic', shop: 'main', clear: null });
    const purchases = [];
    for (let k = 0; k < 2 * n; k++) purchases.push({ customer: k, day: sent - 10, net: 1000 });
    for (let k = 0; k < bt; k++) purchases.push({ customer: k, day: sent + 5, net: 2000 });
    for (let k = 0; k < bc; k++) purchases.push({ customer: n + k, day: sent + 5, net: 2000 });
    purchases.sort((a, b) => a.customer - b.customer || a.day - b.day);
    const log = buildLog(Array.from({ length: 2 * n }, (_, k) => ref(k)), purchases);
    const ks = (from: number) => Array.from({ length: n }, (_, k) => from + k);
    return measureLift(log, ks(0), ks(n), sent, sent + 30);
  };
  const notesOf = (n: number, bt: number, bc: number) => {
    const o = { status: 'ok' as const, absent: 0, last: sent + 40, end: sent + 30, leftOut: [], shortShops: [], controlled: true, peers: 0, lift: lift(n, bt, bc), without: [], controlOnly: [] };
    return campaignLiftReport(o, about).notes;
  };

  it('4 of 20 against 0 of 20: the Newcombe interval includes 0 while the z-test gives p = 0.035: said to be borderline (it read as no effect, p = 0.035, without a word)', () => {
    // independent: Wilson 4/20 (0.0807, 0.4160), 0/20 (0, 0.1611); d 0.2, low 0.2 − √(0.1193² + 0.1611²) = −0.0005; z = 0.2/√(0.1·0.9·0.1) = 2.108, p 0.0350
    const l = lift(20, 4, 0).conversion;
    expect([l.estimate, l.low < 0, l.high > 0, l.p?.toFixed(4)]).toEqual([0.2, true, true, '0.0350']);
    const en = notesOf(20, 4, 0).map((n) => speak('en', n));
    expect(en).toContain('borderline: the 95% interval includes 0 while p = 0.035 is below 0.05: the interval (Wilson score limits) and the p-value (pooled z-test) are two methods, which can disagree this close to the edge; the verdict above follows the interval');
    expect(notesOf(20, 4, 0).map((n) => speak('zh', n))).toContain('临界：95% 置信区间包含 0，而 p = 0.035 低于 0.05：置信区间（Wilson 得分法）与 p 值（合并 z 检验）是两种方法，在临界附近可能不一致；上面的结论以置信区间为准');
  });

  it('12 of 19 against 6 of 19: the interval leaves out 0 while p = 0.051, said too; where they agree, nothing is said', () => {
    // 12 of 19 against 6 of 19: the interval leaves out 0 (low 0.0009) while p = 0.0513
    expect(notesOf(19, 12, 6).map((n) => speak('en', n)).filter((l) => l.startsWith('borderline'))).toEqual([
      'borderline: the 95% interval leaves out 0 while p = 0.051 is not below 0.05: the interval (Wilson score limits) and the p-value (pooled z-test) are two methods, which can disagree this close to the edge; the verdict above follows the interval',
    ]);
    for (const [n, bt, bc] of [[20, 5, 0], [20, 3, 0], [40, 20, 10]]) expect(notesOf(n, bt, bc).map((x) => speak('en', x)).some((l) => l.startsWith('borderline')), `${bt}/${n} vs ${bc}/${n}`).toBe(false);
  });
});
