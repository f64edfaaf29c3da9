/**
 * Taobao/Tmall item report (宝贝报表, `ExportOrderDetailList*.csv`): one row per item, joined to the order
 * report on 订单编号. It yields `items` results; the importer attaches them to the stored orders.
 */
import type { OrderItem } from '../../domain/order.js';
import type { AdapterContext, Header, RowMapper, SourceRow } from '../adapter.js';
import { Columns } from './columns.js';
import { orderKey, readMoney, readQuantity } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';

export const TAOBAO_ITEM_COLUMNS = {
  order_id: '订单编号',
  product: '标题',
  price: '价格',
  quantity: '购买数量',
  external_code: '外部系统编号',
  properties: '商品属性',
  sku: '商家编码',
} as const;
type Field = keyof typeof TAOBAO_ITEM_COLUMNS;

export function openTaobaoItems(header: Header, ctx: AdapterContext, label: string): RowMapper {
  const C = TAOBAO_ITEM_COLUMNS;
  const col = Columns.resolve<Field>(header, C, ctx, ['order_id', 'product', 'quantity'], label);

  const itemOf = (row: SourceRow, n: number): OrderItem => {
    const quantity = readQuantity(col.get(row, 'quantity'), row.line, C.quantity);
    const unitPrice = readMoney(col.get(row, 'price'), ctx.currency, ctx, row.line, C.price);
    const properties = col.get(row, 'properties');
    const title = col.get(row, 'product');
    return {
      line: n,
      sku: col.get(row, 'sku') || col.get(row, 'external_code') || null,
      title: (properties ? `${title} (${properties})` : title) || null,
      quantity,
      unitPrice,
      lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity),
    };
  };

  return mapGroupedRows((rows, orderId) => [{ items: { orderId, line: rows[0].line, items: rows.map((r, i) => itemOf(r, i + 1)) } }], {
    keyOf: (row) => orderKey(col.get(row, 'order_id'), row.line, C.order_id),
    keyColumn: C.order_id,
  });
}
