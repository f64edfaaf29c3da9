/**
 * Reports from Parquet aggregates (`rfm/churn/ltv --summary x.parquet`, `cohorts --counts x.parquet`): the
 * same table written as CSV and as Parquet prints the same CSV, byte for byte. The Parquet files are written
 * here with hyparquet-writer (typed columns: DATE, INT64, DOUBLE, DECIMAL, STRING with nulls; row groups of
 * 50 rows, so a report crosses many) from the aggregate CSV orderlens writes, and by DuckDB running
 * `orderlens sql-plan`'s SQL (skipped with a named reason where @duckdb/node-api cannot load). Bad Parquet
 * files are one-line data errors naming the file and what is wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../src/domain/day.js';
import { planSql, type AggregateName } from '../src/warehouse/sql-plan.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { duck, duckSkipReason } from './duckdb.js';
import { writeAggregates, type Shop } from './aggregate-files.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
type Kind = 'text' | 'int' | 'day' | 'double' | 'decimal1' | 'timestamp' | 'bool';

const DAYS = new Set(['as_of', 'first_purchase', 'last_purchase']);
const DOUBLES = new Set(['avg_repeat_spend', 'median_gap_days']);
const INTS = new Set(['purchase_days', 'orders', 'revenue', 'gross_revenue', 'repeat_revenue', 'frequency', 'recency_days', 'T_days', 'gap_days', 'gaps', 'period', 'customers']);

function kindOf(name: string): Kind {
  return DAYS.has(name) ? 'day' : DOUBLES.has(name) ? 'double' : INTS.has(name) ? 'int' : 'text';
}

const ELEMENT: Record<Kind, Omit<SchemaElement, 'name' | 'repetition_type'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int: { type: 'INT64' },
  day: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
  double: { type: 'DOUBLE' },
  decimal1: { type: 'INT64', converted_type: 'DECIMAL', scale: 1, precision: 18, logical_type: { type: 'DECIMAL', scale: 1, precision: 18 } },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  bool: { type: 'BOOLEAN' },
};

/** A cell of the CSV as the value of its Parquet column (an empty cell is null). */
function value(kind: Kind, text: string): unknown {
  if (text === '') return null;
  switch (kind) {
    case 'int':
      return BigInt(text);
    case 'day':
      return parseDay(text);
    case 'double':
    case 'decimal1':
      return Number(text);
    case 'timestamp':
      return BigInt(parseDay(text)! * 86_400_000);
    case 'bool':
      return text === 'true';
    default:
      return text;
  }
}

/** The CSV file's table as a Parquet file (typed columns, `kinds` overriding the usual type of a column). */
function toParquet(csv: string, file: string, kinds: Record<string, Kind> = {}, edit: (rows: Record<string, string>[]) => void = () => {}): string {
  const text = readFileSync(csv, 'utf8');
  const names = text.slice(0, text.indexOf('\n')).split(',');
  const rows = parseCsvRows(text);
  edit(rows);
  const kind = (n: string) => kinds[n] ?? kindOf(n);
  const schema: SchemaElement[] = [
    { name: 'root', num_children: names.length },
    ...names.map((n): SchemaElement => ({ name: n, repetition_type: 'OPTIONAL', ...ELEMENT[kind(n)] })),
  ];
  const columnData = names.map((n) => ({ name: n, data: rows.map((r) => value(kind(n), r[n])) }));
  writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, schema, rowGroupSize: 50 })));
  return file;
}

const asParquet = (file: string) => file.replace(/\.csv$/, '.parquet');

let dir = '';
const noDb = () => path.join(dir, 'no-such.db');

/** The report from the CSV and from the Parquet table: stdout byte for byte, both exit 0. */
async function same(command: string, csvArgs: string[], args: string[]): Promise<void> {
  const fromCsv = await orderlens(noDb(), [command, ...csvArgs, ...args, '--format', 'csv']);
  expect([fromCsv.code, fromCsv.stderr]).toEqual([0, expect.not.stringContaining('error')]);
  const parquetArgs = csvArgs.map((a) => (a.endsWith('.csv') ? asParquet(a) : a));
  const fromParquet = await orderlens(noDb(), [command, ...parquetArgs, ...args, '--format', 'csv']);
  expect([fromParquet.code, fromParquet.stderr]).toEqual([0, expect.not.stringContaining('error')]);
  expect(fromCsv.stdout.split('\n').length).toBeGreaterThan(2);
  expect(fromParquet.stdout).toBe(fromCsv.stdout);
}

let demo: Shop;
let demoDb = '';

beforeAll(async () => {
  dir = tempDir('orderlens-parquet-');
  demoDb = path.join(dir, 'demo.db');
  const r = await orderlens(demoDb, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')]);
  expect(r.code).toBe(0);
  demo = writeAggregates(demoDb, dir);
  for (const f of [demo.summary, demo.gaps, ...Object.values(demo.counts)]) toParquet(f, asParquet(f));
}, 300_000);

describe('Parquet written by hyparquet-writer: the same reports as the CSV of the same table', () => {
  it('the files cross row groups and hold nulls (one-day customers have no median gap)', () => {
    const bytes = readFileSync(asParquet(demo.summary));
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const rows = readFileSync(demo.summary, 'utf8').trimEnd().split('\n').length - 1;
    expect(rows).toBeGreaterThan(150);
    expect(readFileSync(demo.summary, 'utf8')).toMatch(/,\n/); // an empty last cell: null in the Parquet file
  });
  it.each([[[]], [['--by', 'customer']], [['--scheme', 'cn8', '--by', 'customer']]])('rfm %j', async (args) => {
    await same('rfm', ['--summary', demo.summary], args);
  });
  it('churn --by customer, its threshold from a Parquet gap histogram', async () => {
    await same('churn', ['--summary', demo.summary, '--gaps', demo.gaps], ['--by', 'customer']);
  });
  it.each([[['--by', 'customer']], [['--by', 'cohort', '--params']], [['--stream']]])('ltv %j', async (args) => {
    await same('ltv', ['--summary', demo.summary], args);
  }, 120_000);
  it.each([['month', []], ['week', ['--period', 'week', '--metric', 'orders']], ['quarter', ['--period', 'quarter', '--long']]] as const)('cohorts --counts (%s)', async (period, args) => {
    await same('cohorts', ['--counts', demo.counts[period]], [...args]);
  });
  it('a DECIMAL median gap and a file not named .parquet read the same (found by its PAR1 bytes)', async () => {
    const decimal = toParquet(demo.summary, path.join(dir, 'summary-decimal.data'), { median_gap_days: 'decimal1' });
    const a = await orderlens(noDb(), ['rfm', '--summary', demo.summary, '--by', 'customer', '--format', 'csv']);
    const b = await orderlens(noDb(), ['rfm', '--summary', decimal, '--by', 'customer', '--format', 'csv']);
    expect([b.code, b.stderr]).toEqual([0, expect.not.stringContaining('error')]);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('bad Parquet files: one line naming the file and what is wrong, exit 1', () => {
  const bad = async (file: string, message: string, command = ['rfm', '--summary']) => {
    const r = await orderlens(noDb(), [...command, file]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    // one error line (churn notes its as-of day, read from the summary, before it reads the gaps)
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('error'))).toEqual([lines.at(-1)]);
    expect(lines.at(-1)).toContain(`orderlens: error: ${file}`);
    expect(lines.at(-1)).toContain(message);
  };

  it('cut short', async () => {
    const whole = readFileSync(asParquet(demo.summary));
    const cut = path.join(dir, 'cut.parquet');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await bad(cut, 'is not a whole Parquet file: it starts with PAR1 but does not end with it');
  });
  it('PAR1 at both ends, garbage between', async () => {
    const whole = readFileSync(asParquet(demo.summary));
    const broken = Buffer.from(whole);
    broken.fill(0xff, whole.length - 40, whole.length - 8); // the footer's metadata
    const file = path.join(dir, 'broken.parquet');
    writeFileSync(file, broken);
    await bad(file, 'cannot be read as Parquet:');
  });
  it('named .parquet but not Parquet', async () => {
    const file = path.join(dir, 'text.parquet');
    writeFileSync(file, readFileSync(demo.summary));
    await bad(file, 'is named .parquet but does not start with PAR1');
  });
  it('a missing column, an unknown one', async () => {
    const text = readFileSync(demo.summary, 'utf8').split('\n').map((l) => l.split(',').slice(0, -1).join(',')).join('\n');
    const csv = path.join(dir, 'no-gap.csv');
    writeFileSync(csv, text);
    await bad(toParquet(csv, path.join(dir, 'no-gap.parquet')), ':1: a per-customer summary lacks column median_gap_days');
    const extra = path.join(dir, 'extra.csv');
    writeFileSync(extra, readFileSync(demo.summary, 'utf8').split('\n').map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'note' : 'x'}`)).join('\n'));
    await bad(toParquet(extra, path.join(dir, 'extra.parquet')), ":1: unknown column 'note'");
  });
  it('columns of types a cell cannot hold', async () => {
    await bad(toParquet(demo.summary, path.join(dir, 'ts.parquet'), { first_purchase: 'timestamp' }), 'column first_purchase is a Parquet TIMESTAMP');
    await bad(toParquet(demo.gaps, path.join(dir, 'bool.parquet'), { shop: 'bool' }), 'column shop is a Parquet BOOLEAN', ['churn', '--summary', asParquet(demo.summary), '--gaps']);
  });
  it('a text where a number belongs, and a null customer, name the row as the CSV line it would be', async () => {
    await bad(toParquet(demo.summary, path.join(dir, 'text-revenue.parquet'), { revenue: 'text' }, (rows) => (rows[2].revenue = 'lots')), ":4: revenue 'lots' is not a whole number");
    await bad(toParquet(demo.summary, path.join(dir, 'null-key.parquet'), {}, (rows) => (rows[60].customer_key = '')), ':62: customer_key is empty');
  });
  it('a data page v2 header without its level lengths (hyparquet looped for ever on it; found by the fuzz test)', async () => {
    const file = path.join(dir, 'page-v2.parquet');
    writeFileSync(file, readFileSync(path.join(import.meta.dirname, 'files', 'page-v2-without-level-lengths.parquet')));
    await bad(file, 'cannot be read as Parquet: a page header of column platform is damaged', ['cohorts', '--counts']);
  });
  it('a Parquet cohort table with a day where the cohort label belongs', async () => {
    await bad(toParquet(demo.counts.month, path.join(dir, 'cohort-day.parquet'), { cohort: 'int' }, (rows) => rows.forEach((r) => (r.cohort = '202401'))), ":2: cohort '202401' is not a month", ['cohorts', '--counts']);
  });
});

describe.skipIf(!duck)(`Parquet written by DuckDB (sql-plan's SQL, COPY … (FORMAT PARQUET)) ${duck ? '' : `(skipped: ${duckSkipReason})`}`, () => {
  const files: Record<string, { csv: string; parquet: string }> = {};
  beforeAll(async () => {
    const orders = path.join(dir, 'orders.parquet');
    expect((await orderlens(demoDb, ['export', 'orders', '--out', orders])).code).toBe(0);
    const write = async (aggregate: AggregateName, name: string, period?: 'month' | 'week') => {
      const sql = planSql(aggregate, { dialect: 'duckdb', table: orders, asOf: null, period, title: 'test' }).trimEnd().replace(/;$/, '');
      const f = { csv: path.join(dir, `duck-${name}.csv`), parquet: path.join(dir, `duck-${name}.parquet`) };
      await duck!.rows(`COPY (${sql}\n) TO '${f.csv}' (HEADER, DELIMITER ',')`);
      await duck!.rows(`COPY (${sql}\n) TO '${f.parquet}' (FORMAT PARQUET)`);
      files[name] = f;
    };
    await write('customers', 'customers');
    await write('gaps', 'gaps');
    await write('cohorts', 'cohorts-month', 'month');
    await write('cohorts', 'cohorts-week', 'week');
  }, 300_000);

  it('DuckDB types its columns (DATE, BIGINT, DOUBLE for sums): read as its CSV reads', async () => {
    const types = await duck!.rows(`DESCRIBE SELECT * FROM '${files.customers.parquet}'`);
    const of = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
    expect(of).toMatchObject({ first_purchase: 'DATE', frequency: 'BIGINT', median_gap_days: 'DOUBLE' });
  });
  it('rfm, churn, ltv --by customer and cohorts print the same CSV from either file', async () => {
    const c = files.customers.csv;
    await same('rfm', ['--summary', c], ['--by', 'customer']);
    await same('churn', ['--summary', c, '--gaps', files.gaps.csv], ['--by', 'customer']);
    await same('ltv', ['--summary', c], ['--by', 'customer']);
    await same('cohorts', ['--counts', files['cohorts-month'].csv], []);
    await same('cohorts', ['--counts', files['cohorts-week'].csv], ['--period', 'week']);
  }, 120_000);
});
