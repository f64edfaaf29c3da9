// The writer's record of row chunks (db/row-chunks.ts ChunkRecorder): a chunk is recorded when it was marked and
// all its orders were resolved, only if every order was stored as it is with consecutive ids, and in the order
// chunks settle. Hundreds of chunks open at once (more than its first room), settled out of order, some before
// their mark: the parts stored are those an independent replay of the same events expects.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { ChunkRecorder, loadChunks } from '../src/db/row-chunks.js';
import { chunkBlocks, chunkSealer } from '../src/db/sealed-digests.js';
import { tempDir } from './cli-harness.js';

interface Chunk {
  lo: number;
  hi: number;
  rows: number;
  orders: number;
  buyerless: boolean;
  dirty: boolean;
  first: number;
  left: number;
}

describe('the row chunks an import records', () => {
  it('are the clean ones, in the order they settle, however many are open and in whatever order they settle', () => {
    const db = openDb(path.join(tempDir(), 'chunks.db'), { create: true });
    db.prepare("INSERT INTO sources (platform, shop) VALUES ('generic', 'default')").run();
    const source = db.prepare('SELECT id FROM sources').pluck().get() as number;
    const secret = 'a secret of the test';
    const rec = new ChunkRecorder(db, source, 'key-1', secret);
    const chunks: Chunk[] = [];
    /** Written, not yet resolved: [seq, index, id, asIs, orders] (more than one: resolved as a run). */
    type Written = [number, number, number, boolean, number];
    const waiting: Written[] = [];
    const late: Written[] = [];
    const settled: number[] = [];
    let id = 1000;
    const resolve = ([seq, index, oid, asIs, run]: Written) => {
      if (run > 1) rec.resolvedRun(seq, index, run, oid);
      else rec.resolved(seq, index, oid, asIs);
      const c = chunks[seq];
      if (!asIs) c.dirty = true;
      if (c.first < 0) c.first = oid - index;
      else if (oid - index !== c.first) c.dirty = true;
      c.left -= run;
      if (c.left === 0 && seq < marked) settled.push(seq);
    };
    let marked = 0;
    const N = 1500;
    for (let c = 0; c < N; c++) {
      const orders = c % 5;
      chunks.push({ lo: c * 3 - 2000, hi: -c, rows: orders + 1, orders, buyerless: c % 7 === 0, dirty: false, first: -1, left: orders });
      for (let j = 0; j < orders; j++) {
        expect(rec.current).toBe(c);
        const index = rec.written();
        // ids skip one in chunk 100 (not consecutive); chunk 13k+5 has an order stored otherwise than it reads
        const oid = c === 100 && j === 1 ? ++id + 1 : ++id;
        const e: Written = [c, index, oid, c % 13 !== 5, 1];
        // chunks 11k+3 settle only at the very end; 17k resolve before their mark; the rest a batch later
        if (c % 11 === 3) late.push(e);
        else if (c % 17 === 0) resolve(e);
        else waiting.push(e);
      }
      if (c === 100) id++;
      // chunks 19k+2 (not 11k+3 nor 17k) settle their orders as one run
      if (c % 19 === 2 && c % 11 !== 3 && c % 17 !== 0 && orders > 1) {
        const run = waiting.splice(waiting.length - orders, orders);
        waiting.push([c, run[0][1], run[0][2], true, orders]);
      }
      rec.mark({ lo: chunks[c].lo, hi: chunks[c].hi, rows: chunks[c].rows, orders, skip: -1, count: 1, clean: true, buyerless: chunks[c].buyerless });
      marked = c + 1;
      if (orders === 0 || chunks[c].left === 0) settled.push(c);
      // the writer settles what it wrote every 300 chunks or so: hundreds open at once
      if (c % 300 === 299) waiting.splice(0).forEach(resolve);
    }
    waiting.splice(0).forEach(resolve);
    late.reverse().forEach(resolve);
    rec.finish();

    const want = settled.map((s) => chunks[s]).filter((c) => c.orders > 0 && !c.dirty);
    expect(want.length).toBeGreaterThan(600);
    const got = loadChunks(db, source, 'key-1', secret);
    expect(got).not.toBeNull();
    if (!got) return;
    expect(Array.from(got.digests)).toEqual(want.flatMap((c) => [c.lo, c.hi, c.rows]));
    expect(Array.from(got.first)).toEqual(want.map((c) => c.first));
    expect(Array.from(got.orders)).toEqual(want.map((c) => c.orders));
    expect(Array.from(got.buyerless)).toEqual(want.map((c) => (c.buyerless ? 1 : 0)));
    db.close();
  });
});

describe("a recorder's one cipher for all its parts (sealed-digests.ts chunkSealer)", () => {
  it('seals part after part as chunkBlocks seals each alone, and chunkBlocks opens them again', () => {
    const secret = 'a secret of the test';
    const seal = chunkSealer(secret);
    for (const blocks of [1, 8192, 3, 500]) {
      const part = Buffer.alloc(blocks * 16);
      for (let i = 0; i < part.length; i++) part[i] = (i * 131 + blocks) & 255;
      const sealed = seal(part);
      expect(sealed.equals(chunkBlocks(secret, part, 'seal'))).toBe(true);
      expect(chunkBlocks(secret, sealed, 'open').equals(part)).toBe(true);
    }
    expect(() => seal(Buffer.alloc(20))).toThrow(/not a whole number of blocks/);
  });
});
