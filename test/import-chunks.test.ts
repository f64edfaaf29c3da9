/**
 * Re-importing an export in which few orders changed skips the row chunks the source's last read file had
 * too (import/row-chunks.ts, db/row-chunks.ts). Whatever the file does (orders changed, added, removed,
 * repeated, rejected rows, unknown statuses, line items), the import must say and store exactly what reading
 * every row says and stores (--reread), in either thread.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type ImportOptions } from '../src/index.js';
import { compareSkipping, importAllInto } from './chunk-compare.js';
import { orderlens, tempDir } from './cli-harness.js';
import { seededRandom as random } from '../src/analytics/random.js';

const dir = tempDir('orderlens-chunks-');
let n = 0;

interface Row {
  id: string;
  customer: string;
  date: string;
  amount: string;
  status: string;
  sku: string;
}

/** A shop's export: `orders` orders of one to three item rows, by about orders / 4 customers. */
function shop(orders: number, seed: number): Row[] {
  const rnd = random(seed);
  const rows: Row[] = [];
  for (let i = 0; i < orders; i++) {
    const items = rnd() < 0.8 ? 1 : 1 + Math.floor(rnd() * 3);
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 700) * 86_400_000).toISOString().slice(0, 10);
    const customer = `C${Math.floor(rnd() * (orders / 4))}`;
    for (let k = 0; k < items; k++) {
      rows.push({ id: String(5000 + i), customer, date: `${day} 10:${String(k).padStart(2, '0')}:00`, amount: (10 + Math.floor(rnd() * 9000) / 100).toFixed(2), status: 'completed', sku: `SKU${k}` });
    }
  }
  return rows;
}

/** The rows as a file; `blank`: with a blank line at the end (other bytes, the same rows: not replayed). */
function write(rows: Row[], blank = false): string {
  const file = path.join(dir, `f${++n}.csv`);
  const lines = ['order_id,customer,date,amount,status,sku', ...rows.map((r) => [r.id, r.customer, r.date, r.amount, r.status, r.sku].join(','))];
  writeFileSync(file, lines.join('\n') + (blank ? '\n\n' : '\n'));
  return file;
}

/** Imports `files` in turn into a fresh database: the results, and the last import's rows skipped. */
const importAll = (files: string[], opts: Partial<ImportOptions> = {}) => importAllInto(path.join(dir, `d${++n}.db`), files, opts);

/** The second file imported over the first, skipping chunks, against reading every row of it. */
const compare = (first: Row[], second: Row[], opts: Partial<ImportOptions> = {}) =>
  compareSkipping(() => path.join(dir, `d${++n}.db`), write(first), write(second, true), opts);

const base = shop(3000, 1);
const rows = base.length;

describe('re-importing an export with few changes skips the unchanged row chunks', () => {
  it.each([true, false])('1%% of the orders refunded since (thread %s): the same as reading every row', async (thread) => {
    const rnd = random(2);
    const later = base.map((r) => (rnd() < 0.01 ? { ...r, status: 'refunded' } : r));
    const { skipped, results } = await compare(base, later, { thread });
    expect(results[1]).toMatch(/"updated":[1-9]/);
    expect(skipped).toBeGreaterThan(rows * 0.6);
  });

  it('the same export a week later: orders added at the end and in between, some gone, some changed', async () => {
    const rnd = random(3);
    const later = base
      .filter(() => rnd() > 0.003)
      .flatMap((r, i) => (i % 997 === 500 ? [{ ...r, id: `N${i}`, sku: 'NEW' }, r] : [r]))
      .map((r) => (rnd() < 0.005 ? { ...r, amount: '1.00' } : r));
    later.push(...shop(40, 4).map((r) => ({ ...r, id: `X${r.id}` })));
    const { skipped, results } = await compare(base, later);
    expect(results[1]).toMatch(/"inserted":[1-9]/);
    expect(skipped).toBeGreaterThan(rows * 0.5);
  });

  it('an order repeated far from its rows, before and after them: rejected at the same line as when reading every row', async () => {
    // a copy early (its own rows later are in a chunk the last file had: that chunk is read after all) …
    const early = [...base.slice(0, 100), base[2000], ...base.slice(100)];
    expect((await compare(base, early)).skipped).toBe(0);
    // … and late (it meets a chunk skipped before it)
    const late = [...base, base[100]];
    const { results, skipped } = await compare(base, late);
    expect(results[1]).toMatch(/"rejected":1/);
    expect(skipped).toBeGreaterThan(rows * 0.9);
  });

  it('rejected rows, unknown statuses and rows without a buyer: the chunks that hold them are read, and said again', async () => {
    const first = base.map((r, i) => (i === 700 ? { ...r, date: 'someday' } : i === 1200 ? { ...r, status: 'on hold???' } : i === 1500 ? { ...r, customer: '' } : r));
    const { skipped, results } = await compare(first, first.map((r) => r));
    // the row without a customer is an order without a buyer (never a rejected row): said again too
    expect(results[1]).toMatch(/"rejected":1/);
    expect(results[1]).toMatch(/"ordersWithoutBuyer":1/);
    expect(results[1]).toMatch(/on hold\?\?\?/);
    expect(skipped).toBeGreaterThan(rows * 0.9);
    expect(skipped).toBeLessThan(rows);
  });

  it('an older export over a newer one: stale orders are counted as when reading every row', async () => {
    const rnd = random(5);
    const newer = base.map((r) => (rnd() < 0.02 ? { ...r, status: 'refunded' } : r));
    const a = write(newer);
    const b = write(base, true);
    const c = write(newer, true);
    const skipping = await importAll([a, b, c]);
    const reading = await importAll([a, b, c], { reread: true });
    expect(skipping.results).toEqual(reading.results);
    expect(skipping.stored).toEqual(reading.stored);
    expect(skipping.results[1]).toMatch(/"stale":[1-9]/);
  });

  it('another layout, or other settings: nothing is skipped', async () => {
    const a = write(base);
    const file = path.join(dir, `h${++n}.csv`);
    const lines = ['customer,order_id,date,amount,status,sku', ...base.map((r) => [r.customer, r.id, r.date, r.amount, r.status, r.sku].join(','))];
    writeFileSync(file, lines.join('\n') + '\n');
    const moved = await importAll([a, file]);
    expect(moved.skipped).toBe(0);
    expect(moved.results[1]).toMatch(/"unchanged":3000/);
    const db = path.join(dir, `k${++n}.db`);
    const handle = openDb(db, { create: true });
    await importFile(handle, a, { platform: 'auto', encoding: 'auto' });
    const kept = await importFile(handle, write(base, true), { platform: 'auto', encoding: 'auto', keepPii: true });
    expect(kept.rowsSkipped).toBe(0);
    expect(kept.counts.unchanged).toBe(3000);
    handle.close();
    const same = await importAll([a, write(base, true)]);
    // all but the first chunk, whose rows settled the currency assumed for the file (the mapper's state)
    expect(same.skipped).toBeGreaterThan(rows - 100);
    expect(same.results[1]).toMatch(/"unchanged":3000/);
  });

  it('after an order was edited by hand, doctor --repair forgets the chunks: the next import reads every row and puts it right', async () => {
    const db = path.join(dir, `e${++n}.db`);
    const handle = openDb(db, { create: true });
    await importFile(handle, write(base), { platform: 'auto', encoding: 'auto' });
    handle.prepare("UPDATE order_rows SET gross = gross + 100, net = net + 100 WHERE order_id = '5100'").run();
    handle.close();
    const doctor = await orderlens(db, ['doctor', '--repair']);
    expect(doctor.stdout + doctor.stderr).toMatch(/repaired/);
    const again = openDb(db, { create: false });
    const r = await importFile(again, write(base, true), { platform: 'auto', encoding: 'auto' });
    again.close();
    expect(r.rowsSkipped).toBe(0);
    expect(r.counts.updated).toBe(1);
  });
});
