/**
 * An exceljs cell value → text by the rules of src/import/xlsx-cell-text.ts: the reference the streaming .xlsx
 * reader is checked against (orderlens writes `--format xlsx` with exceljs but never reads workbooks with it).
 */
import type ExcelJS from 'exceljs';
import { numberText, wallClockText } from '../src/import/xlsx-cell-text.js';

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
