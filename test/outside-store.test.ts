/**
 * The 7-shop store of real exports in ../shared/data (two Tmall years, three Shopify shops, CDNOW in USD, UCI
 * Online Retail in GBP with its returns, Etsy), each report's numbers recomputed from the stored orders by
 * outside-recompute.ts (README's definitions, no code from src/) and compared with orderlens's CSV output:
 * per shop at an as-of day inside its data (returns after it, partial last periods), at each shop's own day,
 * within a window of days, and per currency across shops. Skipped when ../shared is absent.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareChurn, compareCohorts, comparePareto, compareRfm, compareSimpleLtv } from './outside-compare.js';
import { type OrderRow, orderlensOut, ordersInDb } from './outside-recompute.js';
import { sharedDataDir } from './shared-data.js';

const data = sharedDataDir();
const db = path.join(mkdtempSync(path.join(tmpdir(), 'orderlens-outside-')), 'seven.db');
let stored: OrderRow[] = [];

const imports: string[][] = [
  ['taobao_mingri_book/tmall_store_orders_2018.xlsx', '--shop', 'tmall'],
  ['taobao_mingri_book/tmall_store_orders_2019.xlsx', '--shop', 'tmall'],
  ['shopify/ethompson17_explorer_orders_export_1.csv', '--shop', 'shopA'],
  ['shopify/maison_maria_orders_export_1.csv', '--shop', 'shopB'],
  ['shopify/oks234_customer_vip_orders_export_1.csv', '--shop', 'shopC'],
  ['cdnow/cdnowElog.csv', '--map', 'customer=masterid', '--map', 'amount=sales', '--currency', 'USD', '--shop', 'cdn'],
  ['online_retail_uci/online_retail_customer_sample.csv', '--currency', 'GBP', '--shop', 'uk'],
  ['etsy/EtsySoldOrderItems2021.csv', '--shop', 'etsy'],
];

describe.skipIf(!data)('the 7-shop store of real exports, recomputed from its orders', () => {
  beforeAll(async () => {
    for (const [file, ...flags] of imports) {
      const r = await orderlensOut(db, ['import', path.join(data!, file), ...flags]);
      expect(r.code, r.stderr).toBe(0);
    }
    stored = ordersInDb(db);
  }, 180_000);

  // an as-of day inside each shop's data: later orders and returns must not count, the last period is partial
  const inside: [string, string][] = [
    ['tmall', '2019-03-15'],
    ['shopA', '2021-01-15'],
    ['shopB', '2025-11-20'],
    ['shopC', '2021-01-15'],
    ['cdn', '1997-06-15'],
    ['uk', '2011-06-01'],
    ['etsy', '2021-07-01'],
  ];
  for (const [shop, asOf] of inside) {
    it(`${shop} as of ${asOf}: rfm, pareto, churn, cohorts and simple ltv agree`, async () => {
      expect(await compareRfm(db, stored, asOf, { shop })).toEqual([]);
      expect(await comparePareto(db, stored, asOf, { shop })).toEqual([]);
      expect(await compareChurn(db, stored, asOf, { shop })).toEqual([]);
      expect(await compareCohorts(db, stored, asOf, { shop })).toEqual([]);
      expect(await compareSimpleLtv(db, stored, asOf, 3, { shop })).toEqual([]);
    });
  }

  // a window of days: --since/--until restrict the orders rfm, pareto and ltv read (and so the default as-of
  // day); cohorts' and churn's --acquired-since/--acquired-until keep the customers first seen in it, with all
  // their later orders
  const windows: [string, string, string][] = [
    ['tmall', '2018-07-01', '2019-09-30'],
    ['cdn', '1997-02-01', '1998-03-31'],
    ['uk', '2011-01-01', '2011-08-31'],
    ['shopC', '2020-01-01', '2021-06-30'],
  ];
  for (const [shop, since, until] of windows) {
    it(`${shop} from ${since} to ${until}: rfm, pareto, churn, cohorts and simple ltv agree`, async () => {
      for (const asOf of ['default', until.slice(0, 8) + '15']) {
        const f = { shop, since, until };
        expect(await compareRfm(db, stored, asOf, f)).toEqual([]);
        expect(await comparePareto(db, stored, asOf, f)).toEqual([]);
        expect(await compareChurn(db, stored, asOf, f)).toEqual([]);
        expect(await compareCohorts(db, stored, asOf, f)).toEqual([]);
        expect(await compareSimpleLtv(db, stored, asOf, 3, f)).toEqual([]);
      }
    });
  }

  // no --as-of: each shop from the day after its own last order
  it('each shop without --as-of (its own day): rfm, pareto, churn, cohorts and simple ltv agree', async () => {
    for (const [shop] of inside) {
      expect(await compareRfm(db, stored, 'default', { shop })).toEqual([]);
      expect(await comparePareto(db, stored, 'default', { shop })).toEqual([]);
      expect(await compareCohorts(db, stored, 'default', { shop })).toEqual([]);
      expect(await compareSimpleLtv(db, stored, 'default', 3, { shop })).toEqual([]);
      if (shop !== 'shopB') expect(await compareChurn(db, stored, 'default', { shop })).toEqual([]);
    }
  }, 120_000);

  // one currency across shops (USD: shopA, shopC, cdn, etsy; GBP: shopB, uk), after all the data and at each
  // shop's own day (a cohort's columns end with the earliest-ending shop among its customers)
  for (const currency of ['USD', 'GBP', 'CNY']) {
    for (const asOf of ['2026-01-01', 'default']) {
      it(`--currency ${currency}, as of ${asOf}: pareto, cohorts and simple ltv agree`, async () => {
        expect(await comparePareto(db, stored, asOf, { currency })).toEqual([]);
        expect(await compareCohorts(db, stored, asOf, { currency })).toEqual([]);
        expect(await compareSimpleLtv(db, stored, asOf, 3, { currency })).toEqual([]);
      });
    }
  }
});
