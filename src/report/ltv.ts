/** The reports of `orderlens ltv` (the fitted models): parameters, holdout, customers, group totals. */
import type { CustomerList } from '../domain/aggregates.js';
import { formatDay } from '../domain/day.js';
import type { HoldoutComparison, HoldoutCustomerRow, LtvCustomerRow, LtvFit, LtvGroupRow, LtvModelFit } from '../analytics/ltv.js';
import type { TimeUnit } from '../analytics/ltv-summary.js';
import type { ModelFit } from '../analytics/models/fit-model.js';
import type { Column, Report } from '../output/report.js';
import { col } from './columns.js';
import { customerDrop, identityColumns, keepsContact, oneStore } from './identity.js';
import { holdoutTable } from './ltv-simple.js';
import { say, type Lang } from './messages.js';
import { said, type Said } from './said.js';

/** How a fit ended, in the params table's words (`yes`, `no`, `boundary (no dropout seen)`; under zh in Chinese). */
export function convergence(f: ModelFit, lang: Lang = 'en'): string {
  if (f.boundary) return say(lang, 'ltv.params.boundary', { kind: say(lang, `fit.boundary.${f.boundary}`) });
  return say(lang, f.converged ? 'ltv.params.yes' : 'ltv.params.no');
}

/** Why a fit at a limit has empty estimates (ltv --params' notes): one note per part that ran off; none inside. */
function limitNotes(f: ModelFit, unit: TimeUnit, lang: Lang): Said[] {
  if (!f.converged || !f.boundary) return [];
  if (f.boundary === 'steady_spend') return [said('ltv.paramsSteadySpend')];
  if (f.boundary === 'same_spend_level') return [said('ltv.paramsSameSpendLevel')];
  const notes: Said[] = [];
  if (f.toward[0] !== null) notes.push(said('ltv.paramsOneRate', { model: f.label, unit: say(lang, `ltv.unit.${unit}`) }));
  if (f.toward[2] === 'zero' && f.toward[3] === 'free') notes.push(said('ltv.paramsNoDropout', { model: f.label, a: f.paramNames[2], b: f.paramNames[3] }));
  else if (f.toward[2] === 'zero') notes.push(said('ltv.paramsAllOrNone', { model: f.label }));
  else if (f.toward[2] === 'infinity' && f.model === 'pnbd') notes.push(said('ltv.paramsSameDropoutRate', { model: f.label, unit: say(lang, `ltv.unit.${unit}`) }));
  else if (f.toward[2] === 'infinity') notes.push(said('ltv.paramsSameDropout', { model: f.label }));
  return notes;
}

/**
 * The unit of an estimate in the params table: the time unit for the scales of the purchase and dropout rates
 * (α, β), the currency for Gamma-Gamma's γ and p·γ, its inverse for q/γ; none for the shapes (r, s, a, b, p, q:
 * pure numbers, which had the fit's time unit or `currency` beside them).
 */
function paramUnit(parameter: string, unit: TimeUnit, lang: Lang): string | null {
  if (parameter === 'alpha' || parameter === 'beta') return say(lang, `ltv.unit.${unit}`);
  if (parameter === 'gamma' || parameter === 'p*gamma') return say(lang, 'ltv.params.currency');
  if (parameter === 'q/gamma') return say(lang, 'ltv.params.perCurrency');
  if (parameter === 'r/alpha' || parameter === 's/beta') return `1/${say(lang, `ltv.unit.${unit}`)}`;
  return null;
}

/**
 * `ltv --params`: one row per model and parameter. `chosen` is `yes` only for a fit the predictions use: the
 * chosen transaction model and the spend model, each when it converged, and neither when ltv refuses.
 * Under `lang` zh the converged, chosen and unit cells are in Chinese (as churn's statuses).
 */
export function paramsReport(fit: LtvModelFit, lang: Lang = 'en'): Report {
  const fits = fit.spendFit ? [...fit.fits, fit.spendFit] : fit.fits;
  // a fit at a limit: why estimates are empty, and what stands in their place
  const notes = fits.flatMap((f) => limitNotes(f, fit.input.unit, lang));
  return {
    notes: notes.length > 0 ? notes : undefined,
    columns: [
      col('model'),
      col('parameter'),
      col('estimate', { significant: 8 }),
      col('se', { significant: 8 }),
      col('log_likelihood'),
      col('aic'),
      col('customers'),
      // `boundary (each customer either never drops out …)` wraps on a narrow terminal
      col('converged', { wrap: true }),
      col('chosen'),
      col('unit'),
    ],
    // a narrow terminal: the fit's log-likelihood, AIC and customers are on stderr already (one line per model)
    drop: ['log_likelihood', 'aic', 'customers', 'chosen'],
    rows: fits.flatMap((f) => {
      // a fit that did not converge: its rows say so, with no estimate (its numbers mean nothing); nor has a
      // parameter at a limit (a stand-in far towards it, or one the limit does not depend on): its combination has one
      const row = (parameter: string, estimate: number | null, se: number | null) => ({
        model: f.model,
        parameter,
        estimate: f.converged ? estimate : null,
        se: f.converged ? se : null,
        log_likelihood: f.converged ? f.logLikelihood : null,
        aic: f.converged ? f.aic : null,
        customers: f.customers,
        converged: convergence(f, lang),
        chosen: say(lang, !fit.refusal && f.converged && (f === fit.chosen || f === fit.spendFit) ? 'ltv.params.yes' : 'ltv.params.no'),
        unit: paramUnit(parameter, fit.input.unit, lang),
      });
      const rows = f.paramNames.map((name, i) => (f.toward[i] !== null ? row(name, null, null) : row(name, f.params[i], f.se[i])));
      for (const c of f.combined ?? []) rows.push(row(c.name, c.value, c.se));
      return rows;
    }),
  };
}

/**
 * `--holdout DATE --by customer`: lifetimes' calibration_and_holdout_data columns and the prediction, one row
 * per calibration customer in customer_key order (then platform, shop): the same order after a rebuild or
 * imports in another order, as lifetimes indexes its table by customer id.
 */
export function holdoutCustomerReport(unordered: HoldoutCustomerRow[], log: CustomerList, unit: TimeUnit): Report {
  const withContact = keepsContact(log.customers);
  const ref = (r: HoldoutCustomerRow) => log.customers[r.index];
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = [...unordered].sort((a, b) => byKey(ref(a).key, ref(b).key) || byKey(a.platform, b.platform) || byKey(a.shop, b.shop));
  return {
    currency: log.currency,
    notes: [said('ltvHoldout.customerUnits', { units: said(`ltv.units.${unit}`) })],
    columns: [
      ...identityColumns(withContact),
      col('frequency_cal'),
      col('recency_cal'),
      col('T_cal'),
      col('monetary_value_cal'),
      col('frequency_holdout'),
      col('monetary_value_holdout'),
      col('revenue_holdout'),
      col('duration_holdout'),
      col('predicted_purchases', { digits: 3 }),
    ],
    // the holdout's length is the same for everyone; then the time and money figures, keeping the counts
    drop: customerDrop(oneStore(rows.length, (i) => log.customers[rows[i].index]), ['duration_holdout', 'recency_cal', 'T_cal', 'monetary_value_cal', 'monetary_value_holdout', 'revenue_holdout']),
    rows: rows.map((r) => {
      const ref = log.customers[r.index];
      return { ...r, customer_key: ref.key, ...(withContact ? { contact: ref.clear } : {}) };
    }),
  };
}

export function holdoutReport(cmp: HoldoutComparison, fit: LtvFit): Report {
  return holdoutTable(cmp.rows, said('ltvHoldout.title', { model: fit.chosen.label, days: cmp.days, day: formatDay(fit.summary.calibrationEnd) }));
}

const INTERVAL_COLUMNS = (digits: number): Column[] => [
  col('expected_purchases_low', { digits }),
  col('expected_purchases_high', { digits }),
  col('clv_low'),
  col('clv_high'),
];

export function ltvCustomerReport(rows: LtvCustomerRow[], log: CustomerList, unit: TimeUnit, intervals: boolean): Report {
  const sorted = [...rows].sort((a, b) => (b.clv ?? -Infinity) - (a.clv ?? -Infinity) || b.revenue - a.revenue || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.index - b.index));
  const withContact = keepsContact(log.customers);
  return {
    currency: log.currency,
    columns: ltvCustomerColumns(unit, withContact, intervals),
    drop: customerDrop(oneStore(rows.length, (i) => log.customers[rows[i].index]), CUSTOMER_DROP),
    // the analytic's rows as they are (the columns pick and rename their fields); copied only to add contacts
    rows: withContact ? sorted.map((r) => ({ ...r, contact: log.customers[r.index].clear })) : sorted,
  };
}

/**
 * What a narrow terminal leaves out of the per-customer lifetime values after the identity columns: the intervals
 * (their totals are on stderr), the history the model read, then the parts of the value; clv stays.
 */
const CUSTOMER_DROP = [
  ['expected_purchases_low', 'expected_purchases_high'], ['clv_low', 'clv_high'], 'first_order', 'recency_weeks', 'recency_days', 'age_weeks', 'age_days',
  'frequency', 'expected_spend', 'last_order', 'revenue', 'expected_purchases',
] as const;

export function ltvCustomerColumns(unit: TimeUnit, withContact: boolean, intervals: boolean): Column[] {
  return [
      ...identityColumns(withContact, { customer_key: 'key' }),
      col('first_order'),
      col('last_order'),
      col('frequency@repeat'),
      col(unit === 'week' ? 'recency_weeks' : 'recency_days@btyd', { field: 'recency' }),
      col(unit === 'week' ? 'age_weeks' : 'age_days', { field: 'age' }),
      col('revenue'),
      col('p_alive'),
      col('expected_purchases'),
      col('expected_spend'),
      col('clv'),
      ...(intervals ? INTERVAL_COLUMNS(3) : []),
  ];
}

/** What a narrow terminal leaves out of a group summary first: the intervals (their totals are on stderr), then history. */
const GROUP_DROP = [['expected_purchases_low', 'expected_purchases_high'], ['clv_low', 'clv_high'], 'revenue', 'expected_purchases', 'p_alive'] as const;

export function ltvGroupReport(rows: LtvGroupRow[], currency: string, key: 'segment' | 'cohort', intervals: boolean): Report {
  return {
    currency,
    drop: GROUP_DROP,
    columns: [
      col(key),
      col('customers'),
      col('revenue'),
      col('expected_purchases@total'),
      col('p_alive@mean'),
      col('clv@total'),
      col('clv_per_customer'),
      ...(intervals ? INTERVAL_COLUMNS(1) : []),
    ],
    rows: rows.map((r) => ({
      [key]: r.group, customers: r.customers, revenue: r.revenue, expected_purchases: r.expected_purchases, p_alive: r.p_alive, clv: r.clv, clv_per_customer: r.clv_per_customer,
      expected_purchases_low: r.expected_purchases_low, expected_purchases_high: r.expected_purchases_high, clv_low: r.clv_low, clv_high: r.clv_high,
    })),
  };
}
