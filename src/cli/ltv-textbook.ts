/**
 * `orderlens ltv --method simple`: the textbook lifetime value (AOV × purchases per year × expected lifetime ×
 * margin × discount), per customer, per --by group, or as a --holdout backtest. Wiring only; the numbers come
 * from analytics/ltv-simple.ts, the lines people read from report/textbook.ts. A helper of the ltv command (its
 * only user).
 */
import { formatDay, type EpochDay } from '../domain/day.js';
import { DAYS_PER_YEAR } from '../domain/horizon.js';
import { isAggregates, type CustomerData } from '../domain/aggregates.js';
import { DataError, UsageError } from '../errors.js';
import { assignSegments } from '../analytics/rfm-segments.js';
import { acquisitionMonth } from '../analytics/churn.js';
import { NO_GROUP } from '../analytics/cohorts.js';
import { whatIfSimple, type WhatIf } from '../analytics/what-if.js';
import { simpleHoldout, simpleLtv, summarizeSimpleLtv, yearlyChurn, type SimpleLtvGroupRow } from '../analytics/ltv-simple.js';
import { customerTable, groupTable, holdoutTable } from '../report/ltv-simple.js';
import {
  givenLifetimeNote, measuredLifetimeNotes, noChurnRateReason, textbookHoldoutNote, textbookMethodNotes, textbookShopNote, whatIfLines, whatIfRefusal, type WhatIfRequest,
} from '../report/textbook.js';
import { emitReport, note, type CliContext, type OutputFlags } from './options.js';
import { segmentLabels } from '../report/segment-names.js';
import { said } from '../report/said.js';
import { say } from '../report/messages.js';

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

export type { WhatIfRequest };

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
    note(ctx, givenLifetimeNote(years, flags.lifetime ?? ''));
    return { years, churnRate: 1 / years };
  }
  if (isAggregates(log)) {
    throw new UsageError(said('ltvSimple.summaryNeedsLifetime', { day: formatDay(asOf) }));
  }
  const churn = yearlyChurn(log, asOf);
  if (churn.rate === null) throw new DataError(noChurnRateReason(churn, asOf));
  const years = 1 / churn.rate;
  for (const n of measuredLifetimeNotes({ ...churn, rate: churn.rate }, asOf)) note(ctx, n);
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
  for (const n of textbookMethodNotes(settings.minSpanDays)) note(ctx, n);
  if (settings.whatIf !== undefined) {
    const w = whatIfSimple(simple.rows, churnRate, settings.discountPerDay, settings.whatIf.lift);
    emitWhatIf(ctx, w, settings.whatIf, log.currency, flags);
    return;
  }
  if (settings.holdout !== undefined) {
    const h = simpleHoldout(simple);
    const all = h.rows[h.rows.length - 1];
    note(ctx, textbookHoldoutNote(all, h.days, calibrationEnd, settings.asOf));
    emitReport(ctx, holdoutTable(h.rows, said('ltvHoldout.titleTextbook', { days: h.days, day: formatDay(calibrationEnd) })), flags);
    return;
  }
  // the total row in the table's language, as the groups' labels and pareto's `all` row (全部客户 under --lang zh)
  const [shop] = summarizeSimpleLtv(simple.rows, () => say(flags.lang === 'zh' ? 'zh' : 'en', 'pareto.all'));
  note(ctx, textbookShopNote(shop, log.currency, lifetimeYears, settings.margin));
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

/** The what-if table (measure, unit, before, after, change, change_pct) and its lines on stderr (made in report/textbook.ts). */
export function emitWhatIf(ctx: CliContext, w: WhatIf, request: WhatIfRequest, currency: string, flags: OutputFlags, model: { params: readonly number[]; unit: string } | null = null): void {
  if (w.status === 'unreachable') throw new DataError(whatIfRefusal(w, request));
  const { notes, report } = whatIfLines(w.result, request, currency, model);
  for (const n of notes) note(ctx, n);
  emitReport(ctx, report, flags);
}
