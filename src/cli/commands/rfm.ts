/**
 * `orderlens rfm`: recency, frequency and monetary value per customer, scores 1..k, segments (the built-in
 * 11-segment map, a custom JSON map, or the Chinese eight-class model), and campaign lists of one segment.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { CustomerList } from '../../domain/aggregates.js';
import { addSummaryOption } from '../aggregate-input.js';
import { DataError, errorSaid, UsageError } from '../../errors.js';
import { said, type Said } from '../../report/said.js';
import { computeRfm, type FrequencyBasis, type MonetaryBasis, type Scoring } from '../../analytics/rfm.js';
import { parseSegmentMap, type Cn8Split, type SegmentMap, type SegmentScheme, type Segmentation } from '../../analytics/rfm-segments.js';
import { summarizeSegments } from '../../analytics/segment-summary.js';
import type { Lang } from '../../report/messages.js';
import { findSegmentIndex, segmentLabel } from '../../report/segment-names.js';
import { rfmCampaignReport, rfmCustomerReport, rfmEdgesReport, segmentSummaryReport } from '../../report/rfm.js';
import { segmentationNotes } from '../../report/rfm-notes.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseIntFlag, parseNumberFlag, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { noCustomerBefore, withCustomerData } from '../with-purchase-log.js';
import { segmentRfmBeside } from '../beside-thread.js';

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

export function rfmCommand(ctx: CliContext): Command {
  const cmd = new Command('rfm');
  cmd
    .option('--bins <k>')
    .addOption(new Option('--scoring <method>').choices(['quantile', 'fixed']).default('quantile'))
    .option('--r-edges <days>')
    .option('--f-edges <counts>')
    .option('--m-edges <amounts>')
    .option('--show-edges')
    .addOption(new Option('--frequency <basis>').choices(['orders', 'days']).default('orders'))
    .addOption(new Option('--monetary <basis>').choices(['net', 'gross']).default('net'))
    .option('--segments <file>')
    .addOption(new Option('--scheme <scheme>').choices(['default', 'cn8']).default('default'))
    .addOption(new Option('--split <split>').choices(['mean', 'median']))
    .addOption(new Option('--by <grouping>').choices(['segment', 'customer']).default('segment'))
    .option('--segment <name>');
  addSummaryOption(addAsOfOption(addFilterOptions(addOutputOptions(cmd)))).action(async (flags: RfmFlags) => {
    const plan = planRfm(flags);
    const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
    await withCustomerData(ctx, flags, async ({ log, asOf, shops }) => {
      const values = computeRfm(log, { asOf, frequency: flags.frequency, monetary: flags.monetary });
      if (values.customer.length === 0) throw noCustomerBefore(asOf);
      const seg = await segmentRfmBeside(values, { ...plan.scoring(log), scheme: flags.scheme, map: plan.map, split: flags.split });
      // cn8 classes do not use the scores: their bins matter only where scores are printed.
      const scoresShown = flags.scheme === 'default' || flags.by === 'customer' || flags.segment !== undefined || flags.showEdges === true;
      describeSegmentation(ctx, seg, log, plan.map, scoresShown, shops);
      if (flags.showEdges) {
        emitReport(ctx, rfmEdgesReport(seg, log, lang, { frequency: flags.frequency, monetary: flags.monetary }), flags);
        return;
      }
      const labels = seg.segments.map((s) => segmentLabel(s, lang));
      if (flags.segment !== undefined) {
        const index = findSegment(seg, flags.segment);
        emitReport(ctx, rfmCampaignReport(log, seg, labels, index, segmentLabel(seg.segments[index], ctx.lang ?? 'en')), flags);
        return;
      }
      if (flags.by === 'customer') emitReport(ctx, rfmCustomerReport(log, seg, labels), flags);
      else emitReport(ctx, segmentSummaryReport(summarizeSegments(values, seg.segmentOfRow, labels), log.currency, values), flags);
    }, { eachShop: true });
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
      const p = { v, n, bins: String(n + 1), want: String(bins), need: bins - 1 };
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

/** Notes on stderr: collapsed bins, no amounts, cn8 splits, a map on another scale. */
function describeSegmentation(ctx: CliContext, seg: Segmentation, log: CustomerList, map: SegmentMap | undefined, scoresShown: boolean, shops: (indexes: ArrayLike<number>) => number): void {
  for (const s of segmentationNotes(seg, log, map, scoresShown, shops)) note(ctx, s);
}

/** JSON.parse's complaint as the place it is at (line and column), else as it is. */
function jsonError(file: string, text: string, message: string): Said {
  const m = /line (\d+) column (\d+)/.exec(message) ?? /position (\d+)/.exec(message);
  if (!m) return said('rfm.mapNotJson', { file, why: message });
  if (m.length === 3) return said('rfm.mapNotJsonAt', { file, line: m[1], column: m[2] });
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(m[1])).split('\n');
  return said('rfm.mapNotJsonAt', { file, line: String(before.length), column: String(before[before.length - 1].length + 1) });
}

/** `At risk`, `at-risk`, `atrisk`, `有流失风险客户` all name the same segment. */
function findSegment(seg: Segmentation, name: string): number {
  const i = findSegmentIndex(seg.segments, name);
  if (i < 0) throw new UsageError(said('rfm.notSegment', { name, list: seg.segments.map((s) => `'${s.name}'`) }));
  return i;
}

