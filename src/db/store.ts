/**
 * Writing normalized orders: idempotent upserts keyed on (platform, shop, order_id). An order whose content
 * is unchanged is left alone; a changed one (status, refund, amounts, items) is updated in place.
 * Transactions are the caller's (one per imported file).
 *
 * Orders are buffered and written in batches: one multi-row INSERT for a whole batch of new orders (ids
 * assigned here, so items can follow without a round trip), and the per-order path (look up, compare the
 * fingerprint, update) only for a batch in which some order was stored already. Every write also keeps
 * the purchase runs (purchase-runs.ts) exact. Outcomes are counted in `counts` once `flush()` has run.
 */
import type { Statement } from 'better-sqlite3';
import { COUNTED_STATUSES, ORDER_STATUSES, type NormalizedOrder, type OrderItem, type OrderStatus } from '../domain/order.js';
import { BUYER_KINDS, NO_BUYER, NO_SLOT } from '../domain/order-columns.js';
import type { StoredBuyer } from '../identity/buyer-key.js';
import type { BuyerRef } from '../identity/buyer-slots.js';
import { BackgroundSync } from './background-sync.js';
import { CustomerRegistry } from './customer-registry.js';
import type { Db } from './open.js';
import { digestItems } from './items-digest.js';
import { PurchaseDeltas } from './purchase-runs.js';
import { ChunkReread, ChunkRecorder, loadChunks, type StoredChunks } from './row-chunks.js';
import { STATUS_CODE, statusOfCode } from './status-codes.js';
import type { ChunkMark } from '../import/row-chunks.js';
import type { DecodedBatch } from '../import/mapped-batch.js';

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

export interface ImportRecord {
  path: string;
  sha256: string;
  platform: string;
  shop: string;
  encoding: string | null;
  startedAt: string;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored orders a row would have moved backwards in their life (left as they were; --allow-stale applies them). */
  stale: number;
  rejected: number;
}

/** What a stored order and a row of the file say about one order that may not change (buyer, instant, currency). */
export interface OrderConflict {
  orderId: string;
  stored: { ms: number; currency: string; customerId: number | null };
  file: { ms: number; currency: string; customerId: number | null };
}

/**
 * How far an order is in its life, for stale updates: a row may move an order forward (paid → shipped →
 * completed → refunded), never back. Unknown statuses have no place (any change to or from one applies).
 */
const LIFE_STAGE: Record<OrderStatus, number> = {
  pending: 0, paid: 1, shipped: 2, completed: 3, partially_refunded: 4, refunded: 5, cancelled: 5, unknown: -1,
};

/** Whether a row (status, refunded) would move a stored order backwards: a lost refund or an earlier stage. */
export function isStale(stored: { status: OrderStatus; refunded: number }, row: { status: OrderStatus; refunded: number }): boolean {
  if (row.refunded < stored.refunded) return true;
  const from = LIFE_STAGE[stored.status];
  const to = LIFE_STAGE[row.status];
  return from >= 0 && to >= 0 && to < from;
}

/** Orders per multi-row INSERT. */
const BATCH = 256;
/** Columns of order_rows written as literals for a single-item order without item lines … */
const ITEM_COUNT_COLUMNS = ['item_count', 'items_digest'];
/** … and those written as literals for a plain order (insertBatch). */
const MONEY_COLUMNS = ['status_raw', 'discount', 'shipping', 'refunded'];
/** Which columns a batch binds: all; all but MONEY_COLUMNS; neither those nor ITEM_COUNT_COLUMNS. */
const enum Shape {
  Full = 0,
  Plain = 1,
  Single = 2,
}
/**
 * The digest of an order written without item lines, by item count: stored as NULL (schema migration 9), read
 * back as this.
 */
const plainDigests = new Map<number, number>();
function plainDigest(itemCount: number): number {
  let d = plainDigests.get(itemCount);
  if (d === undefined) {
    d = digestItems(itemCount, []);
    if (plainDigests.size < 1024) plainDigests.set(itemCount, d);
  }
  return d;
}
const CURRENCY = /^[A-Z]{3}$/;
const ITEM_COLUMNS = ['order_ref', 'line', 'sku', 'title', 'quantity', 'unit_price', 'line_total'];
const COUNTED = new Set<string>(COUNTED_STATUSES);
/** Per status (its index in ORDER_STATUSES): the code stored for it, and whether it counts as a purchase. */
const CODE_OF = Uint8Array.from(ORDER_STATUSES, (s) => STATUS_CODE.get(s) as number);
const COUNTS = Uint8Array.from(ORDER_STATUSES, (s) => (COUNTED.has(s) ? 1 : 0));
const STATUS_INDEX = new Map<string, number>(ORDER_STATUSES.map((s, i) => [s, i]));
/** Pending.customer of an order without a buyer (customer ids start at 1). */
const NO_CUSTOMER = -1;

/**
 * The buffered orders (up to BATCH), as columns: what each order brings, the customer it was given, its row
 * chunk and its index there (ChunkRecorder.written; −1: none), and, once flushed, its id and items digest (NaN:
 * no item lines, stored as NULL; its digest is plainDigest(itemCount)). Rows are indices 0 … n − 1.
 */
class Pending {
  n = 0;
  readonly orderId: string[] = new Array(BATCH);
  readonly statusRaw: (string | null)[] = new Array(BATCH);
  readonly currency: string[] = new Array(BATCH);
  readonly items: OrderItem[][] = new Array(BATCH);
  readonly line = new Float64Array(BATCH);
  readonly ms = new Float64Array(BATCH);
  readonly day = new Float64Array(BATCH);
  readonly gross = new Float64Array(BATCH);
  readonly discount = new Float64Array(BATCH);
  readonly shipping = new Float64Array(BATCH);
  readonly refunded = new Float64Array(BATCH);
  readonly net = new Float64Array(BATCH);
  readonly itemCount = new Float64Array(BATCH);
  /** Index in ORDER_STATUSES. */
  readonly status = new Uint8Array(BATCH);
  readonly customer = new Float64Array(BATCH);
  readonly chunk = new Int32Array(BATCH);
  readonly chunkIndex = new Int32Array(BATCH);
  readonly id = new Float64Array(BATCH);
  readonly digest = new Float64Array(BATCH);

  /** The status text as stored: null when it is the normalized status itself (most rows), '' when the export has none. */
  storedRaw(r: number): string | null {
    const raw = this.statusRaw[r];
    return raw === null ? '' : raw === ORDER_STATUSES[this.status[r]] ? null : raw;
  }
}

/** Rows 0 … BATCH − 1: the selection of a whole batch. */
const ALL_ROWS = Int32Array.from({ length: BATCH }, (_, i) => i);

interface StoredOrder {
  id: number;
  customer_id: number | null;
  ordered_ms: number;
  day: number;
  status: OrderStatus;
  status_raw: string | null;
  currency: string;
  gross: number;
  discount: number;
  shipping: number;
  refunded: number;
  net: number;
  item_count: number;
  items_digest: number;
  import_id: number;
}

/** A row of findOrderRow: status as its code, currency and items digest NULL in their default form (schema migration 9). */
type StoredRow = [number, number | null, number, number, number, string | null, string | null, number, number, number, number, number, number, number | null, number];
/** A stored row read ahead by id (readAhead): StoredRow and its order id. */
type NearRow = [...StoredRow, string];
/** The stored columns findOrder and readAhead read. */
const STORED_COLUMNS = 'id, customer_id, ordered_ms, day, status, status_raw, currency, gross, discount, shipping, refunded, net, item_count, items_digest, import_id';

export class OrderWriter {
  /** skippedWithoutBuyer: the orders without a buyer among those of row chunks skipped unread (counted unchanged). */
  readonly counts = { inserted: 0, updated: 0, unchanged: 0, stale: 0, skippedWithoutBuyer: 0 };
  /** Orders whose buyer, creation instant or currency this import would change: the first two, and how many. */
  readonly conflicts: { count: number; examples: OrderConflict[] } = { count: 0, examples: [] };
  /** Apply rows that would move an order backwards (--allow-stale). */
  allowStale = false;
  private source = 0;
  /** The source's `row_currency` (stored as NULL in its order rows); null until its first orders set it. */
  private rowCurrency: string | null = null;
  private customers: CustomerRegistry | null = null;
  /** The database file synced while the import writes (background-sync.ts; null when that gains nothing). */
  private sync: BackgroundSync | null = null;
  private readonly stmt;
  private readonly insertOrders = new Map<string, Statement>();
  /** The values of insertBatch's statement (reused). */
  private readonly params: unknown[] = [];
  /** The last statement insertStatement gave, and what it was for. */
  private lastInsert: { rows: number; shape: Shape; currency: string | null | undefined; withIds: boolean; statement: Statement } | null = null;
  private readonly insertItems = new Map<number, Statement>();
  private readonly deltas: PurchaseDeltas;
  private readonly pending = new Pending();
  /** The rows of a batch not stored before (flushUntil's lookups). */
  private readonly freshRows = new Int32Array(BATCH);
  /** The buyer handed to the customers in writeColumns, and its stored form: reused (CustomerRegistry copies what it keeps). */
  private readonly ref: BuyerRef = { slot: 0, kind: 'id', stored: null };
  private readonly stored: StoredBuyer = { key: '', display: '', clear: null };
  /** Item rows of the next item INSERT (addItems, endItems). */
  private readonly itemParams: unknown[] = [];
  private itemRows = 0;
  /** Row chunks (db/row-chunks.ts): this import's records, and those of the source's last read file. */
  private chunks: ChunkRecorder | null = null;
  private prior: StoredChunks | null = null;
  /**
   * Called, instead of storing it, for an order whose id this same import stored already: its rows are
   * not next to the earlier ones (or repeat them), so it is neither an update nor more lines of that order.
   */
  onRepeat: (orderId: string, line: number) => void = () => undefined;
  /** Rows stored before this import that it has settled already (unchanged or updated), one bit per row id. */
  private settled: Uint8Array | null = null;
  private nextId = 0;
  /** The largest id in order_rows (this import's writes included): SQLite gives a row inserted without an id the next. */
  private maxId = 0;
  private importId = 0;
  /** Look orders up before inserting them (set while most orders turn out to be stored already). */
  private lookupFirst = false;
  /**
   * The stored id the next written order most likely has (−1: unknown): just after the orders of the last
   * row chunk skipped unread, or of the last order found by readAhead. A re-import keeps the file's order,
   * and the stored ids follow it.
   */
  private ahead = -1;

  constructor(
    private readonly db: Db,
    private readonly platform: string,
    private readonly shop: string,
    private readonly keepPii: boolean,
    /** The key that hashes personal buyer data (key-file.ts). */
    private readonly secret: string,
  ) {
    this.deltas = new PurchaseDeltas(db);
    this.stmt = {
      idExists: db.prepare('SELECT 1 FROM order_rows WHERE id = ?').pluck(),
      // the rows of one INSERT (insertFresh), the largest ids: the table's b-trees are as they were before it
      deleteAbove: db.prepare('DELETE FROM order_rows WHERE id > ?'),
      // rows as arrays (findOrder below makes the object): better-sqlite3 builds a row object property by
      // property, which costs more than the lookup itself when a re-import looks up every order
      findOrderRow: db.prepare(`SELECT ${STORED_COLUMNS} FROM order_rows WHERE source = ? AND order_id = ?`).raw(true),
      // a range of row ids (`+source`: not through the key index, which would visit every order of the source)
      nearRows: db.prepare(`SELECT ${STORED_COLUMNS}, order_id FROM order_rows WHERE id >= ? AND id < ? AND +source = ?`).raw(true),
      updateOrder: db.prepare(`UPDATE order_rows SET customer_id = ?, ordered_ms = ?, day = ?, status = ?, status_raw = ?, currency = ?,
        gross = ?, discount = ?, shipping = ?, refunded = ?, net = ?, item_count = ?, items_digest = ?, import_id = ? WHERE id = ?`),
      deleteItems: db.prepare('DELETE FROM order_items WHERE order_ref = ?'),
      insertImport: db.prepare(`INSERT INTO imports (path, sha256, platform, shop, encoding, started_at)
        VALUES (@path, @sha256, @platform, @shop, @encoding, @startedAt)`),
      finishImport: db.prepare(`UPDATE imports SET rows_read = @read, inserted = @inserted, updated = @updated,
        unchanged = @unchanged, stale = @stale, rejected = @rejected, finished_at = @finishedAt WHERE id = @id`),
    };
  }

  /** The id of this import's row of `imports` (once startImport has run). */
  get importRowId(): number {
    return this.importId;
  }

  /** Starts the import; call it inside the import's transaction (ids are handed out from here on). */
  startImport(rec: ImportRecord): void {
    const db = this.db;
    this.importId = Number(this.stmt.insertImport.run(rec).lastInsertRowid);
    const newSource = db.prepare('INSERT INTO sources (platform, shop) VALUES (?, ?) ON CONFLICT DO NOTHING').run(this.platform, this.shop).changes === 1;
    const src = db.prepare('SELECT id, row_currency FROM sources WHERE platform = ? AND shop = ?').get(this.platform, this.shop) as { id: number; row_currency: string | null };
    this.source = src.id;
    this.rowCurrency = src.row_currency;
    this.maxId = db.prepare('SELECT coalesce(max(id), 0) FROM order_rows').pluck().get() as number;
    this.nextId = this.maxId + 1;
    this.customers = new CustomerRegistry(db, this.source, newSource, this.secret, this.keepPii);
    this.sync = BackgroundSync.start(db);
  }

  /**
   * Records this import's row chunks under `key` (what the rows were read with), in place of the source's
   * earlier ones, which it returns (for the reading half to skip; null when there are none for `key`).
   * Call after startImport, before the first write.
   */
  recordChunks(key: string): StoredChunks | null {
    this.prior = loadChunks(this.db, this.source, key, this.secret);
    this.chunks = new ChunkRecorder(this.db, this.source, key, this.secret);
    return this.prior;
  }

  /**
   * The reading half ended a row chunk: one it mapped (its orders are those written since the last), or
   * one it skipped because the source's last file had it (its stored orders are unchanged).
   */
  chunk(m: ChunkMark): void {
    if (!this.chunks) return;
    if (m.skip < 0) {
      this.chunks.mark(m);
      return;
    }
    const prior = this.prior;
    if (!prior || m.skip + m.count > prior.first.length) throw new Error(`row chunk ${m.skip} was not handed to the reader`);
    // orders written before are settled first: if one of them is in this chunk, it is a repeat; their stored
    // rows are most likely those between the last skipped run's and this one's
    this.flushUntil(prior.first[m.skip]);
    this.settled ??= new Uint8Array((this.nextId >> 3) + 1);
    const settled = this.settled;
    // a run of chunks skipped one after the other: each as it was recorded
    for (let s = m.skip; s < m.skip + m.count; s++) {
      const first = prior.first[s];
      const n = prior.orders[s];
      for (let id = first; id < first + n; id++) {
        if (id >> 3 >= settled.length || settled[id >> 3] & (1 << (id & 7))) throw new ChunkReread();
        settled[id >> 3] |= 1 << (id & 7);
      }
      this.counts.unchanged += n;
      if (prior.buyerless[s] === 1) this.counts.skippedWithoutBuyer += n;
    }
    this.chunks.skipped(prior, m.skip, m.count);
    const last = m.skip + m.count - 1;
    this.ahead = prior.first[last] + prior.orders[last];
  }

  /** Flushes everything, keeps the purchase runs compact, and records the counts. */
  finishImport(counts: ImportCounts, finishedAt: string): void {
    this.flush();
    this.chunks?.finish();
    // the pages written so far go to disk while the key index is built (a second or more at 5M lines)
    this.sync?.nudge();
    this.customers?.finish();
    this.deltas.finish();
    this.sync?.stop();
    this.stmt.finishImport.run({ ...counts, finishedAt, id: this.importId });
  }

  /**
   * Buffers an order; it is stored at the next `flush()` (at the latest). `buyer`: its buyer numbered by
   * the import's BuyerSlots (all orders of an import with one, or none).
   */
  write(order: NormalizedOrder, buyer?: BuyerRef | null): void {
    if (!this.customers) throw new Error('OrderWriter.startImport was not called');
    const status = STATUS_INDEX.get(order.status);
    if (status === undefined) throw new Error(`order ${order.orderId}: unknown status '${order.status}'`);
    const customer = !order.buyer ? NO_CUSTOMER : buyer ? this.customers.idOfRef(buyer) : this.customers.idOf(order.buyer);
    const p = this.pending;
    const r = p.n++;
    p.orderId[r] = order.orderId;
    p.statusRaw[r] = order.statusRaw;
    p.currency[r] = order.currency;
    p.items[r] = order.items;
    p.line[r] = order.line;
    p.ms[r] = order.orderedMs;
    p.day[r] = order.day;
    p.gross[r] = order.gross;
    p.discount[r] = order.discount;
    p.shipping[r] = order.shipping;
    p.refunded[r] = order.refunded;
    p.net[r] = order.net;
    p.itemCount[r] = order.itemCount;
    p.status[r] = status;
    p.customer[r] = customer;
    this.chunkOf(r);
    if (p.n >= BATCH) this.flush();
  }

  /**
   * write() for the orders of a batch decoded from the reading thread (mapped-codec.ts decodeColumns), without an
   * object per order, with the batch's chunk marks of rows it mapped (chunk()) at their places among them; every
   * other event (a chunk skipped unread, a reject, an item list) goes to `other`, with its index, at its place.
   * The numbers of a run of orders go into the buffer in one copy a column.
   */
  writeBatch(d: DecodedBatch, other: (event: number) => void): void {
    const customers = this.customers;
    if (!customers) throw new Error('OrderWriter.startImport was not called');
    const c = d.orders;
    const n = c.length;
    const events = d.events;
    const p = this.pending;
    const ref = this.ref;
    const mark = this.mark;
    let k = 0;
    for (let i = 0; ; ) {
      for (; k < events && d.eventAt[k] <= i; k++) {
        if (d.isMappedMark(k)) this.chunk(d.markInto(d.eventWhat[k], mark));
        else other(k);
      }
      if (i >= n) break;
      // a run of orders: up to the buffer's room, or to the next event that may flush or write (not a mark)
      let end = Math.min(n, i + BATCH - p.n);
      for (let q = k; q < events && d.eventAt[q] < end; q++) {
        if (!d.isMappedMark(q)) {
          end = d.eventAt[q];
          break;
        }
      }
      const at = p.n;
      p.line.set(c.line.subarray(i, end), at);
      p.ms.set(c.orderedMs.subarray(i, end), at);
      p.day.set(c.day.subarray(i, end), at);
      p.gross.set(c.gross.subarray(i, end), at);
      p.discount.set(c.discount.subarray(i, end), at);
      p.shipping.set(c.shipping.subarray(i, end), at);
      p.refunded.set(c.refunded.subarray(i, end), at);
      p.net.set(c.net.subarray(i, end), at);
      p.itemCount.set(c.itemCount.subarray(i, end), at);
      p.status.set(c.status.subarray(i, end), at);
      for (let j = i; j < end; j++) {
        for (; k < events && d.eventAt[k] === j; k++) this.chunk(d.markInto(d.eventWhat[k], mark));
        const status = c.status[j];
        if (status >= ORDER_STATUSES.length) throw new Error(`order ${c.orderId[j]}: unknown status '${ORDER_STATUSES[status]}'`);
        let customer = NO_CUSTOMER;
        const kind = c.buyerKind[j];
        if (kind !== NO_BUYER) {
          const slot = c.slot[j];
          if (slot === NO_SLOT) customer = customers.idOf({ value: c.buyerValue[j] as string, kind: BUYER_KINDS[kind] });
          else {
            ref.slot = slot;
            ref.kind = BUYER_KINDS[kind];
            const key = c.storedKey[j];
            if (key === null) ref.stored = null;
            else {
              const stored = this.stored;
              stored.key = key;
              stored.display = c.storedDisplay[j] as string;
              stored.clear = c.storedClear[j];
              ref.stored = stored;
            }
            customer = customers.idOfRef(ref);
          }
        }
        const r = at + j - i;
        p.orderId[r] = c.orderId[j];
        p.statusRaw[r] = c.statusRaw[j];
        p.currency[r] = c.currency[j];
        p.items[r] = c.items[j];
        p.customer[r] = customer;
        this.chunkOf(r);
      }
      p.n = at + end - i;
      if (p.n >= BATCH) this.flush();
      i = end;
    }
  }

  /** writeBatch's chunk mark (one object, refilled: chunk() reads it, keeps nothing of it). */
  private readonly mark: ChunkMark = { lo: 0, hi: 0, rows: 0, orders: 0, skip: -1, count: 1, clean: false, buyerless: false };

  /** The row chunk of pending row `r` and its index there. */
  private chunkOf(r: number): void {
    const chunks = this.chunks;
    if (chunks) {
      this.pending.chunk[r] = chunks.current;
      this.pending.chunkIndex[r] = chunks.written();
    } else {
      this.pending.chunk[r] = -1;
      this.pending.chunkIndex[r] = -1;
    }
  }

  /** Stores the buffered orders and counts their outcomes. */
  flush(): void {
    this.flushUntil(Infinity);
  }

  /** flush(), the buffered orders' stored rows (if any) most likely lying below id `until`. */
  private flushUntil(until: number): void {
    const p = this.pending;
    const n = p.n;
    if (n === 0) return;
    // the rows stay as they are until the next write (nothing below writes)
    p.n = 0;
    for (let r = 0; r < n; r++) {
      const ms = p.ms[r];
      const day = p.day[r];
      if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(day)) throw new Error(`order ${p.orderId[r]}: bad instant ${ms} or day ${day}`);
      p.id[r] = this.nextId++;
      const items = p.items[r];
      p.digest[r] = items.length === 0 ? NaN : digestItems(p.itemCount[r], items);
    }
    let rows: Int32Array = ALL_ROWS;
    let count = n;
    const near = this.readAhead(n, until);
    if (near !== null || this.lookupFirst) {
      // most orders of the last batch were stored already (a re-import), or their stored rows were read
      // ahead: look each up before inserting
      const fresh = this.freshRows;
      let f = 0;
      for (let r = 0; r < n; r++) {
        const orderId = p.orderId[r];
        const e = near?.get(orderId) ?? (this.lookupFirst ? this.findOrder(orderId) : undefined);
        if (e) this.upsertExisting(r, e);
        else fresh[f++] = r;
        if (e && near !== null && e.id >= this.ahead) this.ahead = e.id + 1;
      }
      if (this.lookupFirst) this.lookupFirst = f * 2 < n;
      rows = fresh;
      count = f;
      if (count === 0) return;
    }
    const inserted = rows === ALL_ROWS && p.id[0] === this.maxId + 1 ? this.insertFresh(count) : this.insertBatch(rows, count);
    if (inserted === count) {
      this.afterInserts(rows, count);
      for (let k = 0; k < count; k++) {
        const r = rows[k];
        if (p.items[r].length > 0) this.addItems(p.id[r], p.items[r]);
      }
      this.endItems();
      return;
    }
    if (inserted * 2 < count) this.lookupFirst = true;
    // Some orders are stored already (or repeat in this batch): settle each one in file order.
    for (let k = 0; k < count; k++) {
      const r = rows[k];
      if (inserted > 0 && this.stmt.idExists.get(p.id[r]) !== undefined) {
        this.afterInsert(r);
        this.addItems(p.id[r], p.items[r]);
        this.endItems();
      } else this.upsertExisting(r);
    }
  }

  /**
   * insertBatch for pending rows 0 … count − 1 whose ids follow the largest stored one (a batch of a first import,
   * most often): the ids are left to SQLite, which gives them in that order (one value less to bind a row, and
   * no look-up of the id: 10–12% of the INSERT's CPU). When some order is stored already, the rows this
   * statement inserted (their ids the next ones, not the ones handed out) are deleted again and the batch goes
   * in with its ids bound, as any other. When none was inserted (every order stored already: the first batch of a
   * re-import, most often), the same INSERT with ids bound would insert none either: it is not run again.
   */
  private insertFresh(count: number): number {
    const before = this.maxId;
    const inserted = this.insertBatch(ALL_ROWS, count, false);
    if (inserted === count) {
      const last = this.pending.id[count - 1];
      if (this.lastRowid !== last) throw new Error(`OrderWriter: order ${this.pending.orderId[count - 1]} was stored as ${this.lastRowid}, not ${last}`);
      return count;
    }
    if (inserted === 0) return 0;
    this.stmt.deleteAbove.run(before);
    this.maxId = before;
    return this.insertBatch(ALL_ROWS, count);
  }

  /**
   * Inserts pending rows `rows[0 … count − 1]`, skipping orders stored already; returns how many were inserted.
   * Binding is most of the cost of an insert (about 50 ns a number, 100 ns a text, a third more when the values
   * come as one array rather than as arguments), so a batch binds as little as it can: a status as a number; the
   * currency not at all when the whole batch has one; and for a batch of plain orders only (no discount,
   * shipping or refund, a status text that is the status itself: most rows of most exports) those columns
   * neither, nor, for orders of one item without item lines (order-level exports), the item count and
   * digest. A mixed batch takes the fuller statement, so its rows go in in file order.
   */
  private insertBatch(rows: Int32Array, count: number, withIds = true): number {
    const p = this.pending;
    let shape = Shape.Single;
    const currency = p.currency[rows[0]];
    // the source's first orders give it the currency its rows store as NULL
    if (this.rowCurrency === null) {
      this.rowCurrency = currency;
      this.db.prepare('UPDATE sources SET row_currency = ? WHERE id = ?').run(currency, this.source);
    }
    const rowCurrency = this.rowCurrency;
    let oneCurrency = currency === rowCurrency || CURRENCY.test(currency);
    for (let k = 0; k < count; k++) {
      const r = rows[k];
      if (p.currency[r] !== currency) oneCurrency = false;
      if (shape === Shape.Full) continue;
      if (p.discount[r] !== 0 || p.shipping[r] !== 0 || p.refunded[r] !== 0 || p.storedRaw(r) !== null) shape = Shape.Full;
      else if (p.itemCount[r] !== 1 || p.items[r].length > 0) shape = Shape.Plain;
    }
    // one array for every batch, written by index (a new one per batch grew by copies as it was pushed to)
    const params = this.params;
    let k = 0;
    for (let j = 0; j < count; j++) {
      const r = rows[j];
      const customer = p.customer[r];
      if (withIds) params[k++] = p.id[r];
      params[k] = p.orderId[r];
      params[k + 1] = customer === NO_CUSTOMER ? null : customer;
      params[k + 2] = p.ms[r];
      params[k + 3] = p.day[r];
      params[k + 4] = CODE_OF[p.status[r]];
      params[k + 5] = p.gross[r];
      params[k + 6] = p.net[r];
      k += 7;
      if (!oneCurrency) params[k++] = p.currency[r] === rowCurrency ? null : p.currency[r];
      if (shape !== Shape.Single) {
        const digest = p.digest[r];
        params[k] = p.itemCount[r];
        params[k + 1] = Number.isNaN(digest) ? null : digest;
        k += 2;
      }
      if (shape === Shape.Full) {
        params[k] = p.storedRaw(r);
        params[k + 1] = p.discount[r];
        params[k + 2] = p.shipping[r];
        params[k + 3] = p.refunded[r];
        k += 4;
      }
    }
    if (params.length !== k) params.length = k;
    const info = this.insertStatement(count, shape, !oneCurrency ? undefined : currency === rowCurrency ? null : currency, withIds).run(...params);
    // ids ascend through a statement's rows: the last one inserted has the largest
    if (info.changes > 0) {
      this.lastRowid = Number(info.lastInsertRowid);
      if (this.lastRowid > this.maxId) this.maxId = this.lastRowid;
    }
    return info.changes;
  }

  /** The id of the last order row insertBatch inserted. */
  private lastRowid = 0;

  /**
   * The INSERT of `rows` orders of a shape, with `currency` as a literal (null: the source's, stored as NULL),
   * or bound (undefined); `withIds`: their ids bound, else SQLite's.
   */
  private insertStatement(rows: number, shape: Shape, currency: string | null | undefined, withIds: boolean): Statement {
    const last = this.lastInsert;
    if (last !== null && last.rows === rows && last.shape === shape && last.currency === currency && last.withIds === withIds) return last.statement;
    const statement = this.insertStatementFor(rows, shape, currency, withIds);
    this.lastInsert = { rows, shape, currency, withIds, statement };
    return statement;
  }

  private insertStatementFor(rows: number, shape: Shape, currency: string | null | undefined, withIds: boolean): Statement {
    const key = `${rows} ${shape} ${currency === undefined ? '?' : currency ?? 'NULL'} ${withIds ? 'id' : ''}`;
    let s = this.insertOrders.get(key);
    if (!s) {
      // source and import id are the same for every row: literals (integers of ours), not parameters; a
      // currency only when it is three capital letters
      const columns = ['order_id', 'customer_id', 'ordered_ms', 'day', 'status', 'gross', 'net', 'currency'];
      const values = ['?', '?', '?', '?', '?', '?', '?', currency === undefined ? '?' : currency === null ? 'NULL' : `'${currency}'`];
      if (withIds) {
        columns.unshift('id');
        values.unshift('?');
      }
      if (shape === Shape.Single) values.push('1', 'NULL');
      else values.push('?', '?');
      if (shape === Shape.Full) values.push('?', '?', '?', '?');
      else values.push('NULL', '0', '0', '0');
      const row = `(${[...values, String(this.source), String(this.importId)].join(', ')})`;
      // OR FAIL (for what is not the key's conflict: a NOT NULL or CHECK that fails): SQLite then keeps no
      // statement journal (a copy of each page a statement first touches, to undo just that statement), which
      // an ABORT needs; any error fails the whole import's transaction anyway
      s = this.db.prepare(
        `INSERT OR FAIL INTO order_rows (${[...columns, ...ITEM_COUNT_COLUMNS, ...MONEY_COLUMNS].join(', ')}, source, import_id)
         VALUES ${Array(rows).fill(row).join(', ')} ON CONFLICT (source, order_id) DO NOTHING`,
      );
      this.insertOrders.set(key, s);
    }
    return s;
  }

  /** Pending row `r` is settled as stored row `id` (`asIs`: the stored order is now what its rows say). */
  private resolved(r: number, id: number, asIs: boolean): void {
    const chunk = this.pending.chunk[r];
    if (chunk >= 0) this.chunks?.resolved(chunk, this.pending.chunkIndex[r], id, asIs);
  }

  /**
   * afterInsert for pending rows rows[0 … count − 1], all inserted: a run of rows of one row chunk whose indices
   * there and ids are consecutive (most often all of a chunk's rows in the batch) is settled in one step.
   */
  private afterInserts(rows: Int32Array, count: number): void {
    const p = this.pending;
    const chunks = this.chunks;
    const deltas = this.deltas;
    const noCustomer = -this.source;
    this.counts.inserted += count;
    for (let k = 0; k < count; ) {
      const r = rows[k];
      const seq = p.chunk[r];
      let m = 1;
      if (seq >= 0 && chunks) {
        const index = p.chunkIndex[r];
        const id = p.id[r];
        for (; k + m < count; m++) {
          const q = rows[k + m];
          if (p.chunk[q] !== seq || p.chunkIndex[q] !== index + m || p.id[q] !== id + m) break;
        }
        chunks.resolvedRun(seq, index, m, id);
      }
      for (const end = k + m; k < end; k++) {
        const q = rows[k];
        if (COUNTS[p.status[q]] !== 1) continue;
        const customer = p.customer[q];
        deltas.add(customer === NO_CUSTOMER ? noCustomer : customer, p.day[q], p.currency[q], 1, p.gross[q], p.net[q]);
      }
    }
  }

  private afterInsert(r: number): void {
    const p = this.pending;
    this.counts.inserted++;
    this.resolved(r, p.id[r], true);
    if (COUNTS[p.status[r]] === 1) {
      const customer = p.customer[r];
      this.deltas.add(customer === NO_CUSTOMER ? -this.source : customer, p.day[r], p.currency[r], 1, p.gross[r], p.net[r]);
    }
  }

  private upsertExisting(r: number, stored?: StoredOrder): void {
    const p = this.pending;
    const orderId = p.orderId[r];
    const e = stored ?? (this.findOrder(orderId) as StoredOrder);
    // rows inserted by this import carry its id; older rows it has seen already are in `settled`
    this.settled ??= new Uint8Array((this.nextId >> 3) + 1);
    if (e.import_id === this.importId || (e.id >> 3 < this.settled.length && this.settled[e.id >> 3] & (1 << (e.id & 7)))) {
      this.resolved(r, e.id, false);
      this.onRepeat(orderId, p.line[r]);
      return;
    }
    if (e.id >> 3 < this.settled.length) this.settled[e.id >> 3] |= 1 << (e.id & 7);
    const customerId = p.customer[r] === NO_CUSTOMER ? null : p.customer[r];
    const ms = p.ms[r];
    const currency = p.currency[r];
    if (e.customer_id !== customerId || e.ordered_ms !== ms || e.currency !== currency) {
      // another store's order under the same id (two Shopify stores both count from #1001), or a changed
      // buyer: never an update; the importer refuses the whole file
      this.resolved(r, e.id, false);
      this.conflicts.count++;
      if (this.conflicts.examples.length < 2) {
        this.conflicts.examples.push({
          orderId,
          stored: { ms: e.ordered_ms, currency: e.currency, customerId: e.customer_id },
          file: { ms, currency, customerId },
        });
      }
      return;
    }
    const status = ORDER_STATUSES[p.status[r]];
    const raw = p.storedRaw(r);
    const day = p.day[r];
    const gross = p.gross[r];
    const refunded = p.refunded[r];
    const net = p.net[r];
    const itemCount = p.itemCount[r];
    const digest = Number.isNaN(p.digest[r]) ? null : p.digest[r];
    if (
      e.day === day && e.status === status && e.status_raw === raw && e.gross === gross && e.discount === p.discount[r] &&
      e.shipping === p.shipping[r] && e.refunded === refunded && e.net === net && e.items_digest === (digest ?? plainDigest(itemCount))
    ) {
      this.resolved(r, e.id, true);
      this.counts.unchanged++;
      return;
    }
    if (!this.allowStale && isStale(e, { status, refunded })) {
      this.resolved(r, e.id, false);
      this.counts.stale++;
      return;
    }
    this.resolved(r, e.id, true);
    this.counts.updated++;
    this.stmt.updateOrder.run(
      customerId, ms, day, CODE_OF[p.status[r]], raw, currency === this.rowCurrency ? null : currency, gross, p.discount[r],
      p.shipping[r], refunded, net, itemCount, digest, this.importId, e.id,
    );
    if (COUNTED.has(e.status)) this.deltas.add(e.customer_id ?? -this.source, e.day, e.currency, -1, e.gross, e.net);
    if (COUNTS[p.status[r]] === 1) this.deltas.add(customerId ?? -this.source, day, currency, 1, gross, net);
    // an order-level export (Taobao 订单报表, Etsy Sold Orders) carries no items: keep those an item report attached
    const items = p.items[r];
    if (items.length > 0) {
      this.stmt.deleteItems.run(e.id);
      this.addItems(e.id, items);
      this.endItems();
    }
  }

  private findOrder(orderId: string): StoredOrder | undefined {
    const r = this.stmt.findOrderRow.get(this.source, orderId) as StoredRow | undefined;
    return r && storedOrder(r, this.rowCurrency);
  }

  /**
   * The source's stored orders from id `ahead` on (below `until`, and at most a few more rows than the batch
   * has orders), by order id: one range of the table instead of a key lookup per order, where a re-import
   * maps the orders of the few row chunks that changed, between runs of chunks skipped unread. An order found
   * here is the one findOrder would find (the same source and order id); one not found is looked up as
   * before. Null when there is no likely place.
   */
  private readAhead(orders: number, until: number): Map<string, StoredOrder> | null {
    const cap = 4 * orders + 32;
    let lo = this.ahead;
    if (lo < 0) {
      if (!Number.isFinite(until)) return null;
      lo = Math.max(0, until - cap);
    }
    const hi = Math.min(until, lo + cap);
    if (hi <= lo) return null;
    const rows = this.stmt.nearRows.all(lo, hi, this.source) as NearRow[];
    if (rows.length === 0) return null;
    const near = new Map<string, StoredOrder>();
    for (const r of rows) near.set(r[15], storedOrder(r, this.rowCurrency));
    return near;
  }

  /** How a buyer shows in messages: the stored display form (masked for personal data), or `no buyer`. */
  buyerShown(customerId: number | null): string {
    if (customerId === null) return 'no buyer';
    this.customers?.flush(); // buyers this import met first are still pending (all is rolled back anyway)
    const display = this.db.prepare('SELECT display FROM customers WHERE id = ?').pluck().get(customerId) as string | undefined;
    return display ?? `customer ${customerId}`;
  }

  /** Attaches items from a separate item report to a stored order; null when the order is unknown. */
  attachItems(orderId: string, items: OrderItem[]): WriteOutcome | null {
    this.flush();
    const existing = this.findOrder(orderId);
    if (!existing) return null;
    const before = this.db.prepare('SELECT line, sku, title, quantity, unit_price, line_total FROM order_items WHERE order_ref = ? ORDER BY line').all(existing.id);
    const after = items.map((i) => ({ line: i.line, sku: i.sku, title: i.title, quantity: i.quantity, unit_price: i.unitPrice, line_total: i.lineTotal }));
    if (JSON.stringify(before) === JSON.stringify(after)) return 'unchanged';
    this.stmt.deleteItems.run(existing.id);
    this.addItems(existing.id, items);
    this.endItems();
    // the digest stays that of the order as its import wrote it: NULL only where that is the new item count's alone
    const itemCount = items.reduce((s, i) => s + i.quantity, 0);
    this.db
      .prepare('UPDATE order_rows SET item_count = ?, items_digest = ? WHERE id = ?')
      .run(itemCount, existing.items_digest === plainDigest(itemCount) ? null : existing.items_digest, existing.id);
    return 'updated';
  }

  /** Adds the items of order `id` to the item INSERTs (multi-row statements of up to BATCH rows) … */
  private addItems(id: number, items: readonly OrderItem[]): void {
    const params = this.itemParams;
    for (const it of items) {
      params.push(id, it.line, it.sku, it.title, it.quantity, it.unitPrice, it.lineTotal);
      if (++this.itemRows === BATCH) this.endItems();
    }
  }

  /** … and runs the last one. */
  private endItems(): void {
    if (this.itemRows > 0) this.itemStatement(this.itemRows).run(...this.itemParams);
    this.itemParams.length = 0;
    this.itemRows = 0;
  }

  private itemStatement(rows: number): Statement {
    let s = this.insertItems.get(rows);
    if (!s) {
      const one = `(${ITEM_COLUMNS.map(() => '?').join(', ')})`;
      s = this.db.prepare(`INSERT OR REPLACE INTO order_items (${ITEM_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`);
      this.insertItems.set(rows, s);
    }
    return s;
  }
}

/** A stored row as an order: the status's code and the currency and digest in their default form (NULL) read back. */
function storedOrder(r: StoredRow | NearRow, rowCurrency: string | null): StoredOrder {
  return {
    id: r[0], customer_id: r[1], ordered_ms: r[2], day: r[3], status: statusOfCode(r[4]), status_raw: r[5], currency: r[6] ?? (rowCurrency as string),
    gross: r[7], discount: r[8], shipping: r[9], refunded: r[10], net: r[11], item_count: r[12], items_digest: r[13] ?? plainDigest(r[12]), import_id: r[14],
  };
}
