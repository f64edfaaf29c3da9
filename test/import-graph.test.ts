/**
 * The import graph of src/ has no cycles, type-only imports included (as `madge --circular` counts them): two
 * modules that need each other are one module in two files, and a run-time cycle changes the order modules
 * are evaluated in. A cycle is reported as the files that form it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-data.js';

const src = path.join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative modules a file imports or re-exports, type-only ones included (`import()` is left out). */
export function relativeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"](\.[^'"]+)['"]/gms)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

function resolve(from: string, spec: string): string {
  const target = path.resolve(path.dirname(from), spec);
  return target.replace(/\.js$/, '.ts');
}

/** Every cycle's files (one strongly connected component of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph', () => {
  it('reads relative imports and re-exports, type-only ones included', () => {
    const text = [
      "import { a, b } from './a.js';",
      "import type { T } from './t.js';",
      "import { type U, type V } from './u.js';",
      "import { type W, x } from './w.js';",
      "export { y } from './y.js';",
      "export type { Z } from './z.js';",
      "import './side-effect.js';",
      "import fs from 'node:fs';",
      'import {\n  multi,\n  line,\n} from "./m.js";',
    ].join('\n');
    expect(relativeImports(text)).toEqual(['./a.js', './t.js', './u.js', './w.js', './y.js', './z.js', './m.js', './side-effect.js']);
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('src/ has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(src)) {
      graph.set(file, relativeImports(readFileSync(file, 'utf8')).map((s) => resolve(file, s)));
    }
    const found = cycles(graph).map((c) => c.map((f) => path.relative(repoRoot, f)).join(' ↔ '));
    expect(found).toEqual([]);
  });

  it('no command imports another command (one module per subcommand)', () => {
    const commands = path.join(src, 'cli', 'commands');
    const found: string[] = [];
    for (const file of sourceFiles(commands)) {
      for (const target of relativeImports(readFileSync(file, 'utf8')).map((s) => resolve(file, s))) {
        if (path.dirname(target) === commands) found.push(`${path.relative(repoRoot, file)} → ${path.relative(repoRoot, target)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
