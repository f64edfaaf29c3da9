/**
 * Option bundles shared by the report commands, and their parsing into typed values. Bad values are
 * UsageErrors (exit 2).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DataError, UsageError } from '../errors.js';
import { formatDay, parseDay, type EpochDay } from '../domain/day.js';
import { lastDay, type PurchaseLog } from '../domain/purchase-log.js';
import { openDb, resolveDbPath, type Db } from '../db/open.js';
import type { OrderFilter } from '../db/queries.js';
import { FORMATS, render, renderCsvBytes, type Format } from '../output/render.js';
import { tableLines } from '../report/table-lines.js';
import { withoutMoney, type Report } from '../output/report.js';
import { NO_AMOUNTS } from '../domain/money.js';
import { parseDiscountRate, parseHorizon, parseMargin } from '../domain/horizon.js';
import { said, type Said } from '../report/said.js';
import { stallAt } from './interrupt.js';
import { OutputFile, protectedFiles, refuseProtectedOutput } from './output-file.js';
import { note, waitMs, type CliContext } from './command-context.js';

// what every command uses, besides the report commands' options: in command-context.ts (an import loads only that)
export { isQuiet, note, parseNumberFlag, waitMs, type CliContext } from './command-context.js';

export interface OutputFlags {
  format?: string;
  out?: string;
  lang?: string;
  bom?: boolean;
  limit?: string;
  sort?: string;
  formulaGuard?: boolean;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>').choices(FORMATS))
    .option('--out <file>')
    .option('--limit <n>')
    .option('--sort <column>')
    .option('--bom')
    .option('--no-formula-guard')
    .addOption(new Option('--lang <lang>').choices(['en', 'zh']));
}

export interface FilterFlags {
  since?: string;
  until?: string;
  /** cohorts and churn: the window of first orders (--acquired-since/--acquired-until). */
  acquiredSince?: string;
  acquiredUntil?: string;
  platform?: string;
  shop?: string;
  currency?: string;
}

/**
 * `window` says what the date window restricts, and so its name: the orders read (`--since/--until`, default),
 * or the customers by the day of their first order (`--acquired-since/--acquired-until`: cohorts and churn,
 * which need every later order of those customers). There --since/--until still work, hidden, as the old
 * spellings of the acquisition window.
 */
export function addFilterOptions(cmd: Command, window: 'orders' | 'acquisition' = 'orders'): Command {
  if (window === 'orders') {
    cmd
      .option('--since <date>')
      .option('--until <date>');
  } else {
    cmd
      .option('--acquired-since <date>')
      .option('--acquired-until <date>')
      .addOption(new Option('--since <date>').hideHelp())
      .addOption(new Option('--until <date>').hideHelp());
  }
  return cmd
    .option('--platform <name>')
    .option('--shop <name>')
    .option('--currency <code>');
}

export function addAsOfOption(cmd: Command): Command {
  return cmd.option('--as-of <date>');
}

/** `YYYY-MM-DD` flag → epoch day; anything else is a usage error naming the flag. */
export function parseDayFlag(flag: string, value: string): EpochDay {
  const day = parseDay(value.trim());
  if (day === null) throw new UsageError(said('flag.notDate', { flag, value }));
  return day;
}

/** A positive integer flag. */
export function parseIntFlag(flag: string, value: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(said('flag.notWhole', { flag, value }));
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(said('flag.range', { flag, min: String(min), max: String(max), n: String(n) }));
  return n;
}

/** `--horizon`, `--discount` and `--margin` of the value commands (ltv, snapshot); a bad one is a usage error. */
export function parseValueFlags(flags: { horizon: string; discount: string; margin: string }): { horizonDays: number; discountPerDay: number; margin: number } {
  const horizonDays = parseHorizon(flags.horizon);
  if (horizonDays === null) throw new UsageError(said('flag.horizon', { value: flags.horizon }));
  const discountPerDay = parseDiscountRate(flags.discount);
  if (discountPerDay === null) throw new UsageError(said('flag.discount', { value: flags.discount }));
  const margin = parseMargin(flags.margin);
  if (margin === null) throw new UsageError(said('flag.margin', { value: flags.margin }));
  return { horizonDays, discountPerDay, margin };
}

/** The order window (--since/--until): the orders on local days in it are read, with --platform/--shop/--currency. */
export function parseFilter(flags: FilterFlags): OrderFilter {
  return { ...parseDayWindow(['--since', flags.since], ['--until', flags.until]), ...parseScope(flags) };
}

/** The customers whose first order falls on local days in it (`cohorts`, `churn`): not an order filter. */
export interface AcquisitionWindow {
  since?: EpochDay;
  until?: EpochDay;
}

/**
 * The acquisition window (--acquired-since/--acquired-until; the hidden --since/--until are their old spellings)
 * and the order filter of an acquisition command: --platform/--shop/--currency only, as every later order of the
 * acquired customers counts.
 */
export function parseAcquisition(flags: FilterFlags): { window: AcquisitionWindow; filter: OrderFilter } {
  const acquired = flags.acquiredSince !== undefined || flags.acquiredUntil !== undefined;
  const window = acquired
    ? parseDayWindow(['--acquired-since', flags.acquiredSince ?? flags.since], ['--acquired-until', flags.acquiredUntil ?? flags.until])
    : parseDayWindow(['--since', flags.since], ['--until', flags.until]);
  return { window, filter: parseScope(flags) };
}

function parseDayWindow([sinceFlag, sinceText]: [string, string | undefined], [untilFlag, untilText]: [string, string | undefined]): AcquisitionWindow {
  const window: AcquisitionWindow = {};
  if (sinceText !== undefined) window.since = parseDayFlag(sinceFlag, sinceText);
  if (untilText !== undefined) window.until = parseDayFlag(untilFlag, untilText);
  if (window.since !== undefined && window.until !== undefined && window.since > window.until) throw new UsageError(said('flag.sinceAfterUntil', { since: sinceFlag, until: untilFlag }));
  return window;
}

/** --platform, --shop, --currency. */
function parseScope(flags: FilterFlags): OrderFilter {
  const filter: OrderFilter = {};
  if (flags.platform) filter.platform = flags.platform.toLowerCase();
  if (flags.shop?.trim()) filter.shop = flags.shop.trim();
  if (flags.currency) {
    if (!/^[A-Za-z]{3}$/.test(flags.currency)) throw new UsageError(said('flag.currency', { value: flags.currency }));
    filter.currency = flags.currency.toUpperCase();
  }
  return filter;
}

/** Opens the existing database for a report (a missing database is a data error, exit 1). */
export function openReportDb(ctx: CliContext): Db {
  return openDb(resolveDbPath(ctx.globals().db, ctx.io.env), { create: false, busyMs: waitMs(ctx) });
}

/** Runs `body` on the report database (openReportDb), closed afterwards whatever happens. */
export function withReportDb<T>(ctx: CliContext, body: (db: Db) => T): T {
  const db = openReportDb(ctx);
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/**
 * The analysis day: --as-of, else the day after the last purchase in the log (said on stderr).
 * An empty log is a data error.
 */
export function resolveAsOf(ctx: CliContext, flag: string | undefined, log: PurchaseLog): EpochDay {
  if (flag !== undefined) return parseDayFlag('--as-of', flag);
  const last = lastDay(log);
  if (last === null) throw new DataError(said('data.nothingToAnalyse'));
  const asOf = last + 1;
  note(ctx, said('note.asOf', { day: formatDay(asOf) }));
  return asOf;
}

/** Says how many orders were left out for lack of a buyer (customer reports never guess). */
export function noteExcluded(ctx: CliContext, log: Pick<PurchaseLog, 'ordersWithoutBuyer'>): void {
  if (log.ordersWithoutBuyer > 0) {
    note(ctx, said('note.noBuyer', { n: log.ordersWithoutBuyer }));
  }
}

export interface ResolvedOutput {
  format: Format;
  out: string | undefined;
  color: boolean;
  lang: 'en' | 'zh';
  /** Table on a terminal: its columns (0 or unknown: 80); a table on a pipe: COLUMNS when set, else as wide as the data. */
  width?: number;
}

/** The format a file name's extension says; undefined for names that say none (.txt, no extension). */
const EXTENSION_FORMATS: Record<string, Format> = { csv: 'csv', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', xlsx: 'xlsx' };

export function resolveOutput(ctx: CliContext, flags: OutputFlags): ResolvedOutput {
  const toFile = flags.out !== undefined;
  const ext = toFile ? path.extname(flags.out!).slice(1).toLowerCase() : '';
  if (ext === 'xls') throw new UsageError(said('flag.xls', { file: flags.out!, name: flags.out! }));
  const named = EXTENSION_FORMATS[ext] as Format | undefined;
  const given = flags.format as Format | undefined;
  if (given !== undefined && named !== undefined && given !== named) {
    throw new UsageError(said('flag.outFormat', { file: flags.out!, ext, format: given, want: given === 'table' ? 'txt' : given }));
  }
  const format = given ?? named ?? (ctx.io.stdoutIsTTY && !toFile ? 'table' : 'csv');
  if (format === 'xlsx' && !toFile) throw new UsageError(said('flag.xlsxNeedsOut'));
  const color = !toFile && ctx.io.stdoutIsTTY && ctx.globals().color !== false && ctx.io.env.NO_COLOR === undefined;
  // a table on a pipe (`--format table | less`): as wide as COLUMNS says when set, else as wide as the data
  const width = format !== 'table' || toFile ? undefined : ctx.io.stdoutIsTTY ? ctx.io.columns || 80 : envColumns(ctx.io.env.COLUMNS);
  return { format, out: flags.out, color, lang: flags.lang === 'zh' ? 'zh' : 'en', width };
}

/** COLUMNS as a terminal width (a positive whole number), else undefined. */
function envColumns(text: string | undefined): number | undefined {
  const n = text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
  return n > 0 ? n : undefined;
}

/** --sort COLUMN[:desc]: a stable sort by one column's raw value; empty cells last either way. */
export function sortRows(report: Report, spec: string): Report {
  const m = /^(.+?)(?::(asc|desc))?$/i.exec(spec.trim());
  const col = m ? report.columns.find((c) => c.key === m[1]) : undefined;
  if (!m || !col) throw new UsageError(said('flag.sort', { spec, columns: report.columns.map((c) => c.key).join(', ') }));
  const sign = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const field = col.field ?? col.key;
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
  const rows = report.rows.slice().sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (empty(x) || empty(y)) return empty(x) === empty(y) ? 0 : empty(x) ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    if (typeof x === 'number') return -sign; // numbers before texts
    if (typeof y === 'number') return sign;
    return sign * (x! < y! ? -1 : x! > y! ? 1 : 0);
  });
  return { ...report, rows };
}

/** A report is per customer when it names customers: on a terminal it shows the rows that fit the screen. */
const perCustomer = (report: Report) => report.columns.some((c) => c.key === 'customer' || c.key === 'customer_key');

/**
 * Renders a report to stdout or --out, and its notes to stderr: --sort, then --limit, then the format.
 */
export function emitReport(ctx: CliContext, given: Report, flags: OutputFlags): void {
  const out = resolveOutput(ctx, flags);
  let report = given;
  if (given.currency === NO_AMOUNTS) {
    const stripped = withoutMoney(given);
    report = stripped.report;
    if (stripped.dropped.length > 0) note(ctx, said('note.noAmounts', { columns: stripped.dropped.join(', ') }));
  }
  for (const n of report.notes ?? []) note(ctx, n as string | Said);
  if (flags.sort !== undefined) report = sortRows(report, flags.sort);
  const limit = flags.limit === undefined ? 0 : parseIntFlag('--limit', flags.limit, 0);
  const total = report.rows.length;
  if (limit > 0 && total > limit) report = { ...report, rows: report.rows.slice(0, limit) };
  const what = said('note.rows', { n: report.rows.length });
  if (out.format === 'csv') {
    // as UTF-8 chunks, written as they are: a million-row CSV never becomes one string
    const chunks = renderCsvBytes(report, { formulaGuard: flags.formulaGuard, lang: out.lang });
    writeOutput(ctx, flags.bom ? [Buffer.from('\uFEFF'), ...chunks] : chunks, out.out, what);
  } else if (out.format === 'xlsx') {
    // exceljs is loaded only for a workbook: loading it costs every other command about 0.2 s
    const written = import('../output/xlsx.js').then(({ renderXlsx }) => renderXlsx(report, { lang: out.lang })).then(
      (chunks) => writeOutput(ctx, chunks, out.out, what),
      (e: unknown) => {
        throw e instanceof RangeError ? new DataError(e.message) : e;
      },
    );
    (ctx.pending ??= []).push(written);
  } else {
    const height = out.width !== undefined && flags.limit === undefined && perCustomer(report) ? ctx.io.rows || 24 : undefined;
    const text = render(report, { format: out.format, color: out.color, lang: out.lang, width: out.width, height, moreRows: total - report.rows.length, lines: tableLines(out.lang) });
    writeOutput(ctx, text, out.out, what);
  }
}

/**
 * Rendered text, or UTF-8 chunks (split between characters; any iterable, so a long output is made while it
 * is written), to --out FILE (mode 0600, said on stderr: `wrote WHAT to FILE`, WHAT asked for once written)
 * or to stdout.
 */
export function writeOutput(ctx: CliContext, text: string | Iterable<Buffer>, file: string | undefined, what: string | Said | (() => string | Said)): void {
  if (file) {
    refuseProtectedOutput(file, '--out', protectedFiles(resolveDbPath(ctx.globals().db, ctx.io.env)));
    const out = OutputFile.open(file);
    try {
      for (const chunk of typeof text === 'string' ? [text] : text) {
        out.write(chunk);
        stallAt(ctx.io, 'write');
      }
      out.commit();
    } finally {
      out.abort(); // a no-op once committed
    }
    note(ctx, said('note.wrote', { what: typeof what === 'function' ? what() : what, file }));
  } else if (typeof text === 'string') ctx.io.stdout.write(text);
  else for (const chunk of text) ctx.io.stdout.write(chunk.toString('utf8'));
}
