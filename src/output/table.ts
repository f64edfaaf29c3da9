/**
 * The terminal table: as wide as the terminal, in time linear in the rows.
 *
 * Every cell is formatted once and measured once (display width: CJK characters take two columns). When the
 * table is wider than the terminal it takes, in this order, the first that fits: the columns' short headers
 * (`rev%` for share_revenue); leaving out the report's least important columns (`Report.drop`), as few as
 * make the rest fit with labels cut no shorter than a readable length, and one line naming them; columns of long
 * text (`wrap`: sentences, paths) wrapped onto more lines of their row, the one whose narrowing adds fewest lines
 * first; other text columns cut with `…` to no shorter than a readable label (widest first; numbers and days
 * are never cut, a cut number would lie; a header is never cut, `model…` reads wrong); a report with a `list`
 * form (a matrix as the list of its cells) shows that form; a report that may be turned (`turn`: few rows, many
 * columns) shows one line per column and one column per row; a cohort matrix shows every cohort, its labels
 * whole, and the first periods that fit; any other report leaves out more columns, from the last, keeping at
 * least its first and one more, and names them in one line; a report that still does not fit is printed one
 * field per line (like psql's `\x`), its names whole (short ones where the full ones leave its values no room).
 * With a screen height the table shows the rows that fit and one line saying how many more there are; the
 * lines below a table wrap rather than cut (the way to see what is left out is at their end).
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Column, Report, Row } from './report.js';
import { charWidth, cutText, textWidth } from './text-width.js';

export { cutText, textWidth };

export interface TableOptions {
  color: boolean;
  lang?: 'en' | 'zh';
  /** Terminal columns; undefined = as wide as the data (a table written to a file or a pipe). */
  width?: number;
  /** Terminal rows: show the rows that fit the screen (undefined = every row). */
  height?: number;
  /** Rows already left out before rendering (--limit): said in the last line. */
  moreRows?: number;
  /** Turns a cell into its text (the renderer's display formatting). */
  display(col: Column, value: Row[string], row: Row): string;
  /** The table's own lines in the reader's language (from the message catalogue: report/table-lines.ts). */
  lines: TableLines;
}

/** The lines a table adds below its rows. */
export interface TableLines {
  /** `n` rows not shown. */
  more(n: number): string;
  /**
   * Columns left out to fit the terminal: the first of their headers, and how many more there are; no names
   * (`[]`, `more` all of them) when not even one name fits the line.
   */
  dropped(names: readonly string[], more: number): string;
}

/** Lines a horizontal table needs besides its rows: three borders, the header, the "more rows" line, a prompt. */
const FRAME_LINES = 6;
/** A name in the record view is never cut below this many terminal columns. */
const MIN_TEXT = 6;
/** A text column (a label) is cut no shorter than this (or its own width, when narrower); a header never. */
const READABLE_TEXT = 14;
/** A wrapped column is never narrower than this (or its own width); while columns may be left out, than WRAP_READABLE. */
const WRAP_MIN = 8;
const WRAP_READABLE = 20;
/** Above this many rows a table narrows its wrapped columns widest first (choosing by lines added costs rows × steps). */
const WRAP_CHOOSE_ROWS = 2000;
const HEAT = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c'];

/** Closing punctuation never starts a line; opening punctuation never ends one. */
const NO_START = /[)\]}>,.;:!?%，。、；：）」』》！？％”’]/u;
const NO_END = /[([{<（「『《“‘]/u;

/**
 * The pieces a text may break between: after spaces (kept at the piece's end), `/` and `_` (a path, a snake_case
 * code such as `margin_per_retained_customer`), and before and after wide (Chinese) characters, punctuation kept
 * with what it closes or opens; a flag stays with the word after it (`--format csv`, `--limit 0`).
 */
function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of text) {
    const wide = charWidth(ch.codePointAt(0)!) === 2;
    if (NO_START.test(ch)) {
      if (cur === '' && pieces.length > 0) cur = pieces.pop()!;
    } else if (wide && cur !== '' && !NO_END.test(cur.slice(-1))) {
      pieces.push(cur);
      cur = '';
    }
    cur += ch;
    if ((ch === ' ' || ch === '/' || ch === '_' || wide) && !NO_END.test(ch)) {
      pieces.push(cur);
      cur = '';
    }
  }
  if (cur !== '') pieces.push(cur);
  // `--format` at a line's end and `csv` at the next one's start would be read as two things
  for (let i = pieces.length - 2; i >= 0; i--) if (FLAG.test(pieces[i]) && !/^--/.test(pieces[i + 1])) pieces.splice(i, 2, pieces[i] + pieces[i + 1]);
  return pieces;
}

/** A word cut after each hyphen between two letters (`log-likelihood`: `log-`, `likelihood`); `-9.5`, `--tz`, `2024-01-02` stay whole. */
function hyphenParts(word: string): string[] {
  return word.split(/(?<=\p{L}-)(?=\p{L})/u);
}

/** A flag with one space after it (`--format `, `(--limit `): the word after it is its value. */
const FLAG = /^[([]?--[a-z][a-z-]* $/;

/** The widest piece of the text a line can hold whole: narrower than it, a wrapped cell breaks inside a word. */
function widestWord(text: string): number {
  let most = 0;
  for (const piece of breakPieces(text)) most = Math.max(most, textWidth(piece.trim()));
  return most;
}

/**
 * The text in lines of at most `width` terminal columns: broken between the pieces of `breakPieces` (at spaces,
 * dropped at the break; after `/` and `_`; beside wide characters), a piece wider than the width broken where it
 * must be (a flag and its value first apart).
 */
export function wrapText(text: string, width: number): string[] {
  if (textWidth(text) <= width) return [text];
  const w = Math.max(1, width);
  // a flag and its value wider together than the line: apart again
  const pieces = breakPieces(text).flatMap((piece) => (textWidth(piece.trim()) > w && /^[([]?--/.test(piece) && piece.includes(' ') ? [piece.slice(0, piece.indexOf(' ') + 1), piece.slice(piece.indexOf(' ') + 1)] : [piece]));
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const flush = () => {
    const t = line.trimEnd();
    if (t !== '') lines.push(t);
    line = '';
    lineWidth = 0;
  };
  for (const whole of pieces) {
    // a line never starts with the space a break was made at
    const piece = lineWidth === 0 ? whole.trimStart() : whole;
    const pieceWidth = textWidth(piece);
    if (lineWidth + textWidth(piece.trimEnd()) <= w) {
      line += piece;
      lineWidth += pieceWidth;
      continue;
    }
    flush();
    const rest = piece.trimStart();
    if (textWidth(rest.trimEnd()) <= w) {
      line = rest;
      lineWidth = textWidth(rest);
      continue;
    }
    // wider than the line: after the hyphens of a compound word first (`log-` `likelihood`), else where it must
    for (const part of hyphenParts(rest)) {
      if (lineWidth + textWidth(part.trimEnd()) <= w) {
        line += part;
        lineWidth += textWidth(part);
        continue;
      }
      if (textWidth(part.trimEnd()) <= w) {
        flush();
        line = part;
        lineWidth = textWidth(part);
        continue;
      }
      for (const ch of part) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (lineWidth + cw > w && ch !== ' ') flush();
        line += ch;
        lineWidth += cw;
      }
    }
  }
  flush();
  return lines.length > 0 ? lines : [''];
}

/** Line breaks, tabs and other control characters would break the grid: one space each. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ') : text;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = width - textWidth(text);
  if (fill <= 0) return text;
  return right ? ' '.repeat(fill) + text : text + ' '.repeat(fill);
}

const numeric = (col: Column) => col.kind !== 'text' && col.kind !== 'day';

interface Grid {
  columns: Column[];
  heads: string[];
  cells: string[][];
  /** Widest cell per column, and the header's width. */
  cellWidth: number[];
  headWidth: number[];
}

/** The header a column shows: full, or (`short`) its short form where it has one. */
function head(c: Column, lang: TableOptions['lang'], short: boolean): string {
  const full = lang === 'zh' && c.zh ? c.zh : c.key;
  if (!short) return full;
  return (lang === 'zh' ? c.zhShort : c.short) ?? full;
}

function grid(columns: Column[], rows: readonly Row[], opts: TableOptions): Grid {
  const heads = columns.map((c) => oneLine(head(c, opts.lang, false)));
  const fields = columns.map((c) => c.field ?? c.key);
  const cellWidth = columns.map(() => 0);
  const cells = rows.map((row) =>
    columns.map((c, j) => {
      const text = oneLine(opts.display(c, row[fields[j]], row));
      const w = textWidth(text);
      if (w > cellWidth[j]) cellWidth[j] = w;
      return text;
    }),
  );
  return { columns, heads, cells, cellWidth, headWidth: heads.map(textWidth) };
}

/**
 * The report turned: one row per column after the first (its header, then its cells in every row) and one
 * column per row, headed by the row's first cell; every cell shown as its own column shows it.
 */
function turned(report: Report, head0: string, opts: TableOptions): Grid {
  const [first, ...rest] = report.columns;
  const name = (c: Column, row: Row) => oneLine(opts.display(c, row[c.field ?? c.key], row));
  const values: Column = { key: '', kind: 'number' };
  const columns: Column[] = [{ key: '', kind: 'text' }, ...report.rows.map(() => values)];
  const heads = [head0, ...report.rows.map((row) => name(first, row))].map(oneLine);
  const cells = rest.map((c) => [oneLine(head(c, opts.lang, false)), ...report.rows.map((row) => name(c, row))]);
  const cellWidth = columns.map((_, j) => Math.max(0, ...cells.map((r) => textWidth(r[j]))));
  return { columns, heads, cells, cellWidth, headWidth: heads.map(textWidth) };
}

/** The grid with short headers where its columns have them (cells as they are). */
function shortHeads(g: Grid, lang: TableOptions['lang']): Grid {
  const heads = g.columns.map((c) => oneLine(head(c, lang, true)));
  return { ...g, heads, headWidth: heads.map(textWidth) };
}

/** The grid without the columns at `gone` (cells as they are, no formatting again). */
function without(g: Grid, gone: ReadonlySet<number>): Grid {
  const keep = (_: unknown, j: number) => !gone.has(j);
  return {
    columns: g.columns.filter(keep),
    heads: g.heads.filter(keep),
    cells: g.cells.map((row) => row.filter(keep)),
    cellWidth: g.cellWidth.filter(keep),
    headWidth: g.headWidth.filter(keep),
  };
}

const tableWidth = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;

/**
 * How far `fitWidths` may narrow columns, every header whole: `whole` text no shorter than READABLE_TEXT and
 * wrapped columns to WRAP_MIN (wrapping loses nothing); `readable` as `whole`, wrapped columns no narrower than
 * WRAP_READABLE (a report that may still leave out a column rather cuts nothing a reader needs).
 */
type Fit = 'whole' | 'readable';

/** Column widths that fit `limit`, narrowing columns widest first as `fit` allows; null when even the narrowest do not fit. A `whole` column is never cut. */
function fitWidths(g: Grid, limit: number | undefined, fit: Fit = 'whole'): number[] | null {
  const widths = g.columns.map((_, j) => Math.max(g.cellWidth[j], g.headWidth[j], 1));
  if (limit === undefined) return widths;
  const min = g.columns.map((c, j) =>
    numeric(c) || c.kind === 'day'
      ? Math.max(g.cellWidth[j], g.headWidth[j], 1)
      : c.whole ? widths[j]
      : c.wrap ? Math.min(widths[j], Math.max(fit === 'readable' ? WRAP_READABLE : WRAP_MIN, g.headWidth[j]))
      : Math.min(widths[j], Math.max(READABLE_TEXT, g.headWidth[j])),
  );
  let excess = tableWidth(widths) - limit;
  // wrapped columns first (wrapping loses nothing, a cut does)
  const wrapped = g.columns.map((c, j) => (c.wrap ? j : -1)).filter((j) => j >= 0);
  const cost = wrapped.length > 0 && g.cells.length <= WRAP_CHOOSE_ROWS ? wrapCost(g, wrapped) : undefined;
  while (excess > 0) {
    let pick = -1;
    if (cost) {
      // the narrowing that breaks fewest words, then adds fewest lines, then the wider column
      let best = [Infinity, Infinity];
      for (const j of wrapped) {
        if (widths[j] <= min[j]) continue;
        widths[j]--;
        const n = cost(widths);
        widths[j]++;
        if (n[0] < best[0] || (n[0] === best[0] && (n[1] < best[1] || (n[1] === best[1] && widths[j] > widths[pick])))) [best, pick] = [n, j];
      }
    } else for (const j of wrapped) if (widths[j] > min[j] && (pick < 0 || widths[j] > widths[pick])) pick = j;
    if (pick < 0) for (let j = 0; j < widths.length; j++) if (!g.columns[j].wrap && widths[j] > min[j] && (pick < 0 || widths[j] > widths[pick])) pick = j;
    if (pick < 0) return null;
    widths[pick]--;
    excess--;
  }
  return widths;
}

/**
 * What wrapping costs at these widths: the cells broken inside a word (a wrapped cell whose widest piece is wider
 * than its column: `customer` / `s`, `¥409,911.` / `95`), and the lines the rows take, about (a wrapped cell of
 * width w in a column of width c: ⌈w / c⌉).
 */
function wrapCost(g: Grid, wrapped: number[]): (widths: number[]) => [number, number] {
  const cellWidths = wrapped.map((j) => g.cells.map((row) => textWidth(row[j])));
  const words = wrapped.map((j) => g.cells.map((row) => widestWord(row[j])));
  return (widths) => {
    let broken = 0;
    let total = 0;
    for (let i = 0; i < g.cells.length; i++) {
      let most = 1;
      for (let k = 0; k < wrapped.length; k++) {
        const w = widths[wrapped[k]];
        most = Math.max(most, Math.ceil(cellWidths[k][i] / w));
        if (words[k][i] > w) broken++;
      }
      total += most;
    }
    return [broken, total];
  };
}

export function renderTable(report: Report, opts: TableOptions): string {
  const c: ChalkInstance = opts.color ? new Chalk({ level: Math.max(chalk.level, 1) as 1 | 2 | 3 }) : new Chalk({ level: 0 });
  const lines = opts.lines;
  let rows = report.rows;
  let more = opts.moreRows ?? 0;
  let trimmed = '';
  const fitRows = (perRow: number, frame: number) => {
    if (opts.height === undefined) return;
    const fit = Math.max(1, Math.floor((opts.height - frame) / perRow));
    if (rows.length > fit) {
      more += rows.length - fit;
      rows = rows.slice(0, fit);
    }
  };
  fitRows(1, FRAME_LINES);
  let columns = report.columns;
  let g = grid(columns, rows, opts);
  let widths: number[] | null;
  let dropped: string[] = [];
  if (opts.width === undefined || tableWidth(fitWidths(g, undefined)!) <= opts.width) widths = fitWidths(g, undefined);
  else if (report.matrix) {
    // a matrix: every row, labels whole (a cut cohort label would name another cohort), the first periods that fit
    const m = firstPeriods(report, shortHeads(g, opts.lang), opts.width, opts.lang);
    widths = null;
    if (m) {
      ({ columns, trimmed } = m);
      g = shortHeads(grid(columns, rows, opts), opts.lang);
      widths = fitWidths(g, opts.width);
    }
  } else {
    const short = shortHeads(g, opts.lang);
    let narrow = narrowTable(report, short, opts.width, opts.lang);
    // a matrix with a list form: its cells one per row
    if (narrow.widths === null && report.list) return renderTable(report.list.report, opts) + cutText(report.list.line, opts.width) + '\n';
    if (narrow.widths === null && report.turn) {
      const t = turned(report, report.turn.head, opts);
      const tw = fitWidths(t, opts.width);
      if (tw) return [...horizontal(t, tw, t.cells.map(() => ({})), c, opts.color), cutText(report.turn.line, opts.width)].join('\n') + '\n';
    }
    // fewer columns, every header whole, and a line naming the rest; else one field per line
    if (narrow.widths === null) narrow = fewerColumns(report, short, opts.width, opts.lang) ?? narrow;
    ({ g, widths, dropped } = narrow);
  }
  let body: string[];
  if (widths === null) {
    // One field per line: the rows that fit as records of columns + 1 lines each.
    rows = report.rows;
    more = opts.moreRows ?? 0;
    fitRows(report.columns.length + 1, 3);
    g = grid(report.columns, rows, opts);
    body = vertical(g, shortHeads(g, opts.lang).heads, opts.width!, c, opts.color);
  } else {
    if (dropped.length > 0) {
      // the line naming the columns left out takes a row's place
      fitRows(1, FRAME_LINES + 1);
      g = { ...g, cells: g.cells.slice(0, rows.length) };
    }
    body = horizontal(g, widths, rows, c, opts.color);
  }
  // the lines below the table, wrapped rather than cut (the way to see what is left out is at their end)
  const wrap = (line: string) => (opts.width === undefined ? [line] : wrapText(line, opts.width));
  const tail = (more: number) => {
    const out: string[] = [];
    if (trimmed) out.push(...wrap(trimmed));
    if (dropped.length > 0) {
      // as many of their names as fit the line, and how many more
      let n = dropped.length;
      let line = lines.dropped(dropped, 0);
      while (n > 1 && opts.width !== undefined && textWidth(line) > opts.width) {
        n--;
        line = lines.dropped(dropped.slice(0, n), dropped.length - n);
      }
      // not even one name fits: how many, on one line where that fits
      if (opts.width !== undefined && textWidth(line) > opts.width && dropped.length > 1) {
        const count = lines.dropped([], dropped.length);
        if (textWidth(count) < textWidth(line)) line = count;
      }
      out.push(...wrap(line));
    }
    if (more > 0) out.push(...wrap(lines.more(more)));
    return out;
  };
  let end = tail(more);
  // a narrow screen: lines wrapped below the table take the place of rows (one line is the prompt's)
  if (widths !== null && opts.height !== undefined) {
    let over = body.length + end.length - (opts.height - 1);
    while (over > 0 && g.cells.length > 1) {
      const keep = Math.max(1, g.cells.length - over);
      more += g.cells.length - keep;
      rows = rows.slice(0, keep);
      g = { ...g, cells: g.cells.slice(0, keep) };
      body = horizontal(g, widths, rows, c, opts.color);
      end = tail(more);
      over = body.length + end.length - (opts.height - 1);
    }
  }
  return [...body, ...end].join('\n') + '\n';
}

/**
 * A table still too wide once the report's own `drop` columns are left out (and it has no list or turned form):
 * more columns left out, those of lowest `keep` first, from the last among equals, until the rest fits with
 * every header whole (short where a column has a short form) and text cut no shorter than a readable label; at
 * least the first column and one more. The columns left out are named, in column order. Null when not even two
 * columns fit (one field per line follows).
 */
function fewerColumns(report: Report, g: Grid, width: number, lang: TableOptions['lang']): { g: Grid; widths: number[]; dropped: string[] } | null {
  const declared = new Set(
    (report.drop ?? []).flatMap((keys) => (typeof keys === 'string' ? [keys] : keys)).map((key) => g.columns.findIndex((col) => col.key === key)).filter((j) => j >= 0),
  );
  const kept = g.columns.map((_, j) => j).filter((j) => !declared.has(j));
  // the order they go in: the first column never; then lowest keep first, the last of equals first
  const order = kept.slice(1).sort((a, b) => (g.columns[a].keep ?? 0) - (g.columns[b].keep ?? 0) || b - a);
  const gone = new Set(declared);
  for (const j of order.slice(0, -1)) {
    gone.add(j);
    const left = without(g, gone);
    const widths = fitWidths(left, width);
    if (widths) return { g: left, widths, dropped: [...gone].sort((a, b) => a - b).map((k) => head(g.columns[k], lang, false)) };
  }
  return null;
}

/**
 * A table wider than the terminal, with short headers: whole; else leaving out the report's `drop` columns one
 * by one (least important first) until the rest fits with readable cuts; else, with all of them left out,
 * wrapped columns as narrow as they go. Every header stays whole. `widths` null: nothing fits (a list, turned
 * or fewer columns follow, else the record view). `dropped`: the full headers of the columns left out.
 */
function narrowTable(report: Report, g: Grid, width: number, lang: TableOptions['lang']): { g: Grid; widths: number[] | null; dropped: string[] } {
  const whole = fitWidths(g, undefined)!;
  if (tableWidth(whole) <= width) return { g, widths: whole, dropped: [] };
  const steps = (report.drop ?? [])
    .map((keys) => (typeof keys === 'string' ? [keys] : keys).map((key) => g.columns.findIndex((col) => col.key === key)).filter((j) => j >= 0))
    .filter((step) => step.length > 0);
  const gone: number[] = [];
  const named = () => [...gone].sort((a, b) => a - b).map((j) => head(g.columns[j], lang, false));
  let left = g;
  for (let n = 0; n <= steps.length; n++) {
    if (n > 0) gone.push(...steps[n - 1]);
    left = n === 0 ? g : without(g, new Set(gone));
    const widths = fitWidths(left, width, 'readable');
    if (widths) return { g: left, widths, dropped: named() };
  }
  // all of them left out: wrapped columns as narrow as they go (every header still whole)
  const widths = fitWidths(left, width);
  return widths ? { g: left, widths, dropped: named() } : { g, widths: null, dropped: [] };
}

function horizontal(g: Grid, widths: number[], rows: readonly Row[], c: ChalkInstance, color: boolean): string[] {
  const border = (s: string) => (color ? c.grey(s) : s);
  const rule = (l: string, m: string, r: string) => border(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const bar = border('│');
  const right = g.columns.map(numeric);
  const line = (texts: string[], style?: (text: string, j: number) => string) =>
    bar + texts.map((t, j) => {
      const cell = ` ${pad(cutText(t, widths[j]), widths[j], right[j])} `;
      return style ? style(cell, j) : cell;
    }).join(bar) + bar;
  // a row of wrapped cells takes as many lines as its longest cell; the other cells' further lines are blank
  const rowLines = (texts: string[], style?: (text: string, j: number) => string) => {
    const parts = texts.map((t, j) => (g.columns[j].wrap ? wrapText(t, widths[j]) : [t]));
    const n = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: n }, (_, k) => line(parts.map((p) => p[k] ?? ''), style));
  };
  const heat = heatScales(g.columns, rows, color);
  const fields = g.columns.map((col) => col.field ?? col.key);
  const out = [rule('┌', '┬', '┐'), line(g.heads, (cell) => c.bold(cell)), rule('├', '┼', '┤')];
  for (let i = 0; i < g.cells.length; i++) {
    const row = rows[i];
    out.push(
      ...rowLines(g.cells[i], (cell, j) => {
        const range = heat[j];
        const v = row[fields[j]];
        if (!range || typeof v !== 'number' || !Number.isFinite(v)) return cell;
        const level = Math.min(HEAT.length - 1, Math.floor(((v - range[0]) / (range[1] - range[0])) * HEAT.length));
        return c.bgHex(HEAT[level]).hex(level >= 4 ? '#ffffff' : '#000000')(cell);
      }),
    );
  }
  out.push(rule('└', '┴', '┘'));
  return out;
}

/** One value range per heat scale: a column's own, or shared by every column naming the same scale. */
function heatScales(columns: Column[], rows: readonly Row[], color: boolean): ([number, number] | undefined)[] {
  if (!color) return columns.map(() => undefined);
  const scaleOf = (col: Column) => (typeof col.heat === 'string' ? `scale:${col.heat}` : `column:${col.key}`);
  const scales = new Map<string, [number, number]>();
  for (const col of columns.filter((x) => x.heat)) {
    let [lo, hi] = scales.get(scaleOf(col)) ?? [Infinity, -Infinity];
    for (const row of rows) {
      const v = row[col.field ?? col.key];
      if (typeof v === 'number' && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    scales.set(scaleOf(col), [lo, hi]);
  }
  return columns.map((col) => {
    const r = col.heat ? scales.get(scaleOf(col)) : undefined;
    return r && r[1] > r[0] ? r : undefined;
  });
}

/**
 * One field per line, a rule with the record number between records (psql's `\x`); values cut to the width,
 * except whole ones. The names are the full headers when they leave the values room (the widest value, or half
 * the width), else each column's short header (`shortHeads`); cut only when even those do not.
 */
function vertical(g: Grid, shortHeads: string[], width: number, c: ChalkInstance, color: boolean): string[] {
  const room = Math.min(Math.max(1, ...g.cellWidth), Math.floor(width / 2));
  const fullWidth = Math.max(...g.headWidth);
  const heads = fullWidth + 3 + room <= width ? g.heads : g.heads.map((h, j) => (textWidth(h) + 3 + room <= width ? h : shortHeads[j]));
  const keyWidth = Math.min(Math.max(...heads.map(textWidth)), Math.max(MIN_TEXT, width - 3 - room));
  const valueWidth = Math.max(1, width - keyWidth - 3);
  const valueMax = Math.max(1, ...g.cellWidth.map((w) => Math.min(w, valueWidth)));
  const ruleWidth = Math.min(width, keyWidth + 3 + valueMax);
  const out: string[] = [];
  const border = (s: string) => (color ? c.grey(s) : s);
  g.cells.forEach((cells, i) => {
    const title = `─[ ${i + 1} ]`;
    out.push(border(cutText(title + '─'.repeat(Math.max(0, ruleWidth - textWidth(title))), width)));
    // a whole value (a customer key) stays whole, past the edge if it must: the terminal wraps it, a cut key would be copied wrong
    cells.forEach((text, j) => {
      const key = c.bold(pad(cutText(heads[j], keyWidth), keyWidth, false));
      if (!g.columns[j].wrap) {
        out.push(`${key} ${border('│')} ${g.columns[j].whole ? text : cutText(text, valueWidth)}`);
        return;
      }
      wrapText(text, valueWidth).forEach((part, k) => out.push(`${k === 0 ? key : ' '.repeat(keyWidth)} ${border('│')} ${part}`));
    });
  });
  return out;
}

/**
 * A matrix too wide for the terminal: its fixed columns (labels) whole and the first periods that fit, with the
 * line naming the periods left out ('' when only empty columns are); null when not even the first period fits.
 * A period column past the last one with a value in any row holds nothing and is left out unsaid.
 */
function firstPeriods(report: Report, g: Grid, width: number, lang: TableOptions['lang']): { columns: Column[]; trimmed: string } | null {
  const m = report.matrix!;
  const whole = (j: number) => Math.max(g.cellWidth[j], g.headWidth[j], 1);
  let used = tableWidth(g.columns.slice(0, m.fixed).map((_, j) => whole(j)));
  let reach = g.columns.length;
  while (reach > m.fixed && g.cells.every((row) => row[reach - 1] === '')) reach--;
  let end = m.fixed;
  while (end < reach && used + whole(end) + 3 <= width) used += whole(end++) + 3;
  if (end === m.fixed) return null;
  const name = (j: number) => oneLine(head(g.columns[j], lang, false));
  return { columns: report.columns.slice(0, end), trimmed: end < reach ? m.notShown(name(end), name(reach - 1)) : '' };
}
