import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { genericDerivedId, genericRowDigest, taobaoDerivedId } from './derived-order-id.js';
import { KeyedSha256 } from './keyed-sha256.js';

/** A small seeded generator (xorshift32): the same texts each run. */
function seededRandom(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');

/** A text of `n` characters drawn from ASCII, Latin-1, CJK and astral characters (or ASCII only). */
function text(rnd: () => number, n: number, asciiOnly: boolean): string {
  const pools = asciiOnly ? [[0x20, 0x7e]] : [[0x20, 0x7e], [0xa0, 0xff], [0x4e00, 0x9fff], [0x1f300, 0x1f5ff]];
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = pools[Math.floor(rnd() * pools.length)];
    s += String.fromCodePoint(lo + Math.floor(rnd() * (hi - lo + 1)));
  }
  return s;
}

describe('KeyedSha256: HMAC-SHA256 under one key from its two midstates', () => {
  it('gives node:crypto’s HMAC for keys shorter, as long as and longer than a block, and messages across every padding edge', () => {
    const rnd = seededRandom(21);
    const keys = ['', 'k', text(rnd, 32, true), 'x'.repeat(64), 'y'.repeat(65), text(rnd, 200, true), text(rnd, 20, false)];
    for (const key of keys) {
      const k = new KeyedSha256(key);
      // every length from 0 to 200 bytes (55/56 and 119/120: where the padding takes another block)
      for (let n = 0; n <= 200; n++) {
        const ascii = text(rnd, n, true);
        expect(k.mac(ascii).toString('hex'), `key ${key.length}, message ${n}`).toBe(hmac(key, ascii));
      }
      for (let i = 0; i < 40; i++) {
        const m = text(rnd, Math.floor(rnd() * 90), false);
        expect(k.mac(m).toString('hex')).toBe(hmac(key, m));
      }
      // long messages, and a short one after them (the scratch buffer grown, padding cleared)
      const long = text(rnd, 5000, false);
      expect(k.mac(long).toString('hex')).toBe(hmac(key, long));
      expect(k.mac('abc').toString('hex')).toBe(hmac(key, 'abc'));
    }
  });

  it('makes the same order ids as before (HMAC per call), under two keys in turn', () => {
    const rnd = seededRandom(22);
    const keys = [text(rnd, 43, true), text(rnd, 43, true)];
    for (let i = 0; i < 300; i++) {
      const key = keys[i % 2];
      const cells = [text(rnd, 8, false), ` ${text(rnd, 19, true)} `, text(rnd, 5, true), '', text(rnd, 30, false)];
      const digest = createHash('sha1').update(cells.map((c) => c.trim()).join('\u0001')).digest('base64url').slice(0, 16);
      expect(genericRowDigest(cells)).toBe(digest);
      const n = 1 + (i % 3);
      expect(genericDerivedId(key, digest, n)).toBe(`rk:${createHmac('sha256', key).update(`order:r:${digest}`).digest('base64url').slice(0, 16)}:${n}`);
      const tb = createHash('sha256').update(cells.join('\u0001')).digest('hex').slice(0, 16);
      expect(taobaoDerivedId(key, tb)).toBe(`tbk-${createHmac('sha256', key).update(`order:tb-${tb}`).digest('hex').slice(0, 16)}`);
    }
    expect(genericRowDigest([])).toBe(createHash('sha1').update('').digest('base64url').slice(0, 16));
  });
});
