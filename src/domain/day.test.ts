import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromCivil, formatDay, formatWeek, parseDay, weekday } from './day.js';

describe('epoch days', () => {
  it('round-trips every day from 1900 to 2100 through civil dates', () => {
    for (let d = dayFromCivil(1900, 1, 1); d <= dayFromCivil(2100, 12, 31); d++) {
      const c = civilFromDay(d);
      expect(dayFromCivil(c.year, c.month, c.day)).toBe(d);
      expect(formatDay(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('parses only real dates', () => {
    expect(parseDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-1-01')).toBeNull();
  });

  it('knows weekdays and ISO weeks', () => {
    expect(weekday(dayFromCivil(2024, 1, 1))).toBe(0); // a Monday
    expect(formatWeek(Math.floor((dayFromCivil(2021, 1, 3) + 3) / 7))).toBe('2020-W53');
    expect(formatWeek(Math.floor((dayFromCivil(2024, 12, 30) + 3) / 7))).toBe('2025-W01');
  });
});
