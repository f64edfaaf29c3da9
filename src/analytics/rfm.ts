/**
 * RFM: per-customer recency, frequency and monetary value from a purchase log, and their scores 1..k.
 *
 * Values (computeRfm), as of an epoch day `asOf` (exclusive: purchases on days < asOf count; the default is the
 * day after the last purchase in the log, so the most recent buyers have recency 1):
 * - recency_days = asOf − the customer's last purchase day (a log with per-customer lags, PurchaseLog.lag:
 *   each customer's own as-of, asOf − lag)
 * - frequency = orders (default) or distinct purchase days
 * - monetary = sum of net revenue (default) or gross revenue, in minor units
 * Customers without a purchase before asOf are left out.
 *
 * Scores (scoreValues / scoreRfm), 1..k with k = best; recency is reversed (fewest days → k).
 * - quantile (default): ntile positions with a tie rule. Sort the n values ascending (for recency: by −days);
 *   the cut points are c_j = x_(⌈j·n/k⌉), j = 1..k−1 (order statistics, 1-based); a value's score is
 *   1 + #{j : value > c_j}. Without ties this gives the usual ntile 1 + ⌊(i−1)·k/n⌋ for the i-th smallest value.
 *   A group of equal values always gets one score: the score of the lowest position the group occupies
 *   (ties are resolved downwards, never upwards). When a tie group spans several ntiles, the scores in between
 *   stay empty: the bins "collapse" and the report says which scores are used and their value ranges.
 * - fixed: k−1 increasing thresholds e_1 < … < e_{k−1}; score = 1 + #{j : value > e_j}, so a value equal to a
 *   threshold falls in the lower bin (`--r-edges 30,60,90,180`: 0–30 days → 5, 31–60 → 4, …, over 180 → 1).
 */
import type { EpochDay } from '../domain/day.js';
import { isAggregates, type CustomerAggregates, type CustomerData } from '../domain/aggregates.js';
import { NO_AMOUNTS } from '../domain/money.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { lastDay } from '../domain/purchase-log.js';
import { rangeError } from '../errors.js';
import { valuesAtRanks } from './median.js';

export type FrequencyBasis = 'orders' | 'days';
export type MonetaryBasis = 'net' | 'gross';

export interface RfmOptions {
  /** Exclusive end of the observation: purchases on days < asOf count. */
  asOf: EpochDay;
  frequency?: FrequencyBasis;
  monetary?: MonetaryBasis;
}

/** Per-customer values in columns; row i describes customer `customer[i]` (an index into `log.customers`). */
export interface RfmValues {
  asOf: EpochDay;
  frequencyBasis: FrequencyBasis;
  monetaryBasis: MonetaryBasis;
  /** Ascending customer indexes. */
  customer: Int32Array;
  recencyDays: Int32Array;
  frequency: Int32Array;
  /** Minor units. */
  monetary: Float64Array;
  /** Orders (whatever the frequency basis), for average order values. */
  orders: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** The purchases carry no amounts (a transaction log): monetary is 0 for everyone and says nothing. */
  noAmounts?: boolean;
}

/** The default as-of day: the day after the last purchase, or null for an empty log. */
export function defaultAsOf(log: PurchaseLog): EpochDay | null {
  const last = lastDay(log);
  return last === null ? null : last + 1;
}

/** One pass over the log (or its per-customer summary): recency, frequency and monetary value per customer. */
export function computeRfm(data: CustomerData, options: RfmOptions): RfmValues {
  if (isAggregates(data)) return rfmOfAggregates(data, options);
  const log = data;
  const { asOf } = options;
  const frequencyBasis = options.frequency ?? 'orders';
  const monetaryBasis = options.monetary ?? 'net';
  const money = monetaryBasis === 'net' ? log.net : log.gross;
  const n = log.customer.length;
  const cap = Math.min(n, log.customerCount);
  const customer = new Int32Array(cap);
  const recencyDays = new Int32Array(cap);
  const frequency = new Int32Array(cap);
  const monetary = new Float64Array(cap);
  const orders = new Int32Array(cap);
  const firstDay = new Int32Array(cap);
  const last = new Int32Array(cap);
  const lag = log.lag;
  let rows = 0;
  let current = -1;
  for (let i = 0; i < n; i++) {
    const day = log.day[i];
    const c = log.customer[i];
    if (day >= (lag === undefined ? asOf : asOf - lag[c])) continue;
    if (c !== current) {
      current = c;
      customer[rows] = c;
      firstDay[rows] = day;
      rows++;
    }
    const row = rows - 1;
    last[row] = day; // entries are sorted by day within a customer
    orders[row] += log.orders[i];
    frequency[row] += frequencyBasis === 'orders' ? log.orders[i] : 1;
    monetary[row] += money[i];
  }
  for (let i = 0; i < rows; i++) recencyDays[i] = (lag === undefined ? asOf : asOf - lag[customer[i]]) - last[i];
  return {
    asOf,
    frequencyBasis,
    monetaryBasis,
    customer: customer.slice(0, rows),
    recencyDays: recencyDays.slice(0, rows),
    frequency: frequency.slice(0, rows),
    monetary: monetary.slice(0, rows),
    orders: orders.slice(0, rows),
    firstDay: firstDay.slice(0, rows),
    lastDay: last.slice(0, rows),
    ...(log.currency === NO_AMOUNTS ? { noAmounts: true } : {}),
  };
}

/** The values from a per-customer summary; its as-of is the only one it can answer for. */
function rfmOfAggregates(agg: CustomerAggregates, options: RfmOptions): RfmValues {
  if (options.asOf !== agg.asOf) throw new RangeError(`computeRfm: the summary is as of day ${agg.asOf}, not ${options.asOf}`);
  const frequencyBasis = options.frequency ?? 'orders';
  const monetaryBasis = options.monetary ?? 'net';
  const n = agg.customers.length;
  return {
    asOf: agg.asOf,
    frequencyBasis,
    monetaryBasis,
    customer: Int32Array.from({ length: n }, (_, i) => i),
    recencyDays: Int32Array.from(agg.last, (d) => agg.asOf - d),
    frequency: (frequencyBasis === 'orders' ? agg.orders : agg.purchaseDays).slice(),
    monetary: (monetaryBasis === 'net' ? agg.revenue : agg.gross).slice(),
    orders: agg.orders.slice(),
    firstDay: agg.first.slice(),
    lastDay: agg.last.slice(),
    ...(agg.currency === NO_AMOUNTS ? { noAmounts: true } : {}),
  };
}

export type Scoring = { method: 'quantile' } | { method: 'fixed'; edges: number[] };

/** How one score was used: its customers and the range of values that got it (null when empty). */
export interface ScoreBin {
  score: number;
  customers: number;
  min: number | null;
  max: number | null;
}

export interface VariableScores {
  /** One score per value, 1..bins. */
  scores: Uint8Array;
  bins: number;
  method: 'quantile' | 'fixed';
  reversed: boolean;
  /** The thresholds used, in the variable's units (quantile: c_1..c_{k−1}; fixed: the edges given). */
  cutPoints: number[];
  /** Per score 1..bins (for recency listed from score 1 = oldest). */
  usage: ScoreBin[];
  /** Scores that no customer got (empty bins). */
  emptyScores: number[];
  /** True when fewer distinct scores were used than asked, although there are at least `bins` customers. */
  collapsed: boolean;
}

export const MIN_BINS = 2;
export const MAX_BINS = 9;

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < MIN_BINS || bins > MAX_BINS) {
    throw rangeError('analysis.rfm.bins', { min: MIN_BINS, max: MAX_BINS, got: String(bins) });
  }
}

/** Checks fixed edges: finite, strictly increasing, exactly bins − 1 of them (a library caller's mistake: the CLI checks its flags first). */
export function checkEdges(edges: number[], bins: number, what: string): void {
  if (edges.length !== bins - 1) {
    throw rangeError('analysis.rfm.edgeCount', { what, need: bins - 1, bins, got: edges.length });
  }
  for (let j = 0; j < edges.length; j++) {
    if (!Number.isFinite(edges[j])) throw rangeError('analysis.rfm.edgeNotNumber', { what, n: j + 1 });
    if (j > 0 && !(edges[j] > edges[j - 1])) throw rangeError('analysis.rfm.edgeOrder', { what, edges: edges.join(',') });
  }
}

/**
 * Scores values 1..bins (see the module comment for the rules). `reverse`: smaller values score higher
 * (recency). Pure: the input is not changed.
 */
export function scoreValues(values: ArrayLike<number>, bins: number, scoring: Scoring, reverse = false): VariableScores {
  checkBins(bins);
  const n = values.length;
  const scores = new Uint8Array(n);
  let cutPoints: number[];
  if (scoring.method === 'fixed') {
    checkEdges(scoring.edges, bins, 'edges');
    cutPoints = [...scoring.edges];
    const edges = Float64Array.from(cutPoints);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let raw = 1;
      for (let j = 0; j < edges.length; j++) if (v > edges[j]) raw++;
      scores[i] = reverse ? bins + 1 - raw : raw;
    }
  } else {
    // Work on the oriented value (−v when reversed) so that "higher is better" everywhere.
    const sign = reverse ? -1 : 1;
    // The cut points are order statistics: selected, not sorted for (a million values: 0.3 s → 0.05 s).
    const oriented = values instanceof Int32Array ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) oriented[i] = sign * values[i];
    const cuts = new Float64Array(bins - 1);
    if (n > 0) cuts.set(valuesAtRanks(oriented, Array.from({ length: bins - 1 }, (_, j) => Math.ceil(((j + 1) * n) / bins) - 1)));
    for (let i = 0; i < n; i++) {
      const v = sign * values[i];
      let s = 1;
      for (let j = 0; j < cuts.length; j++) if (v > cuts[j]) s++;
      scores[i] = s;
    }
    cutPoints = n > 0 ? Array.from(cuts, (c) => sign * c + 0) : [];
  }
  const counts = new Float64Array(bins + 1);
  const mins = new Float64Array(bins + 1).fill(Infinity);
  const maxs = new Float64Array(bins + 1).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const v = values[i];
    counts[s]++;
    if (v < mins[s]) mins[s] = v;
    if (v > maxs[s]) maxs[s] = v;
  }
  const usage: ScoreBin[] = [];
  const emptyScores: number[] = [];
  for (let s = 1; s <= bins; s++) {
    const empty = counts[s] === 0;
    if (empty) emptyScores.push(s);
    usage.push({ score: s, customers: counts[s], min: empty ? null : mins[s], max: empty ? null : maxs[s] });
  }
  return {
    scores,
    bins,
    method: scoring.method,
    reversed: reverse,
    cutPoints,
    usage,
    emptyScores,
    collapsed: n >= bins && emptyScores.length > 0,
  };
}

export interface RfmScoringOptions {
  /** Bins per variable (default 5). */
  bins?: number;
  r?: Scoring;
  f?: Scoring;
  m?: Scoring;
}

export interface RfmScores {
  bins: number;
  r: VariableScores;
  f: VariableScores;
  m: VariableScores;
}

/** The bins and each variable's scoring that scoreRfm uses (quantile unless given), checked. */
export function rfmScorings(options: RfmScoringOptions = {}): { bins: number; r: Scoring; f: Scoring; m: Scoring } {
  const bins = options.bins ?? 5;
  checkBins(bins);
  const quantile: Scoring = { method: 'quantile' };
  const pick = (s: Scoring | undefined, what: string): Scoring => {
    if (s?.method === 'fixed') checkEdges(s.edges, bins, what);
    return s ?? quantile;
  };
  return { bins, r: pick(options.r, 'recency edges'), f: pick(options.f, 'frequency edges'), m: pick(options.m, 'monetary edges') };
}

/** Scores recency (reversed), frequency and monetary value of every row. */
export function scoreRfm(values: RfmValues, options: RfmScoringOptions = {}): RfmScores {
  const { bins, r, f, m } = rfmScorings(options);
  return {
    bins,
    r: scoreValues(values.recencyDays, bins, r, true),
    f: scoreValues(values.frequency, bins, f, false),
    m: scoreValues(values.monetary, bins, m, false),
  };
}

/** The three-digit RFM code of row i, e.g. `545`. */
export function rfmCode(scores: RfmScores, i: number): string {
  return `${scores.r.scores[i]}${scores.f.scores[i]}${scores.m.scores[i]}`;
}
