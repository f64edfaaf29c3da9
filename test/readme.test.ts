/**
 * The README is the user's manual, and the program points into it: every section a message or help text names
 * exists, every command has its section, and every exit code the program uses is in the table. A merge that
 * drops a part of the README fails here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { repoRoot } from './shared-data.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const readmeZh = readFileSync(path.join(repoRoot, 'README.zh-CN.md'), 'utf8');
const headings = (text: string): string[] => text.split('\n').filter((l) => /^#{1,4} /.test(l));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}
const code = sources(path.join(repoRoot, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('the README', () => {
  it('has every section the program points to', () => {
    const named = new Set([...code.matchAll(/README "([^"\n]+)"/g)].map((m) => m[1]!));
    expect(named.size).toBeGreaterThan(2);
    for (const title of named) expect(headings(readme).some((h) => h.includes(title)), title).toBe(true);
    const namedZh = new Set([...code.matchAll(/README“([^”\n]+)”/g)].map((m) => m[1]!));
    expect(namedZh.size).toBeGreaterThan(0);
    for (const title of namedZh) {
      expect(headings(readme).some((h) => h.includes(title)) || headings(readmeZh).some((h) => h.includes(title)), title).toBe(true);
    }
    // "see the README's limits", "README's reliability section"
    expect(code).toMatch(/README\\?'s (limits|reliability)/);
    expect(headings(readme).some((h) => /Reliability and limits/.test(h))).toBe(true);
    expect(headings(readme).some((h) => /Personal data/.test(h))).toBe(true);
  });

  it('has every command in its command table or a section of its own', async () => {
    const program = await buildProgram(memoryIo({ env: {} }));
    const names = program.commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      const listed = readme.includes(`\n| \`orderlens ${name}`) || headings(readme).some((h) => h.includes(`orderlens ${name}`));
      expect(listed, name).toBe(true);
    }
  });

  it('lists every exit code in its table', () => {
    const table = readme.slice(readme.indexOf('### Exit codes'));
    const rows = new Set([...table.slice(0, table.indexOf('\n\n', table.indexOf('| code'))).matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])));
    // every code the program returns: usage, data, and the two signals
    for (const c of [0, 1, 2, 130, 143]) expect(rows.has(c), String(c)).toBe(true);
  });
});
