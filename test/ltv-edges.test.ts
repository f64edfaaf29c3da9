/**
 * `ltv` at the edges, where a fit has nothing to stand on: shops generated here (one day of orders, one-time
 * buyers only, one customer), the CDNOW sample cut to its first day, and the Online Retail sample from
 * ../shared/data where the maximum lies on the boundary (skipped when that folder is absent).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const dir = tempDir('orderlens-ltv-edges-');

/** A generic orders file: one order per [customer, day] pair. */
function shop(name: string, orders: [string, string][]): string {
  const file = path.join(dir, `${name}.csv`);
  const lines = orders.map(([c, day], i) => `${1000 + i},${c},${day} 10:00:00,${(20 + (i % 7) * 3).toFixed(2)},completed`);
  writeFileSync(file, ['order_id,customer,date,amount,status', ...lines].join('\n') + '\n');
  return file;
}

async function importShop(name: string, orders: [string, string][]): Promise<string> {
  const db = path.join(dir, `${name}.db`);
  const r = await orderlens(db, ['import', shop(name, orders), '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

const day = (offset: number): string => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Exit 1, nothing on stdout, the last stderr line the error. */
function expectRefusal(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n').at(-1)).toMatch(message);
}

describe('ltv refuses what it cannot estimate', () => {
  it('every order on one day: a flat likelihood, no 5.160853 for everyone', async () => {
    const db = await importShop('one-day', Array.from({ length: 40 }, (_, i): [string, string] => [`c${i}`, '2024-03-05']));
    const r = await orderlens(db, ['ltv']);
    expectRefusal(r, /^orderlens: error: each customer \(40 in all\) bought on a single day up to 2024-03-05 \(T = 0 for all\).*no prediction is made/);
    expect(r.stderr).not.toContain('5.160853');
    for (const model of ['pnbd', 'mbgnbd', 'auto']) expectRefusal(await orderlens(db, ['ltv', '--model', model]), /T = 0 for all/);
  });

  it('--as-of the day after the first order (CDNOW sample): refused the same way', async () => {
    const db = path.join(dir, 'cdnow.db');
    expect((await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD'])).code).toBe(0);
    expectRefusal(await orderlens(db, ['ltv', '--as-of', '1997-01-02']), /each customer \(18 in all\) bought on a single day up to 1997-01-01/);
  });

  it('only one-time buyers: refused before any fit, with the reason `report` gives and the history (it fitted, then said "too few repeat buyers")', async () => {
    const db = await importShop('one-timers', Array.from({ length: 300 }, (_, i): [string, string] => [`c${i}`, day(i)]));
    const last = day(299);
    // the amounts are 20 + (i mod 7)·3 dollars: the net an independent sum gives
    let cents = 0;
    for (let i = 0; i < 300; i++) cents += (20 + (i % 7) * 3) * 100;
    for (const args of [['ltv'], ['ltv', '--model', 'auto'], ['ltv', '--model', 'pnbd', '--unit', 'day'], ['ltv', '--params'], ['ltv', '--params', '--model', 'auto']]) {
      const r = await orderlens(db, args);
      expectRefusal(r, new RegExp(`^orderlens: error: no customer bought on two different days up to ${last} \\(300 customers in all\\): a repeat-purchase model cannot be fitted, so there is no lifetime value to show\\. What can still be said: .*orderlens ltv --method simple`));
      // no fit was made, so none is reported, and no "did not converge"
      expect(r.stderr).not.toMatch(/fitted on|converge|picked|lowest AIC among|too few repeat/);
      expect(r.stderr).toContain(`orderlens: history up to ${last}: $${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} net from 300 customers, $${(cents / 300 / 100).toFixed(2)} a customer; 0 (0.0%) came back`);
    }
    const zh = await orderlens(db, ['ltv', '--lang', 'zh']);
    expectRefusal(zh, new RegExp(`^orderlens: 错误：截至 ${last}，没有客户在两个不同的日子购买过（共 300 位客户）：无法拟合复购模型`));
    // the HTML report says the same, with the same day, and writes its other sections (exit 0)
    const out = path.join(dir, 'one-timers.html');
    const report = await orderlens(db, ['report', '--out', out]);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('data-section="ltv"'), html.indexOf('data-section="trend"'));
    expect(section).toContain(`No customer bought on two different days up to ${last}: a repeat-purchase model cannot be fitted, so there is no lifetime value to show.`);
    // churn --model with a threshold given: the model columns say the same reason, not "no model converged"
    const churn = await orderlens(db, ['churn', '--days', '90', '--model', 'bgnbd']);
    expect(churn.code, churn.stderr).toBe(0);
    expect(churn.stderr).toContain('model: no customer bought on two different days, so a repeat-purchase model cannot be fitted; the model columns are left empty');
    expect(churn.stderr).not.toContain('converged');
    // and a snapshot: that reason, not "fewer than 100 repeat customers" (0 repeat customers is not a small sample)
    const snap = await orderlens(db, ['snapshot', '--model', 'bgnbd']);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain(`${day(300)}: no customer has bought on two different days yet, so no bgnbd model is fitted: P(alive) and CLV are left empty`);
    expect(snap.stderr).not.toMatch(/fewer than|converge/);
  });

  it('every repeat buyer on exactly two days: refused before any fit, with the history and what to use instead', async () => {
    // 330 customers, one a day; every third comes back once, 5 + (41·i mod 120) days later, and never again
    const orders: [string, string][] = [];
    for (let i = 0; i < 330; i++) {
      orders.push([`c${i}`, day(i)]);
      if (i % 3 === 0) orders.push([`c${i}`, day(i + 5 + ((41 * i) % 120))]);
    }
    const db = await importShop('two-days', orders);
    const gaps = Array.from({ length: 110 }, (_, k) => 5 + ((41 * 3 * k) % 120)).sort((a, b) => a - b);
    const median = gaps[54];
    const last = day(Math.max(...Array.from({ length: 330 }, (_, i) => (i % 3 === 0 ? i + 5 + ((41 * i) % 120) : i))));
    expect(last).toBe('2025-02-23');
    for (const args of [['ltv'], ['ltv', '--model', 'auto'], ['ltv', '--model', 'pnbd', '--unit', 'day'], ['ltv', '--params'], ['ltv', '--by', 'customer', '--format', 'csv']]) {
      const r = await orderlens(db, args);
      expectRefusal(r, new RegExp(`^orderlens: error: none of the 330 customers bought on a third day up to ${last}: 110 came back once \\(a median of ${median} days after the first purchase day\\) and none came back again, so the data cannot tell how long customers keep buying; no model is fitted and no prediction is made\\. What can still be said: .*orderlens ltv --method simple`));
      // no fit was made, so none is reported
      expect(r.stderr).not.toMatch(/fitted on|converged/);
    }
    const r = await orderlens(db, ['ltv']);
    expect(r.stderr).toMatch(new RegExp(`^orderlens: history up to ${last}: \\$[\\d,.]+ net from 330 customers, \\$[\\d.]+ a customer; 110 \\(33\\.3%\\) came back$`, 'm'));
    const zh = await orderlens(db, ['ltv', '--lang', 'zh']);
    expectRefusal(zh, /330 位客户中没有人在第三个日子购买：110 位回购过一次/);
    expect(zh.stderr).toMatch(/历史：330 位客户净收入/);
    // what can still be said is said
    const simple = await orderlens(db, ['ltv', '--method', 'simple']);
    expect(simple.code, simple.stderr).toBe(0);
    // churn's model columns say why they are empty
    const churn = await orderlens(db, ['churn', '--model', 'bgnbd']);
    expect(churn.code, churn.stderr).toBe(0);
    expect(churn.stderr).toContain('model: 110 repeat buyers and none bought on a third day, so how long customers keep buying cannot be estimated: no model is fitted; the model columns are left empty');
    // and a snapshot's P(alive) and CLV columns (not "the model did not converge": none was fitted)
    const snap = await orderlens(db, ['snapshot', '--model', 'bgnbd']);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain(': no customer bought on a third day, so how long customers keep buying cannot be estimated and no bgnbd model is fitted: P(alive) and CLV are left empty');
  });

  it('a fit at its limit "no dropout seen" predicts that limit: E[Y(t)] = (r+x)t/(α+T) (CDNOW to 1997-01-11; it gave none)', async () => {
    const db = path.join(dir, 'cdnow.db');
    // BG/NBD at its limit "no dropout seen": a ran off to 0, b makes no difference. With b kept at ≈ 49,000 its
    // E[Y(t)] was not finite (2F1 with b ≈ 49,000: 'no totals … 242 of 242 customers'); the limit's prediction is
    // the NBD model's, P(alive) = 1 and E[Y(t)] = (r+x)t/(α+T)
    const r = await orderlens(db, ['ltv', '--as-of', '1997-01-12', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('BG/NBD: r 0.1963');
    expect(r.stderr).toContain('converged: boundary (no dropout seen)');
    // a's value there (e^-18 = 1.523e-8) is a stand-in and b's (49,000) makes no difference: neither is printed
    expect(r.stderr).toContain('alpha 2.764 (se 3.62), a → 0, b (any value); LL -39.90');
    expect(r.stderr).not.toMatch(/\ba 1\.5\d*e-8|\bb [\d.]+ \(se/);
    const params = await orderlens(db, ['ltv', '--as-of', '1997-01-12', '--params', '--model', 'auto']);
    expect(params.code, params.stderr).toBe(0);
    const cells = parseCsvRows(params.stdout).map((x) => `${x.model} ${x.parameter} ${x.estimate} ${x.se}`);
    expect(cells.filter((c) => / (a|b|s|beta) /.test(c))).toEqual(['bgnbd a  ', 'bgnbd b  ', 'pnbd s  ', 'pnbd beta  ', 'mbgnbd a  ', 'mbgnbd b  ']);
    expect(params.stderr).toContain('orderlens: BG/NBD reached its limit a → 0 (no dropout seen): a and b are left empty (the value of a there is a stand-in, not an estimate, and at the limit b makes no difference)');
    expect(params.stderr).toContain('orderlens: Pareto/NBD reached its limit s → 0 (no dropout seen): s and beta are left empty');
    expect(r.stderr).not.toContain('no totals');
    expect(r.stderr).toMatch(/total expected purchase days/);
    const groups = parseCsvRows(r.stdout);
    expect(groups.length).toBeGreaterThan(5);
    for (const g of groups) expect([g.expected_purchases, g.clv].every((v) => Number(v) > 0)).toBe(true);
    const rows = parseCsvRows((await orderlens(db, ['ltv', '--as-of', '1997-01-12', '--by', 'customer', '--interval', 'none', '--format', 'csv'])).stdout);
    const fitted = parseCsvRows(params.stdout).filter((x) => x.model === 'bgnbd');
    const [rr, alpha] = [Number(fitted[0].estimate), Number(fitted[1].estimate)];
    expect(rows).toHaveLength(242);
    for (const c of rows) {
      expect(Number(c.p_alive)).toBe(1);
      const limit = ((rr + Number(c.frequency)) * (365.25 / 7)) / (alpha + Number(c.age_weeks));
      expect(Math.abs(Number(c.expected_purchases) / limit - 1), c.customer).toBeLessThan(1e-6);
    }
    // the HTML report's lifetime section gives the CLV too
    const html = path.join(dir, 'cdnow-0111.html');
    expect((await orderlens(db, ['report', '--as-of', '1997-01-12', '--out', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('the model gives no expected purchases');
    expect(page).not.toContain('there is no spend model to price the expected purchases');
    // the parameters table: no stand-in for a (it showed 0.0000) and no b (49,003.6243)
    expect(page).toContain('<td class="">BG/NBD</td><td class="">a</td><td class="n"></td>');
    expect(page).toContain('<td class="">BG/NBD</td><td class="">b</td><td class="n"></td>');
    expect(page).not.toContain('49,003');
  });
  it('CDNOW to 1997-03-01: BG/NBD at its limit a, b → 0, named, not "a 1.553e-11" as an estimate', async () => {
    const db = path.join(dir, 'cdnow.db');
    // the interior search stopped at a, b ≈ 10⁻¹¹ and was kept as converged: there b + x − 1 lost b's digits
    // (1 + b rounds b to 10⁻⁵ of itself), noise of 10⁻⁴ in the log-likelihood that beat the limit's exact value
    const r = await orderlens(db, ['ltv', '--as-of', '1997-03-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('BG/NBD: r 0.2834 (se 0.0452), alpha 3.974 (se 0.811), a → 0, b → 0, a/(a+b) 0.2779 (se 0.0812); LL -1389.06');
    expect(r.stderr).toContain('converged: boundary (each customer either never drops out or drops out at the first chance)');
    expect(r.stderr).not.toMatch(/e-\d\d/);
  });

  it('churn --as-of before the first order says so (not "two purchase days")', async () => {
    const db = path.join(dir, 'cdnow.db');
    const r = await orderlens(db, ['churn', '--as-of', '1990-01-01']);
    expectRefusal(r, /^orderlens: error: no customer was acquired before 1990-01-01 \(--as-of\): the first counted purchase is on 1997-01-01; pick a later --as-of$/);
  });

  it('segments on a one-customer shop is a data error (exit 1), not a usage error', async () => {
    const db = await importShop('lonely', [['solo', '2024-01-05'], ['solo', '2024-02-05']]);
    expectRefusal(await orderlens(db, ['segments']), /3 clusters need at least 3 customers; there is 1 before/);
  });
});

describe('segments --k auto', () => {
  it('each k listed is the clustering --k k gives (each k seeded on its own)', async () => {
    const db = path.join(dir, 'cdnow.db');
    const auto = await orderlens(db, ['segments', '--k', 'auto']);
    expect(auto.code, auto.stderr).toBe(0);
    const listed = /k chosen by silhouette: (.*); picked/.exec(auto.stderr)?.[1] ?? '';
    const byK = new Map([...listed.matchAll(/k=(\d+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), m[2]]));
    expect(byK.size).toBeGreaterThan(3);
    for (const [k, silhouette] of byK) {
      const one = await orderlens(db, ['segments', '--k', String(k)]);
      expect(one.stderr, `k = ${k}`).toContain(`mean silhouette ${silhouette}`);
    }
  });
});

const retail = sharedFile('online_retail_uci', 'online_retail_customer_sample.csv');

describe.skipIf(!retail)('boundary fits on Online Retail (needs ../shared/data/online_retail_uci)', () => {
  const db = path.join(dir, 'retail.db');

  it('to 2011-09-08: BG/NBD reaches the better limit (LL −1839.775, not −1841.143), no standard errors for a and b', async () => {
    expect((await orderlens(db, ['import', retail as string, '--currency', 'GBP'])).code).toBe(0);
    const r = await orderlens(db, ['ltv', '--as-of', '2011-09-09', '--params']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('converged: boundary (each customer either never drops out or drops out at the first chance)');
    const rows = parseCsvRows(r.stdout).filter((x) => x.model === 'bgnbd');
    expect(Number(rows[0].log_likelihood)).toBeCloseTo(-1839.775, 3);
    expect(rows.map((x) => x.converged)).toEqual(Array(5).fill('boundary (each customer either never drops out or drops out at the first chance)'));
    // a and b ran off to 0: their values there (e^-18 and the like) are stand-ins, not printed (they were, as
    // 1.5e-8); a/(a+b), the share that drops out at the first chance, is what the data fix
    expect(rows.map((x) => [x.parameter, x.estimate === '', x.se === ''])).toEqual([['r', false, false], ['alpha', false, false], ['a', true, true], ['b', true, true], ['a/(a+b)', false, false]]);
    const share = Number(rows[4].estimate);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    expect(r.stderr).toMatch(/BG\/NBD: r [\d.]+ \(se [\d.]+\), alpha [\d.]+ \(se [\d.]+\), a → 0, b → 0, a\/\(a\+b\) 0\.\d+ \(se [\d.]+\); LL -1839\.7\d/);
    expect(r.stderr).toContain('BG/NBD reached its limit a, b → 0 (each customer either never drops out or drops out at the first chance): a and b are left empty');
  });

  it('to 2011-06-30: no longer "converged: yes" with standard errors on a = 2.2e-7, b = 179,545', async () => {
    const r = await orderlens(db, ['ltv', '--as-of', '2011-07-01', '--params', '--model', 'pnbd']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('converged: boundary (no dropout seen)');
    const rows = parseCsvRows(r.stdout).filter((x) => x.model === 'pnbd');
    expect(rows.map((x) => x.se === '')).toEqual([false, false, true, true]);
    const bg = await orderlens(db, ['ltv', '--as-of', '2011-07-01', '--params']);
    expect(bg.stderr).toMatch(/BG\/NBD: .*converged: boundary/);
    expect(bg.stderr).not.toMatch(/BG\/NBD: .*, converged$/m);
    // predictions at the boundary are numbers
    const customers = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '2011-07-01', '--format', 'csv']);
    expect(customers.code).toBe(0);
    for (const row of parseCsvRows(customers.stdout)) expect(Number.isFinite(Number(row.expected_purchases)) && row.expected_purchases !== '').toBe(true);
  });
});

const shopifyFiles = ['ethompson17_explorer_orders_export_1.csv', 'zhangerson_orders_export.csv', 'zhangerson_orders_export_10.csv'].map((f) =>
  sharedFile('shopify', f),
);

describe.skipIf(shopifyFiles.some((f) => !f))('ltv --model auto --holdout on the Shopify samples (needs ../shared/data/shopify)', () => {
  it('a model that does not converge on 3 repeat buyers names how its fit ended, not "too few repeat buyers", where the other two converge', async () => {
    const db = path.join(dir, 'shopify-explorer.db');
    expect((await orderlens(db, ['import', shopifyFiles[0] as string])).code).toBe(0);
    const pnbd = await orderlens(db, ['ltv', '--model', 'pnbd']);
    expect(pnbd.stderr).toContain('Pareto/NBD: NOT converged: line search failed, 76 customers');
    expectRefusal(pnbd, /^orderlens: error: Pareto\/NBD did not converge \(line search failed\) on these 76 customers; with 3 repeat buyers \(fewer than about 100\) no other model is fitted in its place: ask for one with --model \(auto fits all three\), or try --unit day, another --as-of, or --method simple$/);
    expect(pnbd.stderr).not.toContain('too few repeat buyers');
    // the same 3 repeat buyers: BG/NBD and MBG/NBD converge, so the count alone was not the reason
    for (const model of ['bgnbd', 'mbgnbd']) {
      const r = await orderlens(db, ['ltv', '--model', model, '--format', 'csv']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/fitted on 76 customers \(3 repeat\)/);
    }
    // the HTML report's section gives the same reason
    const out = path.join(dir, 'shopify-explorer.html');
    expect((await orderlens(db, ['report', '--out', out, '--model', 'pnbd'])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('data-section="ltv"'), html.indexOf('data-section="trend"')).replace(/\s+/g, ' ');
    expect(section).toContain('No lifetime value is predicted: Pareto/NBD did not converge (line search failed) on these 76 customers, and with 3 repeat buyers (fewer than about 100) no other model is fitted in its place.');
    // a snapshot names the same reason (it said "fewer than 100 repeat customers, so no pnbd model is fitted")
    const snap = await orderlens(db, ['snapshot', '--model', 'pnbd']);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toMatch(/^orderlens: \d{4}-\d\d-\d\d: Pareto\/NBD did not converge \(line search failed\), with 3 repeat customers: P\(alive\) and CLV are left empty$/m);
    expect(snap.stderr).not.toContain('fewer than 100');
    const zh = await orderlens(db, ['snapshot', '--model', 'pnbd', '--label', 'zh', '--lang', 'zh']);
    expect(zh.stderr).toMatch(/Pareto\/NBD 未收敛（线搜索失败），复购客户 3 位：P\(alive\) 和 CLV 留空/);
  });

  it('a model that did not converge is left out of the comparison: no AIC, no MAE, no prediction, never picked', async () => {
    const db = path.join(dir, 'shopify-auto.db');
    for (const f of shopifyFiles) expect((await orderlens(db, ['import', f as string])).code).toBe(0);
    const r = await orderlens(db, ['ltv', '--model', 'auto', '--holdout', '2021-06-30']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    const failed = lines.filter((l) => /: did not converge \(.*\): left out of the comparison/.test(l));
    // MBG/NBD reaches its limit a, b → ∞ now that the limit is fitted in closed form (at a, b ≈ e^16 the full
    // model's ln Γ noise kept its Hessian from being positive definite): only Pareto/NBD fails
    expect(r.stderr).toMatch(/MBG\/NBD: r [\d.]+ \(se [\d.]+\), alpha [\d.]+ \(se [\d.]+\), a → ∞, b → ∞, a\/\(a\+b\) 0\.\d+ \(se [\d.]+\); .*converged: boundary \(one dropout probability for everyone\)/);
    expect(failed.map((l) => l.replace(/^orderlens: /, '').split(':')[0]).sort()).toEqual(['Pareto/NBD']);
    for (const l of failed) expect(l).not.toMatch(/AIC \d|MAE per customer|NaN|predicted \d/);
    // the ones that converged are compared, the lower holdout MAE picked
    expect(lines.filter((l) => /holdout MAE per customer \d/.test(l)).map((l) => l.replace(/^orderlens: /, '').split(':')[0])).toEqual(['BG/NBD', 'MBG/NBD']);
    expect(r.stderr).toMatch(/MBG\/NBD: AIC [\d.]+, holdout MAE per customer 0\.0310; .* ← picked/);
    expect(r.stderr).not.toMatch(/NaN/);
  });
});

const taobao = sharedFile('taobao_mingri_book', 'converted_csv', 'TB_2017_2019.csv');

describe.skipIf(!taobao)('ltv on the Taobao TB_2017_2019 export (needs ../shared/data/taobao_mingri_book)', () => {
  it('3,694 customers, 138 back once and none on a third day: refused at once (it ran 556 s to "no model converged")', async () => {
    const db = path.join(dir, 'taobao-tb.db');
    expect((await orderlens(db, ['import', taobao as string])).code).toBe(0);
    const r = await orderlens(db, ['ltv']);
    expectRefusal(r, /^orderlens: error: none of the 3,694 customers bought on a third day up to 2019-12-31: 138 came back once \(a median of 35 days after the first purchase day\) and none came back again/);
    // the history: the net of 买家实际支付金额 (SOURCE.md's 556,866.33 over every row: the free orders add nothing)
    expect(r.stderr).toContain('history up to 2019-12-31: ¥556,866.33 net from 3,694 customers, ¥150.75 a customer; 138 (3.7%) came back');
    expect(r.stderr).not.toMatch(/converged/);
    // the HTML report's lifetime section gives the same reason instead of a CLV
    const html = path.join(dir, 'taobao-tb.html');
    const report = await orderlens(db, ['report', '--out', html]);
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('None of the 3,694 customers bought on a third day up to 2019-12-31: 138 came back once (a median of 35 days after the first purchase day)');
  });
});
