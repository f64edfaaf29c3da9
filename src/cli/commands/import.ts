/**
 * `orderlens import FILE...`: wires flags → importer → one summary line per file.
 */
import { statSync } from 'node:fs';
import v8 from 'node:v8';
import { Command, Option } from 'commander';
import ora from 'ora';
import { DataError, UsageError } from '../../errors.js';
import { openDb, resolveDbPath, type Db } from '../../db/open.js';
import { importFile, validateImportOptions, type ImportOptions, type ImportResult } from '../../import/importer.js';
import { orderForImport } from '../../import/import-order.js';
import { ADAPTERS } from '../../import/platforms/registry.js';
import { resolveEncoding } from '../../import/read.js';
import { messageLine } from '../../excerpt.js';
import { onInterrupt, setActivity } from '../interrupt.js';
import { note, type CliContext } from '../options.js';
import { protectedFiles, refuseProtectedOutput } from '../output-file.js';
import { RejectsFile } from '../rejects-file.js';

interface ImportFlags {
  platform: string;
  shop?: string;
  tz?: string;
  currency?: string;
  encoding: string;
  decimalComma?: boolean;
  dateOrder?: string;
  map: string[];
  strict?: boolean;
  allowStale?: boolean;
  rejects?: string;
  dryRun?: boolean;
  keepPii?: boolean;
}

export function importCommand(ctx: CliContext): Command {
  return new Command('import')
    .description('import order export files into the database (idempotent: re-importing changes nothing)')
    .argument('<files...>', 'export files (CSV, TSV, TXT in UTF-8 or GBK/GB18030; .xlsx); item reports (ExportOrderDetailList*) are read after the order reports')
    .option('--platform <name>', `auto, or one of: ${ADAPTERS.map((a) => a.id).join(', ')}`, 'auto')
    .option('--shop <name>', "shop name, to keep several shops of one platform apart (default: the store the export names, else 'default')")
    .option('--tz <zone>', "the store's time zone (IANA, e.g. Asia/Shanghai); default: the platform's")
    .option('--currency <code>', 'currency for files without a currency column (default: the platform\'s)')
    .option('--encoding <name>', 'auto, utf8 or gb18030 (GBK)', 'auto')
    .addOption(new Option('--date-order <order>', 'how generic files\' slash dates read: mdy (9/7/11 = Sep 7) or dmy').choices(['mdy', 'dmy']))
    .option('--decimal-comma', 'amounts use a decimal comma (automatic for ;-delimited files)')
    .option('--map <field=Header>', 'name the column of a field (repeatable): order_id, customer, date, amount, status, currency, quantity, sku, product, refund, price', collect, [])
    .option('--strict', 'any bad row aborts that file (nothing from it is stored, exit 1)')
    .option('--allow-stale', 'apply rows that would move a stored order back in its life (a lost refund, completed → shipped); default: count them as stale')
    .option('--rejects <file>', 'write every rejected row with its reason to FILE (CSV)')
    .option('--dry-run', 'read, check and count, but store nothing')
    .option('--keep-pii', 'also store clear buyer names, emails and phones (default: keyed hash + masked form only)')
    .addHelpText(
      'after',
      `
Dates: ISO 8601 (with or without time/offset), YYYY/MM/DD, YYYYMMDD, YYYY-MM-DD HH:mm:ss.
Amounts: 1234.5, 1,234.50, ¥1,234.50, $5.00, 62.86元; a decimal comma for ;-delimited files or --decimal-comma.
Times without an offset are read in --tz (default UTC for generic files, Asia/Shanghai for Chinese marketplaces).
Each file is one transaction: an error leaves the database as it was before that file.`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      // An import streams: little stays alive, but V8 lets the old generation grow to several times the live
      // heap before collecting it. A tighter growth keeps the peak RSS of a multi-GB import near 250 MB for
      // the cost of a few more (small) collections.
      v8.setFlagsFromString('--heap-growing-percent=20');
      // Nor should it pretenure: V8 moves an allocation site whose objects were seen to survive (which a
      // brief wait for the writing thread can make look so) to the old generation, and the reading thread
      // then fills and collects its old generation hundreds of times: a 5M-line import took 18 s instead of
      // 13 in about half of the runs.
      v8.setFlagsFromString('--no-allocation-site-pretenuring');
      const shop = flags.shop?.trim();
      if (shop === '') throw new UsageError("--shop '' names no shop: give a name such as --shop tmall-flagship (default: default)");
      const opts: ImportOptions = {
        platform: flags.platform.toLowerCase(),
        shop,
        zone: flags.tz,
        currency: flags.currency,
        encoding: resolveEncoding(flags.encoding),
        decimalComma: flags.decimalComma,
        dateOrder: flags.dateOrder as 'mdy' | 'dmy' | undefined,
        map: parseMap(flags.map),
        strict: flags.strict,
        allowStale: flags.allowStale,
        dryRun: flags.dryRun,
        keepPii: flags.keepPii,
      };
      validateImportOptions(opts);
      const failed: DataError[] = [];
      const dbPath = resolveDbPath(ctx.globals().db, ctx.io.env);
      let rejects: RejectsFile | null = null;
      if (flags.rejects) {
        refuseProtectedOutput(flags.rejects, '--rejects', protectedFiles(dbPath, files));
        // opened now: a path that cannot be written fails before anything is stored
        const file = new RejectsFile(flags.rejects, flags.keepPii ?? false);
        opts.onReject = (r, header) => file.add(r, header);
        rejects = file;
      }
      const forget = onInterrupt(() => rejects?.abort());
      let db: Db;
      try {
        db = openForImport(dbPath, flags.dryRun ?? false);
      } catch (e) {
        rejects?.abort();
        throw e;
      }
      try {
        for (const file of orderForImport(files)) {
          const spinner = ctx.io.stderrIsTTY ? ora({ text: `${file}: reading`, stream: process.stderr }).start() : null;
          const started = Date.now();
          opts.onProgress = spinner
            ? (rows) => {
                spinner.text = `${file}: ${rows.toLocaleString('en-US')} rows (${Math.round(rows / ((Date.now() - started) / 1000 || 1)).toLocaleString('en-US')} rows/s)`;
              }
            : undefined;
          try {
            if (isDirectory(file)) throw new DataError(`${file}: cannot read: is a directory, not an export file`);
            setActivity(`nothing from ${file} was stored`);
            report(ctx, await importFile(db, file, opts));
            setActivity(null);
          } catch (e) {
            // One file's failure does not stop the others; the command fails at the end.
            if (!(e instanceof DataError) || files.length === 1) throw e;
            failed.push(e);
            ctx.io.stderr.write(`orderlens: error: ${e.message}\n`);
          } finally {
            spinner?.stop();
          }
        }
      } finally {
        setActivity(null);
        db.close();
        forget();
        rejects?.commit();
      }
      if (rejects) note(ctx, `wrote ${rejects.count} rejected rows to ${rejects.file}`);
      if (failed.length > 0) throw new DataError(`${failed.length} of ${files.length} files were not imported (see above); the others were`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--map '${pair}' must look like field=Header, e.g. --map customer=Buyer`);
    map[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1);
  }
  return map;
}

function openForImport(path: string, dryRun: boolean): Db {
  if (dryRun) {
    try {
      return openDb(path, { create: false });
    } catch {
      return openDb(':memory:', { create: true });
    }
  }
  return openDb(path, { create: true });
}

function report(ctx: CliContext, r: ImportResult): void {
  const c = r.counts;
  const prefix = r.dryRun ? 'dry run: ' : '';
  ctx.io.stdout.write(
    `${prefix}${r.file}: read ${c.read}, inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, ${c.stale > 0 ? `stale ${c.stale}, ` : ''}rejected ${c.rejected} (detected: ${r.label}; shop ${r.shop}${typeof r.shopFrom === 'object' ? ` from its ${r.shopFrom.column} column` : r.shopFrom === 'only' ? ` (the only ${r.platform} shop stored)` : ''}; ${r.encoding})\n`,
  );
  for (const rej of r.firstRejects) ctx.io.stderr.write(`${messageLine(`${rej.file}:${rej.line}: ${rej.reason}`)}\n`);
  if (c.rejected > r.firstRejects.length) note(ctx, `${c.rejected - r.firstRejects.length} more rejected rows in ${r.file} (write them all with --rejects FILE)`);
  for (const n of r.notes) note(ctx, `${r.file}: ${n}`);
  for (const [text, n] of r.unknownStatuses) note(ctx, `${r.file}: unknown status '${text}' on ${n} orders: kept as is, never counted as revenue`);
  if (r.ordersWithoutBuyer > 0) note(ctx, `${r.file}: ${r.ordersWithoutBuyer} orders have no buyer identity (the export has none); customer reports leave them out`);
  if (c.stale > 0) note(ctx, `${r.file}: ${c.stale} rows would have moved stored orders back in their life (a lost refund, an earlier status: an older export?): left as they were; --allow-stale applies them`);
  if (r.itemsAttached > 0) note(ctx, `${r.file}: attached ${r.itemsAttached} items to their orders`);
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // a missing file is reported by the reader
  }
}
