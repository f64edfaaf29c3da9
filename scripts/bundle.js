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
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each thread's script: its name in dist/bundle/ and its module in dist/. */
const ENTRIES = {
  'cli-thread': 'dist/cli/cli-thread.js',
  'cli-worker': 'dist/cli/cli-worker.js',
  'map-worker': 'dist/import/map-worker.js',
  'fit-worker': 'dist/cli/fit-worker.js',
  'purchase-runs-worker': 'dist/db/purchase-runs-worker.js',
};

/** The message catalogue's module in dist/, and the file in dist/bundle/ its catalogue is read from. */
const CATALOGUE = 'dist/report/messages.js';
const CATALOGUE_JSON = 'messages.json';

/**
 * The message catalogue's module as the bundle has it: the same module, but MESSAGES is read from
 * dist/bundle/messages.json (written here from the built catalogue itself) instead of being a literal in the
 * bundle, and the catalogue's parts (help-messages.js, report-messages.js, …) are left out. Every thread that
 * speaks or throws loads the catalogue (errors.ts keeps the English), the reading thread included: as
 * JavaScript (370 KB) it took 17–26 ms of CPU to load in each thread, as JSON 3–4 ms (BENCHMARKS.md, issue 21,
 * boot, s13). Returns the module's text and the catalogue's JSON.
 */
async function catalogue() {
  const file = `${root}${CATALOGUE}`;
  const { MESSAGES } = await import(pathToFileURL(file).href);
  const json = JSON.stringify(MESSAGES);
  if (JSON.stringify(JSON.parse(json)) !== json) throw new Error(`${CATALOGUE}: the catalogue does not survive JSON`);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const cuts = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && /-messages\.js$/.test(s.moduleSpecifier.text)) cuts.push({ from: s.getStart(source), to: s.end, by: '' });
    else if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.name.getText(source) === 'MESSAGES')) {
      if (s.declarationList.declarations.length !== 1) throw new Error(`${CATALOGUE}: MESSAGES is not declared alone`);
      const read = `JSON.parse(readFileSync(new URL(${JSON.stringify(`./${CATALOGUE_JSON}`)}, import.meta.url), 'utf8'))`;
      cuts.push({ from: s.getStart(source), to: s.end, by: `export const MESSAGES = ${read};` });
    }
  }
  if (!cuts.some((c) => c.by !== '')) throw new Error(`${CATALOGUE}: no \`export const MESSAGES\` found`);
  let contents = text;
  for (const c of cuts.reverse()) contents = contents.slice(0, c.from) + c.by + contents.slice(c.to);
  return { contents: `import { readFileSync } from 'node:fs';\n${contents}`, json };
}

async function bundle() {
  const outdir = `${root}dist/bundle`;
  // chunks are named by their content: a build's files replace the last build's, none is left behind
  rmSync(outdir, { recursive: true, force: true });
  const messages = await catalogue();
  const catalogueFile = `${root}${CATALOGUE}`;
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
    plugins: [
      {
        name: 'catalogue',
        setup(b) {
          b.onLoad({ filter: /[\\/]report[\\/]messages\.js$/ }, (args) =>
            args.path === catalogueFile ? { contents: messages.contents, loader: 'js', resolveDir: `${root}dist/report` } : undefined,
          );
        },
      },
    ],
  });
  writeFileSync(`${outdir}/${CATALOGUE_JSON}`, messages.json);
  writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
}

await bundle();
