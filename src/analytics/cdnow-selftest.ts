/**
 * The self-test: fits the models to the CDNOW sample (2,357 customers, calibration up to 1997-09-30, time in
 * weeks) and compares every published number (anchors-mission.md §d) with what this code computes.
 *
 * Tolerances: half a unit in the last published digit, except where the published sources themselves differ
 * by more than that — Pareto/NBD β (11.656 BTYD, 11.669 paper/lifetimes, 11.672 CLVTools; its standard
 * error is 6.2, so the likelihood is flat along it): ±0.02; Gamma-Gamma γ (15.44 CLVTools/BTYD, 15.45
 * lifetimes): ±0.01. Standard errors come from a numerical Hessian and are compared at 1% relative.
 */
import { dayFromCivil } from '../domain/day.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { fitGammaGamma, fitTransactionModel, TRANSACTION_MODELS, type ModelFit } from './models/fit-model.js';
import { spendData, summarizeBtyd, transactionData } from './ltv-summary.js';

/** A checked quantity the report layer names in the reader's language (the catalogue's `selftest.quantity.*`). */
export type SelftestWord = 'customers' | 'repeatTransactions' | 'repeatCustomers' | 'logLikelihood' | 'converged';
/** A source the report layer names (`selftest.source.*`); the others are citations, printed as they are. */
export type SelftestSourceWord = 'sample' | 'thisFit';

export interface SelftestRow {
  model: string;
  /** A quantity with words (its code), or a parameter or formula written as is: r, se(alpha), E[Y(39) | …]. */
  quantity: { word: SelftestWord } | { symbol: string };
  expected: number;
  computed: number;
  /** Largest accepted |computed − expected|. */
  tolerance: number;
  pass: boolean;
  source: { word: SelftestSourceWord } | { cite: string };
}

export const CDNOW_CALIBRATION_END = dayFromCivil(1997, 9, 30);

const FHL = 'Fader, Hardie & Lee 2005';

export function runCdnowSelftest(log: PurchaseLog): { rows: SelftestRow[]; fits: ModelFit[] } {
  const summary = summarizeBtyd(log, { end: CDNOW_CALIBRATION_END, unit: 'week' });
  const data = transactionData(summary);
  const bg = fitTransactionModel('bgnbd', data);
  const pnbd = fitTransactionModel('pnbd', data);
  const mbg = fitTransactionModel('mbgnbd', data);
  const gg = fitGammaGamma(spendData(summary, log.minorDigits).data);
  const rows: SelftestRow[] = [];
  // a quantity: its word's code, or { symbol }; a source: a citation, or { word }
  const add = (fit: ModelFit | string, what: SelftestWord | { symbol: string }, expected: number, computed: number, tolerance: number, from: string | { word: SelftestSourceWord }): void => {
    const model = typeof fit === 'string' ? fit : fit.label;
    const quantity = typeof what === 'string' ? { word: what } : what;
    const source = typeof from === 'string' ? { cite: from } : from;
    rows.push({ model, quantity, expected, computed, tolerance, pass: Math.abs(computed - expected) <= tolerance + 1e-12, source });
  };
  const param = (fit: ModelFit, name: string): number => fit.params[fit.paramNames.indexOf(name)];
  const se = (fit: ModelFit, name: string): number => fit.se[fit.paramNames.indexOf(name)] ?? NaN;

  add('CDNOW', 'customers', 2357, summary.x.length, 0, { word: 'sample' });
  add('CDNOW', 'repeatTransactions', 2457, summary.x.reduce((s, v) => s + v, 0), 0, 'BTYD cdnowSummary');
  add('CDNOW', 'repeatCustomers', 946, summary.x.reduce((s, v) => s + (v > 0 ? 1 : 0), 0), 0, 'lifetimes Quickstart');

  add(bg, { symbol: 'r' }, 0.243, param(bg, 'r'), 0.0005, FHL);
  add(bg, { symbol: 'alpha' }, 4.414, param(bg, 'alpha'), 0.0005, FHL);
  add(bg, { symbol: 'a' }, 0.793, param(bg, 'a'), 0.0005, FHL);
  add(bg, { symbol: 'b' }, 2.426, param(bg, 'b'), 0.0005, FHL);
  add(bg, 'logLikelihood', -9582.4, bg.logLikelihood, 0.05, FHL);
  for (const [name, v] of [['r', 0.0126], ['alpha', 0.378], ['a', 0.186], ['b', 0.705]] as const) add(bg, { symbol: `se(${name})` }, v, se(bg, name), v * 0.01, 'lifetimes Quickstart');
  add(bg, { symbol: 'E[Y(39) | x=2, t_x=30.43, T=38.86]' }, 1.226, TRANSACTION_MODELS.bgnbd.conditionalExpectedPurchases(bg.params, 2, 30.43, 38.86, 39), 0.0005, 'lifetimes tests (Hardie)');

  add(pnbd, { symbol: 'r' }, 0.553, param(pnbd, 'r'), 0.0005, FHL);
  add(pnbd, { symbol: 'alpha' }, 10.578, param(pnbd, 'alpha'), 0.0005, FHL);
  add(pnbd, { symbol: 's' }, 0.606, param(pnbd, 's'), 0.0005, FHL);
  add(pnbd, { symbol: 'beta' }, 11.669, param(pnbd, 'beta'), 0.02, FHL);
  add(pnbd, 'logLikelihood', -9595.0, pnbd.logLikelihood, 0.05, FHL);
  for (const [name, v] of [['r', 0.0476], ['alpha', 0.843], ['s', 0.187], ['beta', 6.211]] as const) add(pnbd, { symbol: `se(${name})` }, v, se(pnbd, name), v * 0.01, 'CLVTools tests');

  add(mbg, { symbol: 'r' }, 0.525, param(mbg, 'r'), 0.0005, 'BTYDplus (lifetimes tests)');
  add(mbg, { symbol: 'alpha' }, 6.183, param(mbg, 'alpha'), 0.0005, 'BTYDplus (lifetimes tests)');
  add(mbg, { symbol: 'a' }, 0.891, param(mbg, 'a'), 0.0005, 'BTYDplus (lifetimes tests)');
  add(mbg, { symbol: 'b' }, 1.614, param(mbg, 'b'), 0.0005, 'BTYDplus (lifetimes tests)');

  add(gg, 'customers', 946, gg.customers, 0, 'Fader & Hardie 2013');
  add(gg, { symbol: 'p' }, 6.25, param(gg, 'p'), 0.005, 'Fader & Hardie 2013');
  add(gg, { symbol: 'q' }, 3.74, param(gg, 'q'), 0.005, 'Fader & Hardie 2013');
  add(gg, { symbol: 'gamma' }, 15.44, param(gg, 'gamma'), 0.01, 'Fader & Hardie 2013');
  add(gg, 'logLikelihood', -4055.92, gg.logLikelihood, 0.005, 'CLVTools tests');

  for (const fit of [bg, pnbd, mbg, gg]) add(fit, 'converged', 1, fit.converged ? 1 : 0, 0, { word: 'thisFit' });
  return { rows, fits: [bg, pnbd, mbg, gg] };
}
