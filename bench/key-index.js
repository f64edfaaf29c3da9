/**
 * The customers' key index that a bulk first import builds at its end (issue 21; db/customer-registry.ts): the
 * `CREATE UNIQUE INDEX customer_rows_by_key` alone, on a copy of a store's customer rows, with the import's
 * settings and the ones tried against them, taking turns. Each build runs in a transaction rolled back.
 *
 *   node bench/key-index.js STORE.db [rounds]     (STORE: a store an import made, e.g. of /work/q/m5.csv)
 *
 * Variants: `import` (1 MB sorter runs, two sorting threads: what the import does), `threads0` (no sorting
 * thread), `cache4mb` (4 MB runs), `intkey` (an index on a 53-bit hash of the key instead: what a shorter,
 * fixed-width key would cost; it needs a schema change). Prints the process's CPU (user + system: the sorting
 * threads included) and wall per build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import Database from 'better-sqlite3';

const [store, roundsArg] = process.argv.slice(2);
if (!store) {
  console.error('usage: node bench/key-index.js STORE.db [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 2);
const dir = mkdtempSync(path.join(tmpdir(), 'key-index-'));
const db = new Database(path.join(dir, 'keys.db'));
try {
  db.exec(`ATTACH ${JSON.stringify(path.resolve(store))} AS s`);
  db.exec('CREATE TABLE c (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, buyer_key TEXT NOT NULL, h INTEGER)');
  db.exec('INSERT INTO c (id, source, buyer_key) SELECT id, source, buyer_key FROM s.customer_rows ORDER BY id');
  db.exec('DETACH s');
  // two 32-bit FNV-1a lanes of the key (and its source) as one number below 2^53
  const setHash = db.prepare('UPDATE c SET h = ? WHERE id = ?');
  db.exec('BEGIN');
  for (const [id, source, key] of db.prepare('SELECT id, source, buyer_key FROM c').raw(true).all()) {
    let a = 0x811c9dc5 ^ source;
    let b = 0x01000193 ^ source;
    for (let i = 0; i < key.length; i++) {
      a = Math.imul(a ^ key.charCodeAt(i), 0x01000193);
      b = Math.imul(b ^ key.charCodeAt(i), 0x0100019d);
    }
    setHash.run((a >>> 0) * 2 ** 21 + (b >>> 11), id);
  }
  db.exec('COMMIT');
  const customers = db.prepare('SELECT count(*) FROM c').pluck().get();
  const variants = {
    import: { sql: 'CREATE UNIQUE INDEX k ON c (buyer_key, source)', kib: 1024, threads: 2 },
    threads0: { sql: 'CREATE UNIQUE INDEX k ON c (buyer_key, source)', kib: 1024, threads: 0 },
    cache4mb: { sql: 'CREATE UNIQUE INDEX k ON c (buyer_key, source)', kib: 4096, threads: 2 },
    intkey: { sql: 'CREATE INDEX k ON c (h)', kib: 1024, threads: 2 },
  };
  console.log(`${customers} customers, ${rounds} rounds taking turns`);
  for (let r = 1; r <= rounds; r++) {
    for (const [name, v] of Object.entries(variants)) {
      db.pragma(`cache_size = -${v.kib}`);
      db.pragma(`threads = ${v.threads}`);
      db.exec('BEGIN');
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      db.exec(v.sql);
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - t0;
      db.exec('ROLLBACK');
      console.log(`round ${r} ${name.padEnd(8)} ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${(wall / 1000).toFixed(2)} s wall`);
    }
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
