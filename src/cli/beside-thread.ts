/**
 * The second core for the reports' steps that split (issue 21): on a large shop one part runs in a worker thread
 * (fit-thread.ts runStep, tasks in fit-tasks.ts) while this thread does the other, on the same numbers with the
 * same code, so the results are the same to the last bit. `rfm` scores monetary value there while it scores
 * recency and frequency here; `churn --by segment` segments the customers there while it flags them here.
 *
 * Small shops stay in one thread: below BESIDE_CUSTOMERS the part is done here, after the other (a worker's
 * start, some tens of milliseconds, is more than such a part takes). While this thread waits for the worker its
 * event loop is free (Ctrl-C and SIGTERM are answered); `kill -9` ends both, they are one process.
 */
import type { PurchaseLog } from '../domain/purchase-log.js';
import { logColumns } from '../domain/purchase-log.js';
import type { EpochDay } from '../domain/day.js';
import { scoreValues, rfmScorings, type RfmValues } from '../analytics/rfm.js';
import { segmentRfm, type Segmentation, type SegmentationOptions } from '../analytics/rfm-segments.js';
import { runStep } from './fit-thread.js';

/** From this many customers a step that splits runs in two threads. */
export const BESIDE_CUSTOMERS = 200_000;

/**
 * A step begun beside this thread: `result` settles once it is done (awaiting it never throws unhandled
 * elsewhere: a failure is kept until it is awaited).
 */
function beside<T>(start: () => Promise<T>): { result: () => Promise<T> } {
  const settled = start().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return {
    result: async () => {
      const s = await settled;
      if (!s.ok) throw s.error;
      return s.value;
    },
  };
}

/** segmentRfm, with monetary value scored in the second thread while this one scores recency and frequency. */
export async function segmentRfmBeside(values: RfmValues, options: SegmentationOptions, forceThread = false): Promise<Segmentation> {
  if (options.scores !== undefined || (values.customer.length < BESIDE_CUSTOMERS && !forceThread)) return segmentRfm(values, options);
  const s = rfmScorings(options);
  const m = beside(() => runStep('score', { values: values.monetary, bins: s.bins, scoring: s.m, reverse: false }, { inline: false }));
  const r = scoreValues(values.recencyDays, s.bins, s.r, true);
  const f = scoreValues(values.frequency, s.bins, s.f, false);
  return segmentRfm(values, { ...options, scores: { bins: s.bins, r, f, m: await m.result() } });
}

/** Every customer's default RFM segment (index per customer, −1 without a purchase before as-of) and the segments' names. */
export interface SegmentsOfCustomers {
  segmentOfCustomer: Int32Array;
  names: string[];
}

/**
 * The default RFM segments of a log's customers as of `asOf` (assignSegments), begun in the second thread for a
 * large log; `result()` gives them once needed. Small logs: computed here when asked for.
 */
export function segmentsBeside(log: PurchaseLog, asOf: EpochDay, forceThread = false): { result: () => Promise<SegmentsOfCustomers> } {
  const inline = log.customerCount < BESIDE_CUSTOMERS && !forceThread;
  return beside(() => runStep('segments', { log: logColumns(log), asOf }, { inline }));
}
