/**
 * `orderlens report` end to end: one self-contained HTML file, the same numbers as the table commands, every
 * word in Chinese under --lang zh, file data escaped, clear errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { DEMO_AS_OF, demoDb } from './report-shop.js';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';

const dir = tempDir();
let db = '';
let en = '';

beforeAll(async () => {
  db = await demoDb();
  const out = path.join(dir, 'shop.html');
  const r = await orderlens(db, ['report', '--out', out, '--as-of', DEMO_AS_OF]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(`wrote the report (`);
  expect(r.stderr).toContain(`to ${out}`);
  expect(r.stderr).not.toContain('\r'); // no progress line when stderr is not a terminal
  en = readFileSync(out, 'utf8');
}, 60_000);

/** The text a reader sees: element content outside tags, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('orderlens report', () => {
  it('is one self-contained file: no scripts, nothing fetched, charts as inline SVG', () => {
    expect(en.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(en).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(en).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)|src=/i);
    // the only URLs are the SVG namespaces
    const urls = en.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    for (const id of ['overview', 'segments', 'pareto', 'clusters', 'cohorts', 'churn', 'ltv', 'trend']) expect(en).toContain(`data-section="${id}"`);
    expect(en).not.toContain('data-section="customers"'); // no per-customer data without --customers
    const charts = ['overview-monthly', 'segments-bars', 'segments-grid', 'pareto-curve', 'clusters-scatter', 'cohorts-heatmap', 'cohorts-curves', 'churn-status', 'churn-by-segment', 'churn-by-cohort', 'ltv-histogram', 'ltv-expected'];
    for (const chart of charts) expect(en).toMatch(new RegExp(`data-chart="${chart}"><figcaption>[^<]+<.figcaption><div role="img" aria-label="[^"]+"><svg`));
    expect(Buffer.byteLength(en)).toBeLessThan(2 * 1024 * 1024);
  });

  it('prints the numbers rfm and pareto print for the same day', async () => {
    const rfm = parseCsvRows((await orderlens(db, ['rfm', '--as-of', DEMO_AS_OF, '--format', 'csv'])).stdout);
    expect(rfm.length).toBe(11);
    for (const s of rfm) {
      const revenue = `¥${Number(s.revenue).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
      expect(en).toMatch(new RegExp(`<td class="">${s.segment.replace("'", '&#39;')}</td><td class="n">${s.customers}</td><td class="n">[^<]+</td><td class="n">${revenue.replace('$', '\\$')}</td>`));
    }
    const pareto = parseCsvRows((await orderlens(db, ['pareto', '--as-of', DEMO_AS_OF, '--format', 'csv'])).stdout);
    const top20 = pareto.find((r) => r.group === 'top 20%')!;
    const all = pareto.find((r) => r.group === 'all')!;
    const a = pareto.find((r) => r.group === 'A')!;
    expect(visibleText(en)).toContain(`The top 20% of customers bring ${(Number(top20.share_revenue) * 100).toFixed(1)}% of revenue; ${a.customers} customers (${(Number(a.share_customers) * 100).toFixed(1)}%) make 80% of it.`);
    expect(visibleText(en)).toContain(`Gini ${Number(all.gini).toFixed(3)}:`);
    const customers = parseCsvRows((await orderlens(db, ['customers', '--format', 'csv'])).stdout);
    expect(visibleText(en)).toContain(`${customers.length} customers placed`);
  });

  it('--lang zh: every title, axis, legend and reading in Chinese, the eight-class segments', async () => {
    const out = path.join(dir, 'zh.html');
    const r = await orderlens(db, ['report', '--out', out, '--as-of', DEMO_AS_OF, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const zh = readFileSync(out, 'utf8');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('重要价值客户');
    // English words left in what a reader sees: only names, codes and units
    const allowed = new Set([
      'orderlens', 'Apache', 'ECharts', 'SVG', 'RFM', 'CNY', 'ABC', 'generic', 'demo', // names and codes
      'FM', 'BG', 'NBD', 'Gamma', 'AIC', 'CLV', 'means', // model names (BG/NBD, Gamma-Gamma, k-means), AIC, CLV
      'segments', 'cohorts', 'churn', 'ltv', 'holdout', 'DATE', 'model', 'mbgnbd', 'pnbd', // commands, flags and model codes named in notes
      'snapshot', 'every', 'month', 'since', // `orderlens snapshot --every month --since`, named where there is no trend yet
    ]);
    const words = (visibleText(zh).match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
    expect(words).toEqual([]);
  });

  it('prints the numbers segments, cohorts, churn and ltv print for the same day', async () => {
    const text = visibleText(en);
    const clusters = parseCsvRows((await orderlens(db, ['segments', '--as-of', DEMO_AS_OF, '--format', 'csv'])).stdout);
    const key = clusters.find((r) => r.cluster === '1')!;
    expect(text).toContain(`Key customers: ${key.customers} customers (${(Number(key.share_customers) * 100).toFixed(1)}%) bring ${(Number(key.share_revenue) * 100).toFixed(1)}% of revenue`);
    const cohorts = parseCsvRows((await orderlens(db, ['cohorts', '--as-of', DEMO_AS_OF, '--format', 'csv'])).stdout);
    const average = cohorts.find((r) => r.cohort === 'average')!;
    expect(text).toContain(`On average ${(Number(average.month_1) * 100).toFixed(1)}% of a month's new customers buy again the month after; 6 months on, ${(Number(average.month_6) * 100).toFixed(1)}%`);
    const churn = await orderlens(db, ['churn', '--as-of', DEMO_AS_OF, '--format', 'csv']);
    const g = /G = (\d+) days: the 90th percentile/.exec(churn.stderr)![1];
    expect(text).toContain(`G = ${g} days, the 90th percentile`);
    const counts = /(\d+) active, (\d+) at risk \(([\d.]+%)/.exec(churn.stderr)!;
    expect(text).toContain(`${counts[1]} (`);
    expect(text).toContain(`${counts[2]} (${counts[3]})`);
    const ltv = await orderlens(db, ['ltv', '--as-of', DEMO_AS_OF, '--params', '--format', 'csv']);
    const r = parseCsvRows(ltv.stdout).find((x) => x.parameter === 'r' && x.model === 'bgnbd')!;
    expect(en).toMatch(new RegExp(`<td class="">BG/NBD</td><td class="">r</td><td class="n">${Number(r.estimate).toFixed(4)}</td>`));
  });

  it('--holdout draws predicted vs actual; --customers adds the top customers', async () => {
    const out = path.join(dir, 'holdout.html');
    const r = await orderlens(db, ['report', '--out', out, '--as-of', DEMO_AS_OF, '--holdout', '2025-06-30', '--customers', '5']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('data-chart="ltv-calibration"');
    expect(text).not.toContain('data-chart="ltv-expected"');
    const holdout = parseCsvRows((await orderlens(db, ['ltv', '--as-of', DEMO_AS_OF, '--holdout', '2025-06-30', '--format', 'csv'])).stdout).find((x) => x.calibration_frequency === 'all')!;
    const round3 = (x: string) => String(Math.round(Number(x) * 1000) / 1000);
    expect(visibleText(text)).toContain(`${round3(holdout.predicted_per_customer)} purchases per customer predicted, ${round3(holdout.actual_per_customer)} happened`);
    expect(text).toContain('data-section="customers"');
    expect((text.match(/<tr><td class="n">\d+<\/td><td class="">/g) ?? []).length).toBe(5);
    const bad = await orderlens(db, ['report', '--out', out, '--as-of', DEMO_AS_OF, '--holdout', '2025-12-31']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--holdout 2025-12-31 leaves no holdout period before --as-of 2026-01-01');
  });

  it('a shop without repeat buyers gets notes in churn and lifetime value, not an error', async () => {
    const oneDb = path.join(dir, 'one-time.db');
    const csv = path.join(dir, 'one-time.csv');
    const rows = ['order_id,customer_id,order_date,amount'];
    for (let i = 0; i < 12; i++) rows.push(`N${i},buyer${i},2024-0${1 + (i % 6)}-1${i % 9},${20 + i}.00`);
    writeFileSync(csv, rows.join('\n') + '\n');
    expect((await orderlens(oneDb, ['import', csv, '--platform', 'generic'])).code).toBe(0);
    const out = path.join(dir, 'one-time.html');
    const r = await orderlens(oneDb, ['report', '--out', out, '--as-of', '2024-08-01']);
    expect(r.code, r.stderr).toBe(0);
    const text = visibleText(readFileSync(out, 'utf8'));
    expect(text).toContain('churn cannot be measured yet');
    expect(text).toContain('a repeat-purchase model cannot be fitted, so there is no lifetime value to show');
    expect(text).toContain('0.0% of customers came back on another day');
    const two = path.join(dir, 'two.db');
    writeFileSync(csv, 'order_id,customer_id,order_date,amount\nA,x,2024-01-02,5.00\nB,y,2024-01-03,6.00\n');
    expect((await orderlens(two, ['import', csv, '--platform', 'generic'])).code).toBe(0);
    const r2 = await orderlens(two, ['report', '--out', out, '--as-of', '2024-02-01']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(visibleText(readFileSync(out, 'utf8'))).toContain('Only 2 customers: k-means needs at least 3');
  });

  it('a regular grid of one to three orders: BG/NBD at its limit a, b → ∞, named as such, with its CLV', async () => {
    // 60 customers with one to three orders on a regular grid: BG/NBD's likelihood rises all the way to a, b → ∞
    // (one dropout probability for everyone: bg-limits.test.ts follows it there), which is fitted in closed form
    const lines = ['order_id,customer_id,date,amount'];
    for (let i = 0; i < 60; i++) for (let k = 0; k <= i % 3; k++) lines.push(`o${i}-${k},c${i},2024-0${1 + k}-${String((i % 27) + 1).padStart(2, '0')},${(i % 97) + 1}.50`);
    const csv = path.join(dir, 'regular.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const regular = path.join(dir, 'regular.db');
    expect((await orderlens(regular, ['import', csv])).code).toBe(0);
    const ltv = await orderlens(regular, ['ltv', '--as-of', '2024-06-01', '--params']);
    expect(ltv.code, ltv.stderr).toBe(0);
    expect(ltv.stderr).toContain('BG/NBD: r 1.324 (se 0.609), alpha 12.52 (se 7.20), a → ∞, b → ∞, a/(a+b) 0.5648 (se 0.0824); LL -230.41');
    expect(ltv.stderr).toContain('converged: boundary (one dropout probability for everyone)');
    expect(ltv.stderr).toContain('BG/NBD reached its limit a, b → ∞ (one dropout probability for everyone): a and b are left empty');
    expect(ltv.stderr).toContain('warning: only 40 repeat customers (fewer than 100): the estimates are uncertain');
    expect(ltv.stderr).not.toMatch(/did not converge|e[+-]\d/);
    const params = parseCsvRows(ltv.stdout).filter((x) => x.model === 'bgnbd');
    expect(params.map((x) => [x.parameter, x.estimate === '' ? '' : Number(x.estimate).toFixed(4)])).toEqual([['r', '1.3244'], ['alpha', '12.5151'], ['a', ''], ['b', ''], ['a/(a+b)', '0.5648']]);
    const out = path.join(dir, 'regular.html');
    const r = await orderlens(regular, ['report', '--out', out, '--as-of', '2024-06-01']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('data-section="ltv"'), html.indexOf('data-section="trend"'));
    // the table leaves the stand-ins empty and gives a/(a+b); the CLV is the one ltv prints
    expect(section).toContain('<td class="">BG/NBD</td><td class="">a</td><td class="n"></td><td class="n"></td>');
    expect(section).toContain('<td class="">BG/NBD</td><td class="">a/(a+b)</td><td class="n">0.5648</td><td class="n">0.0824</td>');
    const totals = await orderlens(regular, ['ltv', '--as-of', '2024-06-01']);
    expect(totals.stderr).toContain('total CLV ¥895.91');
    expect(visibleText(section)).toContain('the model expects these customers to bring ¥895.91 (¥14.93 each');
    expect(section).toContain('data-chart="ltv-');
  });

  it('customers all alike: Pareto/NBD at its limit, one purchase rate and one dropout rate for everyone, with its CLV', async () => {
    // 60 customers, each buying on the same three days: with every customer alike, a mixture of purchase and
    // dropout rates can only do worse than the best single pair, so Pareto/NBD's likelihood rises towards one
    // purchase rate and one dropout rate for everyone (about 0.12 and 0.036 a week), the limit r, α, s, β → ∞
    // fitted in closed form (pnbd-limits.ts). It used to say "no model converged: too few repeat buyers", after
    // a log-likelihood of +39,605 from a 2F1 that had cancelled to 10¹³³.
    const lines = ['order_id,customer_id,date,amount'];
    for (let i = 0; i < 60; i++) for (let k = 0; k < 3; k++) lines.push(`o${i}-${k},c${i},2024-0${1 + k}-05,${(i % 97) + 1}.50`);
    const csv = path.join(dir, 'alike.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const alike = path.join(dir, 'alike.db');
    expect((await orderlens(alike, ['import', csv])).code).toBe(0);
    const out = path.join(dir, 'alike.html');
    const r = await orderlens(alike, ['report', '--out', out, '--as-of', '2024-06-01', '--model', 'pnbd']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Error');
    const html = readFileSync(out, 'utf8');
    const sectionHtml = html.slice(html.indexOf('data-section="ltv"'), html.indexOf('data-section="trend"'));
    // the stand-ins are left empty; the two rates are given with their standard errors
    expect(sectionHtml).toContain('<td class="">Pareto/NBD</td><td class="">s</td><td class="n"></td><td class="n"></td>');
    expect(sectionHtml).toContain('<td class="">Pareto/NBD</td><td class="">r/alpha</td><td class="n">0.1232</td><td class="n">0.0161</td>');
    expect(sectionHtml).toContain('<td class="">Pareto/NBD</td><td class="">s/beta</td><td class="n">0.0361</td><td class="n">0.0147</td>');
    const section = visibleText(sectionHtml).replace(/\s+/g, ' ');
    expect(section).toContain('the model expects these customers to bring ¥2,147.14 (¥35.79 each');
    // the limit is named (it never was in the HTML), and one band of customers is one clause
    expect(section).toContain('Pareto/NBD is at a limit of its parameters, where its likelihood is highest: one purchase rate and one dropout rate for everyone. The parameters that ran off there are left empty in the table (stand-ins, not estimates)');
    expect(section).toContain('Gamma-Gamma is at a limit of its parameters, where its likelihood is highest: one spend level for everyone.');
    expect(section).toContain('Every customer has the same number of repeat purchase days (2); expected purchases per customer: 1.2.');
    expect(section).not.toMatch(/No model converged|NaN|those with 2/);
    const params = await orderlens(alike, ['ltv', '--as-of', '2024-06-01', '--model', 'pnbd', '--params']);
    expect(params.code, params.stderr).toBe(0);
    expect(params.stderr).toContain('Pareto/NBD: r → ∞, alpha → ∞, s → ∞, beta → ∞, r/alpha 0.1232 (se 0.0161), s/beta 0.03611 (se 0.0147); LL -399.10');
    expect(params.stderr).toContain('converged: boundary (one purchase rate and one dropout rate for everyone)');
  }, 240_000);

  it('the trend over snapshots: says plainly when there are fewer than two; draws the numbers `orderlens trend` prints', async () => {
    // the demo report of beforeAll: no snapshots yet
    expect(visibleText(en).replace(/\s+/g, ' ')).toContain('No snapshot is stored for this report: a trend needs two or more. Take one with `orderlens snapshot`');
    expect(en).not.toContain('data-chart="trend-');
    const shop = await demoDb();
    const out = path.join(dir, 'trend.html');
    expect((await orderlens(shop, ['snapshot', '--as-of', '2025-12-01'])).code).toBe(0);
    expect((await orderlens(shop, ['report', '--out', out, '--as-of', DEMO_AS_OF])).code).toBe(0);
    expect(visibleText(readFileSync(out, 'utf8')).replace(/\s+/g, ' ')).toContain('Only one snapshot is stored for this report (2025-12-01, as of 2025-12-01): a trend needs two or more.');
    expect((await orderlens(shop, ['snapshot', '--every', 'month', '--since', '2025-06-30', '--replace'])).code).toBe(0);
    // a snapshot taken with --shop (the report has none), and three after the report's day: left out, and counted
    expect((await orderlens(shop, ['snapshot', '--as-of', '2025-09-01', '--shop', 'demo', '--label', 'one-shop'])).code).toBe(0);
    expect((await orderlens(shop, ['snapshot', '--as-of', '2025-12-01', '--label', 'december'])).code).toBe(0);
    const early = '2025-11-15';
    expect((await orderlens(shop, ['report', '--out', out, '--as-of', early])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const text = visibleText(html).replace(/\s+/g, ' ');
    expect(text).toContain('4 stored snapshots are left out: in another currency, taken with other --platform/--shop filters than this report, or after its as-of day.');
    // the trend's repeat rate counts orders, the overview's purchase days: the reading says which it is
    expect(text).toMatch(/; the repeat rate \(customers with 2 or more orders, where the overview counts purchase days\) went from \d+\.\d% to \d+\.\d%\./);
    for (const chart of ['trend-customers', 'trend-status']) expect(html).toMatch(new RegExp(`data-chart="${chart}"><figcaption>[^<]+<.figcaption><div role="img" aria-label="[^"]+"><svg`));
    // every row of `orderlens trend` up to that day, in the section's table (no label column: each label is its day)
    const trend = parseCsvRows((await orderlens(shop, ['trend', '--format', 'csv'])).stdout).filter((x) => x.as_of <= early && x.label !== 'one-shop');
    expect(trend.map((x) => x.as_of)).toEqual(['2025-07-01', '2025-08-01', '2025-09-01', '2025-10-01', '2025-11-01']);
    const table = html.slice(html.indexOf('data-section="trend"'));
    const p = (x: string) => (x === '' ? '' : `${(Number(x) * 100).toFixed(1)}%`);
    for (const x of trend) {
      const cells = [x.as_of, x.customers, x.new_customers, p(x.repeat_rate), p(x.active_share), p(x.at_risk_share), p(x.churned_share), p(x.churn_rate), p(x.avg_p_alive), x.avg_clv === '' ? '' : `¥${Number(x.avg_clv).toFixed(2)}`];
      expect(table).toMatch(new RegExp(cells.map((c) => `<td class="n?">${c.replace(/[.$]/g, '\\$&')}</td>`).join('')));
    }
  });

  it('escapes shop names and buyer ids from the files', async () => {
    const hostileDb = path.join(dir, 'hostile.db');
    const csv = path.join(dir, 'hostile.csv');
    const rows = ['order_id,customer_id,order_date,amount'];
    for (let i = 0; i < 30; i++) rows.push(`O${i},"<script>alert(${i % 5})</script>",2024-0${1 + (i % 6)}-1${i % 9},${10 + i}.00`);
    writeFileSync(csv, rows.join('\n') + '\n');
    const shop = '<script>alert("shop")</script><img src=x onerror=alert(1)>';
    const imp = await orderlens(hostileDb, ['import', csv, '--platform', 'generic', '--shop', shop]);
    expect(imp.code, imp.stderr).toBe(0);
    const out = path.join(dir, 'hostile.html');
    const r = await orderlens(hostileDb, ['report', '--out', out, '--as-of', '2024-08-01', '--customers']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/<script|<img/i);
    expect(text).toContain('&lt;script&gt;alert(&quot;shop&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    // the buyer ids reach the customer table (as their display form), escaped
    expect(text).toMatch(/<td class="">[^<]*&lt;[^<]*<\/td>/);
  });

  it('orderlens demo points to orderlens report, and the command it prints works', async () => {
    const plain = await orderlens(path.join(dir, 'unused.db'), ['demo']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('orderlens: the same shop as charts in one HTML file: orderlens demo --keep demo.db, then orderlens --db demo.db report --out demo-report.html');
    const kept = path.join(dir, 'kept.db');
    const demo = await orderlens(path.join(dir, 'unused.db'), ['demo', '--keep', kept]);
    expect(demo.code, demo.stderr).toBe(0);
    const command = /the same shop as charts in one HTML file: orderlens (--db \S+ report --out \S+)/.exec(demo.stderr)![1].split(' ');
    const out = path.join(dir, command[command.length - 1]);
    command[command.length - 1] = out;
    const r = await orderlens(command[1], command.slice(2));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('data-section="ltv"');
  });

  it('a progress line on a terminal, cleared at the end; none when stderr is not one', async () => {
    const io = memoryIo({ tty: true });
    const code = await run(['--db', db, 'report', '--out', path.join(dir, 'tty.html'), '--as-of', DEMO_AS_OF], io);
    expect(code, io.err()).toBe(0);
    expect(io.err()).toContain('\rorderlens: report: 1/7 overview');
    expect(io.err()).toContain('\rorderlens: report: 7/7 ltv\x1b[K\r\x1b[K');
  });

  it('errors: no --out is a usage error; an empty window a data error; a missing database a data error', async () => {
    const noOut = await orderlens(db, ['report']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
    const early = await orderlens(db, ['report', '--out', path.join(dir, 'x.html'), '--as-of', '2020-01-01']);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe('orderlens: error: no customer has a counted purchase before 2020-01-01: check --as-of and the filters\n');
    const missing = await orderlens(path.join(dir, 'none.db'), ['report', '--out', path.join(dir, 'y.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^orderlens: error: no database at /);
  });
});
