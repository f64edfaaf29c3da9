/**
 * A worksheet's XML → rows of text, streamed: the sheet part is inflated and parsed chunk by chunk and the
 * rows of each chunk are handed on (as one batch) before the next is read, so memory does not grow with the
 * sheet.
 *
 * Rows and cells are placed by their `r` references (`<row r="7">`, `<c r="C7">`); a skipped cell is an
 * empty string, a row without cells is not yielded, and each row carries its 1-based sheet row number.
 * Merged ranges repeat their top-left value in every cell they cover, as exceljs presents them: their
 * `<mergeCells>` list follows the cell data, so a first pass over the part (inflate and a byte search, no
 * XML parsing) collects them.
 */
import type { SourceRow } from './adapter.js';
import { LIMITS, LimitError, oversizeReason } from './limits.js';
import type { Said } from '../report/said.js';
import { createXmlFeed, type XmlHandler } from './xml-feed.js';
import { isoDateText, numberText, serialDateText } from './xlsx-cell-text.js';
import type { ZipArchive, ZipEntry } from './zip-archive.js';

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Shared strings over LIMITS.cellChars (kept as ''): a cell showing one rejects its row. */
  longStrings?: ReadonlySet<number>;
  /** Whether the cell format (`s` attribute, an index into cellXfs) shows numbers as dates. */
  dateStyle: (styleIndex: number) => boolean;
  date1904: boolean;
}

/** A workbook whose parts contradict each other (a missing shared string, a bad reference). */
export class SheetError extends Error {}

const MAX_COLUMN = 16384;

/** `C7` → 3; `AB12` → 28; 0 when there are no column letters. */
function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}

function rowNumber(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(ref: string): MergeRange | null {
  const [a, b = a] = ref.split(':');
  const [c1, r1, c2, r2] = [columnNumber(a), rowNumber(a), columnNumber(b), rowNumber(b)];
  if (!c1 || !r1 || !c2 || !r2 || Math.max(c1, c2) > MAX_COLUMN) return null;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

const MERGE_CELL = Buffer.from('mergeCell');
const MERGE_TAG = /^<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"']+)["']/;
const CARRY = 256;

/** The merged ranges of a sheet part, found by a byte search for `<mergeCell ref="…"/>` tags. */
async function findMerges(archive: ZipArchive, entry: ZipEntry): Promise<MergeRange[]> {
  const ranges: MergeRange[] = [];
  let carry: Buffer | null = null;
  for await (const chunk of archive.read(entry, LIMITS.sheetBytes)) {
    const win: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    let keepFrom = -1;
    for (let i = win.indexOf(MERGE_CELL, from); i >= 0; i = win.indexOf(MERGE_CELL, from)) {
      const lt = win.lastIndexOf(0x3c, i);
      const gt = win.indexOf(0x3e, i);
      if (gt < 0) {
        keepFrom = lt >= from ? lt : i;
        break;
      }
      if (lt >= from) {
        const m = MERGE_TAG.exec(win.toString('latin1', lt, gt + 1));
        const range = m ? parseRange(m[1]) : null;
        if (range) ranges.push(range);
        if (ranges.length > LIMITS.mergedRanges) throw new LimitError(`${entry.name} has more than ${LIMITS.mergedRanges.toLocaleString('en-US')} merged ranges (the limit of one worksheet)`);
      }
      from = gt + 1;
    }
    carry = Buffer.from(win.subarray(keepFrom >= 0 ? keepFrom : Math.max(from, win.length - CARRY)));
  }
  return ranges.sort((x, y) => x.top - y.top || x.left - y.left);
}

/**
 * Fills merged ranges with their top-left value as rows go by (rows in ascending order). Only rows the sheet
 * has and columns up to the widest row seen so far are filled: a range such as `A2:XFD1048576` on a 3-row
 * sheet must not invent a million rows or sixteen thousand columns.
 */
class MergeFill {
  private next = 0;
  private active: { range: MergeRange; master: string }[] = [];
  /** The widest row seen so far, in cells. */
  private width = 0;

  constructor(private readonly ranges: MergeRange[]) {}

  private advance(row: number): void {
    while (this.next < this.ranges.length && this.ranges[this.next].top <= row) this.active.push({ range: this.ranges[this.next++], master: '' });
    if (this.active.some((a) => a.range.bottom < row)) this.active = this.active.filter((a) => a.range.bottom >= row);
    // ranges that do not overlap cover at most every column of a row once
    if (this.active.length > MAX_COLUMN) throw new SheetError(`more than ${MAX_COLUMN.toLocaleString('en-US')} merged ranges overlap on row ${row}`);
  }

  fill(row: number, cells: string[]): void {
    if (this.ranges.length === 0) return;
    this.width = Math.max(this.width, cells.length);
    this.advance(row);
    for (const a of this.active) if (a.range.top === row) a.master = cells[a.range.left - 1] ?? '';
    for (const { range, master } of this.active) {
      if (row < range.top) continue;
      const right = Math.min(range.right, this.width);
      while (cells.length < right) cells.push('');
      for (let c = range.left; c <= right; c++) if (row !== range.top || c !== range.left) cells[c - 1] = master;
    }
  }
}

const NONE = 0;
const VALUE = 1;
const INLINE = 2;

class SheetParser implements XmlHandler {
  /** Rows completed since the last drain. */
  rows: SourceRow[] = [];
  private inSheetData = false;
  private row = 0;
  private cells: string[] | null = null;
  /** Characters in `cells`, and why the row is too large to keep (then its cells are dropped). */
  private rowChars = 0;
  private oversize: string | Said | undefined;
  private col = 0;
  private inCell = false;
  private type = '';
  private style = 0;
  private value = '';
  private inline = '';
  private capture = NONE;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly merges: MergeFill,
  ) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'c': {
        if (this.cells === null) return;
        const col = a.r ? columnNumber(a.r) : 0;
        this.col = col > 0 && col <= MAX_COLUMN ? col : this.col + 1;
        if (this.col > LIMITS.rowCells) this.tooLarge(oversizeReason('cells'));
        this.type = a.t ?? 'n';
        this.style = a.s ? Number(a.s) : 0;
        this.value = '';
        this.inline = '';
        this.inCell = true;
        return;
      }
      case 'v':
        if (this.inCell) this.capture = VALUE;
        return;
      case 't':
        if (this.inInline && this.phonetic === 0) this.capture = INLINE;
        return;
      case 'is':
        if (this.inCell) this.inInline = true;
        return;
      case 'rPh':
        if (this.inInline) this.phonetic++;
        return;
      case 'row': {
        if (!this.inSheetData) return;
        const r = a.r ? Number(a.r) : NaN;
        this.row = Number.isInteger(r) && r > 0 ? r : this.row + 1;
        this.cells = [];
        this.col = 0;
        this.rowChars = 0;
        this.oversize = undefined;
        return;
      }
      case 'sheetData':
        this.inSheetData = true;
        return;
    }
  }

  text(text: string): void {
    if (this.capture === NONE) return;
    if (this.value.length + this.inline.length + text.length > LIMITS.cellChars) {
      // keep reading past the cell without its text
      this.tooLarge(oversizeReason('cell'));
      this.value = '';
      this.inline = '';
      return;
    }
    if (this.capture === VALUE) this.value += text;
    else this.inline += text;
  }

  private tooLarge(why: string | Said): void {
    this.oversize ??= why;
    if (this.cells !== null) this.cells.length = 0;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = NONE;
        return;
      case 'c': {
        if (!this.inCell || this.cells === null) return;
        this.inCell = false;
        this.inInline = false;
        this.phonetic = 0;
        if (this.oversize !== undefined) return;
        const text = this.cellText();
        if (text === '') return;
        this.rowChars += text.length;
        if (this.rowChars > LIMITS.rowChars) return this.tooLarge(oversizeReason('row'));
        const cells = this.cells;
        while (cells.length < this.col - 1) cells.push('');
        cells[this.col - 1] = text;
        return;
      }
      case 'rPh':
        if (this.phonetic > 0) this.phonetic--;
        return;
      case 'row':
        if (this.cells !== null) this.endRow(this.row, this.cells);
        this.cells = null;
        return;
      case 'sheetData':
        this.inSheetData = false;
        return;
    }
  }

  private endRow(row: number, cells: string[]): void {
    if (this.oversize !== undefined) {
      this.rows.push({ line: row, cells: [], oversize: this.oversize });
      return;
    }
    this.merges.fill(row, cells);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) this.rows.push({ line: row, cells });
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's': {
        if (v === '') return '';
        const s = this.ctx.sharedStrings[Number(v)];
        if (this.ctx.longStrings?.has(Number(v))) this.tooLarge(oversizeReason('cell'));
        if (s === undefined) throw new SheetError(`cell ${this.ref()} refers to shared string ${v}, which the workbook lacks`);
        return s;
      }
      case 'inlineStr':
        return unescapeText(this.inline !== '' ? this.inline : v);
      case 'str':
        return v;
      case 'b':
        return v === '' ? '' : v === '0' || v === 'false' ? 'FALSE' : 'TRUE';
      case 'e':
        return '';
      case 'd':
        return isoDateText(v);
      default: {
        if (v === '') return '';
        const n = parseFloat(v);
        return this.ctx.dateStyle(this.style) ? serialDateText(n, this.ctx.date1904) : numberText(n);
      }
    }
  }

  private ref(): string {
    let c = this.col;
    let letters = '';
    while (c > 0) {
      letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
      c = Math.floor((c - 1) / 26);
    }
    return `${letters}${this.row}`;
  }
}

/** `_x000D_` → CR: the escape SpreadsheetML uses for characters XML cannot carry (`_x005F_` is `_`). */
export function unescapeText(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Streams the rows of one worksheet part, in batches: the rows of each inflated chunk. */
export async function* streamSheetBatches(archive: ZipArchive, entry: ZipEntry, ctx: SheetContext): AsyncGenerator<SourceRow[]> {
  const parser = new SheetParser(ctx, new MergeFill(await findMerges(archive, entry)));
  const feed = createXmlFeed(parser);
  for await (const chunk of archive.read(entry, LIMITS.sheetBytes)) {
    feed.write(chunk);
    if (parser.rows.length > 0) {
      yield parser.rows;
      parser.rows = [];
    }
  }
  feed.end();
  if (parser.rows.length > 0) yield parser.rows;
}
