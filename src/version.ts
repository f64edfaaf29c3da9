/**
 * The version `orderlens --version` prints, the HTML report names and an import's replay record keeps
 * (db/import-replay.ts): package.json's, read once at start (src/ and dist/ are both one folder below the
 * package root), so a release bump changes one file.
 */
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version = (pkg as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') throw new Error('package.json has no version');
  return version;
}

export const VERSION = packageVersion();
