/**
 * `ltv` intervals and the per-customer calibration/holdout table on the bundled CDNOW sample: the columns ltv
 * printed before are byte for byte the goldens (the new columns come last), the intervals bracket the
 * estimates, and `--holdout --by customer` is lifetimes' calibration_and_holdout_data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const db = path.join(tempDir('orderlens-ltv-intervals-'), 'ltv.db');
const NEW = ['expected_purchases_low', 'expected_purchases_high', 'clv_low', 'clv_high'];

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
});

/** The CSV without its last `n` columns (CDNOW ids and these columns hold no commas). */
function dropLast(csv: string, n: number): string {
  return csv
    .split('\n')
    .map((line) => (line === '' ? line : line.split(',').slice(0, -n).join(',')))
    .join('\n');
}

const golden = (name: string): string => readFileSync(path.join(repoRoot, 'test', 'golden', name), 'utf8');

describe('ltv intervals', () => {
  it('per customer: the columns of before, byte for byte, then the interval columns', async () => {
    const r = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--since', '1997-03-15', '--horizon', '52w', '--discount', '1%/mo', '--margin', '30%']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0].split(',').slice(-4)).toEqual(NEW);
    expect(dropLast(r.stdout, 4)).toBe(golden('ltv-cdnow-customers.csv'));
    expect(r.stderr).toMatch(/total expected purchase days [\d,.]+ \(80% [\d,.]+–[\d,.]+, 95% [\d,.]+–[\d,.]+\); total CLV \$[\d,.]+ \(80% \$[\d,.]+–\$[\d,.]+, 95% /);
    expect(r.stderr).toContain('delta method on the log-parameters');
    for (const row of parseCsvRows(r.stdout)) {
      const [e, lo, hi] = [row.expected_purchases, row.expected_purchases_low, row.expected_purchases_high].map(Number);
      expect(lo).toBeLessThanOrEqual(e);
      expect(hi).toBeGreaterThanOrEqual(e);
      if (row.clv !== '') {
        expect(Number(row.clv_low)).toBeLessThanOrEqual(Number(row.clv) + 0.005);
        expect(Number(row.clv_high)).toBeGreaterThanOrEqual(Number(row.clv) - 0.005);
      }
    }
  });

  it('--interval 0.9 is wider than the default 80%; a level outside (0, 1) is a usage error', async () => {
    const base = parseCsvRows((await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--format', 'csv'])).stdout)[0];
    const r = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--interval', '0.9']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\(90% .*95% /);
    const wide = parseCsvRows(r.stdout)[0];
    expect(wide.customer).toBe(base.customer);
    expect(Number(wide.clv_high)).toBeGreaterThan(Number(base.clv_high));
    expect(Number(wide.clv_low)).toBeLessThan(Number(base.clv_low));
    expect(parseCsvRows((await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--interval', '95%'])).stdout)[0].clv_high).not.toBe(wide.clv_high);
    for (const bad of ['1.5', '0', 'wide']) expect((await orderlens(db, ['ltv', '--interval', bad])).code).toBe(2);
    // none: the columns of before only
    const none = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--since', '1997-03-15', '--horizon', '52w', '--discount', '1%/mo', '--margin', '30%', '--interval', 'none']);
    expect(none.stdout).toBe(golden('ltv-cdnow-customers.csv'));
    expect(none.stderr).not.toContain('total expected purchase days');
  });

  it('--by segment and --by cohort: the columns of before, then the intervals of each group sum', async () => {
    const seg = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--by', 'segment', '--model', 'pnbd']);
    expect(seg.code, seg.stderr).toBe(0);
    expect(dropLast(seg.stdout, 4)).toBe(golden('ltv-cdnow-segments.csv'));
    for (const row of parseCsvRows(seg.stdout)) {
      expect(Number(row.clv_low)).toBeLessThan(Number(row.clv));
      expect(Number(row.clv_high)).toBeGreaterThan(Number(row.clv));
    }
    const coh = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--by', 'cohort', '--unit', 'day']);
    expect(coh.code, coh.stderr).toBe(0);
    expect(dropLast(coh.stdout, 4)).toBe(golden('ltv-cdnow-cohorts.csv'));
  });
});

describe('ltv --holdout DATE --by customer', () => {
  it("lifetimes' calibration_and_holdout_data per customer, with the picked model's predictions", async () => {
    const r = await orderlens(db, ['ltv', '--as-of', '1998-07-01', '--holdout', '1997-09-30', '--by', 'customer', '--model', 'auto']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,frequency_cal,recency_cal,T_cal,monetary_value_cal,frequency_holdout,monetary_value_holdout,revenue_holdout,duration_holdout,predicted_purchases');
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(2357);
    expect(rows.reduce((s, x) => s + Number(x.frequency_holdout), 0)).toBe(1882);
    expect(rows.filter((x) => Number(x.frequency_cal) > 0)).toHaveLength(946);
    // CDNOW customer 1: 1997-01-01, 01-18, 08-02 ($29.33, $29.73, $14.96), one purchase day in the holdout
    expect(rows.find((x) => x.customer === '1')).toMatchObject({ frequency_cal: '2', recency_cal: '30.428571', T_cal: '38.857143', monetary_value_cal: '22.35', frequency_holdout: '1', duration_holdout: '39' });
    // AIC and holdout MAE side by side; with a holdout, auto picks by the holdout error
    expect(r.stderr).toMatch(/BG\/NBD: AIC 19172\.86, holdout MAE per customer 0\.7855/);
    expect(r.stderr).toMatch(/Pareto\/NBD: AIC 19197\.95, holdout MAE per customer 0\.7545.*← picked/);
    expect(r.stderr).toContain('picked Pareto/NBD: lowest holdout MAE per customer');
    // the per-customer predictions add up to the table by calibration frequency
    const table = parseCsvRows((await orderlens(db, ['ltv', '--as-of', '1998-07-01', '--holdout', '1997-09-30', '--model', 'auto'])).stdout);
    const all = table.find((x) => x.calibration_frequency === 'all');
    expect(rows.reduce((s, x) => s + Number(x.predicted_purchases), 0)).toBeCloseTo(Number(all?.predicted_purchases), 0);
  });
});

describe('ltv intervals without amounts', () => {
  it('name only the columns printed: expected purchases, no clv_low/clv_high', async () => {
    const dir = tempDir('orderlens-ltv-no-amounts-');
    const file = path.join(dir, 'days.csv');
    const rows = readFileSync(fixture('cdnow_sample.csv'), 'utf8').trim().split('\n').slice(1);
    writeFileSync(file, ['customer_id,order_date', ...rows.map((line) => line.split(',').slice(0, 2).join(','))].join('\n') + '\n');
    const noAmounts = path.join(dir, 'days.db');
    expect((await orderlens(noAmounts, ['import', file])).code).toBe(0);
    const r = await orderlens(noAmounts, ['ltv', '--as-of', '1997-10-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('clv');
    expect(r.stderr).toContain('intervals (expected_purchases_low/high: 80%)');
    // clv_low/clv_high appear only in the line that says they are left out
    expect(r.stderr.split('\n').filter((line) => line.includes('clv_low'))).toEqual([expect.stringContaining('left out')]);
    const zh = await orderlens(noAmounts, ['ltv', '--as-of', '1997-10-01', '--lang', 'zh']);
    expect(zh.stderr).toContain('区间（expected_purchases_low/high：80%）');
  });
});
