/**
 * campaign report's notes in words: the window the orders do not yet cover, said with its count (1 day is a day).
 */
import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
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
