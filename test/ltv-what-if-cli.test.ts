/**
 * `orderlens ltv --what-if retention±N%` end to end on the bundled CDNOW sample (fixed --as-of).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';

const dir = tempDir();
const db = path.join(dir, 'ltv-what-if.db');
const AS_OF = ['--as-of', '1997-10-01'];

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
});

const measures = (stdout: string) => Object.fromEntries(parseCsvRows(stdout).map((x) => [x.measure, x]));

describe('orderlens ltv --what-if', () => {
  it('retention+0 gives the plain prediction: the same totals as ltv, no change', async () => {
    const w = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+0', '--margin', '30%']);
    expect(w.code, w.stderr).toBe(0);
    const plain = parseCsvRows((await orderlens(db, ['ltv', '--by', 'customer', ...AS_OF, '--margin', '30%'])).stdout);
    const m = measures(w.stdout);
    const clv = plain.reduce((s, x) => s + Number(x.clv), 0);
    const purchases = plain.reduce((s, x) => s + Number(x.expected_purchases), 0);
    expect(Math.abs(Number(m.margin.before) - clv)).toBeLessThan(0.005 * plain.length); // the per-customer CSV is in cents
    expect(Math.abs(Number(m.expected_purchases.before) - purchases)).toBeLessThan(1e-6 * plain.length);
    for (const k of ['one_year_retention', 'expected_purchases', 'revenue', 'margin']) {
      expect(m[k].after).toBe(m[k].before);
      expect(m[k].change).toBe('0');
    }
  });

  it('retention+5% with Pareto/NBD (golden): β moves, retention rises 5 points, the break-even cost', async () => {
    const r = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+5%', '--model', 'pnbd', '--margin', '30%', '--cost-per-customer', '0.50']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/what-if: Pareto\/NBD beta [\d.]+ → [\d.]+ \(mean dropout rate s\/β [\d.]+ → [\d.]+ per week; every dropout rate × 0\.\d+\)/);
    expect(r.stderr).toContain('the rule of thumb "+5% retention → +25–85% profit" (read as 5 points): for this shop +');
    const m = measures(r.stdout);
    expect(Number(m.one_year_retention.change)).toBeCloseTo(5, 6);
    expect(Number(m.margin.after)).toBeGreaterThan(Number(m.margin.before));
    const gain = Number(m.margin.after) - Number(m.margin.before);
    expect(Number(m.break_even_cost_per_customer.change)).toBeCloseTo(gain / 2357, 4);
    expect(Number(m.retention_cost.change)).toBeCloseTo(-0.5 * 2357, 6);
    expect(Number(m.net_gain.change)).toBeCloseTo(gain - 0.5 * 2357, 4);
    expect(Number(m.margin_per_retained_customer.change)).toBeCloseTo(gain / Number(m.customers_retained_a_year.change), 2);
    expectGolden('ltv-what-if-cdnow-pnbd.csv', r.stdout);
    // +0.05 is the same change written as a fraction
    const frac = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+0.05', '--model', 'pnbd', '--margin', '30%', '--cost-per-customer', '0.50']);
    expect(frac.stdout).toBe(r.stdout);
  });

  it('monotone in the lift for every model', async () => {
    for (const model of ['bgnbd', 'mbgnbd', 'pnbd']) {
      const margins: number[] = [];
      for (const lift of ['retention-5%', 'retention+0', 'retention+2%', 'retention+5%']) {
        const r = await orderlens(db, ['ltv', ...AS_OF, '--model', model, '--what-if', lift]);
        expect(r.code, `${model} ${lift}: ${r.stderr}`).toBe(0);
        margins.push(Number(measures(r.stdout).margin.after));
      }
      expect(margins.every((v, k) => k === 0 || v > margins[k - 1]), `${model}: ${margins.join(', ')}`).toBe(true);
    }
  });

  it('retention-5%: "fewer" customers (never "-9.5 more"), and no break-even cost for a change that lowers margin', async () => {
    const r = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention-5%']);
    expect(r.code, r.stderr).toBe(0);
    const m = measures(r.stdout);
    const fewer = -Number(m.customers_retained_a_year.change);
    expect(fewer).toBeGreaterThan(0);
    expect(r.stderr).toContain(` ${fewer.toFixed(1)} fewer customers still buying a year from now, `);
    expect(r.stderr).not.toMatch(/-[\d.]+ more customers/);
    const loss = (Number(m.margin.before) - Number(m.margin.after)) / 2357;
    expect(r.stderr).toContain(`no break-even cost: this change lowers margin by $${loss.toFixed(2)} per customer over all 2,357 customers`);
    expect(r.stderr).not.toContain('pays while it costs less than');
    expect(m.break_even_cost_per_customer.change).toBe('');
    const zh = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention-5%', '--lang', 'zh']);
    expect(zh.stderr).toContain(`一年后仍在购买的客户少 ${fewer.toFixed(1)} 位`);
    expect(zh.stderr).toContain('没有盈亏平衡成本');
  });

  it('--method simple: the churn rate falls by the points, the lifetime 1/churn rises with it', async () => {
    const r = await orderlens(db, ['ltv', '--method', 'simple', '--as-of', '1998-07-01', '--what-if', 'retention+5%', '--discount', '0']);
    expect(r.code, r.stderr).toBe(0);
    // yearly churn 245/551 (see ltv-simple-cli.test.ts): lifetime 551/245 → 1/(245/551 − 0.05) years; with no
    // discount every value grows by the ratio of the lifetimes
    const churn = 245 / 551;
    expect(r.stderr).toContain('what-if: yearly churn 44.5% → 39.5% (retention +5.00 points), so the expected lifetime 1 / churn goes from 2.25 to 2.53 years');
    const m = measures(r.stdout);
    expect(Number(m.one_year_retention.before)).toBeCloseTo((1 - churn) * 100, 5);
    expect(Number(m.margin.after) / Number(m.margin.before)).toBeCloseTo(churn / (churn - 0.05), 5);
    expect(Number(m.customers_retained_a_year.change)).toBeCloseTo(0.05 * 2357, 5);
  });

  it('refuses what it cannot do, with the reason', async () => {
    const far = await orderlens(db, ['ltv', ...AS_OF, '--what-if', 'retention+60%']);
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/^orderlens: error: --what-if retention\+60%: retention [\d.]+% cannot become [\d.]+% by changing the dropout parameter of BG\/NBD; it reaches/m);
    for (const args of [
      ['--what-if', 'retention+5'],
      ['--what-if', 'retention+150%'],
      ['--what-if', 'churn-5%'],
      ['--cost-per-customer', '5'],
      ['--what-if', 'retention+5%', '--holdout', '1997-06-30'],
      ['--what-if', 'retention+5%', '--by', 'segment'],
      ['--what-if', 'retention+5%', '--cost-per-customer', 'lots'],
    ]) {
      const r = await orderlens(db, ['ltv', ...AS_OF, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('without a spend model: retention and purchases, and the money left empty with the reason', async () => {
    // the CDNOW sample with every repeat purchase free (net 0): the purchase model fits, the spend model cannot
    const seen = new Set<string>();
    const lines = readFileSync(fixture('cdnow_sample.csv'), 'utf8').trim().split('\n').map((line, k) => {
      if (k === 0) return line;
      const [customer, day] = line.split(',');
      if (seen.has(customer)) return `${customer},${day},0.00`;
      seen.add(customer);
      return line;
    });
    const file = path.join(dir, 'free-repeats.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const free = path.join(dir, 'free.db');
    expect((await orderlens(free, ['import', file, '--currency', 'USD'])).code).toBe(0);
    const r = await orderlens(free, ['ltv', ...AS_OF, '--what-if', 'retention+5%', '--model', 'pnbd', '--cost-per-customer', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('no customer has an expected spend (the spend model could not be fitted): revenue, margin and the break-even cost are left empty');
    const m = measures(r.stdout);
    expect(Number(m.one_year_retention.change)).toBeCloseTo(5, 6);
    expect(Number(m.expected_purchases.after)).toBeGreaterThan(Number(m.expected_purchases.before));
    for (const k of ['revenue', 'margin']) expect([m[k].before, m[k].after, m[k].change]).toEqual(['', '', '']);
    expect(m.break_even_cost_per_customer.change).toBe('');
    expect(m.net_gain.change).toBe('');
  });
});
