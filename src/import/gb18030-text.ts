/**
 * GB18030 bytes → text exactly as iconv-lite decodes them, in about half the time: ICU's decoder (TextDecoder's
 * WHATWG gb18030) first, iconv-lite where the two could differ. They differ only on (a) 18 two-byte codes that
 * GB18030-2005 maps into the Private Use Area (iconv-lite) and later editions to U+FE10–FE19 and U+9FB4–9FBB
 * (ICU), (b) four-byte codes past the standard's ranges, which iconv-lite maps on and ICU replaces by U+FFFD,
 * and (c) bytes that are no code at all, which ICU replaces by U+FFFD. So a text from ICU with none of those
 * characters is iconv-lite's text (gb18030-text.test.ts checks every one-, two- and four-byte code); anything
 * else is decoded again by iconv-lite. iconv-lite stays the reference: stored texts do not change.
 *
 * A stream of bytes (Gb18030Stream) is decoded in pieces that end after a byte below 0x30: no code has such a
 * byte but as itself (trail bytes are 0x30 and up, lead bytes 0x81 and up), so iconv-lite's text of the whole is
 * the texts of the pieces one after the other, bytes that are no code included (gb18030-text.test.ts).
 */
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/** ICU's decoder, or null in a Node built without full ICU. */
const icu = ((): TextDecoder | null => {
  try {
    return new TextDecoder('gb18030');
  } catch {
    return null;
  }
})();

/** A character ICU may give where iconv-lite gives another (see above; U+FEFF: a byte order mark's). */
const MAY_DIFFER = /[\uFFFD\uFEFF\uFE10-\uFE19\u9FB4-\u9FBB]/;

/** The text of whole GB18030 codes (no code cut at either end), as iconv-lite's `decode` gives it. */
export function gb18030Text(bytes: Buffer): string {
  if (icu !== null) {
    const text = icu.decode(bytes);
    if (!MAY_DIFFER.test(text)) return text;
  }
  return iconv.decode(bytes, 'gb18030');
}

/** Bytes in `encoding` (an iconv-lite name) → text, as iconv-lite decodes them. */
export function decodeBytes(bytes: Buffer, encoding: string): string {
  return encoding === 'gb18030' ? gb18030Text(bytes) : iconv.decode(bytes, encoding);
}

/** Bytes kept back for a piece's end (no byte below 0x30 in them) before the rest goes to iconv-lite's own stream decoder. */
const HELD_MAX = 1 << 20;

/**
 * GB18030 bytes in pieces of any length → iconv-lite's text of all of them (`iconv.decode` of the whole): each
 * write decoded by gb18030Text up to its last byte below 0x30 (a delimiter, a line end), the rest held for the
 * next. (iconv-lite's own stream decoder gives another text where a piece ends inside bytes that are no code.)
 */
export class Gb18030Stream {
  private held: Buffer | null = null;
  private fallback: ReturnType<typeof iconv.getDecoder> | null = null;

  /** The text of the bytes up to the last piece end; `bytes` may be reused by the caller afterwards. */
  write(bytes: Buffer): string {
    if (this.fallback) return this.fallback.write(bytes);
    const all = this.held ? Buffer.concat([this.held, bytes]) : bytes;
    let end = all.length;
    while (end > 0 && all[end - 1] >= 0x30) end--;
    if (end === 0) {
      if (all.length <= HELD_MAX) {
        this.held = Buffer.from(all);
        return '';
      }
      // a megabyte without a delimiter or line end (one huge cell): iconv-lite's stream decoder from here
      this.held = null;
      this.fallback = iconv.getDecoder('gb18030');
      return this.fallback.write(all);
    }
    this.held = end < all.length ? Buffer.from(all.subarray(end)) : null;
    return gb18030Text(end === all.length ? all : all.subarray(0, end));
  }

  /** The text of the bytes held back (at the end of the input). */
  end(): string {
    if (this.fallback) return this.fallback.end() ?? '';
    const held = this.held;
    this.held = null;
    return held ? gb18030Text(held) : '';
  }
}
