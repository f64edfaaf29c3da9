/**
 * `orderlens sql-plan`: the SQL that computes, over an orders table of the documented shape
 * (domain/orders-table.ts), the aggregates the `--summary` / `--counts` readers take (the formats of
 * README "Past one machine"): the per-customer summary, the churn gap histogram and the cohort counts.
 *
 * The counting rules are the database path's (db/queries.ts, analytics/*):
 * 1. purchases are the counted orders with a buyer; a customer is (platform, shop, customer_key), per currency;
 * 2. orders of a customer on the same local day are one purchase day (orders counted, net and gross summed);
 * 3. each return or credit note dated before as_of adds its (negative) net to the customer's latest purchase day
 *    on or before its day, else to the first purchase day; one dated on or after as_of does not count (the
 *    shop had not had it yet: db/queries.ts applyReturns and domain/purchase-log.ts asOfLog); gross is untouched;
 * 4. as_of is exclusive: only purchase days before it count. Without one, the day after the last purchase day.
 * Medians are exact (the middle one or two gaps by rank), never a warehouse's approximate percentile.
 */
import { DIALECT, periodNumber, type Dialect, type DialectName, type PeriodKind } from './dialects.js';

export const AGGREGATES = ['customers', 'gaps', 'cohorts'] as const;
export type AggregateName = (typeof AGGREGATES)[number];

export interface SqlPlanOptions {
  dialect: DialectName;
  /** The orders table (a name, or for DuckDB a .parquet/.csv file). */
  table: string;
  /** Exclusive end `YYYY-MM-DD`; null: the day after the last purchase day. */
  asOf: string | null;
  /** cohorts: the period of the cohorts (default month). */
  period?: PeriodKind;
  /**
   * The purchase day from `ordered_at` (a UTC instant) in this IANA zone, for a table without `order_day`;
   * null: read `order_day`. Not for SQLite, which has no time zones (DIALECT.sqlite.localDay is null).
   */
  zone?: string | null;
  /** customers: carry the table's `contact` column (export --keep-pii). */
  contact?: boolean;
  /** The first comment line (the command that made the SQL). */
  title: string;
}

const KEY = ['platform', 'shop', 'customer_key', 'currency'];

function keyOf(alias: string): string {
  return KEY.map((k) => `${alias}.${k}`).join(', ');
}

function sameKey(a: string, b: string): string {
  return KEY.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
}

/** The FROM of the orders table: a table name, or (DuckDB) an exported file read with the contract's types. */
export function tableSource(d: Dialect, table: string): string {
  if (d.name === 'duckdb' && /\.parquet$/i.test(table)) return `read_parquet('${table.replaceAll("'", "''")}')`;
  if (d.name === 'duckdb' && /\.csv(\.gz)?$/i.test(table)) {
    return `read_csv('${table.replaceAll("'", "''")}', header = true, types = {'order_id': 'VARCHAR', 'customer_key': 'VARCHAR', 'customer': 'VARCHAR', 'order_day': 'DATE', 'ordered_at': 'TIMESTAMPTZ', 'counted': 'BOOLEAN', 'is_return': 'BOOLEAN', 'gross': 'BIGINT', 'net': 'BIGINT'})`;
  }
  return d.table(table);
}

/** The common start: as_of, purchase days with returns attached (optional), day numbers and gaps before as_of. */
function purchaseDays(d: Dialect, o: SqlPlanOptions, withReturns: boolean): string[] {
  const from = tableSource(d, o.table);
  if (o.zone && !d.localDay) throw new RangeError(`${d.name} has no time zones: read order_day`);
  const day = o.zone && d.localDay ? d.localDay('ordered_at', o.zone) : 'order_day';
  const bought = `${d.flag('counted')} AND ${d.present('customer_key')}`;
  const partition = `PARTITION BY ${keyOf('b')} ORDER BY b.purchase_day`;
  const contact = o.contact ? ', min(contact) AS contact' : '';
  return [
    'WITH bounds AS (  -- as_of: the exclusive end of the observation',
    o.asOf === null
      ? `  SELECT ${d.addDays(`max(${day})`, 1)} AS as_of FROM ${from} WHERE ${bought}`
      : `  SELECT ${d.dateLiteral(o.asOf)} AS as_of`,
    '),',
    'bought AS (  -- counted orders with a buyer, one row per customer and purchase day',
    `  SELECT platform, shop, customer_key, currency, ${day} AS purchase_day, count(*) AS orders,`,
    `    sum(${d.whole('net')}) AS net, sum(${d.whole('gross')}) AS gross, min(customer) AS customer${contact}`,
    `  FROM ${from}`,
    `  WHERE ${bought}`,
    `  GROUP BY platform, shop, customer_key, currency, ${day}`,
    '),',
    ...(withReturns
      ? [
          'given_back AS (  -- returns and credit notes dated before as_of, per customer and day',
          `  SELECT platform, shop, customer_key, currency, ${day} AS return_day, sum(${d.whole('net')}) AS net`,
          `  FROM ${from}`,
          '  CROSS JOIN bounds',
          `  WHERE ${d.flag('is_return')} AND ${d.present('customer_key')} AND ${day} < bounds.as_of`,
          `  GROUP BY platform, shop, customer_key, currency, ${day}`,
          '),',
          'attached AS (  -- on the latest purchase day on or before the return, else the first purchase day',
          `  SELECT ${keyOf('g')},`,
          '    coalesce(max(CASE WHEN b.purchase_day <= g.return_day THEN b.purchase_day END), min(b.purchase_day)) AS purchase_day,',
          '    min(g.net) AS net',
          '  FROM given_back g',
          `  JOIN bought b ON ${sameKey('b', 'g')}`,
          `  GROUP BY ${keyOf('g')}, g.return_day`,
          '),',
          'returned AS (',
          `  SELECT platform, shop, customer_key, currency, purchase_day, sum(net) AS net FROM attached`,
          '  GROUP BY platform, shop, customer_key, currency, purchase_day',
          '),',
        ]
      : []),
    'days AS (  -- purchase days before as_of: returns added, numbered, and the gap since the one before',
    `  SELECT ${keyOf('b')}, b.customer${o.contact ? ', b.contact' : ''}, b.purchase_day, b.orders, b.gross, bounds.as_of,`,
    withReturns ? '    b.net + coalesce(r.net, 0) AS net,' : '    b.net,',
    `    row_number() OVER (${partition}) AS nth,`,
    `    ${d.daysBetween(`lag(b.purchase_day) OVER (${partition})`, 'b.purchase_day')} AS gap`,
    '  FROM bought b',
    '  CROSS JOIN bounds',
    ...(withReturns ? [`  LEFT JOIN returned r ON ${sameKey('r', 'b')} AND r.purchase_day = b.purchase_day`] : []),
    '  WHERE b.purchase_day < bounds.as_of',
    ')',
  ];
}

function customersSql(d: Dialect, o: SqlPlanOptions): string[] {
  const key = 'platform, shop, customer_key, currency';
  return [
    ...purchaseDays(d, o, true).slice(0, -1),
    '),',
    'ranked AS (  -- gaps in order of length, for the exact median',
    `  SELECT ${key}, gap,`,
    `    row_number() OVER (PARTITION BY ${key} ORDER BY gap) AS rnk,`,
    `    count(*) OVER (PARTITION BY ${key}) AS n`,
    '  FROM days WHERE gap IS NOT NULL',
    '),',
    'medians AS (  -- the middle gap, or the mean of the two middle ones',
    `  SELECT ${key}, avg(gap) AS median_gap_days`,
    '  FROM ranked WHERE 2 * rnk BETWEEN n AND n + 2',
    `  GROUP BY ${key}`,
    ')',
    `SELECT d.customer_key, coalesce(min(d.customer), d.customer_key) AS customer, d.platform, d.shop,${o.contact ? ' min(d.contact) AS contact,' : ''} d.currency, d.as_of,`,
    '  min(d.purchase_day) AS first_purchase, max(d.purchase_day) AS last_purchase, count(*) AS purchase_days,',
    '  sum(d.orders) AS orders, sum(d.net) AS revenue, sum(d.gross) AS gross_revenue,',
    '  sum(CASE WHEN d.nth > 1 THEN d.net ELSE 0 END) AS repeat_revenue, count(*) - 1 AS frequency,',
    `  ${d.daysBetween('min(d.purchase_day)', 'max(d.purchase_day)')} AS recency_days,`,
    `  ${d.daysBetween('min(d.purchase_day)', d.addDays('d.as_of', -1))} AS T_days,`,
    '  min(m.median_gap_days) AS median_gap_days',
    'FROM days d',
    `LEFT JOIN medians m ON ${sameKey('m', 'd')}`,
    `GROUP BY ${keyOf('d')}, d.as_of`,
    `ORDER BY ${keyOf('d')}`,
  ];
}

function gapsSql(d: Dialect, o: SqlPlanOptions): string[] {
  return [
    ...purchaseDays(d, o, false),
    'SELECT platform, shop, currency, as_of, gap AS gap_days, count(*) AS gaps',
    'FROM days WHERE gap IS NOT NULL',
    'GROUP BY platform, shop, currency, as_of, gap',
    'ORDER BY platform, shop, currency, gap',
  ];
}

function cohortsSql(d: Dialect, o: SqlPlanOptions): string[] {
  const period = o.period ?? 'month';
  return [
    ...purchaseDays(d, o, true).slice(0, -1),
    '),',
    'firsts AS (',
    '  SELECT platform, shop, customer_key, currency, min(purchase_day) AS first_day FROM days',
    '  GROUP BY platform, shop, customer_key, currency',
    '),',
    `placed AS (  -- each purchase day in its customer's cohort (the ${period} of the first purchase) and period since`,
    `  SELECT d.platform, d.shop, d.currency, d.as_of, d.customer_key, d.orders, d.net, ${d.periodLabel(period, 'f.first_day')} AS cohort,`,
    `    ${periodNumber(d, period, 'd.purchase_day')} - ${periodNumber(d, period, 'f.first_day')} AS period`,
    '  FROM days d',
    `  JOIN firsts f ON ${sameKey('f', 'd')}`,
    ')',
    'SELECT platform, shop, currency, as_of, cohort, period, count(DISTINCT customer_key) AS customers,',
    '  sum(orders) AS orders, sum(net) AS revenue',
    'FROM placed',
    'GROUP BY platform, shop, currency, as_of, cohort, period',
    'ORDER BY platform, shop, currency, cohort, period',
  ];
}

const WHAT: Record<AggregateName, string> = {
  customers: 'one row per customer (platform, shop, customer_key, currency) with a purchase day before as_of: ltv/rfm/churn --summary',
  gaps: 'the gaps between consecutive purchase days, counted per length: churn --summary ... --gaps',
  cohorts: 'customers, orders and net revenue per acquisition cohort and period since: cohorts --counts',
};

/** The SQL text of one aggregate, with a comment head saying what it computes and from what. */
export function planSql(aggregate: AggregateName, o: SqlPlanOptions): string {
  const d = DIALECT[o.dialect];
  const body = aggregate === 'customers' ? customersSql(d, o) : aggregate === 'gaps' ? gapsSql(d, o) : cohortsSql(d, o);
  const head = [
    `-- ${o.title}`,
    `-- ${WHAT[aggregate]}`,
    `-- reads the orders table of README "Past one machine" (counted, is_return, ${o.zone ? `ordered_at: days in ${o.zone}` : 'order_day'}, customer_key, net ...);`,
    `-- as_of (exclusive): ${o.asOf ?? 'the day after the last purchase day in the table'}; money in whole minor units`,
  ];
  return `${[...head, ...body].join('\n')};\n`;
}
