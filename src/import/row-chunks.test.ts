import { describe, expect, it } from 'vitest';
import { byteLanes } from './row-chunks.js';

const M32 = (1n << 32n) - 1n;

/**
 * An independent reference for byteLanes (not its formula written again): the bytes taken one at a time, whole
 * little-endian words gathered by place value (byte × 256^k) while the chunk has four bytes left for them, the
 * mixing done in BigInt arithmetic modulo 2^32 (no Math.imul, no 32-bit shifts). What it encodes is the digest
 * every store recorded (CHUNK_FORMAT 4): lane a multiplies by the FNV prime and, after a word, xors in its top
 * 19 bits shifted down 13; lane b multiplies by murmur2's constant and xors in its top 17 bits shifted down 15.
 */
function reference(bytes: Uint8Array, start: number, end: number): [number, number] {
  const length = end - start;
  const inWords = length - (length % 4);
  let a = (0x811c9dc5n ^ BigInt(length)) & M32;
  let b = 0x9747b28cn;
  const mixA = (v: bigint, word: boolean) => {
    a = ((a ^ v) * 0x01000193n) & M32;
    if (word) a ^= a >> 13n;
  };
  const mixB = (v: bigint) => {
    b = ((b ^ v) * 0x5bd1e995n) & M32;
    b ^= b >> 15n;
  };
  let word = 0n;
  let place = 1n;
  for (let k = 0; k < length; k++) {
    const byte = BigInt(bytes[start + k]);
    if (k < inWords) {
      word += byte * place;
      place *= 256n;
      if (place === 1n << 32n) {
        mixA(word, true);
        mixB(word);
        word = 0n;
        place = 1n;
      }
    } else {
      mixA(byte, false);
      mixB(byte);
    }
  }
  // as the Int32Array out holds them
  return [Number(BigInt.asIntN(32, a)), Number(BigInt.asIntN(32, b))];
}

describe('byteLanes', () => {
  it('gives the lanes of the byte-at-a-time reference at any start, length and buffer offset', () => {
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
      const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = 0; k < 300; k++) {
        const start = next() % 1000;
        const end = start + (k < 16 ? k : next() % 900);
        const [a, b] = reference(bytes, start, end);
        byteLanes(bytes, start, end, out, 2);
        if (out[2] !== a || out[3] !== b) wrong.push(`offset ${offset} [${start}, ${end})`);
        // with the caller's view of the bytes (ByteChunkReader makes one a buffer)
        out.fill(0);
        byteLanes(bytes, start, end, out, 2, words);
        if (out[2] !== a || out[3] !== b) wrong.push(`offset ${offset} [${start}, ${end}) with a view`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the lanes stores recorded: two rows of a generic export (110 bytes: 27 words and 2 bytes), pinned', () => {
    const bytes = new TextEncoder().encode('100000000,C17YYMXS,2023-01-01 00:02:21,81.20,completed\n100000001,C1AJXV3Q,2023-01-01 00:13:28,27.35,completed\n');
    const out = new Int32Array(2);
    byteLanes(bytes, 0, bytes.length, out, 0);
    expect([out[0], out[1]]).toEqual(reference(bytes, 0, bytes.length));
    // as main gave them before this test (2026-12-06, 162d4ce)
    expect([out[0], out[1]]).toEqual([329529016, -1912041782]);
  });
});
