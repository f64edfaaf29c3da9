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
import { segmentLabel, type SegmentScheme } from '../../analytics/rfm-segments.js';
import { schemeSegments } from '../../analytics/snapshot.js';
import { trendRows } from '../../analytics/trend.js';
import type { Report, Row } from '../../output/report.js';
import { addOutputOptions, emitReport, note, openReportDb, type CliContext, type OutputFlags } from '../options.js';

interface TrendFlags extends OutputFlags {
  by: 'snapshot' | 'segment';
}

const HELP = `
One row per snapshot, in as-of order (take them with 'orderlens snapshot', backfill with --every month):
  customers       customers with a counted purchase before the as-of day
  new_customers   customers not in the snapshot before (all of them in the first)
  repeat_rate     customers with 2 or more orders / customers
  active_share, at_risk_share, churned_share
                  shares of the churn statuses (the rule of 'orderlens churn' as of that day)
  churn_rate      of the customers not churned in the snapshot before, the share churned now
  avg_p_alive, avg_clv
                  means over the customers the model gave a value (empty without a model)
--by segment: customers and their share per segment per snapshot (a long table for charts and pivots).

Examples:
  orderlens trend
  orderlens trend --by segment --format csv --out segments-by-month.csv`;

export function trendCommand(ctx: CliContext): Command {
  const cmd = new Command('trend').description('the customer base over time: segments, churn, repeat rate and CLV per snapshot');
  cmd
    .addOption(new Option('--by <grouping>', 'one row per snapshot, or per snapshot and segment').choices(['snapshot', 'segment']).default('snapshot'))
    .addHelpText('after', HELP);
  addOutputOptions(cmd).action((flags: TrendFlags) => {
    const db = openReportDb(ctx);
    try {
      const snaps = listSnapshots(db);
      if (snaps.length === 0) throw new DataError("no snapshots yet: take one with 'orderlens snapshot', or backfill with 'orderlens snapshot --every month --since DATE'");
      const currencies = new Set(snaps.map((s) => s.currency));
      if (currencies.size > 1) throw new DataError(`the snapshots are in ${currencies.size} currencies (${[...currencies].join(', ')}): drop the ones you do not want in the trend`);
      const schemes = new Set(snaps.map((s) => String(s.settings.scheme ?? 'default')));
      if (schemes.size > 1) note(ctx, 'warning: the snapshots use different segment schemes');
      const rows = trendRows(snaps.map((s) => snapshotCustomers(db, s.id).map((c) => ({ ...c, id: identityId(c) }))));
      const base = (i: number): Row => ({ label: snaps[i].label, as_of: formatDay(snaps[i].asOf) });
      if (flags.by === 'segment') {
        const lang = flags.lang === 'zh' ? 'zh' : 'en';
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
            { key: 'label', zh: '快照', kind: 'text' },
            { key: 'as_of', zh: '截至', kind: 'day' },
            { key: 'segment', zh: '客户分群', kind: 'text' },
            { key: 'customers', zh: '客户数', kind: 'int' },
            { key: 'share', zh: '占比', kind: 'percent', digits: 1 },
          ],
          rows: out,
        }, flags);
        return;
      }
      const report: Report = {
        currency: snaps[0].currency,
        columns: [
          { key: 'label', zh: '快照', kind: 'text' },
          { key: 'as_of', zh: '截至', kind: 'day' },
          { key: 'customers', zh: '客户数', kind: 'int' },
          { key: 'new_customers', zh: '新增客户', kind: 'int' },
          { key: 'repeat_rate', zh: '复购率', kind: 'percent', digits: 1 },
          { key: 'active_share', zh: '活跃占比', kind: 'percent', digits: 1 },
          { key: 'at_risk_share', zh: '风险占比', kind: 'percent', digits: 1 },
          { key: 'churned_share', zh: '流失占比', kind: 'percent', digits: 1 },
          { key: 'churn_rate', zh: '期间流失率', kind: 'percent', digits: 1 },
          { key: 'avg_p_alive', zh: '平均存活概率', kind: 'number', digits: 3 },
          { key: 'avg_clv', zh: '平均预测CLV', kind: 'money' },
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
