/**
 * Reports against DuckDB (issue 21; part of `npm run bench`, also runs alone): `orderlens rfm`, `churn`,
 * `cohorts`, `pareto` and ltv's summary step, each next to DuckDB running the same aggregation on its own
 * table of the same generic CSV, with its default threads.
 *
 *   node bench/duckdb-reports.js --csv FILE.csv --db ORDERLENS.db [--runs 5] [--reports rfm,churn,…]
 *   node bench/duckdb-reports.js --query rfm --duckdb FILE.duckdb     (one query, its result as CSV on stdout)
 *
 * DuckDB comes from the dev dependency `@duckdb/node-api`; where it cannot be loaded the comparison is
 * skipped with a line. Every timed step is its own process under /usr/bin/time (wall, user+system CPU):
 * `orderlens REPORT --format csv --out /dev/null` against `node bench/duckdb-reports.js --query REPORT`
 * (which opens the DuckDB file, runs the query and writes its result as CSV to /dev/null). The two take
 * turns, run after run, and the ratio is given of the medians and as the median of the pairs' ratios.
 *
 * The DuckDB table is loaded once per CSV (not timed: it is DuckDB's import) with the generic layout's
 * types. The queries compute what the reports print by default, with orderlens's rules: counted statuses,
 * as-of = the day after the last purchase, quantile scores from the ⌈j·n/k⌉-th smallest value with ties
 * resolved downwards (`quantile_disc`), the default segment map, nearest-rank 90th percentile of the
 * gaps between purchase days for churn, monthly cohorts, Pareto's top shares, ABC classes and Gini, and for
 * ltv the per-customer (x, t_x, T, mean repeat spend) compressed to unique rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'bin', 'orderlens.js');

const COUNTED = "status IN ('paid', 'shipped', 'completed', 'partially_refunded')";
const QUINTS = '[0.2, 0.4, 0.6, 0.8]';

/** Score 1..5 of `v` against the four cut points `c` (a list): 1 + how many it exceeds. */
const score = (v, c) => `(1 + (${v} > ${c}[1])::INT + (${v} > ${c}[2])::INT + (${v} > ${c}[3])::INT + (${v} > ${c}[4])::INT)`;

/** Per-customer recency/frequency/monetary, scored and segmented with the default map (k = 5). */
const SEGMENTED = `
  a AS (SELECT max(last) + 1 AS as_of FROM c),
  v AS (SELECT c.*, a.as_of - last AS recency FROM c, a),
  q AS (SELECT quantile_disc(-recency, ${QUINTS}) AS r, quantile_disc(frequency, ${QUINTS}) AS f, quantile_disc(monetary, ${QUINTS}) AS m FROM v),
  s AS (SELECT v.*, ${score('-recency', 'q.r')} AS rs, (${score('frequency', 'q.f')} + ${score('monetary', 'q.m')}) / 2.0 AS fm FROM v, q),
  g AS (SELECT *, CASE rs
      WHEN 5 THEN CASE WHEN fm <= 1.5 THEN 'New' WHEN fm <= 3.5 THEN 'Potential loyalist' ELSE 'Champions' END
      WHEN 4 THEN CASE WHEN fm <= 1.5 THEN 'Promising' WHEN fm <= 3.5 THEN 'Potential loyalist' WHEN fm <= 4 THEN 'Loyal' ELSE 'Champions' END
      WHEN 3 THEN CASE WHEN fm <= 2 THEN 'About to sleep' WHEN fm <= 3.5 THEN 'Need attention' ELSE 'Loyal' END
      WHEN 2 THEN CASE WHEN fm <= 2 THEN 'Hibernating' WHEN fm <= 4 THEN 'At risk' ELSE 'Can''t lose' END
      ELSE CASE WHEN fm <= 2 THEN 'Lost' WHEN fm <= 3.5 THEN 'Hibernating' WHEN fm <= 4 THEN 'At risk' ELSE 'Can''t lose' END
    END AS segment FROM s)`;

/** Purchase days: counted orders per customer and local day. */
const DAYS = `p AS (SELECT customer, CAST(date AS DATE) AS day, count(*) AS orders, sum(amount) AS net FROM orders WHERE ${COUNTED} GROUP BY ALL)`;

const QUERIES = {
  rfm: `WITH c AS (SELECT customer, max(CAST(date AS DATE)) AS last, count(*) AS frequency, sum(amount) AS monetary FROM orders WHERE ${COUNTED} GROUP BY customer),
    ${SEGMENTED}
    SELECT segment, count(*) AS customers, round(count(*) / sum(count(*)) OVER (), 6) AS share_customers, sum(monetary) AS revenue,
      round(sum(monetary) / sum(sum(monetary)) OVER (), 6) AS share_revenue, round(avg(recency), 6) AS avg_recency_days,
      round(avg(frequency), 6) AS avg_frequency, round(avg(monetary), 2) AS avg_monetary, sum(frequency) AS orders, round(sum(monetary) / sum(frequency), 2) AS aov
    FROM g GROUP BY segment ORDER BY revenue DESC`,
  churn: `WITH ${DAYS},
    d AS (SELECT *, day - lag(day) OVER (PARTITION BY customer ORDER BY day) AS gap FROM p),
    t AS (SELECT quantile_disc(gap, 0.9) AS G FROM d),
    c AS (SELECT customer, max(day) AS last, sum(orders) AS frequency, sum(net) AS monetary, median(gap) AS usual FROM d GROUP BY customer),
    ${SEGMENTED},
    x AS (SELECT segment, monetary, recency AS since, CASE WHEN usual IS NULL THEN t.G ELSE greatest(t.G, 3 * usual) END AS line FROM g, t)
    SELECT segment, count(*) AS customers, count(*) FILTER (WHERE since > line) AS churned, round(count(*) FILTER (WHERE since > line) / count(*), 6) AS churn_rate,
      count(*) FILTER (WHERE since <= line AND since > line / 2) AS at_risk, coalesce(sum(monetary) FILTER (WHERE since <= line AND since > line / 2), 0) AS revenue_at_risk
    FROM x GROUP BY segment ORDER BY revenue_at_risk DESC, churn_rate DESC, segment`,
  cohorts: `WITH p AS (SELECT DISTINCT customer, date_trunc('month', CAST(date AS DATE)) AS month FROM orders WHERE ${COUNTED}),
    f AS (SELECT customer, min(month) AS cohort FROM p GROUP BY customer),
    x AS (SELECT f.cohort, datediff('month', f.cohort, p.month) AS k, count(*) AS n FROM p JOIN f USING (customer) GROUP BY ALL)
    SELECT strftime(cohort, '%Y-%m') AS cohort, max(size) AS cohort_size, list(round(n / size, 6) ORDER BY k) AS retention
    FROM (SELECT *, max(n) FILTER (WHERE k = 0) OVER (PARTITION BY cohort) AS size FROM x) GROUP BY cohort ORDER BY cohort`,
  pareto: `WITH c AS (SELECT customer, sum(amount) AS revenue FROM orders WHERE ${COUNTED} GROUP BY customer),
    r AS (SELECT revenue, row_number() OVER (ORDER BY revenue DESC, customer) AS rank, count(*) OVER () AS n, sum(revenue) OVER () AS total,
      sum(revenue) OVER (ORDER BY revenue DESC, customer ROWS UNBOUNDED PRECEDING) AS cum FROM c),
    top AS (SELECT unnest([0.01, 0.05, 0.1, 0.2, 0.5]) AS share)
    SELECT 'top ' || (share * 100)::INT || '%' AS "group", count(*) AS customers, sum(revenue) AS revenue FROM r, top WHERE rank <= ceil(share * n) GROUP BY share
    UNION ALL SELECT CASE WHEN cum - revenue < 0.8 * total THEN 'A' WHEN cum - revenue < 0.95 * total THEN 'B' ELSE 'C' END, count(*), sum(revenue) FROM r GROUP BY 1
    UNION ALL SELECT 'gini ' || round(2 * sum((n + 1 - rank) * revenue) / (max(n) * max(total)) - (max(n) + 1) / max(n), 6), count(*), sum(revenue) FROM r
    ORDER BY 1`,
  'ltv-summary': `WITH ${DAYS},
    a AS (SELECT max(day) AS end_day FROM p),
    c AS (SELECT count(*) - 1 AS x, max(day) - min(day) AS tx, max(a.end_day) - min(day) AS T,
        CASE WHEN count(*) > 1 THEN (sum(net) - arg_min(net, day)) / (count(*) - 1) END AS spend FROM p, a GROUP BY customer)
    SELECT x, round(tx / 7, 6) AS t_x, round(T / 7, 6) AS T, count(*) AS customers, count(spend) AS repeat_customers, sum(spend) AS spend FROM c GROUP BY ALL`,
};

/** The DuckDB package, or null with the reason it cannot be loaded. */
async function loadDuckdb() {
  try {
    return { duckdb: await import('@duckdb/node-api') };
  } catch (e) {
    return { duckdb: null, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

/** Loads the generic CSV into `orders` of a DuckDB file (once per CSV: kept while it is newer than the CSV). */
async function duckdbTable(duckdb, csv, file) {
  if (existsSync(file) && statSync(file).mtimeMs > statSync(csv).mtimeMs) return;
  rmSync(file, { force: true });
  rmSync(file + '.wal', { force: true });
  const instance = await duckdb.DuckDBInstance.create(file);
  const conn = await instance.connect();
  await conn.run(
    `CREATE TABLE orders AS SELECT * FROM read_csv(${quote(csv)}, header = true,
      columns = {'order_id': 'VARCHAR', 'customer': 'VARCHAR', 'date': 'TIMESTAMP', 'amount': 'DECIMAL(18,2)', 'status': 'VARCHAR'})`,
  );
  conn.closeSync();
  instance.closeSync();
}

const quote = (s) => `'${s.replaceAll("'", "''")}'`;

/** Runs one report's query on a DuckDB file and writes its result as CSV to `out`. */
async function runQuery(duckdb, report, file, out) {
  const sql = QUERIES[report];
  if (!sql) throw new Error(`no DuckDB query for ${report}: one of ${Object.keys(QUERIES).join(', ')}`);
  const instance = await duckdb.DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  await conn.run(`COPY (${sql}) TO ${quote(out)} (FORMAT csv, HEADER)`);
  conn.closeSync();
  instance.closeSync();
}

/** orderlens's side of each report: a command line, or the ltv summary step (bench/ltv-summary-step.js). */
function orderlensArgs(report, db) {
  if (report === 'ltv-summary') return [path.join(here, 'ltv-summary-step.js'), db];
  return [bin, '--db', db, report, '--format', 'csv', '--out', '/dev/null'];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall and CPU seconds of a command under /usr/bin/time. */
function timed(cmd, args, env) {
  const report = env.DUCKDB_BENCH_TIME_FILE;
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, sys, rssKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: rssKb / 1024 };
}

const REPORTS = ['rfm', 'churn', 'cohorts', 'pareto', 'ltv-summary'];

/**
 * The paired runs: for each report, `runs` times orderlens then DuckDB (alternating which goes first).
 * Returns one row per report: medians of wall and CPU, and the median of the run-by-run wall ratios.
 */
export async function compareReports({ csv, db, duckdbFile, runs = 5, reports = REPORTS, outDir, keyFile, log = () => {} }) {
  const { duckdb, reason } = await loadDuckdb();
  if (!duckdb) return { skipped: `DuckDB (@duckdb/node-api) cannot be loaded here (${reason}): the report comparison was skipped.` };
  mkdirSync(outDir, { recursive: true });
  await duckdbTable(duckdb, csv, duckdbFile);
  const env = { ...process.env, ORDERLENS_KEY_FILE: keyFile, DUCKDB_BENCH_TIME_FILE: path.join(outDir, 'duckdb-time.txt') };
  const rows = [];
  for (const report of reports) {
    const ours = [];
    const theirs = [];
    const run = {
      ours: () => ours.push(timed(process.execPath, orderlensArgs(report, db), env)),
      theirs: () => theirs.push(timed(process.execPath, [fileURLToPath(import.meta.url), '--query', report, '--duckdb', duckdbFile, '--out', '/dev/null'], env)),
    };
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        run.ours();
        run.theirs();
      } else {
        run.theirs();
        run.ours();
      }
    }
    const row = {
      report,
      orderlens: { wall: median(ours.map((r) => r.wall)), cpu: median(ours.map((r) => r.cpu)), rss: Math.max(...ours.map((r) => r.rss)) },
      duckdb: { wall: median(theirs.map((r) => r.wall)), cpu: median(theirs.map((r) => r.cpu)), rss: Math.max(...theirs.map((r) => r.rss)) },
      paired: median(ours.map((r, i) => r.wall / theirs[i].wall)),
    };
    log(`${report}: orderlens ${row.orderlens.wall.toFixed(2)} s (CPU ${row.orderlens.cpu.toFixed(2)} s), DuckDB ${row.duckdb.wall.toFixed(2)} s (CPU ${row.duckdb.cpu.toFixed(2)} s), run by run ${row.paired.toFixed(2)}×`);
    rows.push(row);
  }
  return { rows, runs };
}

const fmt = (s) => (s >= 10 ? s.toFixed(1) : s.toFixed(2));

/** The comparison as a markdown table. */
export function comparisonMarkdown(result, title) {
  if (result.skipped) return [result.skipped, ''];
  const lines = [
    title,
    '',
    `Median of ${result.runs} paired runs (orderlens and DuckDB take turns), wall time with user+system CPU time in brackets; the ratio is orderlens ÷ DuckDB (target ≤ 1.5×), of the medians and run by run.`,
    '',
    '| report | orderlens | DuckDB (default threads) | ratio (wall) | ratio (CPU) | run by run |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of result.rows) {
    const label = r.report === 'ltv-summary' ? 'ltv summary step' : `\`${r.report}\``;
    lines.push(
      `| ${label} | ${fmt(r.orderlens.wall)} s (${fmt(r.orderlens.cpu)} s, ${r.orderlens.rss.toFixed(0)} MB) | ${fmt(r.duckdb.wall)} s (${fmt(r.duckdb.cpu)} s, ${r.duckdb.rss.toFixed(0)} MB) | **${(r.orderlens.wall / r.duckdb.wall).toFixed(2)}×** | ${(r.orderlens.cpu / r.duckdb.cpu).toFixed(2)}× | ${r.paired.toFixed(2)}× |`,
    );
  }
  lines.push('');
  return lines;
}

async function main(argv) {
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const query = opt('--query');
  if (query) {
    const { duckdb, reason } = await loadDuckdb();
    if (!duckdb) throw new Error(`DuckDB cannot be loaded: ${reason}`);
    await runQuery(duckdb, query, opt('--duckdb'), opt('--out') ?? '/dev/stdout');
    return;
  }
  const csv = opt('--csv');
  const db = opt('--db');
  if (!csv || !db) throw new Error('usage: node bench/duckdb-reports.js --csv FILE.csv --db ORDERLENS.db [--runs 5] [--reports rfm,churn,cohorts,pareto,ltv-summary]');
  const outDir = path.join(root, 'bench', 'out');
  const result = await compareReports({
    csv: path.resolve(csv),
    db: path.resolve(db),
    duckdbFile: opt('--duckdb') ?? path.resolve(csv).replace(/\.csv$/, '') + '.duckdb',
    runs: Number(opt('--runs') ?? 5),
    reports: opt('--reports')?.split(',') ?? REPORTS,
    outDir,
    keyFile: process.env.ORDERLENS_KEY_FILE ?? path.join(outDir, 'key'),
    log: (m) => process.stderr.write(m + '\n'),
  });
  process.stdout.write(comparisonMarkdown(result, `Reports against DuckDB: ${path.basename(csv)}`).join('\n') + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
