// CustomerRegistry (src/db/customer-registry.ts): numbered buyers → customer ids, with or without its slot table.
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/open.js';
import { CustomerRegistry } from '../src/db/customer-registry.js';
import type { BuyerRef } from '../src/identity/buyer-slots.js';
import { seededRandom } from '../src/analytics/random.js';

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

/** A registry for the source (platform, shop), as an import's start makes it (OrderWriter.startImport). */
function registryFor(db: Db, platform: string, shop: string): CustomerRegistry {
  const created = db.prepare('INSERT INTO sources (platform, shop) VALUES (?, ?) ON CONFLICT DO NOTHING').run(platform, shop).changes === 1;
  const source = db.prepare('SELECT id FROM sources WHERE platform = ? AND shop = ?').pluck().get(platform, shop) as number;
  return new CustomerRegistry(db, source, created, SECRET, false);
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

describe('CustomerRegistry', () => {
  it('numbers a first import’s buyers after the customers of other shops, in order of first appearance, without a slot table', () => {
    const db = openDb(':memory:', { create: true });
    const other = registryFor(db, 'generic', 'other');
    db.prepare("INSERT INTO customer_rows (id, source, buyer_key, kind) VALUES (41, (SELECT id FROM sources WHERE shop = 'other'), 'x', 0)").run();
    other.finish();
    const registry = registryFor(db, 'generic', 'default');
    const random = seededRandom(7);
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
    const registry = registryFor(db, 'generic', 'default');
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
    const first = registryFor(db, 'generic', 'default');
    const before = resolveAll(db, first, refs([0, 1, 2, 1, 3]).list);
    const again = registryFor(db, 'generic', 'default');
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

  it('looks buyers up for a source that existed before this import, with or without customers, and stores each once', () => {
    const db = openDb(':memory:', { create: true });
    resolveAll(db, registryFor(db, 'generic', 'other'), refs([0, 1]).list); // customers 1, 2 (B0, B1) of another shop
    db.prepare("INSERT INTO sources (platform, shop) VALUES ('generic', 'default')").run(); // a source with no customers yet
    const registry = registryFor(db, 'generic', 'default');
    expect((registry as unknown as { fresh: boolean }).fresh).toBe(false);
    const ids = resolveAll(db, registry, refs([0, 1, 0, 2]).list);
    expect([...ids.values()]).toEqual([3, 4, 5]);
    expect(db.prepare("SELECT count(*) FROM customers WHERE shop = 'default'").pluck().get()).toBe(3);
  });

  it('refuses to go on when the ids SQLite gives are not the ones handed out', () => {
    const db = openDb(':memory:', { create: true });
    const registry = registryFor(db, 'generic', 'default');
    const list = refs(Array.from({ length: 300 }, (_, s) => s)).list;
    registry.idOfRef(list[0]);
    // a row written behind the registry’s back takes id 2: the batch of ids 1–256 would be stored as 3–258
    db.prepare("INSERT INTO customer_rows (id, source, buyer_key, kind) VALUES (2, 1, 'intruder', 0)").run();
    for (const r of list.slice(1)) registry.idOfRef(r);
    expect(() => registry.finish()).toThrow(/customer 256 was stored as 258/);
  });
  it('stores buyers of every kind as given, in batches mixed with opaque ids, and keeps a clear value met later in the import', () => {
    const db = openDb(':memory:', { create: true });
    // slot s: mostly opaque ids; every 7th an email (masked display, clear value), every 11th a name (display only)
    const buyer = (s: number): BuyerRef => {
      if (s % 7 === 3) return { slot: s, kind: 'email', stored: { key: `K${s}`, display: `e***${s}@x`, clear: `mail${s}@x.com` } };
      if (s % 11 === 5) return { slot: s, kind: 'name', stored: { key: `K${s}`, display: `N***${s}`, clear: null } };
      return { slot: s, kind: 'id', stored: { key: `K${s}`, display: `K${s}`, clear: null } };
    };
    const expected = (s: number, id: number) => {
      const b = buyer(s);
      return [id, b.stored!.key, b.kind, b.stored!.display, b.stored!.clear];
    };
    const rows = (shop: string) =>
      db.prepare('SELECT id, buyer_key, kind, display, clear FROM customers WHERE shop = ? ORDER BY id').raw().all(shop);
    // a first import (ids written 256 a statement, the batch of opaque ids alone binding only keys), 1,100 buyers
    const fresh = registryFor(db, 'generic', 'a');
    const first = Array.from({ length: 1100 }, (_, s) => fresh.idOfRef(buyer(s)));
    fresh.finish();
    expect(first).toEqual(Array.from({ length: 1100 }, (_, s) => s + 1));
    expect(rows('a')).toEqual(first.map((id, s) => expected(s, id)));
    // a source that existed before: buyers are looked up; one key met twice, the second time with its clear value
    db.prepare("INSERT INTO sources (platform, shop) VALUES ('generic', 'b')").run();
    const looked = registryFor(db, 'generic', 'b');
    const ids = Array.from({ length: 600 }, (_, s) => looked.idOfRef(buyer(s)));
    const again = looked.idOfRef({ slot: 600, kind: 'email', stored: { key: 'K1', display: 'e***1@x', clear: 'late@x.com' } });
    looked.finish();
    expect(ids).toEqual(Array.from({ length: 600 }, (_, s) => 1101 + s));
    expect(again).toBe(ids[1]);
    const want = ids.map((id, s) => expected(s, id));
    want[1][4] = 'late@x.com';
    expect(rows('b')).toEqual(want);
  });
});
