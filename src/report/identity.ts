/**
 * The identity columns every per-customer report starts with, in this order: `customer_key` (unique within a
 * platform and shop, and the same in every rebuild: see db/key-file.ts), `customer` (the display form),
 * `platform`, `shop`, then `contact` where the database keeps personal data (import --keep-pii).
 */
import type { CustomerRef } from '../domain/purchase-log.js';
import type { Column } from '../output/report.js';
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
