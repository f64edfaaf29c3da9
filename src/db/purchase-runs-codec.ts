/**
 * The bytes of a purchase run (`purchase_runs.data`, from schema migration 8 on): entries in (customer, day)
 * order, each delta-coded against the entry before, about 6 bytes an entry instead of the 28 of five plain
 * little-endian columns.
 *
 * An entry is a tag byte, then varints:
 *   tag bits 0–1: the customer: 0 the one before, 1 the one after it (+1), 2 a signed delta follows;
 *   tag bit 2: orders is 1 (else a signed varint follows); tag bit 3: net equals gross (else net − gross follows);
 *   then the day as a signed delta from the entry before's day (the first entry's from 0), the customer delta
 *   (tag 2), gross, orders (bit 2 clear), net − gross (bit 3 clear).
 * Signed values are sign-in-the-low-bit varints (2|v| + [v < 0]), 7 bits a byte, low bits first. An amount that is
 * not a whole number of magnitude below 2^52 (never for money in minor units, but the column is a float64) is
 * written as the value 1 (a "negative zero", which no other value makes) followed by its 8 float64 bytes, so
 * every float64 comes back to the bit. Customers and days are int32; their deltas fit in 33 bits.
 */

/** Columns of entries, sorted by customer then day. */
export interface Run {
  customer: Int32Array;
  day: Int32Array;
  orders: Int32Array;
  gross: Float64Array;
  net: Float64Array;
}

/** Bytes an entry can take at most: tag, customer 5, day 5, orders 5, gross 9, net − gross 9 (escaped). */
const MAX_ENTRY_BYTES = 34;

const SAME = 0;
const NEXT = 1;
const DELTA = 2;
const ONE_ORDER = 4;
const NET_IS_GROSS = 8;
const TWO_52 = 2 ** 52;
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/**
 * Writes run entries [0, n) into `into.buf` from byte 0, replacing it by a larger one when it runs out of room
 * (about 6 bytes an entry are typical, MAX_ENTRY_BYTES the most); returns the bytes written.
 */
export function encodeRunInto(r: Run, n: number, into: { buf: Uint8Array }): number {
  const { customer, day, orders, gross, net } = r;
  let buf = into.buf;
  let p = 0;
  let prevCustomer = 0;
  let prevDay = 0;
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    const o = orders[i];
    const g = gross[i];
    const t = net[i];
    if (p + MAX_ENTRY_BYTES > buf.length) {
      const more = new Uint8Array(Math.max(p + MAX_ENTRY_BYTES * 64, Math.ceil(buf.length * 1.5), Math.ceil((p / Math.max(1, i)) * n * 1.125)));
      more.set(buf.subarray(0, p));
      buf = into.buf = more;
    }
    const dc = c - prevCustomer;
    let tag = dc === 0 ? SAME : dc === 1 ? NEXT : DELTA;
    if (o === 1) tag |= ONE_ORDER;
    // Object.is: a −0 net beside a +0 gross is written, and comes back, as itself
    if (Object.is(t, g)) tag |= NET_IS_GROSS;
    buf[p++] = tag;
    p = putSigned(buf, p, day[i] - prevDay);
    if (tag & DELTA) p = putSigned(buf, p, dc);
    p = putAmount(buf, p, g);
    if (!(tag & ONE_ORDER)) p = putSigned(buf, p, o);
    if (!(tag & NET_IS_GROSS)) {
      const d = t - g;
      // a difference that is not exact (or would itself be escaped): net is written, escaped, instead
      p = Object.is(d + g, t) && Number.isInteger(d) && d < TWO_52 && d > -TWO_52 && !Object.is(d, -0) ? putSigned(buf, p, d) : putEscaped(buf, p, t);
    }
    prevCustomer = c;
    prevDay = day[i];
  }
  return p;
}

/**
 * Reads `n` entries of `blob` into `out` from entry `at`; returns false when the bytes are not `n` entries
 * exactly (a damaged run), so the caller can say which run.
 */
export function decodeRunInto(blob: Uint8Array, n: number, out: Run, at: number): boolean {
  const { customer, day, orders, gross, net } = out;
  const end = blob.length;
  let p = 0;
  let c = 0;
  let d = 0;
  for (let i = at; i < at + n; i++) {
    if (p >= end) return false;
    const tag = blob[p++];
    if (tag > 15 || (tag & 3) === 3) return false;
    // day delta: a one-byte varint is the common case
    let b = blob[p++];
    if (b < 128) d += b & 1 ? -(b >> 1) : b >> 1;
    else {
      const v = readVarint(blob, p - 1);
      p = readEnd;
      if (v < 0) return false;
      d += signed(v);
    }
    const kind = tag & 3;
    if (kind === NEXT) c += 1;
    else if (kind === DELTA) {
      const v = readVarint(blob, p);
      p = readEnd;
      if (v < 0) return false;
      c += signed(v);
    }
    // gross
    let g: number;
    b = blob[p];
    if (b !== undefined && b < 128 && b !== 1) {
      g = b & 1 ? -(b >> 1) : b >> 1;
      p++;
    } else {
      g = readAmount(blob, p);
      if (Number.isNaN(readEnd)) return false;
      p = readEnd;
    }
    let o = 1;
    if (!(tag & ONE_ORDER)) {
      const v = readVarint(blob, p);
      p = readEnd;
      if (v < 0) return false;
      o = signed(v);
    }
    let t = g;
    if (!(tag & NET_IS_GROSS)) {
      const escaped = blob[p] === 1;
      const v = readAmount(blob, p);
      if (Number.isNaN(readEnd)) return false;
      p = readEnd;
      t = escaped ? v : g + v;
    }
    customer[i] = c;
    day[i] = d;
    orders[i] = o;
    gross[i] = g;
    net[i] = t;
  }
  return p === end;
}

function putSigned(buf: Uint8Array, p: number, v: number): number {
  return putVarint(buf, p, v < 0 ? -2 * v + 1 : 2 * v);
}

function putAmount(buf: Uint8Array, p: number, v: number): number {
  if (Number.isInteger(v) && v < TWO_52 && v > -TWO_52 && !Object.is(v, -0)) return putSigned(buf, p, v);
  return putEscaped(buf, p, v);
}

function putEscaped(buf: Uint8Array, p: number, v: number): number {
  buf[p++] = 1;
  scratch[0] = v;
  buf.set(scratchBytes, p);
  return p + 8;
}

/** A non-negative whole number below 2^53, 7 bits a byte. */
function putVarint(buf: Uint8Array, p: number, v: number): number {
  while (v >= 0x80000000) {
    buf[p++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  while (v >= 128) {
    buf[p++] = (v & 127) | 128;
    v >>>= 7;
  }
  buf[p++] = v;
  return p;
}

/** Where the last read ended (NaN: past the end or too long). */
let readEnd = 0;

/** A varint at `p` (end in readEnd); −1 when it runs past the bytes or beyond 2^53. */
function readVarint(blob: Uint8Array, p: number): number {
  let v = 0;
  let scale = 1;
  for (let k = 0; k < 8; k++) {
    const b = blob[p++];
    if (b === undefined) break;
    v += (b & 127) * scale;
    if (b < 128) {
      readEnd = p;
      return v;
    }
    scale *= 128;
  }
  readEnd = NaN;
  return -1;
}

/** An amount at `p` (signed varint, or the escape and 8 bytes); readEnd NaN when damaged. */
function readAmount(blob: Uint8Array, p: number): number {
  if (blob[p] === 1) {
    if (p + 9 > blob.length) {
      readEnd = NaN;
      return 0;
    }
    scratchBytes.set(blob.subarray(p + 1, p + 9));
    readEnd = p + 9;
    return scratch[0];
  }
  const v = readVarint(blob, p);
  return v < 0 ? 0 : signed(v);
}

function signed(z: number): number {
  // z % 2, not z & 1: z may exceed 32 bits
  return z % 2 === 1 ? -(z - 1) / 2 : z / 2;
}
