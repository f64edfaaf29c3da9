/**
 * `orderlens customers`: one row per customer with orders, net revenue, first and last order.
 */
import { Command } from 'commander';
import { summarizeCustomers } from '../../analytics/customer-summary.js';
import { DataError } from '../../errors.js';
import { addFilterOptions, addOutputOptions, emitReport, type CliContext, type FilterFlags, type OutputFlags } from '../options.js';
import { customerTotalsReport } from '../../report/customers.js';
import { withPurchaseLog } from '../with-purchase-log.js';
import { said } from '../../report/said.js';

export function customersCommand(ctx: CliContext): Command {
  const cmd = new Command('customers');
  addFilterOptions(addOutputOptions(cmd)).action((flags: OutputFlags & FilterFlags) => {
    withPurchaseLog(ctx, flags, ({ log }) => {
      const rows = summarizeCustomers(log);
      if (rows.length === 0) throw new DataError(said('customers.none'));
      emitReport(ctx, customerTotalsReport(rows, log), flags);
    }, { undated: true });
  });
  return cmd;
}
