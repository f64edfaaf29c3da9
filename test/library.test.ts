// The library API (src/index.ts), run from the sources; and the package entry point (package.json main/types
// → dist/, built from these sources by test/build-dist.ts) exports exactly the same names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { fixture, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

describe('library API', () => {
  it('imports a file and scores customers without the CLI', async () => {
    const db = lib.openDb(path.join(tempDir(), 'lib.db'), { create: true });
    const result = await lib.importFile(db, fixture('generic', 'utf8.csv'), { platform: 'auto', encoding: 'auto' });
    expect(result.counts.inserted).toBe(5);
    const log = lib.loadPurchaseLog(db, { currency: 'USD' });
    expect(lib.summarizeCustomers(log).map((r) => r.customer)).toEqual(['C001', 'C002']);
    db.close();
  });

  it("package.json's main and types name the built entry point, which exports what src/index.ts exports", async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; types: string };
    expect(existsSync(path.join(repoRoot, pkg.types))).toBe(true);
    const built = (await import(pathToFileURL(path.join(repoRoot, pkg.main)).href)) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(lib).sort());
  });
});
