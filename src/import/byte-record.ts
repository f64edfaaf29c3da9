/**
 * One record of an aggregate file as byte ranges (cell i is bytes[start[i], end[i])), the form both readers
 * hand on: the CSV reader's cells point into the bytes it read, a Parquet file's values are written into a
 * scratch buffer (setCells). Readers of the aggregate files read numbers and days straight from the bytes.
 */
import type { Said } from '../report/said.js';

/** One record: cell i is bytes[start[i], end[i]). Reused from record to record. */
export class ByteRecord {
  /** 1-based line on which the record starts. */
  line = 0;
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** Why the record was too large to keep (then it has no cells). */
  oversize: string | Said | undefined = undefined;

  /** Cell i as text. */
  text(i: number): string {
    return this.bytes.toString('utf8', this.start[i], this.end[i]);
  }

  /** Bytes in cell i. */
  size(i: number): number {
    return this.end[i] - this.start[i];
  }

  /** Every cell as text. */
  cells(): string[] {
    return Array.from({ length: this.count }, (_, i) => this.text(i));
  }

  /** Room for n cells. */
  reserve(n: number): void {
    if (n <= this.start.length) return;
    const size = Math.max(n, 2 * this.start.length);
    const start = new Int32Array(size);
    start.set(this.start);
    const end = new Int32Array(size);
    end.set(this.end);
    this.start = start;
    this.end = end;
  }
}

/**
 * Makes `record` hold these cells (as UTF-8 in `scratch`, or in a larger buffer it returns): records that
 * come as texts (the tokenizer's, a Parquet file's) read as the fast path's do.
 */
export function setCells(record: ByteRecord, cells: readonly string[], scratch: Buffer): Buffer {
  let bytes = 0;
  for (const c of cells) bytes += Buffer.byteLength(c, 'utf8');
  if (bytes > scratch.length) scratch = Buffer.allocUnsafe(Math.max(bytes, 2 * scratch.length));
  record.reserve(cells.length);
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    record.start[i] = at;
    at += scratch.write(cells[i], at, 'utf8');
    record.end[i] = at;
  }
  record.count = cells.length;
  record.bytes = scratch;
  record.oversize = undefined;
  return scratch;
}
