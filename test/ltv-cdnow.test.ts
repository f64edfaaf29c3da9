/**
 * The CDNOW sample (fixtures/cdnow_sample.csv) against the published numbers, and — when the shared data
 * folder is present — the summary against the lifetimes reference summary file, customer by customer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDNOW_CALIBRATION_END, runCdnowSelftest } from '../src/analytics/cdnow-selftest.js';
import { spendData, summarizeBtyd, transactionData } from '../src/analytics/ltv-summary.js';
import { fitGammaGamma, fitTransactionModel, TRANSACTION_MODELS } from '../src/analytics/models/fit-model.js';
import { conditionalExpectedSpend } from '../src/analytics/models/gamma-gamma.js';
import { dayFromCivil } from '../src/domain/day.js';
import { parseCdnowLog } from '../src/import/cdnow-log.js';
import { repoRoot, sharedFile } from './shared-data.js';

const log = parseCdnowLog(readFileSync(path.join(repoRoot, 'fixtures', 'cdnow_sample.csv'), 'utf8'));
const END = dayFromCivil(1998, 6, 30);

describe('CDNOW sample', () => {
  it('has 2,357 customers and 6,696 customer-days after same-day merging', () => {
    expect(log.customers.length).toBe(2357);
    expect(log.day.length).toBe(6696);
  });

  const summary = summarizeBtyd(log, { end: END, calibrationEnd: CDNOW_CALIBRATION_END, unit: 'week' });

  it('calibration summary: 946 repeaters, Σx = 2,457, T from 27.0 to 38.86 weeks', () => {
    expect(summary.x.length).toBe(2357);
    expect(summary.x.reduce((s, v) => s + v, 0)).toBe(2457);
    expect(summary.x.filter((v) => v > 0).length).toBe(946);
    expect(Math.min(...summary.ageDays) / 7).toBeCloseTo(27.0, 2);
    expect(Math.max(...summary.ageDays) / 7).toBeCloseTo(38.86, 2);
    expect(summary.holdoutDays).toBe(273);
    // Customer 1: 1997-01-01, 01-18, 08-02 in calibration, 12-12 in the holdout.
    expect([summary.x[0], summary.recencyDays[0], summary.ageDays[0], summary.holdoutX[0]]).toEqual([2, 213, 272, 1]);
    expect(summary.spend[0]).toBeCloseTo((2973 + 1496) / 2, 9);
  });

  it('every published number passes the self-test', () => {
    const { rows } = runCdnowSelftest(log);
    const failed = rows.filter((r) => !r.pass);
    expect(failed).toEqual([]);
    expect(rows.length).toBeGreaterThan(30);
  });

  it('Gamma-Gamma conditional spend of the first ten customers (Hardie note 025, via lifetimes tests)', () => {
    const gg = fitGammaGamma(spendData(summary, 2).data);
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    for (let i = 0; i < 10; i++) {
      const m = Number.isNaN(summary.spend[i]) ? 0 : summary.spend[i] / 100;
      expect(Math.abs(conditionalExpectedSpend(gg.params, summary.x[i], m) - expected[i])).toBeLessThan(0.01);
    }
  });

  it('holdout, zero class: 334 of 1,411 bought in weeks 40–78; BG/NBD predicts 0.23 each, Pareto/NBD 0.14 (paper comparison)', () => {
    const data = transactionData(summary);
    const mean = (name: 'bgnbd' | 'pnbd'): number => {
      const fit = fitTransactionModel(name, data);
      let sum = 0;
      let n = 0;
      for (let i = 0; i < summary.x.length; i++) {
        if (summary.x[i] !== 0) continue;
        sum += TRANSACTION_MODELS[name].conditionalExpectedPurchases(fit.params, 0, 0, summary.ageDays[i] / 7, 39);
        n++;
      }
      return sum / n;
    };
    const zero = summary.x.reduce((acc, v, i) => (v === 0 ? [acc[0] + 1, acc[1] + summary.holdoutX[i]] : acc), [0, 0]);
    expect(zero).toEqual([1411, 334]);
    expect(mean('bgnbd')).toBeCloseTo(0.23, 2);
    expect(mean('pnbd')).toBeCloseTo(0.14, 2);
  });

  it('to 1997-02-01: Pareto/NBD at its limit s, β → ∞ (it printed s 94,621 with se 1.6e6 as converged), as likely as any interior point', () => {
    const cd = transactionData(summarizeBtyd(log, { end: dayFromCivil(1997, 1, 31), unit: 'week' }));
    const fit = fitTransactionModel('pnbd', cd);
    expect(fit.boundary).toBe('same_dropout_rate');
    expect(fit.toward).toEqual([null, null, 'infinity', 'infinity']);
    expect(fit.combined?.find((c) => c.name === 's/beta')?.value).toBeCloseTo(0.02253, 4);
    // the point the interior search stops at (s 65,977, β 2.9·10⁶, the log-SE of s 12) lies below it
    const interior = TRANSACTION_MODELS.pnbd.logLikelihood(Float64Array.from([0.46498218, 7.6926393, 65976.73, 2928761.3], Math.log), cd);
    expect(interior).toBeGreaterThan(fit.logLikelihood - 1e-6);
    expect(interior).toBeLessThanOrEqual(fit.logLikelihood);
  });
});

const reference = sharedFile('cdnow', 'cdnow_customers_summary_with_transactions.csv');
describe.skipIf(!reference)('CDNOW summary against the lifetimes reference file (shared data)', () => {
  it('x exactly, t_x, T and zbar to 2 decimals, for all 2,357 customers', () => {
    const rows = readFileSync(reference as string, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
    const summary = summarizeBtyd(log, { end: CDNOW_CALIBRATION_END, unit: 'week' });
    expect(rows.length).toBe(summary.x.length);
    const round2 = (v: number): number => Math.round(v * 100 + 1e-9) / 100;
    let mismatches = 0;
    rows.forEach(([id, x, tx, T, zbar]) => {
      const i = log.customers.findIndex((c) => c.key === String(id));
      const spend = Number.isNaN(summary.spend[i]) ? 0 : summary.spend[i] / 100;
      if (summary.x[i] !== x || round2(summary.recencyDays[i] / 7) !== tx || round2(summary.ageDays[i] / 7) !== T || round2(spend) !== zbar) mismatches++;
    });
    expect(mismatches).toBe(0);
  });
});
