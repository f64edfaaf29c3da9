/**
 * The orders table (domain/orders-table.ts) as a file to load into a warehouse: CSV (RFC 4180, a header
 * row, UTF-8) or Parquet (hyparquet-writer: typed columns, snappy-compressed row groups). Batches go to
 * `sink` as they are encoded, so the whole table is never in memory.
 *
 * CSV spells instants `2024-03-01T08:15:00.000Z` (UTC), days `2024-03-01`, flags `true`/`false` and
 * money as whole minor units; an empty field is null. Parquet types: text → STRING, timestamp →
 * TIMESTAMP(MILLIS, UTC), date → DATE, int64 → INT64, bool → BOOLEAN.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { formatDay } from '../domain/day.js';
import type { OrdersTableColumn } from '../domain/orders-table.js';
import { CsvBytes } from './csv-bytes.js';
import { neutralizeCell } from './render.js';

export const ORDERS_TABLE_FORMATS = ['csv', 'parquet'] as const;
export type OrdersTableFormat = (typeof ORDERS_TABLE_FORMATS)[number];

/** One batch: a column of values per column name, all of `length` rows. */
export interface ColumnBatch {
  length: number;
  columns: Record<string, readonly (string | number | boolean | null)[]>;
}

export interface TableFileWriter {
  write(batch: ColumnBatch): void;
  /** Writes what is left (Parquet: the footer). */
  end(): void;
}

/** A writer of `columns` in `format` whose bytes go to `sink` (which must use them before returning). */
export function tableFileWriter(
  format: OrdersTableFormat,
  columns: readonly OrdersTableColumn[],
  sink: (bytes: Uint8Array) => void,
  opts: { formulaGuard?: boolean; createdBy: string },
): TableFileWriter {
  return format === 'csv' ? csvWriter(columns, sink, opts.formulaGuard !== false) : parquetWriter(columns, sink, opts.createdBy);
}

function csvWriter(columns: readonly OrdersTableColumn[], sink: (bytes: Uint8Array) => void, guard: boolean): TableFileWriter {
  const flush = (out: CsvBytes) => {
    for (const chunk of out.end()) sink(chunk);
  };
  const header = new CsvBytes();
  columns.forEach((c, j) => {
    if (j > 0) header.comma();
    header.field(c.name);
  });
  header.newline();
  flush(header);
  return {
    write(batch) {
      const out = new CsvBytes();
      const data = columns.map((c) => batch.columns[c.name]);
      for (let i = 0; i < batch.length; i++) {
        for (let j = 0; j < columns.length; j++) {
          if (j > 0) out.comma();
          const v = data[j][i];
          if (v === null || v === undefined) continue;
          switch (columns[j].type) {
            case 'int64':
              out.number(v as number);
              break;
            case 'date':
              out.field(formatDay(v as number));
              break;
            case 'timestamp':
              out.field(new Date(v as number).toISOString());
              break;
            case 'bool':
              out.field(v ? 'true' : 'false');
              break;
            default:
              out.field(guard ? neutralizeCell(v as string) : (v as string));
          }
        }
        out.newline();
      }
      flush(out);
    },
    end() {},
  };
}

/** A Parquet schema element (hyparquet's type, reached through the writer that takes it). */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

const PARQUET_TYPES: Record<OrdersTableColumn['type'], Omit<SchemaElement, 'name' | 'repetition_type'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
  // plain INT64 is a signed 64-bit integer; with the INTEGER logical type hyparquet-writer 0.17 wrote metadata DuckDB refuses
  int64: { type: 'INT64' },
  bool: { type: 'BOOLEAN' },
};

/** Rows per Parquet row group (the batch size of the reader is a multiple). */
const ROW_GROUP = 65_536;

function parquetWriter(columns: readonly OrdersTableColumn[], sink: (bytes: Uint8Array) => void, createdBy: string): TableFileWriter {
  const bytes = new ByteWriter(1 << 20);
  // hands each row group's bytes on as soon as it is encoded (hyparquet-writer calls flush after every group)
  const flushing = Object.assign(bytes, {
    flush(): void {
      if (bytes.index > 0) sink(new Uint8Array(bytes.buffer, 0, bytes.index));
      bytes.index = 0;
    },
  });
  flushing.finish = () => flushing.flush();
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c): SchemaElement => ({ name: c.name, repetition_type: c.nullable ? 'OPTIONAL' : 'REQUIRED', ...PARQUET_TYPES[c.type] })),
  ];
  const writer = new ParquetWriter({ writer: flushing, schema, codec: 'SNAPPY', createdBy });
  return {
    write(batch) {
      if (batch.length === 0) return;
      const columnData = columns.map((c) => ({
        name: c.name,
        data: c.type === 'int64' || c.type === 'timestamp' ? batch.columns[c.name].map((v) => (v === null ? null : BigInt(v as number))) : [...batch.columns[c.name]],
        nullable: c.nullable,
      }));
      void writer.write({ columnData, rowGroupSize: ROW_GROUP });
    },
    end() {
      void writer.finish();
    },
  };
}
