/**
 * `orderlens customers`: one row per customer with orders, net revenue, first and last order.
 */
import { Command } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { summarizeCustomers, type CustomerTotalsRow } from '../../analytics/customer-summary.js';
import { DataError } from '../../errors.js';
import type { Report } from '../../output/report.js';
import {
  addFilterOptions, addOutputOptions, emitReport, noteExcluded, openReportDb, parseFilter, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';

export function customersCommand(ctx: CliContext): Command {
  const cmd = new Command('customers').description('one row per customer: orders, net revenue, first and last order day');
  addFilterOptions(addOutputOptions(cmd)).action((flags: OutputFlags & FilterFlags) => {
    const db = openReportDb(ctx);
    try {
      const log = loadPurchaseLog(db, parseFilter(flags));
      noteExcluded(ctx, log);
      const rows = summarizeCustomers(log);
      if (rows.length === 0) throw new DataError('no customer has a counted order that matches: nothing to list (check the filters, or import orders first)');
      emitReport(ctx, customerTotalsReport(rows, log.currency), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

export function customerTotalsReport(rows: CustomerTotalsRow[], currency: string): Report {
  return {
    currency,
    columns: [
      { key: 'customer', zh: '客户', kind: 'text' },
      { key: 'platform', zh: '平台', kind: 'text' },
      { key: 'shop', zh: '店铺', kind: 'text' },
      { key: 'orders', zh: '订单数', kind: 'int' },
      { key: 'revenue', zh: '净收入', kind: 'money' },
      { key: 'first_order', zh: '首单日期', kind: 'day' },
      { key: 'last_order', zh: '末单日期', kind: 'day' },
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}
