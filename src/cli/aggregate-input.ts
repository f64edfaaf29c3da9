/**
 * `--summary FILE` (rfm, churn, ltv) and `--counts FILE` (cohorts): the reports from aggregates a warehouse
 * computed (README "Reports from aggregates") instead of the database. What the aggregates cannot answer is a
 * usage error that says so.
 */
import type { Command } from 'commander';
import type { EpochDay } from '../domain/day.js';
import type { AggregatePeriod, CohortCounts, CustomerAggregates, GapHistogram } from '../domain/aggregates.js';
import { UsageError } from '../errors.js';
import { periodWord, readCohortCounts, readCustomerAggregates, readGapHistogram, type AggregateFilter } from '../import/aggregate-csv.js';
import { said } from '../report/said.js';
import { startsPeriod } from '../analytics/cohorts.js';
import { protectedFiles, refuseProtectedOutput } from './output-file.js';
import { note, parseDayFlag, parseFilter, type CliContext, type FilterFlags } from './options.js';

/** `--summary FILE` on rfm, churn and ltv. */
export function addSummaryOption(cmd: Command): Command {
  return cmd.option('--summary <file>');
}

/** `--gaps FILE` on churn (with --summary): the gap histogram the threshold G comes from. */
export async function readGapsInput(file: string | undefined, summaryFile: string | undefined, flags: FilterFlags, data: CustomerAggregates | null): Promise<GapHistogram | null> {
  if (file === undefined) return null;
  if (data === null || summaryFile === undefined) throw new UsageError(said('agg.gapsNeedSummary'));
  return readGapHistogram(file, aggregateFilter(flags, file, 'acquisition'), { currency: data.currency, asOf: data.asOf });
}

/** The filters an aggregate file can apply (--platform, --shop, --currency); an order window cannot be. */
export function aggregateFilter(flags: FilterFlags & { out?: string }, file: string, window: 'orders' | 'acquisition' = 'orders'): AggregateFilter {
  // the report written over the file it is read from would replace it
  if (flags.out !== undefined) refuseProtectedOutput(flags.out, '--out', protectedFiles(null, [file]));
  if (window === 'orders' && (flags.since !== undefined || flags.until !== undefined)) {
    throw new UsageError(said('agg.window', { file }));
  }
  const { platform, shop, currency } = parseFilter(flags);
  return { platform, shop, currency };
}

/** The file's as-of day; --as-of may only repeat it (the aggregates answer for that day alone). */
export function aggregateAsOf(ctx: CliContext, flag: string | undefined, asOf: EpochDay, file: string): EpochDay {
  if (flag !== undefined && parseDayFlag('--as-of', flag) !== asOf) {
    throw new UsageError(said('agg.asOfFlag', { flag, file, day: asOf, want: flag.trim() }));
  }
  if (flag === undefined) note(ctx, said('agg.asOfNote', { day: asOf, file }));
  return asOf;
}

/** `--summary FILE`: the per-customer summary under the filters, and its as-of. */
export async function readSummaryInput(
  ctx: CliContext, file: string, flags: FilterFlags & { asOf?: string }, window: 'orders' | 'acquisition' = 'orders',
): Promise<{ data: CustomerAggregates; asOf: EpochDay }> {
  const data = await readCustomerAggregates(file, aggregateFilter(flags, file, window));
  return { data, asOf: aggregateAsOf(ctx, flags.asOf, data.asOf, file) };
}

/**
 * `--counts FILE` on cohorts: the counts under the filters, and their as-of. The counts are per cohort, so an
 * acquisition window must take whole cohorts, and `--by` can split only by what they carry (platform, shop).
 */
export async function readCountsInput(
  ctx: CliContext, file: string, flags: FilterFlags & { asOf?: string; period: AggregatePeriod; by?: string }, window: { since?: EpochDay; until?: EpochDay },
): Promise<{ data: CohortCounts; asOf: EpochDay }> {
  if (flags.by !== undefined && flags.by !== 'platform' && flags.by !== 'shop') {
    throw new UsageError(said('agg.byNeedsCustomer', { by: flags.by, file }));
  }
  if (window.since !== undefined && !startsPeriod(window.since, flags.period)) {
    throw new UsageError(said('agg.acquiredSince', { day: window.since, period: periodWord(flags.period), file }));
  }
  if (window.until !== undefined && !startsPeriod(window.until + 1, flags.period)) {
    throw new UsageError(said('agg.acquiredUntil', { day: window.until, period: periodWord(flags.period), file }));
  }
  const data = await readCohortCounts(file, aggregateFilter(flags, file, 'acquisition'));
  if (data.period !== flags.period) {
    throw new UsageError(said('agg.periodMismatch', { file, period: periodWord(data.period), code: data.period, want: periodWord(flags.period) }));
  }
  return { data, asOf: aggregateAsOf(ctx, flags.asOf, data.asOf, file) };
}
