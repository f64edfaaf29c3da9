/**
 * A report's steps split over two threads (src/cli/beside-thread.ts) give what one thread gives, to the last bit:
 * rfm's scores and segments with monetary value scored in the worker, churn's segments computed there from the
 * log's columns (without its customers' references, which are never read).
 */
import { describe, expect, it } from 'vitest';
import { computeRfm } from '../src/analytics/rfm.js';
import { assignSegments, CN8_SEGMENTS, segmentRfm, type SegmentationOptions } from '../src/analytics/rfm-segments.js';
import { BESIDE_CUSTOMERS, segmentRfmBeside, segmentsBeside } from '../src/cli/beside-thread.js';
import { asOfLog, logColumns, referencelessLog, type PurchaseLog } from '../src/domain/purchase-log.js';
import { randomLog } from './random-log.js';
import { sameBits } from './same-bits.js';

/** A log whose references throw when read: the steps that split must never need them. */
function guarded(log: PurchaseLog): PurchaseLog {
  return referencelessLog(logColumns(log));
}

const log = randomLog(21, 3000, 900);
const asOf = 19000 + 901;

describe('rfm with monetary value scored in the second thread', () => {
  const values = computeRfm(log, { asOf });
  it.each<[string, SegmentationOptions]>([
    ['quantile scores, default map', {}],
    ['7 bins', { bins: 7 }],
    ['fixed monetary edges', { m: { method: 'fixed', edges: [1000, 5000, 10000, 50000] } }],
    ['cn8', { scheme: 'cn8', split: 'median' }],
  ])('%s: the same scores and segments as in one thread', async (_what, options) => {
    const split = await segmentRfmBeside(values, options, true);
    sameBits(split, segmentRfm(values, options));
    expect(split.segments).toEqual(options.scheme === 'cn8' ? [...CN8_SEGMENTS] : segmentRfm(values, options).segments);
  });

  it('a library caller\'s bad edges are the same error', async () => {
    const bad: SegmentationOptions = { m: { method: 'fixed', edges: [5, 1, 2, 3] } };
    expect(() => segmentRfm(values, bad)).toThrow(RangeError);
    await expect(segmentRfmBeside(values, bad, true)).rejects.toThrow(RangeError);
  });

  it('small inputs stay in this thread', () => {
    expect(values.customer.length).toBeLessThan(BESIDE_CUSTOMERS);
  });
});

describe('churn by segment: the segments in the second thread', () => {
  it.each([
    ['the day after the last purchase', asOf],
    ['an earlier day', 19500],
  ])('as of %s: assignSegments\' segments, from the columns alone', async (_what, day) => {
    const known = asOfLog(log, day);
    const seg = assignSegments(known, { asOf: day });
    for (const forceThread of [true, false]) {
      const got = await segmentsBeside(guarded(known), day, forceThread).result();
      sameBits(got.segmentOfCustomer, seg.segmentOfCustomer);
      expect(got.names).toEqual(seg.segments.map((s) => s.name));
    }
  });

  it('a log\'s columns carry no references: reading them is a clear error', () => {
    expect(() => guarded(log).customers).toThrow(/no customer references/);
    expect(Object.keys(logColumns(log))).not.toContain('customers');
  });
});
