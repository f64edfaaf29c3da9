/**
 * The words and pictures of `orderlens report`, in English or Chinese: titles, key numbers, the two-line
 * reading of each section, and the ECharts options of its charts, from the section data of shop-sections.ts.
 * Every number printed here is one of that data's, formatted.
 */
import { displayMoney, formatMinor } from '../domain/money.js';
import type { Column, Report } from '../output/report.js';
import { col } from './columns.js';
import type { DocSection, Figure, HtmlReportDoc } from '../output/html-report.js';
import type { ChartSpec } from '../output/svg-chart.js';
import type { ChurnStatus } from '../analytics/churn.js';
import type { BoundaryKind } from '../analytics/models/fit-model.js';
import { say, type Lang, type MessageKey } from './messages.js';
import { triedSaid } from './ltv-notes.js';
import { speak } from './said.js';
import type {
  ChurnSection, ClustersSection, CohortsSection, LtvCheck, LtvSection, OverviewSection, ParetoSection, SegmentsSection, ShopSections, TopCustomer, TrendSection,
} from './shop-sections.js';

/** The parameters catalogue message K takes (none, or one object). */
type Params<K extends MessageKey> = Parameters<typeof say<K>> extends [Lang, K, ...infer P] ? P : never;

/** A catalogue message (report-messages.ts) in the report's language. */
type Say = <K extends MessageKey>(key: K, ...params: Params<K>) => string;

interface Ctx {
  lang: Lang;
  say: Say;
  /** A YYYY-MM-DD day as a reader of the language writes it in a sentence (2025年7月1日 in Chinese). */
  day(iso: string | null): string;
  currency: string;
  digits: number;
  money(minor: number | null): string;
  /** Minor units → currency units, for chart values. */
  major(minor: number): number;
}

const WIDTH = 940;

/** Customers and net revenue of a group, with their shares of the whole: the tables of sections 2–4. */
const SHARE_COLUMNS: Column[] = [
  { key: 'customers', zh: '客户数', kind: 'int' },
  { key: 'share_customers', zh: '客户占比', kind: 'percent' },
  { key: 'revenue', zh: '净收入', kind: 'money' },
  { key: 'share_revenue', zh: '收入占比', kind: 'percent' },
];

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function pct(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

function share(part: number, whole: number): number | null {
  return whole !== 0 ? part / whole : null;
}

/** The whole document. `appVersion` goes into the footer. */
export function describeShop(s: ShopSections, lang: Lang, appVersion: string): HtmlReportDoc {
  const t: Say = (key, ...params) => (say as (l: Lang, k: MessageKey, ...p: unknown[]) => string)(lang, key, ...params);
  const ctx: Ctx = {
    lang,
    say: t,
    day: (iso) => readerDay(iso, lang),
    currency: s.currency,
    digits: s.minorDigits,
    money: (minor) => (minor === null || !Number.isFinite(minor) ? '–' : displayMoney(Math.round(minor), s.currency)),
    major: (minor) => Number(formatMinor(Math.round(minor), s.minorDigits)),
  };
  const o = s.overview;
  const shops = o.sources.map((x) => `${x.platform}/${x.shop}`).join(', ');
  // shops measured from their own last day: every shop's day, where one day is said otherwise
  const asOfDay = s.asOfShops ? t('report.asOfShops', { list: s.asOfShops.map((x) => `${x.shop} ${ctx.day(x.day)}`) }) : ctx.day(s.asOf);
  return {
    lang,
    title: t('report.title'),
    subtitle: t('report.subtitle', { shops, day: asOfDay, currency: s.currency }),
    sections: [
      overview(o, s, ctx),
      segments(s.segments, ctx),
      pareto(s.pareto, ctx),
      clusters(s.clusters, ctx),
      cohorts(s.cohorts, ctx),
      churn(s.churn, new Map(s.segments.rows.map((r) => [r.segment, r.zh])), ctx),
      ltv(s.ltv, ctx),
      trend(s.trend, ctx),
      ...(s.customers ? [topCustomers(s.customers, ctx)] : []),
    ],
    footer: t('report.footer', { version: appVersion }),
  };
}

/** 2025-07-01 → 2025年7月1日 in Chinese; as it is in English (and `–` for no day). */
function readerDay(iso: string | null, lang: Lang): string {
  if (iso === null) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return lang === 'zh' && m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Grid and axis defaults shared by the cartesian charts. */
function cartesian(extra: Record<string, unknown>): Record<string, unknown> {
  return { grid: { left: 70, right: 30, top: 40, bottom: 60 }, ...extra };
}

function overview(o: OverviewSection, s: ShopSections, ctx: Ctx): DocSection {
  const { say } = ctx;
  const figures: Figure[] = [
    { label: say('report.w.customers'), value: int(o.customers) },
    { label: say('report.overview.orders'), value: int(o.orders) },
    { label: say('report.overview.revenue'), value: ctx.money(o.revenue) },
    { label: say('report.overview.repeat'), value: pct(o.repeatShare) },
    { label: say('report.overview.span'), value: say('report.dayRange', { first: ctx.day(o.firstDay), last: ctx.day(o.lastDay) }) },
    { label: say('report.overview.currency'), value: s.currency },
    { label: say('report.overview.asOf'), value: s.asOfShops ? say('report.asOfShops', { list: s.asOfShops.map((x) => `${x.shop} ${ctx.day(x.day)}`) }) : ctx.day(s.asOf) },
  ];
  const repeatShareRevenue = share(o.repeatRevenue, o.revenue);
  const reading = [
    say('report.overview.reading', { customers: o.customers, orders: o.orders, revenue: ctx.money(o.revenue), first: ctx.day(o.firstDay), last: ctx.day(o.lastDay) }),
    say('report.overview.repeatReading', { share: pct(o.repeatShare), revenueShare: pct(repeatShareRevenue) }),
  ];
  const notes: string[] = [];
  if (o.ordersWithoutBuyer > 0) notes.push(say('report.overview.noBuyer', { n: o.ordersWithoutBuyer }));
  notes.push(say('report.overview.counted'));
  const months = o.monthly.map((m) => m.month);
  const chart: ChartSpec = {
    id: 'overview-monthly',
    label: say('report.overview.chart'),
    width: WIDTH,
    height: 320,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'category', data: months, name: say('report.overview.month'), nameLocation: 'middle', nameGap: 36 },
      yAxis: { type: 'value', name: say('report.w.netRevenueOf', { currency: ctx.currency }) },
      series: [
        { name: say('report.overview.first'), type: 'bar', stack: 'revenue', data: o.monthly.map((m) => ctx.major(m.new_revenue)) },
        { name: say('report.overview.repeats'), type: 'bar', stack: 'revenue', data: o.monthly.map((m) => ctx.major(m.repeat_revenue)) },
      ],
    }),
  };
  const sources: Report = {
    columns: [
      { key: 'platform', zh: '平台', kind: 'text' },
      { key: 'shop', zh: '店铺', kind: 'text' },
      { key: 'customers', zh: '客户数', kind: 'int' },
    ],
    rows: o.sources.map((x) => ({ ...x })),
  };
  return {
    id: 'overview',
    title: say('report.overview.title'),
    figures,
    reading,
    charts: [chart],
    tables: o.sources.length > 1 ? [{ caption: say('report.overview.sources'), report: sources }] : [],
    notes,
  };
}

function segmentName(ctx: Ctx, row: { segment: string; zh: string }): string {
  return ctx.lang === 'zh' ? row.zh : row.segment;
}

function segments(seg: SegmentsSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const rows = seg.rows;
  const names = rows.map((r) => segmentName(ctx, r));
  const largest = rows.reduce((a, b) => (b.customers > a.customers ? b : a));
  const richest = rows[0]; // sorted by revenue
  const customers = rows.reduce((sum, r) => sum + r.customers, 0);
  const recent = seg.grid.filter((c) => c.r > seg.bins / 2 + 0.5);
  const recentCustomers = recent.reduce((sum, c) => sum + c.customers, 0);
  const totalRevenue = seg.grid.reduce((sum, c) => sum + c.revenue, 0);
  const recentRevenue = recent.reduce((sum, c) => sum + c.revenue, 0);
  const recentScores = seg.bins % 2 === 0 ? `${seg.bins / 2 + 1}–${seg.bins}` : `${(seg.bins + 3) / 2}–${seg.bins}`;
  const scheme = seg.scheme === 'cn8' ? say('report.segments.cn8') : say('report.segments.default', { bins: seg.bins });
  const reading = [
    say('report.segments.reading', {
      largest: segmentName(ctx, largest), largestShare: pct(largest.share_customers), richest: segmentName(ctx, richest), richestShare: pct(richest.share_revenue),
    }),
    say('report.segments.recent', { scores: recentScores, share: pct(share(recentCustomers, customers)), revenueShare: pct(share(recentRevenue, totalRevenue)) }),
  ];
  const bars: ChartSpec = {
    id: 'segments-bars',
    label: say('report.segments.bars'),
    width: WIDTH,
    height: Math.max(260, 60 + rows.length * 34),
    option: {
      legend: { top: 0, right: 0 },
      grid: { left: 10, right: 40, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: say('report.segments.share'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        { name: say('report.w.customersSeries'), type: 'bar', data: rows.map((r) => round1((r.share_customers ?? 0) * 100)), label: { show: true, position: 'right', formatter: '{c}%' } },
        { name: say('report.w.revenue'), type: 'bar', data: rows.map((r) => round1((r.share_revenue ?? 0) * 100)), label: { show: true, position: 'right', formatter: '{c}%' } },
      ],
    },
  };
  const scores = Array.from({ length: seg.bins }, (_, i) => String(i + 1));
  const fmLevels = Array.from({ length: 2 * seg.bins - 1 }, (_, j) => String(1 + j / 2));
  const maxCell = Math.max(1, ...seg.grid.map((c) => c.customers));
  const grid: ChartSpec = {
    id: 'segments-grid',
    label: say('report.segments.grid'),
    width: WIDTH,
    height: 420,
    option: {
      grid: { left: 60, right: 20, top: 40, bottom: 100 },
      xAxis: { type: 'category', data: fmLevels, name: say('report.segments.fmAxis', { bins: seg.bins }), nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
      yAxis: { type: 'category', data: scores, name: say('report.segments.rAxis', { bins: seg.bins }), nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
      visualMap: { min: 0, max: maxCell, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, text: [say('report.w.more'), say('report.w.fewer')] },
      series: [{
        name: say('report.w.customers'),
        type: 'heatmap',
        data: seg.grid.map((c) => [2 * (c.fm - 1), c.r - 1, c.customers]),
        label: { show: true },
      }],
    },
  };
  const columns: Column[] = [
    { key: 'segment', zh: '客户分群', kind: 'text' },
    ...SHARE_COLUMNS,
    { key: 'avg_recency_days', zh: '平均最近购买距今天数', kind: 'number', digits: 1 },
    { key: 'avg_frequency', zh: '平均购买次数', kind: 'number', digits: 2 },
    { key: 'avg_monetary', zh: '平均消费金额', kind: 'money' },
    { key: 'aov', zh: '客单价', kind: 'money' },
  ];
  return {
    id: 'segments',
    title: say('report.segments.title'),
    figures: [
      { label: say('report.segments.count'), value: int(rows.filter((r) => r.customers > 0).length) },
      { label: say('report.segments.scored'), value: int(customers) },
    ],
    reading,
    charts: [bars, grid],
    tables: [{ caption: say('report.segments.table'), report: { currency: ctx.currency, columns, rows: rows.map((r) => ({ ...r, segment: segmentName(ctx, r) })) } }],
    notes: [say('report.segments.note', { scheme })],
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function pareto(p: ParetoSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const gini = p.gini === null ? '–' : p.gini.toFixed(3);
  const reading = [
    say('report.pareto.reading', { top20: pct(p.top20Share), n: p.customersFor80, share: pct(p.shareFor80) }),
    say('report.pareto.gini', { gini }),
  ];
  const chart: ChartSpec = {
    id: 'pareto-curve',
    label: say('report.pareto.chart'),
    width: WIDTH,
    height: 380,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'value', min: 0, max: 100, name: say('report.pareto.xAxis'), nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', min: 0, max: 100, name: say('report.pareto.yAxis') },
      series: [
        {
          name: say('report.pareto.cumulative'),
          type: 'line',
          showSymbol: false,
          data: p.curve.map(([x, y]) => [round1(x * 100), round1(y * 100)]),
          markLine: {
            symbol: 'none',
            label: { formatter: say('report.pareto.top20') },
            data: [{ xAxis: 20 }],
          },
          markPoint: {
            symbol: 'circle',
            symbolSize: 8,
            label: { position: 'right', formatter: `${pct(p.top20Share)}` },
            data: [{ coord: [20, round1((p.top20Share ?? 0) * 100)] }],
          },
        },
        { name: say('report.pareto.equal'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: [[0, 0], [100, 100]] },
      ],
    }),
  };
  const classes: Report = {
    currency: ctx.currency,
    columns: [
      { key: 'class', zh: 'ABC分类', kind: 'text' },
      ...SHARE_COLUMNS,
    ],
    rows: p.classes.map((c) => ({ ...c })),
  };
  return {
    id: 'pareto',
    title: say('report.pareto.title'),
    figures: [
      { label: say('report.pareto.top20Figure'), value: pct(p.top20Share) },
      { label: say('report.pareto.for80Figure'), value: say('report.customersShare', { n: p.customersFor80, share: pct(p.shareFor80) }) },
      { label: say('report.pareto.giniFigure'), value: gini },
    ],
    reading,
    charts: [chart],
    tables: [{ caption: say('report.pareto.classes'), report: classes }],
    notes: [],
  };
}

const MODEL_LABELS: Record<string, string> = { bgnbd: 'BG/NBD', pnbd: 'Pareto/NBD', mbgnbd: 'MBG/NBD', gg: 'Gamma-Gamma' };
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ', 'p*gamma': 'p·γ', 'q/gamma': 'q/γ' };

function clusterName(ctx: Ctx, c: { name: string; zh: string }): string {
  return ctx.lang === 'zh' ? c.zh : c.name;
}

function clusters(c: ClustersSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('report.clusters.title');
  if (c.status !== 'ok') {
    return { id: 'clusters', title, figures: [], reading: [], charts: [], tables: [], notes: [say('report.clusters.tooFew', { n: c.customers })] };
  }
  const rows = c.rows;
  const top = rows[0];
  const bottom = rows[rows.length - 1];
  const series: Record<string, unknown>[] = rows.map((r, i) => ({
    name: clusterName(ctx, r),
    type: 'scatter',
    symbolSize: 4,
    itemStyle: { opacity: 0.55 },
    data: c.sample.filter((p) => p[2] === i).map((p) => [p[0], p[1]]),
  }));
  series.push({
    name: say('report.clusters.centres'),
    type: 'scatter',
    symbol: 'diamond',
    symbolSize: 16,
    itemStyle: { color: '#222', borderColor: '#fff', borderWidth: 1 },
    data: rows.filter((r) => r.centroid_frequency > 0 && r.centroid_monetary > 0).map((r) => [round2(r.centroid_frequency), ctx.major(r.centroid_monetary)]),
  });
  const scatter: ChartSpec = {
    id: 'clusters-scatter',
    label: c.sample.length + c.offScale < c.customers
      ? say('report.clusters.sample', { sample: c.sample.length, n: c.customers })
      : say('report.clusters.every'),
    width: WIDTH,
    height: 420,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'log', name: say('report.clusters.xAxis'), nameLocation: 'middle', nameGap: 30, min: 1 },
      yAxis: { type: 'log', name: say('report.clusters.yAxis', { currency: ctx.currency }) },
      series,
    }),
  };
  const table: Report = {
    currency: ctx.currency,
    columns: [
      { key: 'cluster', zh: '聚类', kind: 'text' },
      ...SHARE_COLUMNS,
      { key: 'centroid_recency_days', zh: '中心-最近购买距今天数', kind: 'number', digits: 1 },
      { key: 'centroid_frequency', zh: '中心-购买次数', kind: 'number', digits: 2 },
      { key: 'centroid_monetary', zh: '中心-消费金额', kind: 'money' },
    ],
    rows: rows.map((r) => ({ ...r, cluster: clusterName(ctx, r) })),
  };
  const notes = [say('report.clusters.method', { k: c.k })];
  if (c.offScale > 0) notes.push(say('report.clusters.offScale', { n: c.offScale }));
  return {
    id: 'clusters',
    title,
    figures: rows.map((r) => ({ label: clusterName(ctx, r), value: say('report.customersShare', { n: r.customers, share: pct(r.share_customers) }) })),
    reading: [
      say('report.clusters.top', {
        name: clusterName(ctx, top), n: top.customers, share: pct(top.share_customers), revenueShare: pct(top.share_revenue),
        frequency: String(round2(top.centroid_frequency)), monetary: ctx.money(top.centroid_monetary),
      }),
      say('report.clusters.bottom', {
        name: clusterName(ctx, bottom), n: bottom.customers, share: pct(bottom.share_customers), revenueShare: pct(bottom.share_revenue), days: Math.round(bottom.centroid_recency_days),
      }),
    ],
    charts: [scatter],
    tables: [{ caption: say('report.clusters.table'), report: table }],
    notes,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function cohorts(c: CohortsSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const labels = c.cohorts.map((x) => x.label);
  const cells: [number, number, number][] = [];
  let maxReturn = 0;
  c.cohorts.forEach((row, y) =>
    row.retention.forEach((v, k) => {
      if (v === null) return;
      cells.push([k, y, round1(v * 100)]);
      if (k > 0) maxReturn = Math.max(maxReturn, v * 100);
    }),
  );
  const months = Array.from({ length: c.periods }, (_, k) => String(k));
  const heatmap: ChartSpec = {
    id: 'cohorts-heatmap',
    label: say('report.cohorts.heatmap'),
    width: WIDTH,
    height: Math.max(300, 120 + c.cohorts.length * 22),
    option: {
      grid: { left: 80, right: 20, top: 30, bottom: 90 },
      xAxis: { type: 'category', data: months, name: say('report.w.monthsSince'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, inverse: true, name: say('report.w.firstOrderMonth') },
      visualMap: { min: 0, max: Math.max(1, Math.ceil(maxReturn)), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 240, text: [say('report.cohorts.moreReturn'), say('report.w.fewer')] },
      series: [{ name: say('report.cohorts.retention'), type: 'heatmap', data: cells, label: { show: c.periods <= 13, fontSize: 10 } }],
    },
  };
  const curveSet = new Set(c.curves);
  const curves: ChartSpec = {
    id: 'cohorts-curves',
    label: say('report.cohorts.curves', { currency: ctx.currency }),
    width: WIDTH,
    height: 360,
    option: cartesian({
      legend: { top: 0, right: 0, type: 'plain' },
      xAxis: { type: 'category', data: months, name: say('report.w.monthsSince'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: say('report.cohorts.perCustomer', { currency: ctx.currency }) },
      series: [
        ...c.cohorts.filter((x) => curveSet.has(x.label)).map((x) => ({ name: x.label, type: 'line', showSymbol: false, data: x.ltv.map((v) => (v === null ? null : ctx.major(v))) })),
        { name: say('report.cohorts.average'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed', width: 3, color: '#222' }, itemStyle: { color: '#222' }, data: c.averageLtv.map((v) => (v === null ? null : ctx.major(v))) },
      ],
    }),
  };
  const m1 = c.averageRetention[1] ?? null;
  const k6 = Math.min(6, c.periods - 1);
  const k12 = Math.min(12, c.periods - 1);
  const notes: string[] = [];
  if (c.totalCohorts > c.cohorts.length) notes.push(say('report.cohorts.newest', { shown: c.cohorts.length, total: c.totalCohorts }));
  if (c.ownEnds) notes.push(say('report.cohorts.ownEnds'));
  else if (c.lastPeriodPartial) notes.push(say('report.cohorts.partial'));
  notes.push(say('report.cohorts.blank'));
  return {
    id: 'cohorts',
    title: say('report.cohorts.title'),
    figures: [
      { label: say('report.cohorts.count'), value: int(c.totalCohorts) },
      { label: say('report.cohorts.nextMonth'), value: pct(m1) },
      { label: say('report.cohorts.after', { k: k12 }), value: ctx.money(c.averageLtv[k12] ?? null) },
    ],
    reading: [
      say('report.cohorts.reading', { m1: pct(m1), k: k6, mk: pct(c.averageRetention[k6] ?? null) }),
      say('report.cohorts.value', { first: ctx.money(c.averageLtv[0] ?? null), total: ctx.money(c.averageLtv[k12] ?? null), k: k12 }),
    ],
    charts: [heatmap, curves],
    tables: [],
    notes,
  };
}

const STATUS_TEXT = { active: 'report.status.active', at_risk: 'report.status.at_risk', churned: 'report.status.churned' } as const satisfies Record<ChurnStatus, MessageKey>;

function churn(c: ChurnSection, segmentNames: Map<string, string>, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('report.churn.title');
  if (c.status !== 'ok') return { id: 'churn', title, figures: [], reading: [], charts: [], tables: [], notes: [say('report.churn.noGaps')] };
  const status = (s: ChurnStatus) => say(STATUS_TEXT[s]);
  const share = (n: number) => (c.customers > 0 ? n / c.customers : null);
  const pie: ChartSpec = {
    id: 'churn-status',
    label: say('report.churn.pie'),
    width: 460,
    height: 300,
    option: {
      legend: { bottom: 0 },
      color: ['#5470c6', '#fac858', '#ee6666'],
      series: [{
        name: say('report.w.customersSeries'),
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        percentPrecision: 1,
        label: { formatter: '{b}: {d}%' },
        data: CHURN_ORDER.map((s) => ({ name: status(s), value: c.counts[s] })),
      }],
    },
  };
  const segName = (g: string) => (ctx.lang === 'zh' ? (segmentNames.get(g) ?? g) : g);
  const bySegment: ChartSpec = {
    id: 'churn-by-segment',
    label: say('report.churn.bySegment'),
    width: WIDTH,
    height: Math.max(240, 60 + c.bySegment.length * 26),
    option: {
      grid: { left: 10, right: 50, top: 20, bottom: 40, outerBoundsMode: 'same' },
      xAxis: { type: 'value', max: 100, name: say('report.w.churnedPct'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: c.bySegment.map((g) => segName(g.group)), inverse: true },
      series: [{ name: say('report.w.churnRate'), type: 'bar', data: c.bySegment.map((g) => round1(g.churn_rate * 100)), label: { show: true, position: 'right', formatter: '{c}%' } }],
    },
  };
  const byCohort: ChartSpec = {
    id: 'churn-by-cohort',
    label: say('report.churn.byCohort'),
    width: WIDTH,
    height: 300,
    option: cartesian({
      xAxis: { type: 'category', data: c.byCohort.map((g) => g.group), name: say('report.w.firstOrderMonth'), nameLocation: 'middle', nameGap: 36 },
      yAxis: { type: 'value', max: 100, name: say('report.w.churnedPct') },
      series: [{ name: say('report.w.churnRate'), type: 'bar', data: c.byCohort.map((g) => round1(g.churn_rate * 100)) }],
    }),
  };
  const ranked = c.bySegment.filter((g) => g.customers > 0);
  const worst = ranked.reduce((a, b) => (b.churn_rate > a.churn_rate ? b : a));
  const best = ranked.reduce((a, b) => (b.churn_rate < a.churn_rate ? b : a));
  // every segment at the highest (lowest) rate is named: a shop whose data ended long ago has many at 100%
  const at = (rate: number) => ranked.filter((g) => pct(g.churn_rate) === pct(rate)).map((g) => segName(g.group));
  const segments =
    pct(worst.churn_rate) === pct(best.churn_rate)
      ? say('report.churn.segmentsSame', { rate: pct(worst.churn_rate) })
      : say('report.churn.segments', { worst: at(worst.churn_rate), worstRate: pct(worst.churn_rate), best: at(best.churn_rate), bestRate: pct(best.churn_rate) });
  return {
    id: 'churn',
    title,
    figures: [
      ...CHURN_ORDER.map((s) => ({ label: status(s), value: say('report.customersShare', { n: c.counts[s], share: pct(share(c.counts[s])) }) })),
      { label: say('report.churn.line'), value: int(c.threshold) },
    ],
    reading: [
      say('report.churn.reading', { churned: pct(share(c.counts.churned)), atRisk: pct(share(c.counts.at_risk)) }),
      segments,
    ],
    charts: [pie, bySegment, byCohort],
    tables: [],
    notes: [say(c.thresholdSource === 'days' ? 'report.churn.ruleGiven' : 'report.churn.rulePercentile', { k: c.k, g: c.threshold })],
  };
}

const CHURN_ORDER: ChurnStatus[] = ['active', 'at_risk', 'churned'];

/** What makes the estimates doubtful, said (the value is a count, a day count, q or r). */
/** What a limit means (`one dropout rate for everyone`), as ltv's notes say it. */
function boundaryText(lang: Lang, kind: BoundaryKind | undefined): string {
  return kind ? say(lang, `fit.boundary.${kind}`) : '';
}

function checkText(say: Say, code: LtvCheck, v: number | null, model: string, kind: string): string {
  switch (code) {
    case 'at_limit': return say('report.ltv.check.at_limit', { model, kind });
    case 'spend_at_limit': return say('report.ltv.check.at_limit', { model: MODEL_LABELS.gg, kind });
    case 'few_repeat': return say('report.ltv.check.few_repeat', { n: Math.round(v ?? 0) });
    case 'short_history': return say('report.ltv.check.short_history', { n: Math.round(v ?? 0) });
    case 'infinite_spend_mean': return say('report.ltv.check.infinite_spend_mean', { q: (v ?? 0).toFixed(3) });
    case 'spend_correlated': return say('report.ltv.check.spend_correlated', { r: (v ?? 0).toFixed(2) });
    default: return say(`report.ltv.check.${code}`);
  }
}

function ltv(l: LtvSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('report.ltv.title');
  if (l.status === 'no_repeat') {
    return { id: 'ltv', title, figures: [{ label: say('report.w.customers'), value: int(l.customers) }], reading: [], charts: [], tables: [], notes: [say('report.ltv.noRepeat', { end: ctx.day(l.calibrationEnd) })] };
  }
  if (l.status === 'refused') return ltvRefused(l, title, ctx);
  const model = MODEL_LABELS[l.model] ?? l.model;
  const horizon = say('report.w.months', { n: l.horizonMonths });
  const unit = say(`ltv.unit.${l.unit}`);
  const discount = say('report.w.perYear', { rate: pct(l.discountPerYear, 0) });
  const binLabel = (b: { from: number; to: number | null }) => (b.to === null ? `≥ ${ctx.money(b.from)}` : `${ctx.money(b.from)}–${ctx.money(b.to)}`);
  const charts: ChartSpec[] = [];
  if (l.histogram.length > 0) {
    charts.push({
      id: 'ltv-histogram',
      label: say('report.ltv.histogram', { horizon, currency: ctx.currency }),
      width: WIDTH,
      height: 340,
      option: cartesian({
        grid: { left: 70, right: 30, top: 30, bottom: 90 },
        xAxis: { type: 'category', data: l.histogram.map(binLabel), name: say('report.ltv.predictedClv'), nameLocation: 'middle', nameGap: 70, axisLabel: { rotate: 35, fontSize: 10 } },
        yAxis: { type: 'value', name: say('report.w.customers') },
        series: [{ name: say('report.w.customers'), type: 'bar', barCategoryGap: '8%', data: l.histogram.map((b) => b.customers) }],
      }),
    });
  }
  const freq = l.expectedByFrequency.map((g) => g.frequency);
  if (l.holdout) {
    const rows = l.holdout.rows.filter((r) => r.calibration_frequency !== 'all');
    charts.push({
      id: 'ltv-calibration',
      label: say('report.ltv.calibration', { days: l.holdout.days, end: ctx.day(l.holdout.calibrationEnd) }),
      width: WIDTH,
      height: 340,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: rows.map((r) => r.calibration_frequency), name: say('report.ltv.repeatDaysBefore'), nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'value', name: say('report.ltv.perCustomer') },
        series: [
          { name: say('report.ltv.actual'), type: 'line', data: rows.map((r) => round3(r.actual_per_customer)) },
          { name: say('report.ltv.predicted'), type: 'line', lineStyle: { type: 'dashed' }, data: rows.map((r) => round3(r.predicted_per_customer)) },
        ],
      }),
    });
  } else {
    charts.push({
      id: 'ltv-expected',
      label: say('report.ltv.expected', { horizon }),
      width: WIDTH,
      height: 320,
      option: cartesian({
        xAxis: { type: 'category', data: freq, name: say('report.ltv.repeatDays'), nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'value', name: say('report.ltv.expectedPurchases') },
        series: [{ name: say('report.ltv.expectedPurchases'), type: 'bar', data: l.expectedByFrequency.map((g) => (g.expected_per_customer === null ? null : round3(g.expected_per_customer))) }],
      }),
    });
  }
  const first = l.expectedByFrequency[0];
  const last = l.expectedByFrequency[l.expectedByFrequency.length - 1];
  const hold = l.holdout?.rows.find((r) => r.calibration_frequency === 'all');
  const params: Report = {
    columns: [
      { key: 'model', zh: '模型', kind: 'text' },
      { key: 'parameter', zh: '参数', kind: 'text' },
      { key: 'estimate', zh: '估计值', kind: 'number', digits: 4 },
      { key: 'se', zh: '标准误', kind: 'number', digits: 4 },
    ],
    rows: [
      ...l.params.map((p) => ({ model, parameter: GREEK[p.name] ?? p.name, estimate: p.estimate, se: p.se })),
      ...(l.spendParams ?? []).map((p) => ({ model: MODEL_LABELS.gg, parameter: GREEK[p.name] ?? p.name, estimate: p.estimate, se: p.se })),
    ],
  };
  return {
    id: 'ltv',
    title,
    figures: [
      { label: say('report.ltv.model'), value: model },
      { label: say('report.ltv.clvTotal', { horizon }), value: ctx.money(l.clvTotal) },
      { label: say('report.ltv.clvMean'), value: ctx.money(l.clvMean) },
      { label: say('report.ltv.inFit'), value: int(l.repeatCustomers) },
      { label: say('report.ltv.likelihood'), value: `${l.logLikelihood.toFixed(1)} / ${l.aic.toFixed(1)}` },
    ],
    reading: [
      // no CLV (no spend model, or one that did not converge): no sentence of dashes; the notes say why
      // no expected purchases for some customers: that is why there is no CLV (not a missing spend model)
      l.purchasesMissing > 0
        ? say('report.ltv.readingNoPurchases', { model, missing: l.purchasesMissing, n: l.customers })
        : l.clvTotal === null ? say('report.ltv.readingNoClv', { horizon }) : say('report.ltv.reading', { horizon, total: ctx.money(l.clvTotal), mean: ctx.money(l.clvMean), discount }),
      hold
        ? say('report.ltv.holdout', { end: ctx.day(l.holdout!.calibrationEnd), predicted: String(round3(hold.predicted_per_customer)), actual: String(round3(hold.actual_per_customer)) })
        : byFrequencyReading(first, last, say),
    ].filter((line) => line !== null),
    charts,
    tables: [{ caption: l.spendParams ? say('report.ltv.params', { model, unit, currency: ctx.currency }) : say('report.ltv.paramsNoSpend', { model, unit }), report: params }],
    notes: [
      ...l.checks.map((x) => checkText(say, x.code, x.value, model, boundaryText(ctx.lang, x.kind))),
      // no CLV for anyone: the method is the purchase model alone, not "CLV … for 0 of N customers"
      l.purchasesMissing > 0 ? say('report.ltv.methodNoPurchases', { model }) : l.clvTotal === null ? say('report.ltv.methodNoClv', { model, horizon }) : say('report.ltv.method', { model, horizon, discount, clvCustomers: l.clvCustomers, customers: l.customers }),
    ],
  };
}

/** Why the fit made no prediction (the reasons `orderlens ltv` gives when it exits 1), and what to try. */
function ltvRefused(l: Extract<LtvSection, { status: 'refused' }>, title: string, ctx: Ctx): DocSection {
  const { say } = ctx;
  const r = l.refusal;
  const figures: Figure[] = [{ label: say('report.w.customers'), value: int(r.customers) }];
  let why: string;
  if (r.code === 'flat_likelihood') {
    why = say('report.ltv.flat', { n: r.customers, end: ctx.day(l.calibrationEnd) });
  } else if (r.code === 'one_repeat_each') {
    figures.push({ label: say('report.ltv.repeatCustomers'), value: int(r.repeatCustomers) });
    why = say('report.ltv.oneRepeat', { n: r.customers, end: ctx.day(l.calibrationEnd), repeat: r.repeatCustomers, gap: r.medianGapDays });
  } else if (r.code === 'no_repeat') {
    why = say('report.ltv.noRepeat', { end: ctx.day(l.calibrationEnd) });
  } else {
    figures.push({ label: say('report.ltv.repeatCustomers'), value: int(r.repeatCustomers) });
    // how each fit ended, as `orderlens ltv` says it (the count of repeat buyers is not the reason)
    const tried = speak(ctx.lang, triedSaid(l.fits));
    why = l.fits.length === 1 && r.repeatCustomers < r.need
      ? say('report.ltv.noFallback', { tried, n: r.customers, repeat: r.repeatCustomers, need: r.need })
      : say('report.ltv.noConvergence', { tried, n: r.customers, repeat: r.repeatCustomers });
  }
  return { id: 'ltv', title, figures, reading: [why], charts: [], tables: [], notes: [] };
}

/** Section 8: the stored snapshots over time, as `orderlens trend` lists them. */
function trend(t: TrendSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('report.trend.title');
  const notes: string[] = [];
  if (t.skipped > 0) notes.push(say('report.trend.skipped', { n: t.skipped }));
  if (t.rows.length < 2) {
    const have = t.rows.length === 0 ? say('report.trend.none') : say('report.trend.one', { label: t.rows[0].label, day: ctx.day(t.rows[0].as_of) });
    return { id: 'trend', title, figures: [{ label: say(t.rows.length === 1 ? 'report.w.snapshot' : 'report.w.snapshots'), value: int(t.rows.length) }], reading: [have, say('report.trend.take')], charts: [], tables: [], notes };
  }
  const labels = t.rows.map((r) => r.as_of);
  const first = t.rows[0];
  const last = t.rows[t.rows.length - 1];
  const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const charts: ChartSpec[] = [
    {
      id: 'trend-customers',
      label: say('report.trend.customersChart'),
      width: WIDTH,
      height: 320,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: labels, name: say('report.w.snapshotAsOf'), nameLocation: 'middle', nameGap: 36 },
        yAxis: { type: 'value', name: say('report.w.customers') },
        series: [
          { name: say('report.trend.before'), type: 'bar', stack: 'customers', data: t.rows.map((r) => r.customers - r.new_customers) },
          { name: say('report.trend.new'), type: 'bar', stack: 'customers', data: t.rows.map((r) => r.new_customers) },
        ],
      }),
    },
    {
      id: 'trend-status',
      label: say('report.trend.statusChart'),
      width: WIDTH,
      height: 340,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: labels, name: say('report.w.snapshotAsOf'), nameLocation: 'middle', nameGap: 36 },
        yAxis: { type: 'value', name: '%', max: 100 },
        series: [
          { name: say(STATUS_TEXT.active), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.active_share)) },
          { name: say(STATUS_TEXT.at_risk), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.at_risk_share)) },
          { name: say(STATUS_TEXT.churned), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.churned_share)) },
          { name: say('report.trend.repeatRate'), type: 'line', lineStyle: { type: 'dashed' }, data: t.rows.map((r) => percent(r.repeat_rate)) },
          { name: say('report.w.churnRate'), type: 'line', lineStyle: { type: 'dotted' }, data: t.rows.map((r) => percent(r.churn_rate)) },
        ],
      }),
    },
  ];
  const table: Report = {
    currency: ctx.currency,
    // the columns of `orderlens trend`, from the column dictionary; the label where one differs from its day
    // (backfilled snapshots are labelled by their day)
    columns: [
      ...(t.rows.some((r) => r.label !== r.as_of) ? [col('label')] : []),
      ...(['as_of', 'customers', 'new_customers', 'repeat_rate', 'active_share', 'at_risk_share', 'churned_share', 'churn_rate@period', 'avg_p_alive', 'avg_clv'] as const).map((c) => col(c)),
    ],
    rows: t.rows.map((r) => ({ ...r })),
  };
  return {
    id: 'trend',
    title,
    figures: [
      { label: say('report.w.snapshots'), value: int(t.rows.length) },
      { label: say('report.trend.customersOn', { day: ctx.day(last.as_of) }), value: int(last.customers) },
      { label: say('report.trend.lastChurn'), value: pct(last.churn_rate) },
    ],
    reading: [
      say('report.trend.reading', {
        first: ctx.day(first.as_of), last: ctx.day(last.as_of), from: first.customers, to: last.customers, repeatFrom: pct(first.repeat_rate), repeatTo: pct(last.repeat_rate),
      }),
      say('report.trend.churn', { before: ctx.day(t.rows[t.rows.length - 2].as_of), rate: pct(last.churn_rate), last: ctx.day(last.as_of) }),
    ],
    charts,
    tables: [{ caption: say('report.trend.table'), report: table }],
    notes: [...notes, say('report.trend.note')],
  };
}

/**
 * The most and least frequent buyers' expected purchases, compared; null when the model gives either band none
 * (a fit at its boundary): no sentence on numbers that are not there.
 */
function byFrequencyReading(first: { frequency: string; expected_per_customer: number | null }, last: { frequency: string; expected_per_customer: number | null }, say: Say): string | null {
  const least = first.expected_per_customer;
  const most = last.expected_per_customer;
  if (least === null || most === null) return null;
  // one band only (every customer alike): one clause, not "those with 2 … those with 2"
  if (first.frequency === last.frequency) return say('report.ltv.byFrequencyOne', { most: last.frequency, mostExpected: String(round2(most)) });
  // "only" where the least frequent buyers are expected to buy less (BG/NBD's one-time buyers, alive by
  // assumption, can be expected to buy as much as frequent buyers who have long been away, or more)
  return say(round2(least) < round2(most) ? 'report.ltv.byFrequency' : 'report.ltv.byFrequencyNotLess', {
    most: last.frequency, mostExpected: String(round2(most)), least: first.frequency, leastExpected: String(round2(least)),
  });
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function topCustomers(rows: TopCustomer[], ctx: Ctx): DocSection {
  const { say } = ctx;
  const report: Report = {
    currency: ctx.currency,
    columns: [
      { key: 'rank', zh: '排名', kind: 'int' },
      { key: 'customer', zh: '客户', kind: 'text' },
      { key: 'key', zh: '买家键', kind: 'text' },
      { key: 'platform', zh: '平台', kind: 'text' },
      { key: 'shop', zh: '店铺', kind: 'text' },
      { key: 'orders', zh: '订单数', kind: 'int' },
      { key: 'revenue', zh: '净收入', kind: 'money' },
      { key: 'last_order', zh: '末单日期', kind: 'day' },
      { key: 'segment', zh: '客户分群', kind: 'text' },
    ],
    rows: rows.map((r) => ({ ...r, segment: ctx.lang === 'zh' ? r.zh : r.segment })),
  };
  return {
    id: 'customers',
    title: say('report.customers.title', { n: rows.length }),
    figures: [],
    reading: [],
    charts: [],
    tables: [{ caption: say('report.customers.table'), report }],
    notes: [say('report.customers.note')],
  };
}
