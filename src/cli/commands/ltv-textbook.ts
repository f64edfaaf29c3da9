/**
 * `orderlens ltv --method simple`: the textbook lifetime value (AOV × purchases per year × expected lifetime ×
 * margin × discount), per customer, per --by group, or as a --holdout backtest. Wiring only; the numbers come
 * from analytics/ltv-simple.ts. A helper of the ltv command (its only user).
 */
import { formatDay, formatMonth, monthIndex, parseDay, type EpochDay } from '../../domain/day.js';
import { DAYS_PER_YEAR } from '../../domain/horizon.js';
import { displayMoney } from '../../domain/money.js';
import type { PurchaseLog } from '../../domain/purchase-log.js';
import { DataError } from '../../errors.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import type { HoldoutRow } from '../../analytics/holdout-table.js';
import {
  CHURN_WINDOW_DAYS, simpleHoldout, simpleLtv, summarizeSimpleLtv, yearlyChurn, type SimpleLtvGroupRow, type SimpleLtvRow,
} from '../../analytics/ltv-simple.js';
import type { Column, Report } from '../../output/report.js';
import { emitReport, note, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { identityColumns, keepsContact } from '../../report/identity.js';

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
}

export const TEXTBOOK_HELP = `
--method simple: the textbook formula, CLV = AOV × purchases per year × expected remaining lifetime × margin ×
discount factor, each factor in its own column. AOV = net revenue / purchase days (orders on one local day count
once); purchases per year = purchase days / max(observed years, --min-span, default 1y), observed years = (the
day before --as-of − first purchase + 1 day) / 365.25; lifetime = --lifetime, or 1 / the yearly churn rate: of the
customers not churned 365 days before --as-of (orderlens churn's rule and defaults), the share churned at --as-of.
The discount factor spreads the purchases evenly over the lifetime in monthly steps, each discounted at its end.
Unlike the models it assumes every customer is still buying (it ignores who is already gone). Groups (--by):
aov = Σ(aov × purchases per year) / Σ purchases per year, purchases per year = the mean, so the product of the
columns is clv_per_customer; the last row, all, is the shop. --holdout: every customer buys at their yearly rate
for min(holdout, lifetime), in the model path's backtest table.`;

/** The expected remaining lifetime in years: given, or 1 / yearly churn as of `asOf` (said on stderr). */
function resolveLifetime(ctx: CliContext, log: PurchaseLog, asOf: EpochDay, settings: TextbookSettings, flags: TextbookFlags): number {
  if (settings.lifetimeDays !== null) {
    const years = settings.lifetimeDays / DAYS_PER_YEAR;
    note(ctx, `expected remaining lifetime ${years.toFixed(2)} years: given with --lifetime ${flags.lifetime}`);
    return years;
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
    `expected remaining lifetime ${years.toFixed(2)} years = 1 / yearly churn ${(churn.rate * 100).toFixed(1)}%: of ${churn.base} customers not churned on ${formatDay(churn.start)}, ${churn.churned} were churned on ${formatDay(asOf)} (orderlens churn's rule, G = ${churn.thresholdStart} and ${churn.thresholdEnd} days; or set --lifetime)`,
  );
  return years;
}

export function runTextbookLtv(ctx: CliContext, log: PurchaseLog, settings: TextbookSettings, flags: TextbookFlags): void {
  const calibrationEnd = settings.holdout ?? settings.asOf - 1;
  const lifetimeYears = resolveLifetime(ctx, log, calibrationEnd + 1, settings, flags);
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
    const seg = assignSegments(log, { asOf: calibrationEnd + 1, lang: flags.lang === 'zh' ? 'zh' : 'en' });
    note(ctx, 'segments: the RFM segments of `orderlens rfm` (default map), as of the same day');
    groups = summarizeSimpleLtv(simple.rows, (r) => (seg.segmentOfCustomer[r.index] >= 0 ? seg.labels[seg.segmentOfCustomer[r.index]] : '(none)'), seg.labels);
  } else groups = summarizeSimpleLtv(simple.rows, (r) => formatMonth(monthIndex(parseDay(r.first_order) ?? 0)));
  emitReport(ctx, groupTable([...groups, shop], log.currency, flags.by), flags);
}

const FACTOR_COLUMNS: Column[] = [
  col('aov'),
  col('purchases_per_year'),
  col('lifetime_years'),
  col('margin'),
  col('discount_factor'),
];

function customerTable(rows: SimpleLtvRow[], log: PurchaseLog): Report {
  const sorted = [...rows].sort((a, b) => b.clv - a.clv || b.revenue - a.revenue || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.index - b.index));
  const withContact = keepsContact(log.customers);
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(withContact, { customer_key: 'key' }),
      col('first_order'),
      col('last_order'),
      col('purchases'),
      col('revenue'),
      col('span_years'),
      ...FACTOR_COLUMNS,
      col('clv@simple'),
    ],
    rows: withContact ? sorted.map((r) => ({ ...r, contact: log.customers[r.index].clear })) : sorted,
  };
}

function groupTable(rows: SimpleLtvGroupRow[], currency: string, key: 'segment' | 'cohort'): Report {
  return {
    currency,
    columns: [
      col(key),
      col('customers'),
      col('purchases'),
      col('revenue'),
      ...FACTOR_COLUMNS,
      col('clv_per_customer@simple'),
      col('clv@simple_total'),
    ],
    rows: rows.map(({ group, ...rest }) => ({ [key]: group, ...rest })),
  };
}

/** The backtest table of every method (`ltv --holdout`). */
export function holdoutTable(rows: HoldoutRow[], title: string): Report {
  return {
    notes: [title],
    columns: [
      col('calibration_frequency'),
      col('customers'),
      col('actual_purchases'),
      col('predicted_purchases'),
      col('actual_per_customer'),
      col('predicted_per_customer'),
      col('mae_per_customer'),
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}
