/**
 * A batch read in the importing thread itself may carry orders already encoded (MappedBatch.runs: the reading
 * thread's plain chunks, MapOptions.encoded) between the outcomes of its `out`. The importer must write them in
 * their places as the reading thread's batches are written, not drop them: with MapOptions.encoded forced on in
 * this thread, an import stores and says what it does without.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importAllInto } from './chunk-compare.js';
import { tempDir } from './cli-harness.js';

const force = vi.hoisted(() => ({ encoded: false, runs: 0 }));

vi.mock('../src/import/map-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/import/map-file.js')>();
  const openMappedFile: typeof real.openMappedFile = async (file, opts) => {
    const mapped = await real.openMappedFile(file, force.encoded ? { ...opts, encoded: true } : opts);
    const batches = mapped.batches;
    // the encoded orders handed over, counted
    mapped.batches = (async function* () {
      for await (const batch of batches) {
        for (const r of batch.runs ?? []) force.runs += r.count;
        yield batch;
      }
    })();
    return mapped;
  };
  return { ...real, openMappedFile };
});

const dir = tempDir('orderlens-in-thread-runs-');
let n = 0;

/** A generic export of `orders` orders, now and then a row the plain chunks leave to the rows' path. */
function write(orders: number, changed: (k: number) => boolean): string {
  const lines = ['order_id,customer,date,amount,status'];
  for (let k = 0; k < orders; k++) {
    const day = new Date(Date.UTC(2023, 0, 1) + k * 1_800_000).toISOString().slice(0, 19).replace('T', ' ');
    const cells = [String(100000 + k), `C${(k * 7919) % 1500}`, day, ((k * 37) % 20000 / 100 + 1).toFixed(2), changed(k) ? 'refunded' : 'completed'];
    if (k % 97 === 5) cells[0] = ''; // no order id: a reject
    if (k % 89 === 7) cells[1] = `Mail${k}@Example.com`; // an email, keyed
    if (k % 83 === 11) lines.push(cells.join(','), [...cells.slice(0, 3), '1.00', cells[4]].join(',')); // two rows, one order
    else lines.push(cells.join(','));
  }
  const file = path.join(dir, `f${++n}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function importBoth(files: string[]) {
  force.encoded = false;
  force.runs = 0;
  const rows = await importAllInto(path.join(dir, `d${++n}.db`), files, { thread: false });
  expect(force.runs).toBe(0);
  force.encoded = true;
  const encoded = await importAllInto(path.join(dir, `d${++n}.db`), files, { thread: false });
  const runs = force.runs;
  force.encoded = false;
  return { rows, encoded, runs };
}

describe('orders already encoded in a batch of the importing thread', () => {
  it('are written in their places: the same store and the same outcome as without them (a first import and a re-import)', async () => {
    const first = write(5000, () => false);
    const later = write(5000, (k) => k % 400 === 17);
    const { rows, encoded, runs } = await importBoth([first, later]);
    expect(runs).toBeGreaterThan(4000);
    expect(encoded.results).toEqual(rows.results);
    expect(encoded.stored).toEqual(rows.stored);
    expect(rows.stored.imports).toEqual([
      { rows_read: 5061, inserted: 4948, updated: 0, unchanged: 0, stale: 0, rejected: 53 },
      { rows_read: 5061, inserted: 0, updated: 13, unchanged: 4935, stale: 0, rejected: 53 },
    ]);
  });
});
