import type { EpochDay } from '../domain/day.js';
import { formatDay } from '../domain/day.js';
import { said, type Said } from './said.js';

/** The error of a report that finds no customer acquired in --acquired-since/--acquired-until before as-of. */
export function noCustomerAcquired(since: EpochDay | undefined, until: EpochDay | undefined, asOf: EpochDay): Said {
  const day = formatDay(asOf);
  if (since !== undefined && until !== undefined) return said('acquired.between', { since: formatDay(since), until: formatDay(until), day });
  if (since !== undefined) return said('acquired.since', { since: formatDay(since), day });
  if (until !== undefined) return said('acquired.until', { until: formatDay(until), day });
  return said('acquired.none', { day });
}

