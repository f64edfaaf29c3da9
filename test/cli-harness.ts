/**
 * Runs the CLI in-process against a temporary database: `const r = await orderlens(['info'])`.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { repoRoot } from './shared-data.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temporary directory (one per test file is plenty). */
export function tempDir(prefix = 'orderlens-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A fixture path: fixture('generic', 'utf8.csv'). */
export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'fixtures', ...parts);
}

/** Runs `orderlens --db DB ...argv` in-process. */
export async function orderlens(db: string, argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const io = memoryIo({ env });
  const code = await run(['--db', db, ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Parses CSV output with a simple header (no embedded newlines) into objects. */
export function parseCsvRows(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (q) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      }
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

/** Rows of a query on a database file, opened read-only. */
export function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

/**
 * Waits until `ready()` holds, polling: tests wait for a condition (a file grown, a line printed), never for a
 * fixed time. No deadline of its own: the test's timeout is the limit.
 */
export async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

/** The size of a file in bytes; 0 while it does not exist. */
export function sizeOf(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
