/**
 * Text from a file, made safe to print on a terminal and short enough for a one-line message. Any layer may
 * use it (like errors.ts): the importer quotes cells in its reasons, the CLI escapes every line it prints.
 */

/**
 * C0 and C1 control characters, DEL, bidirectional overrides and isolates, and line/paragraph separators:
 * what can move the cursor, recolour the terminal, reorder the text around it or break a line.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b[31m` → `\\x1b[31m`, U+202E → `\\u202e`: control characters shown, never obeyed. */
export function escapeControls(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** At most `max` characters of `text` (then `…` and how long it was), control characters escaped. */
export function excerpt(text: string, max = 40): string {
  const short = text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text;
  return escapeControls(short);
}

/** Longest message line printed (characters); the rest is cut with a count. */
export const MAX_MESSAGE = 2000;

const QUOTED = /(^|[\s(=:,])'([^']{61,})'(?=$|[\s),;:.])/g;

/**
 * One printable message line: quoted values (`'…'`) over 60 characters cut to an excerpt, control
 * characters escaped, the whole at most MAX_MESSAGE characters.
 */
export function messageLine(text: string): string {
  // a quoted value opens after a space or punctuation and closes before one (an apostrophe in `don't` does not)
  let s = text.length > 60 ? text.replace(QUOTED, (_m, before: string, inner: string) => `${before}'${inner.slice(0, 40)}… (${inner.length.toLocaleString('en-US')} characters)'`) : text;
  if (s.length > MAX_MESSAGE) s = `${s.slice(0, MAX_MESSAGE)}… (${s.length.toLocaleString('en-US')} characters in all)`;
  return escapeControls(s);
}
