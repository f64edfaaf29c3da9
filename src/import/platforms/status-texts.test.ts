/**
 * Every status text every adapter knows, with the status it must become, written out here (not read back from
 * the tables, so a changed mapping fails): a text moved to the wrong status (`部分退款` → refunded) or a text
 * added without a line here fails the suite. Then the one refund → status rule (statusAfterRefund), and the
 * generic adapter's use of it on whole rows.
 */
import { describe, expect, it } from 'vitest';
import type { NormalizedOrder, OrderStatus } from '../../domain/order.js';
import { Header, type AdapterContext, type Mapped } from '../adapter.js';
import { COMMON_STATUS, statusFrom } from '../status.js';
import { AMAZON_STATUS } from './amazon.js';
import { chineseStatus } from './chinese-status.js';
import { DOUYIN_STATUS } from './douyin.js';
import { ETSY_STATUS } from './etsy.js';
import { generic } from './generic.js';
import { JD_STATUS } from './jd.js';
import { LAZADA_STATUS } from './lazada.js';
import { statusAfterRefund } from './order-fields.js';
import { PDD_STATUS } from './pinduoduo.js';
import { SHOPEE_STATUS } from './shopee.js';
import { FINANCIAL } from './shopify.js';
import { TAOBAO_STATUS } from './taobao-orders.js';
import { WOO_STATUS } from './woocommerce.js';

type Expected = Partial<Record<OrderStatus, string[]>>;

const EXPECTED: Record<string, Expected> = {
  common: {
    pending: ['pending', 'unpaid', 'awaiting payment', 'on-hold', 'on hold', 'pending payment', 'authorized', 'created', '等待买家付款', '待付款', '未付款', '待支付', '锁定'],
    paid: ['processing', 'approved', 'invoiced', 'paid', 'payment received', 'unfulfilled', 'awaiting shipment', 'to ship', 'ready to ship', '买家已付款，等待卖家发货', '买家已付款,等待卖家发货', '等待卖家发货', '待发货', '已付款', '等待出库', '待出库', '已支付'],
    shipped: ['shipped', 'fulfilled', 'in transit', 'partially fulfilled', 'partially shipped', '卖家已发货，等待买家确认', '卖家已发货,等待买家确认', '已发货', '等待确认收货', '待收货', '已发货，待签收', '已发货,待签收'],
    completed: ['delivered', 'completed', 'complete', 'closed', 'success', '已签收', '交易成功', '已完成', '完成', '交易完成'],
    cancelled: ['cancelled', 'canceled', 'unavailable', 'voided', 'void', 'failed', 'declined', 'expired', 'trash', '交易关闭', '已取消', '取消', '订单取消', '已关闭', '交易取消'],
    refunded: ['refunded', 'returned', 'fully refunded', '已退款', '退款成功', '全额退款'],
    partially_refunded: ['partially_refunded', 'partially refunded', 'partial refund', '部分退款'],
  },
  taobao: {
    shipped: ['卖家部分发货', '部分发货', '等待买家确认收货'],
    paid: ['买家已付款,等待成团'],
    pending: ['付款确认中'],
    refunded: ['退货退款'],
  },
  jd: {
    pending: ['等待付款', '锁定', '暂停'],
    paid: ['等待出库', '正在出库', '等待打印', '等待发货'],
    shipped: ['等待确认收货', '配送中'],
    completed: ['完成', '已完成'],
    cancelled: ['已取消', '取消'],
    refunded: ['配送退货', '退款成功'],
  },
  pinduoduo: {
    pending: ['待支付'],
    paid: ['待成团', '待发货'],
    shipped: ['已发货,待收货', '已发货,待签收'],
    completed: ['已收货', '已签收'],
    cancelled: ['已取消'],
    refunded: ['未发货,退款成功', '已发货,退款成功', '已收货,退款成功', '已签收,退款成功'],
  },
  douyin: {
    pending: ['待支付', '待确认'],
    paid: ['备货中', '待发货'],
    shipped: ['部分发货', '已发货'],
    completed: ['已完成'],
    cancelled: ['已关闭'],
  },
  shopify: {
    paid: ['paid', 'partially_paid'],
    pending: ['pending', 'authorized'],
    partially_refunded: ['partially_refunded'],
    refunded: ['refunded'],
    cancelled: ['voided', 'expired'],
  },
  woocommerce: {
    pending: ['wc-pending', 'pending payment', 'wc-on-hold', 'wc-checkout-draft', 'checkout-draft', 'draft'],
    paid: ['wc-processing'],
    completed: ['wc-completed'],
    cancelled: ['wc-cancelled', 'wc-failed'],
    refunded: ['wc-refunded'],
  },
  amazon: {
    pending: ['pending', 'pendingavailability', 'pending - waiting for pick up'],
    paid: ['unshipped', 'invoiceunconfirmed'],
    shipped: ['partiallyshipped', 'partially shipped', 'shipping', 'shipped', 'shipped - lost in transit', 'shipped - out for delivery', 'shipped - damaged'],
    completed: ['shipped - delivered to buyer', 'shipped - picked up', 'complete'],
    refunded: ['shipped - returned to seller', 'shipped - returning to seller', 'shipped - rejected by buyer'],
    cancelled: ['cancelled', 'canceled', 'unfulfillable'],
  },
  etsy: {
    completed: ['completed'],
    paid: ['paid'],
    cancelled: ['canceled', 'cancelled'],
    refunded: ['refunded'],
    partially_refunded: ['partially refunded'],
  },
  lazada: {
    pending: ['unpaid', 'pending'],
    paid: ['packed', 'ready_to_ship', 'ready to ship', 'topack', 'toship'],
    shipped: ['shipped'],
    completed: ['delivered', 'confirmed'],
    cancelled: ['canceled', 'cancelled', 'failed', 'failed delivery'],
    refunded: ['returned', 'shipped_back', 'shipped back', 'package returned'],
  },
  shopee: {
    pending: ['unpaid', '尚未付款', 'chờ thanh toán'],
    paid: ['to ship', '待出貨', 'chờ xác nhận', 'chờ lấy hàng'],
    shipped: ['shipping', 'to receive', '運送中', 'đang giao'],
    refunded: ['return/refund', '退貨/退款', 'trả hàng/hoàn tiền'],
    cancelled: ['不成立', 'đã hủy'],
    completed: ['đã giao', 'hoàn thành'],
  },
};

/** How each adapter looks its texts up: the table, and the lookup the adapter calls. */
const ADAPTERS: Record<string, { table: Record<string, OrderStatus>; lookup: (text: string) => OrderStatus }> = {
  common: { table: COMMON_STATUS, lookup: (t) => statusFrom(t) },
  taobao: { table: TAOBAO_STATUS, lookup: (t) => chineseStatus(t, TAOBAO_STATUS) },
  jd: { table: JD_STATUS, lookup: (t) => chineseStatus(t, JD_STATUS) },
  pinduoduo: { table: PDD_STATUS, lookup: (t) => chineseStatus(t, PDD_STATUS) },
  douyin: { table: DOUYIN_STATUS, lookup: (t) => chineseStatus(t, DOUYIN_STATUS) },
  shopify: { table: FINANCIAL, lookup: (t) => statusFrom(t, FINANCIAL) },
  woocommerce: { table: WOO_STATUS, lookup: (t) => statusFrom(t, WOO_STATUS) },
  amazon: { table: AMAZON_STATUS, lookup: (t) => statusFrom(t, AMAZON_STATUS) },
  etsy: { table: ETSY_STATUS, lookup: (t) => statusFrom(t, ETSY_STATUS) },
  lazada: { table: LAZADA_STATUS, lookup: (t) => statusFrom(t, LAZADA_STATUS) },
  shopee: { table: SHOPEE_STATUS, lookup: (t) => statusFrom(t, SHOPEE_STATUS) },
};

const cases = Object.entries(EXPECTED).flatMap(([adapter, byStatus]) =>
  Object.entries(byStatus).flatMap(([status, texts]) => texts.map((text) => [adapter, text, status] as const)),
);

describe('status texts', () => {
  it.each(Object.keys(ADAPTERS))('%s: every text in its table has an expected status here', (adapter) => {
    const listed = Object.values(EXPECTED[adapter]).flat().sort();
    expect(listed).toEqual(Object.keys(ADAPTERS[adapter].table).sort());
  });

  it.each(cases)('%s: %s → %s', (adapter, text, status) => {
    expect(ADAPTERS[adapter].lookup(text)).toBe(status);
  });

  it('folds case and spaces, maps an unknown text to unknown', () => {
    expect(statusFrom('  Partially   Refunded ')).toBe('partially_refunded');
    expect(statusFrom('REFUNDED')).toBe('refunded');
    expect(chineseStatus('买家已付款， 等待卖家发货')).toBe('paid');
    expect(statusFrom('部分退款 ')).toBe('partially_refunded');
    expect(statusFrom('refund pending review')).toBe('unknown');
    // an order table's status column (Olist: delivered, shipped, canceled, unavailable, processing, invoiced, created)
    expect(['created', 'approved', 'invoiced', 'unavailable', 'canceled', 'delivered'].map((t) => statusFrom(t))).toEqual(['pending', 'paid', 'paid', 'cancelled', 'cancelled', 'completed']);
    expect(statusFrom('')).toBe('unknown');
  });
});

describe('refund → status (statusAfterRefund)', () => {
  it.each([
    // status, paid, refunded → status
    ['completed', 10000, 0, 'completed'],
    ['completed', 10000, 2500, 'partially_refunded'],
    ['completed', 10000, 10000, 'refunded'],
    ['completed', 10000, 12000, 'refunded'],
    ['paid', 10000, 9999, 'partially_refunded'],
    ['shipped', 10000, 10000, 'refunded'],
    ['partially_refunded', 10000, 10000, 'refunded'],
    ['partially_refunded', 10000, 0, 'partially_refunded'],
    ['pending', 10000, 10000, 'pending'],
    ['cancelled', 10000, 10000, 'cancelled'],
    ['unknown', 10000, 500, 'unknown'],
    ['refunded', 10000, 0, 'refunded'],
  ] as const)('%s, paid %d, refunded %d → %s', (status, paid, refunded, expected) => {
    expect(statusAfterRefund(status, paid, refunded)).toBe(expected);
  });
});

describe('generic files: the refund column', () => {
  const context: AdapterContext = { file: 't.csv', zone: 'UTC', zoneForced: true, currency: 'USD', decimalComma: false, map: {}, idKey: 'ab'.repeat(32) };
  const header = ['order_id', 'customer', 'date', 'amount', 'status', 'refund'];
  const rows = [
    ['A1', 'c1', '2024-03-01', '100.00', 'completed', ''],
    ['A2', 'c1', '2024-03-02', '100.00', 'completed', '25.00'],
    ['A3', 'c2', '2024-03-03', '100.00', 'completed', '100.00'],
    ['A4', 'c2', '2024-03-04', '100.00', 'shipped', '100.00'],
    ['A5', 'c3', '2024-03-05', '100.00', 'cancelled', '100.00'],
    ['A6', 'c3', '2024-03-06', '100.00', '部分退款', ''],
    ['A7', 'c3', '2024-03-07', '100.00', '', '100.00'],
  ];

  it('a full refund makes the order refunded, a smaller one partially refunded; other statuses stay', () => {
    const mapper = generic.open(new Header(header), context);
    const mapped: Mapped[] = [...rows.flatMap((cells, i) => mapper.push({ line: i + 2, cells })), ...mapper.end()];
    const orders = mapped.flatMap((m): NormalizedOrder[] => ('order' in m ? [m.order] : []));
    expect(orders.map((o) => [o.orderId, o.status, o.gross, o.refunded, o.net])).toEqual([
      ['A1', 'completed', 10000, 0, 10000],
      ['A2', 'partially_refunded', 10000, 2500, 7500],
      ['A3', 'refunded', 10000, 10000, 0],
      ['A4', 'refunded', 10000, 10000, 0],
      ['A5', 'cancelled', 10000, 10000, 0],
      ['A6', 'partially_refunded', 10000, 0, 10000],
      ['A7', 'refunded', 10000, 10000, 0],
    ]);
  });
});
