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
import type {
  ChurnSection, ClustersSection, CohortsSection, LtvCheck, LtvSection, OverviewSection, ParetoSection, SegmentsSection, ShopSections, TopCustomer, TrendSection,
} from './shop-sections.js';

export type Lang = 'en' | 'zh';

/** Picks the English or the Chinese text. */
type Say = (en: string, zh: string) => string;

interface Ctx {
  lang: Lang;
  say: Say;
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
  const say: Say = (en, zh) => (lang === 'zh' ? zh : en);
  const ctx: Ctx = {
    lang,
    say,
    currency: s.currency,
    digits: s.minorDigits,
    money: (minor) => (minor === null || !Number.isFinite(minor) ? '–' : displayMoney(Math.round(minor), s.currency)),
    major: (minor) => Number(formatMinor(Math.round(minor), s.minorDigits)),
  };
  const o = s.overview;
  const shops = o.sources.map((x) => `${x.platform}/${x.shop}`).join(', ');
  return {
    lang,
    title: say('Customer report', '客户分析报告'),
    subtitle: say(
      `${shops} · as of ${s.asOf} (orders before this day count) · amounts in ${s.currency}, net of refunds`,
      `${shops} · 截至 ${s.asOf}（统计此日之前的订单）· 金额单位 ${s.currency}，已扣除退款`,
    ),
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
    footer: say(
      `Made by orderlens ${appVersion} from the local database; charts rendered to SVG with Apache ECharts when the file was built. This file makes no network requests.`,
      `由 orderlens ${appVersion} 根据本地数据库生成；图表在生成时由 Apache ECharts 渲染为 SVG。本文件不发起任何网络请求。`,
    ),
  };
}

/** Grid and axis defaults shared by the cartesian charts. */
function cartesian(extra: Record<string, unknown>): Record<string, unknown> {
  return { grid: { left: 70, right: 30, top: 40, bottom: 60 }, ...extra };
}

function overview(o: OverviewSection, s: ShopSections, ctx: Ctx): DocSection {
  const { say } = ctx;
  const figures: Figure[] = [
    { label: say('customers', '客户数'), value: int(o.customers) },
    { label: say('orders', '订单数'), value: int(o.orders) },
    { label: say('net revenue', '净收入'), value: ctx.money(o.revenue) },
    { label: say('repeat buyers (bought on 2+ days)', '复购客户占比（2天及以上有购买）'), value: pct(o.repeatShare) },
    { label: say('first – last order', '首单 – 末单日期'), value: `${o.firstDay ?? '–'} – ${o.lastDay ?? '–'}` },
    { label: say('currency', '币种'), value: s.currency },
    { label: say('as of', '截至日期'), value: s.asOf },
  ];
  const repeatShareRevenue = share(o.repeatRevenue, o.revenue);
  const reading = [
    say(
      `${int(o.customers)} customers placed ${int(o.orders)} orders worth ${ctx.money(o.revenue)} between ${o.firstDay} and ${o.lastDay}.`,
      `${o.firstDay} 至 ${o.lastDay}，${int(o.customers)} 位客户共下单 ${int(o.orders)} 笔，净收入 ${ctx.money(o.revenue)}。`,
    ),
    say(
      `${pct(o.repeatShare)} of customers came back on another day; their later purchases made ${pct(repeatShareRevenue)} of revenue.`,
      `${pct(o.repeatShare)} 的客户在另一天再次购买；这些复购带来了 ${pct(repeatShareRevenue)} 的收入。`,
    ),
  ];
  const notes: string[] = [];
  if (o.ordersWithoutBuyer > 0) {
    notes.push(say(
      `${int(o.ordersWithoutBuyer)} orders have no buyer identity in their export and are left out of every customer figure.`,
      `${int(o.ordersWithoutBuyer)} 笔订单在导出文件中没有买家标识，未计入任何客户指标。`,
    ));
  }
  notes.push(say(
    'Cancelled, unpaid and fully refunded orders never count; revenue is net of refunds.',
    '已取消、未付款和全额退款的订单不计入；收入为扣除退款后的净收入。',
  ));
  const months = o.monthly.map((m) => m.month);
  const chart: ChartSpec = {
    id: 'overview-monthly',
    label: say('Net revenue per month, from first and from repeat purchases', '每月净收入：首购与复购'),
    width: WIDTH,
    height: 320,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'category', data: months, name: say('month', '月份'), nameLocation: 'middle', nameGap: 36 },
      yAxis: { type: 'value', name: say(`net revenue (${ctx.currency})`, `净收入（${ctx.currency}）`) },
      series: [
        { name: say('first purchases', '首购'), type: 'bar', stack: 'revenue', data: o.monthly.map((m) => ctx.major(m.new_revenue)) },
        { name: say('repeat purchases', '复购'), type: 'bar', stack: 'revenue', data: o.monthly.map((m) => ctx.major(m.repeat_revenue)) },
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
    title: say('1. Overview', '1. 总览'),
    figures,
    reading,
    charts: [chart],
    tables: o.sources.length > 1 ? [{ caption: say('Customers per platform and shop', '各平台与店铺的客户数'), report: sources }] : [],
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
  const scheme = seg.scheme === 'cn8'
    ? say('the Chinese eight-class model (R, F, M each above or below its mean)', '八类客户模型（R、F、M 各自与均值比较高低）')
    : say(`the 11-segment map of R score × (F + M)/2, ${seg.bins} bins by quantile`, `R 分 × (F + M)/2 的 11 类分群，按分位数分为 ${seg.bins} 档`);
  const reading = [
    say(
      `The largest segment is ${segmentName(ctx, largest)} (${pct(largest.share_customers)} of customers); ${segmentName(ctx, richest)} bring the most revenue (${pct(richest.share_revenue)}).`,
      `人数最多的分群是${segmentName(ctx, largest)}（占客户 ${pct(largest.share_customers)}）；贡献收入最多的是${segmentName(ctx, richest)}（占收入 ${pct(richest.share_revenue)}）。`,
    ),
    say(
      `Customers who bought recently (R score ${recentScores}) are ${pct(share(recentCustomers, customers))} of all and bring ${pct(share(recentRevenue, totalRevenue))} of revenue.`,
      `近期购买的客户（R 分 ${recentScores}）占全部客户的 ${pct(share(recentCustomers, customers))}，贡献 ${pct(share(recentRevenue, totalRevenue))} 的收入。`,
    ),
  ];
  const bars: ChartSpec = {
    id: 'segments-bars',
    label: say('Share of customers and of revenue per segment', '各分群的客户占比与收入占比'),
    width: WIDTH,
    height: Math.max(260, 60 + rows.length * 34),
    option: {
      legend: { top: 0, right: 0 },
      grid: { left: 10, right: 40, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: say('share (%)', '占比（%）'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        { name: say('customers', '客户'), type: 'bar', data: rows.map((r) => round1((r.share_customers ?? 0) * 100)), label: { show: true, position: 'right', formatter: '{c}%' } },
        { name: say('revenue', '收入'), type: 'bar', data: rows.map((r) => round1((r.share_revenue ?? 0) * 100)), label: { show: true, position: 'right', formatter: '{c}%' } },
      ],
    },
  };
  const scores = Array.from({ length: seg.bins }, (_, i) => String(i + 1));
  const fmLevels = Array.from({ length: 2 * seg.bins - 1 }, (_, j) => String(1 + j / 2));
  const maxCell = Math.max(1, ...seg.grid.map((c) => c.customers));
  const grid: ChartSpec = {
    id: 'segments-grid',
    label: say('The R × FM grid: customers per recency score and (F + M)/2, where the segment map draws its segments', 'R × FM 网格：各 R 分与 (F + M)/2 组合的客户数（分群规则即画在此网格上）'),
    width: WIDTH,
    height: 420,
    option: {
      grid: { left: 60, right: 20, top: 40, bottom: 100 },
      xAxis: { type: 'category', data: fmLevels, name: say(`FM = (F score + M score) / 2 (${seg.bins} = most orders and revenue)`, `FM =（F 分 + M 分）/ 2（${seg.bins} = 购买次数与金额最高）`), nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
      yAxis: { type: 'category', data: scores, name: say(`R score (${seg.bins} = most recent)`, `R 分（${seg.bins} = 最近购买）`), nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
      visualMap: { min: 0, max: maxCell, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, text: [say('more', '多'), say('fewer', '少')] },
      series: [{
        name: say('customers', '客户数'),
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
    title: say('2. RFM segments', '2. RFM 客户分群'),
    figures: [
      { label: say('segments', '分群数'), value: int(rows.filter((r) => r.customers > 0).length) },
      { label: say('customers scored', '参与评分客户'), value: int(customers) },
    ],
    reading,
    charts: [bars, grid],
    tables: [{ caption: say('Segments', '分群明细'), report: { currency: ctx.currency, columns, rows: rows.map((r) => ({ ...r, segment: segmentName(ctx, r) })) } }],
    notes: [say(`Segments: ${scheme}. Recency is days since the last order before the as-of day.`, `分群方法：${scheme}。R 为截至日期前最后一次下单距今的天数。`)],
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function pareto(p: ParetoSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const gini = p.gini === null ? '–' : p.gini.toFixed(3);
  const reading = [
    say(
      `The top 20% of customers bring ${pct(p.top20Share)} of revenue; ${int(p.customersFor80)} customers (${pct(p.shareFor80)}) make 80% of it.`,
      `前 20% 的客户贡献了 ${pct(p.top20Share)} 的收入；${int(p.customersFor80)} 位客户（${pct(p.shareFor80)}）贡献了 80% 的收入。`,
    ),
    say(
      `Gini ${gini}: 0 would mean every customer spends the same; the closer to 1, the more the shop rests on a few customers.`,
      `基尼系数 ${gini}：0 表示每位客户消费相同；越接近 1，店铺越依赖少数客户。`,
    ),
  ];
  const chart: ChartSpec = {
    id: 'pareto-curve',
    label: say('Cumulative share of revenue by share of customers', '累计收入占比与客户占比'),
    width: WIDTH,
    height: 380,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'value', min: 0, max: 100, name: say('customers, highest revenue first (%)', '客户（按收入从高到低，%）'), nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', min: 0, max: 100, name: say('share of revenue (%)', '收入占比（%）') },
      series: [
        {
          name: say('cumulative revenue', '累计收入'),
          type: 'line',
          showSymbol: false,
          data: p.curve.map(([x, y]) => [round1(x * 100), round1(y * 100)]),
          markLine: {
            symbol: 'none',
            label: { formatter: say('top 20%', '前 20%') },
            data: [{ xAxis: 20 }],
          },
          markPoint: {
            symbol: 'circle',
            symbolSize: 8,
            label: { position: 'right', formatter: `${pct(p.top20Share)}` },
            data: [{ coord: [20, round1((p.top20Share ?? 0) * 100)] }],
          },
        },
        { name: say('everyone spends the same', '人人消费相同'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: [[0, 0], [100, 100]] },
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
    title: say('3. 80/20: who brings the revenue', '3. 二八分析：收入来自谁'),
    figures: [
      { label: say('revenue from the top 20%', '前 20% 客户的收入占比'), value: pct(p.top20Share) },
      { label: say('customers making 80% of revenue', '贡献 80% 收入的客户'), value: `${int(p.customersFor80)} (${pct(p.shareFor80)})` },
      { label: say('Gini coefficient', '基尼系数'), value: gini },
    ],
    reading,
    charts: [chart],
    tables: [{ caption: say('ABC classes: A until 80% of revenue, B until 95%, C the rest', 'ABC 分类：A 累计至 80% 收入，B 至 95%，C 为其余'), report: classes }],
    notes: [],
  };
}

const MODEL_LABELS: Record<string, string> = { bgnbd: 'BG/NBD', pnbd: 'Pareto/NBD', mbgnbd: 'MBG/NBD', gg: 'Gamma-Gamma' };
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };

function clusterName(ctx: Ctx, c: { name: string; zh: string }): string {
  return ctx.lang === 'zh' ? c.zh : c.name;
}

function clusters(c: ClustersSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('4. Value clusters', '4. 价值聚类');
  if (c.status !== 'ok') {
    return {
      id: 'clusters', title, figures: [], reading: [], charts: [], tables: [],
      notes: [say(`Only ${int(c.customers)} customers: k-means needs at least 3 to form key, ordinary and small customers.`, `仅有 ${int(c.customers)} 位客户：k-means 至少需要 3 位客户才能分出重要、普通和小客户。`)],
    };
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
    name: say('cluster centres', '聚类中心'),
    type: 'scatter',
    symbol: 'diamond',
    symbolSize: 16,
    itemStyle: { color: '#222', borderColor: '#fff', borderWidth: 1 },
    data: rows.filter((r) => r.centroid_frequency > 0 && r.centroid_monetary > 0).map((r) => [round2(r.centroid_frequency), ctx.major(r.centroid_monetary)]),
  });
  const scatter: ChartSpec = {
    id: 'clusters-scatter',
    label: c.sample.length + c.offScale < c.customers
      ? say(`Orders and net revenue per customer (log scales; a seeded sample of ${int(c.sample.length)} of ${int(c.customers)} customers)`, `每位客户的订单数与净收入（对数刻度；从 ${int(c.customers)} 位客户中固定种子抽样 ${int(c.sample.length)} 位）`)
      : say(`Orders and net revenue per customer (log scales; every customer)`, `每位客户的订单数与净收入（对数刻度；全部客户）`),
    width: WIDTH,
    height: 420,
    option: cartesian({
      legend: { top: 0, right: 0 },
      xAxis: { type: 'log', name: say('orders (log scale)', '订单数（对数刻度）'), nameLocation: 'middle', nameGap: 30, min: 1 },
      yAxis: { type: 'log', name: say(`net revenue (${ctx.currency}, log scale)`, `净收入（${ctx.currency}，对数刻度）`) },
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
  const notes = [
    say(
      `k-means on standardized log recency, frequency and monetary value (k = ${c.k}, seed 42), as \`orderlens segments\` computes it; centres in original units.`,
      `对标准化后的对数 R、F、M 做 k-means 聚类（k = ${c.k}，种子 42），与 \`orderlens segments\` 的计算相同；中心为原始单位。`,
    ),
  ];
  if (c.offScale > 0) notes.push(say(`${int(c.offScale)} customers with net revenue of 0 or less cannot sit on a log scale and are not drawn.`, `${int(c.offScale)} 位净收入小于等于 0 的客户无法在对数刻度上显示，未画出。`));
  return {
    id: 'clusters',
    title,
    figures: rows.map((r) => ({ label: clusterName(ctx, r), value: `${int(r.customers)} (${pct(r.share_customers)})` })),
    reading: [
      say(
        `${clusterName(ctx, top)}: ${int(top.customers)} customers (${pct(top.share_customers)}) bring ${pct(top.share_revenue)} of revenue; their centre bought ${round2(top.centroid_frequency)} times for ${ctx.money(top.centroid_monetary)}.`,
        `${clusterName(ctx, top)}：${int(top.customers)} 位（${pct(top.share_customers)}）贡献 ${pct(top.share_revenue)} 的收入；其中心客户购买 ${round2(top.centroid_frequency)} 次，消费 ${ctx.money(top.centroid_monetary)}。`,
      ),
      say(
        `${clusterName(ctx, bottom)}: ${int(bottom.customers)} customers (${pct(bottom.share_customers)}) bring ${pct(bottom.share_revenue)}; their centre last bought ${Math.round(bottom.centroid_recency_days)} days ago.`,
        `${clusterName(ctx, bottom)}：${int(bottom.customers)} 位（${pct(bottom.share_customers)}）贡献 ${pct(bottom.share_revenue)}；其中心客户上次购买在 ${Math.round(bottom.centroid_recency_days)} 天前。`,
      ),
    ],
    charts: [scatter],
    tables: [{ caption: say('Clusters', '聚类明细'), report: table }],
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
    label: say('Retention: share of each cohort buying in each month since the first order (%)', '留存：各同期群在首单后各月有购买的客户比例（%）'),
    width: WIDTH,
    height: Math.max(300, 120 + c.cohorts.length * 22),
    option: {
      grid: { left: 80, right: 20, top: 30, bottom: 90 },
      xAxis: { type: 'category', data: months, name: say('months since the first order', '首单后月数'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, inverse: true, name: say('first-order month', '首单月份') },
      visualMap: { min: 0, max: Math.max(1, Math.ceil(maxReturn)), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 240, text: [say('more return', '回购多'), say('fewer', '少')] },
      series: [{ name: say('retention (%)', '留存率（%）'), type: 'heatmap', data: cells, label: { show: c.periods <= 13, fontSize: 10 } }],
    },
  };
  const curveSet = new Set(c.curves);
  const curves: ChartSpec = {
    id: 'cohorts-curves',
    label: say(`Cumulative net revenue per customer by months since the first order (${ctx.currency})`, `首单后各月人均累计净收入（${ctx.currency}）`),
    width: WIDTH,
    height: 360,
    option: cartesian({
      legend: { top: 0, right: 0, type: 'plain' },
      xAxis: { type: 'category', data: months, name: say('months since the first order', '首单后月数'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: say(`per customer (${ctx.currency})`, `人均（${ctx.currency}）`) },
      series: [
        ...c.cohorts.filter((x) => curveSet.has(x.label)).map((x) => ({ name: x.label, type: 'line', showSymbol: false, data: x.ltv.map((v) => (v === null ? null : ctx.major(v))) })),
        { name: say('average', '平均'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed', width: 3, color: '#222' }, itemStyle: { color: '#222' }, data: c.averageLtv.map((v) => (v === null ? null : ctx.major(v))) },
      ],
    }),
  };
  const m1 = c.averageRetention[1] ?? null;
  const k6 = Math.min(6, c.periods - 1);
  const k12 = Math.min(12, c.periods - 1);
  const notes: string[] = [];
  if (c.totalCohorts > c.cohorts.length) notes.push(say(`The newest ${c.cohorts.length} of ${c.totalCohorts} monthly cohorts are shown; \`orderlens cohorts\` lists them all.`, `仅显示最近 ${c.cohorts.length} 个月度同期群（共 ${c.totalCohorts} 个）；\`orderlens cohorts\` 列出全部。`));
  if (c.lastPeriodPartial) notes.push(say('The newest month is not over yet at the as-of day: its cells count part of a month.', '截至日期时最新一个月尚未结束：其单元格只统计了部分月份。'));
  notes.push(say('Blank cells are months that have not happened yet; the average weights each cohort by its size.', '空白单元格为尚未到来的月份；平均值按同期群规模加权。'));
  return {
    id: 'cohorts',
    title: say('5. Cohorts: do new customers come back?', '5. 同期群：新客户会回来吗？'),
    figures: [
      { label: say('monthly cohorts', '月度同期群'), value: int(c.totalCohorts) },
      { label: say('buy again the next month', '次月回购'), value: pct(m1) },
      { label: say(`revenue per customer after ${k12} months`, `${k12} 个月后人均累计收入`), value: ctx.money(c.averageLtv[k12] ?? null) },
    ],
    reading: [
      say(
        `On average ${pct(m1)} of a month's new customers buy again the month after; ${k6} months on, ${pct(c.averageRetention[k6] ?? null)} buy in that month.`,
        `平均而言，每月新客户中有 ${pct(m1)} 在下个月再次购买；${k6} 个月后，仍有 ${pct(c.averageRetention[k6] ?? null)} 在当月购买。`,
      ),
      say(
        `A new customer brings ${ctx.money(c.averageLtv[0] ?? null)} in the first month and ${ctx.money(c.averageLtv[k12] ?? null)} in total after ${k12} months (cohorts that have got that far).`,
        `新客户首月带来 ${ctx.money(c.averageLtv[0] ?? null)}，${k12} 个月后累计带来 ${ctx.money(c.averageLtv[k12] ?? null)}（仅计已满该月数的同期群）。`,
      ),
    ],
    charts: [heatmap, curves],
    tables: [],
    notes,
  };
}

const STATUS_TEXT: Record<ChurnStatus, [string, string]> = { active: ['active', '活跃'], at_risk: ['at risk', '有流失风险'], churned: ['churned', '已流失'] };

function churn(c: ChurnSection, segmentNames: Map<string, string>, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('6. Churn', '6. 客户流失');
  if (c.status !== 'ok') {
    return {
      id: 'churn', title, figures: [], reading: [], charts: [], tables: [],
      notes: [say('No customer bought on two different days before the as-of day, so there is no gap between purchases to tell a pause from a loss: churn cannot be measured yet.', '截至日期前没有客户在两个不同日期购买，无法从购买间隔区分暂停与流失：暂时无法衡量流失。')],
    };
  }
  const status = (s: ChurnStatus) => say(...STATUS_TEXT[s]);
  const share = (n: number) => (c.customers > 0 ? n / c.customers : null);
  const pie: ChartSpec = {
    id: 'churn-status',
    label: say('Customers by status', '各状态客户'),
    width: 460,
    height: 300,
    option: {
      legend: { bottom: 0 },
      color: ['#5470c6', '#fac858', '#ee6666'],
      series: [{
        name: say('customers', '客户'),
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
    label: say('Churn rate by segment (%)', '各分群流失率（%）'),
    width: WIDTH,
    height: Math.max(240, 60 + c.bySegment.length * 26),
    option: {
      grid: { left: 10, right: 50, top: 20, bottom: 40, outerBoundsMode: 'same' },
      xAxis: { type: 'value', max: 100, name: say('churned (%)', '已流失（%）'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: c.bySegment.map((g) => segName(g.group)), inverse: true },
      series: [{ name: say('churn rate', '流失率'), type: 'bar', data: c.bySegment.map((g) => round1(g.churn_rate * 100)), label: { show: true, position: 'right', formatter: '{c}%' } }],
    },
  };
  const byCohort: ChartSpec = {
    id: 'churn-by-cohort',
    label: say('Churn rate by first-order month (%)', '按首单月份的流失率（%）'),
    width: WIDTH,
    height: 300,
    option: cartesian({
      xAxis: { type: 'category', data: c.byCohort.map((g) => g.group), name: say('first-order month', '首单月份'), nameLocation: 'middle', nameGap: 36 },
      yAxis: { type: 'value', max: 100, name: say('churned (%)', '已流失（%）') },
      series: [{ name: say('churn rate', '流失率'), type: 'bar', data: c.byCohort.map((g) => round1(g.churn_rate * 100)) }],
    }),
  };
  const ranked = c.bySegment.filter((g) => g.customers > 0);
  const worst = ranked.reduce((a, b) => (b.churn_rate > a.churn_rate ? b : a));
  const best = ranked.reduce((a, b) => (b.churn_rate < a.churn_rate ? b : a));
  return {
    id: 'churn',
    title,
    figures: [
      ...CHURN_ORDER.map((s) => ({ label: status(s), value: `${int(c.counts[s])} (${pct(share(c.counts[s]))})` })),
      { label: say('churn line G (days)', '流失阈值 G（天）'), value: int(c.threshold) },
    ],
    reading: [
      say(
        `${pct(share(c.counts.churned))} of customers have churned (away longer than their own buying rhythm allows) and ${pct(share(c.counts.at_risk))} are at risk (more than halfway there).`,
        `${pct(share(c.counts.churned))} 的客户已流失（未购买的时间超出其自身购买节奏所允许的范围），${pct(share(c.counts.at_risk))} 有流失风险（已超过一半）。`,
      ),
      say(
        `Churn is highest among ${segName(worst.group)} (${pct(worst.churn_rate)}) and lowest among ${segName(best.group)} (${pct(best.churn_rate)}).`,
        `流失率最高的分群是${segName(worst.group)}（${pct(worst.churn_rate)}），最低的是${segName(best.group)}（${pct(best.churn_rate)}）。`,
      ),
    ],
    charts: [pie, bySegment, byCohort],
    tables: [],
    notes: [
      say(
        `Churned: days since the last order > max(G, ${c.k} × the customer's median gap between purchase days); at risk: more than half of that. G = ${int(c.threshold)} days, ${c.thresholdSource === 'days' ? 'given' : 'the 90th percentile of all gaps between purchase days of repeat customers'} (as \`orderlens churn\` computes it).`,
        `已流失：距最后一次下单的天数超过 G 与 ${c.k} × 该客户购买间隔中位数 两者中的较大者；有流失风险：超过其一半。G = ${int(c.threshold)} 天，${c.thresholdSource === 'days' ? '为指定值' : '为所有复购客户购买间隔的第 90 百分位数'}（与 \`orderlens churn\` 的计算相同）。`,
      ),
    ],
  };
}

const CHURN_ORDER: ChurnStatus[] = ['active', 'at_risk', 'churned'];

const CHECK_TEXT: Record<LtvCheck, (v: number | null) => [string, string]> = {
  not_converged: () => ['The model fit did not converge: treat these predictions as unreliable.', '模型拟合未收敛：以下预测不可靠。'],
  few_repeat: (v) => [`Only ${int(v ?? 0)} repeat customers (fewer than 100): the estimates are uncertain.`, `仅有 ${int(v ?? 0)} 位复购客户（少于 100）：估计值不确定性大。`],
  short_history: (v) => [`Only ${int(v ?? 0)} days of history (less than 180): a pause is hard to tell from a loss.`, `历史数据仅 ${int(v ?? 0)} 天（少于 180 天）：难以区分暂停与流失。`],
  no_spend_model: () => ['No repeat customer with positive spend: the spend model cannot be fitted, so there is no CLV.', '没有消费金额为正的复购客户：无法拟合消费模型，因此没有 CLV。'],
  infinite_spend_mean: (v) => [`Gamma-Gamma q = ${(v ?? 0).toFixed(3)} ≤ 1: one-time buyers get no expected spend or CLV.`, `Gamma-Gamma 模型 q = ${(v ?? 0).toFixed(3)} ≤ 1：一次性购买客户没有预期消费额和 CLV。`],
  bgnbd_one_time_alive: () => ['BG/NBD gives every one-time buyer P(alive) = 1 (a known property of the model), so their expected purchases are high; --model mbgnbd or pnbd lets them drop out.', 'BG/NBD 模型认为每位一次性购买客户的存活概率都为 1（该模型的已知特性），因此其预期购买次数偏高；--model mbgnbd 或 pnbd 允许他们流失。'],
  spend_correlated: (v) => [`Frequency and spend are correlated (r = ${(v ?? 0).toFixed(2)}); the spend model assumes they are not, so expected spend may be biased.`, `购买频次与消费额相关（r = ${(v ?? 0).toFixed(2)}）；消费模型假设二者独立，预期消费额可能有偏差。`],
};

function ltv(l: LtvSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('7. Lifetime value', '7. 客户终身价值');
  if (l.status === 'no_repeat') {
    return {
      id: 'ltv', title, figures: [{ label: say('customers', '客户数'), value: int(l.customers) }], reading: [], charts: [], tables: [],
      notes: [say('No customer bought on two different days before the as-of day: a repeat-purchase model cannot be fitted, so there is no lifetime value to show.', '截至日期前没有客户在两个不同日期购买：无法拟合复购模型，因此没有终身价值可显示。')],
    };
  }
  if (l.status === 'refused') return ltvRefused(l, title, ctx);
  const model = MODEL_LABELS[l.model] ?? l.model;
  const horizon = say(`${l.horizonMonths} months`, `${l.horizonMonths} 个月`);
  const discount = say(`${pct(l.discountPerYear, 0)} a year`, `每年 ${pct(l.discountPerYear, 0)}`);
  const binLabel = (b: { from: number; to: number | null }) => (b.to === null ? `≥ ${ctx.money(b.from)}` : `${ctx.money(b.from)}–${ctx.money(b.to)}`);
  const charts: ChartSpec[] = [];
  if (l.histogram.length > 0) {
    charts.push({
      id: 'ltv-histogram',
      label: say(`Predicted CLV over ${horizon}: customers per range (${ctx.currency})`, `未来 ${horizon} 预测 CLV：各区间客户数（${ctx.currency}）`),
      width: WIDTH,
      height: 340,
      option: cartesian({
        grid: { left: 70, right: 30, top: 30, bottom: 90 },
        xAxis: { type: 'category', data: l.histogram.map(binLabel), name: say('predicted CLV', '预测 CLV'), nameLocation: 'middle', nameGap: 70, axisLabel: { rotate: 35, fontSize: 10 } },
        yAxis: { type: 'value', name: say('customers', '客户数') },
        series: [{ name: say('customers', '客户数'), type: 'bar', barCategoryGap: '8%', data: l.histogram.map((b) => b.customers) }],
      }),
    });
  }
  const freq = l.expectedByFrequency.map((g) => g.frequency);
  if (l.holdout) {
    const rows = l.holdout.rows.filter((r) => r.calibration_frequency !== 'all');
    charts.push({
      id: 'ltv-calibration',
      label: say(`Purchases per customer in the ${l.holdout.days}-day holdout after ${l.holdout.calibrationEnd}: predicted vs actual`, `${l.holdout.calibrationEnd} 之后 ${l.holdout.days} 天验证期内人均购买次数：预测与实际`),
      width: WIDTH,
      height: 340,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: rows.map((r) => r.calibration_frequency), name: say('repeat purchase days before the holdout', '验证期前的复购天数'), nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'value', name: say('purchases per customer', '人均购买次数') },
        series: [
          { name: say('actual', '实际'), type: 'line', data: rows.map((r) => round3(r.actual_per_customer)) },
          { name: say('predicted', '预测'), type: 'line', lineStyle: { type: 'dashed' }, data: rows.map((r) => round3(r.predicted_per_customer)) },
        ],
      }),
    });
  } else {
    charts.push({
      id: 'ltv-expected',
      label: say(`Expected purchases per customer in the next ${horizon}, by repeat purchase days so far`, `未来 ${horizon} 人均预期购买次数（按目前复购天数）`),
      width: WIDTH,
      height: 320,
      option: cartesian({
        xAxis: { type: 'category', data: freq, name: say('repeat purchase days so far', '目前的复购天数'), nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'value', name: say('expected purchases', '预期购买次数') },
        series: [{ name: say('expected purchases', '预期购买次数'), type: 'bar', data: l.expectedByFrequency.map((g) => round3(g.expected_per_customer)) }],
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
      { label: say('model', '模型'), value: model },
      { label: say(`predicted CLV, next ${horizon}, all customers`, `未来 ${horizon} 预测 CLV 合计`), value: ctx.money(l.clvTotal) },
      { label: say('per customer', '人均'), value: ctx.money(l.clvMean) },
      { label: say('repeat customers in the fit', '参与拟合的复购客户'), value: int(l.repeatCustomers) },
      { label: say('log-likelihood / AIC', '对数似然 / AIC'), value: `${l.logLikelihood.toFixed(1)} / ${l.aic.toFixed(1)}` },
    ],
    reading: [
      say(
        `Over the next ${horizon} the model expects these customers to bring ${ctx.money(l.clvTotal)} (${ctx.money(l.clvMean)} each, discounted ${discount}).`,
        `模型预计这些客户在未来 ${horizon} 带来 ${ctx.money(l.clvTotal)}（人均 ${ctx.money(l.clvMean)}，按 ${discount} 折现）。`,
      ),
      hold
        ? say(
            `Checked on the holdout after ${l.holdout!.calibrationEnd}: ${round3(hold.predicted_per_customer)} purchases per customer predicted, ${round3(hold.actual_per_customer)} happened.`,
            `在 ${l.holdout!.calibrationEnd} 之后的验证期检验：预测人均购买 ${round3(hold.predicted_per_customer)} 次，实际 ${round3(hold.actual_per_customer)} 次。`,
          )
        : say(
            `Customers with ${last.frequency} repeat purchase days are expected to buy ${round2(last.expected_per_customer)} times each, those with ${first.frequency} only ${round2(first.expected_per_customer)} times; run with --holdout DATE to check the model against what happened.`,
            `复购 ${last.frequency} 天的客户预计人均购买 ${round2(last.expected_per_customer)} 次，复购 ${first.frequency} 天的仅 ${round2(first.expected_per_customer)} 次；使用 --holdout DATE 可用实际数据检验模型。`,
          ),
    ],
    charts,
    tables: [{ caption: say(`Model parameters (${model} per week; Gamma-Gamma in ${ctx.currency})`, `模型参数（${model} 以周为单位；Gamma-Gamma 以 ${ctx.currency} 为单位）`), report: params }],
    notes: [
      ...l.checks.map((x) => say(...CHECK_TEXT[x.code](x.value))),
      say(
        `As \`orderlens ltv\` computes it: ${model} + Gamma-Gamma, CLV over ${horizon} discounted ${discount}, margin 100%, for ${int(l.clvCustomers)} of ${int(l.customers)} customers.`,
        `与 \`orderlens ltv\` 的计算相同：${model} + Gamma-Gamma，未来 ${horizon} 的 CLV，按 ${discount} 折现，毛利率 100%，覆盖 ${int(l.customers)} 位客户中的 ${int(l.clvCustomers)} 位。`,
      ),
    ],
  };
}

/** Why the fit made no prediction (the reasons `orderlens ltv` gives when it exits 1), and what to try. */
function ltvRefused(l: Extract<LtvSection, { status: 'refused' }>, title: string, ctx: Ctx): DocSection {
  const { say } = ctx;
  const r = l.refusal;
  const figures: Figure[] = [{ label: say('customers', '客户数'), value: int(r.customers) }];
  let why: string;
  if (r.code === 'flat_likelihood') {
    why = say(
      `Every one of the ${int(r.customers)} customers bought on a single day up to ${l.calibrationEnd}, so the data say nothing about how often customers buy or when they stop: no lifetime value is predicted. A later --as-of, or a longer history, gives the model something to fit.`,
      `截至 ${l.calibrationEnd}，全部 ${int(r.customers)} 位客户都只在同一天购买过，数据无法说明客户多久买一次、何时流失：因此不预测终身价值。请使用更晚的 --as-of，或导入更长的历史数据。`,
    );
  } else {
    figures.push({ label: say('repeat customers', '复购客户'), value: int(r.repeatCustomers) });
    const models = l.models.map((m) => MODEL_LABELS[m] ?? m).join(', ');
    const tried = say(`No model converged (${models}) on these ${int(r.customers)} customers`, `在这 ${int(r.customers)} 位客户上没有模型收敛（${models}）`);
    why = r.repeatCustomers < r.need
      ? say(
          `${tried}: too few repeat buyers (${int(r.repeatCustomers)}; the models need about ${int(r.need)}). No lifetime value is predicted rather than one that cannot be trusted: import a longer history or more shops, or use \`orderlens ltv --method simple\`.`,
          `${tried}：复购客户太少（${int(r.repeatCustomers)} 位；模型大约需要 ${int(r.need)} 位）。与其给出不可信的数字，这里不预测终身价值：请导入更长的历史或更多店铺，或使用 \`orderlens ltv --method simple\`。`,
        )
      : say(
          `${tried} (${int(r.repeatCustomers)} repeat buyers). No lifetime value is predicted rather than one that cannot be trusted: try \`orderlens ltv --unit day\`, another --as-of, or \`orderlens ltv --method simple\`.`,
          `${tried}（${int(r.repeatCustomers)} 位复购客户）。与其给出不可信的数字，这里不预测终身价值：可尝试 \`orderlens ltv --unit day\`、换一个 --as-of，或 \`orderlens ltv --method simple\`。`,
        );
  }
  return { id: 'ltv', title, figures, reading: [why], charts: [], tables: [], notes: [] };
}

/** Section 8: the stored snapshots over time, as `orderlens trend` lists them. */
function trend(t: TrendSection, ctx: Ctx): DocSection {
  const { say } = ctx;
  const title = say('8. Trend over snapshots', '8. 快照趋势');
  const notes: string[] = [];
  if (t.skipped > 0) {
    notes.push(say(
      `${int(t.skipped)} stored snapshot${t.skipped === 1 ? ' is' : 's are'} left out: in another currency, taken with other --platform/--shop filters than this report, or after its as-of day.`,
      `${int(t.skipped)} 个已存快照未计入：币种不同、--platform/--shop 筛选与本报告不同，或晚于本报告的截至日期。`,
    ));
  }
  const take = say(
    'Take one with `orderlens snapshot` (say, every month end), or backfill month ends with `orderlens snapshot --every month --since DATE`.',
    '可用 `orderlens snapshot` 记录快照（例如每个月末一次），或用 `orderlens snapshot --every month --since 日期` 补记过去的月末。',
  );
  if (t.rows.length < 2) {
    const have = t.rows.length === 0
      ? say('No snapshot is stored for this report', '本报告没有可用的快照')
      : say(`Only one snapshot is stored for this report (${t.rows[0].label}, as of ${t.rows[0].as_of})`, `本报告只有一个快照（${t.rows[0].label}，截至 ${t.rows[0].as_of}）`);
    return { id: 'trend', title, figures: [{ label: say('snapshots', '快照数'), value: int(t.rows.length) }], reading: [say(`${have}: a trend needs two or more. ${take}`, `${have}：趋势至少需要两个快照。${take}`)], charts: [], tables: [], notes };
  }
  const labels = t.rows.map((r) => r.as_of);
  const first = t.rows[0];
  const last = t.rows[t.rows.length - 1];
  const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const charts: ChartSpec[] = [
    {
      id: 'trend-customers',
      label: say('Customers per snapshot: new since the snapshot before, and the others', '各快照的客户数：较上一快照新增的客户与其余客户'),
      width: WIDTH,
      height: 320,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: labels, name: say('snapshot (as of)', '快照（截至日期）'), nameLocation: 'middle', nameGap: 36 },
        yAxis: { type: 'value', name: say('customers', '客户数') },
        series: [
          { name: say('customers before', '原有客户'), type: 'bar', stack: 'customers', data: t.rows.map((r) => r.customers - r.new_customers) },
          { name: say('new customers', '新增客户'), type: 'bar', stack: 'customers', data: t.rows.map((r) => r.new_customers) },
        ],
      }),
    },
    {
      id: 'trend-status',
      label: say('Active, at-risk and churned shares (%), repeat rate and churn rate since the snapshot before', '活跃、有流失风险、已流失客户占比（%），复购率与较上一快照的流失率'),
      width: WIDTH,
      height: 340,
      option: cartesian({
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: labels, name: say('snapshot (as of)', '快照（截至日期）'), nameLocation: 'middle', nameGap: 36 },
        yAxis: { type: 'value', name: '%', max: 100 },
        series: [
          { name: say(...STATUS_TEXT.active), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.active_share)) },
          { name: say(...STATUS_TEXT.at_risk), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.at_risk_share)) },
          { name: say(...STATUS_TEXT.churned), type: 'line', stack: 'status', areaStyle: {}, data: t.rows.map((r) => percent(r.churned_share)) },
          { name: say('repeat rate', '复购率'), type: 'line', lineStyle: { type: 'dashed' }, data: t.rows.map((r) => percent(r.repeat_rate)) },
          { name: say('churn rate', '流失率'), type: 'line', lineStyle: { type: 'dotted' }, data: t.rows.map((r) => percent(r.churn_rate)) },
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
      { label: say('snapshots', '快照数'), value: int(t.rows.length) },
      { label: say(`customers on ${last.as_of}`, `${last.as_of} 的客户数`), value: int(last.customers) },
      { label: say('churn rate, last period', '最近一期流失率'), value: pct(last.churn_rate) },
    ],
    reading: [
      say(
        `From ${first.as_of} to ${last.as_of} the customers went from ${int(first.customers)} to ${int(last.customers)}; the repeat rate went from ${pct(first.repeat_rate)} to ${pct(last.repeat_rate)}.`,
        `从 ${first.as_of} 到 ${last.as_of}，客户数从 ${int(first.customers)} 变为 ${int(last.customers)}；复购率从 ${pct(first.repeat_rate)} 变为 ${pct(last.repeat_rate)}。`,
      ),
      say(
        `Of the customers not churned on ${t.rows[t.rows.length - 2].as_of}, ${pct(last.churn_rate)} were churned (or gone) on ${last.as_of}.`,
        `在 ${t.rows[t.rows.length - 2].as_of} 尚未流失的客户中，有 ${pct(last.churn_rate)} 到 ${last.as_of} 已流失（或不再计入）。`,
      ),
    ],
    charts,
    tables: [{ caption: say('Per snapshot, as `orderlens trend` lists it', '各快照指标（与 `orderlens trend` 相同）'), report: table }],
    notes: [
      ...notes,
      say(
        'Each snapshot keeps the statuses and values computed with its own settings on its own day; churn rate: of the customers not churned in the snapshot before, the share churned in this one.',
        '每个快照保存的是按其自身设置、在其自身日期计算的状态与数值；流失率：上一快照中尚未流失的客户在本快照中已流失的比例。',
      ),
    ],
  };
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
    title: say(`9. Top ${int(rows.length)} customers by net revenue`, `9. 净收入前 ${int(rows.length)} 位客户`),
    figures: [],
    reading: [],
    charts: [],
    tables: [{ caption: say('Customers (display form as stored: masked unless imported with --keep-pii)', '客户（按数据库中的显示形式：除非导入时使用 --keep-pii，否则已脱敏）'), report }],
    notes: [say('This section holds per-customer data: share the file with care.', '本节包含单个客户的数据：请谨慎分享本文件。')],
  };
}
