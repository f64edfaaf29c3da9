/**
 * .xlsx → rows, with exceljs. The workbook is read whole, not with exceljs' streaming WorkbookReader: that
 * reader decodes each inflated chunk of the zip separately and so splits multi-byte UTF-8 characters at chunk
 * boundaries (`C#精���编程`; exceljs issues #2063 and #2316, fixes #1665/#2081 unmerged in 4.4.0) — fatal for
 * Chinese exports. Order exports are small enough for that; rows are still handed on one at a time.
 *
 * Every cell becomes a string, as a CSV export would hold it: dates as `YYYY-MM-DD HH:mm:ss` wall-clock
 * times (Excel stores no zone), numbers as plain decimals without float noise (`62.86`, not
 * `62.859999999999999`), rich text and formulas as their text or cached result. An integer beyond 2^53 is
 * written in scientific notation (`6.91792676882364E+18`) because its digits are already lost — Excel keeps
 * 15 — so an order id stored as a number is recognised as damaged instead of silently imported wrong.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import { DataError } from '../errors.js';
import type { SourceRow } from './adapter.js';
import type { OpenedFile } from './read.js';

export interface XlsxOptions {
  /** Worksheet to read, by name or 1-based position; default: the first visible worksheet with rows. */
  sheet?: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date cell (exceljs reads the serial as if it were UTC) → its wall-clock text, to the second. */
export function wallClockText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return date;
  return `${date} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** A number cell → the decimal text a person typed: at most 15 significant digits, never an exponent. */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) {
    if (Number.isSafeInteger(v)) return String(v);
    return v.toExponential(14).replace(/\.?0+e/, 'e').replace('e', 'E');
  }
  const rounded = Number(v.toPrecision(15));
  const s = String(rounded);
  if (!/e/i.test(s)) return s;
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Any exceljs cell value → text. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return wallClockText(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in v) return cellText((v as { text?: ExcelJS.CellValue }).text);
  if ('error' in v) return '';
  return '';
}

/** Opens an .xlsx workbook and reads the chosen worksheet's rows. */
export async function openXlsx(path: string, opts: XlsxOptions = {}): Promise<OpenedFile & { sheet: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  // loaded on first use: exceljs takes about half a second to load, which every other command would pay
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (e) {
    throw new DataError(`${path}: not a readable .xlsx workbook (${(e as Error).message}); save it again from Excel, or export CSV`);
  }
  const sheets = workbook.worksheets;
  const names = sheets.map((ws) => ws.name);
  const chosen =
    opts.sheet === undefined
      ? sheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0)
      : sheets.find((ws, i) => ws.name === opts.sheet || String(i + 1) === opts.sheet);
  if (!chosen) {
    if (opts.sheet !== undefined) throw new DataError(`${path}: no worksheet '${opts.sheet}' (worksheets: ${names.join(', ') || 'none'})`);
    throw new DataError(`${path}: the workbook has no rows`);
  }
  return { encoding: 'xlsx', delimiter: '', sheet: chosen.name, sha256: () => sha256, rows: sheetRows(chosen) };
}

async function* sheetRows(sheet: ExcelJS.Worksheet): AsyncGenerator<SourceRow> {
  for (let n = 1; n <= sheet.rowCount; n++) {
    const values = sheet.getRow(n).values as (ExcelJS.CellValue | undefined)[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) yield { line: n, cells };
  }
}
