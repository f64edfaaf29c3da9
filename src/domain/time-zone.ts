/**
 * Wall-clock times in a named IANA time zone ↔ UTC instants, with Intl only (no tz database of our own).
 * Offsets are cached per zone and UTC hour, so millions of rows cost a map lookup each.
 */
import type { EpochDay } from './day.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** The zone asked for last, and its cache (an import asks for one zone, three times a row). */
let lastZone = '';
let lastCache: Map<number, number> | undefined;

/** True when `zone` is a time zone Intl knows (`Asia/Shanghai`, `UTC`, `America/New_York`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC in ms at the instant `ms` (positive east of Greenwich). */
export function zoneOffset(ms: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  let cache = zone === lastZone ? lastCache : offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  lastZone = zone;
  lastCache = cache;
  const hour = Math.floor(ms / MS_PER_HOUR);
  const hit = cache.get(hour);
  if (hit !== undefined) return hit;
  const parts = formatter(zone).formatToParts(new Date(hour * MS_PER_HOUR));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = asUtc - hour * MS_PER_HOUR;
  cache.set(hour, offset);
  return offset;
}

/** The local calendar day of instant `ms` in `zone`. */
export function localDay(ms: number, zone: string): EpochDay {
  return Math.floor((ms + zoneOffset(ms, zone)) / MS_PER_DAY);
}

/**
 * The instant of a wall-clock time in `zone`. In an overlap (fall back) the earlier of the two instants. In a
 * gap (spring forward: 02:30 on a day New York skips from 02:00 to 03:00) the time is read with the offset
 * before the jump, which moves it forward by the gap (03:30 EDT), as java.time and Temporal's 'compatible'
 * do; it never lands before the gap, on the previous local day where the jump is at midnight (São Paulo
 * 2018-11-04 00:00 → 01:00 −02, not 23:00 the day before).
 */
export function wallToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone === 'UTC' || zone === 'Etc/UTC') return naive;
  const first = naive - zoneOffset(naive, zone);
  const second2 = naive - zoneOffset(first, zone);
  const firstShows = first + zoneOffset(first, zone) === naive;
  const secondShows = second2 + zoneOffset(second2, zone) === naive;
  if (firstShows && secondShows) return Math.min(first, second2);
  if (firstShows) return first;
  if (secondShows) return second2;
  // In a gap neither candidate shows this wall time: the later one is the earlier offset's reading.
  return Math.max(first, second2);
}

