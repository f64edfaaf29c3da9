/**
 * The documented views `orderlens sql` queries (README "orderlens sql"): temporary views on a read-only
 * connection, so the database file is not changed and older files need no migration. They spell the
 * counted-purchase rule once, here, from the same status list the reports use.
 *
 *   orders     every order, with `counted` (1 when it counts as a purchase) and the buyer's customer_key
 *   customers  one row per customer: key, display form, contact (only with import --keep-pii), counted
 *              orders, revenue (net, minor units), first and last counted order day
 *   purchases  one row per counted order with a buyer
 *   items      order lines, with their order's platform, shop, order id, day, buyer and `counted`
 * Money is in integer minor units (cents, fen) of the row's currency, as in the tables.
 */
import type { Db } from './open.js';
import { COUNTED_SQL } from './purchase-runs.js';

export const QUERY_VIEWS = ['orders', 'customers', 'purchases', 'items'] as const;

export function createQueryViews(db: Db): void {
  db.exec(`
    CREATE TEMP VIEW orders AS
      SELECT o.id, o.platform, o.shop, o.order_id, c.buyer_key AS customer_key, o.customer_id, o.ordered_at, o.order_day,
        o.status, o.status_raw, (o.status IN (${COUNTED_SQL})) AS counted, o.currency, o.gross, o.discount, o.shipping,
        o.refunded, o.net, o.item_count
      FROM main.orders o LEFT JOIN main.customers c ON c.id = o.customer_id;
    CREATE TEMP VIEW purchases AS
      SELECT id, platform, shop, order_id, customer_key, customer_id, ordered_at, order_day, status, currency, gross, net, item_count
      FROM temp.orders WHERE counted = 1 AND customer_id IS NOT NULL;
    CREATE TEMP VIEW customers AS
      SELECT c.id, c.buyer_key AS customer_key, c.display AS customer, c.platform, c.shop, c.kind, c.clear AS contact,
        coalesce(p.orders, 0) AS orders, coalesce(p.revenue, 0) AS revenue, p.currency, p.first_order, p.last_order
      FROM main.customers c LEFT JOIN (
        SELECT customer_id, count(*) AS orders, sum(net) AS revenue, min(currency) AS currency, min(order_day) AS first_order, max(order_day) AS last_order
        FROM temp.purchases GROUP BY customer_id
      ) p ON p.customer_id = c.id;
    CREATE TEMP VIEW items AS
      SELECT o.id AS order_ref, o.platform, o.shop, o.order_id, o.customer_key, o.order_day, o.counted, o.currency,
        i.line, i.sku, i.title, i.quantity, i.unit_price, i.line_total
      FROM main.order_items i JOIN temp.orders o ON o.id = i.order_ref;
  `);
}
