/**
 * Golden files: `expectGolden('rfm-shop-segments.csv', stdout)` compares with test/golden/NAME. Regenerate
 * with UPDATE_GOLDEN=1 after a deliberate change (and read the diff); a missing file fails, never self-creates.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './shared-data.js';

export function expectGolden(name: string, text: string): void {
  const file = path.join(repoRoot, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1 once`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
