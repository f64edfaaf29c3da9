import { describe, expect, it } from 'vitest';
import { RejectOrder } from './reject-order.js';
import { seededRandom } from '../analytics/random.js';

const item = (line: number, cells: string[] | null = null) => ({ line, cells });

describe('RejectOrder', () => {
  it('lets rejects go in line order, late ones included, and the same line in arrival order', () => {
    const out: string[] = [];
    const order = new RejectOrder<{ line: number; cells: string[] | null; tag: string }>((r) => out.push(`${r.line}${r.tag}`));
    for (const [line, tag] of [[3, 'a'], [4, 'a'], [6, 'a'], [5, 'a'], [5, 'b'], [9, 'a'], [7, 'a']] as const) order.add({ line, cells: null, tag });
    expect(out).toEqual([]);
    order.flush();
    expect(out).toEqual(['3a', '4a', '5a', '5b', '6a', '7a', '9a']);
  });

  it('holds at most its window: the lowest goes first once it is full', () => {
    const out: number[] = [];
    const order = new RejectOrder((r: ReturnType<typeof item>) => out.push(r.line), 3);
    for (const line of [5, 4, 3, 2]) order.add(item(line));
    expect(out).toEqual([2]);
    order.flush();
    expect(out).toEqual([2, 3, 4, 5]);
  });

  it('holds cells up to a size: a run of long rows goes out instead of piling up', () => {
    const out: number[] = [];
    const order = new RejectOrder((r: ReturnType<typeof item>) => out.push(r.line), 1000, 10);
    order.add(item(2, ['12345']));
    order.add(item(1, ['123456']));
    expect(out).toEqual([1]);
    order.flush();
    expect(out).toEqual([1, 2]);
  });

  it('sorts any shuffle that stays within the window', () => {
    const random = seededRandom(7);
    const lines = Array.from({ length: 5000 }, (_, i) => i + 1);
    // each line moved by at most 50 places
    for (let i = 0; i + 50 < lines.length; i += 25) {
      const j = i + Math.floor(random() * 50);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    const out: number[] = [];
    const order = new RejectOrder((r: ReturnType<typeof item>) => out.push(r.line), 64);
    for (const line of lines) order.add(item(line));
    order.flush();
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
  });
});
