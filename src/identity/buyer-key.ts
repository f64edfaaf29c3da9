/**
 * Personal data rule: emails, phones and names are stored as a keyed hash (HMAC-SHA256 with the
 * database's own secret) plus a masked display form; opaque platform ids are kept as given.
 */
import { createHmac } from 'node:crypto';
import type { BuyerIdentity } from '../domain/order.js';

export interface StoredBuyer {
  key: string;
  display: string;
  /** Clear value only with --keep-pii (or for opaque ids, which are not personal data). */
  clear: string | null;
}

export function storedBuyer(buyer: BuyerIdentity, secret: string, keepPii: boolean): StoredBuyer {
  if (buyer.kind === 'id') return { key: buyer.value, display: buyer.value, clear: null };
  const key = 'h:' + createHmac('sha256', secret).update(`${buyer.kind}:${buyer.value}`).digest('hex').slice(0, 32);
  return { key, display: maskBuyer(buyer), clear: keepPii ? buyer.value : null };
}

/** `zhangsan@gmail.com` → `zh***@gmail.com`; `13812345678` → `138****5678`; `tb_abc3` → `t***3`; `张三` → `张*`. */
export function maskBuyer(buyer: BuyerIdentity): string {
  const v = buyer.value;
  if (buyer.kind === 'email') {
    const at = v.lastIndexOf('@');
    const local = v.slice(0, at);
    return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}***${v.slice(at)}`;
  }
  const chars = [...v];
  if (buyer.kind === 'phone') {
    const digits = v.replace(/\D/g, '');
    if (digits.length >= 7) return `${v.startsWith('+') ? '+' : ''}${digits.slice(0, 3)}****${digits.slice(-4)}`;
    return '****';
  }
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
