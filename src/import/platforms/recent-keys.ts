/**
 * The order keys a grouping mapper handed on lately (row-mappers.ts mapGroupedRows: an order whose key comes back
 * after other orders is rejected), remembered in two generations of `generation` keys each: the newest
 * `generation` to 2 × `generation` distinct keys. When the newest generation is full, the next key starts a new
 * one and the oldest is forgotten. It says what two `Set`s would (the newest and the one before it, the newest
 * replaced by an empty one when full), at a lower cost per key: each generation is an open-addressing table of
 * 32-bit key hashes in a typed array beside the keys, so a key not met (the common case: a new order) is told
 * from the hashes alone, without reading the strings the table holds.
 */

/** A key's hash: FNV-1a over its UTF-16 code units from a per-memory seed, mixed (murmur3's finaliser); never 0. */
function hashKey(k: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** One generation: up to `limit` distinct keys in a table of at least 2 × limit slots (linear probing). */
class KeyTable {
  readonly hashes: Int32Array;
  readonly keys: string[];
  readonly mask: number;
  size = 0;

  constructor(limit: number) {
    let slots = 8;
    while (slots < 2 * limit) slots *= 2;
    this.hashes = new Int32Array(slots);
    this.keys = new Array<string>(slots).fill('');
    this.mask = slots - 1;
  }

  /** The slot holding k, or the free slot where it would go (~slot − 1). */
  find(k: string, h: number): number {
    const hashes = this.hashes;
    const mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = hashes[s];
      if (at === 0) return ~s;
      if (at === h && this.keys[s] === k) return s;
    }
  }

  clear(): void {
    if (this.size === 0) return;
    this.hashes.fill(0);
    this.keys.fill('');
    this.size = 0;
  }
}

export class RecentKeys {
  private newest: KeyTable;
  private older: KeyTable;
  /** Hashes differ from memory to memory (a file cannot be made to collide them all). */
  private readonly seed = (Math.random() * 0x100000000) | 0 || 0x811c9dc5;

  /** @param generation distinct keys per generation (≥ 1) */
  constructor(private readonly generation: number) {
    if (!(generation >= 1)) throw new RangeError(`generation ${generation}`);
    this.newest = new KeyTable(generation);
    this.older = new KeyTable(generation);
  }

  /** Whether k is among the keys remembered. */
  has(k: string): boolean {
    const h = hashKey(k, this.seed);
    return this.newest.find(k, h) >= 0 || (this.older.size > 0 && this.older.find(k, h) >= 0);
  }

  /** Remembers k (in the newest generation; a key it holds already is not counted twice). */
  add(k: string): void {
    let t = this.newest;
    const h = hashKey(k, this.seed);
    if (t.size >= this.generation) {
      // the newest is full: it becomes the older one, the older one is emptied and becomes the newest
      const emptied = this.older;
      emptied.clear();
      this.older = t;
      this.newest = t = emptied;
    }
    const s = t.find(k, h);
    if (s >= 0) return;
    t.hashes[~s] = h;
    t.keys[~s] = k;
    t.size++;
  }
}
