/**
 * Buyer → customer id for one import (one platform and shop, inside the import's transaction).
 *
 * Buyers come numbered by order of first appearance (buyer-slots.ts: the reading half of the import numbers
 * and keys them); a buyer seen before in this import is an array lookup here. A buyer's first appearance
 * is looked up by its stored key, and becomes a new customer when it has none.
 *
 * New customers get their id here at once (the import holds the write lock, so ids are ours to hand out)
 * and are written in batches in id order, so the table only ever grows at its end: the rows' ids are the
 * ones SQLite gives (the next after the largest), not bound, and checked. What costs is the unique index on
 * (buyer_key, source): keys arrive in random order, and a random insertion into a b-tree of a million keys
 * costs about 6 µs, against about 0.6 µs per key to build the index once by sorting.
 *
 * A row holds the source id, the key and the kind (a number); the display form only where it differs from
 * the key, the clear value only with --keep-pii (schema migration 10; the `customers` view gives the old columns).
 *
 * - A source that may have customers already: a new buyer of this import is looked up in the pending new
 *   customers, then through the index.
 * - A source this import created (its first import), or a store without customers: every buyer's first
 *   appearance is a new customer, so the database is never asked. Once the import has brought many new
 *   customers (at least BULK_MIN, and a quarter of the table), the unique index is dropped and built again
 *   once at the end, inside the same transaction.
 */
import type { BuyerIdentity, BuyerKind } from '../domain/order.js';
import type { StoredBuyer } from '../identity/buyer-key.js';
import { boundCodes } from './bound-codes.js';
import { BuyerSlots, type BuyerRef } from '../identity/buyer-slots.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';
/** New customers buffered before they are written. */
const PENDING_MAX = 1024;
const INSERT_ROWS = 256;
/** A buyer kind is stored as a number (bound-codes.ts order: 0 id, 1 email, 2 phone, 3 name; migration 10). */
const KIND = boundCodes(['id', 'email', 'phone', 'name'] satisfies BuyerKind[]);
const KIND_ID = KIND.code.get('id') as number;
/**
 * New customers after which a first import drops the key index and builds it again at the end. Each insertion
 * into the index before it is dropped is a random one: at 50,000 they were a third of the customers' INSERT time
 * in a first import of 552k customers (0.40–0.45 s against 0.26–0.28 s of the writing thread's CPU).
 */
const BULK_MIN = 4096;
/** As migration 10 (schema.ts) makes it. */
const KEY_INDEX = 'CREATE UNIQUE INDEX customer_rows_by_key ON customer_rows (buyer_key, source)';

export class CustomerRegistry {
  /**
   * Customer id by buyer slot (0: none yet), once needed. In a first import every buyer's first appearance
   * is a new customer, numbered in slot order: slot s is customer `dense + s` for the first `denseSlots`
   * slots, and no table is kept (4–8 bytes a buyer: 45 MB at the 5.5M buyers of a 10M-line file).
   */
  private slots: Int32Array | null = null;
  private dense = 0;
  private denseSlots = 0;
  /** Slots for callers that give buyers, not refs (idOf): refs must then come from here only. */
  private own: BuyerSlots | null = null;
  private refsGiven = false;
  private readonly fresh: boolean;
  /**
   * New customers not written yet, column by column (an object each cost the writing thread 2.77M allocations
   * at 5M lines): ids from `pendingFirst` on, keys, kinds (as stored), display forms (null: the key) and clear
   * values; `pendingPlain`: none of them has a kind but 'id', a display or a clear value (most exports' buyers).
   * Places 0 … pendingCount − 1 of arrays made once (emptied arrays gave their room back and grew again by copies
   * every PENDING_MAX customers: 22 MB of garbage in a first import of 196k customers).
   */
  private pendingFirst = 0;
  private pendingCount = 0;
  private readonly pendingKeys: string[] = new Array<string>(PENDING_MAX).fill('');
  private readonly pendingKinds = new Uint8Array(PENDING_MAX);
  private readonly pendingDisplays: (string | null)[] = new Array<string | null>(PENDING_MAX).fill(null);
  private readonly pendingClears: (string | null)[] = new Array<string | null>(PENDING_MAX).fill(null);
  private pendingPlain = true;
  /** Stored key → its place among the pending customers, where the index may be asked (not fresh). */
  private readonly pendingByKey = new Map<string, number>();
  private nextId: number;
  private readonly existing: number;
  private created = 0;
  private bulk = false;
  private readonly stmt;
  /** The INSERTs of INSERT_ROWS customers (prepared on first use: most imports bring fewer), and their values. */
  private insertAny: Statement | null = null;
  private insertIds: Statement | null = null;
  private readonly keyParams: unknown[] = new Array<unknown>(INSERT_ROWS).fill(null);
  private readonly rowParams: unknown[] = new Array<unknown>(INSERT_ROWS * 4).fill(null);

  /**
   * `source`: the sources row of the import's platform and shop; `newSource`: this import created it (so no
   * customer can have it yet; sources rows are never deleted, their ids never reused).
   */
  constructor(
    private readonly db: Db,
    private readonly source: number,
    newSource: boolean,
    private readonly secret: string,
    private readonly keepPii: boolean,
  ) {
    if (!Number.isSafeInteger(source)) throw new Error(`CustomerRegistry: source ${source}`);
    this.existing = db.prepare('SELECT coalesce(max(id), 0) FROM customer_rows').pluck().get() as number;
    this.nextId = this.existing + 1;
    // an existing source is asked no further (its customers, if any, are not found without a scan): its new
    // buyers are looked up, which is right whether it has customers or not
    this.fresh = newSource || this.existing === 0;
    this.stmt = {
      find: db.prepare('SELECT id, clear FROM customer_rows WHERE buyer_key = ? AND source = ?').raw(true),
      // without a clear value to keep, the key index alone answers (the id is its row id): one b-tree, not two
      findId: db.prepare('SELECT id FROM customer_rows WHERE buyer_key = ? AND source = ?').pluck(),
      keepClear: db.prepare('UPDATE customer_rows SET clear = ? WHERE id = ?'),
      insertOne: db.prepare('INSERT INTO customer_rows (id, source, buyer_key, kind, display, clear) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  /** The customer id of a buyer, creating the customer when it is new. */
  idOf(buyer: BuyerIdentity): number {
    if (this.refsGiven) throw new Error('CustomerRegistry: buyers and buyer refs mixed in one import');
    this.own ??= new BuyerSlots(this.secret, this.keepPii);
    return this.resolve(this.own.refOf(buyer));
  }

  /** The customer id of a numbered buyer (BuyerSlots of this import), creating the customer when it is new. */
  idOfRef(ref: BuyerRef): number {
    if (this.own) throw new Error('CustomerRegistry: buyers and buyer refs mixed in one import');
    this.refsGiven = true;
    return this.resolve(ref);
  }

  private resolve(ref: BuyerRef): number {
    const slot = ref.slot;
    if (ref.stored === null) {
      if (slot < this.denseSlots) return this.dense + slot;
      const id = this.slots !== null && slot < this.slots.length ? this.slots[slot] : 0;
      if (id === 0) throw new Error(`CustomerRegistry: buyer ${slot} was not seen before`);
      return id;
    }
    const id = this.customerOf(ref.stored, ref.kind);
    if (this.slots === null && slot === this.denseSlots && (slot === 0 || id === this.dense + slot)) {
      if (slot === 0) this.dense = id;
      this.denseSlots++;
      return id;
    }
    this.slotTable(slot)[slot] = id;
    return id;
  }

  /** The slot table, holding `slot` (made from the dense numbering the first time it is needed). */
  private slotTable(slot: number): Int32Array {
    let table = this.slots;
    if (table === null) {
      table = grown(new Int32Array(1 << 15), Math.max(slot, this.denseSlots));
      for (let s = 0; s < this.denseSlots; s++) table[s] = this.dense + s;
      this.denseSlots = 0;
    }
    if (slot >= table.length) table = grown(table, slot);
    this.slots = table;
    return table;
  }

  /** The customer of a buyer's stored form, created when there is none. */
  private customerOf(b: StoredBuyer, kind: BuyerKind): number {
    let id: number | undefined;
    if (!this.fresh) {
      const pending = this.pendingByKey.get(b.key);
      if (pending !== undefined) {
        id = this.pendingFirst + pending;
        if (b.clear !== null && this.pendingClears[pending] === null) {
          this.pendingClears[pending] = b.clear;
          this.pendingPlain = false;
        }
      } else if (b.clear === null) {
        id = this.stmt.findId.get(b.key, this.source) as number | undefined;
      } else {
        const stored = this.stmt.find.get(b.key, this.source) as [number, string | null] | undefined;
        if (stored) {
          id = stored[0];
          if (stored[1] === null) this.stmt.keepClear.run(b.clear, id);
        }
      }
    }
    if (id === undefined) {
      id = this.nextId++;
      const at = this.pendingCount++;
      if (at === 0) this.pendingFirst = id;
      const display = b.display === b.key ? null : b.display;
      this.pendingKeys[at] = b.key;
      this.pendingKinds[at] = KIND.code.get(kind) as number;
      this.pendingDisplays[at] = display;
      this.pendingClears[at] = b.clear;
      if (kind !== 'id' || display !== null || b.clear !== null) this.pendingPlain = false;
      if (!this.fresh) this.pendingByKey.set(b.key, at);
      if (at + 1 >= PENDING_MAX) this.flush();
      if (this.fresh && !this.bulk && ++this.created >= Math.max(BULK_MIN, this.existing / 4)) {
        this.db.exec('DROP INDEX customer_rows_by_key');
        this.bulk = true;
      }
    }
    return id;
  }

  /**
   * The INSERT of INSERT_ROWS customers: of any kind, or (`ids`) opaque ids without a clear value, whose kind,
   * display and clear value are literals. The source is the same for every row, and the ids are SQLite's
   * own (the next after the largest: the order they are handed out in): binding costs 50–100 ns a value.
   */
  private insertStatement(ids: boolean): Statement {
    const prepare = (row: string) =>
      this.db.prepare(`INSERT INTO customer_rows (source, buyer_key, kind, display, clear) VALUES ${Array(INSERT_ROWS).fill(row).join(', ')}`);
    if (ids) return (this.insertIds ??= prepare(`(${this.source}, ?, 0, NULL, NULL)`));
    return (this.insertAny ??= prepare(`(${this.source}, ?, ?, ?, ?)`));
  }

  /** Writes the customers created so far. */
  flush(): void {
    try {
      this.writePending();
    } finally {
      this.pendingCount = 0;
      this.pendingPlain = true;
      this.pendingByKey.clear();
    }
  }

  private writePending(): void {
    const keys = this.pendingKeys;
    const kinds = this.pendingKinds;
    const displays = this.pendingDisplays;
    const clears = this.pendingClears;
    const n = this.pendingCount;
    let i = 0;
    for (; i + INSERT_ROWS <= n; i += INSERT_ROWS) {
      // opaque ids without a clear value (most exports' buyers): only the key is bound
      let ids = this.pendingPlain;
      if (!ids) {
        ids = true;
        for (let j = i; j < i + INSERT_ROWS && ids; j++) if (kinds[j] !== KIND_ID || displays[j] !== null || clears[j] !== null) ids = false;
      }
      // each statement's values in an array of its own, written by index (its room kept from batch to batch)
      let params: unknown[];
      if (ids) {
        params = this.keyParams;
        for (let j = 0; j < INSERT_ROWS; j++) params[j] = keys[i + j];
      } else {
        params = this.rowParams;
        for (let j = 0, k = 0; j < INSERT_ROWS; j++, k += 4) {
          params[k] = keys[i + j];
          params[k + 1] = kinds[i + j];
          params[k + 2] = displays[i + j];
          params[k + 3] = clears[i + j];
        }
      }
      const last = this.insertStatement(ids).run(...params).lastInsertRowid;
      // the ids SQLite gave are the ones handed out (they are in the import's orders already)
      const id = this.pendingFirst + i + INSERT_ROWS - 1;
      if (last !== id) throw new Error(`CustomerRegistry: customer ${id} was stored as ${last}`);
    }
    for (; i < n; i++) this.stmt.insertOne.run(this.pendingFirst + i, this.source, keys[i], kinds[i], displays[i], clears[i]);
  }

  /** Writes what is left, and builds the key index again if this import dropped it. */
  finish(): void {
    this.flush();
    if (this.bulk) {
      // the index is built by sorting, in memory up to the page-cache size: keep that small. Runs of 1 MB, each
      // sorted in the processor's cache and then merged, took 30–40% less CPU than 8 MB runs (5M and 1M keys)
      // … and with two sorting threads besides this one (the reading thread is done by now): a third faster
      const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
      const threads = this.db.pragma('threads', { simple: true }) as number;
      this.db.pragma('cache_size = -1024');
      this.db.pragma('threads = 2');
      this.db.exec(KEY_INDEX);
      this.db.pragma(`threads = ${threads}`);
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.bulk = false;
    }
  }
}

/** `table` copied into one at least twice as long that holds `slot`. */
function grown(table: Int32Array, slot: number): Int32Array {
  let n = table.length * 2;
  while (n <= slot) n *= 2;
  const bigger = new Int32Array(n);
  bigger.set(table);
  return bigger;
}
