/**
 * Date and time cells → a UTC instant and the store's local day.
 *
 * Accepted (generic): ISO 8601 with or without time, seconds, fraction and offset (`2024-03-01`,
 * `2024-03-01T10:20:30+08:00`, `2024-03-01 10:20:30 -0500`, `…Z`), `YYYY/MM/DD[ HH:mm[:ss]]`,
 * `YYYY.MM.DD`, `YYYYMMDD`. Adapters may allow `MM/DD/YYYY` or `DD/MM/YYYY` (`order: 'mdy' | 'dmy'`,
 * two-digit years read as 20YY) and month names (`Sep-30-26`, `10-Dez-25`).
 *
 * Local day: with an explicit offset in the cell and no forced zone, the day is the date as written (the
 * platform wrote it in the store's zone); otherwise the instant is converted to the store's zone.
 */
import { daysInMonth, dayFromCivil, type EpochDay } from '../domain/day.js';
import { localDay, wallToInstant } from '../domain/time-zone.js';

export interface ParsedDate {
  /** UTC instant in ms. */
  ms: number;
  /** Store-local day. */
  day: EpochDay;
}

export interface DateOptions {
  /** The store's time zone (IANA). */
  zone: string;
  /** The zone came from --tz: convert even offset-bearing timestamps to `zone` for the local day (the adapter context's name). */
  zoneForced?: boolean;
  /** How to read slash dates that start with the day or month. Default: not accepted. */
  order?: 'mdy' | 'dmy';
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const NAMED = /^(?:(\d{1,2})[- ]([A-Za-zäéû]{3,9})\.?|([A-Za-zäéû]{3,9})\.?[- ](\d{1,2}))[-, ]+(\d{2}|\d{4})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+[A-Z]{2,5})?$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // German, French and Spanish short forms seen in localized eBay reports
  jän: 1, mär: 3, mrz: 3, mai: 5, okt: 10, dez: 12, fev: 2, fév: 2, avr: 4, juil: 7, aoû: 8, déc: 12, ene: 1, abr: 4, ago: 8, dic: 12, set: 9, sept: 9,
};

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function build(
  y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string | undefined, opts: DateOptions,
): ParsedDate | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return null;
  // No order is from before 1900 or after 2199: such a cell is a placeholder (9999-12-31) or a typo, and
  // would stretch every report to it (Date.UTC would also read years 0–99 as 1900–1999).
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  if (offset) {
    let offMin = 0;
    if (offset.toUpperCase() !== 'Z') {
      const sign = offset[0] === '-' ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4))];
      // offsets run from −12:00 to +14:00: `+99:99` is no time zone, and the row is rejected
      if (hours > 14 || minutes > 59) return null;
      offMin = sign * (hours * 60 + minutes);
    }
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offMin * 60_000;
    const day = opts.zoneForced || offset.toUpperCase() === 'Z' ? localDay(ms, opts.zone) : dayFromCivil(y, mo, d);
    return { ms, day };
  }
  const ms = wallToInstant(y, mo, d, h, mi, s, opts.zone);
  return { ms, day: dayFromCivil(y, mo, d) };
}

/** Parses a date cell, or returns null when it is not a date this reader understands. */
export function parseDate(text: string, opts: DateOptions): ParsedDate | null {
  const t = text.trim();
  if (t === '') return null;
  const fast = plainIsoDate(t, opts);
  if (fast !== undefined) return fast;
  let m = ISO.exec(t);
  if (m) {
    return build(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[8], opts);
  }
  m = COMPACT.exec(t);
  if (m) return build(+m[1], +m[2], +m[3], 0, 0, 0, undefined, opts);
  if (opts.order) {
    m = SLASHED.exec(t);
    if (m) {
      const a = +m[1];
      const b = +m[2];
      const [mo, d] = opts.order === 'mdy' ? [a, b] : [b, a];
      let h = m[4] ? +m[4] : 0;
      if (m[7]) {
        const pm = m[7].toLowerCase() === 'pm';
        if (h > 12 || h === 0) return null;
        h = (h % 12) + (pm ? 12 : 0);
      }
      return build(fullYear(m[3]), mo, d, h, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[8], opts);
    }
  }
  m = NAMED.exec(t);
  if (m) {
    const name = (m[2] ?? m[3]).toLowerCase();
    const mo = MONTHS[name.slice(0, 4)] ?? MONTHS[name.slice(0, 3)];
    if (!mo) return null;
    const d = Number(m[1] ?? m[4]);
    return build(fullYear(m[5]), mo, d, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0, m[8] ? +m[8] : 0, undefined, opts);
  }
  return null;
}

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The calendar day the last plain ISO date named (rows come in date order: most rows name the day before
 * them): its key (y * 10000 + mo * 100 + d, −1 for none), its epoch day and its midnight read as UTC. Only real
 * days inside MIN_YEAR … MAX_YEAR are kept.
 */
let lastKey = -1;
let lastDay = 0;
let lastMidnight = 0;

const MS_PER_HOUR = 3_600_000;

/** What plainIsoDateAt read: a date (into), not a date (an invalid day or time: the row is rejected), or not this shape. */
export const PLAIN_DATE = 1;
export const NOT_A_DATE = 0;
export const NOT_PLAIN = -1;

/** plainIsoDateAt's date (a plainIsoDate reads into its own, then copies it into the object it returns). */
const read: ParsedDate = { ms: 0, day: 0 };

/**
 * The two commonest shapes without a regular expression: `YYYY-MM-DD` and `YYYY-MM-DD HH:mm:ss` (or with
 * `T`). Undefined for anything else; otherwise exactly what the ISO reading gives (build): the day checked
 * and numbered once for a run of rows on one day, and in UTC the instant its midnight plus the time (what
 * Date.UTC gives for hours 0–23, minutes 0–59 and seconds 0–60).
 */
function plainIsoDate(t: string, opts: DateOptions): ParsedDate | null | undefined {
  const got = plainIsoDateAt(t, 0, t.length, opts, read);
  return got === PLAIN_DATE ? { ms: read.ms, day: read.day } : got === NOT_A_DATE ? null : undefined;
}

/**
 * plainIsoDate of t[at, end) (a cell inside a longer text, not cut out of it: the reading thread's plain chunks),
 * into `into`: PLAIN_DATE, NOT_A_DATE (parseDate gives null) or NOT_PLAIN (the general reading decides).
 */
export function plainIsoDateAt(t: string, at: number, end: number, opts: DateOptions, into: ParsedDate): number {
  const n = end - at;
  if ((n !== 10 && n !== 19) || t.charCodeAt(at + 4) !== 45 || t.charCodeAt(at + 7) !== 45) return NOT_PLAIN;
  const hi = digits2(t, at);
  const lo = digits2(t, at + 2);
  const mo = digits2(t, at + 5);
  const d = digits2(t, at + 8);
  if (hi < 0 || lo < 0 || mo < 0 || d < 0) return NOT_PLAIN;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (n === 19) {
    const sep = t.charCodeAt(at + 10);
    if ((sep !== 32 && sep !== 84 && sep !== 116) || t.charCodeAt(at + 13) !== 58 || t.charCodeAt(at + 16) !== 58) return NOT_PLAIN;
    h = digits2(t, at + 11);
    mi = digits2(t, at + 14);
    s = digits2(t, at + 17);
    if (h < 0 || mi < 0 || s < 0) return NOT_PLAIN;
  }
  const y = hi * 100 + lo;
  const key = y * 10000 + mo * 100 + d;
  if (key !== lastKey) {
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || y < MIN_YEAR || y > MAX_YEAR) return NOT_A_DATE;
    lastKey = key;
    lastDay = dayFromCivil(y, mo, d);
    lastMidnight = Date.UTC(y, mo - 1, d);
  }
  if (h > 23 || mi > 59 || s > 60) return NOT_A_DATE;
  const zone = opts.zone;
  into.ms = zone === 'UTC' || zone === 'Etc/UTC' ? lastMidnight + h * MS_PER_HOUR + mi * 60_000 + s * 1000 : wallToInstant(y, mo, d, h, mi, s, zone);
  into.day = lastDay;
  return PLAIN_DATE;
}
