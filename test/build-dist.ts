/**
 * vitest globalSetup: builds dist/ (and the binary's bundle of it, dist/bundle/) from the current sources before any test runs, so that what runs in a
 * child process or a worker thread (bin/orderlens.js, the import's reading thread, the memory tests' readers)
 * is the code under test, never a dist/ left over from an older checkout or another branch. A full build, not an
 * incremental one: tsc's incremental state only knows its own last build, and a dist/ written since by another
 * build (another checkout's `npm run build`) would keep that build's files where the sources match the state.
 * A source that does not compile fails the run here, with tsc's errors.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // and the binary's bundle of it (bin/orderlens.js runs dist/bundle/: scripts/bundle.js), as `npm run build` does
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`building dist/ from the sources failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}
