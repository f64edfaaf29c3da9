/**
 * vitest globalSetup: builds dist/ from the current sources before any test runs, so that what runs in a
 * child process or a worker thread (bin/orderlens.js, the import's reading thread, the memory tests' readers)
 * is the code under test, never a dist/ left over from an older checkout. Incremental (dist/.tsbuildinfo):
 * about two seconds when nothing changed. A source that does not compile fails the run here, with tsc's errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The source files whose compiled output must be in dist/ (tests are not built). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

export default function buildDist(): void {
  const src = path.join(root, 'src');
  const dist = path.join(root, 'dist');
  // tsc's incremental state only knows the sources it saw: an output deleted since is rebuilt from scratch
  const missing = sources(src).some((f) => !existsSync(path.join(dist, path.relative(src, f)).replace(/\.ts$/, '.js')));
  if (missing) rmSync(path.join(dist, '.tsbuildinfo'), { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`building dist/ from the sources failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}
