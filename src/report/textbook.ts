/**
 * The lines of `orderlens ltv --method simple` and `--what-if` (the textbook lifetime value and what a retention
 * lift is worth): the lifetime it rests on, the shop's figure, how the lift maps onto the method, the what-if
 * table and its reading. The command computes and says them; the words are made here.
 */
import { formatDay, type EpochDay } from '../domain/day.js';
import { DAYS_PER_YEAR } from '../domain/horizon.js';
import { displayMoney, minorDigits } from '../domain/money.js';
import type { WhatIf, WhatIfResult } from '../analytics/what-if.js';
import type { HoldoutRow } from '../analytics/holdout-table.js';
import { CHURN_WINDOW_DAYS, MIN_CHURN_BASE, MIN_CHURN_HISTORY_DAYS, type SimpleLtvGroupRow, type YearlyChurn } from '../analytics/ltv-simple.js';
import type { Report } from '../output/report.js';
import { whatIfReport } from './ltv-simple.js';
import { said, type Said } from './said.js';

/** `--what-if retention+5%` and `--cost-per-customer`, parsed. */
export interface WhatIfRequest {
  /** Retention change as a fraction (0.05 = +5 points). */
  lift: number;
  /** The flag as given, for messages. */
  text: string;
  /** Cost of the retention effort per customer in the report currency (major units, as typed); null when not given. */
  costPerCustomer: number | null;
}

/** Why the yearly churn rate (the lifetime's base) cannot be measured as of `asOf`. */
export function noChurnRateReason(churn: YearlyChurn, asOf: EpochDay): Said {
  const start = formatDay(churn.start);
  const why =
    churn.missing === 'none_churned'
      ? said('ltvSimple.noneChurned', { base: churn.base, start, end: formatDay(asOf) })
      : churn.missing === 'no_gaps_at_start'
        ? said('ltvSimple.noGapsAtStart', { start })
        : said('ltvSimple.noHistory', { start, days: CHURN_WINDOW_DAYS, end: formatDay(asOf) });
  return said('ltvSimple.noChurnRate', { start, end: formatDay(asOf - 1), why });
}

/** The lifetime given with --lifetime (`flag`: the text as typed), in years. */
export function givenLifetimeNote(years: number, flag: string): Said {
  return said('ltvSimple.lifetimeGiven', { years: years.toFixed(2), lifetime: flag });
}

/** What the method is and how purchases a year are counted (`minSpanDays`: --min-span), said before its figures. */
export function textbookMethodNotes(minSpanDays: number): Said[] {
  return [said('ltvSimple.formula'), said('ltvSimple.perYear', { years: (minSpanDays / DAYS_PER_YEAR).toFixed(2) })];
}

/** The backtest in one line: the holdout period, predicted and actual purchase days, MAE (its `all` row). */
export function textbookHoldoutNote(all: HoldoutRow, days: number, calibrationEnd: EpochDay, asOf: EpochDay): Said {
  return said('ltvSimple.holdout', {
    from: formatDay(calibrationEnd + 1), to: formatDay(asOf - 1), days, predicted: all.predicted_purchases.toFixed(1), actual: all.actual_purchases, mae: all.mae_per_customer.toFixed(4),
  });
}

/** The lifetime measured from the yearly churn rate (`churn.rate` set), and what makes it doubtful. */
export function measuredLifetimeNotes(churn: YearlyChurn & { rate: number }, asOf: EpochDay): Said[] {
  const notes = [
    said('ltvSimple.lifetimeMeasured', {
      years: (1 / churn.rate).toFixed(2), rate: `${(churn.rate * 100).toFixed(1)}%`, base: churn.base, start: formatDay(churn.start), churned: churn.churned,
      end: formatDay(asOf), gStart: String(churn.thresholdStart), gEnd: String(churn.thresholdEnd),
    }),
  ];
  const doubts = [
    churn.base < MIN_CHURN_BASE ? said('ltvSimple.doubtBase', { base: churn.base, need: String(MIN_CHURN_BASE) }) : null,
    churn.historyBeforeStart < MIN_CHURN_HISTORY_DAYS ? said('ltvSimple.doubtHistory', { days: churn.historyBeforeStart, start: formatDay(churn.start), need: String(MIN_CHURN_HISTORY_DAYS) }) : null,
  ].filter((d) => d !== null);
  if (doubts.length === 2) notes.push(said('ltvSimple.uncertainBoth', { a: doubts[0], b: doubts[1] }));
  else if (doubts.length === 1) notes.push(said('ltvSimple.uncertain', { doubts: doubts[0] }));
  return notes;
}

/** The shop's textbook figure in one line: AOV × purchases a year × lifetime × margin × discount. */
export function textbookShopNote(shop: SimpleLtvGroupRow, currency: string, lifetimeYears: number, margin: number): Said {
  return said('ltvSimple.shop', {
    n: shop.customers, aov: displayMoney(shop.aov ?? 0, currency), perYear: shop.purchases_per_year.toFixed(2), years: lifetimeYears.toFixed(2), margin: `${(margin * 100).toFixed(0)}%`,
    factor: shop.discount_factor.toFixed(4), clv: displayMoney(shop.clv, currency), perCustomer: displayMoney(shop.clv_per_customer, currency),
  });
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

/** Why a what-if has no answer: the retention it starts from, or the one asked for, cannot be reached. */
export function whatIfRefusal(w: Extract<WhatIf, { status: 'unreachable' }>, request: WhatIfRequest): Said {
  if (!Number.isFinite(w.before)) return said('whatIf.noRetention', { change: request.text, model: MODEL_LABELS[w.method] });
  const how = w.method === 'simple' ? said('whatIf.howSimple') : said('whatIf.howModel', { model: MODEL_LABELS[w.method] });
  const p = { change: request.text, before: percent(w.before), target: percent(w.target), how, low: percent(w.low), high: percent(w.high) };
  return w.method === 'simple' ? said('whatIf.unreachableSimple', p) : said('whatIf.unreachable', p);
}

/** The what-if table (measure, unit, before, after, change, change_pct) and the lines said before it. */
export function whatIfLines(r: WhatIfResult, request: WhatIfRequest, currency: string, model: { params: readonly number[]; unit: string } | null): { notes: Said[]; report: Report } {
  const notes: Said[] = [mappingLine(r, model?.params ?? null, model?.unit ?? '')];
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
    notes.push(said('whatIf.noPurchases', { model: MODEL_LABELS[r.method] }));
  }
  if (!valued) {
    notes.push(said('whatIf.noSpend'));
    return { notes, report: whatIfReport(rows) };
  }
  if (r.valuedCustomers < r.customers) notes.push(said('whatIf.someUnvalued', { n: r.customers - r.valuedCustomers }));
  notes.push(
    said(r.extraRetained < 0 ? 'whatIf.marginFewer' : 'whatIf.margin', {
      horizon, before: displayMoney(r.before.margin, currency), after: displayMoney(r.after.margin, currency), change: signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0),
      more: r.extraRetained.toFixed(1), fewer: (-r.extraRetained).toFixed(1), each: r.marginPerRetained === null ? said('whatIf.noEach') : said('whatIf.each', { amount: displayMoney(r.marginPerRetained, currency) }),
    }),
  );
  if (request.lift === 0.05) {
    notes.push(said('whatIf.ruleOfThumb', { change: signedPercent(r.before.margin !== 0 ? gain / Math.abs(r.before.margin) : 0), horizon }));
  }
  notes.push(gain < 0 ? said('whatIf.noBreakEven', { n: r.customers, amount: displayMoney(-r.breakEvenCostPerCustomer, currency) }) : said('whatIf.breakEven', { n: r.customers, amount: displayMoney(r.breakEvenCostPerCustomer, currency) }));
  if (costPerCustomer !== null) {
    notes.push(said(gain > cost ? 'whatIf.pays' : 'whatIf.doesNotPay', { cost: displayMoney(costPerCustomer, currency), total: displayMoney(cost, currency), gain: displayMoney(gain, currency), net: displayMoney(gain - cost, currency) }));
  }
  return { notes, report: whatIfReport(rows) };
}
