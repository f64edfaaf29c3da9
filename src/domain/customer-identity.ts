/**
 * A customer's stable identity across the store: platform, shop and customer key. Snapshots and campaign
 * lists name customers by it (never by a row id), so they read the same after the orders are imported again.
 * This is the one place that says which key that is.
 */
import type { CustomerRef } from './purchase-log.js';

export interface CustomerIdentity {
  platform: string;
  shop: string;
  customerKey: string;
}

/** The identity of a customer of a purchase log. */
export function customerIdentity(ref: CustomerRef): CustomerIdentity {
  return { platform: ref.platform, shop: ref.shop, customerKey: ref.key };
}

/** One string per identity, for maps and joins. */
export function identityId(id: CustomerIdentity): string {
  return `${id.platform}\u001f${id.shop}\u001f${id.customerKey}`;
}
