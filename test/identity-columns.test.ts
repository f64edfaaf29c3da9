/**
 * Every per-customer output names its customer uniquely and stably (issue 14 §1): it starts with
 * customer_key, customer, platform, shop (then contact where the database keeps personal data), in every
 * format; customer_key is unique per row and the same after a rebuild from the same files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../src/report/columns.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir('orderlens-identity-');
const IDENTITY = ['customer_key', 'customer', 'platform', 'shop'];
// two platforms, one currency (USD): opaque ids (the CDNOW sample), hashed emails (Shopify), hashed names (Etsy)
const FILES = [fixture('cdnow_sample.csv'), fixture('shopify', 'orders_export_1.csv'), fixture('etsy', 'EtsySoldOrders2023.csv')];
// the default as-of (the day after the last order): every file's customers are in every report
const AS_OF: string[] = [];

/** Every per-customer report, as argv after the command name. */
function perCustomer(segment: string): string[][] {
  return [
    ['customers'],
    ['rfm', ...AS_OF, '--by', 'customer'],
    ['rfm', ...AS_OF, '--segment', segment],
    ['pareto', ...AS_OF, '--by', 'customer'],
    ['segments', ...AS_OF, '--by', 'customer', '--k', '3'],
    ['churn', ...AS_OF, '--by', 'customer'],
    ['ltv', '--by', 'customer'],
    ['ltv', '--method', 'simple', '--lifetime', '3y', '--by', 'customer'],
  ];
}

async function importInto(db: string, extra: string[] = []): Promise<void> {
  const r = await orderlens(db, ['import', '--currency', 'USD', ...extra, ...FILES]);
  expect(r.code, r.stderr).toBe(0);
}

async function csv(db: string, argv: string[]): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const r = await orderlens(db, [...argv, '--format', 'csv']);
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return { header: r.stdout.split('\n')[0].split(','), rows: parseCsvRows(r.stdout) };
}

async function someSegment(db: string): Promise<string> {
  return (await csv(db, ['rfm', ...AS_OF])).rows[0].segment;
}

describe('per-customer outputs', () => {
  const db = path.join(dir, 'a.db');
  const pii = path.join(dir, 'pii.db');
  beforeAll(async () => {
    await importInto(db);
    await importInto(pii, ['--keep-pii']);
  });

  it('start with customer_key, customer, platform, shop in CSV and JSON, and customer_key is unique', async () => {
    const commands = perCustomer(await someSegment(db));
    for (const argv of commands) {
      const what = argv.join(' ');
      const { header, rows } = await csv(db, argv);
      expect(header.slice(0, 5), what).toEqual([...IDENTITY, header[4]]);
      expect(header, what).not.toContain('contact');
      expect(header, what).not.toContain('buyer_key');
      expect(rows.length, what).toBeGreaterThan(1);
      const keys = rows.map((r) => r.customer_key);
      expect(keys.every((k) => k !== ''), what).toBe(true);
      expect(new Set(keys).size, `${what}: customer_key unique`).toBe(keys.length);
      const json = await orderlens(db, [...argv, '--format', 'json']);
      const objects = JSON.parse(json.stdout) as Record<string, unknown>[];
      expect(Object.keys(objects[0]).slice(0, 4), what).toEqual(IDENTITY);
      expect(objects.map((o) => o.customer_key), what).toEqual(keys);
    }
    const table = await orderlens(db, ['rfm', '--segment', await someSegment(db), '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('customer_key');
  });

  it('the display form is not unique where the key is: masked emails and names share displays', async () => {
    const { rows } = await csv(db, ['customers']);
    const hashed = rows.filter((r) => r.customer_key.startsWith('h:'));
    expect(hashed.length).toBeGreaterThanOrEqual(3);
    for (const r of hashed) {
      expect(r.customer_key).toMatch(/^h:[0-9a-f]{32}$/);
      expect(r.customer).toContain('*');
    }
    // opaque ids are their own key
    const opaque = rows.filter((r) => !r.customer_key.startsWith('h:'));
    expect(opaque.length).toBeGreaterThan(100);
    for (const r of opaque) expect(r.customer).toBe(r.customer_key);
  });

  it('add contact as the fifth column where the database keeps personal data', async () => {
    for (const argv of perCustomer(await someSegment(pii))) {
      const what = argv.join(' ');
      const { header, rows } = await csv(pii, argv);
      expect(header.slice(0, 5), what).toEqual([...IDENTITY, 'contact']);
      expect(rows.some((r) => r.contact.includes('@')), what).toBe(true);
      expect(new Set(rows.map((r) => r.customer_key)).size, what).toBe(rows.length);
    }
  });

  it('carry the same customer_key after a rebuild from the same files', async () => {
    const again = path.join(dir, 'rebuilt.db');
    await importInto(again);
    for (const argv of [['customers'], ['rfm', ...AS_OF, '--by', 'customer'], ['churn', ...AS_OF, '--by', 'customer']]) {
      const before = (await csv(db, argv)).rows.map((r) => r.customer_key);
      const after = (await csv(again, argv)).rows.map((r) => r.customer_key);
      expect(after, argv.join(' ')).toEqual(before);
    }
  });
});

describe('the column dictionary (src/report/columns.ts)', () => {
  it('names every column once, snake_case, with a Chinese header and an English meaning', () => {
    for (const [name, spec] of Object.entries(COLUMNS)) {
      // T_cal keeps the name of lifetimes' calibration_and_holdout_data, which analysts join against
      if (name !== 'T_cal') expect(name).toMatch(/^[a-z][a-z0-9_]*(@[a-z_]+)?$/);
      expect(spec.zh.length, name).toBeGreaterThan(0);
      expect(spec.en.length, name).toBeGreaterThan(3);
    }
  });

  it('is the only place a command takes its headers from: no Chinese header is spelled out in src/cli', () => {
    const commands = path.join(repoRoot, 'src', 'cli', 'commands');
    const offenders = readdirSync(commands)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /\bzh: ['`"]/.test(readFileSync(path.join(commands, f), 'utf8')));
    expect(offenders, "give columns with col('name') from src/report/columns.ts (add the column there), not { key, zh, kind }").toEqual([]);
  });
});
