/**
 * `orderlens ltv` and `orderlens selftest` end to end, on the bundled CDNOW sample imported with the generic
 * adapter. Golden CSVs in test/golden (fixed --as-of); regenerate with UPDATE_GOLDEN=1 after a deliberate change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';
import { demoDb } from './report-shop.js';

const dir = tempDir();
const db = path.join(dir, 'ltv.db');

/** The CSV without the four interval columns that come last (CDNOW ids hold no commas). */
function withoutIntervals(csv: string): string {
  return csv
    .split('\n')
    .map((line) => (line === '' ? line : line.split(',').slice(0, -4).join(',')))
    .join('\n');
}

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD']);
  expect(r.code, r.stderr).toBe(0);
});

describe('orderlens ltv', () => {
  it('per customer (golden): 52w horizon, 1%/mo discount, 30% margin, first buyers from mid-March', async () => {
    const r = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--since', '1997-03-15', '--horizon', '52w', '--discount', '1%/mo', '--margin', '30%']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('BG/NBD: r ');
    expect(r.stderr).toContain('Gamma-Gamma: p ');
    expect(r.stderr).toContain('CLV over 52w (364 days), discount 1%/mo, margin 30%');
    expect(r.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,first_order,last_order,frequency,recency_weeks,age_weeks,revenue,p_alive,expected_purchases,expected_spend,clv,expected_purchases_low,expected_purchases_high,clv_low,clv_high');
    // the columns of before, byte for byte (the intervals: ltv-intervals-cli.test.ts)
    expectGolden('ltv-cdnow-customers.csv', withoutIntervals(r.stdout));
  });

  it('--model auto --params: the three fits, the spend fit and the choice (golden)', async () => {
    const r = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--model', 'auto', '--params']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('picked MBG/NBD: lowest AIC');
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(15);
    const bg = rows.find((x) => x.model === 'bgnbd' && x.parameter === 'alpha');
    expect(Number(bg?.estimate)).toBeCloseTo(4.414, 3);
    expect(Number(bg?.log_likelihood)).toBeCloseTo(-9582.43, 2);
    expect(rows.filter((x) => x.chosen === 'yes').map((x) => x.model)).toEqual(['mbgnbd', 'mbgnbd', 'mbgnbd', 'mbgnbd', 'gg', 'gg', 'gg']);
    expectGolden('ltv-cdnow-params.csv', r.stdout);
  });

  it('--params --lang zh: the converged, chosen and unit cells in Chinese, the numbers as in English', async () => {
    const en = parseCsvRows((await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--model', 'auto', '--params'])).stdout);
    const r = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--model', 'auto', '--params', '--lang', 'zh', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const zh = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(zh.map((x) => [x.model, x.parameter, String(x.estimate)])).toEqual(en.map((x) => [x.model, x.parameter, String(Number(x.estimate))]));
    expect(new Set(zh.map((x) => x.converged))).toEqual(new Set(['是']));
    expect(zh.map((x) => x.chosen)).toEqual(en.map((x) => (x.chosen === 'yes' ? '是' : '否')));
    expect(zh.map((x) => x.unit ?? '')).toEqual(en.map((x) => ({ week: '周', currency: '币种', '': '' })[x.unit]));
    // the unit of each estimate: the time unit for the scales α and β, the currency for γ, none for the shapes
    // (p and q were labelled `currency`, r, a, b and s `week`)
    expect(en.map((x) => `${x.model} ${x.parameter} ${x.unit}`).filter((u) => !u.endsWith(' '))).toEqual(['bgnbd alpha week', 'pnbd alpha week', 'pnbd beta week', 'mbgnbd alpha week', 'gg gamma currency']);
    // the terminal table under LANG=zh_CN too: no yes/no/week/currency left
    const table = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--params', '--format', 'table'], { LANG: 'zh_CN.UTF-8', COLUMNS: '200' });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toMatch(/\b(yes|no|week|currency)\b/);
    expect(table.stdout).toContain('周');
  });

  it('--holdout 1997-09-30: predicted vs actual by calibration frequency (golden)', async () => {
    const r = await orderlens(db, ['ltv', '--as-of', '1998-07-01', '--holdout', '1997-09-30', '--model', 'auto']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('holdout: 1997-10-01 to 1998-06-30 (273 days = 39.00 weeks)');
    expect(r.stderr).toMatch(/Pareto\/NBD: AIC 19197.95, holdout MAE per customer 0.7545; predicted [\d.]+ vs actual 1,882 purchase days .* ← picked/);
    expect(r.stderr).toContain("picked Pareto/NBD: lowest holdout MAE per customer");
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.calibration_frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+', 'all']);
    expect(rows[0]).toMatchObject({ customers: '1411', actual_purchases: '334' });
    expectGolden('ltv-cdnow-holdout.csv', r.stdout);
  });

  it('--by segment and --by cohort (golden)', async () => {
    const seg = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--by', 'segment', '--model', 'pnbd']);
    expect(seg.code, seg.stderr).toBe(0);
    const rows = parseCsvRows(seg.stdout);
    expect(rows.reduce((s, x) => s + Number(x.customers), 0)).toBe(2357);
    expectGolden('ltv-cdnow-segments.csv', withoutIntervals(seg.stdout));
    const coh = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--by', 'cohort', '--unit', 'day']);
    expect(coh.code, coh.stderr).toBe(0);
    expect(parseCsvRows(coh.stdout).map((x) => x.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expectGolden('ltv-cdnow-cohorts.csv', withoutIntervals(coh.stdout));
  });

  it('without --by: the totals per RFM segment, as rfm and churn give their summary by default', async () => {
    const plain = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--model', 'pnbd']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.split('\n')[0]).toMatch(/^segment,customers,/);
    expectGolden('ltv-cdnow-segments.csv', withoutIntervals(plain.stdout)); // the same file as --by segment
    // --what-if values the whole shop: an explicit --by is refused, the default is not in its way
    expect((await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--what-if', 'retention+5%', '--by', 'customer'])).code).toBe(2);
  });

  it('rejects bad flags with exit 2', async () => {
    for (const [args, message] of [
      [['--horizon', '12'], '--horizon'],
      [['--discount', '10%/m'], '--discount'],
      [['--margin', '150%'], '--margin'],
      [['--holdout', '1997-09-30'], 'leaves no holdout period'],
      [['--model', 'xgboost'], 'invalid'],
    ] as const) {
      const r = await orderlens(db, ['ltv', '--as-of', '1997-10-01', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('warns on small or short data', async () => {
    const r = await orderlens(db, ['ltv', '--as-of', '1997-10-01', '--since', '1997-08-15', '--params']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: only \d+ repeat customers/);
    expect(r.stderr).toMatch(/warning: only \d+ days of history/);
  });
});

describe('orderlens selftest', () => {
  it('reproduces every published CDNOW number (exit 0)', async () => {
    const r = await orderlens(db, ['selftest']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.every((x) => x.result === 'PASS')).toBe(true);
    expect(rows.find((x) => x.model === 'BG/NBD' && x.quantity === 'log-likelihood')?.expected).toBe('-9582.4');
    expect(r.stderr).toMatch(/selftest: all \d+ checks passed/);
  });

  it('exits 1 and says FAIL when the data differ', async () => {
    // Drop every purchase of the last 200 customers: the fits move away from the published values.
    const lines = readFileSync(fixture('cdnow_sample.csv'), 'utf8').trim().split('\n');
    const file = path.join(dir, 'cdnow_cut.csv');
    writeFileSync(file, `${lines.filter((l, i) => i === 0 || Number(l.split(',')[0]) <= 2157).join('\n')}\n`);
    const r = await orderlens(db, ['selftest', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL');
    expect(r.stderr).toMatch(/orderlens: error: selftest: \d+ of \d+ checks FAILED/);
  });
});

describe('the demo shop as of 2025-07-01 (a flat Gamma-Gamma ridge)', () => {
  it('Gamma-Gamma converges: its q and γ trade off along a ridge where BFGS ran out of line search; Newton steps finish it', async () => {
    const demo = await demoDb();
    const r = await orderlens(demo, ['ltv', '--as-of', '2025-07-01']);
    expect(r.code, r.stderr).toBe(0);
    // the maximum the fit had before its rows were sorted canonically (830dd07), to the printed digits
    expect(r.stderr).toMatch(/Gamma-Gamma: p 3\.548 \(se 0\.508\), q 105\.2 \(se 61\.5\), gamma 3506\.9 \(se 2454\.1\); LL -1391\.05, AIC 2788\.10, 287 customers, converged/);
    expect(r.stderr).not.toMatch(/NOT converged|did not converge/);
  });
});
