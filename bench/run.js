/**
 * The benchmark (`npm run bench`; not part of npm test): generates seeded exports, times `orderlens import`
 * and the reports on them next to `sqlite3 .import` of the same file, and writes the results into
 * BENCHMARKS.md (between the `bench:begin` / `bench:end` markers; the rest of the file is left alone).
 *
 *   npm run bench -- [--sizes 100k,1m,5m,10m] [--layouts generic,generic-many,shopify] [--runs 3]
 *                    [--formats 1m|none] [--out BENCHMARKS.md] [--no-build] [--no-write] [--imports-only]
 *
 * Layouts: `generic` (5 columns, about one customer per 5 lines), `generic-many` (the same columns, about 55%
 * of the lines a customer's first order: `--customers many` of generate.js), `shopify` (79 columns; not above
 * SHOPIFY_MAX_LINES: its 5M-line file is 2.2 GB already).
 *
 * Every step runs as its own process under /usr/bin/time: wall time, user+system CPU time and peak RSS;
 * the tables give the median of --runs runs. Imports start from a fresh database each run; re-imports and
 * reports run on the database of the last import. Commands that do not exist yet are skipped with a note.
 *
 * `--formats SIZE` (default 1m; `none`: not run): then bench/formats.js times a Taobao GBK classic report and
 * an .xlsx workbook of SIZE orders next to the generic CSV of the same orders (fresh, again, 1% refunded
 * since), in its own section right after this one.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSize, writeGeneric, writeShopify } from './generate.js';
import { median, timedProcess } from './process-time.js';
import { benchTableRender } from './table-render.js';
import { compareReports, comparisonMarkdown } from './duckdb-reports.js';
import { benchFormats, writeFormatsSection } from './formats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const bin = path.join(root, 'bin', 'orderlens.js');
const GENERATOR_VERSION = 2;
const LAYOUTS = ['generic', 'generic-many', 'shopify'];
/** The largest Shopify file generated (2.2 GB at 5M lines). */
const SHOPIFY_MAX_LINES = 5_000_000;
/** The share of orders the "changed" re-export has refunded since (generic layouts). */
const CHANGED = 0.01;
const SEED = 20240601;

function parseArgs(argv) {
  const opts = { sizes: ['100k', '1m', '5m', '10m'], layouts: [...LAYOUTS], runs: 3, formats: '1m', out: path.join(root, 'BENCHMARKS.md'), build: true, write: true, reports: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--sizes') opts.sizes = value().split(',').filter(Boolean);
    else if (a === '--layouts') opts.layouts = value().split(',').filter(Boolean);
    else if (a === '--runs') opts.runs = Math.max(1, Number(value()));
    else if (a === '--formats') opts.formats = value();
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--imports-only') opts.reports = false;
    else throw new Error(`unknown option ${a}`);
  }
  for (const l of opts.layouts) if (!LAYOUTS.includes(l)) throw new Error(`unknown layout ${l}: ${LAYOUTS.join(', ')}`);
  opts.sizes.forEach(parseSize);
  if (opts.formats !== 'none') parseSize(opts.formats);
  return opts;
}

/** Runs a command under /usr/bin/time; returns wall/cpu seconds and peak RSS in MB. */
const timed = (cmd, args, opts) => timedProcess(outDir, cmd, args, opts);

function summarize(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: Math.max(...samples.map((s) => s.rss)), n: samples.length };
}

function removeDb(db) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
}

/**
 * The input file of a layout and size, generated once and reused while the generator is unchanged;
 * `changed`: the same export with that share of orders refunded since (generic layouts).
 */
function dataset(layout, size, changed = 0) {
  const lines = parseSize(size);
  const file = path.join(outDir, `${layout}-${size}${changed ? '-changed' : ''}.csv`);
  const metaFile = file + '.json';
  const want = { layout, lines, seed: SEED, version: GENERATOR_VERSION, changed };
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (Object.entries(want).every(([k, v]) => meta[k] === v)) return { file, ...meta };
  }
  process.stderr.write(`generating ${file} …\n`);
  const customers = layout === 'generic-many' ? 'many' : 'few';
  const stats = layout === 'shopify' ? writeShopify(file, lines, SEED) : writeGeneric(file, lines, SEED, { customers, changed });
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
  { key: 'changed', label: '`orderlens import` of the export with 1% of orders refunded since' },
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
  const importArgs = (file) => ['--db', db, 'import', ...platformArgs, file];
  const changed = layout === 'shopify' ? null : dataset(layout, size, CHANGED);
  if (changed) results.changedOrders = changed.changed;
  // the yardstick and the imports take turns, so that a machine that slows down for a while (a shared one
  // does) slows all alike and their ratios hold; each run: sqlite3 .import, a fresh import, the same file
  // again, and (on a copy of that database) the export with 1% of orders refunded since
  const runs = { yardstick: [], import: [], reimport: [], changed: [] };
  for (let i = 0; i < opts.runs; i++) {
    removeDb(yard);
    runs.yardstick.push(timed('sqlite3', [yard, '.import --csv ' + data.file + ' orders']));
    removeDb(db);
    runs.import.push(timed(process.execPath, [bin, ...importArgs(data.file)], { stdout: 'pipe' }));
    runs.reimport.push(timed(process.execPath, [bin, ...importArgs(data.file)]));
    if (changed) {
      const copy = path.join(outDir, `${layout}-${size}.changed.db`);
      removeDb(copy);
      for (const suffix of ['', '-wal']) if (existsSync(db + suffix)) copyFileSync(db + suffix, copy + suffix);
      runs.changed.push(timed(process.execPath, [bin, '--db', copy, 'import', changed.file]));
      removeDb(copy);
    }
  }
  removeDb(yard);
  results.paired = {};
  for (const [key, list] of Object.entries(runs)) {
    if (list.length === 0) continue;
    results.steps[key] = summarize(list);
    if (key !== 'yardstick') results.paired[key] = median(list.map((r, i) => r.wall / runs.yardstick[i].wall));
    log(`${key} ${results.steps[key].wall.toFixed(2)} s (${results.steps[key].cpu.toFixed(2)} s CPU, ${results.steps[key].rss.toFixed(0)} MB)`);
  }
  for (const step of STEPS.filter((s) => s.args && opts.reports)) {
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
  if (opts.reports && layout.startsWith('generic')) {
    results.duckdb = await compareReports({ csv: data.file, db, duckdbFile: data.file.replace(/\.csv$/, '.duckdb'), runs: opts.runs, outDir, keyFile: path.join(outDir, 'key'), log });
    if (results.duckdb.skipped) notes.add(results.duckdb.skipped);
  }
  removeDb(db);
  return results;
}

const LAYOUT_TITLES = {
  generic: 'Generic CSV (`order_id,customer,date,amount,status`, one row per order; about one customer per 5 lines)',
  'generic-many': 'Generic CSV, many customers (the same columns; about 55% of the lines a customer\'s first order)',
  shopify: 'Shopify orders export (79 columns, one row per line item)',
};

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
    lines.push(`### ${LAYOUT_TITLES[layout]}`, '');
    lines.push(`| | ${rows.map((r) => r.size).join(' | ')} |`);
    lines.push(`|---|${rows.map(() => '---:').join('|')}|`);
    lines.push(`| rows / orders / customers | ${rows.map((r) => `${fmtN(r.data.rows)} / ${fmtN(r.data.orders)} / ${fmtN(r.data.customers)}`).join(' | ')} |`);
    lines.push(`| file size | ${rows.map((r) => `${r.mb.toFixed(0)} MB`).join(' | ')} |`);
    for (const step of STEPS) {
      if (rows.every((r) => !r.steps[step.key] && !r.skipped?.[step.key])) continue;
      const cells = rows.map((r) => {
        const s = r.steps[step.key];
        if (!s) return r.skipped?.[step.key] ?? '—';
        const rss = step.key === 'yardstick' ? '' : `, ${s.rss.toFixed(0)} MB`;
        const file = step.out && r.reportKb !== undefined ? `; file ${r.reportKb.toFixed(0)} KB` : '';
        return `${fmtS(s.wall)} s (${fmtS(s.cpu)} s${rss}${file})`;
      });
      lines.push(`| ${step.label} | ${cells.join(' | ')} |`);
    }
    const ratio = (r, key) =>
      r.steps[key] ? `**${(r.steps[key].wall / r.steps.yardstick.wall).toFixed(2)}×** (CPU ${(r.steps[key].cpu / r.steps.yardstick.cpu).toFixed(2)}×; run by run ${r.paired[key].toFixed(2)}×)` : '—';
    lines.push(`| **import ÷ sqlite3 .import** | ${rows.map((r) => ratio(r, 'import')).join(' | ')} |`);
    lines.push(`| **again (unchanged) ÷ sqlite3 .import** | ${rows.map((r) => ratio(r, 'reimport')).join(' | ')} |`);
    if (rows.some((r) => r.steps.changed)) lines.push(`| **1% refunded since ÷ sqlite3 .import** | ${rows.map((r) => ratio(r, 'changed')).join(' | ')} |`);
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
    for (const size of opts.sizes) {
      if (layout === 'shopify' && parseSize(size) > SHOPIFY_MAX_LINES) {
        notes.add(`The Shopify-shaped file is generated up to ${fmtN(SHOPIFY_MAX_LINES)} lines (2.2 GB): not at ${size}.`);
        continue;
      }
      all.push({ layout, size, ...(await benchOne(layout, size, opts, commands, notes)) });
    }
  }
  const table = opts.reports ? await benchTableRender() : [];
  const section = markdown(opts, m, all, notes, new Date(started).toISOString(), (Date.now() - started) / 60000).replace('<!-- bench:end -->', `${table.join('\n')}\n<!-- bench:end -->`);
  process.stdout.write(section + '\n');
  if (opts.write) writeBenchmarks(opts.out, section);
  if (opts.formats !== 'none') {
    const formats = await benchFormats({ size: opts.formats, runs: opts.runs });
    process.stdout.write(formats + '\n');
    if (opts.write) writeFormatsSection(opts.out, formats);
  }
}

await main();
