/**
 * Every platform fixture (fixtures/<platform>/, written by fixtures/make-fixtures.mjs in the platform's own
 * format) imported through the CLI: detected as its platform, mapped, and stored with the order counts,
 * customers and revenue worked out by hand from the orders the generator writes (see fixtures/README.md).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { orderTotals, queryRows } from './order-totals.js';

const dir = tempDir();
let n = 0;
const freshDb = () => path.join(dir, `f${++n}.db`);

interface Expected {
  file: string[];
  label: string;
  summary: string;
  orders: number;
  counted: number;
  customers: number;
  countedWithoutBuyer: number;
  revenue: Record<string, number>;
  byStatus?: Record<string, number>;
}

const CASES: Expected[] = [
  {
    file: ['taobao', 'ExportOrderList201903151200.csv'],
    label: 'taobao/tmall export',
    summary: 'read 8, inserted 8, updated 0, unchanged 0, rejected 0',
    orders: 8,
    counted: 5,
    customers: 3,
    countedWithoutBuyer: 1,
    // 62.86 + (120.00 − 20.00 refunded) + 35.50 + 99.00 + 10.00
    revenue: { CNY: 30736 },
    byStatus: { completed: 2, partially_refunded: 1, shipped: 1, paid: 1, cancelled: 1, refunded: 1, pending: 1 },
  },
  {
    file: ['taobao', 'qianniu_order_export_20240506.xlsx'],
    label: 'taobao/tmall export',
    summary: 'read 7, inserted 4, updated 0, unchanged 0, rejected 1',
    orders: 4,
    counted: 2,
    customers: 0,
    countedWithoutBuyer: 2,
    // (50 + 30) + (25 + 15 − 15 refunded)
    revenue: { CNY: 10500 },
    byStatus: { completed: 1, refunded: 1, partially_refunded: 1, pending: 1 },
  },
  {
    file: ['jd', 'jd_orders_20160105.csv'],
    label: 'jd pop order export',
    summary: 'read 6, inserted 5, updated 0, unchanged 0, rejected 0',
    orders: 5,
    counted: 3,
    customers: 2,
    countedWithoutBuyer: 0,
    // 应付金额 once per order (932.45, not twice), 199.00 + 50.00 余额支付, 58.00
    revenue: { CNY: 123945 },
    byStatus: { completed: 1, shipped: 1, paid: 1, cancelled: 2 },
  },
  {
    file: ['pinduoduo', 'pdd_orders_20260522.csv'],
    label: 'pinduoduo order export',
    summary: 'read 5, inserted 5, updated 0, unchanged 0, rejected 0',
    orders: 5,
    counted: 3,
    customers: 0,
    countedWithoutBuyer: 3,
    revenue: { CNY: 2890 + 1990 + 990 },
    byStatus: { completed: 2, paid: 1, refunded: 1, cancelled: 1 },
  },
  {
    file: ['douyin', 'douyin_orders_20250308.csv'],
    label: 'douyin shop order export',
    summary: 'read 7, inserted 5, updated 0, unchanged 0, rejected 0',
    orders: 5,
    counted: 4,
    customers: 0,
    countedWithoutBuyer: 4,
    // 订单应付金额 once per 主订单: 57.80 + 39.90 + (50.00 − 20.00 refunded) + 1,234.00
    revenue: { CNY: 136170 },
    byStatus: { completed: 1, shipped: 1, partially_refunded: 1, cancelled: 1, paid: 1 },
  },
  {
    file: ['shopify', 'orders_export_1.csv'],
    label: 'shopify orders export',
    summary: 'read 8, inserted 7, updated 0, unchanged 0, rejected 0',
    orders: 7,
    counted: 3,
    customers: 2,
    countedWithoutBuyer: 0,
    // #1001 96.40 + #1002 (50.00 − 10.00) + #1005 20.00; #1004 is paid but cancelled
    revenue: { USD: 15640 },
    byStatus: { shipped: 1, partially_refunded: 1, refunded: 1, cancelled: 2, paid: 1, pending: 1 },
  },
  {
    file: ['woocommerce', 'wc-orders-report-export-17100000.csv'],
    label: 'woocommerce orders report',
    summary: 'read 6, inserted 6, updated 0, unchanged 0, rejected 0',
    orders: 6,
    counted: 3,
    customers: 1,
    countedWithoutBuyer: 1,
    revenue: { USD: 4500 + 1800 + 3000 },
    byStatus: { completed: 2, paid: 1, refunded: 1, pending: 1, cancelled: 1 },
  },
  {
    file: ['amazon', 'All_Orders_20170620.txt'],
    label: 'amazon all orders report',
    summary: 'read 7, inserted 5, updated 0, unchanged 0, rejected 0',
    orders: 5,
    counted: 3,
    customers: 0,
    countedWithoutBuyer: 3,
    // (89.95 + 10.00 + 5.00 shipping − 5.00 promotion) + (20.00 + 1.40 tax; the cancelled cap adds nothing); 15.50 EUR
    revenue: { USD: 9995 + 2140, EUR: 1550 },
    byStatus: { shipped: 2, pending: 1, cancelled: 1, paid: 1 },
  },
  {
    file: ['etsy', 'EtsySoldOrderItems2023.csv'],
    label: 'etsy sold orders export',
    summary: 'read 5, inserted 4, updated 0, unchanged 0, rejected 0',
    orders: 4,
    counted: 4,
    customers: 2,
    countedWithoutBuyer: 1,
    // (4.50 + 3.30 − 0.78 + 1.50) + 5.50 + 3.25 + (4.00 + 0.32 tax)
    revenue: { USD: 852 + 550 + 325 + 432 },
  },
  {
    file: ['etsy', 'EtsySoldOrders2023.csv'],
    label: 'etsy sold orders export',
    summary: 'read 4, inserted 4, updated 0, unchanged 0, rejected 0',
    orders: 4,
    counted: 3,
    customers: 2,
    countedWithoutBuyer: 0,
    // 8.52 + 5.50 + 7.00 (Adjusted Order Total after a 5.00 refund)
    revenue: { USD: 852 + 550 + 700 },
    byStatus: { completed: 1, paid: 1, partially_refunded: 1, cancelled: 1 },
  },
  {
    file: ['ebay', 'eBay-OrdersReport-Oct-05-2026-10_00_00-0700-1234567890.csv'],
    label: 'ebay orders report',
    summary: 'read 9, inserted 4, updated 0, unchanged 0, rejected 0',
    orders: 4,
    counted: 3,
    customers: 2,
    countedWithoutBuyer: 0,
    // 15.34 + 40.00 (the summary row's total, not 40.00 + 15.00 + 20.00) + 9.99
    revenue: { USD: 1534 + 4000 + 999 },
    byStatus: { shipped: 1, paid: 2, pending: 1 },
  },
  {
    file: ['ebay', 'eBay-Bestellbericht-Dez-13-2025.csv'],
    label: 'ebay orders report',
    summary: 'read 5, inserted 3, updated 0, unchanged 0, rejected 0',
    orders: 3,
    counted: 2,
    customers: 1,
    countedWithoutBuyer: 0,
    revenue: { EUR: 11699 + 2000 },
    byStatus: { shipped: 1, paid: 1, pending: 1 },
  },
  {
    file: ['shopee', 'Order.all.20250701_20250731.xlsx'],
    label: 'shopee order export',
    summary: 'read 6, inserted 5, updated 0, unchanged 0, rejected 0',
    orders: 5,
    counted: 4,
    customers: 3,
    countedWithoutBuyer: 0,
    // Total Amount once per order: 700 + 890 + 120 + (200 − 100 returned); Country PH → PHP
    revenue: { PHP: 181000 },
    byStatus: { completed: 2, paid: 1, cancelled: 1, partially_refunded: 1 },
  },
  {
    file: ['lazada', 'lazada_orders_2021-02-28.xlsx'],
    label: 'lazada order export',
    summary: 'read 6, inserted 4, updated 0, unchanged 0, rejected 0',
    orders: 4,
    counted: 3,
    customers: 2,
    countedWithoutBuyer: 0,
    // (25 + 15 + 2 shipping) + (30 + 10 − 10 returned) + 12.50; shippingCountry Singapore → SGD
    revenue: { SGD: 4200 + 3000 + 1250 },
    byStatus: { completed: 1, cancelled: 1, partially_refunded: 1, shipped: 1 },
  },
];

describe('platform fixtures through orderlens import', () => {
  it.each(CASES.map((c) => [c.file.join('/'), c] as const))('%s', async (_name, c) => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture(...c.file)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`detected: ${c.label};`);
    expect(r.stdout).toContain(c.summary);
    const t = orderTotals(db);
    expect({ orders: t.orders, counted: t.counted, customers: t.customers, countedWithoutBuyer: t.countedWithoutBuyer, revenue: t.revenue }).toEqual({
      orders: c.orders,
      counted: c.counted,
      customers: c.customers,
      countedWithoutBuyer: c.countedWithoutBuyer,
      revenue: c.revenue,
    });
    if (c.byStatus) expect(t.byStatus).toEqual(c.byStatus);
    // importing the same file again changes nothing
    const again = await orderlens(db, ['import', fixture(...c.file)]);
    expect(again.stdout).toContain(`inserted 0, updated 0, unchanged ${c.orders}`);
  });

  it('joins the Taobao item report on 订单编号, whichever order the files are given in, and keeps the items on re-import', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('taobao', 'ExportOrderDetailList201903151200.csv'), fixture('taobao', 'ExportOrderList201903151200.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('attached 4 items to their orders');
    expect(r.stderr).toContain('order 2875123456789019999 is not in the database');
    const items = queryRows<{ order_id: string; line: number; sku: string; title: string; quantity: number; unit_price: number; line_total: number }>(
      db,
      'SELECT o.order_id, i.line, i.sku, i.title, i.quantity, i.unit_price, i.line_total FROM order_items i JOIN orders o ON o.id = i.order_ref ORDER BY o.order_id, i.line',
    );
    expect(items.map((i) => [i.order_id, i.line, i.sku, i.unit_price])).toEqual([
      ['2875123456789012341', 1, 'MR-PY-01', 6286],
      ['2875123456789012342', 1, 'MR-JAVA-05', 6000],
      ['2875123456789012342', 2, 'EXT-C-01', 5000],
      ['2875123456789012343', 1, 'MR-PY-00', 3550],
    ]);
    await orderlens(db, ['import', fixture('taobao', 'ExportOrderList201903151200.csv')]);
    expect(queryRows(db, 'SELECT * FROM order_items')).toHaveLength(4);
  });

  it('reads Taobao ids, times and quirks as written', async () => {
    const db = freshDb();
    await orderlens(db, ['import', fixture('taobao', 'ExportOrderList201903151200.csv')]);
    const rows = queryRows<{ order_id: string; ordered_at: string; order_day: string; status_raw: string; display: string | null }>(
      db,
      'SELECT o.order_id, o.ordered_at, o.order_day, o.status_raw, c.display FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.order_id',
    );
    // ="…" stripped, 19 digits kept; Beijing wall time → UTC instant, local day as written
    expect(rows[3]).toMatchObject({ order_id: '2875123456789012344', ordered_at: '2019-03-11T15:59:59.000Z', order_day: '2019-03-11', status_raw: '买家已付款，等待卖家发货' });
    // the fully masked nick (***) is no buyer; nicknames are stored masked
    expect(rows[7].display).toBeNull();
    expect(rows[2].display).not.toContain('小王');
  });

  it('keeps one Etsy buyer across the Sold Order Items and Sold Orders files', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('etsy', 'EtsySoldOrderItems2023.csv'), fixture('etsy', 'EtsySoldOrders2023.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 4, inserted 2, updated 2, unchanged 0, rejected 0');
    const t = orderTotals(db);
    // orders 1–6; qyoung (both files), eturner (items), Buyer User ID 987654321 (orders file); #6 cancelled
    expect(t).toMatchObject({ orders: 6, counted: 5, customers: 3, revenue: { USD: 852 + 550 + 325 + 432 + 700 } });
    expect(queryRows(db, "SELECT i.* FROM order_items i JOIN orders o ON o.id = i.order_ref WHERE o.order_id = '3000000001'")).toHaveLength(2);
  });

  it('stores local days as the platform wrote them', async () => {
    const db = freshDb();
    await orderlens(db, ['import', fixture('shopify', 'orders_export_1.csv'), fixture('amazon', 'All_Orders_20170620.txt'), fixture('pinduoduo', 'pdd_orders_20260522.csv')]);
    const day = (id: string) => queryRows<{ order_day: string; ordered_at: string }>(db, 'SELECT order_day, ordered_at FROM orders WHERE order_id = ?', id)[0];
    // 23:30 at -0500 is the next day in UTC; the shop's day stays
    expect(day('#1005')).toEqual({ order_day: '2022-02-06', ordered_at: '2022-02-07T04:30:00.000Z' });
    expect(day('111-1234567-1234562')).toEqual({ order_day: '2017-06-18', ordered_at: '2017-06-19T06:59:00.000Z' });
    // no 订单成交时间: the day comes from the YYMMDD- prefix of the order number
    expect(day('260519-607198974342272').order_day).toBe('2026-05-19');
  });

  it('needs --currency for a Shopee or Lazada file that does not show its country', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', fixture('shopee', 'Order.all.20250701_20250731.xlsx'), '--currency', 'MYR']);
    expect(r.code, r.stderr).toBe(0);
    expect(orderTotals(db).revenue).toEqual({ MYR: 181000 });
  });

  it('orderlens platforms lists every platform with its files and buyer column', async () => {
    const r = await orderlens(freshDb(), ['platforms', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.platform)).toEqual(['taobao', 'jd', 'pinduoduo', 'douyin', 'shopify', 'woocommerce', 'amazon', 'etsy', 'ebay', 'shopee', 'lazada', 'generic']);
    expect(rows.find((x) => x.platform === 'amazon')).toMatchObject({ buyer_identity: 'none (the report has no buyer column)', default_tz: 'UTC' });
    expect(rows.find((x) => x.platform === 'taobao')?.files).toContain('ExportOrderDetailList');
    expect(rows.find((x) => x.platform === 'shopee')?.default_currency).toBe('from the file (else --currency)');
  });
});
