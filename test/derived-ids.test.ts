/**
 * Order ids orderlens makes up for rows without one (a generic file without an order-id column, a Taobao
 * report copy without 订单编号) are keyed with the key file (identity/derived-order-id.ts). An older orderlens
 * stored them unkeyed — hashes of the row's cells, the buyer's among them — so a copied database let anyone
 * check a guess at a buyer (every 138****5678 phone) against them. Here: a store of that old format (built by
 * importing and then writing back the old ids, computed by the old functions kept only in this test) is
 * rewritten by the next import (db/legacy-ids.ts) and nothing in it checks a guess any more; re-importing the
 * same file inserts nothing and every report reads the same.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderlens, query, tempDir } from './cli-harness.js';
import { TEST_KEY } from './setup-key.js';
import { rekeyLegacyId } from '../src/identity/derived-order-id.js';
import { chunkBlocks, sealFileDigest } from '../src/db/sealed-digests.js';

const dir = tempDir('orderlens-derived-ids-');
let dbs = 0;
const freshDb = () => path.join(dir, `s${++dbs}.db`);

// The unkeyed ids an older orderlens made: generic `r:` + SHA-1 of the trimmed cells, numbered by repeats;
// Taobao `tb-` + SHA-256 of buyer, created, paid, amount, title, count, `#n` for repeats.
const legacyGenericDigest = (cells: string[]) => createHash('sha1').update(cells.map((c) => c.trim()).join('\u0001')).digest('base64url').slice(0, 16);
const legacyTaobaoDigest = (parts: string[]) => createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 16);
function legacyIds(rows: string[][], digest: (cells: string[]) => string, form: (d: string, n: number) => string): string[] {
  const seen = new Map<string, number>();
  return rows.map((cells) => {
    const d = digest(cells);
    const n = (seen.get(d) ?? 0) + 1;
    seen.set(d, n);
    return form(d, n);
  });
}

/** Buyers are phones (hashed, shown as 138****5678); the second row repeats the first (its id is `:2`). */
const GENERIC_ROWS = [
  ['13812345678', '2026-01-05', '12.50'],
  ['13812345678', '2026-01-05', '12.50'],
  ['13812345678', '2026-03-09', '40.00'],
  ['13998765432', '2026-02-11', '99.90'],
  ['13998765432', '2026-05-01', '15.00'],
  ['15000001111', '2026-04-20', '7.25'],
];
const GENERIC_HEADER = ['customer', 'date', 'amount'];
const genericLegacy = () => legacyIds(GENERIC_ROWS, legacyGenericDigest, (d, n) => `r:${d}:${n}`);

/** A Taobao report copy without 订单编号: buyer, amount, count, title, paid, created (the old id's parts, in its order below). */
const TAOBAO_HEADER = ['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题', '订单付款时间', '订单创建时间'];
const TAOBAO_ROWS = [
  ['tb_lilei88', '748.5', '1', 'PHP程序员开发资源库', '2026-01-01 09:26:18', '2026-01-01 09:20:00'],
  ['tb_lilei88', '748.5', '1', 'PHP程序员开发资源库', '2026-01-01 09:26:18', '2026-01-01 09:20:00'],
  ['tb_lilei88', '59', '2', '零基础学Java', '2026-03-02 10:00:00', '2026-03-02 09:58:00'],
  ['hanmeimei_01', '120', '1', 'Python从入门到精通', '2026-02-14 20:00:00', '2026-02-14 19:59:00'],
  ['hanmeimei_01', '35.5', '1', 'C语言入门', '2026-06-01 08:00:00', '2026-06-01 07:59:00'],
];
/** The old id's parts: buyer, created, paid, amount, title, count. */
const taobaoParts = (r: string[]) => [r[0], r[5], r[4], r[1], r[3], r[2]];
const taobaoLegacy = () => legacyIds(TAOBAO_ROWS.map(taobaoParts), legacyTaobaoDigest, (d, n) => (n === 1 ? `tb-${d}` : `tb-${d}#${n}`));

function writeCsv(name: string, header: string[], rows: string[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return file;
}

const PLATFORMS = [
  { name: 'generic (no order-id column)', platform: 'generic', file: () => writeCsv('log.csv', GENERIC_HEADER, GENERIC_ROWS), legacy: genericLegacy, args: ['--currency', 'CNY', '--tz', 'UTC'] },
  { name: 'Taobao report copy without 订单编号', platform: 'taobao', file: () => writeCsv('ExportOrderList-copy.csv', TAOBAO_HEADER, TAOBAO_ROWS), legacy: taobaoLegacy, args: [] },
] as const;

/** Imports `file` and turns the store into what an older orderlens left: its unkeyed ids, no mark that ids are keyed. */
async function oldFormatStore(file: string, args: readonly string[], legacy: string[]): Promise<string> {
  const db = freshDb();
  const first = await orderlens(db, ['import', ...args, file]);
  expect(first.code, first.stderr).toBe(0);
  const d = new Database(db);
  try {
    const rows = d.prepare('SELECT o.id, s.platform, o.order_id FROM order_rows o JOIN sources s ON s.id = o.source ORDER BY o.id').all() as { id: number; platform: string; order_id: string }[];
    expect(rows).toHaveLength(legacy.length);
    const put = d.prepare('UPDATE order_rows SET order_id = ? WHERE id = ?');
    rows.forEach((r, i) => {
      // what this orderlens stored is the keyed form of what the old one stored for the same row
      expect(rekeyLegacyId(TEST_KEY, r.platform, legacy[i])).toBe(r.order_id);
      put.run(legacy[i], r.id);
    });
    d.prepare("DELETE FROM meta WHERE key = 'order_ids_keyed'").run();
  } finally {
    d.close();
  }
  return db;
}

const AS_OF = ['--as-of', '2026-07-01'];
/** Every report a shop owner reads, as CSV at a fixed day. */
async function reports(db: string): Promise<string[]> {
  const out: string[] = [];
  for (const argv of [
    ['rfm', '--by', 'customer', ...AS_OF],
    ['rfm', ...AS_OF],
    ['customers'],
    ['churn', '--by', 'customer', ...AS_OF],
    ['pareto', ...AS_OF],
    ['cohorts', ...AS_OF],
  ]) {
    const r = await orderlens(db, [...argv, '--format', 'csv']);
    expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    out.push(r.stdout);
  }
  return out;
}

const storedIds = (db: string) => query<{ order_id: string }>(db, 'SELECT order_id FROM order_rows ORDER BY id').map((r) => r.order_id);

/**
 * What an attacker with a copy of the database (no key file) does: for every phone the masked form allows
 * (138****5678: 10,000), rebuild the row from the stored day and amount and compare its unkeyed id with the
 * stored ids. The phones found.
 */
function bruteForcePhones(db: string): string[] {
  const ids = new Set(storedIds(db));
  const found: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    const phone = `138${String(k).padStart(4, '0')}5678`;
    const row = [phone, '2026-01-05', '12.50'];
    if (ids.has(`r:${legacyGenericDigest(row)}:1`)) found.push(phone);
  }
  return found;
}

/** Every text and blob stored in any table of `db`, as one string (to look for a digest anywhere). */
function everything(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return tables
      .flatMap((t) => (d.prepare(`SELECT * FROM "${t}"`).raw(true).all() as unknown[][]).flat())
      .map((v) => (Buffer.isBuffer(v) ? v.toString('hex') + v.toString('latin1') : String(v)))
      .join('\n');
  } finally {
    d.close();
  }
}

describe('made-up order ids are keyed', () => {
  it.each(PLATFORMS)('$name: an old-format store is rewritten by the next import; re-importing inserts nothing, reports are the same', async (p) => {
    const file = p.file();
    const legacy = p.legacy();
    const db = await oldFormatStore(file, p.args, legacy);
    expect(storedIds(db)).toEqual(legacy);
    const before = await reports(db);

    const again = await orderlens(db, ['import', ...p.args, file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/inserted 0, updated 0, unchanged [1-9]\d*, rejected 0/);
    expect(again.stdout + again.stderr).toContain(`keyed ${legacy.length} order ids orderlens had made up for rows without one: they were unkeyed hashes`);
    const keyed = storedIds(db);
    expect(keyed).toEqual(legacy.map((id) => rekeyLegacyId(TEST_KEY, p.platform, id)));
    expect(keyed.every((id) => /^(rk:[A-Za-z0-9_-]{16}:\d+|tbk-[0-9a-f]{16}(#\d+)?)$/.test(id))).toBe(true);
    expect(await reports(db)).toEqual(before);

    // reading every row again finds each order under its keyed id; the rewrite is said once
    const reread = await orderlens(db, ['import', '--reread', ...p.args, file]);
    expect(reread.code, reread.stderr).toBe(0);
    expect(reread.stdout).toMatch(/inserted 0, updated 0, unchanged [1-9]\d*, rejected 0/);
    expect(reread.stdout + reread.stderr).not.toContain('keyed');
    expect(storedIds(db)).toEqual(keyed);
    expect(await reports(db)).toEqual(before);

    // the same ids as a store this orderlens made from the file
    const fresh = freshDb();
    expect((await orderlens(fresh, ['import', ...p.args, file])).code).toBe(0);
    expect(storedIds(fresh)).toEqual(keyed);
  });

  it.each(PLATFORMS)('$name: no stored value holds the unkeyed digest of a row', async (p) => {
    const file = p.file();
    const legacy = p.legacy();
    const db = await oldFormatStore(file, p.args, legacy);
    const digests = legacy.map((id) => /^(?:r:|tb-)([^:#]+)/.exec(id)?.[1] ?? '');
    expect(digests.every((d) => everything(db).includes(d))).toBe(true);
    expect((await orderlens(db, ['import', ...p.args, file])).code).toBe(0);
    const all = everything(db);
    expect(digests.filter((d) => all.includes(d))).toEqual([]);
  });

  it('a copy of the database no longer lets a guessed phone be checked against its order ids', async () => {
    const file = PLATFORMS[0].file();
    const db = await oldFormatStore(file, PLATFORMS[0].args, genericLegacy());
    const copy = (name: string) => {
      const to = path.join(dir, name);
      copyFileSync(db, to);
      return to;
    };
    // the old format gives the phone back
    expect(bruteForcePhones(copy('old-copy.db'))).toEqual(['13812345678']);
    expect((await orderlens(db, ['import', ...PLATFORMS[0].args, file])).code).toBe(0);
    const stolen = copy('new-copy.db');
    expect(bruteForcePhones(stolen)).toEqual([]);
    // keyed ids can be checked only with the key: a wrong key (all an attacker can try) matches no guess
    const ids = new Set(storedIds(stolen));
    const guess = (key: string) => {
      let hits = 0;
      for (let k = 0; k < 10_000; k++) {
        const row = [`138${String(k).padStart(4, '0')}5678`, '2026-01-05', '12.50'];
        if (ids.has(rekeyLegacyId(key, 'generic', `r:${legacyGenericDigest(row)}:1`) ?? '')) hits++;
      }
      return hits;
    };
    expect(guess(randomBytes(32).toString('hex'))).toBe(0);
    expect(guess(TEST_KEY)).toBe(1);
  });

  it('a store opened without its key file keeps reporting; an import is refused and changes nothing', async () => {
    const file = PLATFORMS[0].file();
    const legacy = genericLegacy();
    const db = await oldFormatStore(file, PLATFORMS[0].args, legacy);
    const before = await reports(db);
    const noKey = { ORDERLENS_KEY_FILE: path.join(dir, 'no-such-key') };
    const rfm = await orderlens(db, ['rfm', '--by', 'customer', ...AS_OF, '--format', 'csv'], noKey);
    expect(rfm.code, rfm.stderr).toBe(0);
    expect(rfm.stdout).toBe(before[0]);
    const imported = await orderlens(db, ['import', ...PLATFORMS[0].args, file], noKey);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('there is no key file at');
    expect(storedIds(db)).toEqual(legacy);
  });

  it('a dry run rewrites nothing; another source\'s import rewrites every source', async () => {
    const gFile = PLATFORMS[0].file();
    const db = await oldFormatStore(gFile, PLATFORMS[0].args, genericLegacy());
    const dry = await orderlens(db, ['import', '--dry-run', ...PLATFORMS[0].args, gFile]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(storedIds(db)).toEqual(genericLegacy());
    // a Taobao file into the same store: its import keys the generic source's ids too
    const tFile = PLATFORMS[1].file();
    const t = await orderlens(db, ['import', tFile]);
    expect(t.code, t.stderr).toBe(0);
    expect(storedIds(db).slice(0, GENERIC_ROWS.length)).toEqual(genericLegacy().map((id) => rekeyLegacyId(TEST_KEY, 'generic', id)));
    expect(query(db, "SELECT value FROM meta WHERE key = 'order_ids_keyed'")).toEqual([{ value: '1' }]);
  });
});

describe('digests of raw file content are keyed', () => {
  const HEADER = ['order_id', 'customer', 'date', 'amount'];
  const rowsFor = (phone: string) => [
    ['A1', phone, '2026-01-05', '12.50'],
    ['A2', '13998765432', '2026-02-11', '99.90'],
    ['A3', '15000001111', '2026-04-20', '7.25'],
    ['A4', '13998765432', '2026-05-01', '15.00'],
  ];
  const TRUE_PHONE = '13812345678';
  const candidates = ['13800005678', '13811115678', TRUE_PHONE, '13822225678', '13899995678'];
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  const chunkData = (db: string) => query<{ data: Buffer }>(db, 'SELECT data FROM row_chunks ORDER BY source, part').map((r) => r.data);
  /** The chunks' digest blocks, opened with the key they were sealed with. */
  const opened = (data: Buffer[], key: string) => data.map((d) => chunkBlocks(key, d.subarray(0, (d.length / 20) * 16), 'open').toString('hex'));

  it('a copy of the database checks no guessed phone against the file digest or the row chunks', async () => {
    const victim = freshDb();
    const file = writeCsv('victim.csv', HEADER, rowsFor(TRUE_PHONE));
    expect((await orderlens(victim, ['import', '--currency', 'CNY', file])).code).toBe(0);
    const storedSha = query<{ sha256: string }>(victim, 'SELECT sha256 FROM imports').map((r) => r.sha256);
    const storedChunks = chunkData(victim);
    expect(storedChunks.length).toBeGreaterThan(0);
    // the stored file digest is the keyed form of the file's SHA-256
    expect(storedSha).toEqual([sealFileDigest(TEST_KEY, sha256(file))]);

    const attackerKey = path.join(dir, 'attacker-key');
    const plainMatches: string[] = [];
    for (const phone of candidates) {
      const guess = writeCsv(`guess-${phone}.csv`, HEADER, rowsFor(phone));
      // the file digest: the guess's SHA-256 is nowhere in the store
      expect(everything(victim)).not.toContain(sha256(guess));
      // the row chunks: the attacker's own import of the guess (under the attacker's key) records other bytes …
      const scratch = freshDb();
      expect((await orderlens(scratch, ['import', '--currency', 'CNY', guess], { ORDERLENS_KEY_FILE: attackerKey })).code).toBe(0);
      const theirs = chunkData(scratch);
      expect(theirs.filter((d) => storedChunks.some((s) => s.equals(d)))).toEqual([]);
      // … while the unkeyed digests, as an older orderlens stored them, matched the true phone only
      const attackerSecret = readFileSync(attackerKey, 'utf8').trim();
      if (opened(theirs, attackerSecret).join() === opened(storedChunks, TEST_KEY).join()) plainMatches.push(phone);
    }
    expect(plainMatches).toEqual([TRUE_PHONE]);
  });

  it('an old-format store: its file digests are keyed and its unkeyed row chunks dropped by the next import; a re-import of the same bytes is still found', async () => {
    const db = freshDb();
    const file = writeCsv('old-chunks.csv', HEADER, rowsFor(TRUE_PHONE));
    expect((await orderlens(db, ['import', '--currency', 'CNY', file])).code).toBe(0);
    // what an older orderlens stored: the plain SHA-256, chunk records of five int32 (lo, hi, first, rows, orders)
    const plain = sha256(file);
    const d = new Database(db);
    const legacyChunks: Buffer[] = [];
    try {
      d.prepare('UPDATE imports SET sha256 = ?').run(plain);
      for (const { source, part, data } of d.prepare('SELECT source, part, data FROM row_chunks').all() as { source: number; part: number; data: Buffer }[]) {
        const n = data.length / 20;
        const blocks = chunkBlocks(TEST_KEY, data.subarray(0, n * 16), 'open');
        const old = Buffer.alloc(n * 20);
        for (let k = 0; k < n; k++) {
          old.writeInt32LE(blocks.readInt32LE(k * 16), k * 20);
          old.writeInt32LE(blocks.readInt32LE(k * 16 + 4), k * 20 + 4);
          old.writeInt32LE(data.readInt32LE(n * 16 + k * 4), k * 20 + 8);
          old.writeInt32LE(blocks.readInt32LE(k * 16 + 8), k * 20 + 12);
          old.writeInt32LE(blocks.readInt32LE(k * 16 + 12), k * 20 + 16);
        }
        d.prepare('UPDATE row_chunks SET data = ? WHERE source = ? AND part = ?').run(old, source, part);
        legacyChunks.push(old);
      }
      d.prepare("DELETE FROM meta WHERE key IN ('order_ids_keyed', 'file_digests_keyed')").run();
    } finally {
      d.close();
    }
    expect(legacyChunks.length).toBeGreaterThan(0);
    const before = await reports(db);
    const again = await orderlens(db, ['import', '--currency', 'CNY', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/inserted 0, updated 0, unchanged 4, rejected 0/);
    // the same bytes were found under the keyed digest: not read again
    expect(again.stdout).toMatch(/the same bytes as import 1 of/);
    expect(query<{ sha256: string }>(db, 'SELECT sha256 FROM imports ORDER BY id').map((r) => r.sha256)).toEqual([sealFileDigest(TEST_KEY, plain), sealFileDigest(TEST_KEY, plain)]);
    expect(await reports(db)).toEqual(before);
    // nothing of the old values is left in the file, free pages included (rebuilt after the rewrite)
    const raw = readFileSync(db);
    expect(raw.includes(Buffer.from(plain))).toBe(false);
    expect(legacyChunks.filter((c) => raw.includes(c.subarray(0, 8)))).toEqual([]);
    const reread = await orderlens(db, ['import', '--reread', '--currency', 'CNY', file]);
    expect(reread.stdout).toMatch(/inserted 0, updated 0, unchanged 4, rejected 0/);
    expect(chunkData(db).length).toBeGreaterThan(0);
  });
});
