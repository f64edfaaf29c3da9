import { describe, expect, it } from 'vitest';
import { localDay, wallToInstant } from './time-zone.js';
import { parseDay } from './day.js';

const iso = (ms: number) => new Date(ms).toISOString();
const day = (text: string) => parseDay(text)!;

describe('wallToInstant', () => {
  it('reads ordinary times with the offset of the day (New York winter and summer, Shanghai)', () => {
    expect(iso(wallToInstant(2024, 1, 1, 23, 59, 0, 'America/New_York'))).toBe('2024-01-02T04:59:00.000Z');
    expect(iso(wallToInstant(2024, 7, 1, 0, 30, 0, 'America/New_York'))).toBe('2024-07-01T04:30:00.000Z');
    expect(iso(wallToInstant(2024, 1, 1, 0, 0, 0, 'Asia/Shanghai'))).toBe('2023-12-31T16:00:00.000Z');
  });

  it('takes the earlier instant in a fall-back overlap', () => {
    // New York 2024-11-03: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST)
    expect(iso(wallToInstant(2024, 11, 3, 1, 30, 0, 'America/New_York'))).toBe('2024-11-03T05:30:00.000Z');
  });

  it('moves a time in a spring-forward gap forward by the gap, never onto the previous day', () => {
    // New York 2024-03-10 skips 02:00–03:00: 02:30 is read as 02:30 EST = 03:30 EDT
    expect(iso(wallToInstant(2024, 3, 10, 2, 30, 0, 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z');
    // São Paulo 2018-11-04 skipped 00:00–01:00: midnight is 01:00 −02, still on the 4th
    const midnight = wallToInstant(2018, 11, 4, 0, 0, 0, 'America/Sao_Paulo');
    expect(iso(midnight)).toBe('2018-11-04T03:00:00.000Z');
    expect(localDay(midnight, 'America/Sao_Paulo')).toBe(day('2018-11-04'));
    expect(localDay(wallToInstant(2018, 11, 4, 0, 30, 0, 'America/Sao_Paulo'), 'America/Sao_Paulo')).toBe(day('2018-11-04'));
    // Samoa skipped all of 2011-12-30: it becomes the next day, not the one before
    expect(localDay(wallToInstant(2011, 12, 30, 12, 0, 0, 'Pacific/Apia'), 'Pacific/Apia')).toBe(day('2011-12-31'));
  });

  it('round-trips every hour of the DST days of several zones', () => {
    const cases: [string, number, number, number][] = [
      ['America/New_York', 2024, 3, 10], ['America/New_York', 2024, 11, 3], ['Europe/Berlin', 2024, 3, 31],
      ['Europe/Berlin', 2024, 10, 27], ['Australia/Lord_Howe', 2024, 4, 7], ['America/Sao_Paulo', 2019, 2, 16],
      ['America/Sao_Paulo', 2018, 11, 4], ['America/Havana', 2024, 3, 10], ['Asia/Beirut', 2024, 3, 31],
    ];
    for (const [zone, y, m, d] of cases) {
      for (let h = 0; h < 24; h++) {
        const ms = wallToInstant(y, m, d, h, 15, 0, zone);
        // the local day of the instant is the day written (gaps move forward within the day)
        expect(localDay(ms, zone), `${zone} ${y}-${m}-${d} ${h}:15`).toBe(day(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
      }
    }
  });
});
