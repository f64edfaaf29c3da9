/**
 * An exact string → positive integer map for millions of keys, in typed arrays: open addressing with linear
 * probing over a table of (hash, id, position in a character arena). Against a Map of a million strings it
 * takes about a third of the memory, is faster to probe, and gives the garbage collector nothing to trace.
 */

const EMPTY = 0;

export class StringIdTable {
  private mask: number;
  private hashes: Int32Array;
  private ids: Int32Array;
  private offsets: Int32Array;
  /**
   * Keys, each stored as its length followed by its UTF-16 code units: one byte per unit while every key
   * is Latin-1 (emails, ids), two from the first key that is not.
   */
  private arena: Uint8Array | Uint16Array;
  private used = 0;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.ids = new Int32Array(cap);
    this.offsets = new Int32Array(cap);
    this.arena = new Uint8Array(cap * 4);
  }

  get size(): number {
    return this.count;
  }

  /** The id of `key`, or undefined. */
  get(key: string): number | undefined {
    const h = hashOf(key);
    const n = key.length;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const id = this.ids[i];
      if (id === EMPTY) return undefined;
      if (this.hashes[i] === h && this.equals(this.offsets[i], key, n)) return id;
    }
  }

  /** Adds `key` → `id` (id ≥ 1). The key must not be present. */
  set(key: string, id: number): void {
    if (!(id >= 1 && id <= 0x7fffffff)) throw new RangeError(`id out of range: ${id}`);
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const n = key.length;
    if (n > 0xffff) throw new RangeError('key longer than 65535 characters');
    // length word: two units in the one-byte arena, one in the two-byte arena
    const wide = this.arena instanceof Uint16Array;
    let needsWide = false;
    if (!wide) for (let k = 0; k < n; k++) if (key.charCodeAt(k) > 0xff) needsWide = true;
    if (needsWide) this.widen();
    const head = this.arena instanceof Uint16Array ? 1 : 2;
    if (this.used + n + head > this.arena.length) {
      let size = Math.ceil(this.arena.length * 1.5);
      while (size < this.used + n + head) size = Math.ceil(size * 1.5);
      const next = this.arena instanceof Uint16Array ? new Uint16Array(size) : new Uint8Array(size);
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    const off = this.used;
    if (head === 1) this.arena[off] = n;
    else {
      this.arena[off] = n >>> 8;
      this.arena[off + 1] = n & 0xff;
    }
    for (let k = 0; k < n; k++) this.arena[off + head + k] = key.charCodeAt(k);
    this.used += n + head;
    this.place(hashOf(key), id, off);
    this.count++;
  }

  private place(h: number, id: number, off: number): void {
    let i = h & this.mask;
    while (this.ids[i] !== EMPTY) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.ids[i] = id;
    this.offsets[i] = off;
  }

  private equals(off: number, key: string, n: number): boolean {
    const a = this.arena;
    let head = 1;
    if (a instanceof Uint16Array) {
      if (a[off] !== n) return false;
    } else {
      if (((a[off] << 8) | a[off + 1]) !== n) return false;
      head = 2;
    }
    for (let k = 0; k < n; k++) if (a[off + head + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  /** From one byte per unit to two: keys are re-laid out and their slots re-pointed. */
  private widen(): void {
    const old = this.arena as Uint8Array;
    const next = new Uint16Array(Math.max(16, this.used));
    const moved = new Map<number, number>();
    let used = 0;
    for (let off = 0; off < this.used; ) {
      const n = (old[off] << 8) | old[off + 1];
      moved.set(off, used);
      next[used] = n;
      for (let k = 0; k < n; k++) next[used + 1 + k] = old[off + 2 + k];
      used += n + 1;
      off += n + 2;
    }
    for (let i = 0; i <= this.mask; i++) if (this.ids[i] !== EMPTY) this.offsets[i] = moved.get(this.offsets[i])!;
    this.arena = next;
    this.used = used;
  }

  private grow(): void {
    const { hashes, ids, offsets } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.ids = new Int32Array(cap);
    this.offsets = new Int32Array(cap);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== EMPTY) this.place(hashes[i], ids[i], offsets[i]);
  }
}

/** FNV-1a over UTF-16 code units with a murmur3 finalizer (spreads the low bits the table indexes by). */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
