import { describe, expect, it } from 'vitest';
import { BuyerTable } from './buyer-table.js';

/** Numbers (kind, value) pairs through `t` and a Map side by side; checks every answer. */
function checker(t: BuyerTable) {
  const want = new Map<string, number>();
  const meet = (kind: number, value: string) => {
    const key = `${kind}\u0001${value}`;
    const known = want.get(key);
    const got = t.numberOf(kind, value);
    if (known === undefined) {
      want.set(key, want.size);
      if (got !== -want.size) expect([kind, value.slice(0, 40), got]).toEqual([kind, value.slice(0, 40), -want.size]);
    } else if (got !== known) expect([kind, value.slice(0, 40), got]).toEqual([kind, value.slice(0, 40), known]);
  };
  const again = () => {
    for (const [key, n] of want) {
      const [kind, value] = [Number(key[0]), key.slice(2)];
      const got = t.numberOf(kind, value);
      if (got !== n) expect([kind, value.slice(0, 40), got]).toEqual([kind, value.slice(0, 40), n]);
    }
    expect(t.size).toBe(want.size);
  };
  return { meet, again, want };
}

describe('BuyerTable', () => {
  it('numbers buyers in order of first appearance, exactly, through growth, for any values (empty, short, long, non-ASCII, near-identical)', () => {
    const t = new BuyerTable();
    const c = checker(t);
    const values = ['', 'a', 'A', 'ab', 'ba', '张三', 'zhang.san@example.com', 'x'.repeat(1000), '\u0000', '\u0000\u0000', 'C0001', 'C0002',
      '12345678', '123456789', '1234567', 'ABCDEFGH', 'ABCDEFGI', 'ABCDEFG\u007f', 'ABCDEFG\u0080', '\u007f'.repeat(8), 'é', 'é'.repeat(8)];
    for (let i = 0; i < 25_000; i++) values.push(`c${i}`, `cust-${i}`, `${i}@example.com`, (i * 7919).toString(36).toUpperCase().padStart(8, '0'));
    for (const v of values) c.meet(0, v);
    // the same values as other kinds are other buyers
    for (const v of values.slice(0, 2000)) c.meet(1 + (v.length % 3), v);
    for (const v of values) c.meet(0, v);
    c.again();
    for (const v of ['b', 'cust-25000', 'zhang.san@example.co', 'x'.repeat(999), 'c0001', 'ABCDEFG', '\u0000\u0000\u0000']) {
      expect(t.numberOf(0, v)).toBe(-(c.want.size + 1));
      c.want.set(`0\u0001${v}`, c.want.size);
    }
    c.again();
  });

  it('keeps every buyer across many small pages, long values at page ends, both arenas, and many buyers', () => {
    const t = new BuyerTable(4, 17);
    const c = checker(t);
    for (let i = 0; i < 40_000; i++) {
      c.meet(1, `buyer${i}@example.com`);
      if (i % 997 === 0) c.meet(3, 'L'.repeat(60_000 + (i % 5000)) + i);
      if (i % 3 === 0) c.meet(3, `买家${i}`);
      if (i % 5 === 0) c.meet(2, `+86 138${String(i).padStart(8, '0')}`);
    }
    c.meet(3, '张'.repeat(65_535));
    c.again();
    expect(t.numberOf(3, '张'.repeat(65_534))).toBe(-(c.want.size + 1));
    const big = new BuyerTable();
    const wrong: number[] = [];
    for (let i = 0; i < 300_000; i++) if (big.numberOf(0, `C${i.toString(36)}`) !== -(i + 1)) wrong.push(i);
    for (let i = 0; i < 300_000; i += 7) if (big.numberOf(0, `C${i.toString(36)}`) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(big.size).toBe(300_000);
  });

  it('refuses a value longer than 65,535 characters', () => {
    expect(() => new BuyerTable().numberOf(0, 'x'.repeat(65_536))).toThrow(RangeError);
  });
});
