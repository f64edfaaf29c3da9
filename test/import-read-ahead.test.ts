/**
 * A re-import that skips row chunks finds the stored rows of the orders it does map (those of the chunks that
 * changed) by a range of row ids, between the ids of the chunks skipped before and after them (db/store.ts
 * readAhead), not one key lookup per order. The range may hold other shops' rows, under the same order ids:
 * whatever lies there, the import must say and store what reading every row (looking every order up by its
 * key) says and stores.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type ImportOptions } from '../src/index.js';
import { saidBy, storedIn } from './chunk-compare.js';
import { tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-read-ahead-');
let n = 0;

/** `orders` one-row orders numbered from 5000, with `tag` in the customer ids and amounts of their own. */
function rows(orders: number, tag: string, cents: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < orders; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
    out.push(`${5000 + i},${tag}${i % 97},${day} 10:00:00,${((i * cents) % 9000) / 100 + 10},completed`);
  }
  return out;
}

function write(lines: string[], blank = false): string {
  const file = path.join(dir, `f${++n}.csv`);
  writeFileSync(file, ['order_id,customer,date,amount,status', ...lines].join('\n') + (blank ? '\n\n' : '\n'));
  return file;
}

/** Imports [file, shop] in turn into a new database (the last one with `last` options): what was said and stored. */
async function importAll(files: [string, string][], last: Partial<ImportOptions>) {
  const file = path.join(dir, `d${++n}.db`);
  const db = openDb(file, { create: true });
  const said: string[] = [];
  let skipped = 0;
  for (const [i, [f, shop]] of files.entries()) {
    const r = await importFile(db, f, { platform: 'auto', encoding: 'auto', shop, ...(i === files.length - 1 ? last : {}) });
    said.push(saidBy(r));
    skipped = r.rowsSkipped;
  }
  db.close();
  return { said, skipped, stored: storedIn(file) };
}

describe('a re-import reads the stored rows of the orders it maps by a range of ids', () => {
  it.each([false, true])('another shop with the same order ids between them (thread %s): the same as reading every row', async (thread) => {
    const a = rows(2000, 'A', 137);
    const b = rows(2000, 'B', 251);
    // A's first half, then B, then all of A: A's second half is stored after B's rows
    const aHalf = write(a.slice(0, 1000));
    const bAll = write(b);
    const aAll = write(a);
    // a day later, A's orders refunded around where its halves meet, and a few elsewhere
    const refunded = a.map((line, i) => ([995, 998, 999, 1000, 1001, 1004, 10, 1500, 1999].includes(i) ? line.replace('completed', 'refunded') : line));
    const later = write(refunded, true);
    const files: [string, string][] = [[aHalf, 'A'], [bAll, 'B'], [aAll, 'A'], [later, 'A']];
    const skipping = await importAll(files, { thread });
    const reading = await importAll(files, { thread, reread: true });
    expect(skipping.said).toEqual(reading.said);
    expect(skipping.stored).toEqual(reading.stored);
    expect(reading.skipped).toBe(0);
    expect(skipping.skipped).toBeGreaterThan(1500);
    expect(skipping.said[3]).toMatch(/"updated":9,/);
  });

  it('orders moved within the file and orders added between the changed ones: the same as reading every row', async () => {
    const a = rows(3000, 'A', 137);
    const moved = [...a];
    // two orders trade places, far apart, both changed; new orders next to changed ones
    [moved[200], moved[2600]] = [moved[2600].replace('completed', 'refunded'), moved[200].replace('completed', 'cancelled')];
    moved.splice(1201, 0, '9001,N1,2024-05-05 10:00:00,12.00,completed');
    moved[1200] = moved[1200].replace('completed', 'refunded');
    moved.splice(1800, 1, moved[1800].replace('completed', 'refunded'), '9002,N2,2024-05-06 10:00:00,13.00,completed');
    const files: [string, string][] = [[write(a), 'A'], [write(moved, true), 'A']];
    const skipping = await importAll(files, {});
    const reading = await importAll(files, { reread: true });
    expect(skipping.said).toEqual(reading.said);
    expect(skipping.stored).toEqual(reading.stored);
    expect(skipping.skipped).toBeGreaterThan(2000);
    expect(skipping.said[1]).toMatch(/"inserted":2,"updated":4,/);
  });
});
