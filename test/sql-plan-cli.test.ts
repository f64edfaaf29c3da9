/**
 * `orderlens sql-plan`: the command, its usage errors, and the SQL of the dialects that are not run here
 * (BigQuery, Spark, Trino), parsed by node-sql-parser and compared with the DuckDB text: the same lines, and
 * where a line differs, only in what the dialects spell differently.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { planSql, type AggregateName } from '../src/warehouse/sql-plan.js';
import type { DialectName, PeriodKind } from '../src/warehouse/dialects.js';

const dir = tempDir('orderlens-sql-plan-cli-');
const db = path.join(dir, 'none.db');

const PLANS: { aggregate: AggregateName; period?: PeriodKind }[] = [
  { aggregate: 'customers' },
  { aggregate: 'gaps' },
  { aggregate: 'cohorts', period: 'month' },
  { aggregate: 'cohorts', period: 'week' },
  { aggregate: 'cohorts', period: 'quarter' },
];

/** node-sql-parser's grammar for each dialect checked here (Spark SQL: its Hive grammar). */
const GRAMMAR: Partial<Record<DialectName, string>> = { bigquery: 'bigquery', spark: 'hive', trino: 'trino' };

/** What may differ from the DuckDB line: each dialect's date functions, integer division, labels and quoting. */
const DIFFERS: Partial<Record<DialectName, RegExp>> = {
  bigquery: /DATE_ADD\(|DATE_DIFF\(|DIV\(|EXTRACT\(|FORMAT_DATE\(|DATE\(ordered_at|`/,
  spark: /date_add\(|datediff\(|floor\(|date_format\(|weekofyear\(|concat\(|from_utc_timestamp\(|`/,
  trino: /date_add\('day'|date_diff\('day'|date_format\(|year_of_week\(|concat\(|at_timezone\(/,
};

describe('orderlens sql-plan', () => {
  it('prints the SQL with a head saying what it computes; needs no database', async () => {
    const r = await orderlens(db, ['sql-plan', 'customers', '--dialect', 'bigquery', '--table', 'my-project.shop.orders', '--as-of', '2025-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('-- orderlens sql-plan customers --dialect bigquery --table my-project.shop.orders --as-of 2025-01-01');
    expect(r.stdout).toContain("SELECT DATE '2025-01-01' AS as_of");
    expect(r.stdout).toContain('FROM `my-project.shop.orders`');
    expect(r.stdout.trimEnd().endsWith(';')).toBe(true);
    expect(r.stdout).toBe(planSql('customers', { dialect: 'bigquery', table: 'my-project.shop.orders', asOf: '2025-01-01', title: 'orderlens sql-plan customers --dialect bigquery --table my-project.shop.orders --as-of 2025-01-01' }));
  });

  it('report names read their aggregate; churn says it also wants the gap histogram; --out writes a file', async () => {
    const ltv = await orderlens(db, ['sql-plan', 'ltv']);
    expect(ltv.stdout.split('\n')[0]).toBe('-- orderlens sql-plan customers --dialect duckdb --table orders');
    const churn = await orderlens(db, ['sql-plan', 'churn', '--dialect', 'trino']);
    expect(churn.stderr).toContain('orderlens sql-plan gaps');
    const out = path.join(dir, 'cohorts.sql');
    const file = await orderlens(db, ['sql-plan', 'cohorts', '--period', 'week', '--table', 'orders.parquet', '--out', out]);
    expect(file.code, file.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain("read_parquet('orders.parquet')");
    expect(readFileSync(out, 'utf8')).toContain("strftime(f.first_day, '%G-W%V') AS cohort");
  });

  it.each([
    [['sql-plan', 'pareto'], "unknown aggregate 'pareto'"],
    [['sql-plan', 'customers', '--dialect', 'mysql'], 'mysql'],
    [['sql-plan', 'customers', '--dialect', 'bigquery', '--table', 'orders.parquet'], 'read by DuckDB only'],
    [['sql-plan', 'customers', '--table', 'orders; DROP TABLE x'], 'is not a table name'],
    [['sql-plan', 'customers', '--as-of', '2025-13-01'], 'is not a date'],
    [['sql-plan', 'customers', '--period', 'week'], '--period is for sql-plan cohorts'],
    [['sql-plan', 'gaps', '--keep-pii'], '--keep-pii is for sql-plan customers'],
    [['sql-plan', 'gaps', '--tz', 'Mars/Olympus'], 'is not a time zone'],
    [['sql-plan', 'gaps', '--tz', "UTC'; DROP TABLE x"], 'is not a time zone'],
    [['sql-plan', 'gaps', '--tz', 'Asia/Shanghai', '--dialect', 'sqlite'], 'SQLite has no time zones'],
  ])('usage error (exit 2): %j', async (argv, message) => {
    const r = await orderlens(db, argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  const parser = new Parser();
  for (const dialect of ['bigquery', 'spark', 'trino'] as const) {
    it(`${dialect}: every aggregate parses (${GRAMMAR[dialect]} grammar) and differs from DuckDB's text only where the dialects differ`, () => {
      for (const { aggregate, period } of PLANS) {
        for (const [asOf, zone] of [[null, null], ['2025-01-01', null], [null, 'Asia/Shanghai']]) {
          const options = { table: 'shop.orders', asOf, period, zone, title: 'test' };
          const sql = planSql(aggregate, { ...options, dialect });
          expect(() => parser.astify(sql, { database: GRAMMAR[dialect] }), `${dialect} ${aggregate} ${period ?? ''}`).not.toThrow();
          const mine = sql.split('\n');
          const duck = planSql(aggregate, { ...options, dialect: 'duckdb' }).split('\n');
          expect(mine.length).toBe(duck.length);
          const differing = mine.filter((line, i) => line !== duck[i]);
          for (const line of differing) expect(line, `${dialect} ${aggregate}: a line differs without a dialect difference`).toMatch(DIFFERS[dialect]!);
          // date arithmetic: 4 lines at most; a purchase day from instants adds the 5 lines that read it
          expect(differing.length).toBeLessThanOrEqual(zone ? 9 : 4);
        }
      }
    });
  }

  it('the parser is not a rubber stamp: it refuses broken SQL in each grammar', () => {
    for (const grammar of Object.values(GRAMMAR)) {
      const broken = planSql('customers', { dialect: 'trino', table: 'orders', asOf: null, title: 't' }).replace('GROUP BY d.platform', 'GROUP d.platform');
      expect(() => parser.astify(broken, { database: grammar })).toThrow();
    }
  });
});
