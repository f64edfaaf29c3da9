/**
 * Taobao/Tmall: one adapter for the three files a Taobao shop exports, recognised by their headers —
 * the classic order report (订单报表), its item report (宝贝报表, joined on 订单编号) and the 千牛
 * sub-order export. All land under platform `taobao`, so the same order from two exports is one order.
 * Buyer: 买家会员名, a nickname chosen by the buyer — personal data, kept hashed unless --keep-pii.
 */
import type { Adapter, Header } from '../adapter.js';
import { scoreHeader } from './fingerprint.js';
import { openQianniu } from './qianniu.js';
import { openTaobaoItems } from './taobao-items.js';
import { openTaobaoOrders } from './taobao-orders.js';

/** Columns every copy of the order report keeps, even the trimmed ones analysts share. */
const ORDER_REPORT = ['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题', '订单付款时间', '订单创建时间', '订单状态'];
const ITEM_REPORT = ['订单编号', '标题', '价格', '购买数量', '外部系统编号', '商品属性', '套餐信息', '备注', '订单状态', '商家编码'];
const QIANNIU = [
  '子订单编号', '主订单编号', ['商品标题', '宝贝标题'], ['商品价格', '价格'], ['购买数量', '宝贝数量'], ['商品属性', '颜色/尺码'], '订单状态',
  ['商家编码', '商品编码'], '买家应付货款', ['买家实付金额', '子单实际支付金额'], '退款金额', '订单创建时间', '订单付款时间', '物流单号',
];

type Layout = 'orders' | 'items' | 'qianniu';

function scores(header: Header): Record<Layout, number> {
  const subOrders = header.has('子订单编号');
  // trimmed report copies may lack the times and status: the five columns they keep decide alone
  const orders = subOrders ? 0 : Math.max(scoreHeader(header, ORDER_REPORT.slice(0, 5), ['买家实际支付金额']), scoreHeader(header, ORDER_REPORT, ['买家实际支付金额']));
  return {
    orders,
    items: header.has('买家实际支付金额') ? 0 : scoreHeader(header, ITEM_REPORT, ['订单编号', '标题', '购买数量']),
    qianniu: scoreHeader(header, QIANNIU, ['子订单编号', '主订单编号']),
  };
}

function layoutOf(header: Header): Layout {
  const s = scores(header);
  return (Object.keys(s) as Layout[]).reduce((best, l) => (s[l] > s[best] ? l : best), 'orders');
}

export const taobao: Adapter = {
  id: 'taobao',
  label: 'taobao/tmall export',
  shopColumns: ['店铺名称'],
  defaultZone: 'Asia/Shanghai',
  defaultCurrency: 'CNY',
  match: (header) => Math.max(...Object.values(scores(header))),
  open(header, ctx) {
    switch (layoutOf(header)) {
      case 'items':
        return openTaobaoItems(header, ctx, 'taobao item report (宝贝报表)');
      case 'qianniu':
        return openQianniu(header, ctx, 'taobao 千牛 order export');
      default:
        return openTaobaoOrders(header, ctx, 'taobao order report (订单报表)');
    }
  },
};
