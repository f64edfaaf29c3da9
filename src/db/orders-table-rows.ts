/**
 * The stored orders in the documented orders-table shape (domain/orders-table.ts), read in batches of
 * columns for `orderlens export`: a few million orders never become one array of row objects.
 */
import type { EpochDay } from '../domain/day.js';
import type { Db } from './db-handle.js';
import { COUNTED_CODES_SQL, REFUNDED_CODE, rowCurrencySql, statusTextSql } from './status-codes.js';
import type { OrderFilter } from './queries.js';

/** A return or credit note, as the reports apply them (queries.ts applyReturns): a refunded row with a negative gross. */
const RETURN_SQL = `(o.status = ${REFUNDED_CODE} AND o.gross < 0)`;

/** `orders`: every stored order; `purchases`: only the rows the reports read (counted orders and returns with a buyer). */
export const ORDERS_TABLES = ['orders', 'purchases'] as const;
export type OrdersTableName = (typeof ORDERS_TABLES)[number];

export interface OrdersTableBatch {
  length: number;
  platform: string[];
  shop: string[];
  orderId: string[];
  customerKey: (string | null)[];
  customer: (string | null)[];
  /** Only when asked for (`withContact`): the clear identifier, null where the database keeps none. */
  contact: (string | null)[] | null;
  orderedMs: number[];
  day: EpochDay[];
  status: string[];
  counted: boolean[];
  isReturn: boolean[];
  currency: string[];
  gross: number[];
  net: number[];
}

/** How many customers have a clear identifier stored (import --keep-pii). */
export function clearContacts(db: Db): number {
  return db.prepare('SELECT count(*) FROM customers WHERE clear IS NOT NULL').pluck().get() as number;
}

/**
 * The orders of `table` under `filter` (local days, platform, shop, currency), in storage order, as batches
 * of at most `batchRows` rows.
 */
export function* readOrdersTable(
  db: Db,
  table: OrdersTableName,
  filter: OrderFilter,
  opts: { withContact: boolean; batchRows?: number },
): Generator<OrdersTableBatch> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (table === 'purchases') where.push(`o.customer_id IS NOT NULL AND (o.status IN (${COUNTED_CODES_SQL}) OR ${RETURN_SQL})`);
  if (filter.since !== undefined) {
    where.push('o.day >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('o.day <= ?');
    params.push(filter.until);
  }
  if (filter.platform) {
    where.push('s.platform = ?');
    params.push(filter.platform);
  }
  if (filter.shop) {
    where.push('s.shop = ?');
    params.push(filter.shop);
  }
  if (filter.currency) {
    where.push(`${rowCurrencySql('o', 's')} = ?`);
    params.push(filter.currency);
  }
  const sql = `SELECT s.platform, s.shop, o.order_id, c.buyer_key, c.display, ${opts.withContact ? 'c.clear' : 'NULL'}, o.ordered_ms, o.day,
      ${statusTextSql('o.status')}, o.status IN (${COUNTED_CODES_SQL}), ${RETURN_SQL}, ${rowCurrencySql('o', 's')}, o.gross, o.net
    FROM order_rows o JOIN sources s ON s.id = o.source LEFT JOIN customers c ON c.id = o.customer_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id`;
  const size = opts.batchRows ?? 65_536;
  let batch = emptyBatch(opts.withContact);
  for (const row of db.prepare(sql).raw(true).iterate(params) as Iterable<
    [string, string, string, string | null, string | null, string | null, number, number, string, number, number, string, number, number]
  >) {
    batch.platform.push(row[0]);
    batch.shop.push(row[1]);
    batch.orderId.push(row[2]);
    batch.customerKey.push(row[3]);
    batch.customer.push(row[4]);
    batch.contact?.push(row[5]);
    batch.orderedMs.push(row[6]);
    batch.day.push(row[7]);
    batch.status.push(row[8]);
    batch.counted.push(row[9] === 1);
    batch.isReturn.push(row[10] === 1);
    batch.currency.push(row[11]);
    batch.gross.push(row[12]);
    batch.net.push(row[13]);
    if (++batch.length === size) {
      yield batch;
      batch = emptyBatch(opts.withContact);
    }
  }
  if (batch.length > 0) yield batch;
}

function emptyBatch(withContact: boolean): OrdersTableBatch {
  return {
    length: 0, platform: [], shop: [], orderId: [], customerKey: [], customer: [], contact: withContact ? [] : null, orderedMs: [], day: [],
    status: [], counted: [], isReturn: [], currency: [], gross: [], net: [],
  };
}
