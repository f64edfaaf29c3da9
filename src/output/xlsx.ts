/**
 * A report as an Excel workbook (`--format xlsx`, `--out report.xlsx`): one sheet, typed cells — numbers as
 * numbers, money as numbers with the currency's decimals (a number format, never text), percentages as
 * fractions shown as %, days as dates — the header row frozen, Chinese headers under `--lang zh`. Written with
 * exceljs' streaming writer, so a large report is not held as cell objects. Text cells are strings (never
 * formulas), so the CSV formula guard has nothing to do here.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatMinor, minorDigits } from '../domain/money.js';
import { rawValue } from './render.js';
import type { Column, Report } from './report.js';

/** Rows of one sheet, less the header (Excel's limit is 1,048,576 rows). */
export const XLSX_MAX_ROWS = 1_048_575;

function numberFormat(col: Column, moneyDigits: number): string | undefined {
  const decimals = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (col.kind) {
    case 'money':
      return `#,##0${decimals(moneyDigits)}`;
    case 'int':
      return '#,##0';
    case 'number':
      return `#,##0${decimals(col.digits ?? 2)}`;
    case 'percent':
      return `0${decimals(col.digits ?? 1)}%`;
    case 'day':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/** `YYYY-MM-DD` → the UTC midnight exceljs stores as that day's serial number. */
function dayDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function renderXlsx(report: Report, opts: { lang?: 'en' | 'zh'; sheet?: string } = {}): Promise<Buffer[]> {
  if (report.rows.length > XLSX_MAX_ROWS) {
    throw new RangeError(`${report.rows.length.toLocaleString('en-US')} rows do not fit one Excel sheet (at most ${XLSX_MAX_ROWS.toLocaleString('en-US')}): use --format csv, or --limit`);
  }
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(opts.sheet ?? 'report', { views: [{ state: 'frozen', ySplit: 1 }] });
  const digits = minorDigits(report.currency ?? 'CNY');
  const heads = report.columns.map((c) => (opts.lang === 'zh' && c.zh ? c.zh : c.key));
  sheet.columns = report.columns.map((c, j) => ({
    header: heads[j],
    key: c.key,
    width: Math.min(40, Math.max(10, heads[j].length + 2)),
    style: numberFormat(c, digits) ? { numFmt: numberFormat(c, digits) } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const fields = report.columns.map((c) => c.field ?? c.key);
  for (const row of report.rows) {
    const values = report.columns.map((c, j) => {
      const v = row[fields[j]];
      if (c.kind === 'money' && typeof v === 'number' && Number.isFinite(v)) return Number(formatMinor(v, digits));
      const raw = rawValue(c, v, report.currency);
      if (c.kind === 'day' && typeof raw === 'string') return dayDate(raw) ?? raw;
      return raw;
    });
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await book.commit();
  stream.end();
  return chunks;
}
