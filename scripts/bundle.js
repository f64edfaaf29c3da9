/**
 * The second step of `npm run build`, after tsc: the binary's threads bundled from tsc's dist/ into dist/bundle/
 * (esbuild, code-split). bin/orderlens.js runs dist/bundle/cli-thread.js; the command's thread, an import's
 * reading thread, the model fits' and the purchase-run merges' threads are the other entries, each beside the
 * chunks it loads (a thread's script is found next to the module that starts it). A module loaded lazily (a
 * command, the progress line, a report's output) stays lazy: it is in a chunk loaded when it is. Each thread
 * then loads a few dozen files instead of ~120 modules: the ESM loader's work per file (resolve, open, stat,
 * read) was a quarter of an import's start-up (BENCHMARKS.md, issue 21, boot, s12). Packages stay outside.
 *
 * dist/bundle/meta.json is esbuild's metafile: which of dist/'s modules each file holds (test/bin.test.ts reads it
 * to say which modules a command loads). The library (package.json main, dist/index.js) is tsc's output, unbundled.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each thread's script: its name in dist/bundle/ and its module in dist/. */
const ENTRIES = {
  'cli-thread': 'dist/cli/cli-thread.js',
  'cli-worker': 'dist/cli/cli-worker.js',
  'map-worker': 'dist/import/map-worker.js',
  'fit-worker': 'dist/cli/fit-worker.js',
  'purchase-runs-worker': 'dist/db/purchase-runs-worker.js',
};

async function bundle() {
  const outdir = `${root}dist/bundle`;
  // chunks are named by their content: a build's files replace the last build's, none is left behind
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
}

await bundle();
