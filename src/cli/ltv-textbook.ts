/**
 * `orderlens ltv --method simple`: the textbook lifetime value (AOV × purchases per year × expected lifetime ×
 * margin × discount), per customer, per --by group, or as a --holdout backtest. Wiring only; the numbers come
 * from analytics/ltv-simple.ts. A helper of the ltv command (its only user).
 */
import { formatDay, type EpochDay } from '../domain/day.js';
import { DAYS_PER_YEAR } from '../domain/horizon.js';
import { displayMoney, minorDigits } from '../domain/money.js';
import { isAggregates, type CustomerData } from '../domain/aggregates.js';
import { DataError, UsageError } from '../errors.js';
import { assignSegments } from '../analytics/rfm-segments.js';
import { acquisitionMonth } from '../analytics/churn.js';
import { NO_GROUP } from '../analytics/cohorts.js';
import { whatIfSimple, type WhatIf, type WhatIfResult } from '../analytics/what-if.js';
import {
  CHURN_WINDOW_DAYS, MIN_CHURN_BASE, MIN_CHURN_HISTORY_DAYS, simpleHoldout, simpleLtv, summarizeSimpleLtv, yearlyChurn, type SimpleLtvGroupRow,
} from '../analytics/ltv-simple.js';
import { customerTable, groupTable, holdoutTable, whatIfReport } from '../report/ltv-simple.js';
import { emitReport, note, type CliContext, type OutputFlags } from './options.js';
import { segmentLabels } from '../report/segment-names.js';

export interface TextbookFlags extends OutputFlags {
  by: 'customer' | 'segment' | 'cohort';
  lifetime?: string;
}

export interface TextbookSettings {
  asOf: EpochDay;
  /** The last calibration day with --holdout. */
  holdout?: EpochDay;
  /** --lifetime in days, when given. */
  lifetimeDays: number | null;
  minSpanDays: number;
  margin: number;
  discountPerDay: number;
  whatIf?: WhatIfRequest;
}

/** `--what-if retention+5%` and `--cost-per-customer`, parsed. */
export interface WhatIfRequest {
  /** Retention change as a fraction (0.05 = +5 points). */
  lift: number;
  /** The flag as given, for messages. */
  text: string;
  /** Cost of the retention effort per customer in the report currency (major units, as typed); null when not given. */
  costPerCustomer: number | null;
}

/** `retention+5%`, `retention+0.05`, `retention-5%` → ±0.05; null when unreadable. */
export function parseRetentionLift(text: string): number | null {
  const m = /^\s*retention\s*([+-])\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/i.exec(text);
  if (!m) return null;
  const size = Number(m[2]) / (m[3] === '%' ? 100 : 1);
  if (!(size < 1)) return null;
  return m[1] === '-' ? -size : size;
}

/**
 * The expected remaining lifetime in years and the yearly churn rate it stands for: given (churn = 1 /
 * lifetime), or 1 / yearly churn as of `asOf` (said on stderr).
 */
function resolveLifetime(ctx: CliContext, log: CustomerData, asOf: EpochDay, settings: TextbookSettings, flags: TextbookFlags): { years: number; churnRate: number } {
  if (settings.lifetimeDays !== null) {
    const years = settings.lifetimeDays / DAYS_PER_YEAR;
    note(ctx, `expected remaining lifetime ${years.toFixed(2)} years: given with --lifetime ${flags.lifetime}`);
    return { years, churnRate: 1 / years };
  }
  if (isAggregates(log)) {
    throw new UsageError(`--method simple measures the yearly churn rate over the year before ${formatDay(asOf)}, which a summary as of one day cannot give: set the expected lifetime with --lifetime, e.g. --lifetime 3y`);
  }
  const churn = yearlyChurn(log, asOf);
  const window = `${formatDay(churn.start)} to ${formatDay(asOf - 1)}`;
  if (churn.rate === null) {
    const why =
      churn.missing === 'none_churned'
        ? `none of the ${churn.base} customers who were not churned on ${formatDay(churn.start)} churned by ${formatDay(asOf)}, so 1 / churn is unbounded`
        : churn.missing === 'no_gaps_at_start'
          ? `no customer had two purchase days before ${formatDay(churn.start)}, so orderlens churn has no churn line on that day`
          : `no customer bought before ${formatDay(churn.start)} (${CHURN_WINDOW_DAYS} days before ${formatDay(asOf)}), so a yearly churn rate cannot be measured`;
    throw new DataError(`--method simple needs a yearly churn rate over ${window}: ${why}; give the expected lifetime with --lifetime, e.g. --lifetime 3y`);
  }
  const years = 1 / churn.rate;
  note(
    ctx,
    `expected remaining lifetime ${years.toFixed(2)} years = 1 / yearly churn ${(churn.rate * 100).toFixed(1)}%: of ${churn.base} customers not churned on ${formatDay(churn.start)}, ${churn.churned} were churned on ${formatDay(asOf)} (the rule of orderlens churn, G = ${churn.thresholdStart} and ${churn.thresholdEnd} days; or set --lifetime)`,
  );
  const doubts = [
    churn.base < MIN_CHURN_BASE ? `only ${churn.base} customers in its base (fewer than ${MIN_CHURN_BASE})` : '',
    churn.historyBeforeStart < MIN_CHURN_HISTORY_DAYS ? `only ${churn.historyBeforeStart} days of purchases before ${formatDay(churn.start)} to judge who was churned then (less than ${MIN_CHURN_HISTORY_DAYS})` : '',
  ].filter((d) => d !== '');
  if (doubts.length > 0) note(ctx, `warning: the yearly churn rate is uncertain: ${doubts.join(', and ')}; give --lifetime if you know the lifetime better`);
  return { years, churnRate: churn.rate };
}

export function runTextbookLtv(ctx: CliContext, log: CustomerData, settings: TextbookSettings, flags: TextbookFlags): void {
  const calibrationEnd = settings.holdout ?? settings.asOf - 1;
  const { years: lifetimeYears, churnRate } = resolveLifetime(ctx, log, calibrationEnd + 1, settings, flags);
  const simple = simpleLtv(log, {
    asOf: settings.asOf,
    calibrationEnd,
    lifetimeYears,
    minSpanDays: settings.minSpanDays,
    margin: settings.margin,
    discountPerDay: settings.discountPerDay,
  });
  if (simple.rows.length === 0) throw new DataError(`no customer has a counted purchase on or before ${formatDay(calibrationEnd)}: nothing to value (check --as-of and the filters)`);
  note(ctx, 'the textbook formula: CLV = AOV × purchases per year × expected lifetime × margin × discount; it assumes every customer is still buying (the model-based ltv, without --method, weighs each by P(alive))');
  note(ctx, `purchases per year = purchase days / max(observed years, ${(settings.minSpanDays / DAYS_PER_YEAR).toFixed(2)}-year minimum span, set with --min-span)`);
  if (settings.whatIf !== undefined) {
    const w = whatIfSimple(simple.rows, churnRate, settings.discountPerDay, settings.whatIf.lift);
    emitWhatIf(ctx, w, settings.whatIf, log.currency, flags);
    return;
  }
  if (settings.holdout !== undefined) {
    const h = simpleHoldout(simple);
    const all = h.rows[h.rows.length - 1];
    note(ctx, `holdout: ${formatDay(calibrationEnd + 1)} to ${formatDay(settings.asOf - 1)} (${h.days} days); textbook: predicted ${all.predicted_purchases.toFixed(1)} vs actual ${all.actual_purchases} purchase days, MAE per customer ${all.mae_per_customer.toFixed(4)}`);
    emitReport(ctx, holdoutTable(h.rows, `textbook predictions over the ${h.days}-day holdout, by calibration frequency (repeat purchase days up to ${formatDay(calibrationEnd)})`), flags);
    return;
  }
  const [shop] = summarizeSimpleLtv(simple.rows, () => 'all');
  note(
    ctx,
    `shop: ${shop.customers} customers, AOV ${displayMoney(shop.aov ?? 0, log.currency)}, ${shop.purchases_per_year.toFixed(2)} purchases a year, lifetime ${lifetimeYears.toFixed(2)} years, margin ${(settings.margin * 100).toFixed(0)}%, discount factor ${shop.discount_factor.toFixed(4)}: CLV ${displayMoney(shop.clv, log.currency)} (${displayMoney(shop.clv_per_customer, log.currency)} per customer)`,
  );
  if (flags.by === 'customer') {
    emitReport(ctx, customerTable(simple.rows, log), flags);
    return;
  }
  let groups: SimpleLtvGroupRow[];
  if (flags.by === 'segment') {
    const seg = assignSegments(log, { asOf: calibrationEnd + 1 });
    const labels = segmentLabels(seg.segments, flags.lang === 'zh' ? 'zh' : 'en');
    note(ctx, 'segments: the RFM segments of `orderlens rfm` (default map), as of the same day');
    groups = summarizeSimpleLtv(simple.rows, (r) => (seg.segmentOfCustomer[r.index] >= 0 ? labels[seg.segmentOfCustomer[r.index]] : NO_GROUP), labels);
  } else groups = summarizeSimpleLtv(simple.rows, acquisitionMonth);
  emitReport(ctx, groupTable([...groups, shop], log.currency, flags.by), flags);
}

const MODEL_LABELS: Record<WhatIfResult['method'], string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD', simple: 'the textbook method' };

function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** How the lift was mapped onto the method, in one line. */
function mappingLine(r: WhatIfResult, params: readonly number[] | null, unit: string): string {
  const points = `${r.retentionAfter >= r.retentionBefore ? '+' : ''}${((r.retentionAfter - r.retentionBefore) * 100).toFixed(2)} points`;
  if (r.method === 'simple') {
    return `what-if: yearly churn ${percent(r.parameterBefore)} → ${percent(r.parameterAfter)} (retention ${points}), so the expected lifetime 1 / churn goes from ${(r.horizonDaysBefore / DAYS_PER_YEAR).toFixed(2)} to ${(r.horizonDaysAfter / DAYS_PER_YEAR).toFixed(2)} years; every customer is assumed to stay that long (the textbook), values are over the lifetime`;
  }
  const a = params?.[2] ?? NaN;
  const dropout =
    r.method === 'pnbd'
      ? `mean dropout rate s/β ${(a / r.parameterBefore).toFixed(4)} → ${(a / r.parameterAfter).toFixed(4)} per ${unit}; every dropout rate × ${(r.parameterBefore / r.parameterAfter).toFixed(4)}`
      : `mean dropout probability per purchase a/(a+b) ${percent(a / (a + r.parameterBefore))} → ${percent(a / (a + r.parameterAfter))}`;
  return `what-if: ${MODEL_LABELS[r.method]} ${r.parameter} ${r.parameterBefore.toPrecision(4)} → ${r.parameterAfter.toPrecision(4)} (${dropout}) so that one-year retention (the expected share of the customers alive now still alive 365.25 days later) moves ${points}; P(alive) now is kept for every customer`;
}

/** The what-if table (measure, unit, before, after, change, change_pct) and its lines on stderr. */
export function emitWhatIf(ctx: CliContext, w: WhatIf, request: WhatIfRequest, currency: string, flags: OutputFlags, model: { params: readonly number[]; unit: string } | null = null): void {
  if (w.status === 'unreachable' && !Number.isFinite(w.before)) {
    throw new DataError(`--what-if ${request.text}: the ${MODEL_LABELS[w.method]} fit gives no one-year retention (its parameters are unusable: see the warnings above); try another --model, or --method simple`);
  }
  if (w.status === 'unreachable') {
    const how = w.method === 'simple' ? 'the yearly churn rate' : `the dropout parameter of ${MODEL_LABELS[w.method]}`;
    throw new DataError(
      `--what-if ${request.text}: retention ${percent(w.before)} cannot become ${percent(w.target)} by changing ${how}; it reaches ${percent(w.low)} to ${percent(w.high)}${w.method === 'simple' ? ' (churn must stay above 0)' : ''}: try a smaller change`,
    );
  }
  const r = w.result;
  note(ctx, mappingLine(r, model?.params ?? null, model?.unit ?? ''));
  const major = Math.pow(10, minorDigits(currency));
  const horizon = r.method === 'simple' ? 'the expected lifetime' : `the horizon (${(r.horizonDaysBefore).toFixed(2).replace(/\.00$/, '')} days)`;
  const gain = r.after.margin - r.before.margin;
  const change = (before: number, after: number) => ({ before, after, change: after - before, change_pct: before !== 0 ? (after - before) / Math.abs(before) : null });
  // without an expected spend (no spend model) there is no revenue or margin to stand behind: those cells stay empty
  const valued = r.valuedCustomers > 0;
  const money = (v: number | null) => (valued && v !== null ? v / major : null);
  const costPerCustomer = request.costPerCustomer === null ? null : Math.round(request.costPerCustomer * major);
  const cost = costPerCustomer === null ? 0 : costPerCustomer * r.customers;
  const rows: Record<string, string | number | null>[] = [
    { measure: 'one_year_retention', unit: '%', ...change(r.retentionBefore * 100, r.retentionAfter * 100) },
    { measure: 'customers_retained_a_year', unit: 'customers', ...change(r.retentionBefore * r.aliveCustomers, r.retentionAfter * r.aliveCustomers) },
    { measure: 'expected_purchases', unit: 'purchase days', ...change(r.before.purchases, r.after.purchases) },
    valued ? { measure: 'revenue', unit: currency, ...change(r.before.revenue / major, r.after.revenue / major) } : { measure: 'revenue', unit: currency },
    valued ? { measure: 'margin', unit: currency, ...change(r.before.margin / major, r.after.margin / major) } : { measure: 'margin', unit: currency },
    { measure: 'margin_per_retained_customer', unit: currency, change: money(r.marginPerRetained) },
    { measure: 'break_even_cost_per_customer', unit: currency, change: money(r.breakEvenCostPerCustomer) },
  ];
  if (costPerCustomer !== null) {
    rows.push({ measure: 'retention_cost', unit: currency, change: -cost / major });
    rows.push({ measure: 'net_gain', unit: currency, change: money(gain - cost) });
  }
  if (!Number.isFinite(r.before.purchases) || !Number.isFinite(r.after.purchases)) {
    note(ctx, `${MODEL_LABELS[r.method]} gives no expected purchases at these parameters (a fit at a boundary: see the warnings above), so purchases and money are left empty; try another --model`);
  }
  if (!valued) {
    note(ctx, 'no customer has an expected spend (the spend model could not be fitted): revenue, margin and the break-even cost are left empty');
    emitReport(ctx, whatIfReport(rows), flags);
    return;
  }
  if (r.valuedCustomers < r.customers) note(ctx, `${r.customers - r.valuedCustomers} customers without an expected spend are left out of revenue and margin`);
  note(
    ctx,
    `over ${horizon}: margin ${displayMoney(r.before.margin, currency)} → ${displayMoney(r.after.margin, currency)} (${signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0)}); ${r.extraRetained.toFixed(1)} more customers still buying a year from now, ${r.marginPerRetained === null ? 'no margin per retained customer' : `${displayMoney(r.marginPerRetained, currency)} each`}`,
  );
  if (request.lift === 0.05) {
    note(ctx, `the rule of thumb "+5% retention → +25–85% profit" (read as 5 points): for this shop ${signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0)} over ${horizon}`);
  }
  note(ctx, `break-even: a retention effort spent on all ${r.customers} customers pays while it costs less than ${displayMoney(r.breakEvenCostPerCustomer, currency)} per customer (margin change / customers)`);
  if (costPerCustomer !== null) {
    note(ctx, `at ${displayMoney(costPerCustomer, currency)} per customer the effort costs ${displayMoney(cost, currency)} and returns ${displayMoney(gain, currency)}: ${gain > cost ? 'it pays' : 'it does not pay'} (net ${displayMoney(gain - cost, currency)})`);
  }
  emitReport(ctx, whatIfReport(rows), flags);
}

