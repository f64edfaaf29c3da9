/**
 * GB18030 bytes → text exactly as iconv-lite decodes them, in about half the time: ICU's decoder (TextDecoder's
 * WHATWG gb18030) first, iconv-lite where the two could differ. They differ only on (a) 18 two-byte codes that
 * GB18030-2005 maps into the Private Use Area (iconv-lite) and later editions to U+FE10–FE19 and U+9FB4–9FBB
 * (ICU), (b) four-byte codes past the standard's ranges, which iconv-lite maps on and ICU replaces by U+FFFD,
 * and (c) bytes that are no code at all, which ICU replaces by U+FFFD. So a text from ICU with none of those
 * characters is iconv-lite's text (gb18030-text.test.ts checks every one-, two- and four-byte code); anything
 * else is decoded again by iconv-lite. iconv-lite stays the reference: stored texts do not change.
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
