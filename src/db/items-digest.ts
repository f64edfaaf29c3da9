/**
 * A digest of an order's item count and items as an import wrote them, stored with the order so a re-import
 * can tell changed items from unchanged ones without reading them back (the order's other columns are
 * compared directly). Items attached later from an item report do not change it, so re-importing the order
 * report keeps finding the order unchanged. Not a security hash: two 32-bit multiply-xorshift lanes folded
 * into a 52-bit integer (exact in SQLite and in a double).
 */
import type { OrderItem } from '../domain/order.js';

export function digestItems(itemCount: number, items: readonly OrderItem[]): number {
  const h = new Lanes();
  h.num(itemCount);
  h.num(items.length);
  for (const i of items) {
    h.num(i.line);
    h.str(i.sku);
    h.str(i.title);
    h.num(i.quantity);
    h.num(i.unitPrice);
    h.num(i.lineTotal);
  }
  return h.value();
}

class Lanes {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  private mix(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b ^ x, 0x5bd1e995);
    this.b ^= this.b >>> 15;
  }

  num(v: number | null): void {
    if (v === null) this.mix(0x7ffffffe);
    else if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) {
      this.mix(v | 0);
      this.mix(Math.floor(v / 4294967296) | 0);
    } else this.str(String(v));
  }

  str(s: string | null): void {
    if (s === null) {
      this.mix(0x7fffffff);
      return;
    }
    this.mix(s.length);
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  value(): number {
    const a = Math.imul(this.a ^ (this.a >>> 16), 0x85ebca6b) >>> 0;
    const b = Math.imul(this.b ^ (this.b >>> 13), 0xc2b2ae35) >>> 0;
    return a * 2 ** 20 + (b >>> 12);
  }
}
