/**
 * `orderlens info`: what is in the database — orders, customers, dates, revenue by currency, platforms and
 * shops, statuses, orders without a buyer, and the import history.
 */
import { Command } from 'commander';
import { summarizeDb, type DbSummary } from '../../db/queries.js';
import { formatMinor, minorDigits, NO_AMOUNTS } from '../../domain/money.js';
import type { Report, Row } from '../../output/report.js';
import { addOutputOptions, emitReport, openReportDb, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import { countOf } from '../wording.js';
import { listImportNotes } from '../../db/import-notes.js';

export function infoCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('info').description('summarize the database: orders, customers, dates, revenue, platforms, statuses, imports'),
  ).action((flags: OutputFlags) => {
    const db = openReportDb(ctx);
    try {
      const report = infoReport(summarizeDb(db));
      for (const n of listImportNotes(db)) report.rows.push({ section: 'import note', item: `${n.source} (${n.day})`, value: n.text });
      emitReport(ctx, report, flags);
    } finally {
      db.close();
    }
  });
}

/** The summary as one three-column report (section, item, value), so it pipes as CSV/JSON too. */
export function infoReport(s: DbSummary): Report {
  const rows: Row[] = [];
  const add = (section: string, item: string, value: string | number) => rows.push({ section, item, value });
  add('database', 'orders', s.orders);
  add('database', 'customers', s.customers);
  add('database', 'customers with a counted order', s.customersCounted);
  add('database', 'orders without buyer', s.ordersWithoutBuyer);
  add('database', 'first order day', s.firstDay ?? '');
  add('database', 'last order day', s.lastDay ?? '');
  for (const r of s.revenue) {
    const d = minorDigits(r.currency);
    const assumed = s.sources.filter((src) => src.currency === r.currency && src.currency_assumed === 1).map((src) => `${src.platform}/${src.shop}`);
    if (assumed.length > 0) add('revenue', `${r.currency} currency`, `assumed for ${assumed.join(', ')} (nothing in the files named it): import with --currency to set`);
    add('revenue', `${r.currency} counted orders`, r.orders);
    if (r.currency === NO_AMOUNTS) {
      add('revenue', `${r.currency} amounts`, 'none: purchases from transaction logs without amounts');
      continue;
    }
    add('revenue', `${r.currency} gross`, formatMinor(r.gross, d));
    add('revenue', `${r.currency} discounts`, formatMinor(r.discount, d));
    add('revenue', `${r.currency} shipping`, formatMinor(r.shipping, d));
    // what the buyers paid beyond goods − discounts + shipping: taxes, fees, gift wrap (no export itemizes them alike)
    const other = r.net - r.returnsNet + r.refunded - (r.gross - r.discount + r.shipping);
    add('revenue', `${r.currency} taxes and other charges`, formatMinor(other, d));
    add('revenue', `${r.currency} refunds`, formatMinor(r.refunded, d));
    add('revenue', `${r.currency} returns and credit notes`, `${formatMinor(-r.returnsNet, d)} (${r.returns})`);
    add('revenue', `${r.currency} net`, formatMinor(r.net, d));
  }
  for (const p of s.byPlatform) add('platform/shop', `${p.platform}/${p.shop}`, `${countOf(p.orders, 'order')}, ${countOf(p.customers, 'customer')}`);
  for (const src of s.sources) add('source', `${src.platform}/${src.shop}`, describeSource(src));
  for (const st of s.byStatus) add('status', st.status, st.orders);
  for (const u of s.unknownStatuses) add('unknown status', u.status_raw, u.orders);
  for (const i of s.imports) {
    add('import', `${i.path} (${i.platform}/${i.shop})`, `${i.finished_at ?? 'unfinished'}: read ${i.rows_read}, inserted ${i.inserted}, updated ${i.updated}, unchanged ${i.unchanged}, ${i.stale > 0 ? `stale ${i.stale}, ` : ''}rejected ${i.rejected}`);
  }
  return {
    columns: [
      col('section'),
      col('item'),
      col('value'),
    ],
    rows,
  };
}

/** A source's stored import settings in one line: `zone UTC (--tz); currency CNY (assumed); dates mdy; map amount=Total; encoding utf8`. */
function describeSource(src: DbSummary['sources'][number]): string {
  const parts: string[] = [];
  let settings: { zoneForced?: boolean; dateOrder?: string; inferredDateOrder?: string; map?: Record<string, string>; encoding?: string; decimalComma?: boolean; currency?: string } = {};
  try {
    settings = src.settings === null ? {} : (JSON.parse(src.settings) as typeof settings);
  } catch {
    settings = {};
  }
  parts.push(src.zone === null ? 'zone not stored (imported by an older orderlens)' : `zone ${src.zone}${settings.zoneForced ? ' (--tz)' : ''}`);
  if (src.currency !== null) parts.push(`currency ${src.currency}${src.currency_assumed ? ' (assumed)' : settings.currency ? ' (--currency)' : ''}`);
  else parts.push('currency from the files');
  if (settings.dateOrder) parts.push(`dates ${settings.dateOrder} (--date-order)`);
  else if (settings.inferredDateOrder) parts.push(`dates ${settings.inferredDateOrder} (inferred from the last file)`);
  if (settings.decimalComma !== undefined) parts.push(`decimal comma ${settings.decimalComma ? 'yes' : 'no'}`);
  const map = Object.entries(settings.map ?? {});
  if (map.length > 0) parts.push(`map ${map.map(([f, h]) => `${f}=${h}`).join(', ')}`);
  if (settings.encoding) parts.push(`encoding ${settings.encoding}`);
  return parts.join('; ');
}
