/**
 * Adapter behaviour on hand-made rows (the fixtures test whole files through the CLI).
 */
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../domain/day.js';
import type { NormalizedOrder } from '../../domain/order.js';
import { Header, type Adapter, type AdapterContext, type Mapped } from '../adapter.js';
import { douyin } from './douyin.js';
import { etsy, withoutPersonalization } from './etsy.js';
import { generic } from './generic.js';
import { jd } from './jd.js';
import { shopify } from './shopify.js';
import { taobao } from './taobao.js';
import { speak } from '../../report/said.js';

/** The key file's secret the made-up order ids are keyed with. */
const ID_KEY = 'ab'.repeat(32);

function run(adapter: Adapter, header: string[], rows: string[][], ctx: Partial<AdapterContext> = {}): Mapped[] {
  const context: AdapterContext = { file: 't.csv', zone: adapter.defaultZone, zoneForced: false, currency: adapter.defaultCurrency, decimalComma: false, map: {}, idKey: ID_KEY, ...ctx };
  const mapper = adapter.open(new Header(header), context);
  return [...rows.flatMap((cells, i) => mapper.push({ line: i + 2, cells })), ...mapper.end()];
}
const orders = (ms: Mapped[]): NormalizedOrder[] => ms.flatMap((m) => ('order' in m ? [m.order] : []));
const rejects = (ms: Mapped[]) => ms.flatMap((m) => ('reject' in m ? [{ ...m.reject, reason: speak('en', m.reject.reason) }] : []));

describe('taobao order report copies', () => {
  const header = ['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题 ', '订单付款时间'];

  it('derives stable order ids without 订单编号, numbering identical rows', () => {
    const rows = [
      ['mr0932', '748.5', '1', 'PHP程序员开发资源库', '2018-01-01 09:26:18'],
      ['mr0932', '748.5', '1', 'PHP程序员开发资源库', '2018-01-01 09:26:18'],
      ['mr0121', '0', '1', '个人版编程词典加点', '2018-01-01 10:06:07'],
      ['mrsoft001', '0', '0', '', ''],
    ];
    const first = run(taobao, header, rows);
    const again = run(taobao, header, rows);
    const os = orders(first);
    expect(os.map((o) => o.orderId)).toEqual(orders(again).map((o) => o.orderId));
    expect(os[1].orderId).toBe(`${os[0].orderId}#2`);
    expect(os[0].orderId).toMatch(/^tbk-[0-9a-f]{16}$/);
    // keyed: the same rows under another key file get other ids (the nickname is in them: identity/derived-order-id.ts)
    const otherKey = orders(run(taobao, header, rows, { idKey: 'cd'.repeat(32) }));
    expect(otherKey.map((o) => o.orderId).filter((id, i) => id === os[i].orderId)).toEqual([]);
    // no 订单状态: paid when money was paid, a zeroed amount is a closed (refunded) order
    expect(os.map((o) => [o.status, o.net, formatDay(o.day)])).toEqual([
      ['paid', 74850, '2018-01-01'],
      ['paid', 74850, '2018-01-01'],
      ['refunded', 0, '2018-01-01'],
    ]);
    // no payment time and no other date: an order never paid, skipped and counted (not a bad row)
    expect(rejects(first)).toEqual([]);
    const mapper = taobao.open(new Header(header), { file: 't.csv', zone: 'Asia/Shanghai', zoneForced: false, currency: 'CNY', decimalComma: false, map: {}, idKey: ID_KEY });
    rows.forEach((cells, i) => mapper.push({ line: i + 2, cells }));
    expect(mapper.skipped?.()).toMatchObject({ rows: 1, why: { key: 'skip.taobaoUnpaid' } });
  });

  it('a completed order the buyer paid nothing for (总金额 738.5, 买家实际支付金额 0) was discounted in full, so the money adds up', () => {
    const h = ['买家会员名', '买家实际支付金额', '总金额', '订单付款时间', '订单创建时间', '订单状态', '订单关闭原因'];
    const os = orders(run(taobao, h, [
      ['mr000435', '0', '738.5', '2018-02-20 10:27:57', '2018-02-20 10:27:32', '交易成功', '订单未关闭'],
      ['mr000436', '0', '50', '', '2018-02-21 10:00:00', '交易关闭', '买家取消'],
      ['mr000437', '40', '50', '2018-02-22 10:00:00', '2018-02-22 09:59:00', '交易成功', '订单未关闭'],
    ]));
    expect(os.map((o) => [o.status, o.gross, o.discount, o.shipping, o.net])).toEqual([
      ['completed', 73850, 73850, 0, 0],
      ['cancelled', 5000, 0, 0, 0],
      ['completed', 5000, 1000, 0, 4000],
    ]);
  });

  it('names the missing columns and the way out', () => {
    expect(() => run(taobao, ['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题', '备注'], [])).toThrow(
      /missing column '订单创建时间' or '订单付款时间' for a taobao order report \(订单报表\); name the column with --map date=HEADER/,
    );
  });

  it('honours --map for a renamed column', () => {
    const os = orders(run(taobao, ['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题', '付款日期'], [['tb_x', '10', '1', 'x', '2024-05-01 08:00:00']], { map: { paid_at: '付款日期' } }));
    expect(os.map((o) => [formatDay(o.day), new Date(o.orderedMs).toISOString()])).toEqual([['2024-05-01', '2024-05-01T00:00:00.000Z']]);
  });
});

describe('shopify', () => {
  const header = ['Name', 'Email', 'Financial Status', 'Fulfillment Status', 'Currency', 'Subtotal', 'Shipping', 'Total', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Cancelled at', 'Refunded Amount', 'Phone'];
  const head = (name: string, fin: string, total: string, extra: Partial<Record<string, string>> = {}) =>
    header.map((h) => ({ Name: name, Email: 'X@Y.com', 'Financial Status': fin, Currency: 'GBP', Subtotal: total, Total: total, 'Created at': '2025-08-03 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'Dress', 'Lineitem price': total, ...extra })[h] ?? '');
  const cont = (name: string) => header.map((h) => ({ Name: name, Email: 'X@Y.com', 'Created at': '2025-08-03 10:00:00 +0100', 'Lineitem quantity': '2', 'Lineitem name': 'Belt', 'Lineitem price': '5.00' })[h] ?? '');

  it('reads order fields from the first row only and items from every row', () => {
    const [o] = orders(run(shopify, header, [head('#1', 'paid', '52.11', { 'Discount Amount': '2.00' }), cont('#1')]));
    expect(o).toMatchObject({ orderId: '#1', currency: 'GBP', net: 5211, gross: 5411, discount: 200, itemCount: 3, buyer: { kind: 'email', value: 'x@y.com' } });
    expect(o.items.map((i) => [i.title, i.quantity, i.lineTotal])).toEqual([
      ['Dress', 1, 5211],
      ['Belt', 2, 1000],
    ]);
  });

  it('rejects an order cut off before its first row', () => {
    expect(rejects(run(shopify, header, [cont('#9'), head('#10', 'paid', '10.00')]))[0].reason).toMatch(/#9 starts without its order fields/);
  });

  it('refunds and cancellations', () => {
    const os = orders(run(shopify, header, [head('#1', 'paid', '50.00', { 'Refunded Amount': '50.00' }), head('#2', 'refunded', '30.00', { 'Refunded Amount': '30.00', 'Cancelled at': '2025-08-04 10:00:00 +0100' }), head('#3', 'authorized', '9.00')]));
    expect(os.map((o) => [o.status, o.refunded, o.net])).toEqual([
      ['refunded', 5000, 0],
      ['cancelled', 3000, 0],
      ['pending', 0, 900],
    ]);
  });
});

describe('line-per-row layouts count order-level amounts once', () => {
  it('jd: 应付金额 repeats on every SKU row', () => {
    const header = ['订单号', '商品ID', '商品名称', '订购数量', '下单时间', '京东价', '订单金额', '应付金额', '订单状态', '下单帐号'];
    const r = (sku: string) => ['11729384072', sku, 'x', '1', '2015-12-31 23:19:56', '100.00', '250.00', '240.00', '完成', 'pin1'];
    const [o] = orders(run(jd, header, [r('1'), r('2'), r('3')]));
    expect([o.net, o.gross, o.items.length, formatDay(o.day)]).toEqual([24000, 30000, 3, '2015-12-31']);
  });

  it('douyin: tab-prefixed ids, - for empty, 订单应付金额 once', () => {
    const header = ['主订单编号', '子订单编号', '选购商品', '商品数量', '商品金额', '订单提交时间', '支付完成时间', '订单状态', '售后状态', '订单应付金额'];
    const r = (sub: string, after: string) => ['\t6917926768823643751', `\t${sub}`, 'x', '1', '10.00', '2025-03-01 20:15:00', '-', '已完成', after, '20.00'];
    const [o] = orders(run(douyin, header, [r('1', '-'), r('2', '退款成功')]));
    expect([o.orderId, o.status, o.refunded, o.net]).toEqual(['6917926768823643751', 'partially_refunded', 1000, 1000]);
  });

  it('etsy: the first row of an order carries its discount and shipping', () => {
    const header = ['Sale Date', 'Item Name', 'Buyer', 'Quantity', 'Price', 'Discount Amount', 'Shipping Discount', 'Order Shipping', 'Order Sales Tax', 'Item Total', 'Currency', 'Date Paid', 'Date Shipped', 'Order ID'];
    const rows = [
      ['12/31/20', 'a', 'Quinn (qy)', '1', '5.50', '0.88', '0.00', '1.5', '0', '5.5', 'USD', '12/31/2020', '', '1'],
      ['12/31/20', 'b', 'Quinn (qy)', '1', '3.30', '0', '0', '0', '0', '3.3', 'USD', '12/31/2020', '', '1'],
    ];
    const [o] = orders(run(etsy, header, rows));
    expect([o.net, o.status, formatDay(o.day), o.buyer]).toEqual([880 - 88 + 150, 'paid', '2020-12-31', { value: 'qy', kind: 'name' }]);
  });
});

describe('etsy personalization', () => {
  it('is left out of the stored item title: a buyer wrote it (a name, a date)', () => {
    expect(withoutPersonalization('Size:Small,Personalization:Emma Jones, 2019')).toBe('Size:Small');
    expect(withoutPersonalization('Personalisation:Lee')).toBe('');
    expect(withoutPersonalization('Color:Red; personalization:J')).toBe('Color:Red');
    expect(withoutPersonalization('Size:Large')).toBe('Size:Large');
    expect(withoutPersonalization('Style:Depersonalization kit')).toBe('Style:Depersonalization kit');
  });
});

describe('--map with a platform adapter', () => {
  it('maps the shared field names and refuses unknown fields or headers', () => {
    const header = ['订单号', '商品名称', '订购数量', '下单时间', '京东价', '实付', '订单状态', '会员'];
    const row = ['1001', 'x', '1', '2016-01-01 10:00:00', '9.00', '9.00', '完成', 'pin9'];
    const [o] = orders(run(jd, header, [row], { map: { amount: '实付', customer: '会员' } }));
    expect([o.net, o.buyer]).toEqual([900, { value: 'pin9', kind: 'name' }]);
    expect(() => run(jd, header, [row], { map: { amount: '实付', nickname: '会员' } })).toThrow(/--map nickname=会员: a jd pop order export has no field 'nickname'; its fields are order_id, /);
    expect(() => run(jd, header, [row], { map: { amount: 'Paid' } })).toThrow(/--map amount=Paid: no column 'Paid'/);
  });
});

describe('orders without a buyer: one rule on every platform', () => {
  it('keeps an order whose buyer cell is empty or fully masked, without a buyer, on the generic reading as on the platforms', () => {
    const rows = [
      ['1', 'C1', '2024-01-01', '10.00'],
      ['2', '', '2024-01-02', '20.00'],
      ['3', '***', '2024-01-03', '30.00'],
      ['4', '＊＊＊', '2024-01-04', '40.00'],
    ];
    const out = run(generic, ['order_id', 'customer_id', 'order_date', 'amount'], rows);
    expect(rejects(out)).toEqual([]);
    expect(orders(out).map((o) => [o.orderId, o.buyer?.value ?? null, o.net])).toEqual([
      ['1', 'C1', 1000],
      ['2', null, 2000],
      ['3', null, 3000],
      ['4', null, 4000],
    ]);
    const taobaoOut = run(taobao, ['订单编号', '买家会员名', '买家实际支付金额', '订单创建时间'], [['9', '***', '5', '2024-01-01 10:00:00'], ['8', '', '5', '2024-01-01 10:00:00']]);
    expect(orders(taobaoOut).map((o) => o.buyer)).toEqual([null, null]);
  });
});
