// A large purchase log is merged by two threads (purchase-runs.ts readRunsShared). When the second thread fails,
// dies or stalls, the reading thread merges the buckets it claimed itself: the same log, never a hang or a throw.
// Each case runs in a worker thread of its own (dist/, which test/build-dist.ts builds from the current sources),
// so that a reader that hangs fails the test instead of hanging the run.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { PurchaseDeltas, readRuns } from '../src/db/purchase-runs.js';
import { tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const file = path.join(tempDir(), 'runs.db');
const dist = (p: string) => pathToFileURL(path.join(repoRoot, 'dist', p)).href;
let want: number[][];

beforeAll(() => {
  const db = openDb(file, { create: true });
  const deltas = new PurchaseDeltas(db, 512);
  let s = 7;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  db.transaction(() => {
    for (let i = 0; i < 20000; i++) {
      const gross = Math.floor(rnd() * 10000);
      deltas.add(Math.floor(rnd() * 600_000) - 2, 19000 + Math.floor(rnd() * 400), 'CNY', rnd() < 0.1 ? -1 : 1, gross, gross - 7);
    }
    deltas.finish();
  })();
  const run = readRuns(db, 'CNY');
  want = [run.customer, run.day, run.orders, run.gross, run.net].map((a) => Array.from(a));
  db.close();
  expect(want[0].length).toBeGreaterThan(15000);
});

/**
 * The merging worker each case starts instead of the real one, as code run by the case's thread: `sh` is the
 * shared state, NEXT and FAILED its counters. Each claims bucket 0 before the reader starts reading.
 */
const STARTS: Record<string, string> = {
  // claims a bucket, then runs out of memory: no catch runs, nothing is said while the reader waits
  outOfMemory: `
    const w = new Worker(\`const { workerData: sh } = require('node:worker_threads');
      Atomics.add(sh.control, \${NEXT}, 1); Atomics.notify(sh.control, \${NEXT});
      const hold = []; for (;;) hold.push(new Array(1000).fill(hold.length));\`,
      { eval: true, workerData: sh, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
    w.on('error', (e) => { died.push(e.code); });
    Atomics.wait(sh.control, NEXT, 0, 10000);
    return w;`,
  // claims a bucket and fails in it: its catch says so (FAILED), as purchase-runs-worker.ts does
  fails: `
    const w = new Worker(\`const { workerData: sh } = require('node:worker_threads');
      Atomics.add(sh.control, \${NEXT}, 1); Atomics.store(sh.control, \${FAILED}, 1); Atomics.notify(sh.control, \${NEXT});\`,
      { eval: true, workerData: sh });
    Atomics.wait(sh.control, NEXT, 0, 10000);
    return w;`,
  // claims a bucket, stalls for a second, then writes nonsense where the bucket's entries go and says it merged it
  stalls: `
    const w = new Worker(\`const { workerData: sh } = require('node:worker_threads');
      const b = Atomics.add(sh.control, \${NEXT}, 1); Atomics.notify(sh.control, \${NEXT});
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      sh.out.customer.fill(-5, sh.bucketAt[b], sh.bucketAt[b + 1]);
      sh.bucketLength[b] = 1;
      if (Atomics.compareExchange(sh.state, b, 0, 1) === 0) Atomics.add(sh.control, \${MERGED}, 1);\`,
      { eval: true, workerData: sh });
    Atomics.wait(sh.control, NEXT, 0, 10000);
    return w;`,
  // its script is not there: it never starts (its 'error' event comes once the reader has returned)
  failsToLoad: `
    const w = new Worker(new URL('file:///nonexistent/orderlens/purchase-runs-worker.js'));
    w.on('error', () => Atomics.store(sh.control, FAILED, 1));
    return w;`,
};

const CASE = `
const { workerData, parentPort, Worker } = require('node:worker_threads');
(async () => {
  const Database = require(workerData.sqlite);
  const { readRuns, NEXT, FAILED, MERGED } = await import(workerData.runs);
  const died = [];
  const db = new Database(workerData.file, { readonly: true });
  const start = new Function('Worker', 'NEXT', 'FAILED', 'MERGED', 'died', 'sh', workerData.start);
  const t0 = Date.now();
  const run = readRuns(db, 'CNY', 0, { start: (sh) => start(Worker, NEXT, FAILED, MERGED, died, sh), stallMs: 300 });
  const ms = Date.now() - t0;
  // a worker that stalled may write late: what the reader returned must not change
  await new Promise((r) => setTimeout(r, 1500));
  parentPort.postMessage({ columns: [run.customer, run.day, run.orders, run.gross, run.net].map((a) => Array.from(a)), ms, died });
})().catch((e) => parentPort.postMessage({ error: String(e && e.message) }));
`;

interface Outcome {
  columns?: number[][];
  ms?: number;
  died?: string[];
  error?: string;
}

function readWith(how: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CASE, { eval: true, workerData: { sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), runs: dist('db/purchase-runs.js'), file, start: STARTS[how] } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`reading the log hung (${how})`));
    }, 20_000);
    w.once('message', (m: Outcome) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('the purchase log merged by two threads, when the second one fails', () => {
  it('a worker that dies out of memory after claiming a bucket: the reader merges it itself after stallMs', async () => {
    const got = await readWith('outOfMemory');
    expect(got.error).toBeUndefined();
    expect(got.died).toEqual(['ERR_WORKER_OUT_OF_MEMORY']);
    expect(got.columns).toEqual(want);
    expect(got.ms).toBeGreaterThanOrEqual(300);
  });

  it('a worker that fails in a bucket: the reader merges the rest and that bucket, without waiting', async () => {
    const got = await readWith('fails');
    expect(got.error).toBeUndefined();
    expect(got.columns).toEqual(want);
  });

  it('a worker that stalls and writes late: the reader takes its bucket, and the log it returned stays right', async () => {
    const got = await readWith('stalls');
    expect(got.error).toBeUndefined();
    expect(got.columns).toEqual(want);
  });

  it('a worker whose script does not load: the reader merges every bucket', async () => {
    const got = await readWith('failsToLoad');
    expect(got.error).toBeUndefined();
    expect(got.columns).toEqual(want);
  });
});
