/**
 * HMAC-SHA256 under one key, for many short messages: the key's two padded blocks are compressed once (the
 * inner and outer "midstates"), so each message costs the compression of its own blocks and one for the outer
 * hash — two for a message of up to 55 bytes — with no key setup and no hash object per call. The same bytes
 * as node:crypto's createHmac('sha256', key).update(message).digest() (the message as UTF-8), checked against
 * it in keyed-sha256.test.ts. SHA-256 as FIPS 180-4 specifies it; HMAC as RFC 2104.
 */
import { createHash } from 'node:crypto';

const IV = Int32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** Compresses the 64-byte block at `at` of `bytes` into state `h` (8 words); `w`: 64 words of scratch. */
function compress(h: Int32Array, bytes: Uint8Array, at: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++, at += 4) w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

/** HMAC-SHA256 of many messages under one key (see the file's comment). */
export class KeyedSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  /** The message's bytes and padding (grown for long messages), and the outer hash's one block. */
  private buf = new Uint8Array(256);
  private readonly last = new Uint8Array(64);
  private readonly encoder = new TextEncoder();
  /** The last MAC's 32 bytes (overwritten by the next call). */
  readonly out = Buffer.alloc(32);

  constructor(readonly key: string) {
    let k: Uint8Array = Buffer.from(key, 'utf8');
    if (k.length > 64) k = createHash('sha256').update(k).digest();
    const pad = new Uint8Array(64);
    for (const [state, byte] of [[this.inner, 0x36], [this.outer, 0x5c]] as const) {
      pad.fill(byte);
      for (let i = 0; i < k.length; i++) pad[i] ^= k[i];
      state.set(IV);
      compress(state, pad, 0, this.w);
    }
  }

  /** The MAC of `message` (UTF-8), in `out` (overwritten by the next call). */
  mac(message: string): Buffer {
    // the message's UTF-8 bytes: plain ASCII byte by byte, anything else through TextEncoder
    let n = message.length;
    if (this.buf.length < n * 3 + 72) this.buf = new Uint8Array(n * 3 + 72);
    const buf = this.buf;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = message.charCodeAt(i);
      if (c > 0x7f) {
        ascii = false;
        break;
      }
      buf[i] = c;
    }
    if (!ascii) n = this.encoder.encodeInto(message, buf).written;
    // padding: 0x80, zeros, the length in bits of the key block and the message, to a whole number of blocks
    const blocks = (n + 8 + 64) >>> 6;
    const end = blocks * 64;
    buf[n] = 0x80;
    buf.fill(0, n + 1, end);
    const bits = (64 + n) * 8;
    buf[end - 4] = bits >>> 24;
    buf[end - 3] = bits >>> 16;
    buf[end - 2] = bits >>> 8;
    buf[end - 1] = bits;
    buf[end - 5] = Math.floor(bits / 2 ** 32);
    const s = this.state;
    s.set(this.inner);
    for (let at = 0; at < end; at += 64) compress(s, buf, at, this.w);
    // the outer hash: the inner digest (32 bytes) after the key block, one block with its padding
    const last = this.last;
    for (let i = 0; i < 8; i++) {
      last[4 * i] = s[i] >>> 24;
      last[4 * i + 1] = s[i] >>> 16;
      last[4 * i + 2] = s[i] >>> 8;
      last[4 * i + 3] = s[i];
    }
    last[32] = 0x80;
    last.fill(0, 33, 62);
    last[62] = (96 * 8) >>> 8;
    last[63] = (96 * 8) & 0xff;
    s.set(this.outer);
    compress(s, last, 0, this.w);
    for (let i = 0; i < 8; i++) this.out.writeInt32BE(s[i], 4 * i);
    return this.out;
  }
}
