/**
 * The reports of `orderlens rfm` (segment totals, customers, one segment's campaign list, the score ranges);
 * the segment totals' columns serve `segments` and `demo` too.
 */
import type { CustomerList } from '../domain/aggregates.js';
import { formatDay } from '../domain/day.js';
import { formatMinor } from '../domain/money.js';
import { rfmCode, type FrequencyBasis, type MonetaryBasis, type RfmValues } from '../analytics/rfm.js';
import type { Segmentation } from '../analytics/rfm-segments.js';
import type { SegmentSummaryRow } from '../analytics/segment-summary.js';
import type { Column, Report } from '../output/report.js';
import { avgFrequencyCol, col, frequencyCol, monetaryCol, revenueCol } from './columns.js';
import { customerDrop, identityCells, identityColumns, oneStore } from './identity.js';
import { say, type Lang } from './messages.js';
import { said } from './said.js';

export const VARIABLES = [
  { key: 'r', name: 'recency_days' },
  { key: 'f', name: 'frequency' },
  { key: 'm', name: 'monetary' },
] as const;

/** What a narrow terminal leaves out of a segment summary first: the per-order figures, then the averages. */
export const SEGMENT_SUMMARY_DROP = ['aov', 'orders', 'avg_monetary', 'avg_frequency', 'avg_recency_days', 'share_customers', 'share_revenue'] as const;

export function segmentSummaryReport(rows: SegmentSummaryRow[], currency: string, values: RfmValues): Report {
  return {
    currency,
    columns: segmentSummaryColumns(values),
    drop: SEGMENT_SUMMARY_DROP,
    rows: rows.map((r) => ({ ...r })),
  };
}

export function segmentSummaryColumns(values: RfmValues): Column[] {
  return [
    col('segment'),
    col('customers'),
    col('share_customers'),
    revenueCol(values.monetaryBasis),
    col('share_revenue'),
    col('avg_recency_days'),
    avgFrequencyCol(values.frequencyBasis),
    col('avg_monetary'),
    col('orders'),
    col('aov'),
  ];
}

/** Row indexes of the values, by monetary value (highest first), then buyer key. */
function byMonetary(log: CustomerList, values: RfmValues, rows: number[]): number[] {
  const key = (i: number) => log.customers[values.customer[i]].key;
  return rows.sort((a, b) => values.monetary[b] - values.monetary[a] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
}

/** What a narrow terminal leaves out of a per-customer RFM table after the identity columns: the three scores (the code has them), the code. */
const CUSTOMER_DROP = [['r', 'f', 'm'], 'rfm', 'frequency', 'recency_days'] as const;

function customerColumns(values: RfmValues): Column[] {
  return [
    col('recency_days'),
    frequencyCol(values.frequencyBasis),
    monetaryCol(values.monetaryBasis),
    col('r'),
    col('f'),
    col('m'),
    col('rfm'),
    col('segment'),
  ];
}

function customerRow(log: CustomerList, seg: Segmentation, labels: string[], i: number): Record<string, string | number | null> {
  const v = seg.values;
  return {
    ...identityCells(log.customers[v.customer[i]]),
    recency_days: v.recencyDays[i],
    frequency: v.frequency[i],
    monetary: v.monetary[i],
    r: seg.scores.r.scores[i],
    f: seg.scores.f.scores[i],
    m: seg.scores.m.scores[i],
    rfm: rfmCode(seg.scores, i),
    segment: labels[seg.segmentOfRow[i]],
  };
}

export function rfmCustomerReport(log: CustomerList, seg: Segmentation, labels: string[]): Report {
  const rows = byMonetary(log, seg.values, Array.from({ length: seg.values.customer.length }, (_, i) => i));
  return {
    currency: log.currency,
    columns: [...identityColumns(rows.some((i) => log.customers[seg.values.customer[i]].clear !== null)), ...customerColumns(seg.values)],
    drop: customerDrop(oneStore(rows.length, (j) => log.customers[seg.values.customer[rows[j]]]), CUSTOMER_DROP),
    rows: rows.map((i) => customerRow(log, seg, labels, i)),
  };
}

/**
 * The customers of one segment with what a campaign needs: customer key, display, contact where kept. `labels`
 * are the rows' segment values (English unless --lang zh); `named` is the segment as the note says it (in the
 * reader's language: 重要挽留客户 on a Chinese terminal, not `Key win-back`).
 */
export function rfmCampaignReport(log: CustomerList, seg: Segmentation, labels: string[], index: number, named = labels[index]): Report {
  const v = seg.values;
  const members: number[] = [];
  for (let i = 0; i < v.customer.length; i++) if (seg.segmentOfRow[i] === index) members.push(i);
  const rows = byMonetary(log, v, members);
  const withContact = rows.some((i) => log.customers[v.customer[i]].clear !== null);
  const notes = [said('rfm.segmentCustomers', { n: rows.length, segment: named })];
  if (!withContact && rows.some((i) => log.customers[v.customer[i]].key.startsWith('h:'))) notes.push(said('rfm.noContact'));
  return {
    currency: log.currency,
    notes,
    columns: [
      ...identityColumns(withContact),
      col('last_order'),
      ...customerColumns(v),
    ],
    // every row has the segment the notes name: it goes first
    drop: customerDrop(oneStore(rows.length, (j) => log.customers[v.customer[rows[j]]]), ['segment', ...CUSTOMER_DROP]),
    rows: rows.map((i) => ({ ...customerRow(log, seg, labels, i), last_order: formatDay(v.lastDay[i]) })),
  };
}

/**
 * The value range of every score (what the bins actually are). Monetary in currency units. Under `lang` zh the
 * variable and the method are said in Chinese (the variable as its column is headed under --frequency and
 * --monetary); otherwise their stable codes.
 */
export function rfmEdgesReport(seg: Segmentation, log: CustomerList, lang: Lang, bases: { frequency: FrequencyBasis; monetary: MonetaryBasis }): Report {
  const rows: Record<string, string | number | null>[] = [];
  const total = seg.values.customer.length;
  const variableName = { r: col('recency_days').zh, f: frequencyCol(bases.frequency).zh, m: monetaryCol(bases.monetary).zh };
  for (const v of VARIABLES) {
    const s = seg.scores[v.key];
    const unit = (x: number | null) => (x === null ? null : v.key === 'm' ? Number(formatMinor(x, log.minorDigits)) : x);
    for (const u of s.usage) {
      rows.push({
        variable: lang === 'zh' ? (variableName[v.key] ?? v.name) : v.name,
        method: lang === 'zh' ? say('zh', s.method === 'fixed' ? 'rfm.method.fixed' : 'rfm.method.quantile') : s.method,
        score: u.score,
        customers: u.customers,
        share_customers: total > 0 ? u.customers / total : null,
        min: unit(u.min),
        max: unit(u.max),
        // the table's decimal places for this row's min and max (not a column): days and orders whole, money in cents
        digits: v.key === 'm' ? log.minorDigits : 0,
      });
    }
  }
  return {
    currency: log.currency,
    notes: [said('rfm.edgesScale', { bins: seg.scores.bins, currency: log.currency })],
    columns: [
      col('variable'),
      col('method'),
      col('score'),
      col('customers'),
      col('share_customers'),
      col('min', { digits: log.minorDigits, rowDigits: 'digits' }),
      col('max', { digits: log.minorDigits, rowDigits: 'digits' }),
    ],
    rows,
  };
}
