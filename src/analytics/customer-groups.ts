/**
 * A label per customer of a purchase log for `--by platform|shop|segment` in the customer reports: index i
 * labels `log.customers[i]`. Segments are the RFM segments (default map) as of the same day, by name (the CSV
 * value; report/segment-names.ts names them in Chinese); customers without a purchase before as-of get null.
 */
import type { EpochDay } from '../domain/day.js';
import type { CustomerData } from '../domain/aggregates.js';
import { assignSegments } from './rfm-segments.js';

export const CUSTOMER_ATTRIBUTES = ['platform', 'shop', 'segment'] as const;
export type CustomerAttribute = (typeof CUSTOMER_ATTRIBUTES)[number];

export function labelCustomers(log: CustomerData, by: CustomerAttribute, options: { asOf: EpochDay }): (string | null)[] {
  if (by === 'platform') return log.customers.map((c) => c.platform);
  if (by === 'shop') return log.customers.map((c) => `${c.platform}/${c.shop}`);
  const seg = assignSegments(log, { asOf: options.asOf });
  return Array.from(seg.segmentOfCustomer, (s) => (s >= 0 ? seg.segments[s].name : null));
}
