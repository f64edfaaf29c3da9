/**
 * The sizes an import refuses to go beyond, so that memory is bounded by the data and not by what a file
 * claims (a merged range over a million rows, a zip bomb, a cell of a gigabyte). The README's reliability
 * section lists them with what happens at each: a row over a row limit is a rejected row, a workbook part
 * over a part limit stops that file with a one-line error.
 */
import { DataError } from '../errors.js';
import { said, type Said } from '../report/said.js';

export const LIMITS = {
  /** Characters in one cell (CSV or workbook); a longer cell rejects its row. */
  cellChars: 1 << 20,
  /** Characters in one row, all cells together; a longer row is rejected. */
  rowChars: 4 << 20,
  /** Cells in one row (a worksheet's widest row, XFD); a wider row is rejected. */
  rowCells: 16384,
  /** Characters of a buyer identifier; a longer one rejects its row. */
  buyerChars: 65535,
  /** Entries of a workbook's shared-string table. */
  sharedStrings: 1_500_000,
  /** Characters of a workbook's shared-string table, all entries together. */
  sharedStringChars: 48 << 20,
  /** Inflated bytes of a worksheet part. */
  sheetBytes: 4 * 1024 ** 3,
  /** Inflated bytes of any other workbook part (workbook, relationships, styles, shared strings). */
  partBytes: 256 << 20,
  /** Rows of one order (its lines, adjacent in the file); the rows after are rejected. */
  orderRows: 100_000,
  /** Merged ranges in one worksheet. */
  mergedRanges: 1_000_000,
} as const;

/** The reason a row past LIMITS.orderRows of its order is rejected. */
export function orderRowsReason(orderId: string): Said {
  return said('reject.orderRows', { id: orderId, n: LIMITS.orderRows });
}

/** `1048576` → `1 MB`; `4294967296` → `4 GB`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** A file that goes beyond one of LIMITS: the message names the limit. */
export class LimitError extends DataError {
  override name = 'LimitError';
}

/**
 * Why a row is rejected for its size, or null: a cell over LIMITS.cellChars, a row over LIMITS.rowChars or
 * LIMITS.rowCells. The readers mark such rows (SourceRow.oversize) instead of keeping their text.
 */
export function oversizeReason(kind: 'cell' | 'row' | 'cells'): Said {
  if (kind === 'cell') return said('limits.cellOver', { size: sizeText(LIMITS.cellChars) });
  if (kind === 'row') return said('limits.rowOver', { size: sizeText(LIMITS.rowChars) });
  return said('limits.rowCells', { cells: LIMITS.rowCells });
}
