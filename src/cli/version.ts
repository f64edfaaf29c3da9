/**
 * The version `orderlens --version` prints and the HTML report names: package.json's, read once at start
 * (src/cli and dist/cli are both two folders below the package root), so a release bump changes one file.
 */
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = (pkg as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') throw new Error('package.json has no version');
  return version;
}

export const VERSION = packageVersion();
