import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, Gb18030Stream, gb18030Text } from './gb18030-text.js';

const ref = (b: Buffer) => iconv.decode(b, 'gb18030');
const THIRD_ALL = Array.from({ length: 126 }, (_, i) => 0x81 + i);
const THIRD_SOME = [0x81, 0x82, 0xa0, 0xfe];

describe('gb18030Text: iconv-lite’s text, from ICU where the two agree', () => {
  it('every one- and two-byte code, and every lead byte before any other byte (codes cut short, bad trail bytes)', () => {
    for (let a = 0; a < 256; a++) expect(gb18030Text(Buffer.of(a)), a.toString(16)).toBe(ref(Buffer.of(a)));
    for (let a = 0x80; a <= 0xff; a++) {
      for (let b = 0; b < 256; b++) {
        const bytes = Buffer.of(a, b);
        expect(gb18030Text(bytes), bytes.toString('hex')).toBe(ref(bytes));
      }
    }
  });

  it('four-byte codes: every one of the BMP range (leads 81–84), and the rest by four third bytes a lead (supplementary planes, past the ranges)', () => {
    const bytes = Buffer.alloc(4);
    const differ: string[] = [];
    let codes = 0;
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x30; b <= 0x39; b++) {
        for (const c of a <= 0x84 ? THIRD_ALL : THIRD_SOME) {
          for (let d = 0x30; d <= 0x39; d++) {
            bytes[0] = a;
            bytes[1] = b;
            bytes[2] = c;
            bytes[3] = d;
            codes++;
            if (gb18030Text(bytes) !== ref(bytes)) differ.push(bytes.toString('hex'));
          }
        }
      }
    }
    expect(codes).toBe(4 * 10 * 126 * 10 + 122 * 10 * 4 * 10);
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('texts of many codes: Taobao-like lines, the 18 codes that differ, a byte order mark, bytes that are no code', () => {
    const line = iconv.encode('="2875123456789012341",tb_3k9x,张**,浙江省 杭州市 西湖区 ***,交易成功,"书,第2版",12.50元\r\n', 'gb18030');
    expect(gb18030Text(Buffer.concat([line, line]))).toBe(ref(Buffer.concat([line, line])));
    for (const odd of [Buffer.of(0xa6, 0xd9), Buffer.of(0xfe, 0x59), Buffer.of(0x84, 0x31, 0x95, 0x33), Buffer.of(0x84, 0x31, 0xa5, 0x30), Buffer.of(0x81), Buffer.of(0x81, 0x30, 0x41), Buffer.of(0x80), Buffer.of(0xff)]) {
      for (const bytes of [Buffer.concat([line, odd, line]), Buffer.concat([odd, line]), Buffer.concat([line, odd])]) expect(gb18030Text(bytes)).toBe(ref(bytes));
    }
    // random bytes, mostly high: every kind of cut and bad sequence
    let x = 12345;
    for (let k = 0; k < 2000; k++) {
      const bytes = Buffer.alloc(1 + (k % 40));
      for (let i = 0; i < bytes.length; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        bytes[i] = x >>> 24;
      }
      expect(gb18030Text(bytes), bytes.toString('hex')).toBe(ref(bytes));
    }
  });

  it('other encodings go to iconv-lite', () => {
    const bytes = Buffer.of(0x80, 0x41, 0xe9);
    expect(decodeBytes(bytes, 'windows-1252')).toBe(iconv.decode(bytes, 'windows-1252'));
    expect(decodeBytes(bytes, 'gb18030')).toBe(ref(bytes));
  });
});

describe('Gb18030Stream: iconv-lite’s text of the whole, whatever the pieces', () => {
  /** The stream's text of `bytes` written in pieces of the given lengths (the rest: one piece). */
  const streamed = (bytes: Buffer, cuts: number[]) => {
    const stream = new Gb18030Stream();
    let text = '';
    let at = 0;
    for (const n of [...cuts, bytes.length]) {
      const piece = Buffer.from(bytes.subarray(at, Math.min(bytes.length, at + n)));
      text += stream.write(piece);
      piece.fill(0x41); // the caller's buffer is read again: nothing may be kept from it
      at += n;
      if (at >= bytes.length) break;
    }
    return text + stream.end();
  };

  it('random bytes (codes, codes cut short, bytes that are no code, delimiters and line ends) cut anywhere', () => {
    let x = 2024;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const byteOf = () => {
      const r = next();
      return r < 0.1 ? 0x0a : r < 0.15 ? 0x0d : r < 0.25 ? 0x2c : r < 0.5 ? 0x81 + Math.floor(next() * 126) : r < 0.6 ? 0x30 + Math.floor(next() * 10) : Math.floor(next() * 256);
    };
    for (let k = 0; k < 3000; k++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 300) }, byteOf));
      const cuts = Array.from({ length: 1 + Math.floor(next() * 8) }, () => Math.floor(next() * 60));
      expect(streamed(bytes, cuts), `${bytes.toString('hex')} cut ${cuts}`).toBe(ref(bytes));
    }
  });

  it('Taobao-like lines with a byte order mark first, in 7-byte pieces and whole; a long run without a delimiter', () => {
    const line = iconv.encode('="2875123456789012341",tb_3k9x,张**,浙江省 杭州市 西湖区 ***,交易成功,"书,第2版",12.50元\r\n', 'gb18030');
    const text = Buffer.concat([Buffer.of(0x84, 0x31, 0x95, 0x33), line, line, Buffer.of(0xa6, 0xd9, 0x81), line]);
    expect(streamed(text, Array(40).fill(7))).toBe(ref(text));
    expect(streamed(text, [])).toBe(ref(text));
    // past the megabyte held back: iconv-lite's stream decoder takes over (its text, as before)
    const run = Buffer.concat([line, Buffer.from(iconv.encode('长'.repeat(600_000), 'gb18030')), line]);
    expect(streamed(run, Array(40).fill(65_536))).toBe(ref(run));
  });
});
