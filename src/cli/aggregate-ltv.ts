/**
 * `ltv --summary FILE` on more customers than are held in memory: two passes over the file. The first gathers
 * the fit's inputs (distinct (x, t_x, T) rows with counts, the repeat customers' mean spends) and counts the
 * customers; the ltv command fits; the second pass predicts customer by customer and hands each to a sink
 * (rows written out in parts, or sums per group). Memory follows the distinct rows, not the customers.
 */
import { stat } from 'node:fs/promises';
import { dayFormatter, type EpochDay } from '../domain/day.js';
import { minorDigits, NO_AMOUNTS } from '../domain/money.js';
import { DataError, UsageError } from '../errors.js';
import { said } from '../report/said.js';
import { LtvInputBuilder } from '../analytics/ltv-input.js';
import type { LtvFitInput, LtvPredictor, CustomerPrediction } from '../analytics/ltv.js';
import type { TimeUnit } from '../analytics/ltv-summary.js';
import { scanCustomerSummary, type AggregateFilter, type SummaryRow } from '../import/aggregate-csv.js';
import { CsvBytes } from '../output/csv-bytes.js';
import { csvRowWriter, renderNdjson, writeCsvHeader } from '../output/render.js';
import { withoutMoney, type Column, type Row } from '../output/report.js';
import { resolveDbPath } from '../db/open.js';
import { OutputFile, protectedFiles, refuseProtectedOutput } from './output-file.js';
import { note, resolveOutput, type CliContext, type OutputFlags } from './options.js';

/** Above this many customers `ltv --summary` streams (rows in the file's order) instead of holding them. */
export const STREAM_ABOVE = 1_000_000;

export interface LtvSummaryScan {
  rows: number;
  currency: string;
  asOf: EpochDay;
  /** Whether some customer has a clear contact (then the contact column is written). */
  contact: boolean;
  input: LtvFitInput;
  /** The compressed row of the i-th kept customer (from 0), in the file's order. */
  rowAt: (i: number) => number;
  /** The file as the first pass found it (fileStamp): the second pass must read the same. */
  stamp: string;
}

/**
 * What tells the file read in the second pass from the one of the first: its device, inode, size and
 * modification time (to the nanosecond the file system keeps). A file replaced (a new inode), rewritten or
 * appended to between the passes differs; 'gone' once it is removed.
 */
async function fileStamp(file: string): Promise<string> {
  try {
    const s = await stat(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return 'gone';
  }
}

/** Runs one pass over the file; a file that is no longer the one stamped fails with that, not with what it broke. */
async function unchangedPass<T>(file: string, stamp: string, pass: () => Promise<T>): Promise<T> {
  const changed = () => new DataError(said('agg.changedBetweenPasses', { file }));
  let result: T;
  try {
    result = await pass();
  } catch (e) {
    if ((await fileStamp(file)) !== stamp) throw changed();
    throw e;
  }
  if ((await fileStamp(file)) !== stamp) throw changed();
  return result;
}

/** The first pass: the fit's inputs in `unit`; null when no row is kept. */
export async function scanSummaryForLtv(file: string, filter: AggregateFilter, unit: TimeUnit): Promise<LtvSummaryScan | null> {
  let builder: LtvInputBuilder | null = null;
  let contact = false;
  const stamp = await fileStamp(file);
  const found = await unchangedPass(file, stamp, () =>
    scanCustomerSummary(file, filter, (row) => {
      builder ??= new LtvInputBuilder(unit, row.asOf - 1, minorDigits(row.currency));
      builder.add(row.first, row.purchaseDays - 1, row.last - row.first, row.asOf - 1 - row.first, row.repeatRevenue);
      if (!contact && row.hasContact) contact = true;
    }),
  );
  if (found === null || builder === null) return null;
  const { input, rowAt } = (builder as LtvInputBuilder).build();
  return { ...found, contact, input, rowAt, stamp };
}

/** A customer of the second pass: the summary row, its values in model units and its predictions. One object, reused. */
export interface StreamedCustomer {
  row: SummaryRow;
  /** Distinct row of the fit. */
  r: number;
  frequency: number;
  recency: number;
  age: number;
  prediction: CustomerPrediction;
  /** The spend's log-gradient (for group intervals), or null. */
  gS: Float64Array | null;
}

/**
 * The second pass: every kept customer, predicted, to `sink`, in the file's order (one object, overwritten).
 * A DataError when the file is not the one the first pass read (another stamp before, during or after the
 * pass, or another number of customers): the predictions would mix two files.
 */
export async function predictSummary(file: string, filter: AggregateFilter, scan: LtvSummaryScan, predictor: LtvPredictor, sink: (c: StreamedCustomer) => void): Promise<void> {
  const unitDays = scan.input.unitDays;
  const gS = predictor.spendGradients ? new Float64Array(3) : null;
  const prediction = predictor.customer(0, 0, NaN, null);
  let c: StreamedCustomer | null = null;
  let rows = 0;
  if ((await fileStamp(file)) !== scan.stamp) throw new DataError(said('agg.changedBetweenPasses', { file }));
  await unchangedPass(file, scan.stamp, () =>
    scanCustomerSummary(file, filter, (row) => {
      const x = row.purchaseDays - 1;
      const recency = row.last - row.first;
      const age = row.asOf - 1 - row.first;
      // the file is the first pass's (checked before and after): its i-th kept customer is the first pass's
      if (rows >= scan.rows) throw new DataError(said('agg.changedBetweenPasses', { file }));
      const r = scan.rowAt(rows);
      if (gS) gS.fill(0);
      predictor.predictInto(prediction, r, x, x > 0 ? row.repeatRevenue / x : NaN, gS);
      c ??= { row, r, frequency: 0, recency: 0, age: 0, prediction, gS };
      c.r = r;
      c.frequency = x;
      c.recency = recency / unitDays;
      c.age = age / unitDays;
      rows++;
      sink(c);
    }),
  );
  if (rows !== scan.rows) throw new DataError(said('agg.changedBetweenPasses', { file }));
}

/** The fields of ltv's customer rows (its customer columns), as one streamed customer fills them. */
interface CustomerFields extends Row, CustomerPrediction {
  key: string;
  customer: string;
  platform: string;
  shop: string;
  contact: string | null;
  first_order: string;
  last_order: string;
  frequency: number;
  recency: number;
  age: number;
  revenue: number;
}

/**
 * `ltv --summary --by customer` streamed: each customer's row to `out` as the second pass reads it, in one
 * object overwritten customer by customer (the report renders it when added); `each` sees the customer's
 * row, CLV and spend gradient (for the total's interval).
 */
export async function streamCustomerRows(
  file: string, filter: AggregateFilter, scan: LtvSummaryScan, predictor: LtvPredictor, out: StreamedReport,
  each: (r: number, clv: number | null, gS: Float64Array | null) => void,
): Promise<void> {
  const dayText = dayFormatter();
  const fields: CustomerFields = {
    key: '', customer: '', platform: '', shop: '', contact: null, first_order: '', last_order: '', frequency: 0, recency: 0, age: 0, revenue: 0,
    p_alive: 0, expected_purchases: 0, expected_spend: null, clv: null, expected_purchases_low: undefined, expected_purchases_high: undefined, clv_low: undefined, clv_high: undefined,
  };
  await predictSummary(file, filter, scan, predictor, (c) => {
    const row = c.row;
    const key = row.key;
    fields.key = key;
    fields.customer = row.displayOr(key);
    fields.platform = row.platform;
    fields.shop = row.shop;
    fields.contact = row.contact;
    fields.first_order = dayText(row.first);
    fields.last_order = dayText(row.last);
    fields.frequency = c.frequency;
    fields.recency = c.recency;
    fields.age = c.age;
    fields.revenue = row.revenue;
    const p = c.prediction;
    fields.p_alive = p.p_alive;
    fields.expected_purchases = p.expected_purchases;
    fields.expected_spend = p.expected_spend;
    fields.clv = p.clv;
    fields.expected_purchases_low = p.expected_purchases_low;
    fields.expected_purchases_high = p.expected_purchases_high;
    fields.clv_low = p.clv_low;
    fields.clv_high = p.clv_high;
    out.add(fields);
    each(c.r, c.prediction.clv, c.gS);
  });
}

/** NDJSON text collected before it is written. */
const PART_CHARS = 1 << 20;

/**
 * What a streamed report can be written as (CSV or NDJSON, to stdout or a file that is none of the inputs);
 * checked before the work, so a wrong --format costs nothing.
 */
export function checkStreamedOutput(ctx: CliContext, flags: OutputFlags, inputs: string[]): { format: 'csv' | 'ndjson'; out: string | undefined; lang: 'en' | 'zh' } {
  const out = resolveOutput(ctx, flags);
  const why = said('agg.streamWhy', { n: STREAM_ABOVE });
  if (out.format !== 'csv' && out.format !== 'ndjson') throw new UsageError(said('agg.streamFormat', { why, format: out.format }));
  if (flags.sort !== undefined || flags.limit !== undefined) throw new UsageError(said('agg.streamSort', { why }));
  if (out.out) refuseProtectedOutput(out.out, '--out', protectedFiles(resolveDbPath(ctx.globals().db, ctx.io.env), inputs));
  return { format: out.format, out: out.out, lang: out.lang };
}

/**
 * Rows written as they come: CSV (the header once) or NDJSON, to stdout or --out (a file written whole or not
 * at all). Each row is rendered when added (the caller may reuse one row object) and the text goes out in
 * parts of about a megabyte. Formats that need every row first (table, JSON, xlsx) and --sort/--limit are
 * usage errors.
 */
export class StreamedReport {
  private written = 0;
  private text = '';
  private readonly csv: CsvBytes | null;
  private readonly writeRow: ((out: CsvBytes, row: Row) => void) | null;
  private readonly file: OutputFile | null;
  private readonly format: 'csv' | 'ndjson';
  private readonly columns: Column[];

  constructor(
    private readonly ctx: CliContext,
    flags: OutputFlags,
    columns: Column[],
    private readonly currency: string,
    inputs: string[],
  ) {
    const out = checkStreamedOutput(ctx, flags, inputs);
    this.format = out.format;
    this.columns = currency === NO_AMOUNTS ? withoutMoney({ columns, rows: [], currency }).report.columns : columns;
    if (out.out) {
      this.file = OutputFile.open(out.out);
    } else {
      this.file = null;
    }
    if (this.format === 'csv') {
      if (flags.bom) this.write([Buffer.from('\uFEFF')]);
      this.csv = new CsvBytes();
      writeCsvHeader(this.csv, this.columns, out.lang);
      this.writeRow = csvRowWriter(this.columns, currency, { formulaGuard: flags.formulaGuard });
    } else {
      this.csv = null;
      this.writeRow = null;
    }
  }

  add(row: Row): void {
    this.written++;
    if (this.csv) {
      (this.writeRow as (out: CsvBytes, row: Row) => void)(this.csv, row);
      const full = this.csv.take();
      if (full.length > 0) this.write(full);
      return;
    }
    this.text += renderNdjson({ columns: this.columns, rows: [row], currency: this.currency });
    if (this.text.length >= PART_CHARS) {
      this.write(this.text);
      this.text = '';
    }
  }

  private write(chunks: readonly Buffer[] | string): void {
    if (this.file) {
      if (typeof chunks === 'string') this.file.write(chunks);
      else for (const c of chunks) this.file.write(c);
    } else if (typeof chunks === 'string') this.ctx.io.stdout.write(chunks);
    else for (const c of chunks) this.ctx.io.stdout.write(c.toString('utf8'));
  }

  /** Writes what is left (the header alone when there were no rows) and commits the file. */
  end(): void {
    if (this.csv) this.write(this.csv.end());
    else if (this.text) this.write(this.text);
    if (this.file) {
      this.file.commit();
      note(this.ctx, said('agg.wroteRows', { n: this.written, file: this.file.file }));
    }
  }

  /** Drops a file being written (after an error). */
  abort(): void {
    this.file?.abort();
  }
}

/** The note that says rows come in the file's order. */
export function streamNote(ctx: CliContext, customers: number, file: string): void {
  note(ctx, said('agg.streamNote', { n: customers, file, limit: STREAM_ABOVE }));
}

