/**
 * A file whose bytes are not all in the encoding it is read in (an export with UTF-8 rows appended to a GBK
 * file, or the other way round) would be decoded silently into other characters: UTF-8 `张三` read as
 * GB18030 becomes `寮犱笁`, GBK bytes read as UTF-8 become `�`. This counts such lines, for a note with the
 * count and the first line.
 */
import { isUtf8 } from 'node:buffer';
import { said, type Said } from '../report/said.js';
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CJK = /[\u4e00-\u9fff]/g;
const TWO_BYTE_RANGE = /[\u0080-\u07ff]/;

export class EncodingCheck {
  /** Lines that do not read as written, and the first of them (1-based). */
  count = 0;
  first = 0;
  /** Physical lines before the current chunk (legacy encodings). */
  private line = 1;
  private carry: Buffer | null = null;
  private readonly legacy: boolean;

  constructor(private readonly encoding: string) {
    this.legacy = !/^utf-?8$/i.test(encoding) && !/^utf-?16/i.test(encoding);
  }

  /** The raw bytes of the next chunk (legacy encodings: lines that are valid UTF-8 Chinese or accented text). */
  bytes(chunk: Buffer, final = false): void {
    if (!this.legacy) return;
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
      this.checkLine(data.subarray(start, nl));
      start = nl + 1;
      this.line++;
    }
    this.carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
    if (final && this.carry) this.checkLine(this.carry);
  }

  /** A decoded UTF-8 record's cells: a replacement character means bytes that were not UTF-8. */
  record(line: number, cells: readonly string[]): void {
    if (this.legacy) return;
    for (const c of cells) {
      if (c.includes('\uFFFD')) {
        this.hit(line);
        return;
      }
    }
  }

  private checkLine(bytes: Buffer): void {
    let high = false;
    for (let k = 0; k < bytes.length && !high; k++) if (bytes[k] >= 0x80) high = true;
    if (!high) return;
    // not UTF-8: the chosen encoding's own text (checked without a decoder's exception: one a line of a GBK file)
    if (!isUtf8(bytes)) return;
    const text = UTF8.decode(bytes);
    // valid UTF-8 Chinese (three-byte sequences), and nothing a legacy pair could also make
    if (/^(gb|gbk|gb18030|gb2312|big5|shift_jis|euc)/i.test(this.encoding)) {
      if ((text.match(CJK)?.length ?? 0) >= 2 && !TWO_BYTE_RANGE.test(text)) this.hit(this.line);
    } else this.hit(this.line);
  }

  private hit(line: number): void {
    if (this.count === 0) this.first = line;
    this.count++;
  }

  /** The note for the user, or null when every line read as written. */
  note(): Said | null {
    if (this.count === 0) return null;
    if (this.legacy) {
      return said('encoding.utf8InLegacy', { n: this.count, first: String(this.first), encoding: this.encoding });
    }
    return said('encoding.notUtf8', { n: this.count, first: String(this.first) });
  }
}
