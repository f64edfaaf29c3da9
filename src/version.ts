/**
 * The version `orderlens --version` prints, the HTML report names and an import's replay record keeps
 * (db/import-replay.ts): package.json's, read once at start, so a release bump changes one file. The package's
 * root is found from this module: src/ and dist/ are one folder below it, the binary's bundle (dist/bundle/,
 * scripts/bundle.js) two.
 */
import { readFileSync } from 'node:fs';

/** The package's own package.json and the folder it is in: the nearest one above this module named orderlens. */
function findPackage(): { root: URL; json: { version?: unknown } } {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    let json: { name?: unknown; version?: unknown } | null = null;
    try {
      json = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
    } catch {
      // none here (or not ours): one folder up
    }
    if (json?.name === 'orderlens') return { root: dir, json };
    if (new URL('..', dir).href === dir.href) throw new Error('orderlens: no package.json above ' + import.meta.url);
  }
}

const found = findPackage();

/** The package's root folder (a file URL ending in `/`): fixtures/ and package.json are in it. */
export const PACKAGE_ROOT: URL = found.root;

function packageVersion(): string {
  const version = found.json.version;
  if (typeof version !== 'string' || version === '') throw new Error('package.json has no version');
  return version;
}

export const VERSION = packageVersion();
