/**
 * Option bundles shared by the report commands, and their parsing into typed values. Bad values are
 * UsageErrors (exit 2).
 */
import { Option, type Command } from 'commander';
import { DataError, UsageError } from '../errors.js';
import { formatDay, parseDay, type EpochDay } from '../domain/day.js';
import { lastDay, type PurchaseLog } from '../domain/purchase-log.js';
import { openDb, resolveDbPath, type Db } from '../db/open.js';
import type { OrderFilter } from '../db/queries.js';
import { FORMATS, render, renderCsvBytes, type Format } from '../output/render.js';
import type { Report } from '../output/report.js';
import { messageLine } from '../excerpt.js';
import type { Io } from './io.js';
import { onInterrupt } from './interrupt.js';
import { OutputFile, protectedFiles, refuseProtectedOutput } from './output-file.js';

/** What every command gets: the io and the global flags. */
export interface CliContext {
  io: Io;
  globals(): { db?: string; debug?: boolean; color?: boolean };
}

export interface OutputFlags {
  format?: string;
  out?: string;
  lang?: string;
  bom?: boolean;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'table, csv or json (default: table on a terminal, csv when piped)').choices(FORMATS))
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .option('--bom', 'start CSV output with a UTF-8 byte-order mark, so Excel shows Chinese text right')
    .addOption(new Option('--lang <lang>', 'language of table headers and segment names').choices(['en', 'zh']).default('en'));
}

export interface FilterFlags {
  since?: string;
  until?: string;
  platform?: string;
  shop?: string;
  currency?: string;
}

/**
 * `window` says what --since/--until restrict: the orders read (default), or the customers by the day of their
 * first order (`acquisition`: cohorts and churn, which need every later order of those customers).
 */
export function addFilterOptions(cmd: Command, window: 'orders' | 'acquisition' = 'orders'): Command {
  const what = window === 'orders' ? 'only orders' : 'only customers whose first order is';
  return cmd
    .option('--since <date>', `${what} on or after this local day (YYYY-MM-DD)`)
    .option('--until <date>', `${what} on or before this local day (YYYY-MM-DD)`)
    .option('--platform <name>', 'only orders from this platform')
    .option('--shop <name>', 'only orders from this shop')
    .option('--currency <code>', 'only orders in this currency (required when the data mixes currencies)');
}

/** The acquisition window of --since/--until in words, `between 2024-01-01 and 2024-03-31 ` for errors. */
export function acquisitionWindow(since: EpochDay | undefined, until: EpochDay | undefined): string {
  if (since !== undefined && until !== undefined) return `between ${formatDay(since)} and ${formatDay(until)} `;
  if (since !== undefined) return `on or after ${formatDay(since)} `;
  if (until !== undefined) return `on or before ${formatDay(until)} `;
  return '';
}

export function addAsOfOption(cmd: Command): Command {
  return cmd.option('--as-of <date>', 'analysis day (YYYY-MM-DD); default: the day after the last order');
}

/** `YYYY-MM-DD` flag → epoch day; anything else is a usage error naming the flag. */
export function parseDayFlag(flag: string, value: string): EpochDay {
  const day = parseDay(value.trim());
  if (day === null) throw new UsageError(`${flag} '${value}' is not a date: use YYYY-MM-DD`);
  return day;
}

/** A positive integer flag. */
export function parseIntFlag(flag: string, value: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} '${value}' must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}`);
  return n;
}

/** A decimal number flag (`3`, `1.5`, `.3`, `1e3`; not `0x10`, `0b11` or `Infinity`, which Number() reads too). */
export function parseNumberFlag(flag: string, value: string, min = -Infinity, max = Infinity): number {
  const n = Number(value.trim());
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) || !Number.isFinite(n)) throw new UsageError(`${flag} '${value}' must be a number`);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}`);
  return n;
}

export function parseFilter(flags: FilterFlags): OrderFilter {
  const filter: OrderFilter = {};
  if (flags.since !== undefined) filter.since = parseDayFlag('--since', flags.since);
  if (flags.until !== undefined) filter.until = parseDayFlag('--until', flags.until);
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) throw new UsageError('--since is after --until');
  if (flags.platform) filter.platform = flags.platform.toLowerCase();
  if (flags.shop?.trim()) filter.shop = flags.shop.trim();
  if (flags.currency) {
    if (!/^[A-Za-z]{3}$/.test(flags.currency)) throw new UsageError(`--currency '${flags.currency}' must be a three-letter code such as CNY`);
    filter.currency = flags.currency.toUpperCase();
  }
  return filter;
}

/** Opens the existing database for a report (a missing database is a data error, exit 1). */
export function openReportDb(ctx: CliContext): Db {
  return openDb(resolveDbPath(ctx.globals().db, ctx.io.env), { create: false });
}

/**
 * The analysis day: --as-of, else the day after the last purchase in the log (said on stderr).
 * An empty log is a data error.
 */
export function resolveAsOf(ctx: CliContext, flag: string | undefined, log: PurchaseLog): EpochDay {
  if (flag !== undefined) return parseDayFlag('--as-of', flag);
  const last = lastDay(log);
  if (last === null) throw new DataError('no counted orders match: nothing to analyse (check the filters, or import orders first)');
  const asOf = last + 1;
  note(ctx, `as of ${formatDay(asOf)} (the day after the last order; set with --as-of)`);
  return asOf;
}

/** A line on stderr for the user (never on stdout, which carries data only). */
export function note(ctx: CliContext, text: string): void {
  ctx.io.stderr.write(`orderlens: ${messageLine(text)}\n`);
}

/** Says how many orders were left out for lack of a buyer (customer reports never guess). */
export function noteExcluded(ctx: CliContext, log: PurchaseLog): void {
  if (log.ordersWithoutBuyer > 0) {
    note(ctx, `${log.ordersWithoutBuyer.toLocaleString('en-US')} orders have no buyer identity in their export and are left out of customer reports`);
  }
}

export interface ResolvedOutput {
  format: Format;
  out: string | undefined;
  color: boolean;
  lang: 'en' | 'zh';
}

export function resolveOutput(ctx: CliContext, flags: OutputFlags): ResolvedOutput {
  const toFile = flags.out !== undefined;
  const format = (flags.format as Format | undefined) ?? (ctx.io.stdoutIsTTY && !toFile ? 'table' : toFile && /\.json$/i.test(flags.out!) ? 'json' : 'csv');
  const color = !toFile && ctx.io.stdoutIsTTY && ctx.globals().color !== false && ctx.io.env.NO_COLOR === undefined;
  return { format, out: flags.out, color, lang: flags.lang === 'zh' ? 'zh' : 'en' };
}

/** Renders a report to stdout or --out, and its notes to stderr. */
export function emitReport(ctx: CliContext, report: Report, flags: OutputFlags): void {
  const out = resolveOutput(ctx, flags);
  for (const n of report.notes ?? []) note(ctx, n);
  const what = `${report.rows.length} rows`;
  if (out.format === 'csv') {
    // as UTF-8 chunks, written as they are: a million-row CSV never becomes one string
    const chunks = renderCsvBytes(report);
    writeOutput(ctx, flags.bom ? [Buffer.from('\uFEFF'), ...chunks] : chunks, out.out, what);
  } else writeOutput(ctx, render(report, { format: out.format, color: out.color, lang: out.lang }), out.out, what);
}

/**
 * Rendered text, or UTF-8 chunks (split between characters), to --out FILE (mode 0600, said on stderr:
 * `wrote WHAT to FILE`) or to stdout.
 */
export function writeOutput(ctx: CliContext, text: string | readonly Buffer[], file: string | undefined, what: string): void {
  if (file) {
    refuseProtectedOutput(file, '--out', protectedFiles(resolveDbPath(ctx.globals().db, ctx.io.env)));
    const out = OutputFile.open(file);
    const forget = onInterrupt(() => out.abort());
    try {
      if (typeof text === 'string') out.write(text);
      else for (const chunk of text) out.write(chunk);
      out.commit();
    } finally {
      out.abort(); // a no-op once committed
      forget();
    }
    note(ctx, `wrote ${what} to ${file}`);
  } else if (typeof text === 'string') ctx.io.stdout.write(text);
  else for (const chunk of text) ctx.io.stdout.write(chunk.toString('utf8'));
}
