/**
 * Row chunks for the grouped layouts (one row per line item, the rows of an order adjacent: Shopify): a
 * re-import of an export in which few orders changed skips the unchanged chunks, and says and stores exactly
 * what reading every row says and stores (--reread) — also where an order's rows come back after other orders
 * (the grouping mapper's `reject.notAdjacent`, whose key memory must hold the keys of the chunks skipped).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type ImportOptions, type ImportResult } from '../src/index.js';
import { fixture, tempDir } from './cli-harness.js';
import { seededRandom as random } from '../src/analytics/random.js';

const dir = tempDir('orderlens-chunks-grouped-');
let n = 0;

const HEADER = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Accepts Marketing', 'Currency', 'Subtotal', 'Total',
  'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Billing Name', 'Refunded Amount', 'Notes',
];

interface Order {
  name: string;
  email: string;
  status: string;
  day: string;
  items: { title: string; quantity: number; price: number }[];
  refunded: number;
  note: string;
}

/** A shop of `orders` orders of one to four line items, by about orders / 4 customers, newest first as Shopify exports. */
function shop(orders: number, seed: number): Order[] {
  const rnd = random(seed);
  const out: Order[] = [];
  for (let i = 0; i < orders; i++) {
    const items = Array.from({ length: rnd() < 0.6 ? 1 : 2 + Math.floor(rnd() * 3) }, (_, k) => ({
      title: `Item ${k} - "Blue", size ${1 + Math.floor(rnd() * 9)}`,
      quantity: 1 + Math.floor(rnd() * 2),
      price: 100 + Math.floor(rnd() * 9000),
    }));
    const day = new Date(Date.UTC(2024, 0, 1) + (orders - i) * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    out.push({ name: `#${1001 + orders - i}`, email: `c${Math.floor(rnd() * (orders / 4))}@example.com`, status: 'paid', day, items, refunded: 0, note: rnd() < 0.02 ? 'gift,\nwrap it' : '' });
  }
  return out;
}

const money = (minor: number) => (minor / 100).toFixed(2);
const quoted = (s: string) => (/[",\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);

/** The export's lines of one order: the order fields on its first row only. */
function linesOf(o: Order): string[] {
  const total = o.items.reduce((t, i) => t + i.price * i.quantity, 0);
  return o.items.map((item, k) => {
    const head = k === 0;
    const cells = [
      o.name, head ? o.email : '', head ? o.status : '', head ? `${o.day} -0500` : '', head ? 'fulfilled' : '', head ? 'no' : '', head ? 'USD' : '',
      head ? money(total) : '', head ? money(total) : '', head ? `${o.day} -0500` : '', String(item.quantity), item.title, money(item.price),
      head ? 'Ann Lee' : '', head && o.refunded > 0 ? money(o.refunded) : '', head ? o.note : '',
    ];
    return cells.map(quoted).join(',');
  });
}

/** The orders as an export; `extra`: lines put in after the given order indexes (come-backs, blank rows). */
function write(orders: Order[], opts: { blankEnd?: boolean; after?: Map<number, string[]> } = {}): string {
  const file = path.join(dir, `f${++n}.csv`);
  const lines = [HEADER.join(',')];
  orders.forEach((o, i) => {
    lines.push(...linesOf(o));
    lines.push(...(opts.after?.get(i) ?? []));
  });
  writeFileSync(file, lines.join('\n') + (opts.blankEnd ? '\n\n' : '\n'));
  return file;
}

function stored(file: string) {
  const db = new Database(file, { readonly: true });
  const all = (sql: string) => db.prepare(sql).all();
  const out = {
    orders: all('SELECT * FROM orders ORDER BY order_id').map((o) => ({ ...(o as object), id: undefined })),
    items: all('SELECT o.order_id, i.line, i.sku, i.title, i.quantity, i.unit_price, i.line_total FROM order_items i JOIN orders o ON o.id = i.order_ref ORDER BY o.order_id, i.line'),
    customers: all('SELECT * FROM customers ORDER BY id'),
    runs: all('SELECT currency, bucket, run, entries, hex(data) AS data FROM purchase_runs ORDER BY currency, bucket, run'),
    imports: all('SELECT rows_read, inserted, updated, unchanged, stale, rejected FROM imports ORDER BY id'),
  };
  db.close();
  return out;
}

/** The result as the user sees it. */
function said(r: ImportResult) {
  const { rowsSkipped: _skipped, file: _file, ...rest } = r;
  return JSON.stringify({ ...rest, firstRejects: r.firstRejects.map((x) => [x.line, x.reason]), unknownStatuses: [...r.unknownStatuses] });
}

async function importAll(files: string[], opts: Partial<ImportOptions> = {}) {
  const file = path.join(dir, `d${++n}.db`);
  const db = openDb(file, { create: true });
  const results: string[] = [];
  let skipped = 0;
  for (const f of files) {
    const r = await importFile(db, f, { platform: 'auto', encoding: 'auto', ...opts });
    results.push(said(r));
    skipped = r.rowsSkipped;
  }
  db.close();
  return { results, skipped, stored: stored(file) };
}

/** The second file imported over the first, skipping chunks, against reading every row of it. */
async function compare(first: string, second: string, opts: Partial<ImportOptions> = {}) {
  const skipping = await importAll([first, second], opts);
  const reading = await importAll([first, second], { ...opts, reread: true });
  expect(skipping.results).toEqual(reading.results);
  expect(skipping.stored).toEqual(reading.stored);
  expect(reading.skipped).toBe(0);
  return skipping;
}

const base = shop(1500, 11);
const rows = base.reduce((t, o) => t + o.items.length, 0);

describe('a line-item export (Shopify) re-imported with few changes skips the unchanged row chunks', () => {
  it.each([true, false])('1%% of the orders refunded since (thread %s): the same as reading every row', async (thread) => {
    const rnd = random(12);
    const later = base.map((o) => (rnd() < 0.01 ? { ...o, status: 'refunded', refunded: o.items.reduce((t, i) => t + i.price * i.quantity, 0) } : o));
    const { skipped, results } = await compare(write(base), write(later, { blankEnd: true }), { thread });
    expect(results[1]).toMatch(/"updated":[1-9]/);
    expect(skipped).toBeGreaterThan(rows * 0.6);
  });

  it('orders added, gone and changed (an item more), a multi-line note: the same as reading every row', async () => {
    const rnd = random(13);
    const later = base
      .filter(() => rnd() > 0.004)
      .flatMap((o, i) => (i % 301 === 150 ? [{ ...o, name: `#N${i}` }, o] : [o]))
      .map((o) => (rnd() < 0.005 ? { ...o, items: [...o.items, { title: 'Extra', quantity: 1, price: 500 }] } : o));
    const { skipped, results } = await compare(write(base), write(later, { blankEnd: true }));
    expect(results[1]).toMatch(/"inserted":[1-9]/);
    expect(skipped).toBeGreaterThan(rows * 0.5);
  });

  it("an order's rows coming back after other orders: rejected at the same line, with the same reason, as when reading every row", async () => {
    // late: the order's own chunk is skipped, so its key reaches the come-back memory from the skipped chunk
    const late = await compare(write(base), write(base, { after: new Map([[1400, linesOf(base[100]).slice(0, 1)]]) }));
    expect(late.results[1]).toMatch(/reject.notAdjacent/);
    expect(late.skipped).toBeGreaterThan(rows * 0.9);
    // early: the copy comes first; the chunk that holds the order's own rows is read after all
    const early = await compare(write(base), write(base, { after: new Map([[50, linesOf(base[900])]]) }));
    expect(early.results[1]).toMatch(/reject.notAdjacent/);
  });

  it('blank rows inside and between orders, and rows of commas: passed over as when reading every row', async () => {
    const after = new Map<number, string[]>();
    for (let i = 3; i < base.length; i += 97) after.set(i, [',,,,', '']);
    const { skipped, results } = await compare(write(base, { after }), write(base, { after, blankEnd: true }));
    expect(results[1]).toMatch(/"unchanged":1500/);
    expect(skipped).toBeGreaterThan(rows * 0.9);
  });
});

describe('the line-item exports of each platform, imported again with a byte more (so not replayed)', () => {
  it.each([
    ['Shopify', fixture('shopify', 'orders_export_1.csv')],
    ['Amazon All Orders', fixture('amazon', 'All_Orders_20170620.txt')],
    ['Douyin', fixture('douyin', 'douyin_orders_20250308.csv')],
    ['Etsy order items', fixture('etsy', 'EtsySoldOrderItems2023.csv')],
    ['JD', fixture('jd', 'jd_orders_20160105.csv')],
  ])('%s: the same import line, rejects and database as reading every row', async (_name, file) => {
    // the same file name (in two folders): what a file is called may say what it is
    const copy = (content: Buffer) => {
      const to = path.join(dir, `a${++n}`, path.basename(file));
      mkdirSync(path.dirname(to));
      writeFileSync(to, content);
      return to;
    };
    const bytes = readFileSync(file);
    const first = copy(bytes);
    const again = copy(Buffer.concat([bytes, Buffer.from(bytes.includes(13) ? '\r\n' : '\n')]));
    await compare(first, again);
  });
});
