/**
 * Worker-thread entry of the purchase log's second thread (purchase-runs.ts readRunsShared starts it): merges
 * buckets of runs from shared memory while the reading thread copies the next ones in, then ends.
 */
import { workerData } from 'node:worker_threads';
import { FAILED, mergeSharedBuckets, type SharedRuns } from './purchase-runs.js';

const shared = workerData as SharedRuns;
try {
  mergeSharedBuckets(shared);
} catch (e) {
  Atomics.store(shared.control, FAILED, 1);
  throw e;
}
