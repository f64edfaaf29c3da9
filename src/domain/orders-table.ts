/**
 * The orders table outside orderlens: the documented shape `orderlens export` writes and the SQL of
 * `orderlens sql-plan` reads (README "Past one machine"). One row per order; a warehouse table in another
 * shape is brought to it with a view.
 *
 * The counting rules travel as two flags, so the SQL needs no status list:
 * - `counted`: the order is a purchase (paid, shipped, completed, partially refunded: COUNTED_STATUSES);
 * - `is_return`: a return or credit note (a refunded row with a negative gross): never a purchase, its
 *   negative `net` reduces the customer's net revenue on their last purchase day on or before it.
 * Purchases on the same local day are one purchase day; `order_day` is that day in the store's time zone.
 */
/** text: UTF-8 · timestamp: a UTC instant (ms) · date: a local day · int64: whole minor units · bool. */
export type OrdersTableType = 'text' | 'timestamp' | 'date' | 'int64' | 'bool';

export interface OrdersTableColumn {
  name: string;
  type: OrdersTableType;
  /** Null allowed. */
  nullable: boolean;
  /** Read by sql-plan's SQL (the others are carried for people and joins). */
  read: boolean;
}

export const ORDERS_TABLE: readonly OrdersTableColumn[] = [
  { name: 'platform', type: 'text', nullable: false, read: true },
  { name: 'shop', type: 'text', nullable: false, read: true },
  { name: 'order_id', type: 'text', nullable: false, read: false },
  { name: 'customer_key', type: 'text', nullable: true, read: true },
  { name: 'customer', type: 'text', nullable: true, read: false },
  { name: 'ordered_at', type: 'timestamp', nullable: false, read: false },
  { name: 'order_day', type: 'date', nullable: false, read: true },
  { name: 'status', type: 'text', nullable: false, read: false },
  { name: 'counted', type: 'bool', nullable: false, read: true },
  { name: 'is_return', type: 'bool', nullable: false, read: true },
  { name: 'currency', type: 'text', nullable: false, read: true },
  { name: 'gross', type: 'int64', nullable: false, read: false },
  { name: 'net', type: 'int64', nullable: false, read: true },
];

/** The column `export --keep-pii` adds after `customer` where the database keeps clear contact data. */
export const CONTACT_COLUMN: OrdersTableColumn = { name: 'contact', type: 'text', nullable: true, read: false };
