/**
 * Rendering a report as a terminal table, CSV or JSON. CSV and JSON carry raw values (ISO dates, decimal
 * amounts with a dot, fractions for percentages); only the table formats currency, percentages and colour.
 */
import { dayFormatter } from '../domain/day.js';
import { displayMoney, formatMinor, minorDigits } from '../domain/money.js';
import { CsvBytes } from './csv-bytes.js';
import type { Column, Report, Row } from './report.js';
import { renderTable, type TableLines } from './table.js';
import { escapeControls } from '../excerpt.js';

export type Format = 'table' | 'csv' | 'json' | 'ndjson' | 'xlsx';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'ndjson', 'xlsx'];

export interface RenderOptions {
  format: Format;
  /** Colour in the table view (off under NO_COLOR / --no-color / not a terminal). */
  color: boolean;
  /** Chinese headers in the table view, and in the CSV header row (given only for an explicit `--lang zh`). */
  lang?: 'en' | 'zh';
  /** Table view: terminal columns (undefined: as wide as the data). */
  width?: number;
  /** Table view: terminal rows, to show the rows that fit (undefined: every row). */
  height?: number;
  /** Table view: rows left out before rendering (--limit), said in the last line. */
  moreRows?: number;
  /** CSV: neutralise cells a spreadsheet would run as a formula (default on; --no-formula-guard). */
  formulaGuard?: boolean;
  /** Table view: the table's own lines (`… 12 more rows`) in the reader's language (report/table-lines.ts). */
  lines?: TableLines;
}

/** Every text format (xlsx is binary: xlsx.ts); a table needs its own lines (`lines`). */
export function render(report: Report, opts: RenderOptions & ({ format: 'csv' | 'json' | 'ndjson' } | { format: Exclude<Format, 'xlsx'>; lines: TableLines })): string {
  switch (opts.format) {
    case 'csv':
      return renderCsv(report, opts);
    case 'json':
      return renderJson(report);
    case 'ndjson':
      return renderNdjson(report);
    case 'table':
      return renderTableView(report, opts);
  }
}

/** Day columns hold epoch days (or their text): YYYY-MM-DD, each distinct day's text made once. */
const dayText = dayFormatter();

/** The raw value of a cell, as CSV and JSON carry it. */
export function rawValue(col: Column, value: Row[string], currency: string | undefined): string | number | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (col.kind === 'day' && typeof value === 'number') return dayText(value);
  if (col.kind === 'money' && typeof value === 'number') return Number(formatMinor(value, minorDigits(currency ?? 'CNY')));
  if (col.kind === 'number' && col.significant && typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(col.significant)) : null;
  if ((col.kind === 'number' || col.kind === 'percent') && typeof value === 'number') return roundTo(value, 6);
  return value;
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Cells a spreadsheet would run as a formula get a leading apostrophe; numbers are left alone. */
export function neutralizeCell(text: string): string {
  const c = text.charCodeAt(0);
  // = + - @ tab CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return text;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `'${text}`;
  return text;
}

/**
 * RFC 4180 CSV, written directly (csv-stringify's defaults, byte for byte: a field is quoted when it holds a
 * comma, a quote, CR or LF; quotes doubled; LF after every record), as UTF-8 chunks (csv-bytes.ts): a
 * million rows without a string per cell or per line.
 */
export function renderCsvBytes(report: Report, opts: { formulaGuard?: boolean; lang?: 'en' | 'zh'; header?: boolean } = {}): Buffer[] {
  const out = new CsvBytes();
  // without: the rows of a report written in parts (a streamed report's later parts)
  if (opts.header !== false) writeCsvHeader(out, report.columns, opts.lang);
  const writeRow = csvRowWriter(report.columns, report.currency, opts);
  for (const row of report.rows) writeRow(out, row);
  return out.end();
}

/** The CSV header line of these columns (Chinese names under `lang` zh where the column has one). */
export function writeCsvHeader(out: CsvBytes, columns: readonly Column[], lang: 'en' | 'zh' | undefined): void {
  columns.forEach((c, j) => {
    if (j > 0) out.comma();
    out.field(lang === 'zh' && c.zh ? c.zh : c.key);
  });
  out.newline();
}

/** Writes one row as a CSV line of these columns (renderCsvBytes's rows; a streamed report's, as they come). */
export function csvRowWriter(columns: readonly Column[], currency: string | undefined, opts: { formulaGuard?: boolean }): (out: CsvBytes, row: Row) => void {
  const guard = opts.formulaGuard === false ? (text: string) => text : neutralizeCell;
  const digits = minorDigits(currency ?? 'CNY');
  const fields = columns.map((c) => c.field ?? c.key);
  return (out, row) => {
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) out.comma();
      const c = columns[j];
      const value = row[fields[j]];
      if (typeof value === 'number' && !Number.isNaN(value)) {
        if (c.kind === 'money') {
          out.money(value, digits, formatMinor);
          continue;
        }
        if ((c.kind === 'number' && !c.significant) || c.kind === 'percent') {
          out.decimal(value);
          continue;
        }
      }
      const v = rawValue(c, value, currency);
      if (v === null) continue;
      if (typeof v === 'number') out.number(v);
      else out.field(guard(v));
    }
    out.newline();
  };
}

/** The CSV as one string. */
export function renderCsv(report: Report, opts: { formulaGuard?: boolean; lang?: 'en' | 'zh' } = {}): string {
  return Buffer.concat(renderCsvBytes(report, opts)).toString('utf8');
}

/** A row as the object JSON and NDJSON carry: raw values under the column keys. */
function rawObject(report: Report, row: Row): Record<string, string | number | null> {
  return Object.fromEntries(report.columns.map((c) => [c.key, rawValue(c, row[c.field ?? c.key], report.currency)]));
}

export function renderJson(report: Report): string {
  return JSON.stringify(report.rows.map((row) => rawObject(report, row)), null, 2) + '\n';
}

/** One JSON object per line (newline-delimited JSON), for streaming consumers such as jq or a log shipper. */
export function renderNdjson(report: Report): string {
  let out = '';
  for (const row of report.rows) out += JSON.stringify(rawObject(report, row)) + '\n';
  return out;
}

/** A cell as people read it: `¥1,840.00`, `25.0%`, `1,234` (the table view and the HTML report). */
export function displayValue(col: Column, value: Row[string], currency: string | undefined, row?: Row): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (typeof value === 'string') return escapeControls(value); // text from a file never drives the terminal
  switch (col.kind) {
    case 'day':
      return dayText(value);
    case 'money':
      return displayMoney(value, currency ?? 'CNY');
    case 'percent':
      return `${(value * 100).toFixed(col.digits ?? 1)}%`;
    case 'int':
      return Math.round(value).toLocaleString('en-US');
    case 'number':
      if (col.significant) return significantText(value, col.digits ?? 4);
      {
        const own = col.rowDigits === undefined ? undefined : row?.[col.rowDigits];
        const digits = typeof own === 'number' ? own : (col.digits ?? 2);
        return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
      }
    default:
      // a count in a text column (info's values): thousands separators, as in every table
      return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  }
}

/** `digits` significant digits: plain between 10⁻³ and 10⁶, in e-notation outside. */
function significantText(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '';
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

function renderTableView(report: Report, opts: RenderOptions & { lines: TableLines }): string {
  const shown = (col: Column, value: Row[string]) => (typeof value === 'string' && col.shown !== undefined && Object.hasOwn(col.shown, value) ? col.shown[value] : value);
  return renderTable(report, { ...opts, display: (col, value, row) => displayValue(col, shown(col, value), report.currency, row) });
}
