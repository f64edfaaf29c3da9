/**
 * `orderlens info`: what is in the database — orders, customers, dates, revenue by currency, platforms and
 * shops, statuses, orders without a buyer, and the import history.
 */
import { Command } from 'commander';
import { summarizeDb, type DbSummary } from '../../db/queries.js';
import { formatMinor, minorDigits } from '../../domain/money.js';
import type { Report, Row } from '../../output/report.js';
import { addOutputOptions, emitReport, openReportDb, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';

export function infoCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('info').description('summarize the database: orders, customers, dates, revenue, platforms, statuses, imports'),
  ).action((flags: OutputFlags) => {
    const db = openReportDb(ctx);
    try {
      emitReport(ctx, infoReport(summarizeDb(db)), flags);
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
  add('database', 'orders without buyer', s.ordersWithoutBuyer);
  add('database', 'first order day', s.firstDay ?? '');
  add('database', 'last order day', s.lastDay ?? '');
  for (const r of s.revenue) {
    const d = minorDigits(r.currency);
    add('revenue', `${r.currency} counted orders`, r.orders);
    add('revenue', `${r.currency} gross`, formatMinor(r.gross, d));
    add('revenue', `${r.currency} net of refunds`, formatMinor(r.net, d));
  }
  for (const p of s.byPlatform) add('platform/shop', `${p.platform}/${p.shop}`, `${p.orders} orders, ${p.customers} customers`);
  for (const st of s.byStatus) add('status', st.status, st.orders);
  for (const u of s.unknownStatuses) add('unknown status', u.status_raw, u.orders);
  for (const i of s.imports) {
    add('import', `${i.path} (${i.platform}/${i.shop})`, `${i.finished_at ?? 'unfinished'}: read ${i.rows_read}, inserted ${i.inserted}, updated ${i.updated}, unchanged ${i.unchanged}, rejected ${i.rejected}`);
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
