/**
 * The section data of `orderlens report` on the demo shop as of 2026-01-01: a golden JSON of the numbers the
 * charts are drawn from (not of SVG bytes), and checks that the sections agree with each other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { loadPurchaseLog } from '../src/db/queries.js';
import { parseDay } from '../src/domain/day.js';
import { computeShopSections, histogram, type ShopSections } from '../src/report/shop-sections.js';
import { describeShop } from '../src/report/shop-document.js';
import { renderHtmlReport } from '../src/output/html-report.js';
import { loadChartRenderer } from '../src/output/svg-chart.js';
import { lastDay } from '../src/domain/purchase-log.js';
import { DEFAULT_SEGMENT_MAP } from '../src/analytics/rfm-segments.js';
import { expectGolden } from './golden.js';
import { randomLog } from './random-log.js';
import { DEMO_AS_OF, demoDb } from './report-shop.js';

let s: ShopSections;
let cn8: ShopSections;

beforeAll(async () => {
  const db = openDb(await demoDb(), { create: false });
  try {
    const log = loadPurchaseLog(db, {});
    const asOf = parseDay(DEMO_AS_OF)!;
    s = computeShopSections(log, { asOf, scheme: 'default' });
    cn8 = computeShopSections(log, { asOf, scheme: 'cn8' });
  } finally {
    db.close();
  }
}, 60_000);

/** Numbers to 6 significant digits and arrays of numbers on one line, so that the golden file reads and diffs well. */
function stable(value: unknown): string {
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v), 2);
  return `${text.replace(/\[\s*((?:-?[\d.e+-]+|null)(?:,\s*(?:-?[\d.e+-]+|null))*)\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`)}\n`;
}

describe('report sections (demo shop)', () => {
  it('overview, segments and 80/20 (golden)', () => {
    expectGolden('report-sections-overview.json', stable({ asOf: s.asOf, currency: s.currency, overview: s.overview, segments: s.segments, cn8: cn8.segments, pareto: s.pareto }));
  });

  it('clusters, cohorts, churn and lifetime value (golden)', () => {
    expectGolden('report-sections-more.json', stable({ clusters: s.clusters, cohorts: s.cohorts, churn: s.churn, ltv: s.ltv }));
  });

  it('the sections add up', () => {
    const o = s.overview;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(s.segments.rows.map((r) => r.customers))).toBe(o.customers);
    expect(sum(cn8.segments.rows.map((r) => r.customers))).toBe(o.customers);
    expect(sum(s.segments.rows.map((r) => r.revenue))).toBeCloseTo(o.revenue, 6);
    expect(sum(s.segments.grid.map((c) => c.customers))).toBe(o.customers);
    expect(sum(o.monthly.map((m) => m.new_customers))).toBe(o.customers); // 24 months hold the demo's whole history
    expect(sum(o.monthly.map((m) => m.new_revenue + m.repeat_revenue))).toBeCloseTo(o.revenue, 6);
    expect(sum(o.monthly.map((m) => m.repeat_revenue))).toBeCloseTo(o.repeatRevenue, 6);
    expect(s.pareto.curve[0]).toEqual([0, 0]);
    expect(s.pareto.curve[100][0]).toBe(1);
    expect(s.pareto.curve[100][1]).toBeCloseTo(1, 12);
    for (let i = 1; i <= 100; i++) expect(s.pareto.curve[i][1]).toBeGreaterThanOrEqual(s.pareto.curve[i - 1][1]);
    expect(s.pareto.curve[20][1]).toBe(s.pareto.top20Share);
    expect(sum(s.pareto.classes.map((c) => c.customers))).toBe(o.customers);
    if (s.clusters.status !== 'ok') throw new Error('clusters expected');
    expect(sum(s.clusters.rows.map((c) => c.customers))).toBe(o.customers);
    expect(sum(s.clusters.rows.map((c) => c.revenue))).toBeCloseTo(o.revenue, 6);
    expect(s.clusters.sample.length + s.clusters.offScale).toBe(o.customers); // 398 < the 1,500 sample: all drawn
    expect(sum(s.cohorts.cohorts.map((c) => c.size))).toBe(o.customers);
    for (const c of s.cohorts.cohorts) expect(c.retention[0]).toBe(1);
    if (s.churn.status !== 'ok') throw new Error('churn expected');
    expect(s.churn.counts.active + s.churn.counts.at_risk + s.churn.counts.churned).toBe(o.customers);
    expect(sum(s.churn.bySegment.map((g) => g.customers))).toBe(o.customers);
    expect(sum(s.churn.byCohort.map((g) => g.customers))).toBe(o.customers);
    if (s.ltv.status !== 'ok') throw new Error('ltv expected');
    expect(s.ltv.repeatCustomers).toBe(o.repeatCustomers);
    expect(sum(s.ltv.histogram.map((b) => b.customers))).toBe(s.ltv.clvCustomers);
    expect(sum(s.ltv.expectedByFrequency.map((g) => g.customers))).toBe(o.customers);
  });

  it('the R × FM grid holds each segment of the default map in its boxes', () => {
    for (const def of DEFAULT_SEGMENT_MAP.segments) {
      const inBoxes = s.segments.grid.filter((c) => def.boxes.some((b) => (!b.r || (c.r >= b.r[0] && c.r <= b.r[1])) && (!b.fm || (c.fm >= b.fm[0] && c.fm <= b.fm[1]))));
      const row = s.segments.rows.find((r) => r.segment === def.name)!;
      expect(inBoxes.reduce((n, c) => n + c.customers, 0), def.name).toBe(row.customers);
    }
    expect(s.segments.grid).toHaveLength(5 * 9);
  });

  it('words agree with the numbers: 1 snapshot (not "1 snapshots"); "only" where one-time buyers are expected to buy less', () => {
    const section = (sections: ShopSections, id: string) => describeShop(sections, 'en', 'test').sections.find((x) => x.id === id)!;
    const row = { label: '2025-12-31', as_of: '2025-12-31' } as unknown as ShopSections['trend']['rows'][number];
    expect(section({ ...s, trend: { skipped: 0, rows: [row] } }, 'trend').figures).toEqual([{ label: 'snapshot', value: '1' }]);
    expect(section({ ...s, trend: { skipped: 0, rows: [] } }, 'trend').figures).toEqual([{ label: 'snapshots', value: '0' }]);
    const ltv = s.ltv;
    if (ltv.status !== 'ok') throw new Error('the demo shop has a fitted ltv');
    const bands = ltv.expectedByFrequency;
    expect(bands[0].expected_per_customer ?? NaN).toBeLessThan(bands[bands.length - 1].expected_per_customer ?? NaN);
    expect(section(s, 'ltv').reading[1]).toMatch(/, those with 0 only \d/);
    // the frequent buyers have long been away: the one-time buyers (alive by assumption) expect as many
    const flat = bands.map((b) => ({ ...b, expected_per_customer: 0.01 }));
    const reading = section({ ...s, ltv: { ...ltv, expectedByFrequency: flat } }, 'ltv').reading[1];
    expect(reading).toMatch(/^Customers with 7\+ repeat purchase days are expected to buy 0\.01 times each, those with 0 0\.01 times;/);
  });

  it('churn by segment names every segment at the highest and at the lowest rate (a tie is not one segment)', () => {
    const churn = s.churn;
    if (churn.status !== 'ok') throw new Error('the demo shop has a churn section');
    const reading = (rates: number[]) => {
      const bySegment = churn.bySegment.map((g, i) => ({ ...g, customers: i < rates.length ? 10 : 0, churn_rate: rates[i] ?? 0 }));
      return describeShop({ ...s, churn: { ...churn, bySegment } }, 'en', 'test').sections.find((x) => x.id === 'churn')!.reading[1];
    };
    const names = churn.bySegment.map((g) => g.group);
    expect(reading([1, 0.5, 1, 0.2])).toBe(`Churn is highest among ${names[0]}, ${names[2]} (100.0%) and lowest among ${names[3]} (20.0%).`);
    expect(reading([0.3, 0.3])).toBe('Every segment has the same churn rate (30.0%).');
  });

  it('histogram: round bins from 0 to the 99th percentile, an open last bin', () => {
    const h = histogram([0, 1, 2, 3, 10, 1000], 5);
    // p99 of 6 values is the 6th (1000); width = 1000/4 = 250
    expect(h).toEqual([
      { from: 0, to: 250, customers: 5 },
      { from: 250, to: 500, customers: 0 },
      { from: 500, to: 750, customers: 0 },
      { from: 750, to: 1000, customers: 0 },
      { from: 1000, to: null, customers: 1 },
    ]);
    expect(histogram([], 5)).toEqual([]);
    expect(histogram([7, 7], 5).map((b) => b.customers)).toEqual([0, 0, 0, 2, 0]); // width 2
    expect(histogram([5, 5, 5], 5)).toEqual([{ from: 0, to: 2, customers: 0 }, { from: 2, to: 4, customers: 0 }, { from: 4, to: 6, customers: 3 }, { from: 6, to: 8, customers: 0 }, { from: 8, to: null, customers: 0 }]);
    expect(histogram([-5, -5], 3)).toEqual([{ from: -5, to: null, customers: 2 }]);
    expect(histogram([-30, 10, 20], 3).map((b) => b.from)).toEqual([-30, -5, 20]);
  });
});

describe('report sections on a large shop', () => {
  it('aggregate: a seeded sample of 1,500 customers, the newest 24 cohorts and months; the page stays small', async () => {
    const log = randomLog(7, 20_000, 5 * 365); // five years of purchases
    const asOf = lastDay(log)! + 1;
    const a = computeShopSections(log, { asOf, scheme: 'default' });
    const b = computeShopSections(log, { asOf, scheme: 'default' });
    expect(a.clusters.status).toBe('ok');
    if (a.clusters.status !== 'ok' || b.clusters.status !== 'ok') return;
    expect(a.clusters.sample.length + (a.clusters.sample.length < 1500 ? a.clusters.offScale : 0)).toBeLessThanOrEqual(1500);
    expect(a.clusters.sample.length).toBeGreaterThan(1400);
    expect(a.clusters.sample).toEqual(b.clusters.sample); // seeded: the same customers every time
    expect(a.cohorts.totalCohorts).toBeGreaterThan(50);
    expect(a.cohorts.cohorts).toHaveLength(24);
    expect(a.cohorts.periods).toBe(24);
    expect(a.cohorts.cohorts[23].label).toBe(a.overview.monthly[23].month); // the newest cohort is the last month
    expect(a.churn.status === 'ok' && a.churn.byCohort.length).toBe(24);
    expect(a.overview.monthly).toHaveLength(24);
    const html = renderHtmlReport(describeShop(a, 'en', 'test'), await loadChartRenderer());
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
    expect(html).toContain(`The newest 24 of ${a.cohorts.totalCohorts} monthly cohorts are shown`);
    expect(html).toContain('a seeded sample of');
  }, 120_000);
});
