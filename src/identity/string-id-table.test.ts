import { describe, expect, it } from 'vitest';
import { StringIdTable } from './string-id-table.js';

describe('StringIdTable', () => {
  it('maps exactly what was set, through growth, for any strings (empty, long, non-ASCII, near-identical)', () => {
    const t = new StringIdTable(4);
    const keys = ['', 'a', 'A', 'ab', 'ba', '张三', 'zhang.san@example.com', 'x'.repeat(1000), '\u0000', 'C0001', 'C0002'];
    for (let i = 0; i < 50_000; i++) keys.push(`cust-${i}`, `${i}@example.com`);
    const want = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!want.has(k)) {
        t.set(k, i + 1);
        want.set(k, i + 1);
      }
    });
    expect(t.size).toBe(want.size);
    for (const [k, id] of want) expect(t.get(k)).toBe(id);
    for (const k of ['b', 'cust-50000', 'zhang.san@example.co', 'x'.repeat(999), 'c0001']) expect(t.get(k)).toBeUndefined();
  });

  it('keeps every key when the first non-Latin-1 key arrives after many Latin-1 ones', () => {
    const t = new StringIdTable(4);
    const keys: string[] = [];
    for (let i = 0; i < 30_000; i++) keys.push(`buyer${i}@example.com`, `ñ${i}`, 'é'.repeat(i % 300));
    keys.push('张三', '李四', 'x'.repeat(70_000 % 65_536));
    for (let i = 0; i < 1000; i++) keys.push(`后${i}`, `late-${i}`);
    const want = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!want.has(k)) {
        t.set(k, i + 1);
        want.set(k, i + 1);
      }
    });
    for (const [k, id] of want) expect(t.get(k)).toBe(id);
    expect(t.get('张')).toBeUndefined();
    expect(t.get('buyer0@example.co')).toBeUndefined();
  });

  it('keeps ids up to 2^31 − 1 and negative hashes, before and after the arena widens and the table grows', () => {
    const t = new StringIdTable(4);
    const ids = [1, 255, 256, 65_535, 65_536, 2 ** 24 - 1, 2 ** 24, 2 ** 24 + 5, 2 ** 31 - 1];
    const want = new Map<string, number>();
    const add = (k: string, id: number) => {
      t.set(k, id);
      want.set(k, id);
    };
    ids.forEach((id, i) => add(`narrow-${i}`, id));
    for (let i = 0; i < 5000; i++) add(`k${i}`, 2 ** 31 - 1 - i);
    for (const [k, id] of want) expect(t.get(k)).toBe(id);
    ids.forEach((id, i) => add(`宽-${i}`, id));
    for (const [k, id] of want) expect(t.get(k)).toBe(id);
    expect(t.size).toBe(want.size);
  });

  it('refuses ids it cannot store', () => {
    const t = new StringIdTable();
    expect(() => t.set('a', 0)).toThrow(RangeError);
    expect(() => t.set('a', 2 ** 31)).toThrow(RangeError);
  });

  it('keeps every key across many small pages, long keys at page ends, and a widening with several pages', () => {
    const t = new StringIdTable(4, 17);
    const want = new Map<string, number>();
    const add = (k: string) => {
      if (want.has(k)) return;
      want.set(k, want.size + 1);
      t.set(k, want.size);
    };
    for (let i = 0; i < 40_000; i++) {
      add(`buyer${i}@example.com`);
      if (i % 997 === 0) add('L'.repeat(60_000 + (i % 5000)) + i);
    }
    for (const [k, id] of want) if (t.get(k) !== id) expect([k.slice(0, 40), t.get(k)]).toEqual([k.slice(0, 40), id]);
    for (let i = 0; i < 20_000; i++) add(`买家${i}`);
    add('张'.repeat(65_535));
    for (const [k, id] of want) if (t.get(k) !== id) expect([k.slice(0, 40), t.get(k)]).toEqual([k.slice(0, 40), id]);
    expect(t.size).toBe(want.size);
    expect(t.get('buyer40000@example.com')).toBeUndefined();
    expect(t.get('张'.repeat(65_534))).toBeUndefined();
  });
});
