/**
 * The identity columns every per-customer report starts with, in this order: `customer_key` (unique within a
 * platform and shop, and the same in every rebuild: see db/key-file.ts), `customer` (the display form),
 * `platform`, `shop`, then `contact` where the database keeps personal data (import --keep-pii).
 */
import type { CustomerRef } from '../domain/purchase-log.js';
import type { Column, Report } from '../output/report.js';
import { col } from './columns.js';

export interface IdentityCells {
  customer_key: string;
  customer: string;
  platform: string;
  shop: string;
  contact: string | null;
}

export function identityCells(ref: CustomerRef): IdentityCells {
  return { customer_key: ref.key, customer: ref.display, platform: ref.platform, shop: ref.shop, contact: ref.clear };
}

/** Whether any of these customers has a clear contact stored (then reports add the contact column). */
export function keepsContact(refs: Iterable<CustomerRef>): boolean {
  for (const r of refs) if (r.clear !== null) return true;
  return false;
}

/**
 * The identity columns; `fields` names the row properties where rows carry them under other names (an
 * analytic's rows handed on as they are: `{ customer_key: 'key' }`).
 */
export function identityColumns(withContact: boolean, fields: Partial<Record<keyof IdentityCells, string>> = {}): Column[] {
  const names: (keyof IdentityCells)[] = ['customer_key', 'customer', 'platform', 'shop', ...(withContact ? (['contact'] as const) : [])];
  return names.map((name) => col(name, { field: fields[name] }));
}

/** Whether the `n` customers `at(0)` … `at(n - 1)` are all of one platform and shop. */
export function oneStore(n: number, at: (i: number) => { readonly platform: string; readonly shop: string }): boolean {
  if (n === 0) return true;
  const first = at(0);
  for (let i = 1; i < n; i++) {
    const r = at(i);
    if (r.platform !== first.platform || r.shop !== first.shop) return false;
  }
  return true;
}

/**
 * What a narrow terminal leaves out of a per-customer table (Report.drop), so that it stays one line a customer:
 * of one store, platform and shop first (the same on every row), then the contact and the customer_key (never
 * cut short: a cut key would be copied as a wrong one), then the report's own columns, least important first
 * (`rest`); of several stores, platform and shop go last (they tell the rows apart).
 */
export function customerDrop(singleStore: boolean, rest: NonNullable<Report['drop']> = []): NonNullable<Report['drop']> {
  return singleStore ? [['platform', 'shop'], 'contact', 'customer_key', ...rest] : ['contact', 'customer_key', ...rest, ['platform', 'shop']];
}
