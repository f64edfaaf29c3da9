/**
 * The demo shop's report in a real browser (headless Chromium through playwright-core): no console errors, no
 * network requests, every chart drawn with the marks its data asks for (bars = segments, heatmap cells =
 * cohort cells that have happened), Chinese text laid out, and a screenshot (docs/report-demo.png is this
 * screenshot, refreshed with UPDATE_SCREENSHOT=1).
 *
 * Skipped, with a reason in its name, where there is no Chromium ($ORDERLENS_CHROMIUM, default
 * /usr/bin/chromium: Debian's `chromium` package, which .ci/run installs when it can).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { loadPurchaseLog } from '../src/db/queries.js';
import { parseDay } from '../src/domain/day.js';
import { computeShopSections, type ShopSections } from '../src/report/shop-sections.js';
import { orderlens, tempDir } from './cli-harness.js';
import { DEMO_AS_OF, demoDb } from './report-shop.js';
import { repoRoot } from './shared-data.js';

const CHROMIUM = process.env.ORDERLENS_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

interface Visit {
  page: Page;
  errors: string[];
  requests: string[];
}

const TITLE = HAS_CHROMIUM
  ? 'report in a real browser (headless Chromium)'
  : `report in a real browser: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install chromium, or set ORDERLENS_CHROMIUM)`;

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const dir = tempDir();
  let context: BrowserContext;
  let sections: ShopSections;
  let snapshots = 0;
  const files: Record<'en' | 'zh', string> = { en: path.join(dir, 'demo.html'), zh: path.join(dir, 'demo-zh.html') };

  beforeAll(async () => {
    const db = await demoDb();
    // month-end snapshots for section 8 (the trend)
    const snapped = await orderlens(db, ['snapshot', '--every', 'month', '--since', '2025-06-30']);
    expect(snapped.code, snapped.stderr).toBe(0);
    snapshots = snapped.stdout.trim().split('\n').length - 1;
    for (const lang of ['en', 'zh'] as const) {
      const r = await orderlens(db, ['report', '--out', files[lang], '--as-of', DEMO_AS_OF, '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
    }
    const store = openDb(db, { create: false });
    try {
      sections = computeShopSections(loadPurchaseLog(store, {}), { asOf: parseDay(DEMO_AS_OF)!, scheme: 'default' });
    } finally {
      store.close();
    }
    // a fresh profile directory: launchPersistentContext is how playwright takes --user-data-dir
    const profile = mkdtempSync(path.join(tmpdir(), 'orderlens-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1040, height: 1400 } });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  async function open(file: string): Promise<Visit> {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  /** Data marks of a chart series: ECharts tags each drawn data element (and legend item: not counted) with its series and index. */
  const marks = (page: Page, chart: string, series = 0) =>
    page.locator(`[data-chart="${chart}"] svg [ecmeta_ssr_type="chart"][ecmeta_series_index="${series}"][ecmeta_data_index]`).count();

  it('opens with no console errors and no requests; every chart has its marks', async () => {
    const { page, errors, requests } = await open(files.en);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const segments = sections.segments.rows.filter((r) => r.customers > 0).length;
    expect(await marks(page, 'segments-bars')).toBe(segments);
    expect(await marks(page, 'segments-grid')).toBe(sections.segments.bins * (2 * sections.segments.bins - 1)); // R × FM in half steps
    expect(await marks(page, 'overview-monthly')).toBe(sections.overview.monthly.length);
    const cells = sections.cohorts.cohorts.reduce((n, c) => n + c.retention.filter((v) => v !== null).length, 0);
    expect(await marks(page, 'cohorts-heatmap')).toBe(cells);
    const churn = sections.churn;
    if (churn.status === 'ok') {
      expect(await marks(page, 'churn-by-segment')).toBe(churn.bySegment.length);
      expect(await marks(page, 'churn-status')).toBe(3);
    }
    const ltv = sections.ltv;
    if (ltv.status === 'ok') {
      expect(await marks(page, 'ltv-histogram')).toBe(ltv.histogram.length); // empty bins are drawn too, at height 0
      expect(await marks(page, 'ltv-expected')).toBe(ltv.expectedByFrequency.length);
    }
    expect(snapshots).toBe(7);
    expect(await marks(page, 'trend-customers', 0)).toBe(snapshots); // customers before
    expect(await marks(page, 'trend-customers', 1)).toBe(snapshots); // new customers
    if (sections.clusters.status === 'ok') {
      const k = sections.clusters.rows.length;
      let drawn = 0;
      for (let s = 0; s < k; s++) drawn += await marks(page, 'clusters-scatter', s);
      expect(drawn).toBe(sections.clusters.sample.length);
      expect(await marks(page, 'clusters-scatter', k)).toBe(k); // the centres
    }
    // every section is there and visible
    for (const id of ['overview', 'segments', 'pareto', 'clusters', 'cohorts', 'churn', 'ltv', 'trend']) await expect(page.locator(`section#${id}`).isVisible()).resolves.toBe(true);
    const shot = path.join(dir, 'report-demo.png');
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1040, height: 1900 }, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(shot, path.join(repoRoot, 'docs', 'report-demo.png'));
    await page.close();
  }, 120_000);

  it('--lang zh: Chinese text is laid out (glyphs with width), still nothing fetched', async () => {
    const { page, errors, requests } = await open(files.zh);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const title = page.locator('h1');
    await expect(title.textContent()).resolves.toBe('客户分析报告');
    const box = await title.boundingBox();
    expect(box!.width).toBeGreaterThan(60);
    // an axis name drawn inside an SVG
    const svgText = page.locator('[data-chart="segments-grid"] svg text', { hasText: 'R 分' }).first();
    // runs in the page (the DOM types are not in this project's lib): getComputedTextLength of an SVG <text>
    const width = await svgText.evaluate((el) => (el as unknown as { getComputedTextLength(): number }).getComputedTextLength());
    expect(width).toBeGreaterThan(20);
    expect(readFileSync(files.zh, 'utf8')).toContain('重要价值客户');
    await page.close();
  }, 120_000);
});
