/**
 * The benchmark (`npm run bench`; not part of npm test): generates seeded exports, times `orderlens import`
 * and the reports on them next to `sqlite3 .import` of the same file, and writes the results into
 * BENCHMARKS.md (between the `bench:begin` / `bench:end` markers; the rest of the file is left alone).
 *
 *   npm run bench -- [--sizes 100k,1m,5m] [--layouts generic,shopify] [--runs 3] [--out BENCHMARKS.md]
 *                    [--no-build] [--no-write]
 *
 * Every step runs as its own process under /usr/bin/time: wall time, user+system CPU time and peak RSS;
 * the tables give the median of --runs runs. Imports start from a fresh database each run; re-imports and
 * reports run on the database of the last import. Commands that do not exist yet are skipped with a note.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSize, writeGeneric, writeShopify } from './generate.js';
import { benchTableRender } from './table-render.js';
import { compareReports, comparisonMarkdown } from './duckdb-reports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const bin = path.join(root, 'bin', 'orderlens.js');
const GENERATOR_VERSION = 1;
const SEED = 20240601;

function parseArgs(argv) {
  const opts = { sizes: ['100k', '1m', '5m'], layouts: ['generic', 'shopify'], runs: 3, out: path.join(root, 'BENCHMARKS.md'), build: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--sizes') opts.sizes = value().split(',').filter(Boolean);
    else if (a === '--layouts') opts.layouts = value().split(',').filter(Boolean);
    else if (a === '--runs') opts.runs = Math.max(1, Number(value()));
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--no-write') opts.write = false;
    else throw new Error(`unknown option ${a}`);
  }
  for (const l of opts.layouts) if (!['generic', 'shopify'].includes(l)) throw new Error(`unknown layout ${l}: generic or shopify`);
  opts.sizes.forEach(parseSize);
  return opts;
}

/** Runs a command under /usr/bin/time; returns wall/cpu seconds and peak RSS in MB. */
function timed(cmd, args, { stdout = 'ignore' } = {}) {
  const report = path.join(outDir, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, cmd, ...args], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    // the benchmark's own hashing key, not the user's (see README, Personal data)
    env: { ...process.env, ORDERLENS_KEY_FILE: path.join(outDir, 'key') },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, sys, rssKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: rssKb / 1024, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function summarize(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: Math.max(...samples.map((s) => s.rss)), n: samples.length };
}

function removeDb(db) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
}

/** The input file of a layout and size, generated once and reused while the generator is unchanged. */
function dataset(layout, size) {
  const lines = parseSize(size);
  const file = path.join(outDir, `${layout}-${size}.csv`);
  const metaFile = file + '.json';
  const want = { layout, lines, seed: SEED, version: GENERATOR_VERSION };
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.layout === layout && meta.lines === lines && meta.seed === SEED && meta.version === GENERATOR_VERSION) return { file, ...meta };
  }
  process.stderr.write(`generating ${file} …\n`);
  const stats = (layout === 'generic' ? writeGeneric : writeShopify)(file, lines, SEED);
  const meta = { ...want, ...stats };
  writeFileSync(metaFile, JSON.stringify(meta));
  return { file, ...meta };
}

function orderlensCommands() {
  const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  const commands = new Set([...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]));
  const importHelp = execFileSync(process.execPath, [bin, 'import', '--help'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const platforms = new Set((/one of: ([a-z, ]+)/.exec(importHelp)?.[1] ?? '').split(/,\s*/).map((s) => s.trim()));
  return { commands, platforms };
}

function machine() {
  const cpus = os.cpus();
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split(/\s+/)[0];
    } catch {
      return 'missing';
    }
  };
  const sqliteLib = execFileSync(process.execPath, ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version()').pluck().get())"], { cwd: root, encoding: 'utf8' }).trim();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqliteCli: version('sqlite3', ['--version']),
    sqliteLib,
    load: os.loadavg().map((l) => l.toFixed(1)).join(' '),
  };
}

const STEPS = [
  { key: 'yardstick', label: '`sqlite3 .import --csv` (yardstick)' },
  { key: 'import', label: '`orderlens import` (fresh database)' },
  { key: 'reimport', label: '`orderlens import` again (all unchanged)' },
  { key: 'rfm', label: '`orderlens rfm`', args: ['rfm'] },
  { key: 'churn', label: '`orderlens churn`', args: ['churn'] },
  { key: 'cohorts', label: '`orderlens cohorts`', args: ['cohorts'] },
  { key: 'ltv', label: '`orderlens ltv`', args: ['ltv'] },
  // the HTML report (all seven sections; target: under 15 s on the 5M-line shop), written to a file
  { key: 'report', label: '`orderlens report` (HTML, 7 sections)', args: ['report'], out: 'report.html' },
];

async function benchOne(layout, size, opts, available, notes) {
  const data = dataset(layout, size);
  const results = { data, mb: statSync(data.file).size / 2 ** 20, steps: {} };
  const db = path.join(outDir, `${layout}-${size}.db`);
  const yard = path.join(outDir, `${layout}-${size}.yard.db`);
  const platformArgs = layout === 'shopify' ? ['--platform', 'shopify'] : [];
  const log = (msg) => process.stderr.write(`[${layout} ${size}] ${msg}\n`);

  const samples = (run) => Array.from({ length: opts.runs }, run);
  // the yardstick and the import take turns, so that a machine that slows down for a while (a shared one
  // does) slows both alike and their ratio holds
  const yardRuns = [];
  const importRuns = [];
  for (let i = 0; i < opts.runs; i++) {
    removeDb(yard);
    yardRuns.push(timed('sqlite3', [yard, '.import --csv ' + data.file + ' orders']));
    removeDb(db);
    importRuns.push(timed(process.execPath, [bin, '--db', db, 'import', ...platformArgs, data.file], { stdout: 'pipe' }));
  }
  removeDb(yard);
  results.steps.yardstick = summarize(yardRuns);
  results.steps.import = summarize(importRuns);
  results.pairedRatio = median(importRuns.map((r, i) => r.wall / yardRuns[i].wall));
  log(`sqlite3 .import ${results.steps.yardstick.wall.toFixed(2)} s`);
  log(`import ${results.steps.import.wall.toFixed(2)} s, ${results.steps.import.rss.toFixed(0)} MB`);
  results.steps.reimport = summarize(samples(() => timed(process.execPath, [bin, '--db', db, 'import', ...platformArgs, data.file])));
  log(`re-import ${results.steps.reimport.wall.toFixed(2)} s`);
  for (const step of STEPS.filter((s) => s.args)) {
    if (!available.has(step.key)) {
      notes.add(`\`orderlens ${step.key}\` is not on main yet: not timed.`);
      continue;
    }
    const outArgs = step.out ? ['--out', path.join(outDir, step.out)] : ['--format', 'csv', '--out', '/dev/null'];
    results.steps[step.key] = summarize(samples(() => timed(process.execPath, [bin, '--db', db, ...step.args, ...outArgs])));
    if (step.out) {
      results.reportKb = statSync(path.join(outDir, step.out)).size / 1024;
      rmSync(path.join(outDir, step.out), { force: true });
    }
    log(`${step.key} ${results.steps[step.key].wall.toFixed(2)} s${step.out ? `, ${results.reportKb.toFixed(0)} KB` : ''}`);
  }
  // the reports against DuckDB on its own table of the same CSV (the generic layout: one row per order)
  if (layout.startsWith('generic')) {
    results.duckdb = await compareReports({ csv: data.file, db, duckdbFile: data.file.replace(/\.csv$/, '.duckdb'), runs: opts.runs, outDir, keyFile: path.join(outDir, 'key'), log });
    if (results.duckdb.skipped) notes.add(results.duckdb.skipped);
  }
  removeDb(db);
  return results;
}

const fmtS = (s) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const fmtN = (n) => n.toLocaleString('en-US');

function markdown(opts, m, all, notes, startedAt, minutes) {
  const lines = [];
  lines.push('<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->');
  lines.push(`## Import and reports (\`npm run bench\`)`, '');
  lines.push(`Run ${startedAt.slice(0, 16).replace('T', ' ')} UTC, ${minutes.toFixed(0)} min: \`npm run bench -- --sizes ${opts.sizes.join(',')} --layouts ${opts.layouts.join(',')} --runs ${opts.runs}\`.`);
  lines.push(`Machine: ${m.cpu}, ${m.memory} RAM, ${m.os}; Node ${m.node}; sqlite3 CLI ${m.sqliteCli}; SQLite in better-sqlite3 ${m.sqliteLib}. Load average at the start: ${m.load} (the machine is shared: wall times are noisy, CPU times less so).`, '');
  lines.push('Each cell: median wall time over the runs, with user+system CPU time in brackets; peak RSS is the largest of the runs. The ratio is `orderlens import` ÷ `sqlite3 .import` of the same file: of the median wall times; of the CPU times; and the median of the ratios of runs made one after the other (the two take turns).', '');
  for (const layout of opts.layouts) {
    const rows = all.filter((r) => r.layout === layout);
    if (rows.length === 0) continue;
    lines.push(`### ${layout === 'generic' ? 'Generic CSV (`order_id,customer,date,amount,status`, one row per order)' : 'Shopify orders export (79 columns, one row per line item)'}`, '');
    lines.push(`| | ${rows.map((r) => r.size).join(' | ')} |`);
    lines.push(`|---|${rows.map(() => '---:').join('|')}|`);
    lines.push(`| rows / orders / customers | ${rows.map((r) => `${fmtN(r.data.rows)} / ${fmtN(r.data.orders)} / ${fmtN(r.data.customers)}`).join(' | ')} |`);
    lines.push(`| file size | ${rows.map((r) => `${r.mb.toFixed(0)} MB`).join(' | ')} |`);
    for (const step of STEPS) {
      const cells = rows.map((r) => {
        const s = r.steps[step.key];
        if (!s) return r.skipped?.[step.key] ?? '—';
        const rss = step.key === 'yardstick' ? '' : `, ${s.rss.toFixed(0)} MB`;
        const file = step.out && r.reportKb !== undefined ? `; file ${r.reportKb.toFixed(0)} KB` : '';
        return `${fmtS(s.wall)} s (${fmtS(s.cpu)} s${rss}${file})`;
      });
      lines.push(`| ${step.label} | ${cells.join(' | ')} |`);
    }
    lines.push(
      `| **import ÷ sqlite3 .import** | ${rows
        .map((r) =>
          r.steps.import
            ? `**${(r.steps.import.wall / r.steps.yardstick.wall).toFixed(2)}×** (CPU ${(r.steps.import.cpu / r.steps.yardstick.cpu).toFixed(2)}×; run by run ${r.pairedRatio.toFixed(2)}×)`
            : '—',
        )
        .join(' | ')} |`,
    );
    lines.push(`| import throughput | ${rows.map((r) => (r.steps.import ? `${fmtN(Math.round(r.data.rows / r.steps.import.wall))} rows/s` : '—')).join(' | ')} |`);
    lines.push('');
    for (const r of rows.filter((x) => x.duckdb && !x.duckdb.skipped)) lines.push(...comparisonMarkdown(r.duckdb, `Reports against DuckDB, ${r.size} lines (${fmtN(r.data.customers)} customers):`));
  }
  if (notes.size > 0) {
    lines.push('Notes:');
    for (const n of notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('<!-- bench:end -->');
  return lines.join('\n');
}

function writeBenchmarks(file, section) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const begin = old.indexOf('<!-- bench:begin');
  const end = old.indexOf('<!-- bench:end -->');
  const next =
    begin >= 0 && end > begin ? old.slice(0, begin) + section + old.slice(end + '<!-- bench:end -->'.length) : old.trimEnd() + '\n\n' + section + '\n';
  writeFileSync(file, next);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(outDir, { recursive: true });
  if (opts.build) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const started = Date.now();
  const m = machine();
  const { commands, platforms } = orderlensCommands();
  const notes = new Set();
  if (m.sqliteCli === 'missing') throw new Error('the sqlite3 CLI is missing (apt-get install sqlite3): it is the yardstick');
  const all = [];
  for (const layout of opts.layouts) {
    if (layout === 'shopify' && !platforms.has('shopify')) {
      notes.add('The Shopify adapter is not on main yet: the Shopify-shaped files were not imported.');
      continue;
    }
    for (const size of opts.sizes) all.push({ layout, size, ...(await benchOne(layout, size, opts, commands, notes)) });
  }
  const table = await benchTableRender();
  const section = markdown(opts, m, all, notes, new Date(started).toISOString(), (Date.now() - started) / 60000).replace('<!-- bench:end -->', `${table.join('\n')}\n<!-- bench:end -->`);
  process.stdout.write(section + '\n');
  if (opts.write) writeBenchmarks(opts.out, section);
}

await main();
