/**
 * `orderlens snapshot`: stores every customer's RFM values, scores and segment, churn status and (when a model
 * fits) P(alive) and CLV as of a day, with the settings used; `--every month --since D` backfills month-end
 * snapshots from the order history; `--drop LABEL` removes one. `orderlens snapshots` lists them.
 */
import { Command, Option } from 'commander';
import { dropSnapshot, listSnapshots, saveSnapshots, snapshotRecord, type NewSnapshot } from '../../db/snapshots.js';
import { formatDay, type EpochDay } from '../../domain/day.js';
import { asOfLog, lastDay, type PurchaseLog } from '../../domain/purchase-log.js';
import { DataError, UsageError } from '../../errors.js';
import { DEFAULT_K } from '../../analytics/churn.js';
import type { ModelChoice } from '../../analytics/ltv.js';
import { monthEndAsOfDays, snapshotLtvOptions, takeSnapshot, type SnapshotOptions } from '../../analytics/snapshot.js';
import { fitLtvWithRowsInThread } from '../fit-thread.js';
import type { Cn8Split, SegmentScheme } from '../../analytics/rfm-segments.js';
import type { FrequencyBasis, MonetaryBasis } from '../../analytics/rfm.js';
import {
  addOutputOptions, emitReport, note, parseDayFlag, parseFilter, parseIntFlag, parseNumberFlag, parseValueFlags, resolveAsOf, withReportDb, type CliContext, type OutputFlags,
} from '../options.js';
import { said } from '../../report/said.js';
import { snapshotGapNotes, snapshotListReport } from '../../report/snapshot.js';
import { shopDaysOf, shopDayList, withPurchaseLog } from '../with-purchase-log.js';

interface SnapshotFlags extends OutputFlags {
  asOf?: string;
  label?: string;
  every?: 'month';
  since?: string;
  until?: string;
  drop?: string;
  replace?: boolean;
  bins: string;
  scheme: SegmentScheme;
  split?: Cn8Split;
  frequency: FrequencyBasis;
  monetary: MonetaryBasis;
  gapMultiplier: string;
  days?: string;
  model: ModelChoice | 'none';
  horizon: string;
  discount: string;
  margin: string;
  platform?: string;
  shop?: string;
  currency?: string;
}

export function snapshotCommand(ctx: CliContext): Command {
  const cmd = new Command('snapshot');
  cmd
    .option('--as-of <date>')
    .option('--label <name>')
    .addOption(new Option('--every <period>').choices(['month']))
    .option('--since <date>')
    .option('--until <date>')
    .option('--drop <label>')
    .option('--replace')
    .option('--bins <k>', '', '5')
    .addOption(new Option('--scheme <scheme>').choices(['default', 'cn8']).default('default'))
    .addOption(new Option('--split <split>').choices(['mean', 'median']))
    .addOption(new Option('--frequency <basis>').choices(['orders', 'days']).default('orders'))
    .addOption(new Option('--monetary <basis>').choices(['net', 'gross']).default('net'))
    .option('--gap-multiplier <k>', '', String(DEFAULT_K))
    .option('--days <n>')
    .addOption(new Option('--model <model>').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto', 'none']).default('bgnbd'))
    .option('--horizon <span>', '', '12mo')
    .option('--discount <rate>', '', '10%/yr')
    .option('--margin <share>', '', '100%')
    .option('--platform <name>')
    .option('--shop <name>')
    .option('--currency <code>');
  addOutputOptions(cmd).action(async (flags: SnapshotFlags) => {
    if (flags.drop !== undefined) {
      const label = flags.drop;
      withReportDb(ctx, (db) => {
        if (!dropSnapshot(db, label)) throw new DataError(said('snapshot.noneToDrop', { label }));
      });
      note(ctx, said('snapshot.dropped', { label }));
      return;
    }
    const plan = planSnapshot(flags);
    await withPurchaseLog(ctx, flags, async ({ log, db }) => {
      const days = plan.asOfDays(ctx, log, new Set(listSnapshots(db).map((s) => s.label)));
      if (days.length === 0) {
        // a backfill whose every month-end is stored already (a monthly cron job): nothing to do, not an error
        emitReport(ctx, snapshotListReport([], []), flags);
        return;
      }
      // one day for all (stored snapshots are compared day with day): shops that end earlier are said
      if (flags.asOf === undefined && flags.every === undefined) {
        const differ = shopDaysOf(db, log);
        if (differ) note(ctx, said('snapshot.oneDay', { ...shopDayList(differ.days), day: formatDay(days[0]) }));
      }
      const createdAt = new Date().toISOString();
      const taken: NewSnapshot[] = [];
      for (const asOf of days) {
        const options = { ...plan.options, asOf };
        // as known on the eve of this day: returns dated on or after it are not counted yet
        const known = asOfLog(log, asOf);
        // the model's fit and predictions in a worker thread: Ctrl-C is answered while they run (fit-thread.ts)
        const snap = takeSnapshot(known, options, options.model ? await fitLtvWithRowsInThread(ctx, known, snapshotLtvOptions(options, options.model)) : undefined);
        if (snap.customers.length === 0) {
          if (days.length === 1) throw new DataError(said('snapshot.nothing', { day: formatDay(asOf) }));
          note(ctx, said('snapshot.noCustomers', { day: formatDay(asOf) }));
          continue;
        }
        for (const gap of snapshotGapNotes(snap, plan.model)) note(ctx, gap);
        const label = days.length === 1 && flags.label !== undefined ? flags.label : formatDay(asOf);
        taken.push(snapshotRecord(log, snap, label, plan.settings, createdAt));
      }
      if (taken.length === 0) throw new DataError(said('snapshot.noMonthEnd'));
      saveSnapshots(db, taken, flags.replace === true);
      const labels = new Set(taken.map((t) => t.label));
      emitReport(ctx, snapshotListReport(listSnapshots(db).filter((s) => labels.has(s.label)), [said('snapshot.stored', { n: taken.length })]), flags);
    }, { filter: plan.filter, undated: true });
  });
  return cmd;
}

export function snapshotsCommand(ctx: CliContext): Command {
  const cmd = new Command('snapshots');
  addOutputOptions(cmd).action((flags: OutputFlags) => {
    const all = withReportDb(ctx, listSnapshots);
    emitReport(ctx, snapshotListReport(all, all.length === 0 ? [said('snapshot.none')] : []), flags);
  });
  return cmd;
}

interface SnapshotPlan {
  filter: ReturnType<typeof parseFilter>;
  options: Omit<SnapshotOptions, 'asOf'>;
  model: ModelChoice | null;
  settings: Record<string, unknown>;
  /** The days to take, as of; a backfill leaves out the month-ends already stored (`labels`) unless --replace. */
  asOfDays(ctx: CliContext, log: PurchaseLog, labels: ReadonlySet<string>): EpochDay[];
}

/** Checks the flags before the database is opened. */
function planSnapshot(flags: SnapshotFlags): SnapshotPlan {
  const bins = parseIntFlag('--bins', flags.bins, 2, 9);
  if (flags.split !== undefined && flags.scheme !== 'cn8') throw new UsageError(said('rfm.splitCn8'));
  const k = parseNumberFlag('--gap-multiplier', flags.gapMultiplier, 0, 1000);
  if (k === 0) throw new UsageError(said('snapshot.gapMultiplier'));
  const churnDays = flags.days === undefined ? null : parseNumberFlag('--days', flags.days, 1, 100_000);
  const { horizonDays, discountPerDay, margin } = parseValueFlags(flags);
  const model = flags.model === 'none' ? null : flags.model;
  const filter = parseFilter({ platform: flags.platform, shop: flags.shop, currency: flags.currency });
  if (flags.every === undefined && (flags.since !== undefined || flags.until !== undefined)) throw new UsageError(said('snapshot.rangeNeedsEvery'));
  if (flags.every !== undefined) {
    if (flags.asOf !== undefined) throw new UsageError(said('snapshot.asOfBackfill'));
    if (flags.label !== undefined) throw new UsageError(said('snapshot.labelBackfill'));
    if (flags.since === undefined) throw new UsageError(said('snapshot.everyNeedsSince'));
  }
  const since = flags.since === undefined ? undefined : parseDayFlag('--since', flags.since);
  const until = flags.until === undefined ? undefined : parseDayFlag('--until', flags.until);
  if (since !== undefined && until !== undefined && since > until) throw new UsageError(said('snapshot.sinceAfterUntil'));
  if (flags.label !== undefined && flags.label.trim() === '') throw new UsageError(said('snapshot.emptyLabel'));
  const options = { bins, scheme: flags.scheme, split: flags.split, frequency: flags.frequency, monetary: flags.monetary, churnK: k, churnDays, model, horizonDays, discountPerDay, margin };
  return {
    filter,
    options,
    model,
    settings: {
      bins, scheme: flags.scheme, split: flags.split ?? null, frequency: flags.frequency, monetary: flags.monetary,
      churn_k: k, churn_days: churnDays, model: flags.model, horizon: flags.horizon, discount: flags.discount, margin: flags.margin,
      platform: filter.platform ?? null, shop: filter.shop ?? null,
    },
    asOfDays(ctx, log, labels) {
      if (flags.every === undefined) return [resolveAsOf(ctx, flags.asOf, log)];
      const last = lastDay(log);
      if (last === null) throw new DataError(said('snapshot.noOrders'));
      const end = until ?? last;
      const all = monthEndAsOfDays(since!, end);
      if (all.length === 0) throw new DataError(said('snapshot.noMonthEnds', { from: formatDay(since!), to: formatDay(end) }));
      // a month-end stored already is kept (and not computed again) unless --replace
      const stored = flags.replace === true ? [] : all.filter((d) => labels.has(formatDay(d)));
      const days = all.filter((d) => !stored.includes(d));
      if (stored.length > 0) {
        const shown = stored.slice(0, 3).map(formatDay).join(', ') + (stored.length > 3 ? ', …' : '');
        note(ctx, said('snapshot.skipExisting', { n: stored.length, labels: shown }));
      }
      if (days.length === 0) note(ctx, said('snapshot.allExist', { from: formatDay(all[0]), to: formatDay(all[all.length - 1]) }));
      else note(ctx, said('snapshot.backfilling', { n: days.length, from: formatDay(days[0]), to: formatDay(days[days.length - 1]) }));
      return days;
    },
  };
}
