/**
 * A CSV file's records as byte ranges of the bytes read, for the aggregate files of README "Reports from
 * aggregates" (ten million rows and more): a line without quotes is split where its commas are, and its cells
 * are read as numbers straight from the bytes (no string per cell, no array per record). A line with a quote
 * or a lone carriage return, or one too long for the fast path, hands the rest of the file to CsvTokenizer
 * (csv-parse's rules: quoted cells across lines, `""`, relaxed quotes, the size limits), whose records come out
 * in the same form. So any CSV reads as it did through the tokenizer alone; plain files read fast.
 *
 * The text must be UTF-8 (checked before a line is read; a DataError `FILE: is not UTF-8 text` otherwise); a
 * byte-order mark is skipped. One ByteRecord is handed to the callback for every record and reused: read what
 * is needed before returning.
 */
import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { DataError, InputError } from '../errors.js';
import { CsvTokenizer, UnclosedQuoteError, type CsvRecord } from './csv-tokenizer.js';
import { LIMITS } from './limits.js';
import { ByteRecord, setCells } from './byte-record.js';
import { readParquetRecords, startsParquet } from './parquet-records.js';
import { said } from '../report/said.js';

export type { ByteRecord } from './byte-record.js';

const CHUNK = 1 << 20;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
/** Lines longer than this (bytes) go to the tokenizer, which applies the size limits. */
const FAST_LINE_BYTES = 1 << 16;

function notUtf8(path: string): DataError {
  return new DataError(said('agg.notUtf8', { file: path }));
}

/** The records the tokenizer reads (after the first line it had to take), turned into ByteRecords. */
class TokenizerRecords {
  private readonly tokenizer = new CsvTokenizer(',');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly out: CsvRecord[] = [];
  private scratch: Buffer = Buffer.allocUnsafe(1 << 16);

  constructor(
    private readonly path: string,
    /** Lines before the first one the tokenizer reads. */
    private readonly linesBefore: number,
    private readonly record: ByteRecord,
    private readonly fn: (record: ByteRecord) => void,
  ) {}

  push(bytes: Buffer): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      throw notUtf8(this.path);
    }
    this.tokenizer.push(text, this.out);
    this.emit();
  }

  end(): void {
    let rest: string;
    try {
      rest = this.decoder.decode();
    } catch {
      throw notUtf8(this.path);
    }
    try {
      if (rest) this.tokenizer.push(rest, this.out);
      this.tokenizer.end(this.out);
    } catch (e) {
      if (e instanceof UnclosedQuoteError) throw new InputError(this.path, e.line + this.linesBefore, said('agg.unclosedQuote'));
      throw e;
    }
    this.emit();
  }

  private emit(): void {
    for (const r of this.out) {
      this.scratch = setCells(this.record, r.cells, this.scratch);
      this.record.line = r.line + this.linesBefore;
      this.record.oversize = r.oversize;
      this.fn(this.record);
    }
    this.out.length = 0;
  }
}

/**
 * Splits the lines in bytes[pos, stop) (whole lines; at the end of the file the last may lack its LF) into
 * records for `fn`; returns where it stopped: `stop`, or the start of the first line it leaves to the
 * tokenizer (a quote, a lone CR, too long, too many cells).
 */
function splitLines(bytes: Buffer, pos: number, stop: number, record: ByteRecord, lines: { n: number }, fn: (record: ByteRecord) => void): number {
  let nextQuote = bytes.indexOf(QUOTE, pos);
  if (nextQuote < 0 || nextQuote > stop) nextQuote = stop;
  let nextCr = bytes.indexOf(CR, pos);
  if (nextCr < 0 || nextCr > stop) nextCr = stop;
  record.bytes = bytes;
  record.oversize = undefined;
  while (pos < stop) {
    if (nextQuote < pos) {
      nextQuote = bytes.indexOf(QUOTE, pos);
      if (nextQuote < 0 || nextQuote > stop) nextQuote = stop;
    }
    if (nextCr < pos) {
      nextCr = bytes.indexOf(CR, pos);
      if (nextCr < 0 || nextCr > stop) nextCr = stop;
    }
    let start = record.start;
    let end = record.end;
    let count = 0;
    let cell = pos;
    let i = pos;
    const limit = Math.min(stop, pos + FAST_LINE_BYTES);
    for (; i < limit; i++) {
      const c = bytes[i];
      if (c === COMMA) {
        if (count + 1 >= start.length) {
          if (count >= LIMITS.rowCells) return pos;
          record.reserve(count + 2);
          start = record.start;
          end = record.end;
        }
        start[count] = cell;
        end[count] = i;
        count++;
        cell = i + 1;
      } else if (c === LF) break;
    }
    if (i === limit && limit < stop) return pos; // a line too long for the fast path
    // the line is bytes[pos, i); i is its LF (or the end of the file)
    let lineEnd = i;
    if (nextCr < i) {
      if (nextCr !== i - 1 || i === stop) return pos; // a lone CR ends a record of its own: the tokenizer's rule
      lineEnd = i - 1;
    }
    if (nextQuote < i) return pos;
    start[count] = cell;
    end[count] = lineEnd;
    count++;
    record.count = count;
    record.line = ++lines.n;
    fn(record);
    pos = i + 1;
  }
  return pos;
}

/**
 * Every record of the CSV file at `path` to `fn`, in order, with the line it starts on. A DataError for a
 * file that cannot be read, is not UTF-8 or ends inside a quoted cell; `firstBytes` may refuse the file from
 * its first bytes (a binary file). A file that starts with Parquet's magic number is read as Parquet
 * (parquet-records.ts: the column names, then the rows, as the same table's CSV has them); one named .parquet
 * without it is refused.
 */
export async function readByteRecords(path: string, fn: (record: ByteRecord) => void, firstBytes?: (bytes: Buffer) => void): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(4);
    const { bytesRead: headBytes } = await handle.read(head, 0, 4, 0);
    if (startsParquet(head.subarray(0, headBytes))) return await readParquetRecords(path, handle, fn);
    if (/\.parquet$/i.test(path)) throw new DataError(said('parquet.notParquet', { file: path }));
    let buf = Buffer.allocUnsafe(2 * CHUNK);
    let len = 0;
    let first = true;
    const lines = { n: 0 };
    const record = new ByteRecord();
    let slow: TokenizerRecords | null = null;
    for (;;) {
      if (buf.length - len < CHUNK) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, len + CHUNK));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, len, CHUNK, null);
      const eof = bytesRead === 0;
      let pos = 0;
      len += bytesRead;
      if (first && (len >= 3 || eof)) {
        first = false;
        firstBytes?.(buf.subarray(0, len));
        if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      } else if (first) continue;
      if (slow) {
        slow.push(buf.subarray(pos, len));
        pos = len;
      } else {
        const stop = eof ? len : buf.lastIndexOf(LF, len - 1) + 1;
        if (stop > pos) {
          if (!isUtf8(buf.subarray(pos, stop))) throw notUtf8(path);
          pos = splitLines(buf, pos, stop, record, lines, fn);
        }
        // the rest goes to the tokenizer: a line splitLines left to it, or one longer than the fast path takes
        if (pos < stop || len - pos > FAST_LINE_BYTES) {
          slow = new TokenizerRecords(path, lines.n, record, fn);
          slow.push(buf.subarray(pos, len));
          pos = len;
        }
      }
      if (eof) break;
      buf.copy(buf, 0, pos, len);
      len -= pos;
    }
    slow?.end();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && !(e instanceof DataError)) {
      const why = code === 'ENOENT' ? said('read.noSuchFile') : code === 'EISDIR' ? said('read.isDirectory') : code === 'EACCES' ? said('read.permission') : code;
      throw new DataError(said('read.cannotRead', { file: path, why }));
    }
    throw e;
  } finally {
    await handle?.close();
  }
}
