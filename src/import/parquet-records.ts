/**
 * A Parquet file's rows as the records of an aggregate file (README "Reports from aggregates"), read with
 * hyparquet: first a header record of the column names, then one record per row, every value written as the
 * text the same table has in CSV (DuckDB's `COPY … TO 'x.csv'`, orderlens's own aggregate CSV): texts as they
 * are, whole numbers in digits, DATE as YYYY-MM-DD, DECIMAL with its scale's digits, DOUBLE in the shortest
 * form that reads back (46 for 46.0), null as an empty cell. So the aggregate reader checks a Parquet file
 * with the rules and words it has for CSV, and the reports print the same bytes.
 *
 * Row groups are read one at a time (the columns the reader needs, not those starting with `_`), so memory
 * follows the largest row group (DuckDB writes 122,880 rows per group), not the file. Types a cell cannot
 * hold as one of those texts (lists, maps, structs, booleans, timestamps, binary) are refused before any row
 * is read, naming the column. A record's `line` counts as the CSV's would: the column names are line 1,
 * the first row line 2.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import { dayFormatter } from '../domain/day.js';
import { DataError } from '../errors.js';
import { said } from '../report/said.js';
import { ByteRecord, setCells } from './byte-record.js';

const MAGIC = Buffer.from('PAR1');

/** Whether these first bytes of a file are Parquet's magic number. */
export function startsParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.equals(bytes.subarray(0, 4));
}

/**
 * The record being filled: each cell's text is written into `bytes` at `at` (the buffer grows when needed),
 * numbers digit by digit, so a row costs no string per number.
 */
class RecordBytes {
  bytes: Buffer = Buffer.allocUnsafe(1 << 16);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.at + n));
    this.bytes.copy(bigger, 0, 0, this.at);
    this.bytes = bigger;
  }

  text(s: string): void {
    this.room(3 * s.length);
    this.at += this.bytes.write(s, this.at);
  }

  /** A safe integer in plain digits, as String() writes it. */
  digits(n: number): void {
    if (n === 0) {
      this.room(1);
      this.bytes[this.at++] = 48;
      return;
    }
    this.room(17);
    if (n < 0) {
      this.bytes[this.at++] = 45;
      n = -n;
    }
    let end = this.at;
    for (let m = n; m > 0; m = Math.floor(m / 10)) end++;
    this.at = end;
    for (let m = n; m > 0; m = Math.floor(m / 10)) this.bytes[--end] = 48 + (m % 10);
  }
}

/** Writes one value of a column as the CSV's text (null: nothing, an empty cell). */
type Put = (v: unknown, out: RecordBytes) => void;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Texts, and numbers as String() writes them (46 for 46.0; whole numbers digit by digit). */
const plain: Put = (v, out) => {
  if (v === null || v === undefined) return;
  if (typeof v === 'string') out.text(v);
  else if (typeof v === 'number' && Number.isSafeInteger(v)) out.digits(v);
  else if (typeof v === 'bigint' && v <= SAFE && v >= -SAFE) out.digits(Number(v));
  else out.text(String(v));
};

/** The writer for a top-level column, or why the column cannot be read (a type name for the message). */
function putOf(e: SchemaElement, nested: boolean): Put | { refused: string } {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (nested || e.repetition_type === 'REPEATED') return { refused: logical === 'MAP' || converted === 'MAP' ? 'MAP' : logical === 'LIST' || converted === 'LIST' || e.repetition_type === 'REPEATED' ? 'LIST' : 'STRUCT' };
  if (logical === 'DECIMAL' || converted === 'DECIMAL') {
    const scale = (e.logical_type?.type === 'DECIMAL' ? e.logical_type.scale : e.scale) ?? 0;
    if (scale === 0) return plain;
    return (v, out) => {
      if (v !== null && v !== undefined) out.text((v as number).toFixed(scale));
    };
  }
  if (logical === 'DATE' || converted === 'DATE') return plain; // made YYYY-MM-DD by the dateFromDays parser
  if (logical === 'TIMESTAMP' || logical === 'TIME' || converted?.startsWith('TIMESTAMP') || converted?.startsWith('TIME_')) return { refused: logical ?? 'TIMESTAMP' };
  switch (e.type) {
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return plain;
    case 'BYTE_ARRAY':
      if (logical === undefined || logical === 'STRING' || logical === 'ENUM') {
        if (converted === undefined || converted === 'UTF8' || converted === 'ENUM') return plain;
      }
      return { refused: logical ?? converted ?? 'BYTE_ARRAY' };
    default:
      return { refused: e.type === 'FIXED_LEN_BYTE_ARRAY' ? (logical ?? 'FIXED_LEN_BYTE_ARRAY') : (e.type ?? 'STRUCT') };
  }
}

/** A column's values in one row group, as hyparquet hands them on (one array, or several pages). */
class ColumnValues {
  private chunks: { start: number; data: ArrayLike<unknown> }[] = [];
  private k = 0;
  private data: ArrayLike<unknown> = [];
  private start = 0;

  add(start: number, data: ArrayLike<unknown>): void {
    this.chunks.push({ start, data });
  }

  /** Ready to read from row `first` on, in order. */
  rewind(first: number): void {
    this.chunks.sort((a, b) => a.start - b.start);
    this.k = 0;
    this.data = this.chunks[0]?.data ?? [];
    this.start = this.chunks[0]?.start ?? first;
  }

  /** The value of row `row` (rows asked in increasing order). */
  at(row: number): unknown {
    while (row - this.start >= this.data.length && this.k + 1 < this.chunks.length) {
      const c = this.chunks[++this.k];
      this.data = c.data;
      this.start = c.start;
    }
    return row >= this.start ? this.data[row - this.start] : undefined;
  }
}

/** hyparquet's AsyncBuffer over an open file: each slice one positioned read. */
function fileBuffer(path: string, handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const bytes = new Uint8Array(Math.max(0, stop - start));
      let at = 0;
      while (at < bytes.length) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
        if (bytesRead === 0) throw new DataError(said('parquet.truncated', { file: path })); // cut short while read
        at += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** hyparquet's own failure (a corrupt page, a bad footer) as a DataError naming the file. */
function unreadable(path: string, e: unknown): DataError {
  if (e instanceof DataError) return e;
  return new DataError(said('parquet.unreadable', { file: path, why: (e as Error).message.split('\n')[0] }));
}

/** hyparquet's page-header parser (column.js; not among the package's exports, so loaded by its file). */
type HeaderParser = (reader: { view: DataView; offset: number }) => {
  compressed_page_size?: number;
  uncompressed_page_size?: number;
  data_page_header?: { num_values?: number };
  data_page_header_v2?: { num_values?: number; num_rows?: number; definition_levels_byte_length?: number; repetition_levels_byte_length?: number };
};

async function headerParser(): Promise<HeaderParser> {
  // hyparquet 1.31.5 is pinned exactly: column.js sits beside the entry point
  const entry = createRequire(import.meta.url).resolve('hyparquet');
  const column = (await import(pathToFileURL(join(dirname(entry), 'column.js')).href)) as { parquetHeader: HeaderParser };
  return column.parquetHeader;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Every page header of the columns `names` in `group`, checked before hyparquet decodes the pages: a data
 * page v2 header without its level lengths sets hyparquet's read offset to NaN, and its decoder then loops
 * for ever on byte 0 (found by the fuzz test). A header whose sizes are missing, negative or larger than its
 * column chunk is a DataError naming the file and column.
 */
async function checkPageHeaders(path: string, file: AsyncBuffer, group: FileMetaData['row_groups'][number], names: string[], parse: HeaderParser): Promise<void> {
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    const column = meta?.path_in_schema.join('.') ?? '';
    if (!meta || !names.includes(column)) continue;
    const damaged = () => new DataError(said('parquet.badPage', { file: path, column }));
    const dictionary = Number(meta.dictionary_page_offset ?? 0);
    const data = Number(meta.data_page_offset);
    const start = dictionary > 0 && dictionary < data ? dictionary : data;
    const end = start + Number(meta.total_compressed_size);
    if (!(start >= 0 && end >= start && end <= file.byteLength)) throw damaged();
    let at = start;
    while (at < end) {
      let size = 256;
      let header: ReturnType<HeaderParser>;
      let headerLength: number;
      for (;;) {
        const reader = { view: new DataView(await file.slice(at, Math.min(at + size, end))), offset: 0 };
        try {
          header = parse(reader);
          headerLength = reader.offset;
          break;
        } catch (e) {
          if (e instanceof RangeError && at + size < end) size *= 4; // a header longer than what was read
          else throw damaged();
        }
      }
      const v1 = header.data_page_header;
      const v2 = header.data_page_header_v2;
      const sound =
        isCount(header.compressed_page_size) &&
        isCount(header.uncompressed_page_size) &&
        (!v1 || isCount(v1.num_values)) &&
        (!v2 ||
          (isCount(v2.num_values) &&
            isCount(v2.num_rows) &&
            isCount(v2.definition_levels_byte_length) &&
            isCount(v2.repetition_levels_byte_length) &&
            v2.definition_levels_byte_length + v2.repetition_levels_byte_length <= header.compressed_page_size));
      if (!sound) throw damaged();
      at += headerLength + (header.compressed_page_size as number);
    }
  }
}

/**
 * Every record of the Parquet file at `path` to `fn`: the header (the column names), then each row. A
 * DataError for a file cut short, a column of a type aggregates cannot hold, or bytes hyparquet cannot decode.
 * One ByteRecord is handed on for every record and reused: read what is needed before returning.
 */
export async function readParquetRecords(path: string, handle: FileHandle, fn: (record: ByteRecord) => void): Promise<void> {
  const { size } = await handle.stat();
  const tail = Buffer.alloc(4);
  if (size >= 12) await handle.read(tail, 0, 4, size - 4);
  if (size < 12 || !MAGIC.equals(tail)) throw new DataError(said('parquet.truncated', { file: path }));
  const file = fileBuffer(path, handle, size);
  // hyparquet (27 modules) is loaded when a Parquet file is read, not by every report that could read one
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw unreadable(path, e);
  }
  const columns = parquetSchema(metadata).children;
  const names = columns.map((c) => c.element.name);
  // columns whose names start with _ are ignored by the aggregate files: not read, any type
  const read: { index: number; put: Put }[] = [];
  columns.forEach((c, index) => {
    if (c.element.name.startsWith('_')) return;
    const put = putOf(c.element, c.children.length > 0);
    if (typeof put !== 'function') throw new DataError(said('parquet.columnType', { file: path, column: c.element.name, type: put.refused }));
    read.push({ index, put });
  });
  const record = new ByteRecord();
  setCells(record, names, Buffer.allocUnsafe(1 << 12));
  record.line = 1;
  fn(record);

  const day = dayFormatter();
  const readNames = read.map((r) => names[r.index]);
  const out = new RecordBytes();
  const width = names.length;
  record.reserve(width);
  let groupStart = 0;
  const parse = await headerParser();
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows === 0) continue;
    await checkPageHeaders(path, file, group, readNames, parse);
    const values = readNames.map(() => new ColumnValues());
    const slot = new Map(readNames.map((name, i) => [name, values[i]]));
    try {
      await parquetRead({
        file,
        metadata,
        columns: readNames,
        rowStart: groupStart,
        rowEnd: groupStart + rows,
        parsers: { dateFromDays: day },
        onChunk({ columnName, columnData, rowStart }) {
          slot.get(columnName)?.add(rowStart, columnData);
        },
      });
    } catch (e) {
      throw unreadable(path, e);
    }
    for (const v of values) v.rewind(groupStart);
    const end = groupStart + rows;
    for (let row = groupStart; row < end; row++) {
      out.at = 0;
      if (read.length < width) {
        // columns not read (names starting with _) are empty cells
        record.start.fill(0, 0, width);
        record.end.fill(0, 0, width);
      }
      for (let k = 0; k < read.length; k++) {
        const i = read[k].index;
        record.start[i] = out.at;
        read[k].put(values[k].at(row), out);
        record.end[i] = out.at;
      }
      record.bytes = out.bytes;
      record.count = width;
      record.oversize = undefined;
      record.line = row + 2;
      fn(record);
    }
    groupStart = end;
  }
}
