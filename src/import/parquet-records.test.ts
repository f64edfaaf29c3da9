import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readByteRecords } from './csv-byte-records.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-parquet-records-'));
let files = 0;

function parquet(columns: { element: Omit<SchemaElement, 'repetition_type'>; data: unknown[] }[], rowGroupSize = 2): string {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ ...c.element, repetition_type: 'OPTIONAL' as const }))];
  const f = path.join(dir, `f${files++}.bin`);
  writeFileSync(f, new Uint8Array(parquetWriteBuffer({ columnData: columns.map((c) => ({ name: c.element.name, data: c.data })), schema, rowGroupSize })));
  return f;
}

async function records(f: string): Promise<{ line: number; cells: string[] }[]> {
  const out: { line: number; cells: string[] }[] = [];
  await readByteRecords(f, (r) => out.push({ line: r.line, cells: r.cells() }));
  return out;
}

describe('Parquet records: each value as the same table has it in CSV', () => {
  it('texts, whole numbers, doubles, decimals, days and nulls, across row groups; _ columns not read', async () => {
    const f = parquet([
      { element: { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }, data: ['a', '客户,"1"', null, '', 'e'] },
      { element: { name: 'n', type: 'INT64' }, data: [0n, -12n, 9_007_199_254_740_993n, null, 1234567890123n] },
      { element: { name: 'i', type: 'INT32' }, data: [7, -2147483648, null, 2147483647, 10] },
      { element: { name: 'x', type: 'DOUBLE' }, data: [46, 12.5, -0, null, 1e21] },
      { element: { name: 'd', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, logical_type: { type: 'DECIMAL', scale: 2, precision: 18 } }, data: [12.5, -0.07, 0, null, 100] },
      { element: { name: 'day', type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } }, data: [0, 19723, -1, null, 20454] },
      { element: { name: '_flag', type: 'BOOLEAN' }, data: [true, false, true, null, true] },
    ]);
    expect(await records(f)).toEqual([
      { line: 1, cells: ['key', 'n', 'i', 'x', 'd', 'day', '_flag'] },
      { line: 2, cells: ['a', '0', '7', '46', '12.50', '1970-01-01', ''] },
      { line: 3, cells: ['客户,"1"', '-12', '-2147483648', '12.5', '-0.07', '2024-01-01', ''] },
      { line: 4, cells: ['', '9007199254740993', '', '0', '0.00', '1969-12-31', ''] },
      { line: 5, cells: ['', '', '2147483647', '', '', '', ''] },
      { line: 6, cells: ['e', '1234567890123', '10', '1e+21', '100.00', '2026-01-01', ''] },
    ]);
  });

  it('a header alone when the file has no rows', async () => {
    const f = parquet([{ element: { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }, data: [] }]);
    expect(await records(f)).toEqual([{ line: 1, cells: ['key'] }]);
  });

  it('refuses a timestamp, a boolean or a binary column by name before any row', async () => {
    const text = { element: { name: 'key', type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, logical_type: { type: 'STRING' as const } }, data: ['a'] };
    const seen: string[][] = [];
    const timestamp = parquet([text, { element: { name: 'at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } }, data: [0n] }]);
    await expect(readByteRecords(timestamp, (r) => seen.push(r.cells()))).rejects.toThrow(`${timestamp}: column at is a Parquet TIMESTAMP`);
    const bool = parquet([text, { element: { name: 'ok', type: 'BOOLEAN' }, data: [true] }]);
    await expect(readByteRecords(bool, (r) => seen.push(r.cells()))).rejects.toThrow('column ok is a Parquet BOOLEAN');
    const binary = parquet([text, { element: { name: 'raw', type: 'BYTE_ARRAY', converted_type: 'JSON' }, data: [{ a: 1 }] }]);
    await expect(readByteRecords(binary, (r) => seen.push(r.cells()))).rejects.toThrow('column raw is a Parquet JSON');
    expect(seen).toEqual([]);
  });

  it('a file with the magic number and too few bytes is cut short', async () => {
    const f = path.join(dir, 'short.bin');
    writeFileSync(f, 'PAR1abc');
    await expect(readByteRecords(f, () => {})).rejects.toThrow(`${f}: is not a whole Parquet file`);
  });
});
