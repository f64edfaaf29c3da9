/**
 * Equality to the last bit, for results computed in a worker thread and inline: throws (with the path) where a
 * and b differ; numbers by Object.is, typed arrays element by element, objects key by key in the same order.
 */
import { expect } from 'vitest';

export function sameBits(a: unknown, b: unknown, at = '$'): void {
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    expect(ArrayBuffer.isView(b) && b.constructor === a.constructor && y.length === x.length, at).toBe(true);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) throw new Error(`${at}[${i}]: ${x[i]} ≠ ${y[i]}`);
    return;
  }
  if (typeof a !== 'object' || a === null) {
    if (!Object.is(a, b)) throw new Error(`${at}: ${String(a)} ≠ ${String(b)}`);
    return;
  }
  expect(Object.keys(b as object), at).toEqual(Object.keys(a));
  for (const [k, v] of Object.entries(a)) sameBits(v, (b as Record<string, unknown>)[k], `${at}.${k}`);
}
