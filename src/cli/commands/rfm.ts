/**
 * `orderlens rfm`: recency, frequency and monetary value per customer, scores 1..k, segments (the built-in
 * 11-segment map, a custom JSON map, or the Chinese eight-class model), and campaign lists of one segment.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { NO_AMOUNTS, displayMoney } from '../../domain/money.js';
import type { CustomerList } from '../../domain/aggregates.js';
import { addSummaryOption } from '../aggregate-input.js';
import { DataError, errorSaid, UsageError } from '../../errors.js';
import { said, type Said } from '../../report/said.js';
import { computeRfm, type FrequencyBasis, type MonetaryBasis, type Scoring, type VariableScores } from '../../analytics/rfm.js';
import { parseSegmentMap, segmentRfm, type Cn8Split, type SegmentMap, type SegmentScheme, type Segmentation } from '../../analytics/rfm-segments.js';
import { summarizeSegments } from '../../analytics/segment-summary.js';
import type { Lang } from '../../report/messages.js';
import { findSegmentIndex, segmentLabel } from '../../report/segment-names.js';
import { rfmCampaignReport, rfmCustomerReport, rfmEdgesReport, segmentSummaryReport, VARIABLES } from '../../report/rfm.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseIntFlag, parseNumberFlag, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { noCustomerBefore, withCustomerData } from '../with-purchase-log.js';

interface RfmFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  bins?: string;
  scoring: 'quantile' | 'fixed';
  rEdges?: string;
  fEdges?: string;
  mEdges?: string;
  showEdges?: boolean;
  frequency: FrequencyBasis;
  monetary: MonetaryBasis;
  segments?: string;
  scheme: SegmentScheme;
  split?: Cn8Split;
  by: 'segment' | 'customer';
  segment?: string;
  summary?: string;
}

const HELP = `
Values, as of --as-of (exclusive: purchases on earlier days count; default the day after the last order):
  recency_days = as-of − last purchase day; frequency = counted orders (--frequency days: distinct purchase
  days); monetary = net revenue (--monetary gross: before refunds). Cancelled, unpaid and fully refunded
  orders never count.

Scores 1..k (--bins, default 5; 5 = best; recency reversed: fewer days score higher).
  quantile (default): ntiles. With the n values sorted, cut points c_j = the ⌈j·n/k⌉-th value (j = 1..k−1) and
  score = 1 + the number of cut points the value exceeds. Tie rule: equal values always get the same score, the
  score of the lowest position their group occupies (ties go down, never up). When a large tie group spans
  several ntiles the scores in between stay empty: stderr says so; --show-edges prints the value range of
  every score.
  fixed: --scoring fixed --r-edges 30,60,90,180 --f-edges 1,2,4,8 --m-edges 100,300,1000,3000 (k−1 increasing
  thresholds each; a value equal to a threshold falls in the lower bin; --m-edges in currency units). An edge
  flag without --scoring fixed fixes only that variable.

Segments (--scheme default): R level × fm = (F + M)/2 on a 5-level scale (other k are mapped onto it:
level = 1 + round((s−1)·4/(k−1))). Every score combination falls in exactly one segment:
  R 5: fm ≤ 1.5 New (新客户) · 2–3.5 Potential loyalist (潜在忠诚客户) · ≥ 4 Champions (冠军客户)
  R 4: fm ≤ 1.5 Promising (有潜力客户) · 2–3.5 Potential loyalist · 4 Loyal (忠诚客户) · ≥ 4.5 Champions
  R 3: fm ≤ 2 About to sleep (即将沉睡客户) · 2.5–3.5 Need attention (需要关注客户) · ≥ 4 Loyal
  R 2: fm ≤ 2 Hibernating (休眠客户) · 2.5–4 At risk (有流失风险客户) · ≥ 4.5 Can't lose (不能失去的客户)
  R 1: fm ≤ 2 Lost (已流失客户) · 2.5–3.5 Hibernating · 4 At risk · ≥ 4.5 Can't lose
  --segments FILE.json: your own map, e.g. {"bins": 5, "segments": [{"name": "VIP", "zh": "贵宾",
  "r": [4, 5], "fm": [4, 5]}, {"name": "Others", "rules": [{"r": [1, 3]}, {"r": [4, 5], "fm": [1, 3.5]}]}]};
  overlapping or uncovered score combinations are errors.
--scheme cn8: each of R, F, M is high or low against its mean (--split median: median); high means
  recency_days < split, frequency > split, monetary > split (a value equal to the split is low):
  R F M high/high/high 重要价值客户 Key value · high/low/high 重要发展客户 Key development
  low/high/high 重要保持客户 Key retention · low/low/high 重要挽留客户 Key win-back
  high/high/low 一般价值客户 General value · high/low/low 一般发展客户 General development
  low/high/low 一般保持客户 General retention · low/low/low 一般挽留客户 General win-back
--lang zh: segment names in Chinese in every format, Chinese table and CSV headers (a Chinese LANG gives
Chinese tables only; CSV stays English).

Output: one row per segment, sorted by revenue (--by customer: one row per customer). --segment NAME: the
customers of one segment (English or Chinese name) with customer_key, display form, and contact where the
database keeps personal data (import --keep-pii) — a campaign list for --out FILE.csv.

Examples:
  orderlens rfm --as-of 2025-01-01
  orderlens rfm --by customer --bins 3 --format csv
  orderlens rfm --scheme cn8 --split median --lang zh
  orderlens rfm --segment "At risk" --out at-risk.csv
  orderlens rfm --show-edges`;

export function rfmCommand(ctx: CliContext): Command {
  const cmd = new Command('rfm').description('RFM scores and segments per customer: who are the best customers, who is slipping away');
  cmd
    .option('--bins <k>', 'scores per variable, 2..9 (default 5, or from the edges)')
    .addOption(new Option('--scoring <method>', 'quantile bins or fixed thresholds').choices(['quantile', 'fixed']).default('quantile'))
    .option('--r-edges <days>', 'fixed recency thresholds in days, e.g. 30,60,90,180')
    .option('--f-edges <counts>', 'fixed frequency thresholds, e.g. 1,2,4,8')
    .option('--m-edges <amounts>', 'fixed monetary thresholds in currency units, e.g. 100,300,1000,3000')
    .option('--show-edges', 'print the value range of every score instead of the report')
    .addOption(new Option('--frequency <basis>', 'count orders or distinct purchase days').choices(['orders', 'days']).default('orders'))
    .addOption(new Option('--monetary <basis>', 'revenue net of refunds or gross').choices(['net', 'gross']).default('net'))
    .option('--segments <file>', 'custom segment map (JSON)')
    .addOption(new Option('--scheme <scheme>', 'segment scheme').choices(['default', 'cn8']).default('default'))
    .addOption(new Option('--split <split>', 'cn8: split R, F, M at the mean or the median').choices(['mean', 'median']))
    .addOption(new Option('--by <grouping>', 'one row per segment or per customer').choices(['segment', 'customer']).default('segment'))
    .option('--segment <name>', 'list the customers of one segment (campaign list)')
    .addHelpText('after', HELP);
  addSummaryOption(addAsOfOption(addFilterOptions(addOutputOptions(cmd)))).action(async (flags: RfmFlags) => {
    const plan = planRfm(flags);
    const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
    await withCustomerData(ctx, flags, ({ log, asOf }) => {
      const values = computeRfm(log, { asOf, frequency: flags.frequency, monetary: flags.monetary });
      if (values.customer.length === 0) throw noCustomerBefore(asOf);
      const seg = segmentRfm(values, { ...plan.scoring(log), scheme: flags.scheme, map: plan.map, split: flags.split });
      // cn8 classes do not use the scores: their bins matter only where scores are printed.
      const scoresShown = flags.scheme === 'default' || flags.by === 'customer' || flags.segment !== undefined || flags.showEdges === true;
      describeSegmentation(ctx, seg, log, plan.map, scoresShown);
      if (flags.showEdges) {
        emitReport(ctx, rfmEdgesReport(seg, log), flags);
        return;
      }
      const labels = seg.segments.map((s) => segmentLabel(s, lang));
      if (flags.segment !== undefined) {
        const index = findSegment(seg, flags.segment);
        emitReport(ctx, rfmCampaignReport(log, seg, labels, index), flags);
        return;
      }
      if (flags.by === 'customer') emitReport(ctx, rfmCustomerReport(log, seg, labels), flags);
      else emitReport(ctx, segmentSummaryReport(summarizeSegments(values, seg.segmentOfRow, labels), log.currency, values), flags);
    });
  });
  return cmd;
}

interface RfmPlan {
  map: SegmentMap | undefined;
  /** Scoring options once the currency is known (monetary edges are given in currency units). */
  scoring(log: CustomerList): { bins: number; r?: Scoring; f?: Scoring; m?: Scoring };
}

function parseEdges(flag: string, text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new UsageError(said('rfm.edgesNumbers', { flag, text }));
  const edges = parts.map((p) => parseNumberFlag(flag, p));
  checkIncreasing(flag, text, edges);
  return edges;
}

/**
 * The one check that an edge flag's thresholds increase strictly: as given, and for --m-edges once more in the
 * minor units the analytics get (10.001,10.004 are one amount in a currency of 2 decimals).
 */
function checkIncreasing(flag: string, text: string, edges: readonly number[], minor?: { digits: number; currency: string }): void {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) throw new UsageError(minor ? said('rfm.edgesIncreaseMinor', { flag, text, digits: String(minor.digits), currency: minor.currency }) : said('rfm.edgesIncrease', { flag, text }));
  }
}

/** Checks the flags before the database is opened; bad combinations are usage errors. */
function planRfm(flags: RfmFlags): RfmPlan {
  const edges = {
    r: parseEdges('--r-edges', flags.rEdges),
    f: parseEdges('--f-edges', flags.fEdges),
    m: parseEdges('--m-edges', flags.mEdges),
  };
  const given = (['r', 'f', 'm'] as const).filter((v) => edges[v] !== undefined);
  if (flags.scoring === 'fixed') {
    const missing = (['r', 'f', 'm'] as const).filter((v) => edges[v] === undefined);
    if (missing.length > 0) throw new UsageError(said('rfm.fixedNeedsAll', { flags: missing.map((v) => `--${v}-edges`) }));
  }
  let bins: number;
  if (flags.bins !== undefined) bins = parseIntFlag('--bins', flags.bins, 2, 9);
  else if (given.length > 0) bins = edges[given[0]]!.length + 1;
  else bins = 5;
  for (const v of given) {
    const n = edges[v]!.length;
    if (n !== bins - 1) {
      const p = { v, n: String(n), bins: String(n + 1), want: String(bins), need: String(bins - 1) };
      throw new UsageError(flags.bins !== undefined ? said('rfm.edgesBinsFlag', p) : said('rfm.edgesBinsEdges', { ...p, first: given[0] }));
    }
  }
  if (bins < 2 || bins > 9) throw new UsageError(said('rfm.edgesRange', { bins: String(bins) }));
  if (flags.split !== undefined && flags.scheme !== 'cn8') throw new UsageError(said('rfm.splitCn8'));
  if (flags.segments !== undefined && flags.scheme === 'cn8') throw new UsageError(said('rfm.segmentsCn8'));
  const map = flags.segments === undefined ? undefined : readSegmentMap(flags.segments);
  return {
    map,
    scoring(log) {
      const fixed = (e: number[] | undefined): Scoring | undefined => (e ? { method: 'fixed', edges: e } : undefined);
      const m = edges.m?.map((x) => Math.round(x * 10 ** log.minorDigits));
      if (m) checkIncreasing('--m-edges', flags.mEdges!, m, { digits: log.minorDigits, currency: log.currency });
      return { bins, r: fixed(edges.r), f: fixed(edges.f), m: fixed(m) };
    },
  };
}

function readSegmentMap(file: string): SegmentMap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(said('rfm.mapUnreadable', { file, why: (e as Error).message }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DataError(jsonError(file, text, (e as Error).message));
  }
  try {
    return parseSegmentMap(json);
  } catch (e) {
    throw new DataError(said('rfm.mapInvalid', { file, why: errorSaid(e) ?? (e as Error).message }));
  }
}

function rangeText(v: VariableScores, variable: 'r' | 'f' | 'm', log: CustomerList, s: number): string {
  const u = v.usage[s - 1];
  if (u.min === null || u.max === null) return '';
  const fmt = (x: number) => (variable === 'm' ? displayMoney(x, log.currency) : String(x));
  return u.min === u.max ? fmt(u.min) : `${fmt(u.min)}–${fmt(u.max)}`;
}

/** Notes on stderr: collapsed bins, cn8 splits, a map on another scale. */
export function describeSegmentation(ctx: CliContext, seg: Segmentation, log: CustomerList, map: SegmentMap | undefined, scoresShown = true): void {
  const k = seg.scores.bins;
  for (const v of scoresShown ? VARIABLES : []) {
    const s = seg.scores[v.key];
    if (!s.collapsed) continue;
    if (v.key === 'm' && log.currency === NO_AMOUNTS) {
      note(ctx, said('rfm.noAmountsScore'));
      continue;
    }
    const used = s.usage.filter((u) => u.customers > 0);
    const ranges = used.map((u) => `${u.score}: ${rangeText(s, v.key, log, u.score)}`).join(', ');
    note(ctx, said('rfm.ties', { name: v.name, n: s.emptyScores.length, scores: s.emptyScores.join(', '), bins: String(k), used: String(used.length), ranges }));
  }
  if (seg.thresholds) {
    const t = seg.thresholds;
    note(ctx, said('rfm.cn8Split', { split: said(t.split === 'mean' ? 'rfm.cn8.mean' : 'rfm.cn8.median'), r: round(t.recencyDays), f: round(t.frequency), m: displayMoney(t.monetary, log.currency) }));
  }
  if (map && map.bins !== k) note(ctx, said('rfm.mapBins', { mapBins: String(map.bins), bins: String(k) }));
}

/** JSON.parse's complaint as the place it is at (line and column), else as it is. */
function jsonError(file: string, text: string, message: string): Said {
  const m = /line (\d+) column (\d+)/.exec(message) ?? /position (\d+)/.exec(message);
  if (!m) return said('rfm.mapNotJson', { file, why: message });
  if (m.length === 3) return said('rfm.mapNotJsonAt', { file, line: m[1], column: m[2] });
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(m[1])).split('\n');
  return said('rfm.mapNotJsonAt', { file, line: String(before.length), column: String(before[before.length - 1].length + 1) });
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** `At risk`, `at-risk`, `atrisk`, `有流失风险客户` all name the same segment. */
function findSegment(seg: Segmentation, name: string): number {
  const i = findSegmentIndex(seg.segments, name);
  if (i < 0) throw new UsageError(said('rfm.notSegment', { name, list: seg.segments.map((s) => `'${s.name}'`) }));
  return i;
}

