/**
 * The distinct buyers of one import, numbered 0, 1, 2 … in order of first appearance: an exact map of
 * (kind, value) → number for millions of buyers in typed arrays, with nothing for the garbage collector to
 * trace. It is the largest thing an import holds for each buyer, so it is kept small:
 *
 * - A record of 8 bytes a buyer, in buyer order (so the number is the record's place and is not stored).
 *   A value of at most 8 ASCII characters (most platforms' opaque buyer ids) is the record itself: kind,
 *   length and 7 bits a character. A longer value is kept in an arena (a 1-byte one while its characters
 *   are Latin-1, a 2-byte one otherwise: its length and characters, nothing else) and the record points there.
 * - An index of 4 bytes a slot, at most three quarters full (open addressing, linear probing), each slot
 *   holding a buyer number and as many bits of the hash as the number leaves free (8 at 8M slots), so a probe
 *   seldom reads a record that is not the one looked for.
 *
 * Records and arenas grow in pages (nothing stored is copied, at most one page unused); the index is built
 * again from the records when it grows. For the 5.5M buyers of 8 characters of a 10M-line file: 44 MB of
 * records and a 32 MB index, where the string table before it held 18 bytes of entry a buyer and a 64 MB
 * index (163 MB).
 */

/** Records a page: 2^17 (1 MB). */
const RECORD_PAGE_BITS = 17;
/** Units an arena page: 2^20 (1 MB narrow, 2 MB wide); a page must hold the longest entry (65,535 units + 2). */
const ARENA_PAGE_BITS = 20;
const LONG = 0x80000000 | 0;
/** In a long value's record: its characters are in the wide arena. */
const WIDE = 1 << 27;
/** The most characters of a value. */
const MAX_CHARS = 0xffff;

type ArenaPage = Uint8Array | Uint16Array;

/** An append-only store of (length, units) entries in pages of one unit size; an entry never spans pages. */
class Arena {
  private readonly pages: ArenaPage[] = [];
  private used = 0;
  private readonly pageUnits: number;

  constructor(
    private readonly wide: boolean,
    private readonly pageBits: number,
  ) {
    this.pageUnits = 2 ** pageBits;
  }

  private make(units: number): ArenaPage {
    return this.wide ? new Uint16Array(units) : new Uint8Array(units);
  }

  /** Stores `value`; returns its position (page << pageBits | offset). */
  add(value: string): number {
    const n = value.length;
    const head = this.wide ? 1 : 2;
    const units = n + head;
    let last = this.pages.length - 1;
    let page = last >= 0 ? this.pages[last] : undefined;
    if (page === undefined || this.used + units > page.length) {
      if (page !== undefined && page.length < this.pageUnits) {
        // the first page grows (a small import keeps a small arena), up to a full page
        let size = page.length * 2;
        while (size < this.used + units) size *= 2;
        const next = this.make(Math.min(size, this.pageUnits));
        next.set(page.subarray(0, this.used));
        this.pages[last] = page = next;
      }
      if (page === undefined || this.used + units > page.length) {
        if ((this.pages.length + 1) * this.pageUnits > 0x7fffffff) throw new RangeError('buyer table full');
        page = this.make(this.pages.length === 0 ? Math.min(this.pageUnits, Math.max(1024, units)) : this.pageUnits);
        this.pages.push(page);
        last++;
        this.used = 0;
      }
    }
    const off = this.used;
    if (this.wide) page[off] = n;
    else {
      page[off] = n >>> 8;
      page[off + 1] = n & 0xff;
    }
    for (let k = 0; k < n; k++) page[off + head + k] = value.charCodeAt(k);
    this.used += units;
    return last * this.pageUnits + off;
  }

  /** Whether the entry at `at` is `value`. */
  equals(at: number, value: string): boolean {
    const page = this.pages[at >>> this.pageBits];
    const off = at & (this.pageUnits - 1);
    const n = value.length;
    let head = 1;
    if (this.wide) {
      if (page[off] !== n) return false;
    } else {
      if (((page[off] << 8) | page[off + 1]) !== n) return false;
      head = 2;
    }
    for (let k = 0; k < n; k++) if (page[off + head + k] !== value.charCodeAt(k)) return false;
    return true;
  }

  /** The hash (hashUnits) of the entry at `at`, with `kind`. */
  hash(at: number, kind: number): number {
    const page = this.pages[at >>> this.pageBits];
    const off = at & (this.pageUnits - 1);
    const n = this.wide ? page[off] : (page[off] << 8) | page[off + 1];
    const from = off + (this.wide ? 1 : 2);
    let h = 0x811c9dc5 ^ kind;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ page[from + k], 0x01000193);
    return fmix(h);
  }
}

export class BuyerTable {
  /** Two words a buyer (numbered by place): hi, lo. */
  private records: Int32Array[];
  private count = 0;
  /** Index slots: 0 empty, else tag << slotBits | (buyer + 1). */
  private index: Int32Array;
  private slotBits: number;
  private readonly narrow: Arena;
  private readonly wide: Arena;
  private readonly recordPageBits: number;
  private readonly recordPage: number;

  /** `recordPageBits`, `arenaPageBits`: smaller pages, for tests. */
  constructor(recordPageBits = RECORD_PAGE_BITS, arenaPageBits = ARENA_PAGE_BITS) {
    if (arenaPageBits < 17 || arenaPageBits > 24) throw new RangeError(`arenaPageBits out of range: ${arenaPageBits}`);
    this.recordPageBits = recordPageBits;
    this.recordPage = 2 ** recordPageBits;
    this.records = [new Int32Array(2 * Math.min(256, this.recordPage))];
    this.slotBits = 6;
    this.index = new Int32Array(1 << this.slotBits);
    this.narrow = new Arena(false, arenaPageBits);
    this.wide = new Arena(true, arenaPageBits);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The number of (kind, value): 0, 1, 2 … when it was met before; −1, −2 … (−(number + 1)) when this call
   * met it first and numbered it. `kind`: 0–3.
   */
  numberOf(kind: number, value: string): number {
    const n = value.length;
    // a short ASCII value is its own record (kind, length, 7 bits a character)
    let lo = 0;
    let hi = 0;
    let short = n <= 8;
    for (let k = 0; k < n && short; k++) {
      const c = value.charCodeAt(k);
      if (c > 0x7f) short = false;
      else if (k < 4) lo |= c << (7 * k);
      else if (k === 4) {
        lo |= (c & 0xf) << 28;
        hi = c >>> 4;
      } else hi |= c << (7 * k - 32);
    }
    let h: number;
    if (short) {
      hi |= (n << 24) | (kind << 28);
      h = fmix(lo ^ fmix(hi));
    } else {
      if (n > MAX_CHARS) throw new RangeError(`buyer longer than ${MAX_CHARS} characters`);
      h = hashUnits(value, kind);
    }
    const bits = this.slotBits;
    const mask = (1 << bits) - 1;
    const tag = h >>> (bits + 1);
    let i = h & mask;
    for (let v = this.index[i]; v !== 0; i = (i + 1) & mask, v = this.index[i]) {
      if (v >>> bits !== tag) continue;
      const b = (v & mask) - 1;
      const page = this.records[b >>> this.recordPageBits];
      const at = 2 * (b & (this.recordPage - 1));
      const rhi = page[at];
      if (short) {
        if (rhi === hi && page[at + 1] === lo) return b;
      } else if (rhi < 0 && ((rhi >>> 28) & 3) === kind && this.arenaOf(rhi).equals(page[at + 1], value)) return b;
    }
    // new: its record, then its index slot (the index grows first when it would be over three quarters full)
    const b = this.count;
    if (b >= 0x7ffffffe) throw new RangeError('buyer table full');
    if (!short) {
      let wide = false;
      for (let k = 0; k < n; k++) if (value.charCodeAt(k) > 0xff) wide = true;
      lo = (wide ? this.wide : this.narrow).add(value);
      hi = LONG | (kind << 28) | (wide ? WIDE : 0);
    }
    this.putRecord(b, hi, lo);
    this.count++;
    if (4 * this.count > 3 * this.index.length) this.grow();
    else this.index[i] = (tag << bits) | (b + 1);
    return -(b + 1);
  }

  private arenaOf(hi: number): Arena {
    return (hi & WIDE) !== 0 ? this.wide : this.narrow;
  }

  private putRecord(b: number, hi: number, lo: number): void {
    const p = b >>> this.recordPageBits;
    const at = 2 * (b & (this.recordPage - 1));
    if (p === this.records.length) this.records.push(new Int32Array(2 * this.recordPage));
    let page = this.records[p];
    if (at >= page.length) {
      // the first page grows up to a full page
      const next = new Int32Array(Math.min(page.length * 2, 2 * this.recordPage));
      next.set(page);
      this.records[p] = page = next;
    }
    page[at] = hi;
    page[at + 1] = lo;
  }

  /** The hash of buyer `b` (as numberOf computes it from the value). */
  private hashOfRecord(b: number): number {
    const page = this.records[b >>> this.recordPageBits];
    const at = 2 * (b & (this.recordPage - 1));
    const hi = page[at];
    if (hi >= 0) return fmix(page[at + 1] ^ fmix(hi));
    return this.arenaOf(hi).hash(page[at + 1], (hi >>> 28) & 3);
  }

  /** A twice larger index, built from the records. */
  private grow(): void {
    const bits = this.slotBits + 1;
    if (bits > 30) throw new RangeError('buyer table full');
    this.index = new Int32Array(0); // the old index is not needed while the new one is built
    const index = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    for (let b = 0; b < this.count; b++) {
      const h = this.hashOfRecord(b);
      let i = h & mask;
      while (index[i] !== 0) i = (i + 1) & mask;
      index[i] = ((h >>> (bits + 1)) << bits) | (b + 1);
    }
    this.index = index;
    this.slotBits = bits;
  }
}

/** FNV-1a over the value's UTF-16 code units, from a start that depends on the kind, then fmix. */
function hashUnits(value: string, kind: number): number {
  let h = 0x811c9dc5 ^ kind;
  for (let k = 0; k < value.length; k++) h = Math.imul(h ^ value.charCodeAt(k), 0x01000193);
  return fmix(h);
}

/** murmur3's finalizer: every bit of the input moves every bit of the output. */
function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
