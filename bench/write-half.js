/**
 * The writing half of a fresh import alone (issue 21): a file's batches as the reading thread hands them over
 * (mapped-codec.ts encodeBatch), kept in a file once, then decoded and written into a new store as the importing
 * thread does (import/importer.ts readAndWrite: decodeColumns, OrderWriter.writeColumns between the chunk marks,
 * finishImport, COMMIT), nothing else running. Prints the CPU seconds of the process (user + system: V8's helper
 * threads included) and the wall seconds of the writing alone, so that two builds' writers can be paired on the
 * same input without the reading thread's noise; with --md5, the md5 of every table as stored.
 *
 *   npm run build && node bench/write-half.js FILE --enc /tmp/x.enc [--dist DIR] [--runs N] [--md5]
 *
 * The encoded batches are made by this tree's reading half (dist/) the first time and reused: pair builds whose
 * encodeBatch is the same. `--dist DIR`: the writing half of another build (its dist/ folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const file = args[0]?.startsWith('--') ? undefined : args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(opt('--dist', path.join(here, '..', 'dist')));
const enc = opt('--enc');
const runs = Number(opt('--runs', '1'));
if (!file || !enc) {
  console.error('usage: node bench/write-half.js FILE --enc OUT.enc [--dist DIR] [--runs N] [--md5]');
  process.exit(2);
}
const secret = 'bench-write-half-secret-0123456789abcdef';

/** The file's batches, encoded: [rows, count, nums length, text length] then the numbers, then the text (UTF-16). */
async function encodeFile() {
  const { openMappedFile } = await import(path.join(here, '..', 'dist/import/map-file.js'));
  const { encodeBatch } = await import(path.join(here, '..', 'dist/import/mapped-codec.js'));
  const mapped = await openMappedFile(file, { platform: 'auto', encoding: 'auto', keepCells: false, buyers: { secret, keepPii: false }, idKey: secret });
  mapped.useChunks(null);
  const parts = [];
  for await (const batch of mapped.batches) {
    const e = encodeBatch(batch);
    if (e.other.length > 0) throw new Error('write-half: rejects or item lists are not kept in the encoded file');
    // the whole buffer (the decoder reads as far as the batch's outcomes go)
    const used = e.nums.length;
    const head = new Float64Array([e.rows, e.count, used, e.text.length]);
    parts.push(Buffer.from(head.buffer), Buffer.from(e.nums.buffer, 0, used * 8), Buffer.from(e.text, 'utf16le'));
  }
  const meta = { platform: mapped.platform, shop: mapped.shop.name, layout: mapped.layout, encoding: mapped.encoding };
  const metaBytes = Buffer.from(JSON.stringify(meta));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(metaBytes.length);
  writeFileSync(enc, Buffer.concat([len, metaBytes, ...parts]));
  await mapped.close();
}

function loadEncoded() {
  const buf = readFileSync(enc);
  const metaLen = buf.readUInt32LE(0);
  const meta = JSON.parse(buf.subarray(4, 4 + metaLen).toString());
  const batches = [];
  for (let at = 4 + metaLen; at < buf.length; ) {
    const head = new Float64Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + 32));
    at += 32;
    const [rows, count, used, textLen] = head;
    const nums = new Float64Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + used * 8));
    at += used * 8;
    const text = buf.subarray(at, at + textLen * 2).toString('utf16le');
    at += textLen * 2;
    batches.push({ rows, count, nums, text, other: [] });
  }
  return { meta, batches };
}

if (!existsSync(enc)) await encodeFile();
const { meta, batches } = loadEncoded();
const { openDb } = await import(path.join(dist, 'db/open.js'));
const { OrderWriter } = await import(path.join(dist, 'db/store.js'));
const { decodeColumns } = await import(path.join(dist, 'import/mapped-codec.js'));
const { DecodedBatch } = await import(path.join(dist, 'import/mapped-batch.js'));
const { NO_BUYER } = await import(path.join(dist, 'domain/order-columns.js'));

for (let run = 0; run < runs; run++) {
  const dbPath = `/tmp/write-half-${process.pid}.db`;
  rmSync(dbPath, { force: true });
  const db = openDb(dbPath, { create: true, holdNew: true });
  db.pragma('cache_size = -4096');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  db.exec('BEGIN IMMEDIATE');
  const writer = new OrderWriter(db, meta.platform, meta.shop, false, secret);
  writer.startImport({ path: file, sha256: '', platform: meta.platform, shop: meta.shop, encoding: meta.encoding, startedAt: new Date(0).toISOString() });
  writer.recordChunks(JSON.stringify(['write-half', meta.layout]));
  const decoded = new DecodedBatch();
  const mark = { chunk: { lo: 0, hi: 0, rows: 0, orders: 0, skip: -1, count: 1, clean: false, buyerless: false } };
  let read = 0;
  let withoutBuyer = 0;
  for (const e of batches) {
    const d = decodeColumns(e, decoded);
    const cols = d.orders;
    let i = 0;
    for (let k = 0; k <= d.events; k++) {
      const until = k < d.events ? d.eventAt[k] : cols.length;
      for (let j = i; j < until; j++) if (cols.buyerKind[j] === NO_BUYER) withoutBuyer++;
      if (until > i) writer.writeColumns(cols, i, until);
      i = until;
      if (k === d.events) break;
      d.markInto(d.eventWhat[k], mark.chunk);
      writer.chunk(mark.chunk);
    }
    read += d.rows;
  }
  writer.flush();
  const counts = { read, inserted: writer.counts.inserted, updated: writer.counts.updated, unchanged: writer.counts.unchanged, stale: writer.counts.stale, rejected: 0 };
  writer.finishImport(counts, new Date(0).toISOString());
  db.exec('COMMIT');
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  let md5 = '';
  if (args.includes('--md5')) {
    const h = createHash('md5');
    for (const t of ['order_rows', 'customer_rows', 'purchase_runs', 'row_chunks', 'sources']) {
      for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw(true).iterate()) h.update(JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
    md5 = ` md5 ${h.digest('hex')}`;
  }
  db.close();
  rmSync(dbPath, { force: true });
  rmSync(`${dbPath}-journal`, { force: true });
  console.log(`${path.basename(path.dirname(dist))} ${path.basename(file)}: ${counts.inserted} inserted, ${withoutBuyer} without buyer, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, wall ${wall.toFixed(3)} s${md5}`);
}
