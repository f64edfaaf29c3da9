import { describe, expect, it } from 'vitest';
import { byteLanes } from './row-chunks.js';

/** byteLanes as first written (a word from four byte loads): the digests stores recorded, which must not move. */
function reference(bytes: Uint8Array, start: number, end: number): [number, number] {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x9747b28c;
  let i = start;
  for (const last = end - 3; i < last; i += 4) {
    const v = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    a = Math.imul(a ^ v, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (; i < end; i++) {
    const v = bytes[i];
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // as the Int32Array out holds them
  return [a | 0, b | 0];
}

describe('byteLanes', () => {
  it('gives the digest lanes of the byte-by-byte formula at any start, length and buffer offset', () => {
    let s = 99;
    const next = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    const backing = new Uint8Array(4096);
    for (let i = 0; i < backing.length; i++) backing[i] = next() & 0xff;
    const out = new Int32Array(4);
    const wrong: string[] = [];
    for (const offset of [0, 1, 2, 3, 5, 8]) {
      // a view that does not start at its buffer's start (a Buffer from Node's pool, a subarray)
      const bytes = backing.subarray(offset, offset + 2000);
      for (let k = 0; k < 300; k++) {
        const start = next() % 1000;
        const end = start + (k < 16 ? k : next() % 900);
        byteLanes(bytes, start, end, out, 2);
        const [a, b] = reference(bytes, start, end);
        if (out[2] !== a || out[3] !== b) wrong.push(`offset ${offset} [${start}, ${end})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
