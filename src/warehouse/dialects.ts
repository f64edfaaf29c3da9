/**
 * The five SQL dialects of `orderlens sql-plan`: the few spellings in which they differ (date literals and
 * arithmetic, integer division, period labels, quoting, how a flag or an amount is read). Everything else
 * in the generated SQL is the same text for every dialect (tested).
 */

export const DIALECTS = ['duckdb', 'bigquery', 'spark', 'trino', 'sqlite'] as const;
export type DialectName = (typeof DIALECTS)[number];

export type PeriodKind = 'month' | 'week' | 'quarter';

export interface Dialect {
  name: DialectName;
  /** A table name (`orders`, `project.dataset.orders`), quoted where a part needs it. */
  table(name: string): string;
  /** A boolean column as a condition. */
  flag(column: string): string;
  /** A text column that names something (null or, from a CSV, empty: nothing). */
  present(column: string): string;
  /** A whole-number column (money, minor units). */
  whole(column: string): string;
  dateLiteral(day: string): string;
  /** A date `days` days after `date` (negative: before). */
  addDays(date: string, days: number): string;
  /** `to` − `from` in whole days. */
  daysBetween(from: string, to: string): string;
  /** Integer division of non-negative whole numbers. */
  intDiv(a: string, b: number): string;
  /** The year, month (1–12) or quarter (1–4) of a date, as a whole number. */
  datePart(part: 'year' | 'month' | 'quarter', date: string): string;
  /** The local day of a UTC instant column in an IANA zone; null where the engine has no time zones. */
  localDay: ((instant: string, zone: string) => string) | null;
  /** The period's label: `2024-03`, `2024-W09` (ISO week-year and week), `2024-Q1`. */
  periodLabel(period: PeriodKind, date: string): string;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `a.b.c` with each part that is not a plain name quoted by `quote`. */
function dotted(name: string, quote: (part: string) => string): string {
  return name
    .split('.')
    .map((p) => (PLAIN_NAME.test(p) ? p : quote(p)))
    .join('.');
}

/** Engines whose tables have real types: booleans, whole numbers, dates, NULL for nothing. */
const TYPED = {
  flag: (c: string) => c,
  present: (c: string) => `${c} IS NOT NULL`,
  whole: (c: string) => c,
  dateLiteral: (day: string) => `DATE '${day}'`,
};

const duckdb: Dialect = {
  name: 'duckdb',
  table: (name) => dotted(name, (p) => `"${p}"`),
  ...TYPED,
  addDays: (date, days) => `(${date} ${days < 0 ? '-' : '+'} ${Math.abs(days)})`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  intDiv: (a, b) => `(${a} // ${b})`,
  datePart: (part, d) => `${part}(${d})`,
  localDay: (t, zone) => `CAST(timezone('${zone}', ${t}) AS DATE)`,
  periodLabel(period, d) {
    if (period === 'month') return `strftime(${d}, '%Y-%m')`;
    if (period === 'week') return `strftime(${d}, '%G-W%V')`;
    return `(strftime(${d}, '%Y') || '-Q' || CAST(quarter(${d}) AS VARCHAR))`;
  },
};

const bigquery: Dialect = {
  name: 'bigquery',
  table: (name) => (name.split('.').every((p) => PLAIN_NAME.test(p)) ? name : `\`${name}\``),
  ...TYPED,
  addDays: (date, days) => `DATE_ADD(${date}, INTERVAL ${days} DAY)`,
  daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  datePart: (part, d) => `EXTRACT(${part.toUpperCase()} FROM ${d})`,
  localDay: (t, zone) => `DATE(${t}, '${zone}')`,
  periodLabel(period, d) {
    if (period === 'month') return `FORMAT_DATE('%Y-%m', ${d})`;
    if (period === 'week') return `FORMAT_DATE('%G-W%V', ${d})`;
    return `FORMAT_DATE('%Y-Q%Q', ${d})`;
  },
};

const spark: Dialect = {
  name: 'spark',
  table: (name) => dotted(name, (p) => `\`${p}\``),
  ...TYPED,
  addDays: (date, days) => `date_add(${date}, ${days})`,
  daysBetween: (from, to) => `datediff(${to}, ${from})`,
  // `div` is Spark's integer division, but floor of the quotient is the same here and older Hive grammars read it
  intDiv: (a, b) => `floor(${a} / ${b})`,
  datePart: (part, d) => `${part}(${d})`,
  // the instant's wall time in the zone, read in a session whose time zone is UTC (spark.sql.session.timeZone)
  localDay: (t, zone) => `to_date(from_utc_timestamp(${t}, '${zone}'))`,
  periodLabel(period, d) {
    if (period === 'month') return `date_format(${d}, 'yyyy-MM')`;
    // Spark 3 has no week-based-year pattern: the ISO week-year is the year of the week's Thursday
    if (period === 'week') return `concat(CAST(year(date_add(${d}, 3 - weekday(${d}))) AS STRING), '-W', lpad(CAST(weekofyear(${d}) AS STRING), 2, '0'))`;
    return `concat(CAST(year(${d}) AS STRING), '-Q', CAST(quarter(${d}) AS STRING))`;
  },
};

const trino: Dialect = {
  name: 'trino',
  table: (name) => dotted(name, (p) => `"${p}"`),
  ...TYPED,
  addDays: (date, days) => `date_add('day', ${days}, ${date})`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  intDiv: (a, b) => `(${a} / ${b})`,
  datePart: (part, d) => `${part}(${d})`,
  localDay: (t, zone) => `CAST(at_timezone(${t}, '${zone}') AS DATE)`,
  periodLabel(period, d) {
    if (period === 'month') return `date_format(${d}, '%Y-%m')`;
    if (period === 'week') return `concat(CAST(year_of_week(${d}) AS varchar), '-W', lpad(CAST(week(${d}) AS varchar), 2, '0'))`;
    return `concat(CAST(year(${d}) AS varchar), '-Q', CAST(quarter(${d}) AS varchar))`;
  },
};

/**
 * SQLite: a table loaded from the exported CSV (`.import --csv`) holds text; flags, amounts and empty keys are
 * read from it explicitly, and days are `YYYY-MM-DD` text (compared as text, counted with julianday).
 */
const sqlite: Dialect = {
  name: 'sqlite',
  table: (name) => dotted(name, (p) => `"${p}"`),
  flag: (c) => `${c} IN (1, '1', 'true', 'TRUE')`,
  present: (c) => `coalesce(${c}, '') <> ''`,
  whole: (c) => `CAST(${c} AS INTEGER)`,
  dateLiteral: (day) => `'${day}'`,
  addDays: (date, days) => `date(${date}, '${days < 0 ? '-' : '+'}${Math.abs(days)} day')`,
  daysBetween: (from, to) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
  intDiv: (a, b) => `(${a} / ${b})`,
  localDay: null,
  datePart(part, d) {
    if (part === 'year') return `CAST(strftime('%Y', ${d}) AS INTEGER)`;
    const month = `CAST(strftime('%m', ${d}) AS INTEGER)`;
    return part === 'month' ? month : `((${month} + 2) / 3)`;
  },
  periodLabel(period, d) {
    if (period === 'month') return `strftime('%Y-%m', ${d})`;
    // by hand rather than %G/%V (SQLite 3.46+): the ISO week-year and week are those of the week's Thursday
    const thursday = `date(${d}, '-' || ((CAST(strftime('%w', ${d}) AS INTEGER) + 6) % 7) || ' days', '+3 days')`;
    if (period === 'week') return `(strftime('%Y', ${thursday}) || '-W' || printf('%02d', (CAST(strftime('%j', ${thursday}) AS INTEGER) - 1) / 7 + 1))`;
    return `(strftime('%Y', ${d}) || '-Q' || ((CAST(strftime('%m', ${d}) AS INTEGER) + 2) / 3))`;
  },
};

export const DIALECT: Record<DialectName, Dialect> = { duckdb, bigquery, spark, trino, sqlite };

/** The Monday 1969-12-29, from which ISO weeks are counted (orderlens' week index 0 starts there). */
const WEEK_ZERO = '1969-12-29';

/** A period's number, so that consecutive periods differ by 1 (months and quarters since year 0, weeks since WEEK_ZERO). */
export function periodNumber(d: Dialect, period: PeriodKind, date: string): string {
  if (period === 'week') return d.intDiv(d.daysBetween(d.dateLiteral(WEEK_ZERO), date), 7);
  const [per, part] = period === 'month' ? [12, 'month' as const] : [4, 'quarter' as const];
  return `(${d.datePart('year', date)} * ${per} + ${d.datePart(part, date)})`;
}
