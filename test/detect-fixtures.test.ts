/**
 * Detection: every platform fixture is recognised as its own platform — and no other adapter, the generic
 * one included, comes near: each other platform scores below the 0.6 detection threshold on every
 * candidate header row, and the winner beats the generic reading.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Header, type SourceRow } from '../src/import/adapter.js';
import { detectPlatform, HEADER_SEARCH_ROWS } from '../src/import/detect.js';
import { ADAPTERS } from '../src/import/platforms/registry.js';
import { openRows } from '../src/import/read.js';
import { fixture } from './cli-harness.js';

const PLATFORM_DIRS = ['taobao', 'jd', 'pinduoduo', 'douyin', 'shopify', 'woocommerce', 'amazon', 'etsy', 'ebay', 'shopee', 'lazada'];

async function headRows(file: string): Promise<SourceRow[]> {
  const opened = await openRows(file, { encoding: 'auto' });
  const rows: SourceRow[] = [];
  for await (const row of opened.rows) {
    rows.push(row);
    if (rows.length >= HEADER_SEARCH_ROWS) break;
  }
  return rows;
}

const files = PLATFORM_DIRS.flatMap((p) =>
  readdirSync(fixture(p))
    .filter((f) => /\.(csv|txt|xlsx)$/.test(f))
    .map((f) => [p, f] as const),
);

describe('platform detection over the fixtures', () => {
  it('has a fixture for every platform adapter', () => {
    expect(new Set(files.map(([p]) => p))).toEqual(new Set(ADAPTERS.filter((a) => a.id !== 'generic').map((a) => a.id)));
  });

  it.each(files)('%s/%s is detected as its platform and nothing else', async (platform, name) => {
    const file = fixture(platform, name);
    const rows = await headRows(file);
    const detected = detectPlatform(file, rows, ADAPTERS);
    expect(detected.adapter.id).toBe(platform);
    expect(detected.score).toBeGreaterThanOrEqual(0.6);
    for (const other of ADAPTERS.filter((a) => a.id !== platform)) {
      const best = Math.max(...rows.map((r) => other.match(new Header(r.cells))));
      if (other.id === 'generic') expect(best, 'generic').toBeLessThan(detected.score);
      else expect(best, other.id).toBeLessThan(0.6);
    }
  });

  it.each(readdirSync(fixture('generic')).map((f) => [f]))('generic/%s is claimed by no platform adapter', async (name) => {
    const rows = await headRows(fixture('generic', name));
    for (const a of ADAPTERS.filter((x) => x.id !== 'generic')) expect(Math.max(...rows.map((r) => a.match(new Header(r.cells)))), a.id).toBe(0);
  });

  it('refuses an unknown file and names the options', async () => {
    const rows: SourceRow[] = [{ line: 1, cells: ['foo', 'bar'] }, { line: 2, cells: ['1', '2'] }];
    expect(() => detectPlatform(path.join('x', 'unknown.csv'), rows, ADAPTERS)).toThrow(/--platform NAME.*--map/);
  });
});
