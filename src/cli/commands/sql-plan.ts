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
import { said } from '../../report/said.js';

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
      if (aggregate === undefined) throw new UsageError(said('sqlPlan.unknown', { name, list: AGGREGATES }));
      const table = flags.table.trim();
      const isFile = /\.(parquet|csv|csv\.gz)$/i.test(table);
      if (isFile && flags.dialect !== 'duckdb') throw new UsageError(said('sqlPlan.fileNeedsDuckdb', { table, dialect: flags.dialect }));
      if (!isFile && !TABLE_NAME.test(table)) throw new UsageError(said('sqlPlan.badTable', { table: flags.table }));
      if (flags.period !== undefined && aggregate !== 'cohorts') throw new UsageError(said('sqlPlan.periodOnlyCohorts'));
      if (flags.keepPii && aggregate !== 'customers') throw new UsageError(said('sqlPlan.piiOnlyCustomers'));
      const zone = flags.tz?.trim() || null;
      if (zone !== null && (!/^[A-Za-z0-9_+\-/]+$/.test(zone) || !isTimeZone(zone))) throw new UsageError(said('sqlPlan.badZone', { zone: flags.tz ?? '' }));
      if (zone !== null && flags.dialect === 'sqlite') throw new UsageError(said('sqlPlan.sqliteZone'));
      const asOf = flags.asOf === undefined ? null : formatDay(parseDayFlag('--as-of', flags.asOf));
      const title = `orderlens sql-plan ${aggregate} --dialect ${flags.dialect} --table ${table}${asOf ? ` --as-of ${asOf}` : ''}${flags.period ? ` --period ${flags.period}` : ''}${zone ? ` --tz ${zone}` : ''}`;
      const sql = planSql(aggregate, { dialect: flags.dialect as DialectName, table, asOf, period: flags.period as CohortPeriod | undefined, zone, contact: flags.keepPii, title });
      if (name === 'churn') note(ctx, said('sqlPlan.churnGaps'));
      writeOutput(ctx, sql, flags.out, said('sqlPlan.theSql'));
    });
}
