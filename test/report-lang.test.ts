/**
 * Issue 22: the HTML report speaks one language, from the message catalogue (src/report/report-messages.ts).
 * Under --lang zh, or a Chinese locale with no --lang, no English word reaches anything a reader sees (titles, key
 * figures, readings, notes, chart captions, the axis names and legends inside the SVG, table headers, aria
 * labels) beyond names, units and codes; under English no Chinese character does. Every section is drawn: the
 * trend (month-end snapshots), the holdout chart and the top customers. Days in sentences are written as the
 * reader writes them (2026年1月1日 in Chinese). Both files stay self-contained.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { DEMO_AS_OF, demoDb } from './report-shop.js';

const dir = tempDir('orderlens-report-lang-');
let db = '';
const ARGS = ['--as-of', DEMO_AS_OF, '--holdout', '2025-06-30', '--customers', '5'];

async function report(name: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const out = path.join(dir, name);
  const r = await orderlens(db, ['report', '--out', out, ...ARGS, ...args], env);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

/**
 * What a reader sees or hears: text between tags (SVG text too), the page title and aria labels; the cells of
 * the top-customers table are left out (buyer names and keys are the shop's data, in whatever script it has).
 */
function readerText(html: string): string {
  const customers = html.indexOf('data-section="customers"');
  let page = html.replace(/<style>[\s\S]*?<\/style>/g, ' ');
  if (customers >= 0) {
    const start = page.indexOf('data-section="customers"');
    page = page.slice(0, start) + page.slice(start).replace(/<td[^>]*>[^<]*<\/td>/g, ' ');
  }
  const labels = [...page.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  return [page.replace(/<[^>]+>/g, ' '), ...labels]
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Latin words a Chinese report may keep: names, units, codes, commands and flags as typed. */
const LATIN_ALLOWED = new Set([
  'orderlens', 'Apache', 'ECharts', 'SVG', 'RFM', 'CNY', 'ABC', 'demo', 'generic', // names and codes (the platform code and shop of the subtitle)
  'FM', 'BG', 'NBD', 'MBG', 'Pareto', 'Gamma', 'AIC', 'CLV', 'means', // models (BG/NBD, Gamma-Gamma, k-means), AIC, CLV
  'segments', 'cohorts', 'churn', 'ltv', 'trend', 'holdout', 'model', 'mbgnbd', 'pnbd', 'keep', 'pii', // commands and flags named in notes
]);

function latinWords(text: string): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
}

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

beforeAll(async () => {
  db = await demoDb();
  // month-end snapshots: section 8 draws its charts and table
  const snapped = await orderlens(db, ['snapshot', '--every', 'month', '--since', '2025-06-30']);
  expect(snapped.code, snapped.stderr).toBe(0);
}, 120_000);

describe('orderlens report in one language', () => {
  it('--lang zh: no English word a reader sees, beyond names, units and codes; days as 2026年1月1日', async () => {
    const html = await report('zh.html', ['--lang', 'zh']);
    expect(html).toContain('<html lang="zh-CN">');
    for (const id of ['trend-customers', 'trend-status', 'ltv-calibration']) expect(html).toContain(`data-chart="${id}"`);
    expect(html).toContain('data-section="customers"');
    const text = readerText(html);
    expect(latinWords(text)).toEqual([]);
    expect(text).toContain('截至 2026年1月1日（统计此日之前的订单）');
    expect(text).toContain('在 2025年6月30日 之后的验证期检验');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}.{0,3}(至|之后|尚未流失)/u); // no ISO day in a Chinese sentence
    expect(text).toContain('7. 客户生命周期价值');
    expect(text).toContain('5. 同期群留存');
  });

  it('--lang en: no Chinese character a reader sees; days as 2026-01-01', async () => {
    const html = await report('en.html', ['--lang', 'en']);
    expect(html).toContain('<html lang="en">');
    const text = readerText(html);
    const han = text.split('\n').filter((line) => HAN.test(line));
    expect(han).toEqual([]);
    expect(text).toContain('as of 2026-01-01 (orders before this day count)');
    expect(text).toContain('Checked on the holdout after 2025-06-30');
  });

  it('follows the locale when --lang is not given: LANG=zh_CN.UTF-8 is Chinese, ORDERLENS_LANG=en English', async () => {
    const zh = await report('locale-zh.html', [], { LANG: 'zh_CN.UTF-8' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(latinWords(readerText(zh))).toEqual([]);
    const en = await report('locale-en.html', [], { LANG: 'zh_CN.UTF-8', ORDERLENS_LANG: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(readerText(en).split('\n').filter((line) => HAN.test(line))).toEqual([]);
  });

  it('the checks above can fail: they find an English sentence, a Chinese label and customer cells left out', () => {
    expect(latinWords(readerText('<p>这是 churn rate by segment</p>'))).toEqual(['rate', 'by', 'segment']);
    expect(HAN.test(readerText('<svg><text>客户</text></svg>'))).toBe(true);
    expect(HAN.test(readerText('<div aria-label="每月净收入"></div>'))).toBe(true);
    expect(readerText('<section data-section="customers"><th>customer</th><td class="">张*三</td></section>')).not.toContain('张');
  });
});
