/**
 * The SQLite part of a fresh generic import alone (issue 21): the statements the import's writer runs for a
 * generic CSV — its orders (256-row INSERTs into `order_rows` with the unique key), its new customers (key
 * index dropped, built once at the end with two sorting threads), COMMIT — with nothing computed: the file is
 * parsed and the buyers numbered before the clock starts. What the writing thread cannot go below with the
 * current schema (migrations 9 and 10: status a code, currency and items digest NULL in their default form;
 * customers keyed by (key, source id), kind a code, display NULL where it is the key); `--dense` runs the same
 * rows into a narrower schema still (no status text, digest, money or import columns) to show what more could
 * be gained.
 *
 *   node bench/sqlite-floor.js FILE.csv [--dense]     (FILE: bench/generate.js generic …; a scratch db in bench/out)
 *
 * Prints CPU seconds (user + system) of the process per step: the sorting threads of the index build are in it.
 * Compare with `sqlite3 x.db ".mode csv" ".import FILE.csv orders"` run just before or after.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/sqlite-floor.js FILE.csv [--dense]');
  process.exit(2);
}
const dense = flag === '--dense';
const ROWS = 256;

const lines = readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l !== '');
const n = lines.length;
const orderId = new Array(n);
const customer = new Int32Array(n);
const ms = new Float64Array(n);
const day = new Int32Array(n);
const gross = new Float64Array(n);
const slot = new Map();
const keys = [];
for (let i = 0; i < n; i++) {
  const c = lines[i].split(',');
  orderId[i] = c[0];
  let id = slot.get(c[1]);
  if (id === undefined) {
    id = keys.push(c[1]);
    slot.set(c[1], id);
  }
  customer[i] = id;
  ms[i] = Date.parse(`${c[2].replace(' ', 'T')}Z`);
  day[i] = Math.floor(ms[i] / 86_400_000);
  gross[i] = Math.round(Number(c[3]) * 100);
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(out, { recursive: true });
const dbFile = path.join(out, 'sqlite-floor.db');
for (const s of ['', '-journal', '-wal']) rmSync(dbFile + s, { force: true });
const db = new Database(dbFile);
db.pragma('journal_mode = DELETE'); // as a new store's first import (db/open.ts settleJournal)
db.pragma('cache_size = -4096'); // the importer's IMPORT_CACHE_KIB
if (dense) {
  db.exec(`CREATE TABLE order_rows (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, order_id TEXT NOT NULL, customer_id INTEGER,
    ordered_ms INTEGER NOT NULL, day INTEGER NOT NULL, status INTEGER NOT NULL, gross INTEGER NOT NULL, net INTEGER NOT NULL);
  CREATE UNIQUE INDEX order_rows_by_key ON order_rows (source, order_id);
  CREATE TABLE customers (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, buyer_key TEXT NOT NULL, display TEXT);`);
} else {
  // the store's tables as migrations 1–10 leave them (src/db/schema.ts)
  db.exec(`CREATE TABLE order_rows (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, order_id TEXT NOT NULL, customer_id INTEGER,
    ordered_ms INTEGER NOT NULL, day INTEGER NOT NULL, status INTEGER NOT NULL CHECK (status >= 0 AND status <= 7),
    status_raw TEXT, currency TEXT, gross INTEGER NOT NULL, discount INTEGER NOT NULL DEFAULT 0, shipping INTEGER NOT NULL DEFAULT 0,
    refunded INTEGER NOT NULL DEFAULT 0, net INTEGER NOT NULL, item_count INTEGER NOT NULL DEFAULT 0, items_digest INTEGER,
    import_id INTEGER NOT NULL);
  CREATE UNIQUE INDEX order_rows_by_key ON order_rows (source, order_id);
  CREATE INDEX order_rows_returns ON order_rows (customer_id, day) WHERE gross < 0;
  CREATE TABLE customer_rows (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, buyer_key TEXT NOT NULL,
    kind INTEGER NOT NULL CHECK (kind = 0 OR kind = 1 OR kind = 2 OR kind = 3), display TEXT, clear TEXT);`);
}
// the rows as the writer's statements write them (db/store.ts insertBatch, db/customer-registry.ts flush)
const orderRow = dense
  ? '(?, ?, ?, ?, ?, ?, ?, ?, 1)'
  : '(?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, NULL, NULL, 0, 0, 0, 1, 1)';
const orderColumns = dense
  ? 'id, order_id, customer_id, ordered_ms, day, status, gross, net, source'
  : 'id, order_id, customer_id, ordered_ms, day, status, gross, net, currency, item_count, items_digest, status_raw, discount, shipping, refunded, source, import_id';
const insertOrders = db.prepare(`INSERT INTO order_rows (${orderColumns}) VALUES ${Array(ROWS).fill(orderRow).join(', ')} ON CONFLICT (source, order_id) DO NOTHING`);
const insertCustomers = dense
  ? db.prepare(`INSERT INTO customers (id, source, buyer_key) VALUES ${Array(ROWS).fill('(?, 1, ?)').join(', ')}`)
  : db.prepare(`INSERT INTO customer_rows (source, buyer_key, kind, display, clear) VALUES ${Array(ROWS).fill('(1, ?, 0, NULL, NULL)').join(', ')}`);
const keyIndex = dense
  ? 'CREATE UNIQUE INDEX customers_by_key ON customers (source, buyer_key)'
  : 'CREATE UNIQUE INDEX customer_rows_by_key ON customer_rows (buyer_key, source)';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const start = cpu();
let at = start;
const step = (what) => {
  const now = cpu();
  console.log(`${what.padEnd(16)} ${(now - at).toFixed(2)} s CPU`);
  at = now;
};
db.exec('BEGIN');
const params = new Array(ROWS * 8);
for (let i = 0; i + ROWS <= n; i += ROWS) {
  let k = 0;
  for (let j = i; j < i + ROWS; j++) {
    params[k++] = j + 1;
    params[k++] = orderId[j];
    params[k++] = customer[j];
    params[k++] = ms[j];
    params[k++] = day[j];
    params[k++] = 3; // completed (db/status-codes.ts)
    params[k++] = gross[j];
    params[k++] = gross[j];
  }
  insertOrders.run(...params);
}
step(`orders (${n - (n % ROWS)})`);
const customerParams = new Array(ROWS * (dense ? 2 : 1));
for (let i = 0; i + ROWS <= keys.length; i += ROWS) {
  let k = 0;
  for (let j = i; j < i + ROWS; j++) {
    if (dense) customerParams[k++] = j + 1;
    customerParams[k++] = keys[j];
  }
  insertCustomers.run(...customerParams);
}
step(`customers (${keys.length - (keys.length % ROWS)})`);
db.pragma(dense ? 'cache_size = -8192' : 'cache_size = -1024'); // as CustomerRegistry.finish
db.pragma('threads = 2');
db.exec(keyIndex);
step('customer key index');
db.exec('COMMIT');
step('COMMIT');
console.log(`${'total'.padEnd(16)} ${(cpu() - start).toFixed(2)} s CPU (${dense ? 'dense schema' : 'the store schema'}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
db.close();
