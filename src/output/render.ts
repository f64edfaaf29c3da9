/**
 * Rendering a report as a terminal table, CSV or JSON. CSV and JSON carry raw values (ISO dates, decimal
 * amounts with a dot, fractions for percentages); only the table formats currency, percentages and colour.
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { displayMoney, formatMinor, minorDigits } from '../domain/money.js';
import { CsvBytes } from './csv-bytes.js';
import type { Column, Report, Row } from './report.js';
import { escapeControls } from '../excerpt.js';

export type Format = 'table' | 'csv' | 'json';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

export interface RenderOptions {
  format: Format;
  /** Colour in the table view (off under NO_COLOR / --no-color / not a terminal). */
  color: boolean;
  /** Chinese headers in the table view. */
  lang?: 'en' | 'zh';
}

export function render(report: Report, opts: RenderOptions): string {
  switch (opts.format) {
    case 'csv':
      return renderCsv(report);
    case 'json':
      return renderJson(report);
    case 'table':
      return renderTable(report, opts);
  }
}

/** The raw value of a cell, as CSV and JSON carry it. */
function rawValue(col: Column, value: Row[string], currency: string | undefined): string | number | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (col.kind === 'money' && typeof value === 'number') return Number(formatMinor(value, minorDigits(currency ?? 'CNY')));
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
export function renderCsvBytes(report: Report): Buffer[] {
  const columns = report.columns;
  const digits = minorDigits(report.currency ?? 'CNY');
  const out = new CsvBytes();
  columns.forEach((c, j) => {
    if (j > 0) out.comma();
    out.field(c.key);
  });
  out.newline();
  const fields = columns.map((c) => c.field ?? c.key);
  for (const row of report.rows) {
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) out.comma();
      const c = columns[j];
      const value = row[fields[j]];
      if (typeof value === 'number' && !Number.isNaN(value)) {
        if (c.kind === 'money') {
          out.money(value, digits, formatMinor);
          continue;
        }
        if (c.kind === 'number' || c.kind === 'percent') {
          out.decimal(value);
          continue;
        }
      }
      const v = rawValue(c, value, report.currency);
      if (v === null) continue;
      if (typeof v === 'number') out.number(v);
      else out.field(neutralizeCell(v));
    }
    out.newline();
  }
  return out.end();
}

/** The CSV as one string. */
export function renderCsv(report: Report): string {
  return Buffer.concat(renderCsvBytes(report)).toString('utf8');
}

export function renderJson(report: Report): string {
  const objects = report.rows.map((row) => Object.fromEntries(report.columns.map((c) => [c.key, rawValue(c, row[c.field ?? c.key], report.currency)])));
  return JSON.stringify(objects, null, 2) + '\n';
}

/** A cell as people read it: `¥1,840.00`, `25.0%`, `1,234` (the table view and the HTML report). */
export function displayValue(col: Column, value: Row[string], currency: string | undefined): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (typeof value === 'string') return escapeControls(value); // text from a file never drives the terminal
  switch (col.kind) {
    case 'money':
      return displayMoney(value, currency ?? 'CNY');
    case 'percent':
      return `${(value * 100).toFixed(col.digits ?? 1)}%`;
    case 'int':
      return Math.round(value).toLocaleString('en-US');
    case 'number':
      return value.toLocaleString('en-US', { minimumFractionDigits: col.digits ?? 2, maximumFractionDigits: col.digits ?? 2 });
    default:
      return String(value);
  }
}

const HEAT = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c'];

function renderTable(report: Report, opts: RenderOptions): string {
  const c: ChalkInstance = opts.color ? new Chalk({ level: Math.max(chalk.level, 1) as 1 | 2 | 3 }) : new Chalk({ level: 0 });
  const numeric = (col: Column) => col.kind !== 'text' && col.kind !== 'day';
  const table = new Table({
    head: report.columns.map((col) => c.bold(opts.lang === 'zh' && col.zh ? col.zh : col.key)),
    style: { head: [], border: opts.color ? ['grey'] : [], compact: true },
    colAligns: report.columns.map((col) => (numeric(col) ? 'right' : 'left')),
  });
  // One value range per heat scale: a column's own, or shared by every column naming the same scale.
  const scaleOf = (col: Column) => (typeof col.heat === 'string' ? `scale:${col.heat}` : `column:${col.key}`);
  const scales = new Map<string, [number, number]>();
  for (const col of report.columns.filter((x) => x.heat)) {
    let [lo, hi] = scales.get(scaleOf(col)) ?? [Infinity, -Infinity];
    for (const row of report.rows) {
      const v = row[col.field ?? col.key];
      if (typeof v === 'number' && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    scales.set(scaleOf(col), [lo, hi]);
  }
  const ranges = new Map(report.columns.filter((x) => x.heat).map((col) => [col.key, scales.get(scaleOf(col))!] as const));
  for (const row of report.rows) {
    table.push(
      report.columns.map((col) => {
        const v = row[col.field ?? col.key];
        const text = displayValue(col, v, report.currency);
        const range = ranges.get(col.key);
        if (!range || typeof v !== 'number' || !opts.color || range[1] <= range[0]) return text;
        const level = Math.min(HEAT.length - 1, Math.floor(((v - range[0]) / (range[1] - range[0])) * HEAT.length));
        return c.bgHex(HEAT[level]).hex(level >= 4 ? '#ffffff' : '#000000')(` ${text} `);
      }),
    );
  }
  return table.toString() + '\n';
}
