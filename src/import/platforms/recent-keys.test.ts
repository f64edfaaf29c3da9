import { describe, expect, it } from 'vitest';
import { RecentKeys } from './recent-keys.js';

/** What RecentKeys stands for: two Sets, the newest replaced by an empty one when it holds `generation` keys. */
class TwoSets {
  private done = new Set<string>();
  private older = new Set<string>();
  constructor(private readonly generation: number) {}
  has(k: string): boolean {
    return this.done.has(k) || this.older.has(k);
  }
  add(k: string): void {
    if (this.done.size >= this.generation) {
      this.older = this.done;
      this.done = new Set();
    }
    this.done.add(k);
  }
}

/** A small deterministic generator (xorshift32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('RecentKeys', () => {
  it('remembers the newest generation and the one before it, and forgets the one before that', () => {
    const m = new RecentKeys(4);
    for (const k of ['a', 'b', 'c', 'd']) m.add(k);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => m.has(k))).toEqual([true, true, true, true, false]);
    // the fifth key starts a new generation: the first four are the older one, still remembered
    m.add('e');
    expect(['a', 'd', 'e'].map((k) => m.has(k))).toEqual([true, true, true]);
    for (const k of ['f', 'g', 'h']) m.add(k);
    expect(m.has('a')).toBe(true);
    // the ninth starts a third: a–d are forgotten, e–h are the older generation
    m.add('i');
    expect(['a', 'b', 'c', 'd'].some((k) => m.has(k))).toBe(false);
    expect(['e', 'f', 'g', 'h', 'i'].every((k) => m.has(k))).toBe(true);
  });

  it('counts a key once in its generation, and again when it comes from the older one', () => {
    const m = new RecentKeys(2);
    m.add('a');
    m.add('a');
    m.add('b');
    // a and b fill the newest (a counted once): c starts a new one
    m.add('c');
    expect(['a', 'b', 'c'].map((k) => m.has(k))).toEqual([true, true, true]);
    // a is in the older generation only: added again, it is counted in the newest (which is now full)…
    m.add('a');
    // …so d starts another, and b (older only, never added again) is forgotten while a is kept
    m.add('d');
    expect(['a', 'b', 'c', 'd'].map((k) => m.has(k))).toEqual([true, false, true, true]);
  });

  it('holds one key per generation', () => {
    const m = new RecentKeys(1);
    m.add('x');
    m.add('y');
    expect([m.has('x'), m.has('y')]).toEqual([true, true]);
    m.add('z');
    expect([m.has('x'), m.has('y'), m.has('z')]).toEqual([false, true, true]);
  });

  it('tells apart keys that differ in any character, the empty key and keys beyond Latin-1', () => {
    const m = new RecentKeys(16);
    for (const k of ['', '订单1', '#1001', '#1001 ', '#10O1', 'a\u0000b']) m.add(k);
    expect(['', '订单1', '#1001', '#1001 ', '#10O1', 'a\u0000b'].every((k) => m.has(k))).toBe(true);
    expect(['订单2', '#1002', ' #1001', '#10o1', 'a\u0000c', 'ab'].some((k) => m.has(k))).toBe(false);
  });

  it('refuses a generation below one', () => {
    expect(() => new RecentKeys(0)).toThrow(RangeError);
  });

  it('says what the two Sets say, on random sequences of look-ups and additions', () => {
    for (const generation of [1, 2, 3, 5, 8, 64]) {
      for (let seed = 1; seed <= 40; seed++) {
        const next = random(seed * 7919 + generation);
        const keys = Math.floor(next() * 4 * generation) + 2;
        const m = new RecentKeys(generation);
        const model = new TwoSets(generation);
        const said: string[] = [];
        const expected: string[] = [];
        for (let step = 0; step < 400; step++) {
          const k = `k${Math.floor(next() * keys)}`;
          if (next() < 0.5) {
            said.push(`has ${k} ${m.has(k)}`);
            expected.push(`has ${k} ${model.has(k)}`);
          } else {
            m.add(k);
            model.add(k);
          }
        }
        for (let i = 0; i < keys; i++) {
          said.push(`end k${i} ${m.has(`k${i}`)}`);
          expected.push(`end k${i} ${model.has(`k${i}`)}`);
        }
        expect(said, `generation ${generation}, seed ${seed}`).toEqual(expected);
      }
    }
  });

  it('says what the two Sets say at the size the grouping mapper uses, generation after generation', () => {
    const generation = 1 << 16;
    const m = new RecentKeys(generation);
    const model = new TwoSets(generation);
    const next = random(12345);
    let disagree = 0;
    for (let i = 0; i < 3 * generation + 17; i++) {
      // mostly new keys (new orders), now and then one from up to three generations back
      const k = next() < 0.05 ? `#${Math.max(0, i - Math.floor(next() * 3 * generation))}` : `#${i}`;
      if (m.has(k) !== model.has(k)) disagree++;
      m.add(k);
      model.add(k);
    }
    for (let i = 0; i < 3 * generation + 17; i += 97) if (m.has(`#${i}`) !== model.has(`#${i}`)) disagree++;
    expect(disagree).toBe(0);
  });
});
