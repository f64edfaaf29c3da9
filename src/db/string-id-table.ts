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
  /** Keys, each stored as its length followed by its UTF-16 code units. */
  private arena: Uint16Array;
  private used = 0;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.ids = new Int32Array(cap);
    this.offsets = new Int32Array(cap);
    this.arena = new Uint16Array(cap * 4);
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
    if (this.used + n + 1 > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + n + 1) size *= 2;
      const next = new Uint16Array(size);
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    const off = this.used;
    this.arena[off] = n;
    for (let k = 0; k < n; k++) this.arena[off + 1 + k] = key.charCodeAt(k);
    this.used += n + 1;
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
    if (a[off] !== n) return false;
    for (let k = 0; k < n; k++) if (a[off + 1 + k] !== key.charCodeAt(k)) return false;
    return true;
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
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
