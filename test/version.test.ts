import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

describe('version', () => {
  it('orderlens --version prints the version in package.json', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    const r = await orderlens(path.join(tempDir(), 'v.db'), ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
