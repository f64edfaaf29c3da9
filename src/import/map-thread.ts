/**
 * The reading half of an import in a worker thread: the same MappedFile as openMappedFile gives, while
 * reading, tokenizing and mapping run on the second core and the importing thread only writes.
 */
import { DataError, InputError, UsageError } from '../errors.js';
import { decodeColumns, type EncodedBatch } from './mapped-codec.js';
import { DecodedBatch, type MappedBatch } from './mapped-batch.js';
import type { Concluded, MapOptions, MappedFile } from './map-file.js';
import type { ThreadError } from './map-worker.js';
import type { PriorDigests } from './row-chunks.js';
import { said, type Said } from '../report/said.js';
import { readingThread } from './reading-thread.js';

type Message =
  | { type: 'opened'; platform: string; label: string; encoding: string; shop: MappedFile['shop']; settings: MappedFile['settings']; layout: string }
  | { type: 'batch'; batch: EncodedBatch }
  | { type: 'end'; notes: Said[]; sha256: string; concluded: Concluded }
  | { type: 'error'; error: ThreadError }
  | { type: 'stopped'; why: string };

function rebuild(e: ThreadError): Error {
  if (e.name === 'InputError' && e.file !== undefined && e.reason !== undefined) return new InputError(e.file, e.line ?? null, e.reason);
  if (e.name === 'UsageError') return new UsageError(e.said ?? e.message);
  if (e.name === 'DataError') return new DataError(e.said ?? e.message);
  return new Error(e.message);
}

export async function openMappedInThread(file: string, opts: MapOptions): Promise<MappedFile> {
  // started early for the command line's file, or now (reading-thread.ts)
  const worker = readingThread(file, opts);
  const queue: Message[] = [];
  let waiting: ((m: Message) => void) | null = null;
  let done = false;
  const deliver = (m: Message) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else queue.push(m);
  };
  worker.on('message', (m: Message) => deliver(m));
  worker.on('error', (e) => deliver({ type: 'stopped', why: e.message }));
  worker.on('exit', (code) => {
    if (!done) deliver({ type: 'stopped', why: `exit code ${code}` });
  });
  const next = (): Promise<Message> => {
    const m = queue.shift();
    return m ? Promise.resolve(m) : new Promise((resolve) => (waiting = resolve));
  };
  const stop = async () => {
    done = true;
    await worker.terminate();
  };
  const fail = async (m: Message): Promise<never> => {
    await stop();
    if (m.type === 'error') throw rebuild(m.error);
    throw new DataError(said('import.threadStopped', { file, why: m.type === 'stopped' ? m.why : m.type }));
  };

  const first = await next();
  if (first.type !== 'opened') return fail(first);
  let notes: Said[] = [];
  let sha256 = '';
  let concluded: Concluded = { assumedCurrency: null, dateOrder: null, noAmounts: false, skipped: null };
  // the worker waits for the chunk digests (or none) before it maps a row
  let chunksSent = false;
  const useChunks = (digests: PriorDigests | null) => {
    if (chunksSent) throw new Error('useChunks: called twice');
    chunksSent = true;
    worker.postMessage({ type: 'chunks', digests });
  };
  async function* batches(): AsyncGenerator<MappedBatch> {
    if (!chunksSent) useChunks(null);
    // decoded as columns, into the same buffers batch after batch (the writer is done with one before it asks for the next)
    const decoded = new DecodedBatch();
    for (;;) {
      const m = await next();
      if (m.type === 'batch') {
        yield { rows: m.batch.rows, out: [], columns: decodeColumns(m.batch, decoded) };
        // the numbers' buffer goes back with the acknowledgement, to be filled again: a new one a batch (100 KB
        // off the heap) had the writing thread's collector mark its old generation about once a second
        const nums = m.batch.nums;
        worker.postMessage({ type: 'ack', nums }, [nums.buffer as ArrayBuffer]);
      } else if (m.type === 'end') {
        notes = m.notes;
        sha256 = m.sha256;
        concluded = m.concluded;
        await stop();
        return;
      } else await fail(m);
    }
  }
  return {
    platform: first.platform,
    label: first.label,
    encoding: first.encoding,
    shop: first.shop,
    settings: first.settings,
    layout: first.layout,
    useChunks,
    concluded: () => concluded,
    batches: batches(),
    notes: () => notes,
    sha256: () => sha256,
    close: stop,
  };
}
