/**
 * Writing normalized orders: idempotent upserts keyed on (platform, shop, order_id). An order whose content
 * is unchanged is left alone; a changed one (status, refund, amounts, items) is updated in place.
 * Transactions are the caller's (one per imported file).
 */
import { dayFromCivil } from '../domain/day.js';
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
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, shop, order_id) DO NOTHING`),
      updateOrder: db.prepare(`UPDATE orders SET customer_id = ?, ordered_at = ?, order_day = ?, day = ?, status = ?,
        status_raw = ?, currency = ?, gross = ?, discount = ?, shipping = ?, refunded = ?, net = ?, item_count = ?,
        fingerprint = ?, import_id = ? WHERE id = ?`),
      deleteItems: db.prepare('DELETE FROM order_items WHERE order_ref = ?'),
      insertItem: db.prepare(
        'INSERT OR REPLACE INTO order_items (order_ref, line, sku, title, quantity, unit_price, line_total) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      findCustomer: db.prepare('SELECT id, clear FROM customers WHERE platform = ? AND shop = ? AND buyer_key = ?'),
      insertCustomer: db
        .prepare('INSERT INTO customers (platform, shop, buyer_key, display, kind, clear) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id')
        .pluck(),
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
    let id = this.stmt.insertCustomer.get(this.platform, this.shop, b.key, b.display, order.buyer.kind, b.clear) as number | undefined;
    if (id === undefined) {
      const row = this.stmt.findCustomer.get(this.platform, this.shop, b.key) as { id: number; clear: string | null };
      id = row.id;
      if (b.clear !== null && row.clear === null) this.stmt.keepClear.run(b.clear, id);
    }
    this.customerIds.set(b.key, id);
    return id;
  }

  write(order: NormalizedOrder): WriteOutcome {
    const customerId = this.customerId(order);
    const fingerprint = fingerprintOf(order, customerId);
    const day = dayOfIso(order.orderDay);
    const o = order;
    // Insert first: most rows of most imports are new. A conflict means the order is stored already.
    const inserted = this.stmt.insertOrder.run(
      this.platform, this.shop, o.orderId, customerId, o.orderedAt, o.orderDay, day, o.status, o.statusRaw, o.currency,
      o.gross, o.discount, o.shipping, o.refunded, o.net, o.itemCount, fingerprint, this.importId,
    );
    if (inserted.changes === 1) {
      this.writeItems(Number(inserted.lastInsertRowid), o.items);
      return 'inserted';
    }
    const existing = this.stmt.findOrder.get(this.platform, this.shop, o.orderId) as { id: number; fingerprint: string };
    if (existing.fingerprint === fingerprint) return 'unchanged';
    this.stmt.updateOrder.run(
      customerId, o.orderedAt, o.orderDay, day, o.status, o.statusRaw, o.currency, o.gross, o.discount, o.shipping,
      o.refunded, o.net, o.itemCount, fingerprint, this.importId, existing.id,
    );
    // an order-level export (Taobao 订单报表, Etsy Sold Orders) carries no items: keep those an item report attached
    if (o.items.length > 0) {
      this.stmt.deleteItems.run(existing.id);
      this.writeItems(existing.id, o.items);
    }
    return 'updated';
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

/** `YYYY-MM-DD` (already validated) → epoch day. */
function dayOfIso(text: string): number {
  return dayFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/**
 * A digest of everything an order carries, so re-imports can tell unchanged from updated. Not a security
 * hash: two 32-bit FNV-1a style lanes (64 bits) over the order's fields are plenty to notice a change.
 */
export function fingerprintOf(o: NormalizedOrder, customerId: number | null): string {
  let text = `${customerId}\u0001${o.orderedAt}\u0001${o.orderDay}\u0001${o.status}\u0001${o.statusRaw}\u0001${o.currency}\u0001${o.gross}\u0001${o.discount}\u0001${o.shipping}\u0001${o.refunded}\u0001${o.net}\u0001${o.itemCount}`;
  for (const i of o.items) text += `\u0002${i.line}|${i.sku}|${i.title}|${i.quantity}|${i.unitPrice}|${i.lineTotal}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36);
}
