import { describe, expect, it } from 'vitest';
import { decodeRunInto, encodeRunInto, type Run } from './purchase-runs-codec.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function runOf(rows: [number, number, number, number, number][]): Run {
  return {
    customer: Int32Array.from(rows.map((r) => r[0])),
    day: Int32Array.from(rows.map((r) => r[1])),
    orders: Int32Array.from(rows.map((r) => r[2])),
    gross: Float64Array.from(rows.map((r) => r[3])),
    net: Float64Array.from(rows.map((r) => r[4])),
  };
}

function blank(n: number): Run {
  return { customer: new Int32Array(n), day: new Int32Array(n), orders: new Int32Array(n), gross: new Float64Array(n), net: new Float64Array(n) };
}

function encode(r: Run, into = { buf: new Uint8Array(0) }): Uint8Array {
  const n = encodeRunInto(r, r.customer.length, into);
  return into.buf.slice(0, n);
}

function roundTrip(r: Run): Run {
  const bytes = encode(r);
  const out = blank(r.customer.length);
  expect(decodeRunInto(bytes, r.customer.length, out, 0)).toBe(true);
  return out;
}

/** Every value as its bits: −0 and +0 differ, NaN equals NaN. */
function bits(r: Run): string[] {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  const hex = (v: number) => ((f[0] = v), u[0].toString(16));
  return Array.from(r.customer, (c, i) => `${c} ${r.day[i]} ${r.orders[i]} ${hex(r.gross[i])} ${hex(r.net[i])}`);
}

describe('purchase run bytes (delta-coded)', () => {
  it('give back every entry to the bit: shop-like runs, extremes, escapes and signed zeros', () => {
    const rnd = seeded(21);
    const cases: Run[] = [runOf([])];
    for (let round = 0; round < 60; round++) {
      const rows: [number, number, number, number, number][] = [];
      let c = round % 3 === 0 ? -50 - Math.floor(rnd() * 1000) : Math.floor(rnd() * 2 ** 31 - 2 ** 20);
      let d = Math.floor(rnd() * 40000) - 5000;
      for (let k = Math.floor(rnd() * 400); k > 0; k--) {
        const step = rnd();
        if (step < 0.4) c += 1;
        else if (step < 0.7) c += 2 + Math.floor(rnd() * 5000);
        if (c > 2 ** 31 - 1) break;
        d = step < 0.7 ? Math.floor(rnd() * 40000) - 5000 : d + 1 + Math.floor(rnd() * 300);
        const orders = rnd() < 0.7 ? 1 : Math.floor(rnd() * 40) - 20;
        const gross = rnd() < 0.9 ? Math.floor(rnd() * 1e6) - 1e5 : Math.floor((rnd() - 0.5) * 2 ** 54);
        const net = rnd() < 0.6 ? gross : rnd() < 0.5 ? gross - Math.floor(rnd() * 1000) : Math.floor((rnd() - 0.5) * 2 ** 54);
        rows.push([c, d, orders, gross, net]);
      }
      cases.push(runOf(rows));
    }
    const odd = [0.5, -0, 2 ** 52, -(2 ** 52), 2 ** 53, -(2 ** 53 + 2), 1e300, -Infinity, NaN, Number.MIN_VALUE, 1, -1, 0];
    cases.push(runOf(odd.flatMap((g, i) => odd.map((t, j): [number, number, number, number, number] => [i, j - 6, j - 6, g, t]))));
    cases.push(
      runOf([
        [-(2 ** 31), -(2 ** 31), -(2 ** 31), 0, 0],
        [-(2 ** 31), 2 ** 31 - 1, 2 ** 31 - 1, 0, -0],
        [2 ** 31 - 1, -(2 ** 31), 1, -0, 0],
        [2 ** 31 - 1, 2 ** 31 - 1, 0, 2 ** 52 - 1, -(2 ** 52) + 1],
      ]),
    );
    for (const [i, r] of cases.entries()) expect(bits(roundTrip(r)), `case ${i}`).toEqual(bits(r));
  });

  it('take about 6 bytes an entry for a shop (one order a day, net = gross, customers close together)', () => {
    const rnd = seeded(5);
    const rows: [number, number, number, number, number][] = [];
    let c = 65536 * 7;
    for (let k = 0; k < 10000; k++) {
      c += rnd() < 0.5 ? 1 : rnd() < 0.5 ? 0 : 2;
      const amount = 500 + Math.floor(rnd() * 30000);
      rows.push([c, 19000 + Math.floor(rnd() * 700), 1, amount, amount]);
    }
    const sorted = runOf(rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]).filter((r, i, all) => i === 0 || r[0] !== all[i - 1][0] || r[1] !== all[i - 1][1]));
    const bytes = encode(sorted).length / sorted.customer.length;
    expect(bytes).toBeGreaterThan(4);
    expect(bytes).toBeLessThan(7);
  });

  it('writes into a reused buffer that grows, and decodes at an offset of the columns', () => {
    const into = { buf: new Uint8Array(3) };
    const a = runOf([[1, 10, 1, 100, 100], [2, 11, 1, 200, 150]]);
    const first = encode(a, into);
    const big = runOf(Array.from({ length: 5000 }, (_, i): [number, number, number, number, number] => [i * 3, 19000 + i, 2, i * 1001, -i]));
    const second = encode(big, into);
    expect(into.buf.length).toBeGreaterThanOrEqual(second.length);
    const out = blank(5002);
    expect(decodeRunInto(first, 2, out, 0)).toBe(true);
    expect(decodeRunInto(second, 5000, out, 2)).toBe(true);
    expect(bits(out)).toEqual([...bits(a), ...bits(big)]);
  });

  it('say a blob is damaged when its bytes are not the entries it claims', () => {
    const r = runOf([[1, 10, 1, 100, 100], [5, 3, 2, 2 ** 53, 7], [5, 9, -1, -5, 0.25]]);
    const bytes = encode(r);
    const out = blank(4);
    expect(decodeRunInto(bytes, 2, out, 0)).toBe(false); // bytes left over
    expect(decodeRunInto(bytes, 4, out, 0)).toBe(false); // too few bytes
    for (let cut = 0; cut < bytes.length; cut++) expect(decodeRunInto(bytes.subarray(0, cut), 3, out, 0), `cut ${cut}`).toBe(false);
    const badTag = bytes.slice();
    badTag[0] = 3;
    expect(decodeRunInto(badTag, 3, out, 0)).toBe(false);
    expect(decodeRunInto(new Uint8Array([4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0]), 1, out, 0)).toBe(false);
  });
});
