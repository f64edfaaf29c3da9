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
import type { FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { dayFormatter } from '../domain/day.js';
import { DataError } from '../errors.js';
import { said } from '../report/said.js';
import { ByteRecord, setCells } from './byte-record.js';

const MAGIC = Buffer.from('PAR1');

/** Whether these first bytes of a file are Parquet's magic number. */
export function startsParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.equals(bytes.subarray(0, 4));
}

/** How one column's values become a cell's text. */
type Cell = (v: unknown) => string;

const plain: Cell = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** The converter for a top-level column, or why the column cannot be read (a type name for the message). */
function cellOf(e: SchemaElement, nested: boolean): Cell | { refused: string } {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (nested || e.repetition_type === 'REPEATED') return { refused: logical === 'MAP' || converted === 'MAP' ? 'MAP' : logical === 'LIST' || converted === 'LIST' || e.repetition_type === 'REPEATED' ? 'LIST' : 'STRUCT' };
  if (logical === 'DECIMAL' || converted === 'DECIMAL') {
    const scale = (e.logical_type?.type === 'DECIMAL' ? e.logical_type.scale : e.scale) ?? 0;
    return scale === 0 ? plain : (v) => (v === null || v === undefined ? '' : (v as number).toFixed(scale));
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

/** hyparquet's AsyncBuffer over an open file: each slice one positioned read. */
function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const bytes = new Uint8Array(Math.max(0, stop - start));
      let at = 0;
      while (at < bytes.length) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
        if (bytesRead === 0) throw new Error(`the file ended at byte ${start + at} while ${size} were expected`);
        at += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** hyparquet's own failure (a corrupt page, a bad footer) as a DataError naming the file. */
function unreadable(path: string, e: unknown): DataError {
  return new DataError(said('parquet.unreadable', { file: path, why: (e as Error).message.split('\n')[0] }));
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
  const file = fileBuffer(handle, size);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw unreadable(path, e);
  }
  const columns = parquetSchema(metadata).children;
  const names = columns.map((c) => c.element.name);
  // columns whose names start with _ are ignored by the aggregate files: not read, any type
  const read: { index: number; cell: Cell }[] = [];
  columns.forEach((c, index) => {
    if (c.element.name.startsWith('_')) return;
    const cell = cellOf(c.element, c.children.length > 0);
    if (typeof cell !== 'function') throw new DataError(said('parquet.columnType', { file: path, column: c.element.name, type: cell.refused }));
    read.push({ index, cell });
  });
  const record = new ByteRecord();
  let scratch: Buffer = Buffer.allocUnsafe(1 << 12);
  const cells = names.map(() => '');
  scratch = setCells(record, names, scratch);
  record.line = 1;
  fn(record);

  const day = dayFormatter();
  const readNames = read.map((r) => names[r.index]);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows === 0) continue;
    const values = readNames.map(() => new Array<unknown>(rows));
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
          const into = slot.get(columnName);
          if (into === undefined) return;
          // a chunk may hold rows outside the group asked for: keep those inside it
          for (let i = Math.max(0, groupStart - rowStart); i < columnData.length; i++) {
            const at = rowStart + i - groupStart;
            if (at >= rows) break;
            into[at] = columnData[i];
          }
        },
      });
    } catch (e) {
      throw unreadable(path, e);
    }
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < read.length; k++) cells[read[k].index] = read[k].cell(values[k][r]);
      scratch = setCells(record, cells, scratch);
      record.line = groupStart + r + 2;
      fn(record);
    }
    groupStart += rows;
  }
}
