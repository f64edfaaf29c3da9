/**
 * Benchmark: `orderlens ltv --summary` on a generated per-customer summary (not part of npm test).
 *
 *   npm run build && node bench/ltv-summary.js [CUSTOMERS] [DIR]
 *
 * Writes DIR/summary-CUSTOMERS.csv with bench/summary-generate.js (once; reused when present), then runs the
 * built CLI under /usr/bin/time -v: `ltv --summary FILE --out DIR/predictions-CUSTOMERS.csv` (BG/NBD +
 * Gamma-Gamma, 12 months, 80% intervals: the defaults). Above 1,000,000 customers the predictions are streamed.
 * Prints wall, CPU (user + system) and peak RSS, and a BENCHMARKS.md row. On a shared, loaded machine the CPU
 * time is the figure to compare: wall time includes waiting for a core.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSummary } from './summary-generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const customers = Number(process.argv[2] ?? 10_000_000);
const dir = process.argv[3] ?? path.join(root, 'bench', 'out');
execFileSync('mkdir', ['-p', dir]);
const summary = path.join(dir, `summary-${customers}.csv`);
if (!existsSync(summary)) {
  console.log(`generating ${summary} …`);
  generateSummary(customers, summary);
}
const out = path.join(dir, `predictions-${customers}.csv`);
const run = spawnSync('/usr/bin/time', ['-v', process.execPath, path.join(root, 'bin', 'orderlens.js'), 'ltv', '--summary', summary, '--out', out], { encoding: 'utf8' });
const err = run.stderr;
const field = (name) => new RegExp(`${name}[^:]*: (.+)`).exec(err)?.[1]?.trim();
const wall = field('Elapsed \\(wall clock\\) time');
const cpu = Number(field('User time')) + Number(field('System time'));
const rss = Math.round(Number(field('Maximum resident set size')) / 1024);
for (const line of err.split('\n').filter((l) => l.startsWith('orderlens:'))) console.log(line);
if (run.status !== 0) {
  console.log(err);
  process.exit(1);
}
const mb = (f) => Math.round(statSync(f).size / 1e6).toLocaleString('en-US');
console.log(`exit ${run.status}; wall ${wall}, CPU ${cpu.toFixed(1)} s, peak RSS ${rss} MB`);
console.log(`| ${customers.toLocaleString('en-US')} customers (${mb(summary)} MB summary → ${mb(out)} MB predictions) | ${wall} | ${cpu.toFixed(1)} s | ${rss} MB |`);
