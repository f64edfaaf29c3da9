// CustomerRegistry (src/db/customer-registry.ts): numbered buyers → customer ids, with or without its slot table.
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/open.js';
import { CustomerRegistry } from '../src/db/customer-registry.js';
import type { BuyerRef } from '../src/identity/buyer-slots.js';

const SECRET = 'k'.repeat(64);

function refs(order: number[]): { first: Set<number>; list: BuyerRef[] } {
  const first = new Set<number>();
  const list = order.map((slot) => {
    const isNew = !first.has(slot);
    first.add(slot);
    return { slot, kind: 'id' as const, stored: isNew ? { key: `B${slot}`, display: `B${slot}`, clear: null } : null };
  });
  return { first, list };
}

/** Resolves every ref, then checks each slot kept one id, ids are distinct, and the table agrees. */
function resolveAll(db: Db, registry: CustomerRegistry, list: BuyerRef[]): Map<number, number> {
  const seen = new Map<number, number>();
  const changed: number[] = [];
  for (const r of list) {
    const id = registry.idOfRef(r);
    if (!seen.has(r.slot)) seen.set(r.slot, id);
    else if (seen.get(r.slot) !== id) changed.push(r.slot);
  }
  registry.finish();
  expect(changed).toEqual([]);
  expect(new Set(seen.values()).size).toBe(seen.size);
  const stored = new Map(db.prepare('SELECT id, buyer_key FROM customers').raw().all() as [number, string][]);
  expect([...seen].filter(([slot, id]) => stored.get(id) !== `B${slot}`)).toEqual([]);
  return seen;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

describe('CustomerRegistry', () => {
  it('numbers a first import’s buyers after the customers of other shops, in order of first appearance, without a slot table', () => {
    const db = openDb(':memory:', { create: true });
    db.prepare("INSERT INTO customers (id, platform, shop, buyer_key, display, kind) VALUES (41, 'generic', 'other', 'x', 'x', 'id')").run();
    const registry = new CustomerRegistry(db, 'generic', 'default', SECRET, false);
    const random = seeded(7);
    const order: number[] = [];
    let next = 0;
    // 200k refs, about half of them a new buyer (slots first met in increasing order), the rest repeats
    for (let i = 0; i < 200_000; i++) order.push(next === 0 || random() < 0.5 ? next++ : Math.floor(random() * next));
    const ids = resolveAll(db, registry, refs(order).list);
    expect([...ids].filter(([slot, id]) => id !== 42 + slot)).toEqual([]);
    expect((registry as unknown as { slots: Int32Array | null }).slots).toBeNull();
  });

  it('keeps every slot’s id when first appearances come out of slot order (the slot table takes over)', () => {
    const db = openDb(':memory:', { create: true });
    const registry = new CustomerRegistry(db, 'generic', 'default', SECRET, false);
    // slots 0..69999 in order, then 70001 before 70000, then more repeats of both halves
    const order = [...Array.from({ length: 70_000 }, (_, s) => s), 70_001, 5, 70_000, 69_999, 70_001, 0, 70_002, 12_345];
    const ids = resolveAll(db, registry, refs(order).list);
    expect(ids.get(0)).toBe(1);
    expect(ids.get(69_999)).toBe(70_000);
    expect(ids.get(70_001)).toBe(70_001);
    expect(ids.get(70_000)).toBe(70_002);
    expect(() => registry.idOfRef({ slot: 80_000, kind: 'id', stored: null })).toThrow(/not seen before/);
  });

  it('finds the stored customers of a shop imported before, and numbers only its new buyers', () => {
    const db = openDb(':memory:', { create: true });
    const first = new CustomerRegistry(db, 'generic', 'default', SECRET, false);
    const before = resolveAll(db, first, refs([0, 1, 2, 1, 3]).list);
    const again = new CustomerRegistry(db, 'generic', 'default', SECRET, false);
    // this import's slot 0 is stored buyer B2, slot 1 a new one (B1 renamed B9 below), slot 2 stored buyer B0
    const list: BuyerRef[] = [
      { slot: 0, kind: 'id', stored: { key: 'B2', display: 'B2', clear: null } },
      { slot: 1, kind: 'id', stored: { key: 'B9', display: 'B9', clear: null } },
      { slot: 0, kind: 'id', stored: null },
      { slot: 2, kind: 'id', stored: { key: 'B0', display: 'B0', clear: null } },
      { slot: 1, kind: 'id', stored: null },
    ];
    expect(list.map((r) => again.idOfRef(r))).toEqual([before.get(2), 5, before.get(2), before.get(0), 5]);
    again.finish();
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(5);
  });
});
