/**
 * RFM segments: which named group each customer falls in.
 *
 * Two schemes:
 * - `default`: a segment map over the R, F, M scores. A map is written on its own score scale (`bins`, 5 for
 *   the built-in map); each segment is a union of boxes over r, f, m and fm = (f + m) / 2. A map is valid only
 *   when every score combination of its scale matches exactly one segment (no overlaps, no gaps): that is
 *   checked for the built-in map by the tests and for a user's map (`--segments FILE.json`) when it is loaded.
 *   Scores from a run with k bins are put on the map's scale K by level(s) = 1 + round((s − 1)·(K − 1)/(k − 1))
 *   (1 → 1, k → K; halves round up), so a valid map is disjoint and complete for every k.
 * - `cn8`: the eight-class model of Chinese retail textbooks. Each of R, F, M is high or low against its mean
 *   (or median): recency is high when recency_days < split; frequency and monetary are high when > split
 *   (strictly, so a value equal to the split is low — with a median frequency of 1, one-time buyers are low).
 *
 * The built-in map on the 5-level scale (R level down, fm across; fm moves in steps of 0.5):
 *
 *   R \ fm | 1   1.5 | 2   2.5   3   3.5 | 4   | 4.5   5
 *   5      | New     | Potential loyalist | Champions
 *   4      | Promising | Potential loyalist | Loyal | Champions
 *   3      | About to sleep (fm ≤ 2) | Need attention (2.5–3.5) | Loyal (fm ≥ 4)
 *   2      | Hibernating (fm ≤ 2) | At risk (2.5–4) | Can't lose (fm ≥ 4.5)
 *   1      | Lost (fm ≤ 2) | Hibernating (2.5–3.5) | At risk (fm = 4) | Can't lose (fm ≥ 4.5)
 *
 * With 3 bins the levels are 1, 3 and 5, so Promising (R level 4 only) is empty; every other segment can occur.
 */
import { dataError } from '../errors.js';
import { isAggregates, type CustomerData } from '../domain/aggregates.js';
import type { RfmOptions, RfmScores, RfmScoringOptions, RfmValues } from './rfm.js';
import { MAX_BINS, MIN_BINS, computeRfm, scoreRfm } from './rfm.js';
import { median } from './median.js';

/** An inclusive range of scores (on the map's scale); fm ranges may use halves. */
export type ScoreRange = [number, number];

export interface SegmentBox {
  r?: ScoreRange;
  f?: ScoreRange;
  m?: ScoreRange;
  fm?: ScoreRange;
}

export interface SegmentDef {
  /** The segment, as CSV and JSON carry it (the built-in ones' Chinese names are in report/messages.ts). */
  name: string;
  /** Chinese name a segment map file gives (`--lang zh`; report/segment-names.ts). */
  zh?: string;
  /** The segment is the union of these boxes (cn8 segments have none: they are not score-based). */
  boxes: SegmentBox[];
}

export interface SegmentMap {
  /** The score scale the boxes are written for. */
  bins: number;
  segments: SegmentDef[];
}


/** The built-in 11-segment map (see the module comment for the grid). */
export const DEFAULT_SEGMENT_MAP: SegmentMap = {
  bins: 5,
  segments: [
    { name: 'Champions', boxes: [{ r: [5, 5], fm: [4, 5] }, { r: [4, 4], fm: [4.5, 5] }] },
    { name: 'Loyal', boxes: [{ r: [4, 4], fm: [4, 4] }, { r: [3, 3], fm: [4, 5] }] },
    { name: 'Potential loyalist', boxes: [{ r: [4, 5], fm: [2, 3.5] }] },
    { name: 'New', boxes: [{ r: [5, 5], fm: [1, 1.5] }] },
    { name: 'Promising', boxes: [{ r: [4, 4], fm: [1, 1.5] }] },
    { name: 'Need attention', boxes: [{ r: [3, 3], fm: [2.5, 3.5] }] },
    { name: 'About to sleep', boxes: [{ r: [3, 3], fm: [1, 2] }] },
    { name: 'At risk', boxes: [{ r: [2, 2], fm: [2.5, 4] }, { r: [1, 1], fm: [4, 4] }] },
    { name: "Can't lose", boxes: [{ r: [1, 2], fm: [4.5, 5] }] },
    { name: 'Hibernating', boxes: [{ r: [2, 2], fm: [1, 2] }, { r: [1, 1], fm: [2.5, 3.5] }] },
    { name: 'Lost', boxes: [{ r: [1, 1], fm: [1, 2] }] },
  ],
};

/**
 * The cn8 classes in index order. Index bits: 4 = monetary low, 2 = recency low, 1 = frequency low, so the
 * class of (R high?, F high?, M high?) is (M ? 0 : 4) + (R ? 0 : 2) + (F ? 0 : 1).
 */
export const CN8_SEGMENTS: readonly SegmentDef[] = [
  { name: 'Key value', boxes: [] }, // R high, F high, M high
  { name: 'Key development', boxes: [] }, // R high, F low, M high
  { name: 'Key retention', boxes: [] }, // R low, F high, M high
  { name: 'Key win-back', boxes: [] }, // R low, F low, M high
  { name: 'General value', boxes: [] }, // R high, F high, M low
  { name: 'General development', boxes: [] }, // R high, F low, M low
  { name: 'General retention', boxes: [] }, // R low, F high, M low
  { name: 'General win-back', boxes: [] }, // R low, F low, M low
];


function inRange(v: number, range: ScoreRange | undefined): boolean {
  return range === undefined || (v >= range[0] && v <= range[1]);
}

function boxMatches(box: SegmentBox, r: number, f: number, m: number): boolean {
  return inRange(r, box.r) && inRange(f, box.f) && inRange(m, box.m) && inRange((f + m) / 2, box.fm);
}

/** Indexes of the segments that score combination (r, f, m) — on the map's scale — matches. */
export function matchSegments(map: SegmentMap, r: number, f: number, m: number): number[] {
  const hits: number[] = [];
  map.segments.forEach((seg, i) => {
    if (seg.boxes.some((b) => boxMatches(b, r, f, m))) hits.push(i);
  });
  return hits;
}

/** Where a map fails: score combinations (`211`) in more than one segment and in none (the first `limit` of each). */
export interface SegmentMapProblems {
  overlapCount: number;
  overlaps: { rfm: string; segments: string[] }[];
  gapCount: number;
  gaps: string[];
}

/** Overlapping and uncovered score combinations of a map; both counts 0 when it is valid. */
export function checkSegmentMap(map: SegmentMap, limit = 5): SegmentMapProblems {
  const K = map.bins;
  const out: SegmentMapProblems = { overlapCount: 0, overlaps: [], gapCount: 0, gaps: [] };
  for (let r = 1; r <= K; r++)
    for (let f = 1; f <= K; f++)
      for (let m = 1; m <= K; m++) {
        const hits = matchSegments(map, r, f, m);
        if (hits.length === 0) {
          out.gapCount++;
          if (out.gaps.length < limit) out.gaps.push(`${r}${f}${m}`);
        } else if (hits.length > 1) {
          out.overlapCount++;
          if (out.overlaps.length < limit) out.overlaps.push({ rfm: `${r}${f}${m}`, segments: hits.map((h) => map.segments[h].name) });
        }
      }
  return out;
}

function parseRange(value: unknown, where: string, bins: number): ScoreRange | undefined {
  if (value === undefined) return undefined;
  let lo: unknown;
  let hi: unknown;
  if (typeof value === 'number') {
    lo = value;
    hi = value;
  } else if (Array.isArray(value) && value.length === 2) {
    [lo, hi] = value;
  } else throw dataError('analysis.segmap.range', { where });
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw dataError('analysis.segmap.rangeNumbers', { where });
  }
  if (lo > hi) throw dataError('analysis.segmap.rangeOrder', { where, lo, hi });
  if (lo < 1 || hi > bins) throw dataError('analysis.segmap.rangeOutside', { where, lo, hi, bins });
  return [lo, hi];
}

function parseBox(value: unknown, where: string, bins: number, extraKeys: string[] = []): SegmentBox {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw dataError('analysis.segmap.object', { where });
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['r', 'f', 'm', 'fm', ...extraKeys].includes(key)) throw dataError('analysis.segmap.boxKey', { where, key });
  }
  const box: SegmentBox = {};
  for (const key of ['r', 'f', 'm', 'fm'] as const) {
    const range = parseRange(obj[key], `${where}.${key}`, bins);
    if (range) box[key] = range;
  }
  return box;
}

/**
 * Reads a segment map from parsed JSON and validates it. The format:
 * `{ "bins": 5, "segments": [ { "name": "Champions", "zh": "冠军客户", "r": [4, 5], "fm": [4, 5] },
 *   { "name": "Lost", "rules": [ { "r": 1, "f": [1, 2] }, { "r": [1, 2], "m": 1 } ] } ] }`.
 * A segment is either one box (r / f / m / fm keys on the segment) or a union of boxes (`rules`). Ranges are
 * inclusive; a single number means that score only; a missing key means any score. Throws DataError naming
 * every problem, including overlapping and uncovered score combinations.
 */
export function parseSegmentMap(json: unknown): SegmentMap {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw dataError('analysis.segmap.notObject');
  const obj = json as Record<string, unknown>;
  const bins = obj.bins ?? 5;
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < MIN_BINS || bins > MAX_BINS) {
    throw dataError('analysis.segmap.bins', { min: MIN_BINS, max: MAX_BINS });
  }
  if (!Array.isArray(obj.segments) || obj.segments.length === 0) throw dataError('analysis.segmap.segments');
  const names = new Set<string>();
  const segments: SegmentDef[] = obj.segments.map((raw: unknown, i: number) => {
    const where = `segments[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw dataError('analysis.segmap.object', { where });
    const seg = raw as Record<string, unknown>;
    if (typeof seg.name !== 'string' || seg.name.trim() === '') throw dataError('analysis.segmap.name', { where });
    const name = seg.name.trim();
    if (names.has(name)) throw dataError('analysis.segmap.nameTwice', { where, name });
    names.add(name);
    if (seg.zh !== undefined && typeof seg.zh !== 'string') throw dataError('analysis.segmap.zh', { where });
    let boxes: SegmentBox[];
    if (seg.rules !== undefined) {
      const extra = Object.keys(seg).filter((k) => !['name', 'zh', 'rules', 'r', 'f', 'm', 'fm'].includes(k));
      if (extra.length > 0) throw dataError('analysis.segmap.segmentKey', { where, key: extra[0] });
      if (['r', 'f', 'm', 'fm'].some((k) => seg[k] !== undefined)) throw dataError('analysis.segmap.rulesAndBox', { where });
      if (!Array.isArray(seg.rules) || seg.rules.length === 0) throw dataError('analysis.segmap.rules', { where });
      boxes = seg.rules.map((b: unknown, j: number) => parseBox(b, `${where}.rules[${j}]`, bins));
    } else boxes = [parseBox(seg, where, bins, ['name', 'zh'])];
    return { name, zh: typeof seg.zh === 'string' ? seg.zh : undefined, boxes };
  });
  const map: SegmentMap = { bins, segments };
  const p = checkSegmentMap(map);
  if (p.overlapCount > 0 || p.gapCount > 0) {
    const more = (count: number, shown: number) => (count > shown ? ', …' : '');
    const overlaps = `${p.overlaps.map((o) => `${o.rfm} (${o.segments.join(' & ')})`).join(', ')}${more(p.overlapCount, p.overlaps.length)}`;
    const gaps = `${p.gaps.join(', ')}${more(p.gapCount, p.gaps.length)}`;
    if (p.gapCount === 0) throw dataError('analysis.segmap.overlaps', { n: p.overlapCount, overlaps });
    if (p.overlapCount === 0) throw dataError('analysis.segmap.gaps', { n: p.gapCount, gaps });
    throw dataError('analysis.segmap.overlapsAndGaps', { n: p.overlapCount, overlaps, gapCount: p.gapCount, gaps });
  }
  return map;
}

/** Score s of a k-bin run on a K-level scale: 1 → 1, k → K, evenly in between (halves round up). */
export function scoreLevel(s: number, k: number, K: number): number {
  return k === K ? s : 1 + Math.round(((s - 1) * (K - 1)) / (k - 1));
}

/**
 * A lookup table for k-bin scores: entry (r−1)·k² + (f−1)·k + (m−1) holds the segment index. Throws DataError
 * when a combination matches no segment or several (only possible for an unvalidated map).
 */
export function compileSegmentMap(map: SegmentMap, k: number): Uint8Array {
  if (map.segments.length > 255) throw dataError('analysis.segmap.tooMany');
  const table = new Uint8Array(k * k * k);
  for (let r = 1; r <= k; r++)
    for (let f = 1; f <= k; f++)
      for (let m = 1; m <= k; m++) {
        const hits = matchSegments(map, scoreLevel(r, k, map.bins), scoreLevel(f, k, map.bins), scoreLevel(m, k, map.bins));
        if (hits.length !== 1) throw dataError('analysis.segmap.matches', { rfm: `${r}${f}${m}`, n: hits.length });
        table[(r - 1) * k * k + (f - 1) * k + (m - 1)] = hits[0];
      }
  return table;
}

export type Cn8Split = 'mean' | 'median';

export interface Cn8Thresholds {
  split: Cn8Split;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

function splitValue(values: ArrayLike<number>, split: Cn8Split): number {
  const n = values.length;
  if (n === 0) return 0;
  if (split === 'mean') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    return sum / n;
  }
  return median(values);
}

/** The cn8 class (index into CN8_SEGMENTS) of every row. */
export function classifyCn8(values: RfmValues, split: Cn8Split = 'mean'): { segmentOfRow: Uint8Array; thresholds: Cn8Thresholds } {
  const thresholds: Cn8Thresholds = {
    split,
    recencyDays: splitValue(values.recencyDays, split),
    frequency: splitValue(values.frequency, split),
    monetary: splitValue(values.monetary, split),
  };
  const n = values.customer.length;
  const segmentOfRow = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const rHigh = values.recencyDays[i] < thresholds.recencyDays;
    const fHigh = values.frequency[i] > thresholds.frequency;
    const mHigh = values.monetary[i] > thresholds.monetary;
    segmentOfRow[i] = (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1);
  }
  return { segmentOfRow, thresholds };
}

export type SegmentScheme = 'default' | 'cn8';

export interface SegmentationOptions extends RfmScoringOptions {
  scheme?: SegmentScheme;
  /** A custom map for the default scheme (already validated by parseSegmentMap). */
  map?: SegmentMap;
  /** cn8 only: split each variable at its mean (default) or median. */
  split?: Cn8Split;
  /** The scores scoreRfm gives these values with these options, when already computed (a second thread computed a part). */
  scores?: RfmScores;
}

export interface Segmentation {
  values: RfmValues;
  scores: RfmScores;
  scheme: SegmentScheme;
  segments: SegmentDef[];
  /** Segment index per row of `values`. */
  segmentOfRow: Uint8Array;
  /** cn8: the split values used. */
  thresholds?: Cn8Thresholds;
}

/** Scores and segments customers whose values are already computed. */
export function segmentRfm(values: RfmValues, options: SegmentationOptions = {}): Segmentation {
  const scores = options.scores ?? scoreRfm(values, options);
  const scheme = options.scheme ?? 'default';
  if (scheme === 'cn8') {
    const { segmentOfRow, thresholds } = classifyCn8(values, options.split ?? 'mean');
    return { values, scores, scheme, segments: [...CN8_SEGMENTS], segmentOfRow, thresholds };
  }
  const map = options.map ?? DEFAULT_SEGMENT_MAP;
  const k = scores.bins;
  const table = compileSegmentMap(map, k);
  const n = values.customer.length;
  const segmentOfRow = new Uint8Array(n);
  const { r, f } = scores;
  // Without amounts every monetary score is 1, and the built-in map's fm = (f + m) / 2 would never reach
  // Champions, Loyal or Can't lose: its segments then rest on recency and frequency alone (fm = f). A map of
  // your own gets the scores as they are.
  const m = values.noAmounts === true && options.map === undefined ? f : scores.m;
  for (let i = 0; i < n; i++) segmentOfRow[i] = table[(r.scores[i] - 1) * k * k + (f.scores[i] - 1) * k + (m.scores[i] - 1)];
  return { values, scores, scheme, segments: map.segments, segmentOfRow };
}

export interface CustomerSegments extends Segmentation {
  /** Segment index per customer of `log.customers`; −1 for customers without a purchase before as-of. */
  segmentOfCustomer: Int32Array;
}

/**
 * The reusable entry point for `--by segment` in other reports: RFM values, scores and a segment for every
 * customer of the log. `segmentOfCustomer[c]` indexes `segments` (−1: no purchase before as-of).
 */
export function assignSegments(log: CustomerData, options: RfmOptions & SegmentationOptions): CustomerSegments {
  const values = computeRfm(log, options);
  const seg = segmentRfm(values, options);
  const segmentOfCustomer = new Int32Array(isAggregates(log) ? log.customers.length : log.customerCount).fill(-1);
  for (let i = 0; i < values.customer.length; i++) segmentOfCustomer[values.customer[i]] = seg.segmentOfRow[i];
  return { ...seg, segmentOfCustomer };
}
