// The package entry point (package.json main/types → dist/index.js) exposes the library API.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

describe('library API', () => {
  it('imports a file and scores customers without the CLI', async () => {
    const lib = await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href);
    const db = lib.openDb(path.join(tempDir(), 'lib.db'), { create: true });
    const result = await lib.importFile(db, fixture('generic', 'utf8.csv'), { platform: 'auto', encoding: 'auto' });
    expect(result.counts.inserted).toBe(5);
    const log = lib.loadPurchaseLog(db, { currency: 'USD' });
    expect(lib.summarizeCustomers(log).map((r: { customer: string }) => r.customer)).toEqual(['C001', 'C002']);
    db.close();
  });
});
