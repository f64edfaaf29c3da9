/**
 * `orderlens sql-plan customers|gaps|cohorts --dialect D [--table T] [--as-of D]`: prints the SQL that computes
 * an aggregate over an orders table of the documented shape, in a warehouse's dialect (warehouse/sql-plan.ts).
 */
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { DIALECTS, type DialectName } from '../../warehouse/dialects.js';
import { AGGREGATES, planSql, type AggregateName } from '../../warehouse/sql-plan.js';
import { COHORT_PERIODS, type CohortPeriod } from '../../analytics/cohorts.js';
import { note, parseDayFlag, writeOutput, type CliContext } from '../options.js';
import { formatDay } from '../../domain/day.js';
import { isTimeZone } from '../../domain/time-zone.js';

interface SqlPlanFlags {
  dialect: string;
  table: string;
  asOf?: string;
  period?: string;
  keepPii?: boolean;
  tz?: string;
  out?: string;
}

/** Report names that read an aggregate, and the aggregate each reads. */
const READS: Record<string, AggregateName> = { customers: 'customers', rfm: 'customers', ltv: 'customers', churn: 'customers', gaps: 'gaps', cohorts: 'cohorts' };

const TABLE_NAME = /^[A-Za-z_][\w$-]*(\.[A-Za-z_][\w$-]*){0,2}$/;

export function sqlPlanCommand(ctx: CliContext): Command {
  return new Command('sql-plan')
    .argument('<aggregate>')
    .addOption(new Option('--dialect <dialect>').choices(DIALECTS).default('duckdb'))
    .option('--table <name>', '', 'orders')
    .option('--as-of <date>')
    .addOption(new Option('--period <period>').choices(COHORT_PERIODS))
    .option('--tz <zone>')
    .option('--keep-pii')
    .option('--out <file>')
    .action((name: string, flags: SqlPlanFlags) => {
      const aggregate = READS[name];
      if (aggregate === undefined) throw new UsageError(`sql-plan: unknown aggregate '${name}': use ${AGGREGATES.join(', ')} (or rfm, ltv, churn)`);
      const table = flags.table.trim();
      const isFile = /\.(parquet|csv|csv\.gz)$/i.test(table);
      if (isFile && flags.dialect !== 'duckdb') throw new UsageError(`--table ${table}: a file is read by DuckDB only; load it into a ${flags.dialect} table and name that`);
      if (!isFile && !TABLE_NAME.test(table)) throw new UsageError(`--table '${flags.table}' is not a table name: letters, digits, _ - and $, up to three dotted parts (project.dataset.orders)`);
      if (flags.period !== undefined && aggregate !== 'cohorts') throw new UsageError('--period is for sql-plan cohorts');
      if (flags.keepPii && aggregate !== 'customers') throw new UsageError('--keep-pii is for sql-plan customers');
      const zone = flags.tz?.trim() || null;
      if (zone !== null && (!/^[A-Za-z0-9_+\-/]+$/.test(zone) || !isTimeZone(zone))) throw new UsageError(`--tz '${flags.tz}' is not a time zone: use an IANA name such as Asia/Shanghai or America/New_York`);
      if (zone !== null && flags.dialect === 'sqlite') throw new UsageError('--tz: SQLite has no time zones; give it a table with order_day (orderlens export writes it)');
      const asOf = flags.asOf === undefined ? null : formatDay(parseDayFlag('--as-of', flags.asOf));
      const title = `orderlens sql-plan ${aggregate} --dialect ${flags.dialect} --table ${table}${asOf ? ` --as-of ${asOf}` : ''}${flags.period ? ` --period ${flags.period}` : ''}${zone ? ` --tz ${zone}` : ''}`;
      const sql = planSql(aggregate, { dialect: flags.dialect as DialectName, table, asOf, period: flags.period as CohortPeriod | undefined, zone, contact: flags.keepPii, title });
      if (name === 'churn') note(ctx, 'churn --summary also reads the gap histogram for its threshold: orderlens sql-plan gaps (or give churn --days N)');
      writeOutput(ctx, sql, flags.out, 'the SQL');
    });
}
