/**
 * Deciding what a buyer identifier is, so personal data can be hashed and masked while opaque platform
 * ids are kept as given.
 */
import type { BuyerIdentity, BuyerKind } from '../domain/order.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s\-().]{7,20}$/;
const OPAQUE = /^[A-Za-z0-9_.:#\-/]+$/;

/**
 * Classifies an identifier: an email (normalized: trimmed, lowercased), a phone number (digits, with a
 * country prefix or formatted with separators, or an 11-digit Chinese mobile), an opaque id (letters,
 * digits and `_-.:#/` without spaces, like `C00469933` or `2357`), or else a name (personal data).
 */
export function classifyBuyer(value: string): BuyerIdentity {
  const v = value.trim();
  if (v.includes('@') && EMAIL.test(v)) return { value: v.toLowerCase(), kind: 'email' };
  // every phone form below also matches PHONE, which fails at once on most ids (this runs once a row)
  if (PHONE.test(v)) {
    const formatted = /[\s\-().+]/.test(v) && v.replace(/\D/g, '').length >= 7;
    if (formatted || /^1[3-9]\d{9}$/.test(v) || /^\+\d{7,15}$/.test(v)) return { value: normalizePhone(v), kind: 'phone' };
  }
  if (OPAQUE.test(v)) return { value: v, kind: 'id' };
  return { value: v, kind: 'name' };
}

/** Only the digits, keeping a leading `+`. */
export function normalizePhone(v: string): string {
  return (v.trim().startsWith('+') ? '+' : '') + v.replace(/\D/g, '');
}

/** A buyer identity of a known kind, normalized the way classifyBuyer would. */
export function buyerOf(value: string, kind: BuyerKind): BuyerIdentity {
  const v = value.trim();
  if (kind === 'email') return { value: v.toLowerCase(), kind };
  if (kind === 'phone') return { value: normalizePhone(v), kind };
  return { value: v, kind };
}
