/**
 * Calendar days as integers: days since 1970-01-01 (the "epoch day"). Every analytic works on these, so
 * date arithmetic is integer arithmetic. Local days are computed in the store's time zone on import.
 */
export type EpochDay = number;

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → epoch day, or null when the text is not a real calendar date. */
export function parseDay(text: string): EpochDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayFromCivil(y, mo, d);
}

export function dayFromCivil(year: number, month: number, day: number): EpochDay {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function civilFromDay(day: EpochDay): { year: number; month: number; day: number } {
  // Days → civil date in the proleptic Gregorian calendar (H. Hinnant's algorithm), integer arithmetic only.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** Epoch day → `YYYY-MM-DD`. */
export function formatDay(day: EpochDay): string {
  const c = civilFromDay(day);
  return `${c.year}-${c.month < 10 ? '0' : ''}${c.month}-${c.day < 10 ? '0' : ''}${c.day}`;
}

/**
 * formatDay with each day's text made once: for rows of a million customers, whose first and last days
 * fall on a few thousand distinct days (one shared string each instead of two million).
 */
export function dayFormatter(): (day: EpochDay) => string {
  const texts = new Map<EpochDay, string>();
  return (day) => {
    let text = texts.get(day);
    if (text === undefined) {
      text = formatDay(day);
      texts.set(day, text);
    }
    return text;
  };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: EpochDay): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Month index: months since January 1970 (for monthly cohorts). */
export function monthIndex(day: EpochDay): number {
  const c = civilFromDay(day);
  return (c.year - 1970) * 12 + (c.month - 1);
}

/** Quarter index: quarters since 1970-Q1. */
export function quarterIndex(day: EpochDay): number {
  return Math.floor(monthIndex(day) / 3);
}

/** Week index: ISO weeks (Monday start) since the week of 1970-01-01. */
export function weekIndex(day: EpochDay): number {
  return Math.floor((day + 3) / 7);
}

/** Label of a month index, `2024-03`. */
export function formatMonth(index: number): string {
  const y = 1970 + Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Label of a quarter index, `2024-Q1`. */
export function formatQuarter(index: number): string {
  return `${1970 + Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** Label of a week index as its ISO week, `2024-W09`. */
export function formatWeek(index: number): string {
  const monday = index * 7 - 3;
  const thursday = monday + 3;
  const year = civilFromDay(thursday).year;
  const jan4 = dayFromCivil(year, 1, 4);
  const week1Monday = jan4 - weekday(jan4);
  const week = Math.floor((monday - week1Monday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
