// The store's derived data stays exact: the purchase runs equal a GROUP BY over the counted orders after any
// sequence of imports, re-imports and updates; old databases migrate; bulk customer imports keep the key index.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/open.js';
import { decodeRun, mergeRuns, PurchaseDeltas, readRuns, type Run } from '../src/db/purchase-runs.js';
import { loadPurchaseLog, type OrderFilter } from '../src/db/queries.js';
import { MIGRATIONS } from '../src/db/schema.js';
import { OrderWriter } from '../src/db/store.js';
import { COUNTED_STATUSES, ORDER_STATUSES, type NormalizedOrder, type OrderStatus } from '../src/domain/order.js';
import type { PurchaseLog } from '../src/domain/purchase-log.js';
import { orderlens, tempDir } from './cli-harness.js';

const dir = tempDir();
let n = 0;
const freshPath = () => path.join(dir, `s${++n}.db`);

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The purchase log as the old loader computed it: GROUP BY over the counted orders of the view. */
function referenceLog(db: Db, currency: string, filter: OrderFilter) {
  const where = [`o.status IN (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`, 'o.currency = ?'];
  const params: (string | number)[] = [currency];
  const add = (sql: string, value: string | number) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.since !== undefined) add('o.day >= ?', filter.since);
  if (filter.until !== undefined) add('o.day <= ?', filter.until);
  if (filter.platform) add('o.platform = ?', filter.platform);
  if (filter.shop) add('o.shop = ?', filter.shop);
  const w = where.join(' AND ');
  const noBuyer = db.prepare(`SELECT count(*) FROM orders o WHERE ${w} AND o.customer_id IS NULL`).pluck().get(...params);
  const grouped = db
    .prepare(
      `SELECT o.customer_id AS cid, c.buyer_key AS key, o.day, count(*) AS orders, sum(o.gross) AS gross, sum(o.net) AS net FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE ${w} GROUP BY o.customer_id, o.day ORDER BY o.customer_id, o.day`,
    )
    .all(...params) as { cid: number; key: string; day: number; orders: number; gross: number; net: number }[];
  // returns (refunded rows with a negative gross) reduce the net of the customer's last purchase day on or
  // before them (the first, when they come first)
  const returns = db
    .prepare(`SELECT o.customer_id AS cid, o.day, o.net FROM orders o WHERE ${w.replace(/o\.status IN \([^)]*\)/, "o.status = 'refunded' AND o.gross < 0")} AND o.customer_id IS NOT NULL`)
    .all(...params) as { cid: number; day: number; net: number }[];
  for (const r of returns) {
    const mine = grouped.filter((g) => g.cid === r.cid);
    const target = mine.filter((g) => g.day <= r.day).at(-1) ?? mine[0];
    if (target) target.net += r.net;
  }
  const rows = grouped.map(({ key, day, orders, gross, net }) => ({ key, day, orders, gross, net }));
  return { noBuyer, rows };
}

function flatten(log: PurchaseLog) {
  return {
    noBuyer: log.ordersWithoutBuyer,
    rows: Array.from(log.customer, (c, i) => ({ key: log.customers[c].key, day: log.day[i], orders: log.orders[i], gross: log.gross[i], net: log.net[i] })),
  };
}

interface Spec {
  id: string;
  customer: string | null;
  day: number;
  status: OrderStatus;
  currency: string;
  gross: number;
  refunded: number;
  items: number;
}

function order(s: Spec): NormalizedOrder {
  return {
    orderId: s.id,
    buyer: s.customer === null ? null : s.customer.includes('@') ? { kind: 'email', value: s.customer } : { kind: 'id', value: s.customer },
    orderedMs: s.day * 86_400_000 + 3_600_000,
    day: s.day,
    status: s.status,
    statusRaw: s.status,
    currency: s.currency,
    gross: s.gross,
    discount: 0,
    shipping: 0,
    refunded: s.refunded,
    net: s.gross - s.refunded,
    itemCount: s.items,
    items: Array.from({ length: s.items }, (_, i) => ({ line: i + 1, sku: `SKU${i}`, title: null, quantity: 1, unitPrice: 100, lineTotal: 100 })),
    line: 2,
  };
}

function writeAll(db: Db, platform: string, shop: string, orders: NormalizedOrder[]) {
  const writer = new OrderWriter(db, platform, shop, false, 'ab'.repeat(32));
  db.exec('BEGIN IMMEDIATE');
  writer.startImport({ path: 'x', sha256: '', platform, shop, encoding: 'utf8', startedAt: new Date().toISOString() });
  for (const o of orders) writer.write(o);
  writer.flush();
  const counts = { read: orders.length, ...writer.counts, rejected: 0 };
  writer.finishImport(counts, new Date().toISOString());
  db.exec('COMMIT');
  return counts;
}

describe('purchase runs', () => {
  it('equal the GROUP BY over counted orders after random imports, re-imports and updates (incl. buyerless orders and filters)', () => {
    const db = openDb(freshPath(), { create: true });
    const rnd = seeded(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const sources = [['generic', 'default'], ['generic', 'outlet'], ['shopify', 'default']] as const;
    const state = new Map<string, Spec>(); // source/id → last written spec
    for (let round = 0; round < 20; round++) {
      const [platform, shop] = pick(sources);
      const batch: NormalizedOrder[] = [];
      const size = round === 3 ? 3000 : 40 + Math.floor(rnd() * 200);
      for (let k = 0; k < size; k++) {
        const id = `o${Math.floor(rnd() * (round === 3 ? 5000 : 600))}`;
        const before = state.get(`${platform}/${shop}/${id}`);
        const gross = Math.floor(rnd() * 50000) - 2000;
        const spec: Spec =
          before && rnd() < 0.5
            ? rnd() < 0.3
              ? before // unchanged re-export
              : { ...before, status: pick(ORDER_STATUSES), refunded: rnd() < 0.2 ? 500 : 0, day: rnd() < 0.2 ? before.day + 1 : before.day }
            : {
                id,
                customer: rnd() < 0.08 ? null : rnd() < 0.3 ? `buyer${Math.floor(rnd() * 50)}@example.com` : `C${Math.floor(rnd() * 300)}`,
                day: 19000 + Math.floor(rnd() * 400),
                status: pick(ORDER_STATUSES),
                currency: rnd() < 0.85 ? 'CNY' : 'USD',
                gross,
                refunded: 0,
                items: rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0,
              };
        state.set(`${platform}/${shop}/${id}`, spec);
        batch.push(order(spec));
      }
      writeAll(db, platform, shop, batch);
      for (const currency of ['CNY', 'USD']) {
        for (const filter of [{}, { since: 19100, until: 19300 }, { platform: 'generic' }, { platform: 'generic', shop: 'outlet' }] as OrderFilter[]) {
          expect(flatten(loadPurchaseLog(db, { ...filter, currency })), `round ${round} ${currency} ${JSON.stringify(filter)}`).toEqual(
            referenceLog(db, currency, filter),
          );
        }
      }
    }
    // twenty imports into the same buckets: compaction (beyond 16 runs) has run, and kept the log exact
    expect(db.prepare('SELECT max(run) FROM purchase_runs').pluck().get()).toBeLessThanOrEqual(17);
    db.close();
  });

  it('flush in several runs per import when the buffer fills, and merge them back exactly', () => {
    const db = openDb(freshPath(), { create: true });
    const deltas = new PurchaseDeltas(db, 64);
    const rnd = seeded(11);
    const want = new Map<string, [number, number, number]>();
    for (let i = 0; i < 5000; i++) {
      const customer = Math.floor(rnd() * 200000) - 3; // a few buyerless (negative) sources, many buckets
      const day = Math.floor(rnd() * 30);
      const sign = rnd() < 0.2 ? -1 : 1;
      const gross = Math.floor(rnd() * 1000);
      deltas.add(customer, day, 'CNY', sign, gross, gross - 1);
      const k = `${customer}/${day}`;
      const [o, g, nn] = want.get(k) ?? [0, 0, 0];
      want.set(k, [o + sign, g + sign * gross + 0, nn + sign * (gross - 1) + 0]);
    }
    deltas.finish();
    const run = readRuns(db, 'CNY');
    const got = new Map<string, [number, number, number]>();
    for (let i = 0; i < run.customer.length; i++) got.set(`${run.customer[i]}/${run.day[i]}`, [run.orders[i], run.gross[i], run.net[i]]);
    const expected = new Map([...want].filter(([, v]) => v[0] !== 0));
    expect(got).toEqual(expected);
    for (let i = 1; i < run.customer.length; i++) {
      expect(run.customer[i - 1] < run.customer[i] || (run.customer[i - 1] === run.customer[i] && run.day[i - 1] < run.day[i])).toBe(true);
    }
    // read by two threads (as logs of a million entries and more are), the same log
    const columns = (r: Run) => [r.customer, r.day, r.orders, r.gross, r.net].map((a) => Array.from(a));
    const shared = readRuns(db, 'CNY', 0);
    expect(shared.customer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(columns(shared)).toEqual(columns(run));
    db.close();
  });
});

describe('purchase runs of deltas in date order (as most exports come)', () => {
  it('are sorted by customer and day and sum equal keys, as deltas in any order are', () => {
    const db = openDb(freshPath(), { create: true });
    const deltas = new PurchaseDeltas(db, 256);
    const rnd = seeded(5);
    const want = new Map<string, [number, number, number]>();
    let day = 19000;
    for (let i = 0; i < 6000; i++) {
      if (rnd() < 0.05) day += 1 + Math.floor(rnd() * 3);
      const customer = Math.floor(rnd() * 150) * 997 + 1; // repeat customers, two buckets
      const gross = Math.floor(rnd() * 1000);
      deltas.add(customer, day, 'CNY', 1, gross, gross - 2);
      const k = `${customer}/${day}`;
      const [o, g, n] = want.get(k) ?? [0, 0, 0];
      want.set(k, [o + 1, g + gross, n + gross - 2]);
    }
    deltas.flush(); // not finish(): it would merge the runs it flushed
    const run = readRuns(db, 'CNY');
    const got = new Map<string, [number, number, number]>();
    for (let i = 0; i < run.customer.length; i++) got.set(`${run.customer[i]}/${run.day[i]}`, [run.orders[i], run.gross[i], run.net[i]]);
    expect(got).toEqual(want);
    // each run as flushed (readRuns would put a run out of order right): by customer, then day, keys once
    const runs = db.prepare('SELECT entries, data FROM purchase_runs').raw(true).all() as [number, Buffer][];
    expect(runs.length).toBeGreaterThan(20);
    for (const [n, blob] of runs) {
      const r = decodeRun(blob, n);
      for (let i = 1; i < n; i++) expect(r.customer[i - 1] < r.customer[i] || (r.customer[i - 1] === r.customer[i] && r.day[i - 1] < r.day[i])).toBe(true);
    }
    db.close();
  });
});

describe("the purchase log's customer references", () => {
  const specs = (n: number): Spec[] =>
    Array.from({ length: n }, (_, i) => ({ id: `o${i}`, customer: i % 3 === 0 ? `b${i % 7}@example.com` : `C${i % 11}`, day: 19000 + i, status: 'paid', currency: 'CNY', gross: 1000 + i, refunded: 0, items: 0 }));

  it('are read on first use, equal to the customers table, and customerCount is their number', () => {
    const file = freshPath();
    const db = openDb(file, { create: true });
    writeAll(db, 'generic', 'default', specs(60).map(order));
    writeAll(db, 'shopify', 'default', specs(30).map(order));
    const log = loadPurchaseLog(db, {});
    expect(log.customerCount).toBe(new Set(log.customer).size);
    const want = db.prepare('SELECT buyer_key AS key, display, platform, shop, clear FROM customers ORDER BY id').all();
    expect(log.customers).toEqual(want);
    expect(log.customers).toHaveLength(log.customerCount);
    // filtered by source: the references of that source only, numbered as the entries are
    const shop = loadPurchaseLog(db, { platform: 'shopify' });
    expect(shop.customers.every((c) => c.platform === 'shopify')).toBe(true);
    expect(shop.customers).toHaveLength(shop.customerCount);
    db.close();
  });

  it('are still read after the database was closed (a file is opened again, read-only); an in-memory one says why not', () => {
    const file = freshPath();
    const db = openDb(file, { create: true });
    writeAll(db, 'generic', 'default', specs(20).map(order));
    const whileOpen = loadPurchaseLog(db, {}).customers;
    const log = loadPurchaseLog(db, {});
    db.close();
    expect(log.customers).toEqual(whileOpen);
    expect(whileOpen).toHaveLength(new Set(specs(20).map((s) => s.customer)).size);
    const memory = openDb(':memory:', { create: true });
    writeAll(memory, 'generic', 'default', specs(5).map(order));
    const early = loadPurchaseLog(memory, {});
    memory.close();
    expect(() => early.customers).toThrow(/keep the database open/);
  });

  it('a log naming a customer that is not in the table is a damaged database, said when the log is loaded', () => {
    const db = openDb(freshPath(), { create: true });
    writeAll(db, 'generic', 'default', specs(10).map(order));
    const deltas = new PurchaseDeltas(db);
    deltas.add(999_999, 19000, 'CNY', 1, 100, 100);
    deltas.finish();
    expect(() => loadPurchaseLog(db, {})).toThrow(/customer 999999, which is not in the database: the database is damaged/);
    expect(() => loadPurchaseLog(db, { platform: 'generic' })).toThrow(/customer 999999, which is not in the database/);
    db.close();
  });
});

describe('mergeRuns', () => {
  it('sums equal (customer, day) keys over any number of runs, heavy buyers and wide customer ranges included', () => {
    const rnd = seeded(5);
    for (let round = 0; round < 40; round++) {
      const k = 2 + Math.floor(rnd() * 12);
      const wide = round % 5 === 4; // customers beyond a bucket's range: the k-way merge
      const want = new Map<string, [number, number, number]>();
      const runs: Run[] = [];
      for (let r = 0; r < k; r++) {
        const entries = new Map<string, [number, number, number, number, number]>();
        for (let e = Math.floor(rnd() * 300); e > 0; e--) {
          const heavy = rnd() < 0.3;
          const customer = heavy ? 7 : Math.floor(rnd() * (wide ? 5_000_000 : 500)) - (wide ? 0 : 3);
          const day = Math.floor(rnd() * (heavy ? 400 : 20));
          const orders = rnd() < 0.15 ? -1 : 1 + Math.floor(rnd() * 2);
          const gross = orders * Math.floor(rnd() * 1000);
          const key = `${customer}/${day}`;
          const had = entries.get(key) ?? [customer, day, 0, 0, 0];
          entries.set(key, [customer, day, had[2] + orders, had[3] + gross, had[4] + gross - orders]);
        }
        const sorted = [...entries.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        runs.push({
          customer: Int32Array.from(sorted.map((x) => x[0])),
          day: Int32Array.from(sorted.map((x) => x[1])),
          orders: Int32Array.from(sorted.map((x) => x[2])),
          gross: Float64Array.from(sorted.map((x) => x[3])),
          net: Float64Array.from(sorted.map((x) => x[4])),
        });
        for (const [key, [, , o, g, n]] of entries) {
          const had = want.get(key) ?? [0, 0, 0];
          want.set(key, [had[0] + o, had[1] + g, had[2] + n]);
        }
      }
      const expected = [...want.entries()]
        .filter(([, v]) => v[0] !== 0)
        .map(([key, v]) => [...key.split('/').map(Number), ...v])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const m = mergeRuns(runs);
      const got = Array.from(m.customer, (c, i) => [c, m.day[i], m.orders[i], m.gross[i], m.net[i]]);
      expect(got, `round ${round}`).toEqual(expected);
    }
  });
});

describe('schema migration 2', () => {
  it('moves a version-1 database to the narrow order table and keeps every order, item and customer as it was', () => {
    const file = freshPath();
    const old = new Database(file);
    old.exec(MIGRATIONS[0] as string);
    old.prepare("INSERT INTO meta (key, value) VALUES ('secret', 'abc')").run();
    old.pragma('user_version = 1');
    old.exec(`
      INSERT INTO imports (id, path, sha256, platform, shop, started_at) VALUES (1, 'a.csv', '', 'generic', 'default', '2024-01-01');
      INSERT INTO customers (id, platform, shop, buyer_key, display, kind) VALUES (1, 'generic', 'default', 'C1', 'C1', 'id'), (2, 'taobao', 's1', 'h:00', 'z*', 'name');
      INSERT INTO orders (id, platform, shop, order_id, customer_id, ordered_at, order_day, day, status, status_raw, currency, gross, refunded, net, item_count, fingerprint, import_id)
      VALUES (1, 'generic', 'default', '1001', 1, '2024-03-01T02:03:04.567Z', '2024-03-01', 19783, 'paid', 'paid', 'CNY', 1000, 0, 1000, 2, 'x', 1),
             (2, 'taobao', 's1', '9', 2, '1969-12-31T23:59:59.999Z', '1969-12-31', -1, 'completed', '交易成功', 'CNY', 500, 100, 400, 0, 'x', 1),
             (3, 'taobao', 's1', '10', NULL, '2024-03-02T00:00:00.000Z', '2024-03-02', 19784, 'shipped', NULL, 'CNY', 700, 0, 700, 0, 'x', 1);
      INSERT INTO order_items (order_ref, line, sku, title, quantity, unit_price, line_total) VALUES (1, 1, 'A', 't', 1, 500, 500), (1, 2, 'B', NULL, 1, 500, 500);
    `);
    const before = old.prepare('SELECT * FROM orders ORDER BY id').all() as Record<string, unknown>[];
    const items = old.prepare('SELECT * FROM order_items ORDER BY order_ref, line').all();
    const customers = old.prepare('SELECT * FROM customers ORDER BY id').all();
    old.close();

    const db = openDb(file, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // migration 3 marked the purchase runs stale; opening rebuilt them (below: the log) and cleared the mark
    expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'purchase_runs_stale'").pluck().get()).toBe(0);
    const after = db.prepare('SELECT * FROM orders ORDER BY id').all() as Record<string, unknown>[];
    expect(after).toEqual(before.map(({ fingerprint: _f, ...rest }) => rest));
    expect(db.prepare('SELECT * FROM order_items ORDER BY order_ref, line').all()).toEqual(items);
    expect(db.prepare('SELECT * FROM customers ORDER BY id').all()).toEqual(customers);
    const log = loadPurchaseLog(db, { currency: 'CNY' });
    expect(flatten(log)).toEqual({
      noBuyer: 1,
      rows: [
        { key: 'C1', day: 19783, orders: 1, gross: 1000, net: 1000 },
        { key: 'h:00', day: -1, orders: 1, gross: 500, net: 400 },
      ],
    });
    // the migrated orders are recognised as unchanged by the next import of the same data
    const again = writeAll(db, 'generic', 'default', [
      {
        ...order({ id: '1001', customer: 'C1', day: 19783, status: 'paid', currency: 'CNY', gross: 1000, refunded: 0, items: 0 }),
        orderedMs: Date.parse('2024-03-01T02:03:04.567Z'),
        itemCount: 2,
        items: [
          { line: 1, sku: 'A', title: 't', quantity: 1, unitPrice: 500, lineTotal: 500 },
          { line: 2, sku: 'B', title: null, quantity: 1, unitPrice: 500, lineTotal: 500 },
        ],
      },
    ]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    db.close();
  });
});

describe('a batch of new orders in which one is stored already', () => {
  it('stores the others under the ids handed out in file order, items with their own orders, and the repeat as a repeat', () => {
    const db = openDb(freshPath(), { create: true });
    const spec = (id: string, items: number): Spec => ({ id, customer: `C-${id}`, day: 19500, status: 'completed', currency: 'CNY', gross: 1000, refunded: 0, items });
    const writer = new OrderWriter(db, 'generic', 'default', false, 'ab'.repeat(32));
    const repeats: string[] = [];
    writer.onRepeat = (id) => repeats.push(id);
    db.exec('BEGIN IMMEDIATE');
    writer.startImport({ path: 'x', sha256: '', platform: 'generic', shop: 'default', encoding: 'utf8', startedAt: new Date().toISOString() });
    // one batch: a0 … a9, then a3 again (apart from its first rows), then b0 … b9 with two items each; SQLite alone
    // would give b0 the id a3's repeat was handed
    for (let i = 0; i < 10; i++) writer.write(order(spec(`a${i}`, 0)));
    writer.write(order(spec('a3', 0)));
    for (let i = 0; i < 10; i++) writer.write(order(spec(`b${i}`, 2)));
    writer.flush();
    writer.finishImport({ read: 21, ...writer.counts, rejected: 0 }, new Date().toISOString());
    db.exec('COMMIT');
    expect(repeats).toEqual(['a3']);
    expect(writer.counts.inserted).toBe(20);
    const ids = db.prepare('SELECT id, order_id FROM order_rows ORDER BY id').raw(true).all();
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => [i + 1, `a${i}`]), ...Array.from({ length: 10 }, (_, i) => [i + 12, `b${i}`])]);
    const items = db.prepare('SELECT o.order_id, count(*) FROM order_items i JOIN order_rows o ON o.id = i.order_ref GROUP BY o.order_id ORDER BY o.id').raw(true).all();
    expect(items).toEqual([...Array.from({ length: 10 }, (_, i) => [`b${i}`, 2])]);
    db.close();
  });
});

describe('a re-import of orders all stored already', () => {
  it("runs the orders' INSERT once for its first batch, not again with ids bound, and stores nothing new", () => {
    const db = openDb(freshPath(), { create: true });
    const orders = Array.from({ length: 600 }, (_, i) => order({ id: `r${i}`, customer: `C${i % 50}`, day: 19500 + (i % 30), status: 'completed', currency: 'CNY', gross: 1000 + i, refunded: 0, items: 0 }));
    writeAll(db, 'generic', 'default', orders);
    const before = db.prepare('SELECT * FROM order_rows ORDER BY id').raw(true).all();
    // the writer's db, its order INSERTs counted (each statement's own methods called on the statement itself)
    let inserts = 0;
    const bound = <T extends object>(target: T, wrap: (key: string | symbol, value: unknown) => unknown) =>
      new Proxy(target, {
        get(t, key) {
          const value = Reflect.get(t, key, t) as unknown;
          const wrapped = wrap(key, value);
          return typeof wrapped === 'function' ? (wrapped as (...a: unknown[]) => unknown).bind(t) : wrapped;
        },
      });
    const counted = bound(db, (key, value) =>
      key !== 'prepare'
        ? value
        : (sql: string) => {
            const statement = db.prepare(sql);
            if (!/^INSERT OR FAIL INTO order_rows/.test(sql)) return statement;
            return bound(statement, (k, v) => (k !== 'run' ? v : (...a: unknown[]) => (inserts++, (v as (...a: unknown[]) => unknown).apply(statement, a))));
          },
    );
    const counts = writeAll(counted, 'generic', 'default', orders);
    expect(counts).toMatchObject({ inserted: 0, unchanged: 600, updated: 0 });
    // the first batch (256 orders) tries its INSERT; the later ones look their orders up first
    expect(inserts).toBe(1);
    expect(db.prepare('SELECT * FROM order_rows ORDER BY id').raw(true).all()).toEqual(before);
    db.close();
  });
});

describe('bulk customer import', () => {
  it('builds the key index again after a first import of many customers, and re-imports find them all', async () => {
    const db = freshPath();
    const file = path.join(dir, 'many.csv');
    const lines = ['order_id,customer,date,amount'];
    // every third buyer an email (keyed and masked), the rest opaque ids: kinds go in bound as numbers
    const buyer = (n: number) => (n % 3 === 0 ? `buyer${n}@example.com` : `cust-${n}`);
    for (let i = 0; i < 60_000; i++) lines.push(`${i},${buyer((i * 7919) % 55_000)},2024-01-${String((i % 28) + 1).padStart(2, '0')},1.00`);
    writeFileSync(file, lines.join('\n'));
    const first = await orderlens(db, ['import', file]);
    expect(first.stdout).toContain('inserted 60000');
    const check = new Database(db, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'customer_rows_by_key'").pluck().get()).toBe(1);
    expect(check.prepare('SELECT count(*), count(DISTINCT buyer_key) FROM customers').raw().get()).toEqual([55_000, 55_000]);
    expect(check.prepare('SELECT kind, count(*) FROM customers GROUP BY kind ORDER BY kind').raw().all()).toEqual([['email', 18_334], ['id', 36_666]]);
    expect(check.prepare("SELECT count(*) FROM customers WHERE kind = 'email' AND buyer_key LIKE 'h:%' AND display LIKE '%***@example.com'").pluck().get()).toBe(18_334);
    expect(check.prepare("SELECT count(*) FROM customers WHERE kind = 'id' AND buyer_key = display AND display LIKE 'cust-%'").pluck().get()).toBe(36_666);
    check.close();
    const again = await orderlens(db, ['import', file]);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 60000');
  });
});
