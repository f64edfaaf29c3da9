/**
 * A seeded fuzz test of the importer (issue 13): random bytes, mutated valid exports (every CSV fixture) and
 * mutated workbooks (the xlsx fixtures, their XML parts mutated and zipped again, or their bytes mutated).
 * Each case is imported into a database that already holds orders. Whatever the file, the import ends with
 * exit 0, 1 or 2, no stack trace and under 64 KB on stderr; on exit 1 the database passes
 * `PRAGMA integrity_check` and holds exactly what it held before.
 *
 * `npm test` runs ORDERLENS_FUZZ_CASES cases (default 400) within a minute; set it higher for a longer run,
 * and ORDERLENS_FUZZ_SEED to replay another sequence.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { ZipArchive } from '../src/import/zip-archive.js';
import { fixture, tempDir } from './cli-harness.js';
import { zipBuffer, type ZipInput } from './write-zip.js';

const CASES = Number(process.env.ORDERLENS_FUZZ_CASES ?? 400);
const SEED = Number(process.env.ORDERLENS_FUZZ_SEED ?? 20261205);
/** npm test's bound on the run, however slow the machine: the cases after it are left for longer runs. */
const BUDGET_MS = process.env.ORDERLENS_FUZZ_CASES ? Infinity : 50_000;

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const dir = tempDir('orderlens-fuzz-');
const csvFixtures = ['generic', 'shopify', 'taobao', 'jd', 'douyin', 'pinduoduo', 'etsy', 'ebay', 'amazon', 'rfm'].flatMap((d) =>
  readdirSync(fixture(d))
    .filter((f) => /\.(csv|tsv|txt)$/.test(f))
    .map((f) => readFileSync(fixture(d, f))),
);
const xlsxFixtures = ['shopee', 'lazada'].flatMap((d) =>
  readdirSync(fixture(d))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => fixture(d, f)),
);

const NASTY = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\u0000', '\u001b[31m', '\u202e', '\uFEFF', '=cmd|', '-1e308', '9999-12-31', '+99:99', 'NaN', '1e400', '𝟘', '张三', '\\', "'", '<', '&amp;', ']]>'];

/** Applies 1–8 random mutations to a byte string. */
function mutate(bytes: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(bytes);
  const times = 1 + Math.floor(rnd() * 8);
  for (let t = 0; t < times; t++) {
    const at = Math.floor(rnd() * (b.length + 1));
    const kind = Math.floor(rnd() * 7);
    if (kind === 0 && b.length > 0) b[Math.min(at, b.length - 1)] = Math.floor(rnd() * 256);
    else if (kind === 1) b = Buffer.concat([b.subarray(0, at), Buffer.from(NASTY[Math.floor(rnd() * NASTY.length)]), b.subarray(at)]);
    else if (kind === 2) b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + Math.floor(rnd() * 64)))]);
    else if (kind === 3) {
      const len = Math.floor(rnd() * 200);
      b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + len), b.subarray(at)]);
    } else if (kind === 4) b = Buffer.concat([b.subarray(0, at), Buffer.alloc(Math.floor(rnd() * 3000), NASTY[Math.floor(rnd() * 4)]), b.subarray(at)]);
    else if (kind === 5) b = b.subarray(0, at);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: Math.floor(rnd() * 32) }, () => Math.floor(rnd() * 256))), b.subarray(at)]);
  }
  return b;
}

async function parts(file: string): Promise<ZipInput[]> {
  const archive = await ZipArchive.open(file);
  const out: ZipInput[] = [];
  for (const entry of archive.entries) {
    const chunks: Buffer[] = [];
    for await (const c of archive.read(entry)) chunks.push(c);
    out.push({ name: entry.name, data: Buffer.concat(chunks) });
  }
  return out;
}

/** A database with some orders in it already. */
async function seededDb(name: string): Promise<string> {
  const db = path.join(dir, name);
  const io = memoryIo();
  expect(await run(['--db', db, 'import', fixture('generic', 'utf8.csv')], io), io.err()).toBe(0);
  return db;
}

function state(db: string): { integrity: string; digest: string } {
  const d = new Database(db, { readonly: true });
  try {
    const integrity = (d.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
    const digest = JSON.stringify([
      d.prepare('SELECT count(*), total(net), total(gross), group_concat(order_id) FROM orders').raw().get(),
      d.prepare('SELECT count(*), group_concat(buyer_key) FROM customers').raw().get(),
      d.prepare('SELECT count(*), total(entries) FROM purchase_runs').raw().get(),
      d.prepare('SELECT count(*) FROM imports').pluck().get(),
    ]);
    return { integrity, digest };
  } finally {
    d.close();
  }
}

describe('fuzzing the importer', () => {
  it(`${CASES} generated files (seed ${SEED}): exit 0/1/2, no stack trace, short stderr, the database whole`, async () => {
    const rnd = prng(SEED);
    const books = await Promise.all(xlsxFixtures.map(parts));
    const db = await seededDb('fuzz.db');
    let before = state(db);
    const started = Date.now();
    const seen = { 0: 0, 1: 0, 2: 0 };
    for (let i = 0; i < CASES && Date.now() - started < BUDGET_MS; i++) {
      const pick = rnd();
      let data: Buffer;
      let ext = 'csv';
      if (pick < 0.15) data = Buffer.from(Array.from({ length: Math.floor(rnd() * 3000) }, () => Math.floor(rnd() * 256)));
      else if (pick < 0.7) data = mutate(csvFixtures[Math.floor(rnd() * csvFixtures.length)], rnd);
      else {
        ext = 'xlsx';
        const book = books[Math.floor(rnd() * books.length)];
        if (pick < 0.9) {
          // mutate the XML of one or two parts, then zip again: the reader gets past the zip layer
          const copy = book.map((p) => ({ ...p }));
          for (let k = 0; k < 1 + Math.floor(rnd() * 2); k++) {
            const target = copy[Math.floor(rnd() * copy.length)];
            target.data = mutate(Buffer.from(target.data), rnd);
          }
          data = zipBuffer(copy);
        } else data = mutate(zipBuffer(book), rnd);
      }
      const file = path.join(dir, `case-${i}.${ext}`);
      writeFileSync(file, data);
      const io = memoryIo();
      const code = await run(['--db', db, 'import', file], io);
      const err = io.err();
      const where = `case ${i} (seed ${SEED}): ${file}\n${err.slice(0, 2000)}`;
      expect([0, 1, 2], where).toContain(code);
      expect(err, where).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(err, where).not.toContain('unexpected:');
      expect(err.length, where).toBeLessThan(64 * 1024);
      seen[code as 0 | 1 | 2]++;
      const after = state(db);
      expect(after.integrity, where).toBe('ok');
      if (code === 1) expect(after.digest, where).toBe(before.digest);
      before = after;
    }
    // the generator reaches both outcomes, or it tests little
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBeGreaterThan(0);
  }, 120_000);
});
