/**
 * The reading half of an import alone (issue 21): the file mapped and its batches encoded as the reading thread
 * does (map-worker.ts), in this thread, nothing written. Prints the CPU seconds (this process: user + system,
 * which includes V8's helper threads), the wall seconds and the outcomes; with --check also a digest of every
 * batch as the writer decodes it into columns (outside the timing's purpose: it adds the decoding and a JSON
 * text), so that two builds can be checked to hand the writer the same outcomes (digests before 2026-12-06 s9
 * were of decodeBatch's objects: compare only builds that both digest columns).
 *
 *   npm run build && node bench/read-half.js FILE [--runs N] [--platform P] [--check] [--rows]
 *
 * --rows: every chunk read as rows and mapped as objects (no plain chunks encoded straight: MapOptions.encoded
 * off), the reading thread before 2026-12-06 s12; the same digest either way.
 *
 * Profile it with `node --cpu-prof bench/read-half.js FILE`.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openMappedFile } from '../dist/import/map-file.js';
import { decodeColumns, encodeBatch } from '../dist/import/mapped-codec.js';
import { DecodedBatch, MARK_NUMBERS } from '../dist/import/mapped-batch.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
if (!file) {
  console.error('usage: node bench/read-half.js FILE [--runs N] [--platform P] [--check] [--rows]');
  process.exit(2);
}
const runs = Number(opt('--runs', '1'));
const platform = opt('--platform', 'auto');
const check = args.includes('--check');
const encoded = !args.includes('--rows');
const secret = 'bench-read-half-secret-0123456789abcdef';

const TEXTS = ['orderId', 'statusRaw', 'currency', 'items', 'buyerValue', 'storedKey', 'storedDisplay', 'storedClear'];
const NUMBERS = ['line', 'orderedMs', 'day', 'gross', 'discount', 'shipping', 'refunded', 'net', 'itemCount', 'slot', 'status', 'buyerKind'];

/** Everything a decoded batch holds for the writer: its orders' columns, then its events (rejects, item lists, chunk marks). */
function digestColumns(digest, d) {
  const c = d.orders;
  const n = c.length;
  digest.update(JSON.stringify([d.rows, n, ...TEXTS.map((f) => c[f].slice(0, n))]));
  for (const f of NUMBERS) digest.update(new Uint8Array(c[f].buffer, c[f].byteOffset, n * c[f].BYTES_PER_ELEMENT));
  const marks = Array.from(d.eventWhat.subarray(0, d.events)).filter((w) => w >= 0).length;
  digest.update(JSON.stringify([Array.from(d.eventAt.subarray(0, d.events)), Array.from(d.eventWhat.subarray(0, d.events)), Array.from(d.marks.subarray(0, marks * MARK_NUMBERS)), d.other]));
}

for (let r = 0; r < runs; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const mapped = await openMappedFile(file, { platform, encoding: 'auto', keepCells: false, buyers: { secret, keepPii: false }, idKey: secret, encoded });
  mapped.useChunks(null);
  const digest = createHash('md5');
  const decoded = new DecodedBatch();
  let outcomes = 0;
  let rows = 0;
  for await (const batch of mapped.batches) {
    const e = encodeBatch(batch);
    outcomes += e.count;
    rows += e.rows;
    if (check) digestColumns(digest, decodeColumns(e, decoded));
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  console.log(
    `${file}: ${rows} rows, ${outcomes} outcomes, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, wall ${wall.toFixed(2)} s${check ? `, outcomes md5 ${digest.digest('hex')}` : ''}`,
  );
}
