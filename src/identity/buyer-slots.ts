/**
 * Numbers the distinct buyers of one import in order of first appearance and keys each new one once
 * (buyer-key.ts). The reading half of an import does this, in its own thread for large files, so that the
 * writing half finds a buyer's customer id by number (CustomerRegistry.idOfRef) instead of looking the
 * buyer up again. Holds every distinct buyer of the import (buyer-table.ts): about 14 bytes a buyer whose
 * value is at most 8 ASCII characters, 2 more plus its characters (twice that beyond Latin-1) for a longer one.
 */
import type { BuyerIdentity, BuyerKind } from '../domain/order.js';
import { storedBuyer, type StoredBuyer } from './buyer-key.js';
import { BuyerTable } from './buyer-table.js';

export interface BuyerRef {
  /** 0, 1, 2 … in order of first appearance in the import. */
  slot: number;
  kind: BuyerKind;
  /** The buyer as stored: on its first appearance only, null after. */
  stored: StoredBuyer | null;
}

const KIND_CODE: Record<BuyerKind, number> = { id: 0, email: 1, phone: 2, name: 3 };

export class BuyerSlots {
  private readonly known = new BuyerTable();

  constructor(
    private readonly secret: string,
    private readonly keepPii: boolean,
  ) {}

  refOf(buyer: BuyerIdentity): BuyerRef {
    const n = this.known.numberOf(KIND_CODE[buyer.kind], buyer.value);
    if (n >= 0) return { slot: n, kind: buyer.kind, stored: null };
    return { slot: -n - 1, kind: buyer.kind, stored: storedBuyer(buyer, this.secret, this.keepPii) };
  }

  /** refOf without its objects: the slot of (kind, value) (kind 0–3: id, email, phone, name), −(slot + 1) on its first appearance (then storedOf). */
  numberOf(kind: number, value: string): number {
    return this.known.numberOf(kind, value);
  }

  /** The stored form of a buyer on its first appearance. */
  storedOf(kind: BuyerKind, value: string): StoredBuyer {
    return storedBuyer({ value, kind }, this.secret, this.keepPii);
  }
}
