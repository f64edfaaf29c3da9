/**
 * Real marketplace exports in ../shared/data (or $ORDERLENS_SHARED/data), imported through the CLI. Skipped
 * when the folder is absent (a user's clone has none).
 *
 * The expected figures were computed independently of orderlens, with short Python scripts over the same
 * files (csv + decimal, no orderlens code):
 * - Shopify: group rows by `Name`, take the first row of each order; counted = Financial Status in
 *   {paid, partially_paid, partially_refunded}, no `Cancelled at`, and not refunded in full (Refunded
 *   Amount > 0 and ≥ Total); revenue = Σ (Total − Refunded Amount); customer = lowercased Email, else the
 *   digits of Phone / Billing Phone / Shipping Phone.
 * - Etsy Sold Order Items: group by `Order ID`; revenue = Σ Item Total − Discount Amount − Shipping Discount
 *   + Order Shipping + Order Sales Tax + VAT Paid by Buyer (order-level cells from the order's first row);
 *   counted when Date Paid or Date Shipped is set; customer = the username in `Buyer` (`Name (username)`).
 * - Taobao/Tmall report copies of the 明日科技 book: a row without a payment time is an order never paid (skipped);
 *   counted = 买家实际支付金额 > 0 (files without 订单状态) or 订单状态 in {交易成功, 卖家已发货，等待买家确认,
 *   买家已付款，等待卖家发货}; customer = 买家会员名. For 2018+2019 this gives exactly the 2,417 buyers, and for
 *   each the frequency and money, of the book's own RFM table (reference_RFM_2018_2019), checked below.
 * - UCI Online Retail (generic adapter): an invoice is an order, amount = Σ Quantity × UnitPrice (each line
 *   rounded to pence); invoices without CustomerID are guest orders (kept, without a buyer); `C…` invoices are
 *   cancellations.
 * Olist is not imported here: its orders file has neither amounts nor the real customer (customer_unique_id
 * lives in another file), so it needs a join first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { orderTotals, queryRows } from './order-totals.js';
import { sharedDataDir } from './shared-data.js';

const data = sharedDataDir();
const dir = tempDir();
let n = 0;
const freshDb = () => path.join(dir, `s${++n}.db`);
const file = (...parts: string[]) => path.join(data ?? '', ...parts);

async function importOk(db: string, ...argv: string[]) {
  const r = await orderlens(db, ['import', ...argv]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe.skipIf(!data || !existsSync(file('shopify')))('real Shopify exports', () => {
  it.each([
    ['oks234_customer_vip_orders_export_1.csv', { orders: 409, counted: 358, customers: 284, countedWithoutBuyer: 0, revenue: { USD: 6284214 } }],
    ['ethompson17_explorer_orders_export_1.csv', { orders: 81, counted: 81, customers: 76, countedWithoutBuyer: 0, revenue: { USD: 329518 } }],
    ['maison_maria_orders_export_1.csv', { orders: 60, counted: 52, customers: 51, countedWithoutBuyer: 0, revenue: { GBP: 205339 } }],
    // cash-on-delivery store: every order pending (not yet paid) or voided
    ['zhangerson_orders_export.csv', { orders: 5, counted: 0, customers: 0, countedWithoutBuyer: 0, revenue: {} }],
    ['zhangerson_orders_export_10.csv', { orders: 50, counted: 0, customers: 0, countedWithoutBuyer: 0, revenue: {} }],
    ['zhangerson_orders_export_21.csv', { orders: 57, counted: 0, customers: 0, countedWithoutBuyer: 0, revenue: {} }],
  ])('%s', async (name, expected) => {
    const db = freshDb();
    const r = await importOk(db, file('shopify', name), '--shop', name);
    expect(r.stdout).toContain('detected: shopify orders export;');
    expect(r.stdout).toContain('rejected 0');
    const t = orderTotals(db);
    expect({ orders: t.orders, counted: t.counted, customers: t.customers, countedWithoutBuyer: t.countedWithoutBuyer, revenue: t.revenue }).toEqual(expected);
  });

  it('matches buyers across e-mail case variants and keeps cancelled-but-paid orders out', async () => {
    const db = freshDb();
    await importOk(db, file('shopify', 'oks234_customer_vip_orders_export_1.csv'));
    const t = orderTotals(db);
    expect(t.byStatus.cancelled).toBe(20);
    // no two customers whose e-mails differ only by case
    const keys = queryRows<{ n: number }>(db, "SELECT count(*) AS n FROM customers WHERE kind = 'email'")[0].n;
    expect(keys).toBe(queryRows<{ n: number }>(db, "SELECT count(DISTINCT buyer_key) AS n FROM customers WHERE kind = 'email'")[0].n);
  });
});

describe.skipIf(!data || !existsSync(file('etsy')))('real Etsy Sold Order Items exports', () => {
  it('imports the four yearly files as one shop', async () => {
    const db = freshDb();
    const years = ['2020', '2021', '2022', '2023'].map((y) => file('etsy', `EtsySoldOrderItems${y}.csv`));
    const r = await importOk(db, ...years);
    expect(r.stdout.match(/detected: etsy sold orders export;/g)).toHaveLength(4);
    const t = orderTotals(db);
    expect({ orders: t.orders, counted: t.counted, customers: t.customers, countedWithoutBuyer: t.countedWithoutBuyer, revenue: t.revenue }).toEqual({
      orders: 219,
      counted: 219,
      customers: 199,
      countedWithoutBuyer: 10,
      revenue: { USD: 107124 },
    });
    expect(queryRows<{ a: string; b: string }>(db, 'SELECT min(order_day) AS a, max(order_day) AS b FROM orders')[0]).toEqual({ a: '2020-07-17', b: '2023-06-22' });
  });
});

const book = (...parts: string[]) => file('taobao_mingri_book', ...parts);

describe.skipIf(!data || !existsSync(book()))('real Taobao/Tmall report copies (明日科技)', () => {
  it('2018 (.xlsx) + 2019 (.csv) reproduce the book’s own RFM frequencies and amounts for all 2,417 buyers', async () => {
    const db = freshDb();
    const r = await importOk(db, book('tmall_store_orders_2018.xlsx'), book('converted_csv', 'tmall_store_orders_2019.csv'), '--keep-pii');
    expect(r.stdout).toContain('read 1784, inserted 1467, updated 0, unchanged 0, skipped 317, rejected 0 (detected: taobao/tmall export; shop default; xlsx)');
    expect(r.stdout).toContain('read 2124, inserted 1804, updated 0, unchanged 0, skipped 320, rejected 0 (detected: taobao/tmall export; shop default; utf8)');
    expect(r.stderr).toContain('tmall_store_orders_2018.xlsx: 317 rows skipped: orders never paid');
    expect(r.stderr).toContain('tmall_store_orders_2019.csv: 320 rows skipped: orders never paid');
    const t = orderTotals(db);
    expect({ orders: t.orders, counted: t.counted, customers: t.customers, revenue: t.revenue }).toEqual({ orders: 3271, counted: 3054, customers: 2417, revenue: { CNY: 40991195 } });

    const ours = new Map(
      queryRows<{ nick: string; f: number; m: number }>(
        db,
        "SELECT c.clear AS nick, count(*) AS f, sum(o.net) AS m FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status IN ('paid', 'shipped', 'completed', 'partially_refunded') GROUP BY c.id",
      ).map((x) => [x.nick, x]),
    );
    const ref = await referenceRfm();
    expect(ref.size).toBe(2417);
    for (const [nick, { f, m }] of ref) expect(ours.get(nick), nick).toMatchObject({ f, m });
  });

  it('reads the .xlsx and the CSV copy of one file as the same orders', async () => {
    const db = freshDb();
    await importOk(db, book('tmall_store_orders_2018.xlsx'));
    const r = await importOk(db, book('converted_csv', 'tmall_store_orders_2018.csv'));
    expect(r.stdout).toContain('read 1784, inserted 0, updated 0, unchanged 1467, skipped 317, rejected 0');
  });

  it('mrtb_data (21 original columns, statuses, masked cells): .xlsx and .csv', async () => {
    const db = freshDb();
    // its 141 rows without any date (no 订单付款时间, no 订单创建时间, empty 订单状态) are orders never paid: skipped, so
    // a cron job with --max-rejects 0 passes
    const r = await importOk(db, book('mrtb_data.xlsx'), '--max-rejects', '0');
    expect(r.stdout).toContain('read 599, inserted 458, updated 0, unchanged 0, skipped 141, rejected 0');
    expect(r.stderr).toContain('mrtb_data.xlsx: 141 rows skipped: orders never paid');
    expect(orderTotals(db)).toMatchObject({ orders: 458, counted: 431, customers: 431, revenue: { CNY: 7333153 }, byStatus: { completed: 373, shipped: 51, refunded: 27, paid: 7 } });
    // the money adds up: one 交易成功 order at 0 paid (总金额 738.50) is a full discount, not −738.50 of taxes
    const info = await orderlens(db, ['info', '--format', 'csv']);
    expect(info.stdout).toContain('revenue,CNY discounts,804.61\n');
    expect(info.stdout).toContain('revenue,CNY taxes and other charges,0.00\n');
    const again = await importOk(db, book('converted_csv', 'mrtb_data.csv'));
    expect(again.stdout).toContain('unchanged 458');
  });

  it('mingribooks and TB_2017_2019 (converted from .xls)', async () => {
    const db = freshDb();
    await importOk(db, book('converted_csv', 'mingribooks.csv'), '--shop', 'mingribooks');
    expect(orderTotals(db)).toMatchObject({ orders: 704, counted: 674, customers: 674, revenue: { CNY: 11121980 } });
    const tb = freshDb();
    await importOk(tb, book('converted_csv', 'TB_2017_2019.csv'));
    expect(orderTotals(tb)).toMatchObject({ orders: 4103, counted: 3832, customers: 3694, revenue: { CNY: 55686633 } });
  });
});

describe.skipIf(!data || !existsSync(file('online_retail_uci')))('UCI Online Retail through the generic adapter', () => {
  it('invoices as orders, guests kept without a buyer (as on every platform), cancellations not counted', async () => {
    const db = freshDb();
    const r = await importOk(db, file('online_retail_uci', 'online_retail_customer_sample.csv'), '--currency', 'GBP');
    expect(r.stdout).toContain('read 40805, inserted 2093, updated 0, unchanged 0, rejected 0 (detected: generic orders file;');
    expect(r.stderr).toContain('113 orders have no buyer identity (their buyer cells are empty); customer reports leave them out');
    expect(orderTotals(db)).toMatchObject({
      orders: 2093, counted: 1744, customers: 357, countedWithoutBuyer: 102, revenue: { GBP: 73387194 }, byStatus: { completed: 1744, refunded: 349 },
    });
    // SOURCE.md: Σ Quantity × UnitPrice over the rows with a CustomerID, cancellations included, is 641,205.44 GBP
    // (its one 0.001 unit price is a line of 0.00 here: money is in pence)
    expect(queryRows<{ n: number }>(db, 'SELECT sum(net) AS n FROM orders WHERE customer_id IS NOT NULL')[0].n).toBe(64120544);
    // the reports' note counts the counted orders without a buyer (102), not the import's 113 (cancellations too),
    // and says which it counts, so the two lines do not seem to disagree
    const rfm = await orderlens(db, ['rfm', '--as-of', '2012-01-01']);
    expect(rfm.stderr).toContain('102 counted orders have no buyer');
  });
});

/** The book's RFM.xlsx (as CSV): buyer → frequency and money in fen. */
async function referenceRfm(): Promise<Map<string, { f: number; m: number }>> {
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(book('converted_csv', 'reference_RFM_2018_2019.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const out = new Map<string, { f: number; m: number }>();
  for (const line of lines) {
    const [nick, f, , m] = line.split(',');
    // the book summed floats (82.72999999999999): round to fen
    out.set(nick, { f: Number(f), m: Math.round(Number(m) * 100) });
  }
  return out;
}

describe.skipIf(!data || !existsSync(file('cdnow', 'CDNOW_master.txt')))('CDNOW_master.txt (columns aligned with spaces)', () => {
  it('imports as the generic reading: every transaction, customer and cent of SOURCE.md', async () => {
    const db = freshDb();
    const r = await importOk(db, file('cdnow', 'CDNOW_master.txt'), '--currency', 'USD');
    expect(r.stdout).toContain('read 69659, inserted 69659, updated 0, unchanged 0, rejected 0 (detected: generic orders file;');
    // SOURCE.md: 69,659 transactions, 23,570 customers, 1997-01-01..1998-06-30, 80 of 0.00; Σ dollar_value 2,500,315.63
    expect(orderTotals(db)).toMatchObject({ orders: 69659, counted: 69659, customers: 23570, revenue: { USD: 250031563 } });
    expect(queryRows<{ a: string; b: string; z: number; k: string }>(db, "SELECT min(order_day) AS a, max(order_day) AS b, sum(net = 0) AS z, min(c.buyer_key) AS k FROM orders JOIN customers c ON c.id = customer_id")[0])
      .toEqual({ a: '1997-01-01', b: '1998-06-30', z: 80, k: '00001' });
  });
});
