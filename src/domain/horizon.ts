/**
 * Time spans and rates with explicit units, converted exactly: a year is 365.25 days, a month 365.25/12 =
 * 30.4375 days, a week 7 days. Used by lifetime value (`--horizon 12mo`, `--discount 10%/yr`, `--margin 30%`).
 */

export const DAYS_PER_YEAR = 365.25;
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

const UNIT_DAYS: Record<string, number> = {
  d: 1, day: 1, days: 1,
  w: 7, wk: 7, week: 7, weeks: 7,
  mo: DAYS_PER_MONTH, month: DAYS_PER_MONTH, months: DAYS_PER_MONTH,
  y: DAYS_PER_YEAR, yr: DAYS_PER_YEAR, year: DAYS_PER_YEAR, years: DAYS_PER_YEAR,
};

/** Days in one of the accepted units (d, w, mo, y and their long forms), or null. */
export function unitDays(unit: string): number | null {
  return UNIT_DAYS[unit.toLowerCase()] ?? null;
}

/** `90d`, `52w`, `12mo`, `2y`, `1.5y` → days (12mo = 365.25). Null when not a positive span with a unit. */
export function parseHorizon(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return null;
  const days = unitDays(m[2]);
  const n = Number(m[1]);
  if (days === null || !(n > 0)) return null;
  return n * days;
}

/**
 * A discount rate `10%/yr`, `1%/mo`, `0.2%/w`, `0.1/yr` (a fraction), `10%` (per year) or `0` → the
 * equivalent continuous rate per day, δ = ln(1 + rate) / (days of the period), so that a cash flow t days
 * ahead is worth exp(−δ t) = (1 + rate)^(−t / period) today. Null when unreadable or ≤ −100%.
 */
export function parseDiscountRate(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(text);
  if (!m) return null;
  const rate = Number(m[1]) / (m[2] === '%' ? 100 : 1);
  const days = m[3] === undefined ? DAYS_PER_YEAR : unitDays(m[3]);
  if (days === null || !(rate >= 0)) return null;
  return Math.log1p(rate) / days;
}

/** A margin `30%` or `0.3` → 0.3; must be in (0, 1] (100% = revenue). Null otherwise. */
export function parseMargin(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]) / (m[2] === '%' ? 100 : 1);
  return v > 0 && v <= 1 ? v : null;
}
