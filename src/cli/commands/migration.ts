/**
 * `orderlens migration`: the segment-to-segment flow between two snapshots (customers or revenue), with new
 * customers and those who left the counted base as their own row and column; `--by customer` lists who moved
 * (who stayed only when the same segment is named as --from-segment and --to-segment).
 */
import { Command, Option } from 'commander';
import { findSnapshot, listSnapshots, snapshotCustomers, type SnapshotCustomerRecord, type SnapshotInfo } from '../../db/snapshots.js';
import { identityId } from '../../domain/customer-identity.js';
import { formatDay } from '../../domain/day.js';
import { DataError, UsageError } from '../../errors.js';
import { FLOW_LEFT, FLOW_NEW, flowMatrix, pairCustomers, type Move } from '../../analytics/migration.js';
import type { SegmentScheme } from '../../analytics/rfm-segments.js';
import type { Lang } from '../../report/messages.js';
import { findSegmentIndex, segmentLabel } from '../../report/segment-names.js';
import { schemeSegments } from '../../analytics/snapshot.js';
import type { Report } from '../../output/report.js';
import { addOutputOptions, emitReport, note, openReportDb, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { customerDrop, identityColumns, oneStore } from '../../report/identity.js';
import { migrationMatrixReport } from '../../report/migration.js';
import { churnStatusWords } from '../../report/churn.js';
import { said } from '../../report/said.js';
import { say } from '../../report/messages.js';

interface MigrationFlags extends OutputFlags {
  from?: string;
  to?: string;
  measure: 'customers' | 'revenue';
  by: 'matrix' | 'customer';
  fromSegment?: string;
  toSegment?: string;
}

export function migrationCommand(ctx: CliContext): Command {
  const cmd = new Command('migration');
  cmd
    .option('--from <label>')
    .option('--to <label>')
    .addOption(new Option('--measure <measure>').choices(['customers', 'revenue']).default('customers'))
    .addOption(new Option('--by <grouping>').choices(['matrix', 'customer']).default('matrix'))
    .option('--from-segment <name>')
    .option('--to-segment <name>');
  addOutputOptions(cmd).action((flags: MigrationFlags) => {
    if ((flags.fromSegment !== undefined || flags.toSegment !== undefined) && flags.by !== 'customer') {
      throw new UsageError(said('migration.needsByCustomer'));
    }
    const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
    const db = openReportDb(ctx);
    try {
      const [a, b] = pickPair(db, flags);
      if (a.asOf > b.asOf) note(ctx, said('migration.backwards', { from: a.label, to: b.label }));
      const scheme = String(a.settings.scheme ?? 'default') as SegmentScheme;
      if (scheme !== String(b.settings.scheme ?? 'default')) {
        throw new DataError(said('migration.schemes', { a: a.label, b: b.label, schemeA: scheme, schemeB: String(b.settings.scheme) }));
      }
      for (const k of ['bins', 'frequency', 'monetary', 'platform', 'shop'] as const) {
        if (JSON.stringify(a.settings[k]) !== JSON.stringify(b.settings[k])) note(ctx, said('migration.settings', { setting: k, a: String(a.settings[k]), b: String(b.settings[k]) }));
      }
      if (a.currency !== b.currency) throw new DataError(said('migration.currencies', { a: a.label, b: b.label, currencyA: a.currency, currencyB: b.currency }));
      const before = withIds(snapshotCustomers(db, a.id));
      const after = withIds(snapshotCustomers(db, b.id));
      const defs = schemeSegments(scheme);
      const label = (id: string) => {
        if (id === FLOW_NEW) return lang === 'zh' ? '(新进入)' : '(new customers)';
        if (id === FLOW_LEFT) return lang === 'zh' ? '(已离开)' : '(left the base)';
        const def = defs.find((d) => d.name === id);
        return def ? segmentLabel(def, lang) : id;
      };
      note(ctx, said('migration.fromTo', { from: a.label, fromDay: formatDay(a.asOf), fromN: a.customers, to: b.label, toDay: formatDay(b.asOf), toN: b.customers }));
      if (flags.by === 'customer') {
        // the extra row and column have names no segment has: 'new customers' / '(new)' ('New' is a segment), 'left'
        const pick = (name: string | undefined, extra: string, aliases: string[]) => {
          if (name === undefined) return undefined;
          const n = name.trim().toLowerCase();
          if (n === extra || aliases.includes(n.replace(/[\s_-]+/g, ' '))) return extra;
          const i = findSegmentIndex(defs, name);
          if (i < 0) throw new UsageError(said('migration.notSegment', { name, scheme, list: defs.map((d) => `'${d.name}'`), extra: aliases[0] }));
          return defs[i].name;
        };
        const fromSeg = pick(flags.fromSegment, FLOW_NEW, ['new customers']);
        const toSeg = pick(flags.toSegment, FLOW_LEFT, ['left', 'left the base']);
        const picked = pairCustomers(before, after).filter((m) => (fromSeg === undefined || m.fromSegment === fromSeg) && (toSeg === undefined || m.toSegment === toSeg));
        // the movers; those who stayed in their segment only when asked for by naming the same segment twice
        const staying = fromSeg !== undefined && fromSeg === toSeg;
        const moves = staying ? picked : picked.filter((m) => m.fromSegment !== m.toSegment);
        const n = moves.length;
        const stayed = picked.length - moves.length;
        if (staying) note(ctx, said('migration.stayers', { n, segment: label(fromSeg) }));
        else if (fromSeg && toSeg) note(ctx, said('migration.moversFromTo', { n, from: label(fromSeg), to: label(toSeg) }));
        else if (fromSeg) note(ctx, said('migration.moversFrom', { n, from: label(fromSeg), stayed }));
        else if (toSeg) note(ctx, said('migration.moversTo', { n, to: label(toSeg), stayed }));
        else {
          // the list holds the new customers (and those who left) too: say them apart, as the matrix's summary does
          const fresh = moves.filter((m) => m.fromSegment === FLOW_NEW).length;
          const left = moves.filter((m) => m.toSegment === FLOW_LEFT).length;
          note(ctx, fresh + left > 0 ? said('migration.moversNew', { n: n - fresh - left, fresh, left, stayed }) : said('migration.movers', { n, stayed }));
        }
        emitReport(ctx, moversReport(moves, label, a.currency, lang), flags);
        return;
      }
      const matrix = flowMatrix(before, after, defs.map((d) => d.name));
      const stayed = matrix.from.reduce((s, seg, i) => s + (matrix.to.indexOf(seg) >= 0 ? matrix.customers[i][matrix.to.indexOf(seg)] : 0), 0);
      const fresh = matrix.customers[matrix.from.length - 1].reduce((s, x) => s + x, 0);
      const left = matrix.customers.reduce((s, r) => s + r[r.length - 1], 0);
      note(ctx, said('migration.summary', { stayed, moved: after.length - stayed - fresh, fresh, left }));
      if (flags.measure === 'revenue') note(ctx, said('migration.revenue', { fromDay: formatDay(a.asOf), toDay: formatDay(b.asOf), from: a.label, to: b.label }));
      const speak = lang === 'zh' ? 'zh' : 'en';
      emitReport(ctx, migrationMatrixReport(matrix, flags.measure, label, a.currency, say(speak, 'migration.total'), say(speak, 'migration.asList')), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

type Record = SnapshotCustomerRecord & { id: string };

function withIds(rows: SnapshotCustomerRecord[]): Record[] {
  return rows.map((r) => ({ ...r, id: identityId(r) }));
}

function pickPair(db: Parameters<typeof listSnapshots>[0], flags: MigrationFlags): [SnapshotInfo, SnapshotInfo] {
  if (flags.from !== undefined && flags.to !== undefined) return [findSnapshot(db, flags.from), findSnapshot(db, flags.to)];
  const all = listSnapshots(db);
  if (flags.from !== undefined || flags.to !== undefined) {
    const given = findSnapshot(db, (flags.from ?? flags.to)!);
    if (flags.from !== undefined) {
      const next = all.find((s) => s.asOf > given.asOf);
      if (!next) throw new DataError(said('migration.noneAfter', { label: given.label }));
      return [given, next];
    }
    const prev = [...all].reverse().find((s) => s.asOf < given.asOf);
    if (!prev) throw new DataError(said('migration.noneBefore', { label: given.label }));
    return [prev, given];
  }
  if (all.length < 2) throw new DataError(said('migration.needsTwo', { n: all.length }));
  return [all[all.length - 2], all[all.length - 1]];
}

function moversReport(moves: Move<Record>[], label: (id: string) => string, currency: string, lang: Lang): Report {
  const sorted = [...moves].sort((x, y) => {
    const mx = (x.to ?? x.from)!.monetary;
    const my = (y.to ?? y.from)!.monetary;
    const kx = (x.to ?? x.from)!.id;
    const ky = (y.to ?? y.from)!.id;
    return my - mx || (kx < ky ? -1 : kx > ky ? 1 : 0);
  });
  return {
    currency,
    columns: [
      ...identityColumns(false),
      col('from_segment'),
      col('to_segment'),
      col('recency_days'),
      col('frequency'),
      col('monetary'),
      col('revenue_between'),
      { ...col('churn_status'), shown: churnStatusWords(lang) },
      col('p_alive'),
      col('clv'),
    ],
    drop: customerDrop(oneStore(sorted.length, (i) => (sorted[i].to ?? sorted[i].from)!), ['churn_status', 'recency_days', 'frequency', 'p_alive', 'monetary', 'clv']),
    rows: sorted.map((m) => {
      const now = (m.to ?? m.from)!;
      return {
        customer_key: now.customerKey,
        customer: now.display,
        platform: now.platform,
        shop: now.shop,
        from_segment: label(m.fromSegment),
        to_segment: label(m.toSegment),
        recency_days: now.recencyDays,
        frequency: now.frequency,
        monetary: now.monetary,
        revenue_between: m.revenue,
        // like churn --by customer: English keeps the code (the table says the words), --lang zh says the words everywhere
        churn_status: lang === 'zh' && now.churnStatus !== null ? churnStatusWords('zh')[now.churnStatus] : now.churnStatus,
        p_alive: now.pAlive,
        clv: now.clv,
      };
    }),
  };
}
