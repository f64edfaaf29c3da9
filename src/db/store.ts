/**
 * Writing normalized orders: idempotent upserts keyed on (platform, shop, order_id). An order whose content
 * is unchanged is left alone; a changed one (status, refund, amounts, items) is updated in place.
 * Transactions are the caller's (one per imported file).
 */
import { createHash } from 'node:crypto';
import type { NormalizedOrder, OrderItem } from '../domain/order.js';
import { storedBuyer } from './buyer-key.js';
import { dbSecret, type Db } from './open.js';

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

export interface ImportRecord {
  path: string;
  sha256: string;
  platform: string;
  shop: string;
  encoding: string | null;
  startedAt: string;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export class OrderWriter {
  private readonly secret: string;
  private readonly customerIds = new Map<string, number>();
  private readonly stmt;

  constructor(
    private readonly db: Db,
    private readonly platform: string,
    private readonly shop: string,
    private readonly keepPii: boolean,
  ) {
    this.secret = dbSecret(db);
    this.stmt = {
      findOrder: db.prepare('SELECT id, fingerprint FROM orders WHERE platform = ? AND shop = ? AND order_id = ?'),
      insertOrder: db.prepare(`INSERT INTO orders (platform, shop, order_id, customer_id, ordered_at, order_day, day, status,
        status_raw, currency, gross, discount, shipping, refunded, net, item_count, fingerprint, import_id)
        VALUES (@platform, @shop, @orderId, @customerId, @orderedAt, @orderDay, @day, @status, @statusRaw, @currency,
        @gross, @discount, @shipping, @refunded, @net, @itemCount, @fingerprint, @importId)`),
      updateOrder: db.prepare(`UPDATE orders SET customer_id = @customerId, ordered_at = @orderedAt, order_day = @orderDay,
        day = @day, status = @status, status_raw = @statusRaw, currency = @currency, gross = @gross, discount = @discount,
        shipping = @shipping, refunded = @refunded, net = @net, item_count = @itemCount, fingerprint = @fingerprint,
        import_id = @importId WHERE id = @id`),
      deleteItems: db.prepare('DELETE FROM order_items WHERE order_ref = ?'),
      insertItem: db.prepare(
        'INSERT OR REPLACE INTO order_items (order_ref, line, sku, title, quantity, unit_price, line_total) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      findCustomer: db.prepare('SELECT id, clear FROM customers WHERE platform = ? AND shop = ? AND buyer_key = ?'),
      insertCustomer: db.prepare('INSERT INTO customers (platform, shop, buyer_key, display, kind, clear) VALUES (?, ?, ?, ?, ?, ?)'),
      keepClear: db.prepare('UPDATE customers SET clear = ? WHERE id = ?'),
      insertImport: db.prepare(`INSERT INTO imports (path, sha256, platform, shop, encoding, started_at)
        VALUES (@path, @sha256, @platform, @shop, @encoding, @startedAt)`),
      finishImport: db.prepare(`UPDATE imports SET rows_read = @read, inserted = @inserted, updated = @updated,
        unchanged = @unchanged, rejected = @rejected, finished_at = @finishedAt WHERE id = @id`),
    };
  }

  private importId = 0;

  startImport(rec: ImportRecord): void {
    this.importId = Number(this.stmt.insertImport.run(rec).lastInsertRowid);
  }

  finishImport(counts: ImportCounts, finishedAt: string): void {
    this.stmt.finishImport.run({ ...counts, finishedAt, id: this.importId });
  }

  private customerId(order: NormalizedOrder): number | null {
    if (!order.buyer) return null;
    const b = storedBuyer(order.buyer, this.secret, this.keepPii);
    const cached = this.customerIds.get(b.key);
    if (cached !== undefined) return cached;
    const row = this.stmt.findCustomer.get(this.platform, this.shop, b.key) as { id: number; clear: string | null } | undefined;
    let id: number;
    if (row) {
      id = row.id;
      if (b.clear !== null && row.clear === null) this.stmt.keepClear.run(b.clear, id);
    } else {
      id = Number(this.stmt.insertCustomer.run(this.platform, this.shop, b.key, b.display, order.buyer.kind, b.clear).lastInsertRowid);
    }
    this.customerIds.set(b.key, id);
    return id;
  }

  write(order: NormalizedOrder): WriteOutcome {
    const customerId = this.customerId(order);
    const fingerprint = fingerprintOf(order, customerId);
    const existing = this.stmt.findOrder.get(this.platform, this.shop, order.orderId) as { id: number; fingerprint: string } | undefined;
    if (existing && existing.fingerprint === fingerprint) return 'unchanged';
    const params = {
      platform: this.platform,
      shop: this.shop,
      orderId: order.orderId,
      customerId,
      orderedAt: order.orderedAt,
      orderDay: order.orderDay,
      day: Math.round(Date.parse(order.orderDay + 'T00:00:00Z') / 86_400_000),
      status: order.status,
      statusRaw: order.statusRaw,
      currency: order.currency,
      gross: order.gross,
      discount: order.discount,
      shipping: order.shipping,
      refunded: order.refunded,
      net: order.net,
      itemCount: order.itemCount,
      fingerprint,
      importId: this.importId,
    };
    let ref: number;
    if (existing) {
      ref = existing.id;
      this.stmt.updateOrder.run({ ...params, id: ref });
      // an order-level export (Taobao 订单报表, Etsy Sold Orders) carries no items: keep those an item report attached
      if (order.items.length > 0) this.stmt.deleteItems.run(ref);
    } else {
      ref = Number(this.stmt.insertOrder.run(params).lastInsertRowid);
    }
    this.writeItems(ref, order.items);
    return existing ? 'updated' : 'inserted';
  }

  /** Attaches items from a separate item report to a stored order; false when the order is unknown. */
  attachItems(orderId: string, items: OrderItem[]): WriteOutcome | null {
    const existing = this.stmt.findOrder.get(this.platform, this.shop, orderId) as { id: number } | undefined;
    if (!existing) return null;
    const before = this.db.prepare('SELECT line, sku, title, quantity, unit_price, line_total FROM order_items WHERE order_ref = ? ORDER BY line').all(existing.id);
    const after = items.map((i) => ({ line: i.line, sku: i.sku, title: i.title, quantity: i.quantity, unit_price: i.unitPrice, line_total: i.lineTotal }));
    if (JSON.stringify(before) === JSON.stringify(after)) return 'unchanged';
    this.stmt.deleteItems.run(existing.id);
    this.writeItems(existing.id, items);
    this.db.prepare('UPDATE orders SET item_count = ? WHERE id = ?').run(items.reduce((s, i) => s + i.quantity, 0), existing.id);
    return 'updated';
  }

  private writeItems(ref: number, items: OrderItem[]): void {
    for (const it of items) this.stmt.insertItem.run(ref, it.line, it.sku, it.title, it.quantity, it.unitPrice, it.lineTotal);
  }
}

/** A digest of everything an order carries, so re-imports can tell unchanged from updated. */
function fingerprintOf(o: NormalizedOrder, customerId: number | null): string {
  const items = o.items.map((i) => `${i.line}|${i.sku}|${i.title}|${i.quantity}|${i.unitPrice}|${i.lineTotal}`).join('\n');
  const text = [customerId, o.orderedAt, o.orderDay, o.status, o.statusRaw, o.currency, o.gross, o.discount, o.shipping, o.refunded, o.net, o.itemCount, items].join('\u0001');
  return createHash('sha1').update(text).digest('base64').slice(0, 22);
}
