import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EncodingCheck } from './encoding-check.js';

const line = (...parts: (string | number[])[]) => Buffer.concat([...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))), Buffer.from('\n')]);

describe('EncodingCheck of a legacy-encoded file', () => {
  it('counts the lines that are valid UTF-8 Chinese, and only those (no exception a GBK line)', () => {
    const check = new EncodingCheck('gb18030');
    const lines = [
      line('id,name'), // ASCII: 1
      Buffer.concat([iconv.encode('1,张三', 'gbk'), Buffer.from('\n')]), // GBK's own text: 2
      line('2,张三'), // UTF-8 Chinese: 3 (counted)
      line('3,张三', [0xed, 0xa0, 0x80]), // a UTF-16 surrogate written as UTF-8: not UTF-8, 4
      line('4,张三', [0xc0, 0xaf]), // an overlong `/`: not UTF-8, 5
      line('5,张三', [0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF: not UTF-8, 6
      line('6,é'), // UTF-8, but a two-byte character a legacy pair could also make: 7
      line('7,李四王五'), // counted: 8
    ];
    // in two chunks that cut a line
    const all = Buffer.concat(lines);
    check.bytes(all.subarray(0, 40));
    check.bytes(all.subarray(40), true);
    expect([check.count, check.first]).toEqual([2, 3]);
  });

  it('in a Western legacy encoding any UTF-8 line with high bytes is counted', () => {
    const check = new EncodingCheck('windows-1252');
    check.bytes(Buffer.concat([line('a,b'), iconv.encode('c,é\n', 'windows-1252'), line('d,é'), line('e,', [0xed, 0xa0, 0x80])]), true);
    expect([check.count, check.first]).toEqual([1, 3]);
  });
});
