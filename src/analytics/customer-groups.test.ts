import { describe, expect, it } from 'vitest';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { labelCustomers } from './customer-groups.js';
import { assignSegments } from './rfm-segments.js';

const ref = (key: string, platform: string, shop: string): CustomerRef => ({ key, display: key, platform, shop, clear: null });
const log = buildLog(
  [ref('a', 'taobao', 'north'), ref('b', 'jd', 'north'), ref('c', 'taobao', 'south'), ref('d', 'jd', 'north')],
  [
    { customer: 0, day: 100, net: 500 },
    { customer: 0, day: 130, net: 700 },
    { customer: 1, day: 10, net: 50 },
    { customer: 2, day: 140, net: 90 },
    { customer: 3, day: 200, net: 10 },
  ],
);

describe('labelCustomers', () => {
  it('labels by platform and by platform/shop', () => {
    expect(labelCustomers(log, 'platform', { asOf: 150 })).toEqual(['taobao', 'jd', 'taobao', 'jd']);
    expect(labelCustomers(log, 'shop', { asOf: 150 })).toEqual(['taobao/north', 'jd/north', 'taobao/south', 'jd/north']);
  });
  it('labels by RFM segment as of the day, null for customers not yet seen', () => {
    const labels = labelCustomers(log, 'segment', { asOf: 150 });
    const seg = assignSegments(log, { asOf: 150 });
    expect(labels[3]).toBeNull();
    for (let c = 0; c < 3; c++) expect(labels[c]).toBe(seg.segments[seg.segmentOfCustomer[c]].name);
    expect(labels.slice(0, 3).every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
  });
});
