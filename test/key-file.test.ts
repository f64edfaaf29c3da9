/**
 * The hashing key outside the database (db/key-file.ts): made 0600 on first use, recorded by fingerprint,
 * never mixed, moved out of databases made by older versions; and a database copied without its key file
 * holds nothing a guess of a buyer could be checked against.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keyFilePath, keyFingerprint } from '../src/db/key-file.js';
import { fixture, orderlens, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-key-');
let n = 0;
const fresh = (name = 'k') => path.join(dir, `${name}${++n}`);
const shopify = fixture('shopify', 'orders_export_1.csv');
const taobao = fixture('taobao', 'ExportOrderList201903151200.csv');

function meta(db: string): Record<string, string> {
  const d = new Database(db, { readonly: true });
  try {
    return Object.fromEntries((d.prepare('SELECT key, value FROM meta').raw(true).all() as [string, string][]).map(([k, v]) => [k, v]));
  } finally {
    d.close();
  }
}

function buyerKeys(db: string): string[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT platform, shop, buyer_key FROM customers ORDER BY platform, shop, buyer_key').raw(true).all().map((r) => (r as string[]).join('|'));
  } finally {
    d.close();
  }
}

describe('keyFilePath', () => {
  it('is ORDERLENS_KEY_FILE, else orderlens/key in the config directory of the platform', () => {
    expect(keyFilePath({ ORDERLENS_KEY_FILE: '/k/key', HOME: '/h' }, 'linux')).toBe(path.resolve('/k/key'));
    expect(keyFilePath({ HOME: '/h' }, 'linux')).toBe(path.join('/h', '.config', 'orderlens', 'key'));
    expect(keyFilePath({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'orderlens', 'key'));
    expect(keyFilePath({ HOME: '/h', XDG_CONFIG_HOME: 'relative' }, 'linux')).toBe(path.join('/h', '.config', 'orderlens', 'key'));
    expect(keyFilePath({ HOME: '/h' }, 'darwin')).toBe(path.join('/h', 'Library', 'Application Support', 'orderlens', 'key'));
    expect(keyFilePath({ HOME: '/h', APPDATA: '/a' }, 'win32')).toBe(path.join('/a', 'orderlens', 'key'));
  });
});

describe('the key file', () => {
  it('is made 0600 on the first import; the database records only its fingerprint', async () => {
    const keyFile = path.join(fresh('cfg'), 'orderlens', 'key');
    const db = fresh();
    const r = await orderlens(db, ['import', shopify], { ORDERLENS_KEY_FILE: keyFile });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`made a new key for hashing buyer data: ${keyFile}`);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // written beside it and linked into place (never half-written): nothing else is left in its folder
    expect(readdirSync(path.dirname(keyFile))).toEqual(['key']);
    if (process.platform !== 'win32') {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    }
    expect(meta(db).key_fingerprint).toBe(keyFingerprint(key));
    expect(meta(db).secret).toBeUndefined();
    expect(readFileSync(db).includes(key)).toBe(false);
    // said once: the next import finds the key
    const again = await orderlens(db, ['import', taobao], { ORDERLENS_KEY_FILE: keyFile });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('key');
  });

  it('gives the same keys in two fresh databases, and other keys under another key file', async () => {
    const keyFile = fresh('key');
    const [a, b, c] = [fresh(), fresh(), fresh()];
    for (const db of [a, b]) expect((await orderlens(db, ['import', shopify, taobao], { ORDERLENS_KEY_FILE: keyFile })).code).toBe(0);
    expect((await orderlens(c, ['import', shopify, taobao], { ORDERLENS_KEY_FILE: fresh('other') })).code).toBe(0);
    const keys = buyerKeys(a);
    expect(keys.filter((k) => k.includes('|h:')).length).toBeGreaterThan(3);
    expect(buyerKeys(b)).toEqual(keys);
    expect(buyerKeys(c)).not.toEqual(keys);
  });

  it('refuses to import into a database made with another key (exit 1, nothing stored)', async () => {
    const db = fresh();
    expect((await orderlens(db, ['import', shopify], { ORDERLENS_KEY_FILE: fresh('key') })).code).toBe(0);
    const before = buyerKeys(db);
    const other = fresh('key');
    writeFileSync(other, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const r = await orderlens(db, ['import', taobao], { ORDERLENS_KEY_FILE: other });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^orderlens: error: .* was made with another hashing key \(fingerprint [0-9a-f]{16}\) than the key file .* point ORDERLENS_KEY_FILE at the key file this database was made with\n$/);
    expect(buyerKeys(db)).toEqual(before);
    // reports need no key: a copy of the database reads without it
    expect((await orderlens(db, ['customers', '--format', 'csv'], { ORDERLENS_KEY_FILE: other })).code).toBe(0);
  });

  it('a copied database on a machine without its key file: exit 1, nothing stored, and no new key file left behind', async () => {
    const db = fresh();
    expect((await orderlens(db, ['import', shopify], { ORDERLENS_KEY_FILE: fresh('key') })).code).toBe(0);
    const before = buyerKeys(db);
    const missing = fresh('key');
    const r = await orderlens(db, ['import', taobao], { ORDERLENS_KEY_FILE: missing });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^orderlens: error: .* was made with a hashing key \(fingerprint [0-9a-f]{16}\) and there is no key file at .*: nothing was imported and no new key was made .*ORDERLENS_KEY_FILE/);
    expect(existsSync(missing)).toBe(false);
    expect(buyerKeys(db)).toEqual(before);
    const zh = await orderlens(db, ['import', taobao], { ORDERLENS_KEY_FILE: missing, LANG: 'zh_CN.UTF-8' });
    expect([zh.code, zh.stderr]).toEqual([1, expect.stringContaining('没有密钥文件：什么也没导入，也没有生成新密钥')]);
  });

  it('refuses a key file that holds no key', async () => {
    const keyFile = fresh('key');
    writeFileSync(keyFile, 'not a key\n');
    const r = await orderlens(fresh(), ['import', shopify], { ORDERLENS_KEY_FILE: keyFile });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the key file ${keyFile} does not hold an orderlens key`);
  });

  it('a dry run makes no key file', async () => {
    const keyFile = fresh('key');
    const r = await orderlens(fresh(), ['import', '--dry-run', shopify], { ORDERLENS_KEY_FILE: keyFile });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(keyFile)).toBe(false);
  });
});

describe('a database from an older orderlens (key in its meta table)', () => {
  /** A database whose buyers were hashed with `key`, which it holds itself, the way older versions did. */
  async function legacyDb(key: string): Promise<string> {
    const keyFile = fresh('key');
    writeFileSync(keyFile, `${key}\n`);
    const db = fresh();
    expect((await orderlens(db, ['import', shopify], { ORDERLENS_KEY_FILE: keyFile })).code).toBe(0);
    const d = new Database(db);
    d.prepare("DELETE FROM meta WHERE key = 'key_fingerprint'").run();
    d.prepare("INSERT INTO meta (key, value) VALUES ('secret', ?)").run(key);
    d.close();
    return db;
  }

  it('moves its key out to the key file once, and keeps every buyer key', async () => {
    const key = 'fe'.repeat(32);
    const db = await legacyDb(key);
    const before = buyerKeys(db);
    const keyFile = path.join(fresh('cfg'), 'key');
    const r = await orderlens(db, ['import', shopify, taobao], { ORDERLENS_KEY_FILE: keyFile });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/moved the key that hashes buyer data out of .* into /g)).toHaveLength(1);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    expect(meta(db).key_fingerprint).toBe(keyFingerprint(key));
    expect(meta(db).secret).toBeUndefined();
    expect(r.stdout).toMatch(/orders_export_1\.csv: read \d+, inserted 0, updated 0/);
    expect(buyerKeys(db).filter((k) => k.startsWith('shopify'))).toEqual(before);
    const again = await orderlens(db, ['import', shopify], { ORDERLENS_KEY_FILE: keyFile });
    expect(again.stderr).not.toContain('moved');
  });

  it('with another key file present: exit 1, the database keeps its key, and the error says what to do', async () => {
    const db2 = await legacyDb('cd'.repeat(32));
    const other = fresh('key');
    writeFileSync(other, `${'ab'.repeat(32)}\n`);
    const refused = await orderlens(db2, ['import', taobao], { ORDERLENS_KEY_FILE: other });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('still holds its own hashing key');
    expect(refused.stderr).toContain('set ORDERLENS_KEY_FILE to a new file name');
    expect(meta(db2).secret).toBe('cd'.repeat(32));
  });
});

describe('a copied database without its key file', () => {
  it('holds no clear buyer value, no unkeyed hash of one and not the key: a guess cannot be checked', async () => {
    const files = [shopify, taobao, fixture('woocommerce', 'wc-orders-report-export-17100000.csv'), fixture('etsy', 'EtsySoldOrders2023.csv')];
    // the clear values, from a database that keeps them
    const clearDb = fresh();
    expect((await orderlens(clearDb, ['import', '--keep-pii', ...files])).code).toBe(0);
    const d = new Database(clearDb, { readonly: true });
    const clear = d.prepare("SELECT kind, clear FROM customers WHERE kind <> 'id'").raw(true).all() as [string, string][];
    d.close();
    expect(clear.length).toBeGreaterThan(5);

    const db = fresh();
    expect((await orderlens(db, ['import', ...files])).code).toBe(0);
    const bytes = readFileSync(db);
    const text = bytes.toString('latin1');
    const key = process.env.ORDERLENS_KEY_FILE ? readFileSync(process.env.ORDERLENS_KEY_FILE, 'utf8').trim() : '';
    expect(text.includes(key)).toBe(false);
    for (const [kind, value] of clear) {
      const utf8 = Buffer.from(value, 'utf8');
      expect(bytes.includes(utf8), `clear ${kind} ${value}`).toBe(false);
      for (const input of [value, `${kind}:${value}`]) {
        for (const algo of ['md5', 'sha1', 'sha256']) {
          const hex = createHash(algo).update(input).digest('hex');
          expect(text.includes(hex.slice(0, 16)), `${algo}(${input})`).toBe(false);
        }
        expect(text.includes(createHmac('sha256', '').update(input).digest('hex').slice(0, 16))).toBe(false);
      }
    }
  });
});
