/**
 * The numbers behind `orderlens report`: every section computed by the same analytics the table commands use
 * (computeRfm, segmentRfm, analyzePareto, clusterCustomers, analyzeCohorts, flagChurn, fitLtv …), reduced to
 * what a chart needs: per-segment and per-cohort aggregates, a Lorenz curve of at most 101 points, a seeded
 * sample of customers for the scatter. No text for people here (ids, days, minor units, codes): the words
 * come from shop-document.ts, in the language asked.
 */
import { clusterName } from './cluster-names.js';
import { segmentLabel } from './segment-names.js';
import { formatDay, formatMonth, monthIndex, type EpochDay } from '../domain/day.js';
import { parseDiscountRate, parseHorizon } from '../domain/horizon.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { computeRfm, type RfmValues } from '../analytics/rfm.js';
import { segmentRfm, type SegmentScheme } from '../analytics/rfm-segments.js';
import { summarizeSegments, type SegmentSummaryRow } from '../analytics/segment-summary.js';
import { analyzePareto, PARETO_CLASSES, type ParetoClass } from '../analytics/pareto.js';
import { clusterCustomers, type KmeansOptions, type ValueCluster, type ValueClusters } from '../analytics/kmeans.js';
import { seededRandom } from '../analytics/random.js';
import { analyzeCohorts, averageCohortValues } from '../analytics/cohorts.js';
import { CHURN_STATUSES, acquisitionMonth, flagChurn, summarizeChurn, type ChurnGroupRow, type ChurnStatus } from '../analytics/churn.js';
import {
  compareHoldout, computeLtvPredictions, fewRepeatCustomers, fitLtv, summarizeLtv, type HoldoutRow, type HoldoutRows, type LtvFit, type LtvOptions, type LtvRefusal, type ModelChoice, type RowPredictions,
} from '../analytics/ltv.js';
import type { BoundaryKind, ModelFit } from '../analytics/models/fit-model.js';
import { trendRows, type TrendCustomer, type TrendRow } from '../analytics/trend.js';
import type { TimeUnit } from '../analytics/ltv-summary.js';

export interface ShopSectionsOptions {
  /** Exclusive end of the observation (purchases on earlier days count). */
  asOf: EpochDay;
  /** Segment scheme of section 2 (and of churn by segment). */
  scheme: SegmentScheme;
  /** Fit the purchase model up to this day (inclusive) as well, and compare with what happened after. */
  holdout?: EpochDay;
  /** Shops measured from their own last day (the log's PurchaseLog.lag): each shop's own as-of, to say in the report. */
  shopDays?: readonly { shop: string; day: EpochDay }[];
  model?: ModelChoice;
  /** Top customers by value to list (0: none). */
  topCustomers?: number;
  /** Customers drawn (seeded) for the cluster scatter. */
  scatterSample?: number;
  /** Newest cohorts shown in the heatmap. */
  maxCohorts?: number;
  seed?: number;
  /** The stored snapshots of section 8 (pickTrendSnapshots chooses them; the caller loads their customers). */
  trend?: { snapshots: readonly TrendSnapshot[]; skipped: number };
}

/** A stored snapshot as section 8 reads it: its label, as-of day and customers. */
export interface TrendSnapshot {
  label: string;
  asOf: EpochDay;
  customers: readonly TrendCustomer[];
}

export const SCATTER_SAMPLE = 1500;
export const MAX_COHORTS = 24;
/** Cohorts drawn as cumulative-revenue curves (the newest ones of the heatmap). */
export const MAX_CURVES = 8;
export const CLV_BINS = 20;
/** The CLV defaults of `orderlens ltv`: 12 months, 10% a year, margin 100%. */
export const LTV_HORIZON_MONTHS = 12;
export const LTV_DISCOUNT_PER_YEAR = 0.1;

export interface OverviewSection {
  customers: number;
  orders: number;
  /** Net revenue, minor units. */
  revenue: number;
  /** Customers with purchases on two or more days. */
  repeatCustomers: number;
  /** Net revenue of purchases after each customer's first purchase day, minor units. */
  repeatRevenue: number;
  repeatShare: number | null;
  firstDay: string | null;
  lastDay: string | null;
  ordersWithoutBuyer: number;
  /** Customers per platform and shop. */
  sources: { platform: string; shop: string; customers: number }[];
  /** Net revenue per calendar month (the newest MAX_COHORTS), from first purchases and from repeat purchases. */
  monthly: { month: string; orders: number; new_revenue: number; repeat_revenue: number; new_customers: number }[];
}

export interface SegmentsSection {
  scheme: SegmentScheme;
  /** Every segment of the scheme, by revenue (high first); `segment` is the English name, `zh` the Chinese. */
  rows: (SegmentSummaryRow & { zh: string })[];
  bins: number;
  /**
   * The R × FM grid the segment map is drawn on: R score (1..bins, bins = most recent) × fm = (F + M)/2 in half
   * steps (1, 1.5 … bins): customers, their net revenue and its mean (minor units, rounded); every cell, empty too.
   */
  grid: { r: number; fm: number; customers: number; revenue: number; avg_monetary: number | null }[];
}

export interface ParetoSection {
  /** [share of customers, share of revenue] at 0%, 1% … 100% of customers, ranked by revenue. */
  curve: [number, number][];
  top20Share: number | null;
  gini: number | null;
  customersFor80: number;
  shareFor80: number | null;
  classes: { class: ParetoClass; customers: number; share_customers: number | null; revenue: number; share_revenue: number | null }[];
}

export type ClustersSection =
  | { status: 'too_few_customers'; customers: number }
  | {
      status: 'ok';
      k: number;
      silhouette: number | null;
      /** In value order (key customers first). */
      rows: ClusterRow[];
      /** Seeded sample: [frequency, monetary in currency units, cluster index]. */
      sample: [number, number, number][];
      /** Customers whose frequency or monetary value is ≤ 0 cannot sit on a log scale: left out of the scatter. */
      offScale: number;
      customers: number;
    };

export interface ClusterRow {
  cluster: number;
  label: ValueCluster['label'];
  name: string;
  zh: string;
  customers: number;
  share_customers: number | null;
  /** Net revenue of the cluster's customers, minor units. */
  revenue: number;
  share_revenue: number | null;
  centroid_recency_days: number;
  centroid_frequency: number;
  /** Minor units. */
  centroid_monetary: number;
}

export interface CohortsSection {
  /** Cohorts shown (the newest `maxCohorts`), oldest first. */
  cohorts: { label: string; size: number; retention: (number | null)[]; ltv: (number | null)[] }[];
  /** All cohorts of the data and the months since acquisition shown. */
  totalCohorts: number;
  periods: number;
  /** Size-weighted mean over the cohorts shown, per month since acquisition. */
  averageRetention: (number | null)[];
  averageLtv: (number | null)[];
  lastPeriodPartial: boolean;
  /** Shops measured from their own last day: each cohort's row ends where its earliest-ending shop's data end. */
  ownEnds?: true;
  /** The labels of the curves drawn. */
  curves: string[];
}

export type ChurnSection = { status: 'no_gaps'; customers: number } | ChurnFound;

export interface ChurnFound {
  status: 'ok';
  threshold: number;
  thresholdSource: 'percentile' | 'days';
  k: number;
  customers: number;
  counts: Record<ChurnStatus, number>;
  bySegment: ChurnGroupRow[];
  /** By first-order month, oldest first (the newest `maxCohorts`). */
  byCohort: ChurnGroupRow[];
}

export type LtvCheck =
  | 'not_converged' | 'few_repeat' | 'short_history' | 'infinite_spend_mean' | 'spend_correlated' | 'no_spend_model' | 'spend_not_converged' | 'bgnbd_one_time_alive'
  // the purchase or the spend model's maximum is at a limit of its parameters (`kind` says which)
  | 'at_limit' | 'spend_at_limit';

export type LtvSection =
  /** No customer bought on two different days up to the calibration end (fitLtv's refusal `no_repeat`), or no customer. */
  | { status: 'no_repeat'; customers: number; calibrationEnd: string }
  /** The fit refused to predict (fitLtv's refusal): why, and the models tried with how each fit ended. */
  | { status: 'refused'; refusal: LtvRefusal; calibrationEnd: string; models: string[]; fits: Pick<ModelFit, 'label' | 'stop' | 'boundary'>[] }
  | {
      status: 'ok';
      model: string;
      params: { name: string; estimate: number | null; se: number | null }[];
      spendParams: { name: string; estimate: number | null; se: number | null }[] | null;
      logLikelihood: number;
      aic: number;
      converged: boolean;
      customers: number;
      repeatCustomers: number;
      /** The time unit of the purchase model's parameters. */
      unit: TimeUnit;
      horizonMonths: number;
      /** Discount rate per year (0.1 = 10%). */
      discountPerYear: number;
      /** Sum and mean of CLV over the customers that have one (minor units). */
      clvTotal: number | null;
      clvMean: number | null;
      clvCustomers: number;
      /** Customers the model gives no expected purchases (a fit at its boundary it cannot evaluate there). */
      purchasesMissing: number;
      /** Histogram of CLV: bin edges in minor units (the last bin holds everything from its start). */
      histogram: { from: number; to: number | null; customers: number }[];
      /** Expected purchases in the horizon per customer, by calibration frequency 0..6, 7+. */
      /** expected_per_customer null where the model gives a customer of the band no expected purchases. */
      expectedByFrequency: { frequency: string; customers: number; expected_per_customer: number | null }[];
      /** With a holdout: predicted vs actual per customer, by calibration frequency. */
      holdout: { calibrationEnd: string; days: number; rows: HoldoutRow[] } | null;
      checks: { code: LtvCheck; value: number | null; kind?: BoundaryKind }[];
    };

/** Section 8: the stored snapshots over time (`orderlens trend`); fewer than two snapshots draw no chart. */
export interface TrendSection {
  /** Stored snapshots left out: in another currency, taken with another --platform/--shop, or after as-of. */
  skipped: number;
  /** One row per snapshot drawn, in as-of order: trendRows without the per-segment counts (avg_clv in minor units). */
  rows: ({ label: string; as_of: string } & Omit<TrendRow, 'segments'>)[];
}

export interface TopCustomer {
  rank: number;
  customer: string;
  key: string;
  platform: string;
  shop: string;
  orders: number;
  revenue: number;
  last_order: string;
  segment: string;
  zh: string;
}

export interface ShopSections {
  asOf: string;
  /** Shops measured from their own last day: each shop's as-of (`asOf` is the latest). */
  asOfShops?: { shop: string; day: string }[];
  currency: string;
  minorDigits: number;
  overview: OverviewSection;
  segments: SegmentsSection;
  pareto: ParetoSection;
  clusters: ClustersSection;
  cohorts: CohortsSection;
  churn: ChurnSection;
  ltv: LtvSection;
  trend: TrendSection;
  customers: TopCustomer[] | null;
}

/** The sections computeShopSections reports progress on. */
export const SECTIONS = 7;

/** Called between sections with the section just finished (for a progress line). */
export type SectionProgress = (done: number, total: number, section: string) => void;

/**
 * The long steps of the report, made elsewhere (in a worker thread: cli/fit-thread.ts) from the same log and
 * options, as computeShopSections would make them: `values` = computeRfm(log, { asOf }); `clusters` =
 * clusterCustomers(values, shopClusterOptions(…)) when there are CLUSTER_K customers or more; `ltv` =
 * fitLtv(log, shopLtvOptions(options)) and, when ltvPredicts(ltv), `ltvRows` (its predictRowsOf) and with a
 * holdout `holdout` (the fit up to the holdout day) and, when holdoutComparable(holdout), `holdoutRows`
 * (its holdoutRowsOf). A step not given is made here.
 */
export interface ShopFits {
  values?: RfmValues;
  clusters?: ValueClusters;
  ltv?: LtvFit;
  ltvRows?: RowPredictions;
  holdout?: LtvFit;
  holdoutRows?: HoldoutRows;
}

/** Clusters of the report: three, below that number of customers none. */
export const CLUSTER_K = 3;

/** The k-means options of the clusters section. */
export function shopClusterOptions(minorDigits: number, options: ShopSectionsOptions): KmeansOptions {
  return { k: CLUSTER_K, seed: options.seed ?? 42, minorDigits };
}

/** The LTV options of the ltv section: `orderlens ltv`'s defaults, the model asked. */
export function shopLtvOptions(options: ShopSectionsOptions): LtvOptions {
  return {
    asOf: options.asOf,
    unit: 'week',
    model: options.model ?? 'bgnbd',
    horizonDays: parseHorizon(`${LTV_HORIZON_MONTHS}mo`)!,
    discountPerDay: parseDiscountRate(`${LTV_DISCOUNT_PER_YEAR}/yr`)!,
    margin: 1,
  };
}

/** Whether the ltv section predicts from a fit (else it says why not), and so fits the holdout too. */
export function ltvPredicts(fit: LtvFit): boolean {
  return fit.repeatCustomers > 0 && !fit.refusal;
}

/** Whether a holdout fit has customers and repeat customers to compare with what happened after. */
export function holdoutComparable(fit: LtvFit): boolean {
  return fit.summary.x.length > 0 && fit.repeatCustomers > 0;
}

/**
 * Every section of the report. Throws a RangeError when no customer has a purchase before as-of (the caller
 * checks first and says so in words). `fitted`: the long steps made elsewhere (ShopFits).
 */
export function computeShopSections(log: PurchaseLog, options: ShopSectionsOptions, progress: SectionProgress = () => {}, fitted: ShopFits = {}): ShopSections {
  const { asOf } = options;
  const values = fitted.values ?? computeRfm(log, { asOf });
  if (values.customer.length === 0) throw new RangeError('computeShopSections: no customer has a purchase before as-of');
  const total = SECTIONS;
  const overview = overviewSection(log, values);
  progress(1, total, 'overview');
  const seg = segmentRfm(values, { scheme: options.scheme });
  const names = seg.segments.map((s) => s.name);
  const zhOf = new Map(seg.segments.map((s) => [s.name, segmentLabel(s, 'zh')]));
  const segments: SegmentsSection = {
    scheme: options.scheme,
    rows: summarizeSegments(values, seg.segmentOfRow, names).map((r) => ({ ...r, zh: zhOf.get(r.segment)! })),
    bins: seg.scores.bins,
    grid: scoreGrid(values, seg.scores.r.scores, seg.scores.f.scores, seg.scores.m.scores, seg.scores.bins),
  };
  progress(2, total, 'segments');
  const pareto = paretoSection(values);
  progress(3, total, 'pareto');
  const clusters = clustersSection(values, log.minorDigits, options, fitted.clusters);
  progress(4, total, 'clusters');
  const maxCohorts = options.maxCohorts ?? MAX_COHORTS;
  const cohorts = cohortsSection(log, asOf, maxCohorts);
  progress(5, total, 'cohorts');
  const segmentOfCustomer = new Int32Array(log.customerCount).fill(-1);
  for (let i = 0; i < values.customer.length; i++) segmentOfCustomer[values.customer[i]] = seg.segmentOfRow[i];
  const churn: ChurnSection = overview.repeatCustomers === 0 ? { status: 'no_gaps', customers: overview.customers } : churnSection(log, asOf, (c) => (segmentOfCustomer[c] >= 0 ? names[segmentOfCustomer[c]] : ''), names, maxCohorts);
  progress(6, total, 'churn');
  const ltv = ltvSection(log, options, fitted);
  progress(7, total, 'ltv');
  const trend = trendSection(options.trend ?? { snapshots: [], skipped: 0 });
  const top = options.topCustomers ?? 0;
  const customers = top > 0 ? topCustomers(log, values, top, (row) => names[seg.segmentOfRow[row]], zhOf) : null;
  const asOfShops = options.shopDays ? { asOfShops: options.shopDays.map((s) => ({ shop: s.shop, day: formatDay(s.day) })) } : {};
  return { asOf: formatDay(asOf), ...asOfShops, currency: log.currency, minorDigits: log.minorDigits, overview, segments, pareto, clusters, cohorts, churn, ltv, trend, customers };
}

function overviewSection(log: PurchaseLog, values: RfmValues): OverviewSection {
  let orders = 0;
  let revenue = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < values.customer.length; i++) {
    orders += values.orders[i];
    revenue += values.monetary[i];
    first = Math.min(first, values.firstDay[i]);
    last = Math.max(last, values.lastDay[i]);
  }
  // One pass over the log (one entry per customer and day, sorted by customer then day); month indexes
  // come from a table over the days spanned, not from a date computation per entry.
  const n = values.customer.length;
  const firstMonth = n > 0 ? monthIndex(first) : 0;
  const monthCount = n > 0 ? monthIndex(last) - firstMonth + 1 : 0;
  const monthOfDay = new Int32Array(n > 0 ? last - first + 1 : 0);
  for (let d = 0; d < monthOfDay.length; d++) monthOfDay[d] = monthIndex(first + d) - firstMonth;
  const monthOrders = new Float64Array(monthCount);
  const newRevenue = new Float64Array(monthCount);
  const monthRepeat = new Float64Array(monthCount);
  const newCustomers = new Float64Array(monthCount);
  let repeat = 0;
  let repeatRevenue = 0;
  let position = 0; // of the entry within its customer
  for (let e = 0; e < log.customer.length; e++) {
    position = e > 0 && log.customer[e] === log.customer[e - 1] ? position + 1 : 0;
    const day = log.day[e];
    if (day >= values.asOf) continue;
    const m = monthOfDay[day - first];
    monthOrders[m] += log.orders[e];
    if (position === 0) {
      newRevenue[m] += log.net[e];
      newCustomers[m]++;
    } else {
      if (position === 1) repeat++;
      monthRepeat[m] += log.net[e];
      repeatRevenue += log.net[e];
    }
  }
  const monthly: OverviewSection['monthly'] = [];
  for (let m = Math.max(0, monthCount - MAX_COHORTS); m < monthCount; m++) {
    monthly.push({ month: formatMonth(firstMonth + m), orders: monthOrders[m], new_revenue: newRevenue[m], repeat_revenue: monthRepeat[m], new_customers: newCustomers[m] });
  }
  // customers per platform and shop (nested maps: no key string per customer)
  const sources = new Map<string, Map<string, { platform: string; shop: string; customers: number }>>();
  for (const c of values.customer) {
    const ref = log.customers[c];
    let shops = sources.get(ref.platform);
    if (!shops) sources.set(ref.platform, (shops = new Map()));
    let source = shops.get(ref.shop);
    if (!source) shops.set(ref.shop, (source = { platform: ref.platform, shop: ref.shop, customers: 0 }));
    source.customers++;
  }
  const sourceList = [...sources.values()].flatMap((shops) => [...shops.values()]);
  return {
    customers: n,
    orders,
    revenue,
    repeatCustomers: repeat,
    repeatRevenue,
    repeatShare: n > 0 ? repeat / n : null,
    firstDay: n > 0 ? formatDay(first) : null,
    lastDay: n > 0 ? formatDay(last) : null,
    ordersWithoutBuyer: log.ordersWithoutBuyer,
    monthly,
    sources: sourceList.sort((a, b) => b.customers - a.customers || (a.platform + a.shop < b.platform + b.shop ? -1 : 1)),
  };
}

function scoreGrid(values: RfmValues, r: Uint8Array, f: Uint8Array, m: Uint8Array, bins: number): SegmentsSection['grid'] {
  const columns = 2 * bins - 1; // f + m − 2 = 0 … 2·bins − 2
  const count = new Float64Array(bins * columns);
  const money = new Float64Array(bins * columns);
  for (let i = 0; i < values.customer.length; i++) {
    const cell = (r[i] - 1) * columns + (f[i] + m[i] - 2);
    count[cell]++;
    money[cell] += values.monetary[i];
  }
  const grid: SegmentsSection['grid'] = [];
  for (let ri = 1; ri <= bins; ri++) {
    for (let j = 0; j < columns; j++) {
      const cell = (ri - 1) * columns + j;
      grid.push({ r: ri, fm: 1 + j / 2, customers: count[cell], revenue: money[cell], avg_monetary: count[cell] > 0 ? Math.round(money[cell] / count[cell]) : null });
    }
  }
  return grid;
}

function paretoSection(values: RfmValues): ParetoSection {
  const p = analyzePareto(values.monetary);
  const n = p.customers;
  const curve: [number, number][] = [[0, 0]];
  for (let pct = 1; pct <= 100; pct++) {
    const rank = Math.ceil((pct * n) / 100) - 1;
    const share = rank >= 0 ? p.cumulativeShare[rank] : 0;
    curve.push([pct / 100, Number.isFinite(share) ? share : 0]);
  }
  const row = (group: string) => p.rows.find((r) => r.group === group)!;
  return {
    curve,
    top20Share: row('top 20%').share_revenue,
    gini: p.gini,
    customersFor80: p.customersFor80,
    shareFor80: row('80% of revenue').share_customers,
    classes: PARETO_CLASSES.map((c) => {
      const r = row(c);
      return { class: c, customers: r.customers, share_customers: r.share_customers, revenue: r.revenue, share_revenue: r.share_revenue };
    }),
  };
}

function clustersSection(values: RfmValues, minorDigits: number, options: ShopSectionsOptions, fitted: ValueClusters | undefined): ClustersSection {
  const n = values.customer.length;
  if (n < CLUSTER_K) return { status: 'too_few_customers', customers: n };
  const kmeans = shopClusterOptions(minorDigits, options);
  const seed = kmeans.seed!;
  const c = fitted ?? clusterCustomers(values, kmeans);
  const factor = 10 ** minorDigits;
  // a seeded partial Fisher–Yates draw of row indexes, then in row order (stable output)
  const want = Math.min(n, options.scatterSample ?? SCATTER_SAMPLE);
  const draw = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = 0; i < want; i++) {
    const j = i + Math.floor(random() * (n - i));
    [draw[i], draw[j]] = [draw[j], draw[i]];
  }
  const picked = draw.slice(0, want).sort();
  const sample: [number, number, number][] = [];
  let offScale = 0;
  for (let i = 0; i < n; i++) if (values.frequency[i] <= 0 || values.monetary[i] <= 0) offScale++;
  for (const i of picked) {
    if (values.frequency[i] <= 0 || values.monetary[i] <= 0) continue;
    sample.push([values.frequency[i], Math.round(values.monetary[i]) / factor, c.clusterOfRow[i]]);
  }
  const revenue = new Float64Array(c.k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    revenue[c.clusterOfRow[i]] += values.monetary[i];
    total += values.monetary[i];
  }
  const rows = c.clusters.map((cl, i): ClusterRow => ({
    cluster: cl.cluster,
    label: cl.label,
    name: clusterName('en', cl, c.k),
    zh: clusterName('zh', cl, c.k),
    customers: cl.customers,
    share_customers: cl.customers / n,
    revenue: revenue[i],
    share_revenue: total !== 0 ? revenue[i] / total : null,
    centroid_recency_days: cl.recencyDays,
    centroid_frequency: cl.frequency,
    centroid_monetary: Math.round(cl.monetary),
  }));
  return { status: 'ok', k: c.k, silhouette: c.silhouettes.find((s) => s.k === c.k)?.silhouette ?? null, rows, sample, offScale, customers: n };
}

function cohortsSection(log: PurchaseLog, asOf: EpochDay, maxCohorts: number): CohortsSection {
  const a = analyzeCohorts(log, { asOf, period: 'month' });
  const shown = a.cohorts.slice(-maxCohorts);
  const periods = Math.min(a.periods, maxCohorts);
  const cohorts = shown.map((c) => ({
    label: c.label,
    size: c.size,
    retention: c.cells.slice(0, periods).map((cell) => (cell ? cell.customers / c.size : null)),
    ltv: c.cells.slice(0, periods).map((cell) => (cell ? Math.round(cell.cumulativeRevenue / c.size) : null)),
  }));
  return {
    cohorts,
    totalCohorts: a.cohorts.length,
    periods,
    averageRetention: averageCohortValues(shown, periods, 'retention'),
    averageLtv: averageCohortValues(shown, periods, 'ltv'),
    lastPeriodPartial: a.lastPeriodPartial,
    ...(a.ownEnds ? { ownEnds: true as const } : {}),
    curves: cohorts.slice(-MAX_CURVES).map((c) => c.label),
  };
}

/** Needs a repeat customer (a gap between purchase days) for its threshold. */
function churnSection(log: PurchaseLog, asOf: EpochDay, segmentOf: (customer: number) => string, order: string[], maxCohorts: number): ChurnFound {
  const a = flagChurn(log, { asOf, detail: false });
  const counts = Object.fromEntries(CHURN_STATUSES.map((s) => [s, 0])) as Record<ChurnStatus, number>;
  for (const r of a.rows) counts[r.status]++;
  const rank = new Map(order.map((name, i) => [name, i]));
  const bySegment = summarizeChurn(a.rows, (r) => segmentOf(r.index)).sort((x, y) => (rank.get(x.group) ?? 99) - (rank.get(y.group) ?? 99));
  const byCohort = summarizeChurn(a.rows, acquisitionMonth)
    .sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0))
    .slice(-maxCohorts);
  return { status: 'ok', threshold: a.threshold, thresholdSource: a.thresholdSource, k: a.k, customers: a.rows.length, counts, bySegment, byCohort };
}

const FREQUENCY_BANDS = ['0', '1', '2', '3', '4', '5', '6', '7+'];

function ltvSection(log: PurchaseLog, options: ShopSectionsOptions, fitted: ShopFits): LtvSection {
  const ltvOptions = shopLtvOptions(options);
  const fit = fitted.ltv ?? fitLtv(log, ltvOptions);
  const calibrationEnd = formatDay(fit.summary.calibrationEnd);
  // the refusals of `orderlens ltv`, in its words (one rule: fitModels')
  if (fit.refusal?.code === 'no_repeat' || fit.repeatCustomers === 0) return { status: 'no_repeat', customers: fit.summary.x.length, calibrationEnd };
  if (fit.refusal) {
    return { status: 'refused', refusal: fit.refusal, calibrationEnd, models: fit.fits.map((f) => f.model), fits: fit.fits.map(({ label, stop, boundary }) => ({ label, stop, boundary })) };
  }
  const rows = computeLtvPredictions(log, fit, ltvOptions, fitted.ltvRows).rows;
  const clvs: number[] = [];
  for (const r of rows) if (r.clv !== null && Number.isFinite(r.clv)) clvs.push(r.clv);
  const clvTotal = clvs.length > 0 ? clvs.reduce((s, x) => s + x, 0) : null;
  const byFrequency = summarizeLtv(rows, (r) => FREQUENCY_BANDS[Math.min(7, r.frequency)], FREQUENCY_BANDS);
  let holdout: Extract<LtvSection, { status: 'ok' }>['holdout'] = null;
  if (options.holdout !== undefined) {
    const cal = fitted.holdout ?? fitLtv(log, { ...ltvOptions, calibrationEnd: options.holdout });
    if (holdoutComparable(cal)) {
      holdout = { calibrationEnd: formatDay(options.holdout), days: cal.summary.holdoutDays, rows: compareHoldout(cal, fitted.holdoutRows).rows };
    }
  }
  // a fit at a limit: the parameters that ran off are stand-ins, left empty (and one the limit does not depend
  // on); the combination the data fix instead
  const named = (f: ModelFit): { name: string; estimate: number | null; se: number | null }[] => {
    const rows = f.paramNames.map((name, i) => (f.toward[i] !== null ? { name, estimate: null, se: null } : { name, estimate: f.params[i], se: f.se[i] }));
    return [...rows, ...(f.combined ?? []).map((c) => ({ name: c.name, estimate: c.value, se: c.se }))];
  };
  const checks: { code: LtvCheck; value: number | null; kind?: BoundaryKind }[] = [];
  if (!fit.chosen.converged) checks.push({ code: 'not_converged', value: null });
  // a fit at a limit is named, as ltv names it: the table's empty parameters are stand-ins
  if (fit.chosen.converged && fit.chosen.boundary) checks.push({ code: 'at_limit', value: null, kind: fit.chosen.boundary });
  if (fit.spendFit?.converged && fit.spendFit.boundary) checks.push({ code: 'spend_at_limit', value: null, kind: fit.spendFit.boundary });
  if (fit.chosen.model === 'bgnbd') checks.push({ code: 'bgnbd_one_time_alive', value: null });
  if (fewRepeatCustomers(fit.repeatCustomers)) checks.push({ code: 'few_repeat', value: fit.repeatCustomers });
  if (fit.historyDays < 180) checks.push({ code: 'short_history', value: fit.historyDays });
  if (!fit.spendFit) checks.push({ code: 'no_spend_model', value: null });
  else if (!fit.spendFit.converged) checks.push({ code: 'spend_not_converged', value: null });
  else if (fit.spendFit.params[1] <= 1) checks.push({ code: 'infinite_spend_mean', value: fit.spendFit.params[1] });
  if (fit.spendCorrelation !== null && Math.abs(fit.spendCorrelation) >= 0.3) checks.push({ code: 'spend_correlated', value: fit.spendCorrelation });
  return {
    status: 'ok',
    model: fit.chosen.model,
    params: named(fit.chosen),
    // a spend fit that did not converge stopped somewhere that means nothing: no parameters shown (a check says why)
    spendParams: fit.spendFit?.converged ? named(fit.spendFit) : null,
    logLikelihood: fit.chosen.logLikelihood,
    aic: fit.chosen.aic,
    converged: fit.chosen.converged,
    customers: fit.summary.x.length,
    repeatCustomers: fit.repeatCustomers,
    unit: fit.input.unit,
    horizonMonths: LTV_HORIZON_MONTHS,
    discountPerYear: LTV_DISCOUNT_PER_YEAR,
    clvTotal,
    clvMean: clvTotal === null ? null : clvTotal / clvs.length,
    clvCustomers: clvs.length,
    purchasesMissing: rows.filter((r) => !Number.isFinite(r.expected_purchases)).length,
    histogram: histogram(clvs, CLV_BINS),
    expectedByFrequency: byFrequency.map((g) => ({ frequency: g.group, customers: g.customers, expected_per_customer: g.expected_purchases === null ? null : g.expected_purchases / g.customers })),
    holdout,
    checks,
  };
}

/** The snapshot a report may draw, from what `listSnapshots` gives. */
export interface StoredSnapshot {
  label: string;
  asOf: EpochDay;
  currency: string;
  settings: Record<string, unknown>;
}

/**
 * The stored snapshots that belong in a report: in its currency, taken with the same --platform and --shop
 * filters (a snapshot of the whole database does not belong in a report of one shop), on or before its as-of
 * day. The others are counted, so the section can say how many were left out.
 */
export function pickTrendSnapshots<T extends StoredSnapshot>(stored: readonly T[], report: { currency: string; asOf: EpochDay; platform?: string; shop?: string }): { use: T[]; skipped: number } {
  const use = stored.filter((s) => s.currency === report.currency && takenWith(s, report) && s.asOf <= report.asOf);
  return { use: [...use].sort((a, b) => a.asOf - b.asOf || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)), skipped: stored.length - use.length };
}

/**
 * Whether a snapshot was taken with these --platform and --shop filters (a filter not given: taken without it).
 * Snapshots taken with different filters count different customers and are never one series (report, trend).
 */
export function takenWith(snapshot: { settings: Record<string, unknown> }, filter: { platform?: string; shop?: string }): boolean {
  return (snapshot.settings.platform ?? null) === (filter.platform ?? null) && (snapshot.settings.shop ?? null) === (filter.shop ?? null);
}

function trendSection(input: { snapshots: readonly TrendSnapshot[]; skipped: number }): TrendSection {
  const rows = trendRows(input.snapshots.map((s) => s.customers));
  return {
    skipped: input.skipped,
    rows: rows.map(({ segments: _segments, ...r }, i) => ({ label: input.snapshots[i].label, as_of: formatDay(input.snapshots[i].asOf), ...r })),
  };
}

/**
 * Equal-width bins from 0 (or the lowest value, when negative) to the 99th percentile, rounded out to a round
 * number; the last bin is open and holds the long tail above it.
 */
export function histogram(values: number[], bins: number): { from: number; to: number | null; customers: number }[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const lo = Math.min(0, sorted[0]);
  const p99 = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.99 * sorted.length) - 1))];
  const span = p99 - lo;
  if (!(span > 0)) return [{ from: lo, to: null, customers: sorted.length }];
  const width = roundUp(span / (bins - 1));
  const out = Array.from({ length: bins }, (_, b) => ({ from: lo + b * width, to: b === bins - 1 ? null : lo + (b + 1) * width, customers: 0 }));
  for (const v of sorted) out[Math.min(bins - 1, Math.floor((v - lo) / width))].customers++;
  return out;
}

/** The next "round" width at or above x: 1, 2, 2.5 or 5 × a power of ten. */
function roundUp(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function topCustomers(log: PurchaseLog, values: RfmValues, n: number, segmentOf: (row: number) => string, zhOf: Map<string, string>): TopCustomer[] {
  const key = (i: number) => log.customers[values.customer[i]].key;
  const order = Array.from({ length: values.customer.length }, (_, i) => i).sort(
    (a, b) => values.monetary[b] - values.monetary[a] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
  return order.slice(0, n).map((i, rank) => {
    const ref = log.customers[values.customer[i]];
    const segment = segmentOf(i);
    return {
      rank: rank + 1,
      customer: ref.display,
      key: ref.key,
      platform: ref.platform,
      shop: ref.shop,
      orders: values.orders[i],
      revenue: values.monetary[i],
      last_order: formatDay(values.lastDay[i]),
      segment,
      zh: zhOf.get(segment) ?? segment,
    };
  });
}
