/**
 * A bounded map that keeps what was used recently: two generations of at most `size` entries each; a hit
 * in the older generation moves the entry to the current one, and when the current generation is full it
 * becomes the older one. Memory stays bounded (≤ 2 × size entries) however long the input, at the cost of
 * a map lookup or two — cheaper than an exact LRU list.
 */
export class RecentCache<K, V> {
  private current = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined || this.older.size === 0) return v;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.size) {
      this.older = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
