/**
 * A streaming CSV tokenizer: text chunks in, records out, each with the line it starts on. Written for the
 * import hot path (it replaces csv-parse there) and kept to the behaviour csv-parse has with
 * `relax_quotes` and `relax_column_count`:
 *
 * - RFC 4180 quoting: a cell that starts with `"` runs to the next lone `"`; `""` inside it is one `"`;
 *   delimiters and line breaks inside quotes belong to the cell.
 * - Relaxed quotes: a `"` inside an unquoted cell is an ordinary character; a quoted cell whose closing
 *   quote is followed by something other than a delimiter or a line break continues as an unquoted cell and
 *   keeps its quotes (`"ab"c` → `"ab"c`).
 * - Records may have any number of cells.
 * - `\n`, `\r\n` and a lone `\r` all end a record (also mixed in one file) and each counts as one line.
 *
 * State carries across chunks, so a record, a quoted cell or a `\r\n` may be split anywhere. The part of a cell
 * already scanned is kept as a list of pieces (never re-scanned, never one growing string that each chunk
 * would flatten again), so a long cell or an unbalanced quote costs linear time. A cell over
 * LIMITS.cellChars, a row over LIMITS.rowChars or LIMITS.rowCells is not kept: its record comes out with
 * `oversize` set and no cells, for the importer to reject.
 */

import { LIMITS, oversizeReason } from './limits.js';
import type { Said } from '../report/said.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
  /** Why the record was too large to keep (its cells are then dropped). */
  oversize?: string | Said;
}

/** Thrown by `end()` when the input ends inside a quoted cell. */
export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`a quoted cell that starts on line ${line} is never closed`);
  }
}

export class CsvTokenizer {
  private readonly delim: number;
  /** Unscanned text, from `pos` on; the cell being read begins with `piece` before it. */
  private buf = '';
  /** Scan position in `buf`. */
  private pos = 0;
  /** The scanned start of the cell being read (raw, with its quotes), from earlier chunks. */
  private piece: string[] = [];
  /** Characters in `piece` (counted on when the cell is too long to keep). */
  private pieceLength = 0;
  /** Cells completed in the current record. */
  private cells: string[] = [];
  /** Characters in `cells`. */
  private rowChars = 0;
  /** The current record is too large to keep: why. */
  private oversize: string | Said | undefined;
  /** The current cell started with a quote and the quote is still open. */
  private quoted = false;
  /** The current cell started with a quote (open or closed). */
  private startedQuoted = false;
  /** Offset of the quote that closed the current quoted cell from the cell's start, or -1. */
  private closedAt = -1;
  /** The open quoted cell contains `""`. */
  private escaped = false;
  /** Lines before `pos` (0-based line index of `pos`). */
  private lines = 0;
  /** 0-based line where the current record starts. */
  private recordLine = 0;
  private recordStarted = false;

  /** `linesBefore`: lines before the first text pushed (a tokenizer started in the middle of a file). */
  constructor(delimiter: string, linesBefore = 0) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delim = delimiter.charCodeAt(0);
    this.lines = linesBefore;
  }

  /** Feeds text; appends the records completed by it to `out`. */
  push(text: string, out: CsvRecord[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.scan(out, false);
  }

  /** End of input: appends the last record (if any) to `out`; throws UnclosedQuoteError inside a quote. */
  end(out: CsvRecord[]): void {
    this.buf = this.buf.slice(this.pos);
    this.pos = 0;
    this.scan(out, true);
    if (this.quoted) throw new UnclosedQuoteError(this.recordLine + 1);
    // the scan left the cell being read in `piece`
    if (this.recordStarted && (this.cells.length > 0 || this.startedQuoted || this.pieceLength > 0 || this.oversize !== undefined)) {
      this.finishCell(this.pos, this.pos);
      this.emit(out);
    }
    this.cells = [];
    this.buf = '';
    this.pos = 0;
    this.recordStarted = false;
  }

  private emit(out: CsvRecord[]): void {
    const line = this.recordLine + 1;
    if (this.oversize !== undefined) out.push({ line, cells: [], oversize: this.oversize });
    else out.push({ line, cells: this.cells });
    this.cells = [];
    this.rowChars = 0;
    this.oversize = undefined;
  }

  private scan(out: CsvRecord[], final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    const delim = this.delim;
    const delimText = String.fromCharCode(delim);
    let pos = this.pos;
    let start = pos; // start of the current cell's text in buf (after `piece`)
    let nextQuote = -1;
    let nextCr = -1;
    while (pos < n) {
      if (!this.recordStarted) {
        // Fast path: a whole line without quotes or lone CRs is split natively.
        const nl = buf.indexOf('\n', pos);
        if (nl >= 0) {
          if (nextQuote < pos) {
            nextQuote = buf.indexOf('"', pos);
            if (nextQuote < 0) nextQuote = n;
          }
          if (nextCr < pos) {
            nextCr = buf.indexOf('\r', pos);
            if (nextCr < 0) nextCr = n;
          }
          if (nextQuote > nl && (nextCr > nl || nextCr === nl - 1)) {
            const end = nextCr === nl - 1 ? nl - 1 : nl;
            const cells = end === pos ? [''] : buf.slice(pos, end).split(delimText);
            const why = end - pos > LIMITS.rowChars ? oversizeReason('row') : cells.length > LIMITS.rowCells ? oversizeReason('cells') : end - pos > LIMITS.cellChars && cells.some((c) => c.length > LIMITS.cellChars) ? oversizeReason('cell') : undefined;
            out.push(why === undefined ? { line: this.lines + 1, cells } : { line: this.lines + 1, cells: [], oversize: why });
            this.lines++;
            pos = nl + 1;
            start = pos;
            continue;
          }
        }
        this.recordStarted = true;
        this.recordLine = this.lines;
      }
      if (this.quoted) {
        // inside quotes: look for the next quote, counting line breaks on the way
        let q = buf.indexOf('"', pos);
        if (q < 0) q = n;
        let i = pos;
        for (; i < q; i++) {
          const c = buf.charCodeAt(i);
          if (c === LF) this.lines++;
          else if (c === CR) {
            if (i + 1 < n) {
              if (buf.charCodeAt(i + 1) !== LF) this.lines++;
            } else if (final) this.lines++;
            else break; // a `\r` at the end of the chunk may pair with a `\n` in the next one
          }
        }
        if (q === n || i < q) {
          pos = i;
          break;
        }
        if (q + 1 >= n && !final) {
          pos = q; // is it `""` or a closing quote? wait for the next chunk
          break;
        }
        const next = q + 1 < n ? buf.charCodeAt(q + 1) : -1;
        if (next === QUOTE) {
          this.escaped = true;
          pos = q + 2;
          continue;
        }
        this.quoted = false;
        this.closedAt = this.pieceLength + (q - start);
        pos = q + 1;
        continue;
      }
      const c = buf.charCodeAt(pos);
      if (c === delim) {
        this.finishCell(pos, start);
        pos++;
        start = pos;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === CR && pos + 1 >= n && !final) break; // `\r` at the end: maybe `\r\n`
        this.finishCell(pos, start);
        this.emit(out);
        this.recordStarted = false;
        pos += c === CR && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
        this.lines++;
        start = pos;
        continue;
      }
      if (c === QUOTE && pos === start && this.pieceLength === 0 && !this.startedQuoted) {
        this.quoted = true;
        this.startedQuoted = true;
        pos++;
        continue;
      }
      // an ordinary character: skip ahead to the next delimiter, line break or quote-less run
      pos++;
      while (pos < n) {
        const d = buf.charCodeAt(pos);
        if (d === delim || d === LF || d === CR) break;
        pos++;
      }
    }
    // the scanned start of the cell being read becomes a piece; only the unscanned rest stays in buf
    if (this.recordStarted && pos > start) {
      const length = pos - start;
      if (this.pieceLength + length > LIMITS.cellChars) this.piece = [];
      else this.piece.push(buf.slice(start, pos));
      this.pieceLength += length;
    }
    this.buf = buf;
    this.pos = pos;
  }

  /** Completes the cell whose text (after `piece`) runs from `start` to before `end` in buf. */
  private finishCell(end: number, start: number): void {
    const length = this.pieceLength + (end - start);
    if (this.oversize === undefined) {
      if (length > LIMITS.cellChars) this.oversize = oversizeReason('cell');
      else if (this.rowChars + length > LIMITS.rowChars) this.oversize = oversizeReason('row');
      else if (this.cells.length >= LIMITS.rowCells) this.oversize = oversizeReason('cells');
    }
    if (this.oversize === undefined) {
      const text = this.buf.slice(start, end);
      const raw = this.piece.length === 0 ? text : this.piece.join('') + text;
      let value: string;
      if (!this.startedQuoted) value = raw;
      else {
        const close = this.closedAt;
        const inner = raw.slice(1, close);
        const unescaped = this.escaped ? inner.replaceAll('""', '"') : inner;
        // a closing quote followed by more text: the cell goes on unquoted and keeps its quotes
        value = close + 1 === raw.length ? unescaped : '"' + unescaped + raw.slice(close);
      }
      this.cells.push(value);
      this.rowChars += value.length;
    }
    this.piece = [];
    this.pieceLength = 0;
    this.startedQuoted = false;
    this.closedAt = -1;
    this.escaped = false;
  }
}
