/**
 * `orderlens trend`: the monitoring table over the stored snapshots — customers, new customers, repeat rate,
 * active/at-risk/churned shares, churn rate since the snapshot before, average P(alive) and CLV; `--by segment`:
 * customers per segment per snapshot.
 */
import { Command, Option } from 'commander';
import { listSnapshots, snapshotCustomers } from '../../db/snapshots.js';
import { identityId } from '../../domain/customer-identity.js';
import { formatDay } from '../../domain/day.js';
import { DataError } from '../../errors.js';
import type { SegmentScheme } from '../../analytics/rfm-segments.js';
import { segmentLabel } from '../../report/segment-names.js';
import { schemeSegments } from '../../analytics/snapshot.js';
import { trendRows } from '../../analytics/trend.js';
import type { Report, Row } from '../../output/report.js';
import { addOutputOptions, emitReport, note, openReportDb, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { said } from '../../report/said.js';
import { takenWith } from '../../report/shop-sections.js';

interface TrendFlags extends OutputFlags {
  by: 'snapshot' | 'segment';
  platform?: string;
  shop?: string;
}

/** The filters a snapshot was taken with, as its flags (`--platform P --shop S`), for a message. */
function filterWords(settings: Record<string, unknown>): string {
  return [(settings.platform ?? null) !== null ? `--platform ${String(settings.platform)}` : '', (settings.shop ?? null) !== null ? `--shop ${String(settings.shop)}` : ''].filter((w) => w !== '').join(' ');
}

export function trendCommand(ctx: CliContext): Command {
  const cmd = new Command('trend');
  cmd
    .addOption(new Option('--by <grouping>').choices(['snapshot', 'segment']).default('snapshot'))
    .option('--platform <name>')
    .option('--shop <name>');
  addOutputOptions(cmd).action((flags: TrendFlags) => {
    const db = openReportDb(ctx);
    try {
      const stored = listSnapshots(db);
      if (stored.length === 0) throw new DataError(said('snapshot.none'));
      const lang = flags.lang === 'zh' ? 'zh' : 'en';
      // one series: the snapshots taken with this command's --platform and --shop, as the report's trend takes
      // them (those of two shops count different customers: chained, every customer of the first would be
      // 'churned' in the second)
      const snaps = stored.filter((s) => takenWith(s, flags));
      if (snaps.length === 0) {
        if (flags.platform !== undefined || flags.shop !== undefined) throw new DataError(said('trend.noneTaken', { scope: filterWords({ platform: flags.platform, shop: flags.shop }) }));
        throw new DataError(said('trend.scopes', { list: [...new Set(stored.map((s) => filterWords(s.settings)))] }));
      }
      if (snaps.length < stored.length) note(ctx, said('trend.leftOut', { n: stored.length - snaps.length }));
      const currencies = new Set(snaps.map((s) => s.currency));
      if (currencies.size > 1) throw new DataError(said('trend.currencies', { n: currencies.size, list: [...currencies] }));
      const schemes = new Set(snaps.map((s) => String(s.settings.scheme ?? 'default')));
      if (schemes.size > 1) note(ctx, said('trend.schemes'));
      const rows = trendRows(snaps.map((s) => snapshotCustomers(db, s.id).map((c) => ({ ...c, id: identityId(c) }))));
      const base = (i: number): Row => ({ label: snaps[i].label, as_of: formatDay(snaps[i].asOf) });
      if (flags.by === 'segment') {
        const out: Row[] = [];
        rows.forEach((r, i) => {
          const defs = schemeSegments(String(snaps[i].settings.scheme ?? 'default') as SegmentScheme);
          const ids = [...defs.map((d) => d.name), ...[...r.segments.keys()].filter((k) => !defs.some((d) => d.name === k))];
          for (const id of ids) {
            const n = r.segments.get(id) ?? 0;
            const def = defs.find((d) => d.name === id);
            out.push({ ...base(i), segment: def ? segmentLabel(def, lang) : id, customers: n, share: r.customers > 0 ? n / r.customers : null });
          }
        });
        emitReport(ctx, {
          columns: [
            col('label'),
            col('as_of'),
            col('segment'),
            col('customers'),
            col('share'),
          ],
          rows: out,
        }, flags);
        return;
      }
      const report: Report = {
        currency: snaps[0].currency,
        columns: [
          col('label'),
          col('as_of'),
          col('customers'),
          col('new_customers'),
          col('repeat_rate'),
          col('active_share'),
          col('at_risk_share'),
          col('churned_share'),
          col('churn_rate@period'),
          col('avg_p_alive'),
          col('avg_clv'),
        ],
        // a narrow terminal keeps the shares and the repeat rate; the day only where a label does not say it; the
        // model's columns first where no snapshot has a model (they are empty)
        drop: [
          ...(snaps.every((s) => s.label === formatDay(s.asOf)) ? ['as_of'] : []),
          ...(rows.every((r) => r.avg_p_alive === null && r.avg_clv === null) ? [['avg_p_alive', 'avg_clv']] : []),
          'avg_p_alive',
          'new_customers',
          'churn_rate',
          'as_of',
        ],
        rows: rows.map(({ segments: _segments, ...r }, i) => ({ ...base(i), ...r })),
      };
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}
