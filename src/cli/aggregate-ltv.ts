/**
 * `ltv --summary FILE` on more customers than are held in memory: two passes over the file. The first gathers
 * the fit's inputs (distinct (x, t_x, T) rows with counts, the repeat customers' mean spends) and counts the
 * customers; the ltv command fits; the second pass predicts customer by customer and hands each to a sink
 * (rows written out in parts, or sums per group). Memory follows the distinct rows, not the customers.
 */
import type { EpochDay } from '../domain/day.js';
import { minorDigits, NO_AMOUNTS } from '../domain/money.js';
import { UsageError } from '../errors.js';
import { LtvInputBuilder } from '../analytics/ltv-input.js';
import type { LtvFitInput, LtvPredictor, CustomerPrediction } from '../analytics/ltv.js';
import type { TimeUnit } from '../analytics/ltv-summary.js';
import { scanCustomerSummary, type AggregateFilter } from '../import/aggregate-csv.js';
import type { CustomerRef } from '../domain/purchase-log.js';
import { renderCsvBytes, renderNdjson } from '../output/render.js';
import { withoutMoney, type Column, type Report, type Row } from '../output/report.js';
import { resolveDbPath } from '../db/open.js';
import { onInterrupt } from './interrupt.js';
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
  rowOf: (x: number, recencyDays: number, ageDays: number) => number;
}

/** The first pass: the fit's inputs in `unit`; null when no row is kept. */
export async function scanSummaryForLtv(file: string, filter: AggregateFilter, unit: TimeUnit): Promise<LtvSummaryScan | null> {
  let builder: LtvInputBuilder | null = null;
  let contact = false;
  const found = await scanCustomerSummary(file, filter, (row) => {
    builder ??= new LtvInputBuilder(unit, row.asOf - 1, minorDigits(row.currency));
    builder.add(row.first, row.purchaseDays - 1, row.last - row.first, row.asOf - 1 - row.first, row.repeatRevenue);
    if (!contact && row.hasContact) contact = true;
  });
  if (found === null || builder === null) return null;
  const { input, rowOf } = (builder as LtvInputBuilder).build();
  return { ...found, contact, input, rowOf };
}

/** A customer of the second pass: the summary row, its values in model units and its predictions. */
export interface StreamedCustomer {
  row: { ref: CustomerRef; first: EpochDay; last: EpochDay; revenue: number };
  /** Distinct row of the fit. */
  r: number;
  frequency: number;
  recency: number;
  age: number;
  prediction: CustomerPrediction;
  /** The spend's log-gradient (for group intervals), or null. */
  gS: Float64Array | null;
}

/** The second pass: every kept customer, predicted, to `sink`, in the file's order. */
export async function predictSummary(file: string, filter: AggregateFilter, scan: LtvSummaryScan, predictor: LtvPredictor, sink: (c: StreamedCustomer) => void): Promise<void> {
  const unitDays = scan.input.unitDays;
  const gS = predictor.spendGradients ? new Float64Array(3) : null;
  await scanCustomerSummary(file, filter, (row) => {
    const x = row.purchaseDays - 1;
    const recency = row.last - row.first;
    const age = row.asOf - 1 - row.first;
    const r = scan.rowOf(x, recency, age);
    if (gS) gS.fill(0);
    const prediction = predictor.customer(r, x, x > 0 ? row.repeatRevenue / x : NaN, gS);
    sink({ row: { ref: row.ref(), first: row.first, last: row.last, revenue: row.revenue }, r, frequency: x, recency: recency / unitDays, age: age / unitDays, prediction, gS });
  });
}

const PART_ROWS = 8192;

/**
 * What a streamed report can be written as (CSV or NDJSON, to stdout or a file that is none of the inputs);
 * checked before the work, so a wrong --format costs nothing.
 */
export function checkStreamedOutput(ctx: CliContext, flags: OutputFlags, inputs: string[]): { format: 'csv' | 'ndjson'; out: string | undefined; lang: 'en' | 'zh' } {
  const out = resolveOutput(ctx, flags);
  const why = `rows are written as they are computed, in the summary's order (--stream, or more than ${STREAM_ABOVE.toLocaleString('en-US')} customers)`;
  if (out.format !== 'csv' && out.format !== 'ndjson') throw new UsageError(`${why}: as --format csv or ndjson, not ${out.format}`);
  if (flags.sort !== undefined || flags.limit !== undefined) throw new UsageError(`${why}: --sort and --limit need every row at once; sort the CSV afterwards`);
  if (out.out) refuseProtectedOutput(out.out, '--out', protectedFiles(resolveDbPath(ctx.globals().db, ctx.io.env), inputs));
  return { format: out.format, out: out.out, lang: out.lang };
}

/**
 * Rows written as they come, in parts: CSV (the header once) or NDJSON, to stdout or --out (a file written whole
 * or not at all). Formats that need every row first (table, JSON, xlsx) and --sort/--limit are usage errors.
 */
export class StreamedReport {
  private rows: Row[] = [];
  private written = 0;
  private readonly file: OutputFile | null;
  private readonly forget: () => void;
  private readonly format: 'csv' | 'ndjson';
  private readonly lang: 'en' | 'zh';
  private readonly columns: Column[];

  constructor(
    private readonly ctx: CliContext,
    private readonly flags: OutputFlags,
    columns: Column[],
    private readonly currency: string,
    inputs: string[],
  ) {
    const out = checkStreamedOutput(ctx, flags, inputs);
    this.format = out.format;
    this.lang = out.lang;
    this.columns = currency === NO_AMOUNTS ? withoutMoney({ columns, rows: [], currency }).report.columns : columns;
    if (out.out) {
      const file = OutputFile.open(out.out);
      this.file = file;
      this.forget = onInterrupt(() => file.abort());
    } else {
      this.file = null;
      this.forget = () => {};
    }
    if (this.format === 'csv' && flags.bom) this.write([Buffer.from('\uFEFF')]);
  }

  add(row: Row): void {
    this.rows.push(row);
    if (this.rows.length >= PART_ROWS) this.flush();
  }

  private write(chunks: readonly Buffer[] | string): void {
    if (this.file) {
      if (typeof chunks === 'string') this.file.write(chunks);
      else for (const c of chunks) this.file.write(c);
    } else if (typeof chunks === 'string') this.ctx.io.stdout.write(chunks);
    else for (const c of chunks) this.ctx.io.stdout.write(c.toString('utf8'));
  }

  private flush(): void {
    const report: Report = { columns: this.columns, rows: this.rows, currency: this.currency };
    if (this.format === 'csv') this.write(renderCsvBytes(report, { formulaGuard: this.flags.formulaGuard, lang: this.lang, header: this.written === 0 }));
    else this.write(renderNdjson(report));
    this.written += this.rows.length;
    this.rows = [];
  }

  /** Writes what is left (the header alone when there were no rows) and commits the file. */
  end(): void {
    if (this.rows.length > 0 || this.written === 0) this.flush();
    if (this.file) {
      this.file.commit();
      this.forget();
      note(this.ctx, `wrote ${this.written.toLocaleString('en-US')} rows to ${this.file.file}`);
    }
  }

  /** Drops a file being written (after an error). */
  abort(): void {
    this.file?.abort();
    this.forget();
  }
}

/** The note that says rows come in the file's order. */
export function streamNote(ctx: CliContext, customers: number, file: string): void {
  note(ctx, `${customers.toLocaleString('en-US')} customers: predictions are written as they are computed, in the order of ${file} (above ${STREAM_ABOVE.toLocaleString('en-US')} customers rows are not sorted by CLV; --stream does this for any size)`);
}

