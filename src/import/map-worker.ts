/**
 * Worker-thread entry of the reading half (reading-thread.ts starts it, map-thread.ts talks to it): maps the
 * file its first message names and posts its batches, encoded (mapped-codec.ts), no more than a few ahead of
 * the writer's acknowledgements. It may be started before the file is known (reading-thread.ts): it loads,
 * then waits.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DataError, InputError, UsageError } from '../errors.js';
import type { Said } from '../report/said.js';
import { encodeBatch } from './mapped-codec.js';
import { openMappedFile, type MapOptions } from './map-file.js';
import type { PriorDigests } from './row-chunks.js';

/** Batches posted but not yet written (16 × 512 outcomes: enough to ride out the writer's longer flushes). */
const AHEAD = 16;
/** Credit the thread waits for once it has none (the writer still has AHEAD − RESUME batches to write meanwhile). */
const RESUME = 8;

export interface ThreadError {
  name: string;
  message: string;
  file?: string;
  line?: number | null;
  reason?: string | Said;
  /** A catalogue message (UsageError, DataError): a plain object, as it crosses the thread. */
  said?: Said;
}

// started by the binary's main thread for the command's thread, it talks through the port it was given, and
// ends when the command's thread says 'stop' or closes that port (reading-thread.ts)
const given = (workerData as { port?: MessagePort } | null)?.port;
const port = given ?? parentPort;
if (!port) throw new Error('map-worker.ts runs as a worker thread');
given?.once('close', () => process.exit(0));

let credit = AHEAD;
let wake: (() => void) | null = null;
/** The earlier import's chunk digests (MappedFile.useChunks), sent once after 'opened'. */
let chunks: { digests: PriorDigests | null } | null = null;
/** Number buffers the writer is done with (mapped-codec.ts encodeBatch fills them again). */
const spare: Float64Array[] = [];
/** The file to read and how (the first message). */
let start: { file: string; opts: MapOptions } | null = null;
type Message = { type: 'start'; file: string; opts: MapOptions } | { type: 'ack'; nums: Float64Array } | { type: 'chunks'; digests: PriorDigests | null } | { type: 'stop' };
port.on('message', (m: Message) => {
  // the import is done with this thread: it ends now, and its memory (about 100 MB at the end of a large file)
  // goes with it, while the import commits
  if (m.type === 'stop') process.exit(0);
  if (m.type === 'ack') {
    credit++;
    spare.push(m.nums);
  } else if (m.type === 'start') start = { file: m.file, opts: m.opts };
  else chunks = { digests: m.digests };
  wake?.();
  wake = null;
});

try {
  while (start === null) await new Promise<void>((resolve) => (wake = resolve));
  const { file, opts } = start as { file: string; opts: MapOptions };
  // every batch goes to encodeBatch here: plain chunks may come already encoded
  const mapped = await openMappedFile(file, { ...opts, encoded: true });
  port.postMessage({ type: 'opened', platform: mapped.platform, label: mapped.label, encoding: mapped.encoding, shop: mapped.shop, settings: mapped.settings, layout: mapped.layout });
  while (chunks === null) await new Promise<void>((resolve) => (wake = resolve));
  mapped.useChunks((chunks as { digests: PriorDigests | null }).digests);
  for await (const batch of mapped.batches) {
    // out of credit: wait until the writer has taken RESUME batches, then read them in one go (waking for each
    // acknowledgement put the thread to sleep once a batch, its caches cold each time it woke)
    if (credit === 0) while (credit < RESUME) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    const encoded = encodeBatch(batch, spare.pop());
    port.postMessage({ type: 'batch', batch: encoded }, [encoded.nums.buffer as ArrayBuffer]);
  }
  port.postMessage({ type: 'end', notes: mapped.notes(), sha256: mapped.sha256(), concluded: mapped.concluded() });
} catch (e) {
  const err = e as Error;
  const out: ThreadError = { name: err.name, message: err.message };
  if (e instanceof InputError) Object.assign(out, { file: e.file, line: e.line, reason: e.reason });
  else if ((e instanceof DataError || e instanceof UsageError) && e.said) out.said = e.said;
  port.postMessage({ type: 'error', error: out });
}
