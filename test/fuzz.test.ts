/**
 * A seeded fuzz test of everything that reads a file (issue 13): random bytes, mutated valid exports (every text
 * fixture: CSV, GBK, TSV, …), mutated workbooks (XML parts given hostile values or bytes and zipped again, or
 * the zip's bytes mutated) and mutated aggregate files (CSV and Parquet) — test/fuzz-cases.ts makes them.
 *
 * Each import runs in-process (`run(argv, io)`) on its own copy of a small store that already holds orders
 * (copied by bytes: every case starts from the same database, whatever the cases before it did). Whatever the
 * file, the command ends with exit 0, 1 or 2, no stack trace, no "unexpected:" error and under 64 KB on stderr;
 * on a terminal, nothing from the file reaches it unescaped; the database passes `PRAGMA integrity_check`, holds
 * exactly what it held before (every table, row for row) when the exit is not 0, and when it is 0 its purchase
 * runs agree with its orders (what `orderlens doctor` checks). A report from a summary file opens no database.
 * Every BINARY_EVERY-th case also runs through the built binary (a child process, beside the in-process cases),
 * where V8's limits, signals and uncaught errors would show as they would to a user: the same exit code.
 *
 * `npm test` runs ORDERLENS_FUZZ_CASES cases (default 2,500), stopping at BUDGET_MS however slow the machine
 * (the cases run are printed). Set ORDERLENS_FUZZ_CASES for a longer run (no time bound), ORDERLENS_FUZZ_SEED for
 * another sequence, ORDERLENS_FUZZ_CASE=N to rerun one case, ORDERLENS_FUZZ_KEEP=DIR to keep a failing input.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { openRaw, purchaseRunsCheck } from '../src/db/check.js';
import { ZipArchive } from '../src/import/zip-archive.js';
import { writeAggregates } from './aggregate-files.js';
import { fixture, tempDir } from './cli-harness.js';
import { csvToParquet, fixtureFiles, head, makeCase, textExport, type FuzzCase, type Inputs } from './fuzz-cases.js';
import { repoRoot } from './shared-data.js';

const env = process.env;
const ONLY = env.ORDERLENS_FUZZ_CASE === undefined ? null : Number(env.ORDERLENS_FUZZ_CASE);
const CASES = Number(env.ORDERLENS_FUZZ_CASES ?? 2500);
const SEED = Number(env.ORDERLENS_FUZZ_SEED ?? 20261205);
/** npm test's bound on the in-process cases, however slow the machine: the cases after it are left for longer runs. */
const BUDGET_MS = env.ORDERLENS_FUZZ_CASES || ONLY !== null ? Infinity : 40_000;
/** Every this-many-th case also runs through bin/orderlens.js. */
const BINARY_EVERY = 211;

/**
 * Scratch space in memory where there is some (/dev/shm): the test is about what a file does to the store, not
 * about the disk, and on a disk each COMMIT's fsync took most of a case's time on a loaded machine.
 */
function scratchDir(): string {
  try {
    if (existsSync('/dev/shm')) return mkdtempSync('/dev/shm/orderlens-fuzz-');
  } catch {
    // not writable: the usual temporary folder
  }
  return tempDir('orderlens-fuzz-');
}

async function zipParts(file: string) {
  const archive = await ZipArchive.open(file);
  const out = [];
  for (const entry of archive.entries) {
    const chunks: Buffer[] = [];
    for await (const c of archive.read(entry)) chunks.push(c);
    out.push({ name: entry.name, data: Buffer.concat(chunks) });
  }
  return out;
}

/** Everything a database holds: its schema version and every table's rows, as one digest. */
function digest(d: Database.Database): string {
  const hash = createHash('sha256').update(String(d.pragma('user_version', { simple: true })));
  for (const { name, sql } of d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[]) {
    const rows = (d.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v))));
    hash.update(`\u0000${sql}\u0000${rows.sort().join('\n')}`);
  }
  return hash.digest('hex');
}

function integrity(d: Database.Database): string {
  return (d.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
}

/**
 * What is wrong with a store after a command: its integrity check; when the command failed, any change from
 * the base store (the same bytes, or else the same rows in every table); when it succeeded, purchase runs that
 * disagree with its orders.
 */
function storeProblem(db: string, code: number): string | null {
  if (code !== 0 && !existsSync(`${db}-wal`) && readFileSync(db).equals(baseBytes)) return null; // untouched
  const d = openRaw(db, true);
  try {
    const check = integrity(d);
    if (check !== 'ok') return `integrity_check: ${check}`;
    if (code !== 0) return digest(d) === baseDigest ? null : `exit ${code}, yet the database changed`;
    const runs = purchaseRunsCheck(d);
    return runs.ok ? null : `purchase runs disagree with the orders: ${JSON.stringify(runs.detail)}`;
  } finally {
    d.close();
  }
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
/** Control characters a terminal would act on, once the progress line's own `\r` and erase-line are taken out. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

let dir = '';
let inputs: Inputs;
let baseDb = '';
let baseBytes: Buffer;
let baseDigest = '';

beforeAll(async () => {
  dir = scratchDir();
  const files = fixtureFiles();
  baseDb = path.join(dir, 'base.db');
  // a store with orders of several platforms and a workbook's in it
  const seed = memoryIo();
  const code = await run(['--db', baseDb, 'import', fixture('generic', 'utf8.csv'), fixture('taobao', 'ExportOrderList201903151200.csv'), fixture('shopee', 'Order.all.20250701_20250731.xlsx')], seed);
  expect(code, seed.err()).toBe(0);
  expect(existsSync(`${baseDb}-wal`), 'the base store is whole in one file (copied by bytes)').toBe(false);
  baseBytes = readFileSync(baseDb);
  const d = openRaw(baseDb, true);
  expect(integrity(d)).toBe('ok');
  baseDigest = digest(d);
  d.close();
  // the aggregate files of a small shop, cut to their first rows
  const aggDb = path.join(dir, 'agg.db');
  const shop = memoryIo();
  expect(await run(['--db', aggDb, 'import', fixture('rfm', 'shop.csv')], shop), shop.err()).toBe(0);
  const agg = writeAggregates(aggDb, dir);
  const cut = (f: string) => head(readFileSync(f), 25);
  const [summary, gaps, counts] = [cut(agg.summary), cut(agg.gaps), cut(agg.counts.month)];
  inputs = {
    exports: files.text.map(textExport),
    books: await Promise.all(files.books.map(async (f) => ({ name: path.relative(fixture(), f), parts: await zipParts(f) }))),
    aggregates: { summary, gaps, counts, summaryParquet: csvToParquet(summary), gapsParquet: csvToParquet(gaps), countsParquet: csvToParquet(counts) },
  };
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  signal?: string | null;
  stderr: string;
}

/** The files of a case, written under `name`, and its command line. */
function prepare(c: FuzzCase, name: string): { db: string; argv: string[]; file: string } {
  const db = path.join(dir, `${name}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) rmSync(f, { force: true });
  if (c.imports) copyFileSync(baseDb, db);
  const file = path.join(dir, `${name}.${c.ext}`);
  const second = path.join(dir, `${name}-2.${c.second?.ext ?? 'csv'}`);
  writeFileSync(file, c.data);
  if (c.second) writeFileSync(second, c.second.data);
  const argv = c.argv(file, second).map((a) => (a === 'REJECTS' ? path.join(dir, `${name}-rejects.csv`) : a));
  rmSync(path.join(dir, `${name}-rejects.csv`), { force: true });
  return { db, file, argv: ['--db', db, ...(c.tty ? ['--no-color'] : []), ...argv] };
}

/** What is wrong with an outcome (null: nothing). */
function problem(c: FuzzCase, db: string, out: Outcome): string | null {
  if (out.code === null) return `killed by ${out.signal}`;
  if (![0, 1, 2].includes(out.code)) return `exit ${out.code}`;
  if (STACK.test(out.stderr)) return 'a stack trace on stderr';
  if (/unexpected:|意外错误/.test(out.stderr)) return 'an unexpected error';
  if (Buffer.byteLength(out.stderr) >= 64 * 1024) return `stderr of ${Buffer.byteLength(out.stderr)} bytes`;
  // eslint-disable-next-line no-control-regex
  const shown = c.tty ? out.stderr.replace(/\r|\x1b\[K/g, '').match(CONTROL) : null;
  if (shown) return `a control character reached the terminal: ${JSON.stringify(shown[0])}`;
  if (!c.imports) return existsSync(db) ? 'a report from a summary file created the database' : null;
  return storeProblem(db, out.code);
}

/** ORDERLENS_FUZZ_ALL=1: go on after a failing case, and list every failing case at the end. */
const failures: string[] = [];

function fail(c: FuzzCase, i: number, file: string, what: string, stderr: string, where = 'in-process'): void {
  let kept = '';
  if (env.ORDERLENS_FUZZ_KEEP) {
    mkdirSync(env.ORDERLENS_FUZZ_KEEP, { recursive: true });
    kept = path.join(env.ORDERLENS_FUZZ_KEEP, path.basename(file));
    copyFileSync(file, kept);
    kept = `\nthe input is kept as ${kept}`;
  }
  const message =
    `fuzz case ${i} of seed ${SEED} (${c.label}; ${where}): ${what}${kept}\n` +
    `rerun just this case: ORDERLENS_FUZZ_SEED=${SEED} ORDERLENS_FUZZ_CASE=${i} ORDERLENS_FUZZ_KEEP=/tmp/fuzz npx vitest run test/fuzz.test.ts\n` +
    `stderr:\n${stderr.slice(0, 2000)}`;
  if (!env.ORDERLENS_FUZZ_ALL) throw new Error(message);
  failures.push(message);
  console.log(message);
}

/** A case through bin/orderlens.js, in a child process: exit code (or signal) and stderr. */
function viaBinary(c: FuzzCase, argv: string[]): Promise<Outcome> {
  const bin = path.join(repoRoot, 'bin', 'orderlens.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { env: { ...env, LANG: c.lang === 'zh' ? 'zh_CN.UTF-8' : 'C', ORDERLENS_LANG: '' }, maxBuffer: 1 << 26 }, (e, _stdout, stderr) => {
      const err = e as (Error & { code?: number | string; signal?: string | null }) | null;
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, signal: err?.signal ?? null, stderr });
    });
  });
}

describe('fuzzing what reads a file', () => {
  it(`${ONLY !== null ? `case ${ONLY}` : `${CASES} generated files`} (seed ${SEED}): exit 0/1/2, no stack trace, short stderr, the database whole`, async () => {
    const started = Date.now();
    const cpuStart = process.cpuUsage();
    const seen = { 0: 0, 1: 0, 2: 0 };
    let binaries = 0;
    let binaryFailure: Error | null = null;
    let ran = 0;
    let chain = Promise.resolve();
    const first = ONLY ?? 0;
    const end = ONLY !== null ? ONLY + 1 : CASES;
    for (let i = first; i < end && Date.now() - started < BUDGET_MS; i++) {
      const c = makeCase(inputs, SEED, i);
      const { db, file, argv } = prepare(c, 'case');
      const io = memoryIo({ env: { LANG: c.lang === 'zh' ? 'zh_CN.UTF-8' : 'C' }, tty: c.tty, columns: c.tty ? 80 : undefined });
      const caseStart = Date.now();
      const code = await run(argv, io);
      const out = { code, stderr: io.err() };
      // a long run says where it is, and which cases were slow (a hint, never a failure: the machine may be busy)
      if (!Number.isFinite(BUDGET_MS) && Date.now() - caseStart > 5000) console.log(`fuzz: case ${i} (${c.label}) took ${Date.now() - caseStart} ms`);
      if (!Number.isFinite(BUDGET_MS) && i % 250 === 0) console.log(`fuzz: case ${i}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const wrong = problem(c, db, out);
      if (wrong) fail(c, i, file, wrong, out.stderr);
      seen[code as 0 | 1 | 2]++;
      ran++;
      if (i % BINARY_EVERY === 3 || ONLY !== null) {
        // beside the in-process cases, one child at a time, on its own copies of the files
        const bin = prepare(c, `bin-${i}`);
        binaries++;
        chain = chain.then(async () => {
          if (binaryFailure) return;
          const got = await viaBinary(c, bin.argv);
          const why = problem(c, bin.db, got) ?? (got.code !== code ? `exit ${got.code} from the binary, ${code} in-process` : null);
          try {
            if (why) fail(c, i, bin.file, why, got.stderr, 'bin/orderlens.js');
          } catch (e) {
            binaryFailure = e as Error;
          }
        });
      }
    }
    await chain;
    if (binaryFailure) throw binaryFailure;
    expect(failures, 'failing cases').toEqual([]);
    const cpu = process.cpuUsage(cpuStart);
    console.log(`fuzz: ${ran} cases of seed ${SEED} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (exit 0: ${seen[0]}, 1: ${seen[1]}, 2: ${seen[2]}; ${binaries} also through the binary)`);
    if (ONLY === null) {
      // the generator reaches both outcomes, or it tests little
      expect(seen[0]).toBeGreaterThan(0);
      expect(seen[1]).toBeGreaterThan(0);
    }
  }, Number.isFinite(BUDGET_MS) ? 180_000 : Math.max(180_000, CASES * 2000));
});
