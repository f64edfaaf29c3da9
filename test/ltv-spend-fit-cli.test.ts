/**
 * `orderlens ltv` where the Gamma-Gamma spend model's maximum is a limit, or does not exist: the CDNOW sample's
 * purchases with their amounts rewritten (the purchase model fits as usual; fixed --as-of).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir();
const AS_OF = ['--as-of', '1997-10-01'];

/**
 * The CDNOW sample with each customer's purchase day k (counted over the whole file) paying `amount(k)` on its
 * first row and 0 on the day's other rows, imported into a new store.
 */
async function cdnowWith(name: string, amount: (k: number) => string): Promise<string> {
  const seen = new Set<string>();
  const lines = readFileSync(fixture('cdnow_sample.csv'), 'utf8').trim().split('\n').map((line, k) => {
    if (k === 0) return line;
    const [customer, day] = line.split(',');
    if (seen.has(`${customer} ${day}`)) return `${customer},${day},0.00`;
    seen.add(`${customer} ${day}`);
    return `${customer},${day},${amount(seen.size)}`;
  });
  const file = path.join(dir, `${name}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  const db = path.join(dir, `${name}.db`);
  const r = await orderlens(db, ['import', file, '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

const measures = (stdout: string) => Object.fromEntries(parseCsvRows(stdout).map((x) => [x.measure, x]));

describe('Gamma-Gamma at a limit: one spend level for everyone', () => {
  // purchase days pay in turn from one short list: customers' mean spends differ less than single purchases do
  const cycle = ['20.00', '35.00', '50.00', '65.00', '80.00'];

  it('converges at the limit; every customer expected spend = the mean per repeat purchase day; --what-if prices it', async () => {
    const db = await cdnowWith('one-level', (k) => cycle[k % cycle.length]);
    const r = await orderlens(db, ['ltv', ...AS_OF, '--by', 'customer']);
    expect(r.code, r.stderr).toBe(0);
    // q and γ ran off (their values, e^20 = 4.852e+8 and the like, are stand-ins): not printed; q/γ is
    expect(r.stderr).toMatch(/Gamma-Gamma: p [\d.]+ \(se [\d.]+\), q → ∞, gamma → ∞, q\/gamma [\d.]+ \(se [\d.]+\); LL -[\d.]+, AIC [\d.]+, 946 customers, converged: boundary \(one spend level for everyone\)/);
    expect(r.stderr).not.toContain('4.852e+8');
    expect(r.stderr).not.toMatch(/NOT converged|did not converge/);
    const rows = parseCsvRows(r.stdout);
    // the mean per repeat purchase day from the output's own columns: (revenue − first day's spend) / frequency is
    // not printed, so recompute it from the file
    const days = new Map<string, Map<string, number>>();
    readFileSync(path.join(dir, 'one-level.csv'), 'utf8').trim().split('\n').slice(1).forEach((line) => {
      const [c, day, a] = line.split(',');
      if (day > '1997-09-30') return;
      const byDay = days.get(c) ?? new Map<string, number>();
      days.set(c, byDay);
      byDay.set(day, (byDay.get(day) ?? 0) + Number(a));
    });
    let repeatDays = 0;
    let repeatSpend = 0;
    for (const byDay of days.values()) {
      const spends = [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(1).map((e) => e[1]);
      repeatDays += spends.length;
      repeatSpend += spends.reduce((s, v) => s + v, 0);
    }
    const perDay = (repeatSpend / repeatDays).toFixed(2);
    expect(new Set(rows.map((x) => x.expected_spend))).toEqual(new Set([perDay]));
    // --params: q and γ empty, q/γ given with its standard error (p / (q/γ) is that mean per repeat purchase day), and why
    const params = await orderlens(db, ['ltv', ...AS_OF, '--params']);
    expect(params.code, params.stderr).toBe(0);
    const gg = Object.fromEntries(parseCsvRows(params.stdout).filter((x) => x.model === 'gg').map((x) => [x.parameter, x]));
    expect(Object.keys(gg)).toEqual(['p', 'q', 'gamma', 'q/gamma']);
    expect([gg.q.estimate, gg.q.se, gg.gamma.estimate, gg.gamma.se]).toEqual(['', '', '', '']);
    expect(Number(gg['q/gamma'].se)).toBeGreaterThan(0);
    expect(Number(gg.p.estimate) / Number(gg['q/gamma'].estimate)).toBeCloseTo(repeatSpend / repeatDays, 4);
    expect(params.stderr).toContain('Gamma-Gamma reached its limit q, gamma → ∞ (one spend level for everyone): q and gamma are left empty (the values there are stand-ins, not estimates); q/gamma, which the data do fix, is given with its standard error');
    const w = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+5%', '--model', 'pnbd']);
    expect(w.code, w.stderr).toBe(0);
    const m = measures(w.stdout);
    expect(Number(m.revenue.change)).toBeGreaterThan(0);
    expect(Number(m.margin.before)).toBeGreaterThan(0);
  });
});

describe('Gamma-Gamma with no maximum: every repeat customer spends the same', () => {
  let db = '';
  beforeAll(async () => {
    db = await cdnowWith('one-price', () => '25.00');
  });

  it('says the fit did not converge and leaves expected_spend, clv and the what-if money empty', async () => {
    const r = await orderlens(db, ['ltv', ...AS_OF, '--by', 'customer', '--interval', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Gamma-Gamma: .*NOT converged/);
    expect(r.stderr).toContain('warning: the Gamma-Gamma spend model did not converge (');
    expect(r.stderr).toContain('): expected spend and CLV are left empty');
    // no customer has a CLV: no note on what the CLV column holds (it printed 'CLV over 12mo …' over an empty column)
    expect(r.stderr).not.toContain('CLV over');
    const rows = parseCsvRows(r.stdout);
    expect(rows.length).toBe(2357);
    for (const x of rows) {
      expect(x.expected_spend).toBe('');
      expect(x.clv).toBe('');
      expect(Number(x.expected_purchases)).toBeGreaterThanOrEqual(0);
    }
    const w = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+5%', '--model', 'pnbd']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toContain('no customer has an expected spend (the spend model could not be fitted): revenue, margin and the break-even cost are left empty');
    const m = measures(w.stdout);
    for (const k of ['revenue', 'margin']) expect([m[k].before, m[k].after, m[k].change]).toEqual(['', '', '']);
    const zh = await orderlens(db, ['ltv', ...AS_OF, '--by', 'customer', '--limit', '1'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('：预期客单价和 CLV 留空');
  });

  it('the HTML report shows no parameters of the failed spend fit and no CLV sentence of dashes; a note says why', async () => {
    // the HTML report: no Gamma-Gamma parameters of the failed fit, no CLV sentence of dashes; a note says why
    const out = path.join(dir, 'one-price.html');
    const rep = await orderlens(db, ['report', '--out', out, ...AS_OF]);
    expect(rep.code, rep.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const ltv = html.slice(html.indexOf('data-section="ltv"'), html.indexOf('data-section="trend"')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(ltv).toContain('BG/NBD r ');
    expect(ltv).not.toMatch(/Gamma-Gamma (p|q|γ) /);
    expect(ltv).toContain('The spend model (Gamma-Gamma) did not converge: its parameters are not shown and there is no expected spend or CLV.');
    expect(ltv).toContain('No lifetime value in money over the next 12 months');
    expect(ltv).not.toContain('expects these customers to bring');
    expect(ltv).toContain('Model parameters (BG/NBD per week)');
    // the method note: the purchase model alone, not "Gamma-Gamma, CLV … for 0 of 2,357 customers"
    expect(ltv).toContain('As `orderlens ltv` computes it: BG/NBD, expected purchases over 12 months; no CLV without a spend model (see above).');
    expect(ltv).not.toMatch(/for 0 of [\d,]+ customers/);
    const zhOut = path.join(dir, 'one-price-zh.html');
    expect((await orderlens(db, ['report', '--out', zhOut, '--lang', 'zh', ...AS_OF])).code).toBe(0);
    const zh = readFileSync(zhOut, 'utf8').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(zh).toContain('模型参数（BG/NBD 以周为单位）');
    expect(zh).toContain('没有消费模型，因此没有 CLV');
  });
});
