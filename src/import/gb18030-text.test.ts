import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, gb18030Text } from './gb18030-text.js';

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
