/**
 * `orderlens ltv --method simple` end to end on the bundled CDNOW sample (golden CSVs with a fixed --as-of).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';

const dir = tempDir();
const db = path.join(dir, 'ltv-simple.db');
const AS_OF = ['--as-of', '1998-07-01'];

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
});

describe('orderlens ltv --method simple', () => {
  it('per customer: each factor in its own column, the lifetime from the churn rule, the shop on stderr', async () => {
    const r = await orderlens(db, ['ltv', '--by', 'customer', '--method', 'simple', ...AS_OF, '--margin', '30%']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('expected remaining lifetime 2.25 years = 1 / yearly churn 44.5%: of 551 customers not churned on 1997-07-01, 245 were churned on 1998-07-01');
    expect(r.stderr).toContain('the textbook formula: CLV = AOV × purchases per year × expected lifetime × margin × discount');
    expect(r.stderr).toContain('1.00-year minimum span');
    expect(r.stderr).toMatch(/shop: 2,357 customers, AOV \$36\.48, 2\.07 purchases a year, lifetime 2\.25 years, margin 30%, discount factor 0\.8965: CLV \$107,448\.52/);
    const rows = parseCsvRows(r.stdout);
    expect(Object.keys(rows[0])).toEqual([
      'customer_key', 'customer', 'platform', 'shop', 'first_order', 'last_order', 'purchases', 'revenue', 'span_years', 'aov', 'purchases_per_year', 'lifetime_years', 'margin', 'discount_factor', 'clv',
    ]);
    expect(rows).toHaveLength(2357);
    for (const x of rows.slice(0, 50)) {
      const rest = Number(x.purchases_per_year) * Number(x.lifetime_years) * Number(x.margin) * Number(x.discount_factor);
      // the CSV rounds aov and clv to cents and the factors to 6 digits
      expect(Math.abs(Number(x.aov) * rest - Number(x.clv))).toBeLessThan(0.005 * rest + 0.005 + 1e-5 * Number(x.clv));
    }
    // sorted by CLV, highest first
    expect(Number(rows[0].clv)).toBeGreaterThanOrEqual(Number(rows[1].clv));
  });

  it('--by cohort with a given lifetime (golden): the last row is the shop', async () => {
    const r = await orderlens(db, ['ltv', '--method', 'simple', ...AS_OF, '--by', 'cohort', '--lifetime', '3y', '--discount', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('expected remaining lifetime 3.00 years: given with --lifetime 3y');
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.cohort)).toEqual(['1997-01', '1997-02', '1997-03', 'all']);
    expect(rows[3].customers).toBe('2357');
    expect(rows[3].discount_factor).toBe('1');
    expectGolden('ltv-simple-cdnow-cohorts.csv', r.stdout);
    // under --lang zh the total row is said in Chinese, as the segments beside it and pareto's (it was `all`)
    const zh = await orderlens(db, ['ltv', '--method', 'simple', ...AS_OF, '--lang', 'zh', '--format', 'csv']);
    expect(zh.code, zh.stderr).toBe(0);
    const groups = parseCsvRows(zh.stdout).map((x) => Object.values(x)[0]);
    expect(groups.at(-1)).toBe('全部客户');
    expect(groups).not.toContain('all');
    expect(groups).toContain('冠军客户');
  });

  it('--holdout: the model path backtest table, with the textbook prediction', async () => {
    const simple = await orderlens(db, ['ltv', '--method', 'simple', ...AS_OF, '--holdout', '1997-09-30', '--lifetime', '3y']);
    expect(simple.code, simple.stderr).toBe(0);
    expect(simple.stderr).toMatch(/holdout: 1997-10-01 to 1998-06-30 \(273 days\); textbook: predicted [\d.]+ vs actual 1,882 purchase days/);
    const model = await orderlens(db, ['ltv', ...AS_OF, '--holdout', '1997-09-30']);
    expect(model.code, model.stderr).toBe(0);
    const [a, b] = [parseCsvRows(simple.stdout), parseCsvRows(model.stdout)];
    expect(simple.stdout.split('\n')[0]).toBe(model.stdout.split('\n')[0]);
    expect(a.map((x) => [x.calibration_frequency, x.customers, x.actual_purchases])).toEqual(b.map((x) => [x.calibration_frequency, x.customers, x.actual_purchases]));
    expectGolden('ltv-simple-cdnow-holdout.csv', simple.stdout);
  });

  it('says plainly when there is no year of history to take a churn rate from, and checks its flags', async () => {
    const short = await orderlens(db, ['ltv', '--method', 'simple', '--as-of', '1997-06-01']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^orderlens: error: --method simple needs a yearly churn rate over 1996-06-01 to 1997-05-31: no customer bought before 1996-06-01 .*--lifetime 3y/m);
    // a churn year that starts 165 days into the data: the rate is printed with a warning
    const young = await orderlens(db, ['ltv', '--method', 'simple', '--as-of', '1998-06-15']);
    expect(young.code, young.stderr).toBe(0);
    expect(young.stderr).toContain('warning: the yearly churn rate is uncertain: only 165 days of purchases before 1997-06-15 to judge who was churned then (less than 180); give --lifetime');
    expect((await orderlens(db, ['ltv', '--method', 'simple', ...AS_OF])).stderr).not.toContain('uncertain');
    const given = await orderlens(db, ['ltv', '--method', 'simple', '--as-of', '1997-06-01', '--lifetime', '18mo', '--by', 'segment']);
    expect(given.code, given.stderr).toBe(0);
    expect((await orderlens(db, ['ltv', '--lifetime', '3y'])).code).toBe(2);
    const ignored = await orderlens(db, ['ltv', '--method', 'simple', ...AS_OF, '--lifetime', '3y', '--horizon', '2y']);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stderr).toContain('--horizon: not used by --method simple (its horizon is the expected lifetime; it fits no model)');
    expect((await orderlens(db, ['ltv', '--method', 'simple', '--params'])).code).toBe(2);
    const bad = await orderlens(db, ['ltv', '--method', 'simple', '--min-span', 'forever']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--min-span 'forever' must be a number with a unit");
  });
});
