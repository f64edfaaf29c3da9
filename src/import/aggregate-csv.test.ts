import { describe, expect, it } from 'vitest';
import { dayFromCivil, formatMonth, formatQuarter, formatWeek, monthIndex, quarterIndex, weekIndex } from '../domain/day.js';
import { parseCohortLabel } from './aggregate-csv.js';

describe('parseCohortLabel', () => {
  it('reads back every month, quarter and ISO week label of 1999–2031 (week-years with 53 weeks included)', () => {
    for (let day = dayFromCivil(1999, 1, 1); day <= dayFromCivil(2031, 12, 31); day += 1) {
      for (const [period, index, label] of [
        ['month', monthIndex(day), formatMonth(monthIndex(day))],
        ['quarter', quarterIndex(day), formatQuarter(quarterIndex(day))],
        ['week', weekIndex(day), formatWeek(weekIndex(day))],
      ] as const) {
        expect(parseCohortLabel(label)).toEqual({ period, index });
      }
    }
    expect(parseCohortLabel('2020-W53')).toEqual({ period: 'week', index: weekIndex(dayFromCivil(2020, 12, 31)) });
  });

  it('refuses what is not a label', () => {
    for (const bad of ['2024-13', '2024-00', '2024-Q5', '2021-W53', '2024-W00', '2024-3', '2024/03', '', 'March']) expect(parseCohortLabel(bad)).toBeNull();
  });
});
