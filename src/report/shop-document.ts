/**
 * The words and pictures of `orderlens report`, in English or Chinese: titles, key numbers, the two-line
 * reading of each section, and the ECharts options of its charts, from the section data of shop-sections.ts.
 * Every number printed here is one of that data's, formatted.
 */
import { displayMoney, formatMinor } from '../domain/money.js';
import type { Column, Report } from '../output/report.js';
import type { DocSection, Figure, HtmlReportDoc } from '../output/html-report.js';
import type { ChartSpec } from '../output/svg-chart.js';
import type { OverviewSection, ParetoSection, SegmentsSection, ShopSections } from './shop-sections.js';

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

export const SECTION_IDS = ['overview', 'segments', 'pareto'] as const;

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
    sections: [overview(o, s, ctx), segments(s.segments, ctx), pareto(s.pareto, ctx)],
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
  const maxCell = Math.max(1, ...seg.grid.map((c) => c.customers));
  const grid: ChartSpec = {
    id: 'segments-grid',
    label: say('Customers by recency score and frequency score', '按 R 分与 F 分划分的客户数'),
    width: 560,
    height: 440,
    option: {
      grid: { left: 60, right: 20, top: 40, bottom: 100 },
      xAxis: { type: 'category', data: scores, name: say('F score (5 = most orders)', 'F 分（5 = 购买最多）'), nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
      yAxis: { type: 'category', data: scores, name: say('R score (5 = most recent)', 'R 分（5 = 最近购买）'), nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
      visualMap: { min: 0, max: maxCell, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, text: [say('more', '多'), say('fewer', '少')] },
      series: [{
        name: say('customers', '客户数'),
        type: 'heatmap',
        data: seg.grid.map((c) => [c.f - 1, c.r - 1, c.customers]),
        label: { show: true },
      }],
    },
  };
  const columns: Column[] = [
    { key: 'segment', zh: '客户分群', kind: 'text' },
    { key: 'customers', zh: '客户数', kind: 'int' },
    { key: 'share_customers', zh: '客户占比', kind: 'percent' },
    { key: 'revenue', zh: '净收入', kind: 'money' },
    { key: 'share_revenue', zh: '收入占比', kind: 'percent' },
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
      { key: 'customers', zh: '客户数', kind: 'int' },
      { key: 'share_customers', zh: '客户占比', kind: 'percent' },
      { key: 'revenue', zh: '净收入', kind: 'money' },
      { key: 'share_revenue', zh: '收入占比', kind: 'percent' },
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
