/**
 * The purchase log, kept ready for reports: counted purchases summed per (currency, customer, local day),
 * stored as sorted runs of binary columns in `purchase_runs`, so that loading millions of entries is a
 * few blob reads instead of millions of rows (better-sqlite3 costs close to a microsecond per row).
 *
 * Writers (OrderWriter, in the import's transaction) add signed deltas: +1 order and its amounts when a
 * counted order is stored, −1 and minus its old amounts when an update takes a counted order away. Deltas
 * are buffered, sorted and written as a new run per bucket of 65,536 customer ids; readers merge a
 * bucket's runs and sum equal keys, and entries whose orders sum to zero disappear. So the runs always
 * equal `SELECT currency, customer_id, day, count(*), sum(gross), sum(net) … GROUP BY …` over the
 * counted orders (tested), while an import appends instead of rewriting. A bucket with many runs is
 * compacted into one at the end of an import.
 *
 * Orders without a buyer are kept in bucket −1 under the negated source id (for `ordersWithoutBuyer`).
 * Blobs hold little-endian typed arrays: gross and net (float64, exact integers), then customer, day and
 * orders (int32).
 */
import { COUNTED_STATUSES } from '../domain/order.js';
import { Worker } from 'node:worker_threads';
import type { Db } from './db-handle.js';
import { decodeRunInto, encodeRunInto, type Run } from './purchase-runs-codec.js';
import { COUNTED_CODES_SQL, rowCurrencySql } from './status-codes.js';

const BUCKET_BITS = 16;
/** Deltas buffered before they are written as runs (about 7.5 MB; 2^19 took a 10M-line import over 300 MB). */
const BUFFER_ENTRIES = 1 << 18;
/**
 * Entries the buffer starts with: it grows four times at a time up to BUFFER_ENTRIES, and flushes only there
 * (so flushes fall at the same entry counts). Allocating the full 15 MB for an import of a few orders cost about
 * 5 ms, and as much again in the garbage collections it prompted.
 */
const FIRST_ENTRIES = 1024;
/**
 * Runs per bucket beyond which the end of an import merges them. Readers merge a bucket's runs anyway, so
 * more runs cost them little; merging rewrites the whole log of a bucket, and a 5M-line import (ten
 * flushes) kept under 8 spent about 0.8 s rewriting 120 MB of runs it had just written.
 */
const MAX_RUNS = 16;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('orderlens stores purchase runs as little-endian arrays: big-endian machines are not supported');

export const COUNTED_SQL = COUNTED_STATUSES.map((s) => `'${s}'`).join(', ');

export type { Run } from './purchase-runs-codec.js';

/** The bucket of a customer id (an int32, as the runs hold them): −1 for the negated source of buyerless orders. */
function bucketOf(customer: number): number {
  return customer < 0 ? -1 : customer >> BUCKET_BITS;
}

/**
 * A run's blob (purchase-runs-codec.ts). `into`: written into a buffer reused (grown when too small) and returned
 * as a view of it, which stays valid until the next call.
 */
export function encodeRun(r: Run, n = r.customer.length, into?: { buf: Uint8Array }): Buffer {
  if (!into) return Buffer.from(encodeRun(r, n, { buf: new Uint8Array(n * 8) }));
  const bytes = encodeRunInto(r, n, into);
  return Buffer.from(into.buf.buffer, into.buf.byteOffset, bytes);
}

/** The `n` entries of a run's blob; `what` names the run in the error a damaged one gets. */
export function decodeRun(blob: Uint8Array, n: number, what = 'a purchase run'): Run {
  const out = allocRun(n);
  decodeInto(blob, n, out, 0, what);
  return out;
}

function decodeInto(blob: Uint8Array, n: number, out: Run, at: number, what: string): void {
  if (!decodeRunInto(blob, n, out, at)) throw new Error(`${what} is damaged: its ${blob.length} bytes are not ${n} entries (run doctor --repair)`);
}

/**
 * Merges runs sorted by (customer, day) into one, summing equal keys and dropping entries with no orders.
 * Runs of one bucket span at most 65,536 customers: their entries are placed by customer with a counting
 * sort (run after run, so each customer's entries are a few day-sorted pieces), each customer's entries
 * put in day order, and equal days summed. A wider range takes the k-way merge.
 */
export function mergeRuns(runs: Run[]): Run {
  if (runs.length === 1) return dropEmpty(runs[0]);
  const out = allocRun(runs.reduce((s, r) => s + r.customer.length, 0));
  return sliceRun(out, mergeRunsInto(runs, out));
}

/**
 * mergeRuns into `out` (columns at least as long as all runs together), which the runs must not share;
 * returns the number of entries written.
 */
export function mergeRunsInto(runs: Run[], out: Run): number {
  let lo = Infinity;
  let hi = -Infinity;
  let total = 0;
  for (const r of runs) {
    const n = r.customer.length;
    if (n === 0) continue;
    lo = Math.min(lo, r.customer[0]);
    hi = Math.max(hi, r.customer[n - 1]);
    total += n;
  }
  if (total === 0) return 0;
  if (runs.length === 1) {
    copyInto(out, 0, runs[0]);
    return dropEmpty(sliceRun(out, total)).customer.length;
  }
  if (hi - lo >= 1 << 20) return copyInto(out, 0, mergeByHeads(runs));
  const start = new Int32Array(hi - lo + 2);
  for (const r of runs) for (let i = 0; i < r.customer.length; i++) start[r.customer[i] - lo + 1]++;
  for (let c = 0; c <= hi - lo; c++) start[c + 1] += start[c];
  const fill = start.slice(0, hi - lo + 1);
  for (const r of runs) {
    for (let i = 0; i < r.customer.length; i++) {
      const at = fill[r.customer[i] - lo]++;
      out.customer[at] = r.customer[i];
      out.day[at] = r.day[i];
      out.orders[at] = r.orders[i];
      out.gross[at] = r.gross[i];
      out.net[at] = r.net[i];
    }
  }
  // each customer's entries by day (already so where they came from one run), equal days summed
  let n = 0;
  for (let c = 0; c <= hi - lo; c++) {
    const from = start[c];
    const to = start[c + 1];
    if (to - from > 1) sortByDay(out, from, to);
    for (let i = from; i < to; i++) n = appendOrAdd(out, n, out.customer[i], out.day[i], out.orders[i], out.gross[i], out.net[i]);
  }
  return dropEmpty(sliceRun(out, n)).customer.length;
}

/** Puts entries [from, to) of `r` in day order: insertion sort (short, mostly sorted), else a sort of their order. */
function sortByDay(r: Run, from: number, to: number): void {
  const { day, orders, gross, net } = r;
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++) if (day[i] < day[i - 1]) sorted = false;
  if (sorted) return;
  if (to - from <= 64) {
    for (let i = from + 1; i < to; i++) {
      const d = day[i];
      const o = orders[i];
      const g = gross[i];
      const t = net[i];
      let j = i - 1;
      for (; j >= from && day[j] > d; j--) {
        day[j + 1] = day[j];
        orders[j + 1] = orders[j];
        gross[j + 1] = gross[j];
        net[j + 1] = net[j];
      }
      day[j + 1] = d;
      orders[j + 1] = o;
      gross[j + 1] = g;
      net[j + 1] = t;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => day[a] - day[b] || a - b);
  const copy = { day: day.slice(from, to), orders: orders.slice(from, to), gross: gross.slice(from, to), net: net.slice(from, to) };
  order.forEach((src, k) => {
    day[from + k] = copy.day[src - from];
    orders[from + k] = copy.orders[src - from];
    gross[from + k] = copy.gross[src - from];
    net[from + k] = copy.net[src - from];
  });
}

/** The k-way merge: one pass over all runs at once (the smallest head of k runs, k is small). */
function mergeByHeads(runs: Run[]): Run {
  const k = runs.length;
  const head = new Int32Array(k);
  const out = allocRun(runs.reduce((s, r) => s + r.customer.length, 0));
  let n = 0;
  for (;;) {
    let best = -1;
    let bc = 0;
    let bd = 0;
    for (let r = 0; r < k; r++) {
      const i = head[r];
      const run = runs[r];
      if (i >= run.customer.length) continue;
      const c = run.customer[i];
      const d = run.day[i];
      if (best < 0 || c < bc || (c === bc && d < bd)) {
        best = r;
        bc = c;
        bd = d;
      }
    }
    if (best < 0) break;
    const src = runs[best];
    const i = head[best]++;
    n = appendOrAdd(out, n, bc, bd, src.orders[i], src.gross[i], src.net[i]);
  }
  return dropEmpty(sliceRun(out, n));
}

/**
 * Puts an entry at `n` of `out`, or adds it to the entry before when that has the same key (entries come in
 * key order); returns the new length. `out` may be the source too, read at or after `n`.
 */
/** One stable counting pass of the indices src[from, to) into dst[from, to), by key[i] − min (range: the keys' span). */
function countingPass(src: Int32Array, dst: Int32Array, from: number, to: number, key: Int32Array, min: number, range: number): void {
  const count = new Int32Array(range + 1);
  for (let k = from; k < to; k++) count[key[src[k]] - min + 1]++;
  for (let r = 0; r < range; r++) count[r + 1] += count[r];
  for (let k = from; k < to; k++) {
    const i = src[k];
    dst[from + count[key[i] - min]++] = i;
  }
}

/**
 * Entries [0, n) of `r`, sorted by (customer, day), collapsed in place: equal keys summed (in entry order), then
 * entries that cancel out (an update that changed nothing the log sees) left out. Returns a view of what is kept.
 */
function collapseSorted(r: Run, n: number): Run {
  const { customer, day, orders, gross, net } = r;
  let k = 0;
  let cancelled = false;
  for (let p = 0; p < n; p++) {
    const c = customer[p];
    const d = day[p];
    if (k > 0 && customer[k - 1] === c && day[k - 1] === d) {
      orders[k - 1] += orders[p];
      gross[k - 1] += gross[p];
      net[k - 1] += net[p];
      if (orders[k - 1] === 0) cancelled = true;
      continue;
    }
    if (k !== p) {
      customer[k] = c;
      day[k] = d;
      orders[k] = orders[p];
      gross[k] = gross[p];
      net[k] = net[p];
    }
    if (orders[k] === 0) cancelled = true;
    k++;
  }
  if (!cancelled) return sliceRun(r, k);
  let kept = 0;
  for (let q = 0; q < k; q++) {
    if (orders[q] === 0 && gross[q] === 0 && net[q] === 0) continue;
    if (kept !== q) {
      customer[kept] = customer[q];
      day[kept] = day[q];
      orders[kept] = orders[q];
      gross[kept] = gross[q];
      net[kept] = net[q];
    }
    kept++;
  }
  return sliceRun(r, kept);
}

function appendOrAdd(out: Run, n: number, customer: number, day: number, orders: number, gross: number, net: number): number {
  if (n > 0 && out.customer[n - 1] === customer && out.day[n - 1] === day) {
    out.orders[n - 1] += orders;
    out.gross[n - 1] += gross;
    out.net[n - 1] += net;
    return n;
  }
  out.customer[n] = customer;
  out.day[n] = day;
  out.orders[n] = orders;
  out.gross[n] = gross;
  out.net[n] = net;
  return n + 1;
}

function allocRun(n: number): Run {
  return { customer: new Int32Array(n), day: new Int32Array(n), orders: new Int32Array(n), gross: new Float64Array(n), net: new Float64Array(n) };
}

/** The first n entries (views, not copies). */
function sliceRun(r: Run, n: number): Run {
  if (n === r.customer.length) return r;
  return { customer: r.customer.subarray(0, n), day: r.day.subarray(0, n), orders: r.orders.subarray(0, n), gross: r.gross.subarray(0, n), net: r.net.subarray(0, n) };
}

function dropEmpty(r: Run): Run {
  const n = r.customer.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (r.orders[i] === 0) continue;
    if (k !== i) {
      r.customer[k] = r.customer[i];
      r.day[k] = r.day[i];
      r.orders[k] = r.orders[i];
      r.gross[k] = r.gross[i];
      r.net[k] = r.net[i];
    }
    k++;
  }
  return sliceRun(r, k);
}

/** Logs of at least this many entries are read with a second thread (smaller ones do not repay starting it). */
const PARALLEL_ENTRIES = 1_000_000;

/**
 * How long this thread waits for the merging worker's last buckets, while none of them is finished, before it
 * merges them itself: a worker that dies without reaching its catch (out of memory) says nothing, and its
 * 'error' event cannot be delivered while this thread waits. A bucket takes milliseconds to merge.
 */
const STALL_MS = 3000;

/** How the merging worker is started and waited for: tests start one that fails. */
export interface MergeThread {
  start: (sh: SharedRuns) => Worker | null;
  stallMs: number;
}

/**
 * All runs of one currency, merged, in customer then day order (buckets ascending, so −1 first). Decodes
 * into arrays sized for the whole log: a bucket with one run is a plain copy, only buckets with several
 * runs are merged. A large log is merged by two threads (readRunsShared); `parallelFrom` sets the size
 * from which it is, `thread` how the second thread starts (tests).
 */
export function readRuns(db: Db, currency: string, parallelFrom = PARALLEL_ENTRIES, thread: MergeThread = { start: startMergeWorker, stallMs: STALL_MS }): Run {
  const layout = db.prepare('SELECT bucket, entries, length(data) FROM purchase_runs WHERE currency = ? ORDER BY bucket, run').raw(true).all(currency) as [number, number, number][];
  const total = layout.reduce((sum, [, n]) => sum + n, 0);
  if (total >= parallelFrom && total > 0) return readRunsShared(db, currency, layout, total, thread);
  const out = allocRun(total);
  const scratch: { run: Run } = { run: allocRun(0) };
  let k = 0;
  let bucket: number | null = null;
  let pending: Coded[] = [];
  const settle = () => {
    if (pending.length > 0) k += mergeBucketInto(pending, sliceFrom(out, k), scratch, `the purchase runs of bucket ${bucket} (${currency})`);
    pending = [];
  };
  const rows = db.prepare('SELECT bucket, entries, data FROM purchase_runs WHERE currency = ? ORDER BY bucket, run').raw(true);
  for (const [b, n, blob] of rows.iterate(currency) as Iterable<[number, number, Buffer]>) {
    if (b !== bucket) {
      settle();
      bucket = b;
    }
    pending.push({ blob, n });
  }
  settle();
  return sliceRun(out, k);
}

/** A run as stored: its bytes and entries. */
interface Coded {
  blob: Uint8Array;
  n: number;
}

/**
 * The runs of one bucket, decoded and merged into `out` (room for all their entries); returns the entries
 * written. One run is decoded straight into `out`; several are decoded into `scratch` (reused, grown) and merged.
 */
function mergeBucketInto(runs: Coded[], out: Run, scratch: { run: Run }, what: string): number {
  if (runs.length === 1) {
    decodeInto(runs[0].blob, runs[0].n, out, 0, what);
    return dropEmpty(sliceRun(out, runs[0].n)).customer.length;
  }
  const total = runs.reduce((sum, r) => sum + r.n, 0);
  if (scratch.run.customer.length < total) scratch.run = allocRun(total);
  const views: Run[] = [];
  let at = 0;
  for (const r of runs) {
    decodeInto(r.blob, r.n, scratch.run, at, what);
    views.push(sliceRun(sliceFrom(scratch.run, at), r.n));
    at += r.n;
  }
  return mergeRunsInto(views, out);
}

/** Views of `r` from entry `at` on. */
function sliceFrom(r: Run, at: number): Run {
  return { customer: r.customer.subarray(at), day: r.day.subarray(at), orders: r.orders.subarray(at), gross: r.gross.subarray(at), net: r.net.subarray(at) };
}

/**
 * What the reading thread shares with the merging worker (purchase-runs-worker.ts): the runs' bytes as read,
 * where each run and bucket starts, the output columns (a bucket's merged entries are written where its
 * entries would start unmerged, and closed up at the end), each bucket's state, and counters:
 * [buckets read, next bucket to claim, buckets merged, worker failed].
 */
export interface SharedRuns {
  input: SharedArrayBuffer;
  /** Per run: byte offset in `input` (one past the last run: the end), and entries. */
  runOffset: Float64Array;
  runEntries: Int32Array;
  /** Per bucket: its first run (and one past the last bucket). */
  bucketRun: Int32Array;
  /** Per bucket: where its output starts, and how many entries its merge left. */
  bucketAt: Float64Array;
  bucketLength: Int32Array;
  /** Per bucket: PENDING, DONE (merged into `out`) or TAKEN (the reading thread merged it apart: see readRunsShared). */
  state: Int32Array;
  out: { customer: Int32Array; day: Int32Array; orders: Int32Array; gross: Float64Array; net: Float64Array };
  control: Int32Array;
}

export const READ = 0;
export const NEXT = 1;
export const MERGED = 2;
export const FAILED = 3;

const PENDING = 0;
const DONE = 1;
const TAKEN = 2;

const sharedInt32 = (n: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8));

/** The runs of bucket `b`, as views of the shared bytes. */
function sharedBucket(sh: SharedRuns, b: number): Coded[] {
  const runs: Coded[] = [];
  for (let r = sh.bucketRun[b]; r < sh.bucketRun[b + 1]; r++) {
    const off = sh.runOffset[r];
    runs.push({ blob: new Uint8Array(sh.input, off, sh.runOffset[r + 1] - off), n: sh.runEntries[r] });
  }
  return runs;
}

const bucketWhat = (b: number) => `the purchase runs of bucket ${b} in the log`;

/**
 * Claims and merges buckets until none is left (both threads run this). A bucket counts as merged only if it is
 * still PENDING when its merge ends: one the reading thread took over meanwhile (TAKEN) is left to it.
 */
export function mergeSharedBuckets(sh: SharedRuns): void {
  const buckets = sh.bucketLength.length;
  const scratch = { run: allocRun(0) };
  for (;;) {
    const b = Atomics.add(sh.control, NEXT, 1);
    if (b >= buckets) return;
    // wait until the reading thread has copied the bucket's bytes
    for (let read = Atomics.load(sh.control, READ); read <= b; read = Atomics.load(sh.control, READ)) Atomics.wait(sh.control, READ, read, 1000);
    const at = sh.bucketAt[b];
    const n = sh.bucketAt[b + 1] - at;
    const out = sh.out;
    const into = { customer: out.customer.subarray(at, at + n), day: out.day.subarray(at, at + n), orders: out.orders.subarray(at, at + n), gross: out.gross.subarray(at, at + n), net: out.net.subarray(at, at + n) };
    const length = mergeBucketInto(sharedBucket(sh, b), into, scratch, bucketWhat(b));
    if (Atomics.load(sh.state, b) !== PENDING) continue;
    sh.bucketLength[b] = length;
    if (Atomics.compareExchange(sh.state, b, PENDING, DONE) !== PENDING) continue;
    Atomics.add(sh.control, MERGED, 1);
    Atomics.notify(sh.control, MERGED);
  }
}

/**
 * The log read by this thread and merged by two: this thread copies the runs' bytes into shared memory
 * bucket by bucket while a worker decodes and merges the buckets already there; then both merge what is
 * left. The worker only ever sees what this thread read (one snapshot of the database). If the worker
 * cannot start, this thread merges every bucket itself. If it fails (its catch says so), or finishes none of
 * the buckets it claimed for `thread.stallMs` (it died without a word: out of memory), this thread takes those
 * buckets (TAKEN), merges them into arrays of its own (the worker, if alive, may still write its copy into
 * `out`) and returns the log in new arrays: the same entries, only later.
 */
function readRunsShared(db: Db, currency: string, layout: [number, number, number][], total: number, thread: MergeThread): Run {
  const runs = layout.length;
  const runOffset = sharedFloat64(runs + 1);
  const runEntries = sharedInt32(runs);
  const bucketStarts: number[] = [];
  for (let r = 0; r < runs; r++) {
    if (r === 0 || layout[r][0] !== layout[r - 1][0]) bucketStarts.push(r);
    runEntries[r] = layout[r][1];
  }
  const bytes = layout.reduce((sum, [, , length]) => sum + length, 0);
  const buckets = bucketStarts.length;
  const sh: SharedRuns = {
    input: new SharedArrayBuffer(Math.max(8, bytes)),
    runOffset,
    runEntries,
    bucketRun: sharedInt32(buckets + 1),
    bucketAt: sharedFloat64(buckets + 1),
    bucketLength: sharedInt32(buckets),
    state: sharedInt32(buckets),
    out: { customer: sharedInt32(total), day: sharedInt32(total), orders: sharedInt32(total), gross: sharedFloat64(total), net: sharedFloat64(total) },
    control: sharedInt32(4),
  };
  let at = 0;
  for (let b = 0; b < buckets; b++) {
    sh.bucketRun[b] = bucketStarts[b];
    sh.bucketAt[b] = at;
    for (let r = bucketStarts[b]; r < (b + 1 < buckets ? bucketStarts[b + 1] : runs); r++) at += runEntries[r];
  }
  sh.bucketRun[buckets] = runs;
  sh.bucketAt[buckets] = at;
  const worker = thread.start(sh);
  let taken: Map<number, Run> | null = null;
  try {
    const bytesView = new Uint8Array(sh.input);
    let r = 0;
    let b = 0;
    let off = 0;
    const changed = () => new Error(`purchase runs changed while they were read (run ${r} of ${runs})`);
    const rows = db.prepare('SELECT bucket, entries, data FROM purchase_runs WHERE currency = ? ORDER BY bucket, run').raw(true);
    for (const [, n, blob] of rows.iterate(currency) as Iterable<[number, number, Buffer]>) {
      if (r >= runs || n !== runEntries[r] || blob.length !== layout[r][2]) throw changed();
      bytesView.set(blob, off);
      off += blob.length;
      r++;
      runOffset[r] = off;
      while (b < buckets && sh.bucketRun[b + 1] <= r) {
        b++;
        Atomics.store(sh.control, READ, b);
        Atomics.notify(sh.control, READ);
      }
    }
    if (r !== runs || off !== bytes) throw changed();
    mergeSharedBuckets(sh);
    // the worker's last buckets: every bucket is claimed now, and those still PENDING are the worker's
    for (let merged = Atomics.load(sh.control, MERGED); merged < buckets; merged = Atomics.load(sh.control, MERGED)) {
      if (Atomics.load(sh.control, FAILED) === 0 && Atomics.wait(sh.control, MERGED, merged, thread.stallMs) !== 'timed-out') continue;
      if (Atomics.load(sh.control, FAILED) === 0 && Atomics.load(sh.control, MERGED) !== merged) continue;
      taken = takeOver(sh);
      break;
    }
  } finally {
    // the worker ends by itself once no bucket is left; a failure here stops it
    Atomics.store(sh.control, READ, buckets);
    Atomics.store(sh.control, NEXT, buckets);
    Atomics.notify(sh.control, READ);
    void worker?.terminate();
  }
  if (taken) return gather(sh, taken);
  // close up the gaps merging left between buckets
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const from = sh.bucketAt[b];
    const n = sh.bucketLength[b];
    if (from !== k) {
      for (const col of [sh.out.customer, sh.out.day, sh.out.orders, sh.out.gross, sh.out.net]) col.copyWithin(k, from, from + n);
    }
    k += n;
  }
  return sliceRun(sh.out, k);
}

/** Takes every bucket still PENDING from the worker and merges it on this thread, into arrays of its own. */
function takeOver(sh: SharedRuns): Map<number, Run> {
  const taken = new Map<number, Run>();
  const scratch = { run: allocRun(0) };
  for (let b = 0; b < sh.state.length; b++) {
    if (Atomics.compareExchange(sh.state, b, PENDING, TAKEN) !== PENDING) continue;
    const into = allocRun(sh.bucketAt[b + 1] - sh.bucketAt[b]);
    taken.set(b, sliceRun(into, mergeBucketInto(sharedBucket(sh, b), into, scratch, bucketWhat(b))));
  }
  return taken;
}

/** The merged log in new arrays: DONE buckets from `out` (the worker no longer writes there), TAKEN ones from `taken`. */
function gather(sh: SharedRuns, taken: Map<number, Run>): Run {
  const buckets = sh.state.length;
  let total = 0;
  for (let b = 0; b < buckets; b++) total += taken.get(b)?.customer.length ?? sh.bucketLength[b];
  const out = allocRun(total);
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const from = sh.bucketAt[b];
    k = copyInto(out, k, taken.get(b) ?? sliceRun(sliceFrom(sh.out, from), sh.bucketLength[b]));
  }
  return out;
}

/** The merging worker; null when it cannot be started (this thread then merges alone). */
function startMergeWorker(sh: SharedRuns): Worker | null {
  try {
    const worker = new Worker(mergeWorkerScript(), { workerData: sh });
    worker.unref();
    // its events arrive only once readRunsShared has returned (this thread does not turn its event loop while
    // it merges): a worker that fails to load claims no bucket, and this thread has merged them all
    worker.on('error', () => Atomics.store(sh.control, FAILED, 1));
    return worker;
  } catch {
    return null;
  }
}

/**
 * The worker's script: next to this module once built; from the sources (tests run them), the build's copy,
 * which `npm test` makes before it runs the tests.
 */
function mergeWorkerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/db/purchase-runs-worker.js', here) : new URL('./purchase-runs-worker.js', here);
}

/** Copies `r` into `out` at `at`; returns the end. */
function copyInto(out: Run, at: number, r: Run): number {
  out.customer.set(r.customer, at);
  out.day.set(r.day, at);
  out.orders.set(r.orders, at);
  out.gross.set(r.gross, at);
  out.net.set(r.net, at);
  return at + r.customer.length;
}

/** Currencies that have runs. */
export function runCurrencies(db: Db): string[] {
  return db.prepare('SELECT DISTINCT currency FROM purchase_runs ORDER BY 1').pluck().all() as string[];
}

/**
 * Buffered deltas of one writer. `add` is cheap; `flush` sorts the buffer and writes one run per
 * (currency, bucket); `finish` flushes and compacts buckets that have too many runs.
 */
export class PurchaseDeltas {
  private n = 0;
  private customer: Int32Array;
  private day: Int32Array;
  private orders: Int32Array;
  private gross: Float64Array;
  private net: Float64Array;
  private currency: Uint16Array;
  private readonly currencies: string[] = [];
  private lastCurrency = '';
  private lastCurrencyIndex = -1;
  private readonly touched = new Set<string>();
  /**
   * The run being collapsed and its blob, reused from group to group (grown as needed): new arrays for each
   * of a flush's groups were garbage that outlived the flush (a few small wrappers do not prompt a
   * collection), about 28 MB of it per flush of 512k entries.
   */
  private run: Run = allocRun(0);
  private readonly blob = { buf: new Uint8Array(0) };
  /** flush's sort: the entries' order, a second array for its passes, and each entry's group (reused). */
  private order = new Int32Array(0);
  private scratch = new Int32Array(0);
  private group = new Int32Array(0);
  private readonly stmt;

  constructor(
    private readonly db: Db,
    private readonly capacity = BUFFER_ENTRIES,
  ) {
    this.customer = new Int32Array(Math.min(capacity, FIRST_ENTRIES));
    this.day = new Int32Array(Math.min(capacity, FIRST_ENTRIES));
    this.orders = new Int32Array(Math.min(capacity, FIRST_ENTRIES));
    this.gross = new Float64Array(Math.min(capacity, FIRST_ENTRIES));
    this.net = new Float64Array(Math.min(capacity, FIRST_ENTRIES));
    this.currency = new Uint16Array(Math.min(capacity, FIRST_ENTRIES));
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO purchase_runs (currency, bucket, run, entries, data) VALUES (?, ?, (SELECT coalesce(max(run), 0) + 1 FROM purchase_runs WHERE currency = ? AND bucket = ?), ?, ?)',
      ),
      count: db.prepare('SELECT count(*) FROM purchase_runs WHERE currency = ? AND bucket = ?').pluck(),
      read: db.prepare('SELECT entries, data FROM purchase_runs WHERE currency = ? AND bucket = ? ORDER BY run').raw(true),
      drop: db.prepare('DELETE FROM purchase_runs WHERE currency = ? AND bucket = ?'),
    };
  }

  /** One order's contribution (sign +1) or its withdrawal (sign −1). `customer` < 0: −source of a buyerless order. */
  add(customer: number, day: number, currency: string, sign: 1 | -1, gross: number, net: number): void {
    if (this.n === this.customer.length) {
      if (this.n === this.capacity) this.flush();
      else this.grow();
    }
    let c = this.lastCurrencyIndex;
    if (currency !== this.lastCurrency) {
      c = this.currencies.indexOf(currency);
      if (c < 0) c = this.currencies.push(currency) - 1;
      this.lastCurrency = currency;
      this.lastCurrencyIndex = c;
    }
    const i = this.n++;
    this.customer[i] = customer;
    this.day[i] = day;
    this.orders[i] = sign;
    this.gross[i] = sign * gross + 0; // + 0: never -0
    this.net[i] = sign * net + 0;
    this.currency[i] = c;
  }

  /** Four times the room (at most `capacity`), the entries kept: a small import never allocates the full buffer. */
  private grow(): void {
    const size = Math.min(this.capacity, this.customer.length * 4);
    const more = <T extends Int32Array | Float64Array | Uint16Array>(a: T, b: T): T => {
      b.set(a as never);
      return b;
    };
    this.customer = more(this.customer, new Int32Array(size));
    this.day = more(this.day, new Int32Array(size));
    this.orders = more(this.orders, new Int32Array(size));
    this.gross = more(this.gross, new Float64Array(size));
    this.net = more(this.net, new Float64Array(size));
    this.currency = more(this.currency, new Uint16Array(size));
  }

  /** Writes the buffered deltas as runs: one per (currency, bucket), sorted by customer and day. */
  flush(): void {
    const n = this.n;
    if (n === 0) return;
    this.n = 0;
    const customer = this.customer;
    const currency = this.currency;
    if (this.order.length < n) {
      this.order = new Int32Array(this.customer.length);
      this.scratch = new Int32Array(this.customer.length);
      this.group = new Int32Array(this.customer.length);
    }
    const { order, scratch, group } = this;
    // counting sort of the entries by group = (currency, bucket), each entry's group computed once
    let minBucket = 0x7fffffff;
    let maxBucket = -1;
    for (let i = 0; i < n; i++) {
      const b = bucketOf(customer[i]);
      if (b < minBucket) minBucket = b;
      if (b > maxBucket) maxBucket = b;
    }
    const buckets = maxBucket - minBucket + 1;
    const groups = this.currencies.length * buckets;
    const start = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) {
      const g = currency[i] * buckets + bucketOf(customer[i]) - minBucket;
      group[i] = g;
      start[g + 1]++;
    }
    for (let g = 0; g < groups; g++) start[g + 1] += start[g];
    const fill = start.slice(0, groups);
    for (let i = 0; i < n; i++) order[fill[group[i]]++] = i;
    for (let g = 0; g < groups; g++) {
      const from = start[g];
      const to = start[g + 1];
      if (from === to) continue;
      if (this.run.customer.length < to - from) this.run = allocRun(Math.max(to - from, Math.ceil(this.run.customer.length * 1.5)));
      this.sortGroup(order, scratch, from, to, this.run);
      const run = collapseSorted(this.run, to - from);
      if (run.customer.length === 0) continue;
      const cur = this.currencies[Math.floor(g / buckets)];
      const bucket = (g % buckets) + minBucket;
      // the blob is copied when bound (better-sqlite3 binds with SQLITE_TRANSIENT): the buffer may be reused
      this.stmt.insert.run(cur, bucket, cur, bucket, run.customer.length, encodeRun(run, run.customer.length, this.blob));
      this.touched.add(`${cur}\u0001${bucket}`);
    }
  }

  /**
   * The entries order[from, to), sorted by (customer, day), copied into out[0, to − from): two stable counting
   * sorts (day, then customer), the last of which moves the entries themselves (an order of indices read back
   * entry by entry in customer order was a cache miss or more an entry); the first is left out when the group is
   * by day already.
   */
  private sortGroup(order: Int32Array, scratch: Int32Array, from: number, to: number, out: Run): void {
    const dayOf = this.day;
    const customerOf = this.customer;
    let minDay = Infinity;
    let maxDay = -Infinity;
    let minCustomer = Infinity;
    let maxCustomer = -Infinity;
    // deltas come in the file's order, and most exports are in date order: then the group is by day already
    let byDay = true;
    let lastDay = -Infinity;
    for (let k = from; k < to; k++) {
      const i = order[k];
      const d = dayOf[i];
      const c = customerOf[i];
      if (d < lastDay) byDay = false;
      lastDay = d;
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
      if (c < minCustomer) minCustomer = c;
      if (c > maxCustomer) maxCustomer = c;
    }
    const LIMIT = 1 << 22;
    if (maxDay - minDay >= LIMIT || maxCustomer - minCustomer >= LIMIT) {
      const part = Array.from(order.subarray(from, to)).sort((a, b) => customerOf[a] - customerOf[b] || dayOf[a] - dayOf[b] || a - b);
      for (let k = 0; k < part.length; k++) this.copyEntry(part[k], out, k);
      return;
    }
    let src = order;
    if (!byDay) {
      countingPass(order, scratch, from, to, dayOf, minDay, maxDay - minDay + 1);
      src = scratch;
    }
    // the stable pass by customer, writing the entries in place
    const range = maxCustomer - minCustomer + 1;
    const count = new Int32Array(range + 1);
    for (let k = from; k < to; k++) count[customerOf[src[k]] - minCustomer + 1]++;
    for (let r = 0; r < range; r++) count[r + 1] += count[r];
    const { customer: oc, day: od, orders: oo, gross: og, net: on } = out;
    const { orders, gross, net } = this;
    for (let k = from; k < to; k++) {
      const i = src[k];
      const c = customerOf[i];
      const at = count[c - minCustomer]++;
      oc[at] = c;
      od[at] = dayOf[i];
      oo[at] = orders[i];
      og[at] = gross[i];
      on[at] = net[i];
    }
  }

  private copyEntry(i: number, out: Run, at: number): void {
    out.customer[at] = this.customer[i];
    out.day[at] = this.day[i];
    out.orders[at] = this.orders[i];
    out.gross[at] = this.gross[i];
    out.net[at] = this.net[i];
  }

  /** Flushes, then merges the runs of every bucket this writer touched that has more than MAX_RUNS. */
  finish(): void {
    this.flush();
    for (const key of this.touched) {
      const [currency, b] = key.split('\u0001');
      const bucket = Number(b);
      if ((this.stmt.count.get(currency, bucket) as number) <= MAX_RUNS) continue;
      this.compact(currency, bucket);
    }
    this.touched.clear();
  }

  private compact(currency: string, bucket: number): void {
    const runs: Run[] = [];
    for (const [n, blob] of this.stmt.read.iterate(currency, bucket) as Iterable<[number, Buffer]>) runs.push(decodeRun(blob, n, `the purchase runs of bucket ${bucket} (${currency})`));
    const merged = mergeRuns(runs);
    this.stmt.drop.run(currency, bucket);
    if (merged.customer.length > 0) {
      this.db.prepare("INSERT INTO purchase_runs (currency, bucket, run, entries, data) VALUES (?, ?, 1, ?, ?)").run(currency, bucket, merged.customer.length, encodeRun(merged, merged.customer.length, this.blob));
    }
  }
}

/**
 * Rebuilds the runs when a migration marked them stale (meta `purchase_runs_stale`: a migration that changes
 * what the runs hold sets it with plain SQL instead of calling this code). Runs in the migrating transaction.
 */
export function rebuildStaleRuns(db: Db): void {
  if (db.prepare("SELECT 1 FROM meta WHERE key = 'purchase_runs_stale'").get() === undefined) return;
  rebuildPurchaseRuns(db);
  db.prepare("DELETE FROM meta WHERE key = 'purchase_runs_stale'").run();
}

/**
 * Recomputes all runs from the stored orders (stale runs after a migration; doctor's repair). The orders are
 * read in pages of ids: the deltas are flushed to the table as the buffer fills (`capacity`: tests), and a
 * statement still iterating would hold the connection.
 */
export function rebuildPurchaseRuns(db: Db, capacity = BUFFER_ENTRIES): void {
  db.prepare('DELETE FROM purchase_runs').run();
  const deltas = new PurchaseDeltas(db, capacity);
  const page = db
    .prepare(
      `SELECT o.id, coalesce(o.customer_id, -o.source), o.day, ${rowCurrencySql('o', 's')}, o.gross, o.net FROM order_rows o JOIN sources s ON s.id = o.source
       WHERE o.id > ? AND o.status IN (${COUNTED_CODES_SQL}) ORDER BY o.id LIMIT ${REBUILD_PAGE}`,
    )
    .raw(true);
  for (let after = -Infinity; ; ) {
    const rows = page.all(after) as [number, number, number, string, number, number][];
    for (const [, customer, day, currency, gross, net] of rows) deltas.add(customer, day, currency, 1, gross, net);
    if (rows.length < REBUILD_PAGE) break;
    after = rows[rows.length - 1][0];
  }
  deltas.finish();
}

/** Orders read at a time by rebuildPurchaseRuns. */
const REBUILD_PAGE = 50_000;
