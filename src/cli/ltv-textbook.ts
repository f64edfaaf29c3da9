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
import { said, type Said } from '../report/said.js';

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
    note(ctx, said('ltvSimple.lifetimeGiven', { years: years.toFixed(2), lifetime: flags.lifetime ?? '' }));
    return { years, churnRate: 1 / years };
  }
  if (isAggregates(log)) {
    throw new UsageError(said('ltvSimple.summaryNeedsLifetime', { day: formatDay(asOf) }));
  }
  const churn = yearlyChurn(log, asOf);
  if (churn.rate === null) {
    const start = formatDay(churn.start);
    const why =
      churn.missing === 'none_churned'
        ? said('ltvSimple.noneChurned', { base: churn.base, start, end: formatDay(asOf) })
        : churn.missing === 'no_gaps_at_start'
          ? said('ltvSimple.noGapsAtStart', { start })
          : said('ltvSimple.noHistory', { start, days: CHURN_WINDOW_DAYS, end: formatDay(asOf) });
    throw new DataError(said('ltvSimple.noChurnRate', { start, end: formatDay(asOf - 1), why }));
  }
  const years = 1 / churn.rate;
  note(
    ctx,
    said('ltvSimple.lifetimeMeasured', {
      years: years.toFixed(2), rate: `${(churn.rate * 100).toFixed(1)}%`, base: churn.base, start: formatDay(churn.start), churned: churn.churned,
      end: formatDay(asOf), gStart: String(churn.thresholdStart), gEnd: String(churn.thresholdEnd),
    }),
  );
  const doubts = [
    churn.base < MIN_CHURN_BASE ? said('ltvSimple.doubtBase', { base: churn.base, need: String(MIN_CHURN_BASE) }) : null,
    churn.historyBeforeStart < MIN_CHURN_HISTORY_DAYS ? said('ltvSimple.doubtHistory', { days: churn.historyBeforeStart, start: formatDay(churn.start), need: String(MIN_CHURN_HISTORY_DAYS) }) : null,
  ].filter((d) => d !== null);
  if (doubts.length === 2) note(ctx, said('ltvSimple.uncertainBoth', { a: doubts[0], b: doubts[1] }));
  else if (doubts.length === 1) note(ctx, said('ltvSimple.uncertain', { doubts: doubts[0] }));
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
  if (simple.rows.length === 0) throw new DataError(said('ltvSimple.nothingToValue', { day: formatDay(calibrationEnd) }));
  note(ctx, said('ltvSimple.formula'));
  note(ctx, said('ltvSimple.perYear', { years: (settings.minSpanDays / DAYS_PER_YEAR).toFixed(2) }));
  if (settings.whatIf !== undefined) {
    const w = whatIfSimple(simple.rows, churnRate, settings.discountPerDay, settings.whatIf.lift);
    emitWhatIf(ctx, w, settings.whatIf, log.currency, flags);
    return;
  }
  if (settings.holdout !== undefined) {
    const h = simpleHoldout(simple);
    const all = h.rows[h.rows.length - 1];
    note(ctx, said('ltvSimple.holdout', { from: formatDay(calibrationEnd + 1), to: formatDay(settings.asOf - 1), days: h.days, predicted: all.predicted_purchases.toFixed(1), actual: all.actual_purchases, mae: all.mae_per_customer.toFixed(4) }));
    emitReport(ctx, holdoutTable(h.rows, said('ltvHoldout.titleTextbook', { days: h.days, day: formatDay(calibrationEnd) })), flags);
    return;
  }
  const [shop] = summarizeSimpleLtv(simple.rows, () => 'all');
  note(
    ctx,
    said('ltvSimple.shop', {
      n: shop.customers, aov: displayMoney(shop.aov ?? 0, log.currency), perYear: shop.purchases_per_year.toFixed(2), years: lifetimeYears.toFixed(2), margin: `${(settings.margin * 100).toFixed(0)}%`,
      factor: shop.discount_factor.toFixed(4), clv: displayMoney(shop.clv, log.currency), perCustomer: displayMoney(shop.clv_per_customer, log.currency),
    }),
  );
  if (flags.by === 'customer') {
    emitReport(ctx, customerTable(simple.rows, log), flags);
    return;
  }
  let groups: SimpleLtvGroupRow[];
  if (flags.by === 'segment') {
    const seg = assignSegments(log, { asOf: calibrationEnd + 1 });
    const labels = segmentLabels(seg.segments, flags.lang === 'zh' ? 'zh' : 'en');
    note(ctx, said('ltv.segmentsNote'));
    groups = summarizeSimpleLtv(simple.rows, (r) => (seg.segmentOfCustomer[r.index] >= 0 ? labels[seg.segmentOfCustomer[r.index]] : NO_GROUP), labels);
  } else groups = summarizeSimpleLtv(simple.rows, acquisitionMonth);
  emitReport(ctx, groupTable([...groups, shop], log.currency, flags.by), flags);
}

const MODEL_LABELS: Record<WhatIfResult['method'], string | Said> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD', simple: said('whatIf.textbook') };

function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** How the lift was mapped onto the method, in one line. */
function mappingLine(r: WhatIfResult, params: readonly number[] | null, unit: string): Said {
  const points = `${r.retentionAfter >= r.retentionBefore ? '+' : ''}${((r.retentionAfter - r.retentionBefore) * 100).toFixed(2)}`;
  if (r.method === 'simple') {
    return said('whatIf.mapSimple', {
      before: percent(r.parameterBefore), after: percent(r.parameterAfter), points, yearsBefore: (r.horizonDaysBefore / DAYS_PER_YEAR).toFixed(2), yearsAfter: (r.horizonDaysAfter / DAYS_PER_YEAR).toFixed(2),
    });
  }
  const a = params?.[2] ?? NaN;
  const dropout =
    r.method === 'pnbd'
      ? said('whatIf.dropoutRate', { before: (a / r.parameterBefore).toFixed(4), after: (a / r.parameterAfter).toFixed(4), unit: unit === 'day' || unit === 'week' ? said(`ltv.unit.${unit}`) : unit, factor: (r.parameterBefore / r.parameterAfter).toFixed(4) })
      : said('whatIf.dropoutProbability', { before: percent(a / (a + r.parameterBefore)), after: percent(a / (a + r.parameterAfter)) });
  return said('whatIf.mapModel', { model: MODEL_LABELS[r.method], parameter: r.parameter, before: r.parameterBefore.toPrecision(4), after: r.parameterAfter.toPrecision(4), dropout, points });
}

/** The what-if table (measure, unit, before, after, change, change_pct) and its lines on stderr. */
export function emitWhatIf(ctx: CliContext, w: WhatIf, request: WhatIfRequest, currency: string, flags: OutputFlags, model: { params: readonly number[]; unit: string } | null = null): void {
  if (w.status === 'unreachable' && !Number.isFinite(w.before)) {
    throw new DataError(said('whatIf.noRetention', { change: request.text, model: MODEL_LABELS[w.method] }));
  }
  if (w.status === 'unreachable') {
    const how = w.method === 'simple' ? said('whatIf.howSimple') : said('whatIf.howModel', { model: MODEL_LABELS[w.method] });
    const p = { change: request.text, before: percent(w.before), target: percent(w.target), how, low: percent(w.low), high: percent(w.high) };
    throw new DataError(w.method === 'simple' ? said('whatIf.unreachableSimple', p) : said('whatIf.unreachable', p));
  }
  const r = w.result;
  note(ctx, mappingLine(r, model?.params ?? null, model?.unit ?? ''));
  const major = Math.pow(10, minorDigits(currency));
  const horizon = r.method === 'simple' ? said('whatIf.horizonLifetime') : said('whatIf.horizonDays', { days: r.horizonDaysBefore.toFixed(2).replace(/\.00$/, '') });
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
    // a change that lowers margin has no break-even cost (a negative "cost" is not one): the cell stays empty
    { measure: 'break_even_cost_per_customer', unit: currency, change: gain < 0 ? null : money(r.breakEvenCostPerCustomer) },
  ];
  if (costPerCustomer !== null) {
    rows.push({ measure: 'retention_cost', unit: currency, change: -cost / major });
    rows.push({ measure: 'net_gain', unit: currency, change: money(gain - cost) });
  }
  if (!Number.isFinite(r.before.purchases) || !Number.isFinite(r.after.purchases)) {
    note(ctx, said('whatIf.noPurchases', { model: MODEL_LABELS[r.method] }));
  }
  if (!valued) {
    note(ctx, said('whatIf.noSpend'));
    emitReport(ctx, whatIfReport(rows), flags);
    return;
  }
  if (r.valuedCustomers < r.customers) note(ctx, said('whatIf.someUnvalued', { n: r.customers - r.valuedCustomers }));
  note(
    ctx,
    said(r.extraRetained < 0 ? 'whatIf.marginFewer' : 'whatIf.margin', {
      horizon, before: displayMoney(r.before.margin, currency), after: displayMoney(r.after.margin, currency), change: signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0),
      more: r.extraRetained.toFixed(1), fewer: (-r.extraRetained).toFixed(1), each: r.marginPerRetained === null ? said('whatIf.noEach') : said('whatIf.each', { amount: displayMoney(r.marginPerRetained, currency) }),
    }),
  );
  if (request.lift === 0.05) {
    note(ctx, said('whatIf.ruleOfThumb', { change: signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0), horizon }));
  }
  note(ctx, gain < 0 ? said('whatIf.noBreakEven', { n: r.customers, amount: displayMoney(-r.breakEvenCostPerCustomer, currency) }) : said('whatIf.breakEven', { n: r.customers, amount: displayMoney(r.breakEvenCostPerCustomer, currency) }));
  if (costPerCustomer !== null) {
    note(ctx, said(gain > cost ? 'whatIf.pays' : 'whatIf.doesNotPay', { cost: displayMoney(costPerCustomer, currency), total: displayMoney(cost, currency), gain: displayMoney(gain, currency), net: displayMoney(gain - cost, currency) }));
  }
  emitReport(ctx, whatIfReport(rows), flags);
}

