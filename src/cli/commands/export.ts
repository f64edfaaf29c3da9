/**
 * `orderlens export orders|purchases --format csv|parquet`: the stored orders in the documented orders-table
 * shape (domain/orders-table.ts), to load into a warehouse and run `orderlens sql-plan`'s SQL there.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { CONTACT_COLUMN, ORDERS_TABLE, type OrdersTableColumn } from '../../domain/orders-table.js';
import { clearContacts, ORDERS_TABLES, readOrdersTable, type OrdersTableBatch, type OrdersTableName } from '../../db/orders-table-rows.js';
import { refuseUnknownSource } from '../../db/queries.js';
import { UsageError } from '../../errors.js';
import { said } from '../../report/said.js';
import { ORDERS_TABLE_FORMATS, tableFileWriter, type ColumnBatch, type OrdersTableFormat } from '../../output/orders-table-file.js';
import { note, openReportDb, parseFilter, writeOutput, type CliContext, type FilterFlags } from '../options.js';
import { VERSION } from '../version.js';

interface ExportFlags extends FilterFlags {
  format?: string;
  out?: string;
  keepPii?: boolean;
  formulaGuard?: boolean;
}

/** The format --format or the --out extension names; CSV when neither does. */
function exportFormat(flags: ExportFlags): OrdersTableFormat {
  const ext = flags.out === undefined ? '' : path.extname(flags.out).slice(1).toLowerCase();
  const named = (ORDERS_TABLE_FORMATS as readonly string[]).includes(ext) ? (ext as OrdersTableFormat) : undefined;
  const given = flags.format as OrdersTableFormat | undefined;
  if (given !== undefined && named !== undefined && given !== named) throw new UsageError(said('export.formatClash', { file: flags.out ?? '', ext, format: given }));
  const format = given ?? named ?? 'csv';
  if (format === 'parquet' && flags.out === undefined) throw new UsageError(said('export.parquetNeedsFile'));
  return format;
}

function columnsOf(batch: OrdersTableBatch): ColumnBatch {
  return {
    length: batch.length,
    columns: {
      platform: batch.platform, shop: batch.shop, order_id: batch.orderId, customer_key: batch.customerKey, customer: batch.customer,
      contact: batch.contact ?? [], ordered_at: batch.orderedMs, order_day: batch.day, status: batch.status, counted: batch.counted,
      is_return: batch.isReturn, currency: batch.currency, gross: batch.gross, net: batch.net,
    },
  };
}

export function exportCommand(ctx: CliContext): Command {
  const cmd = new Command('export')
    .argument('<table>')
    .addOption(new Option('--format <format>').choices(ORDERS_TABLE_FORMATS))
    .option('--out <file>')
    .option('--keep-pii')
    .option('--no-formula-guard');
  cmd
    .option('--since <date>')
    .option('--until <date>')
    .option('--platform <name>')
    .option('--shop <name>')
    .option('--currency <code>')
    .action((table: string, flags: ExportFlags) => {
      if (!(ORDERS_TABLES as readonly string[]).includes(table)) throw new UsageError(said('export.unknownTable', { table, list: [...ORDERS_TABLES] }));
      const format = exportFormat(flags);
      const filter = parseFilter(flags);
      const db = openReportDb(ctx);
      try {
        refuseUnknownSource(db, filter);
        let withContact = false;
        if (flags.keepPii) {
          const kept = clearContacts(db);
          withContact = kept > 0;
          note(ctx, withContact ? said('export.contactKept', { n: kept }) : said('export.contactNone'));
        }
        const columns: OrdersTableColumn[] = withContact ? ORDERS_TABLE.flatMap((c) => (c.name === 'customer' ? [c, CONTACT_COLUMN] : [c])) : [...ORDERS_TABLE];
        let rows = 0;
        function* chunks(): Generator<Buffer> {
          const pending: Buffer[] = [];
          const writer = tableFileWriter(format, columns, (bytes) => pending.push(Buffer.from(bytes)), {
            formulaGuard: flags.formulaGuard,
            createdBy: `orderlens ${VERSION}`,
          });
          for (const batch of readOrdersTable(db, table as OrdersTableName, filter, { withContact })) {
            writer.write(columnsOf(batch));
            rows += batch.length;
            while (pending.length > 0) yield pending.shift()!;
          }
          writer.end();
          while (pending.length > 0) yield pending.shift()!;
        }
        writeOutput(ctx, chunks(), flags.out, () => said(table === 'orders' ? 'export.wroteOrders' : 'export.wroteRows', { n: rows, format }));
      } finally {
        db.close();
      }
    });
  return cmd;
}
