import { describe, expect, it } from 'vitest';
import { RecentCache } from './recent-cache.js';

describe('RecentCache', () => {
  it('keeps recently used entries and forgets old ones, within two generations', () => {
    const c = new RecentCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3); // a, b become the older generation
    expect(c.get('a')).toBe(1); // moved back to the current generation (now c, a)
    c.set('d', 4); // c, a become older; b is forgotten
    expect(c.get('b')).toBeUndefined();
    expect(c.get('c')).toBe(3);
    expect(c.get('a')).toBe(1);
    expect(c.get('d')).toBe(4);
    expect(c.get('zz')).toBeUndefined();
  });
});
