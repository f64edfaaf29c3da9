/**
 * Wrapping a line of text (a note on stderr, a line of help) to a terminal's width, for English and Chinese alike:
 * English breaks at spaces; Chinese, which has none, may break between any two characters, with the rules of
 * Chinese typesetting — no opening bracket or quote (（「“《) at the end of a line, no closing punctuation (，。）」”)
 * at the start of one. One place for both (notes in options.ts, help in help-lang.ts).
 */
import { cutText, textWidth } from '../output/text-width.js';

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** Never first on a line. */
const NO_LINE_START = /[，。；：、）」』】》〉！？”’,.;:!?)\]…]/;
/** Never last on a line. */
const NO_LINE_END = /[（「『【《〈“‘([]/;

/** A piece the line may break before, and the spaces before it in the line (kept unless the line breaks there). */
interface Piece {
  space: string;
  text: string;
}

/** The pieces a line may break between: at spaces, and between characters where one of them is wide. */
function pieces(line: string): Piece[] {
  const out: Piece[] = [];
  for (const m of line.matchAll(/(\s*)(\S+)/g)) {
    const word = m[2];
    let start = 0;
    for (let i = 1; i < word.length; i++) {
      if ((WIDE.test(word[i]) || WIDE.test(word[i - 1])) && !NO_LINE_START.test(word[i]) && !NO_LINE_END.test(word[i - 1])) {
        out.push({ space: start === 0 ? m[1] : '', text: word.slice(start, i) });
        start = i;
      }
    }
    out.push({ space: start === 0 ? m[1] : '', text: word.slice(start) });
  }
  // a space is no place to break either when an opening bracket is before it or closing punctuation after it
  for (let i = out.length - 1; i > 0; i--) {
    const before = out[i - 1].text;
    if (out[i].space !== '' && (NO_LINE_END.test(before[before.length - 1]) || NO_LINE_START.test(out[i].text[0]))) {
      out[i - 1] = { space: out[i - 1].space, text: before + out[i].space + out[i].text };
      out.splice(i, 1);
    }
  }
  return out;
}

/** A flag (`--out`, `(--format`): the word after it, one space on, is its value (`FILE`, `csv`). */
const FLAG = /^[([]?--[a-z][a-z-]*$/;

/**
 * The pieces with each flag joined to its value, so that no line ends in `--out` with `FILE` on the next, where
 * the two fit a line together (`room` columns).
 */
function withFlagValues(list: Piece[], room: number): Piece[] {
  const out = [...list];
  for (let i = out.length - 2; i >= 0; i--) {
    const [flag, value] = [out[i], out[i + 1]];
    if (!FLAG.test(flag.text) || value.space !== ' ' || value.text.startsWith('-')) continue;
    const text = `${flag.text} ${value.text}`;
    if (textWidth(text) <= room) out.splice(i, 2, { space: flag.space, text });
  }
  return out;
}

/**
 * `line` in lines of at most `width` terminal columns (a piece wider than a line is cut); the lines after the
 * first start with `indent`. The first line keeps the line's own leading spaces.
 */
export function wrapText(line: string, width: number, indent = '  '): string[] {
  if (textWidth(line) <= width) return [line];
  const out: string[] = [];
  let cur = '';
  let fresh = true; // nothing of the text taken yet
  for (const { space, text } of withFlagValues(pieces(line), width - textWidth(indent))) {
    if (textWidth(cur + space + text) <= width) {
      cur += space + text;
      fresh = false;
      continue;
    }
    // a new line: after the indent, without the spaces that were the break (the first line keeps its own)
    if (!fresh) out.push(cur);
    cur = fresh ? space : indent;
    let rest = text;
    while (textWidth(cur + rest) > width) {
      let head = cutText(rest, width - textWidth(cur) + 1).slice(0, -1); // the part that fits, without the …
      // even inside a piece: no opening bracket last, no closing punctuation first (when a shorter head is left)
      while (head.length > 1 && (NO_LINE_END.test(head.trimEnd().slice(-1)) || NO_LINE_START.test(rest.slice(head.length).trimStart().charAt(0)))) head = head.slice(0, -1);
      if (head === '') break;
      out.push(cur + head);
      cur = indent;
      rest = rest.slice(head.length);
    }
    cur += rest;
    fresh = false;
  }
  if (!fresh) out.push(cur);
  return out;
}
