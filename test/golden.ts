/**
 * Golden files: `expectGolden('x.csv', text)` compares with test/golden/x.csv. A missing file fails; run
 * with UPDATE_GOLDEN=1 to (re)write it after a deliberate change, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './shared-data.js';

export function expectGolden(name: string, text: string): void {
  const file = path.join(repoRoot, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  if (!existsSync(file)) throw new Error(`no golden file test/golden/${name}: run the tests with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
