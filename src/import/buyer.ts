/**
 * Deciding what a buyer identifier is, so personal data can be hashed and masked while opaque platform
 * ids are kept as given.
 */
import type { BuyerIdentity, BuyerKind } from '../domain/order.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s\-().]{7,20}$/;
const OPAQUE = /^[A-Za-z0-9_.:#\-/]+$/;
/**
 * Phone numbers written as bare digits: a Chinese mobile (with or without 86), a North American number
 * (10 digits, or 11 with the leading 1), a UK mobile (07…, or 447…), or an international number with 00.
 */
const BARE_PHONE = /^(?:(?:86)?1[3-9]\d{9}|1?[2-9]\d{2}[2-9]\d{6}|(?:44|0)7\d{9}|00\d{8,15})$/;
/** A user name: words of letters joined by `.`, `_` or `-` (`john.smith`, `mary_jones`), no digits. */
const USER_NAME = /^[A-Za-z]+(?:[._-][A-Za-z]+)+$/;

/**
 * Classifies an identifier, whatever column it comes from: an email (normalized: trimmed, lowercased), a
 * phone number (digits with a `+` or formatted with separators, or bare digits shaped like a Chinese,
 * North American or UK mobile number: BARE_PHONE), a user name (`john.smith`), an opaque id (letters,
 * digits and `_-.:#/` without spaces, like `C00469933` or `2357`), or else a name. All but opaque ids are
 * personal data (hashed and masked).
 */
export function classifyBuyer(value: string): BuyerIdentity {
  const v = value.trim();
  if (lettersAndDigits(v)) return { value: v, kind: 'id' };
  return classifyByRules(v);
}

/** classifyBuyer's rules, for a trimmed value (exported for the test that holds the shortcut to them). */
export function classifyByRules(v: string): BuyerIdentity {
  if (v.includes('@') && EMAIL.test(v)) return { value: v.toLowerCase(), kind: 'email' };
  // every phone form below also matches PHONE, which fails at once on most ids (this runs once a row)
  if (PHONE.test(v)) {
    const formatted = /[\s\-().+]/.test(v) && v.replace(/\D/g, '').length >= 7;
    if (formatted || BARE_PHONE.test(v) || /^\+\d{7,15}$/.test(v)) return { value: normalizePhone(v), kind: 'phone' };
  }
  if (USER_NAME.test(v)) return { value: v, kind: 'name' };
  if (OPAQUE.test(v)) return { value: v, kind: 'id' };
  return { value: v, kind: 'name' };
}

/**
 * ASCII letters and digits only, at least one letter (`C00469933`, `tb86363067`): what most exports' buyer ids
 * are, and an opaque id by the rules below without running them (no `@`; a letter fails PHONE; USER_NAME needs a
 * separator; OPAQUE holds). Digits alone may be a phone number: those go through the rules.
 */
export function lettersAndDigits(v: string): boolean {
  let letter = false;
  const n = v.length;
  for (let k = 0; k < n; k++) {
    const c = v.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    const u = c & 0xdf;
    if (c < 128 && u >= 65 && u <= 90) letter = true;
    else return false;
  }
  return letter;
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
