/**
 * Numbers the distinct buyers of one import in order of first appearance (per kind of identity) and keys
 * each new one once (buyer-key.ts). The reading half of an import does this, in its own thread for large
 * files, so that the writing half finds a buyer's customer id by number (CustomerRegistry.idOfRef) instead
 * of looking the buyer up again. Holds every distinct buyer of the import: about 40–60 bytes each.
 */
import type { BuyerIdentity, BuyerKind } from '../domain/order.js';
import { storedBuyer, type StoredBuyer } from './buyer-key.js';
import { StringIdTable } from './string-id-table.js';

export interface BuyerRef {
  /** 0, 1, 2 … in order of first appearance in the import. */
  slot: number;
  kind: BuyerKind;
  /** The buyer as stored: on its first appearance only, null after. */
  stored: StoredBuyer | null;
}

export class BuyerSlots {
  // small to start with (the tables grow as buyers come): four tables of 65,536 slots cost a small import
  // about 4 MB of zeroed memory and a garbage collection
  private readonly known: Record<BuyerKind, StringIdTable> = {
    id: new StringIdTable(256),
    email: new StringIdTable(256),
    phone: new StringIdTable(256),
    name: new StringIdTable(256),
  };
  private count = 0;

  constructor(
    private readonly secret: string,
    private readonly keepPii: boolean,
  ) {}

  refOf(buyer: BuyerIdentity): BuyerRef {
    const table = this.known[buyer.kind];
    const hit = table.get(buyer.value);
    if (hit !== undefined) return { slot: hit - 1, kind: buyer.kind, stored: null };
    const slot = this.count++;
    table.set(buyer.value, slot + 1);
    return { slot, kind: buyer.kind, stored: storedBuyer(buyer, this.secret, this.keepPii) };
  }
}
