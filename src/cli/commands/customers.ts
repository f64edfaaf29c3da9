/**
 * `orderlens customers`: one row per customer with orders, net revenue, first and last order.
 */
import { Command } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { summarizeCustomers, type CustomerTotalsRow } from '../../analytics/customer-summary.js';
import { DataError } from '../../errors.js';
import type { PurchaseLog } from '../../domain/purchase-log.js';
import type { Report } from '../../output/report.js';
import {
  addFilterOptions, addOutputOptions, emitReport, noteExcluded, openReportDb, parseFilter, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { col } from '../../report/columns.js';
import { identityCells, identityColumns, keepsContact } from '../../report/identity.js';

export function customersCommand(ctx: CliContext): Command {
  const cmd = new Command('customers').description('one row per customer: orders, net revenue, first and last order day');
  addFilterOptions(addOutputOptions(cmd)).action((flags: OutputFlags & FilterFlags) => {
    const db = openReportDb(ctx);
    try {
      const log = loadPurchaseLog(db, parseFilter(flags));
      noteExcluded(ctx, log);
      const rows = summarizeCustomers(log);
      if (rows.length === 0) throw new DataError('no customer has a counted order that matches: nothing to list (check the filters, or import orders first)');
      emitReport(ctx, customerTotalsReport(rows, log), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

export function customerTotalsReport(rows: CustomerTotalsRow[], log: PurchaseLog): Report {
  const refs = rows.map((r) => log.customers[r.index]);
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(keepsContact(refs)),
      col('orders'),
      col('revenue'),
      col('first_order'),
      col('last_order'),
    ],
    rows: rows.map((r, i) => ({ ...identityCells(refs[i]), orders: r.orders, revenue: r.revenue, first_order: r.first_order, last_order: r.last_order })),
  };
}
