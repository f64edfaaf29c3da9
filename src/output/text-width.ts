/**
 * Terminal columns a text takes (CJK characters two), and a text cut to a width: for the table (table.ts, which
 * re-exports them) and for notes and help wrapped to a terminal (cli/wrap-text.ts), which need no table.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** Terminal columns a text takes: wide and fullwidth characters 2, combining marks 0, everything else 1. */
export function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x300) {
      w++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += charWidth(cp);
  }
  return w;
}

/** Terminal columns one code point takes. */
export function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  return eastAsianWidth(cp);
}

/** The text cut to at most `width` terminal columns, ending in `…` where it was cut. */
export function cutText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return '';
  let w = 0;
  let end = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    w += cw;
    end += ch.length;
  }
  return `${text.slice(0, end)}…`;
}
