/**
 * Row chunks for the marketplace formats that had none: Taobao's classic order report (订单报表, one row an
 * order, GBK, a store column), eBay's orders report (its key the order number, else the record number: cut
 * from the rows) and the xlsx exports (Lazada, Shopee, 千牛: cells from the sheet XML; with buyers, without, and
 * some orders with and some without). A re-import of an
 * export in which few orders changed skips the unchanged chunks, and says and stores exactly what reading
 * every row says and stores (--reread).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportOptions } from '../src/index.js';
import { compareSkipping } from './chunk-compare.js';
import { fixture, tempDir } from './cli-harness.js';
import { seededRandom as random } from '../src/analytics/random.js';

const dir = tempDir('orderlens-chunks-formats-');
let n = 0;

/** The second file imported over the first, skipping chunks, against reading every row of it. */
const compare = (first: string, second: string, opts: Partial<ImportOptions> = {}) => compareSkipping(() => path.join(dir, `d${++n}.db`), first, second, opts);

/** A copy of `content` under the same file name in a folder of its own (what a file is called may say what it is). */
function copy(name: string, content: Buffer | string): string {
  const to = path.join(dir, `a${++n}`, name);
  mkdirSync(path.dirname(to));
  writeFileSync(to, content);
  return to;
}

const TAOBAO_HEADER = ['订单编号', '买家会员名', '买家应付货款', '买家应付邮费', '总金额', '买家实际支付金额', '订单状态', '订单创建时间', '订单付款时间', '宝贝标题', '宝贝总数量', '店铺名称', '订单关闭原因', '退款金额'];

interface TaobaoOrder {
  id: string;
  buyer: string;
  paid: number;
  day: string;
  status: 'ok' | 'refunded' | 'unpaid';
  shop: string;
}

function taobaoShop(orders: number, seed: number): TaobaoOrder[] {
  const rnd = random(seed);
  return Array.from({ length: orders }, (_, i) => {
    const t = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
    return { id: String(2875123456789012341n + BigInt(i)), buyer: `tb_${Math.floor(rnd() * (orders / 4)).toString(36)}`, paid: 100 + Math.floor(rnd() * 20000), day: `${t.slice(0, 10)} ${t.slice(11, 19)}`, status: 'ok', shop: '明日书店' };
  });
}

const yuan = (minor: number) => (minor / 100).toFixed(2);

/** A classic order report of these orders: GBK, CRLF, `="…"` ids, a title with a comma in quotes. */
function taobaoReport(orders: TaobaoOrder[]): string {
  const lines = [TAOBAO_HEADER.join(',')];
  for (const o of orders) {
    const unpaid = o.status === 'unpaid';
    const status = o.status === 'ok' ? '交易成功' : o.status === 'refunded' ? '交易关闭' : '等待买家付款';
    lines.push(
      [`="${o.id}"`, o.buyer, yuan(o.paid), '0.00', yuan(o.paid), yuan(o.paid), status, unpaid ? '' : o.day, unpaid ? '' : o.day, '"书,第2版"', '1', o.shop, o.status === 'refunded' ? '退款' : '订单未关闭', o.status === 'refunded' ? yuan(o.paid) : '0.00'].join(','),
    );
  }
  return copy('ExportOrderList202401010000.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
}

describe("Taobao's classic order report re-imported with few changes skips the unchanged row chunks", () => {
  const base = taobaoShop(2000, 21);

  it.each([true, false])('1%% of the orders refunded since (thread %s): the same as reading every row', async (thread) => {
    const rnd = random(22);
    const later = base.map((o) => (rnd() < 0.01 ? { ...o, status: 'refunded' as const } : o));
    const { skipped, results } = await compare(taobaoReport(base), taobaoReport(later), { thread });
    expect(results[1]).toMatch(/"updated":[1-9]/);
    expect(skipped).toBeGreaterThan(base.length * 0.6);
  });

  it('orders never paid (no dates: passed over and counted), added and gone, another shop\'s row: the same as reading every row', async () => {
    const rnd = random(23);
    const withUnpaid = base.map((o, i) => (i % 97 === 5 ? { ...o, status: 'unpaid' as const } : o));
    const later = withUnpaid
      .filter(() => rnd() > 0.003)
      .flatMap((o, i) => (i % 401 === 200 ? [{ ...o, id: `9${o.id}` }, o] : i === 1500 ? [{ ...o, id: `8${o.id}`, shop: '别的店' }, o] : [o]));
    const { skipped, results } = await compare(taobaoReport(withUnpaid), taobaoReport(later));
    expect(results[1]).toMatch(/"inserted":[1-9]/);
    expect(results[1]).toMatch(/reject\.otherShop/);
    // the unpaid rows are counted on the re-import too (the chunks that passed over them are read again)
    expect(results[1]).toMatch(/"skipped":\{"rows":2[01],/);
    expect(skipped).toBeGreaterThan(base.length * 0.4);
  });
});

describe('the exports of eBay and Taobao, imported again with a byte more (so not replayed)', () => {
  it.each([
    ['eBay', fixture('ebay', 'eBay-OrdersReport-Oct-05-2026-10_00_00-0700-1234567890.csv')],
    ['eBay (German)', fixture('ebay', 'eBay-Bestellbericht-Dez-13-2025.csv')],
    ['Taobao order report', fixture('taobao', 'ExportOrderList201903151200.csv')],
  ])('%s: the same import line, rejects and database as reading every row, and chunks skipped', async (_name, file) => {
    const bytes = readFileSync(file);
    const first = copy(path.basename(file), bytes);
    const again = copy(path.basename(file), Buffer.concat([bytes, Buffer.from(bytes.includes(13) ? '\r\n' : '\n')]));
    const { skipped } = await compare(first, again);
    expect(skipped).toBeGreaterThan(0);
  });
});

/** The workbook written again by exceljs (other bytes — another author — and the same cells). */
async function rewritten(file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  book.creator = `copy ${++n}`;
  const to = path.join(dir, `a${n}`, path.basename(file));
  mkdirSync(path.dirname(to));
  await book.xlsx.writeFile(to);
  return to;
}

describe('the xlsx exports (Lazada, Shopee), written again: the unchanged chunks skipped', () => {
  it.each([
    ['Lazada', fixture('lazada', 'lazada_orders_2021-02-28.xlsx')],
    ['Shopee', fixture('shopee', 'Order.all.20250701_20250731.xlsx')],
  ])('%s: the same import line, rejects and database as reading every row', async (_name, file) => {
    const { skipped } = await compare(await rewritten(file), await rewritten(file));
    expect(skipped).toBeGreaterThan(0);
  });
});

const QIANNIU_HEADER = ['子订单编号', '主订单编号', '买家会员名', '商品标题', '商品价格', '购买数量', '订单状态', '买家实付金额', '退款金额', '订单创建时间', '订单付款时间'];

/**
 * A 千牛 export of `orders` orders of one to three sub-orders; `refunded`: order indexes refunded since. `buyers`:
 * the distributor variant's 买家会员名 in every order ('all'), in some ('some': a third of the cells empty), or
 * the item layout without that column ('none').
 */
async function qianniuBook(orders: number, refunded: ReadonlySet<number>, buyers: 'all' | 'some' | 'none' = 'all'): Promise<string> {
  const rnd = random(31);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('订单报表');
  const without = <T>(cells: T[]) => (buyers === 'none' ? cells.filter((_, i) => i !== 2) : cells);
  sheet.addRow(without(QIANNIU_HEADER));
  for (let i = 0; i < orders; i++) {
    const buyer = `tb_${Math.floor(rnd() * (orders / 3)).toString(36)}`;
    const named = buyers !== 'some' || rnd() < 0.67;
    const t = new Date(Date.UTC(2024, 4, 1) + i * 1_800_000).toISOString();
    const day = `${t.slice(0, 10)} ${t.slice(11, 19)}`;
    const lines = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < lines; k++) {
      const price = 500 + Math.floor(rnd() * 9000);
      const back = refunded.has(i);
      sheet.addRow(without([`${4000000000 + i * 10 + k}`, `${3000000000 + i}`, named ? buyer : '', `书 ${k}`, yuan(price), 1, back ? '交易关闭' : '交易成功', yuan(price), back ? yuan(price) : '无退款申请', day, day]));
    }
  }
  const to = path.join(dir, `a${++n}`, 'qianniu_order_export_20240601.xlsx');
  mkdirSync(path.dirname(to));
  await book.xlsx.writeFile(to);
  return to;
}

describe('a 千牛 workbook re-exported with 1% of the orders refunded since', () => {
  it.each([
    ['with buyers', 'all', 0.6],
    // the item layout: its orders have no buyer; chunks of such orders are recorded too (and their orders counted without buyer)
    ['without a buyer column', 'none', 0.6],
    // chunks whose orders all have a buyer, or none has, are recorded; chunks of both kinds are read again
    ['with buyers in some orders', 'some', 0.1],
  ] as const)('%s: skips the unchanged chunks, the same as reading every row', async (_name, buyers, share) => {
    const rnd = random(32);
    const refunded = new Set(Array.from({ length: 1200 }, (_, i) => i).filter(() => rnd() < 0.01));
    const { skipped, results } = await compare(await qianniuBook(1200, new Set(), buyers), await qianniuBook(1200, refunded, buyers));
    expect(results[1]).toMatch(/"updated":[1-9]/);
    expect(results[1]).toMatch(buyers === 'all' ? /"ordersWithoutBuyer":0/ : /"ordersWithoutBuyer":[1-9]/);
    if (buyers === 'none') expect(results[1]).toMatch(/"ordersWithoutBuyer":1200/);
    expect(skipped).toBeGreaterThan(1200 * share);
  });
});
