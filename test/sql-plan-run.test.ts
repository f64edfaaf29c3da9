/**
 * `orderlens sql-plan`'s SQL, run: DuckDB on the exported orders (Parquet) and SQLite on the exported CSV
 * loaded as text (as `sqlite3 .import --csv` does) compute the per-customer summary, the gap histogram and the
 * cohort counts, which must equal orderlens' own numbers row for row: the analytics the reports use
 * (summarizeBtyd, flagChurn, gapThreshold, analyzeCohorts) on the database's purchase log.
 *
 * Shops: a hand-made one with returns (before the first purchase, on a later day, after as-of, two on one
 * day), same-day orders, a cancelled order and two shops; the demo shop; the bench generator's shop at 20,000
 * lines; UCI Online Retail's sample (cancellation invoices) where ../shared/data is present.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, query, tempDir } from './cli-harness.js';
import { duck, duckSkipReason } from './duckdb.js';
import { sharedFile } from './shared-data.js';
import { openDb } from '../src/db/open.js';
import { loadPurchaseLog } from '../src/db/queries.js';
import { formatDay, parseDay } from '../src/domain/day.js';
import { asOfLog, forEachCustomer, lastDay } from '../src/domain/purchase-log.js';
import { summarizeBtyd } from '../src/analytics/ltv-summary.js';
import { flagChurn, gapThreshold } from '../src/analytics/churn.js';
import { analyzeCohorts, type CohortPeriod } from '../src/analytics/cohorts.js';
import { planSql, type AggregateName } from '../src/warehouse/sql-plan.js';
import type { DialectName } from '../src/warehouse/dialects.js';

const dir = tempDir('orderlens-sql-plan-');
type Row = Record<string, string>;

/** orderlens' own aggregates of a database, as text rows in the formats' columns. */
function own(dbPath: string, asOfText: string | null, period: CohortPeriod, currency?: string): { customers: Row[]; gaps: Row[]; cohorts: Row[]; threshold: number | null } {
  const db = openDb(dbPath, { create: false, readonly: true });
  try {
    const stored = loadPurchaseLog(db, currency ? { currency } : {});
    const asOf = asOfText === null ? lastDay(stored)! + 1 : parseDay(asOfText)!;
    // as the reports see it: returns dated on or after as-of not yet known
    const log = asOfLog(stored, asOf);
    const asOfDay = formatDay(asOf);
    const btyd = summarizeBtyd(log, { end: asOf - 1, unit: 'day' });
    const churn = flagChurn(log, { asOf, days: 1, detail: false });
    const medians = new Map(churn.rows.map((r) => [r.index, r.usual_gap_days]));
    const gross = new Float64Array(log.customers.length);
    const histogram = new Map<string, number>();
    forEachCustomer(log, (c, start, end) => {
      const ref = log.customers[c];
      for (let e = start; e < end && log.day[e] < asOf; e++) {
        gross[c] += log.gross[e];
        if (e > start) {
          const key = `${ref.platform}\u0000${ref.shop}\u0000${log.day[e] - log.day[e - 1]}`;
          histogram.set(key, (histogram.get(key) ?? 0) + 1);
        }
      }
    });
    const customers: Row[] = [];
    for (let i = 0; i < btyd.customer.length; i++) {
      const c = btyd.customer[i];
      const ref = log.customers[c];
      const x = btyd.x[i];
      const median = medians.get(c);
      customers.push({
        customer_key: ref.key, customer: ref.display, platform: ref.platform, shop: ref.shop, currency: log.currency, as_of: asOfDay,
        first_purchase: formatDay(btyd.first[i]), last_purchase: formatDay(btyd.last[i]), purchase_days: String(x + 1), orders: String(btyd.orders[i]),
        revenue: String(btyd.revenue[i]), gross_revenue: String(gross[c]), repeat_revenue: String(x === 0 ? 0 : Math.round(btyd.spend[i] * x)),
        frequency: String(x), recency_days: String(btyd.recencyDays[i]), T_days: String(btyd.ageDays[i]), median_gap_days: median === null || median === undefined ? '' : String(median),
      });
    }
    const gaps = [...histogram].map(([key, n]) => {
      const [platform, shop, gap] = key.split('\u0000');
      return { platform, shop, currency: log.currency, as_of: asOfDay, gap_days: gap, gaps: String(n) };
    });
    const cohorts: Row[] = [];
    // split by shop (the files' rows are per platform and shop): one label per customer
    const groupOf = log.customers.map((ref) => `${ref.platform}\u0000${ref.shop}`);
    for (const cohort of analyzeCohorts(log, { asOf, period, groupOf }).cohorts) {
      const [platform, shop] = cohort.group!.split('\u0000');
      cohort.cells.forEach((cell, k) => {
        if (cell && cell.customers > 0) {
          cohorts.push({ platform, shop, currency: log.currency, as_of: asOfDay, cohort: cohort.label, period: String(k), customers: String(cell.customers), orders: String(cell.orders), revenue: String(cell.revenue) });
        } else if (cell) expect([cell.orders, cell.revenue]).toEqual([0, 0]);
      });
    }
    return { customers, gaps, cohorts, threshold: gapThreshold(log, asOf).days };
  } finally {
    db.close();
  }
}

/** Rows as sorted text, numbers in one spelling (46.0 and 46 are the same median). */
function canonical(rows: Record<string, unknown>[], columns: string[]): string[] {
  return rows
    .map((r) =>
      columns
        .map((c) => {
          const v = r[c];
          if (v === null || v === undefined || v === '') return '';
          const n = Number(v);
          return typeof v === 'number' || (/^-?\d+(\.\d+)?$/.test(String(v)) && c !== 'customer_key') ? String(n) : String(v);
        })
        .join('|'),
    )
    .sort();
}

const COLUMNS: Record<AggregateName, string[]> = {
  customers: ['customer_key', 'customer', 'platform', 'shop', 'currency', 'as_of', 'first_purchase', 'last_purchase', 'purchase_days', 'orders', 'revenue', 'gross_revenue', 'repeat_revenue', 'frequency', 'recency_days', 'T_days', 'median_gap_days'],
  gaps: ['platform', 'shop', 'currency', 'as_of', 'gap_days', 'gaps'],
  cohorts: ['platform', 'shop', 'currency', 'as_of', 'cohort', 'period', 'customers', 'orders', 'revenue'],
};

interface Shop {
  name: string;
  db: string;
  parquet: string;
  csv: string;
}

async function exported(name: string, db: string): Promise<Shop> {
  const parquet = path.join(dir, `${name}.parquet`);
  const csv = path.join(dir, `${name}.csv`);
  for (const out of [parquet, csv]) {
    const r = await orderlens(db, ['export', 'purchases', '--out', out, '--no-formula-guard']);
    expect(r.code, r.stderr).toBe(0);
  }
  return { name, db, parquet, csv };
}

/** The exported CSV in an in-memory SQLite table of text columns, as `sqlite3 .import --csv` makes it. */
function sqliteWith(csvPath: string): Database.Database {
  const [header, ...rows] = parse(readFileSync(csvPath, 'utf8')) as string[][];
  const mem = new Database(':memory:');
  mem.exec(`CREATE TABLE orders (${header.map((h) => `"${h}" TEXT`).join(', ')})`);
  const insert = mem.prepare(`INSERT INTO orders VALUES (${header.map(() => '?').join(', ')})`);
  mem.transaction(() => {
    for (const r of rows) insert.run(r);
  })();
  return mem;
}

const PLANS: { aggregate: AggregateName; period?: CohortPeriod }[] = [
  { aggregate: 'customers' },
  { aggregate: 'gaps' },
  { aggregate: 'cohorts', period: 'month' },
  { aggregate: 'cohorts', period: 'week' },
  { aggregate: 'cohorts', period: 'quarter' },
];

/**
 * Every aggregate by DuckDB (when it loads) and by SQLite, against orderlens' own, at one as-of; per currency
 * where the shop has several (the reports take one at a time: `--currency`).
 */
async function checkShop(shop: Shop, asOf: string | null, currencies: (string | undefined)[] = [undefined]): Promise<void> {
  const mem = sqliteWith(shop.csv);
  try {
    for (const { aggregate, period } of PLANS) {
      const sql = (dialect: DialectName, table: string) => planSql(aggregate, { dialect, table, asOf, period, title: 'test' });
      const lite = mem.prepare(sql('sqlite', 'orders')).all() as Record<string, unknown>[];
      const got = duck ? await duck.rows(sql('duckdb', shop.parquet)) : null;
      // DuckDB also reads the exported CSV with the contract's types (once per shop: the customers)
      const gotFromCsv = duck && aggregate === 'customers' ? await duck.rows(sql('duckdb', shop.csv)) : null;
      for (const currency of currencies) {
        const label = `${shop.name}: ${aggregate} ${period ?? ''} as of ${asOf ?? 'default'} ${currency ?? ''}`;
        const mine = own(shop.db, asOf, period ?? 'month', currency);
        const want = canonical(mine[aggregate], COLUMNS[aggregate]);
        expect(want.length, `${label} has rows`).toBeGreaterThan(0);
        const inCurrency = (rows: Record<string, unknown>[]) => rows.filter((r) => currency === undefined || r.currency === currency);
        expect(canonical(inCurrency(lite), COLUMNS[aggregate]), `sqlite ${label}`).toEqual(want);
        if (got) expect(canonical(inCurrency(got), COLUMNS[aggregate]), `duckdb ${label}`).toEqual(want);
        if (gotFromCsv) expect(canonical(inCurrency(gotFromCsv), COLUMNS[aggregate]), `duckdb on the CSV ${label}`).toEqual(want);
        if (aggregate === 'gaps' && mine.threshold !== null) {
          // churn's threshold G, the nearest-rank 90th percentile, from the SQL's histogram
          const counts = inCurrency(lite).map((r) => [Number(r.gap_days), Number(r.gaps)]).sort((a, b) => a[0] - b[0]);
          const total = counts.reduce((sum, [, n]) => sum + n, 0);
          let seen = 0;
          const g = counts.find(([, n]) => (seen += n) >= Math.ceil(0.9 * total - 1e-9))![0];
          expect(g, label).toBe(mine.threshold);
        }
      }
    }
  } finally {
    mem.close();
  }
}

const duckNote = duck ? 'DuckDB and SQLite' : `SQLite only; DuckDB skipped: ${duckSkipReason}`;

/** Returns on several days, two on one day, one before the first purchase, one after as-of (imported as two shops). */
const RETURNS = [
  'order_id,customer,date,amount,currency,status',
  '1,c1,2024-01-05,100.00,USD,paid',
  '2,c1,2024-01-05,20.00,USD,paid',
  'R3,c1,2024-01-09,-30.00,USD,refunded',
  'R4,c1,2024-01-09,-5.00,USD,refunded',
  '5,c1,2024-02-01,50.00,USD,paid',
  'R6,c1,2024-03-20,-10.00,USD,refunded',
  '7,c1,2024-03-25,70.00,USD,paid',
  'R8,c2,2024-01-02,-4.00,USD,refunded',
  '9,c2,2024-01-06,20.00,USD,paid',
  '10,c2,2024-01-20,25.00,USD,cancelled',
  '11,c2,2024-02-06,30.00,USD,completed',
  '12,c2,2024-02-16,30.00,USD,completed',
  '13,c2,2024-03-16,12.00,USD,completed',
  '14,c3,2024-02-29,15.00,USD,paid',
  'R15,c4,2024-02-01,-9.00,USD,refunded',
];

describe(`sql-plan's SQL equals orderlens' own aggregates, row for row (${duckNote})`, () => {
  let returns: Shop;
  beforeAll(async () => {
    const db = path.join(dir, 'returns.db');
    const file = path.join(dir, 'returns.csv');
    writeFileSync(file, RETURNS.join('\n') + '\n');
    for (const shop of ['north', 'south']) expect((await orderlens(db, ['import', file, '--shop', shop])).code).toBe(0);
    // in euros in a third shop, without c1's first purchase: returns attach within their currency and shop
    const euros = path.join(dir, 'returns-eur.csv');
    writeFileSync(euros, RETURNS.filter((line) => !line.startsWith('1,')).map((line) => line.replace(',USD,', ',EUR,')).join('\n') + '\n');
    expect((await orderlens(db, ['import', euros, '--shop', 'west'])).code).toBe(0);
    expect(query(db, "SELECT count(*) AS n FROM orders WHERE currency = 'EUR'")).toEqual([{ n: 14 }]);
    returns = await exported('returns', db);
  });

  it('a shop with returns, same-day orders, three shops and two currencies: as of 2024-03-26 and 2024-03-18 (before a return and a purchase)', async () => {
    await checkShop(returns, '2024-03-26', ['USD', 'EUR']);
    await checkShop(returns, '2024-03-18', ['USD', 'EUR']);
    // by hand, c1 as of 2024-03-18: purchase days 01-05 (120.00, two orders) and 02-01 (50.00); the returns of
    // 01-09 (−35.00) land on 01-05; that of 03-20 comes after as-of and does not count yet (before, it was taken
    // from 02-01, the latest purchase day before it: a report as of a past day used its future)
    const c1 = own(returns.db, '2024-03-18', 'month', 'USD').customers.find((r) => r.customer === 'c1' && r.shop === 'north')!;
    expect([c1.revenue, c1.repeat_revenue, c1.gross_revenue, c1.orders, c1.purchase_days, c1.median_gap_days]).toEqual(['13500', '5000', '17000', '3', '2', '27']);
    // as of 2024-03-26 it does: 02-01 gives back 10.00
    const later = own(returns.db, '2024-03-26', 'month', 'USD').customers.find((r) => r.customer === 'c1' && r.shop === 'north')!;
    expect([later.revenue, later.repeat_revenue]).toEqual(['19500', '11000']);
    // c2's return of 01-02 comes before any purchase: it lands on the first purchase day (20.00 − 4.00)
    const c2 = own(returns.db, '2024-03-18', 'month', 'USD').customers.find((r) => r.customer === 'c2' && r.shop === 'south')!;
    expect([c2.revenue, c2.repeat_revenue, c2.median_gap_days]).toEqual(['8800', '7200', '29']);
  });

  it('the demo shop: default as-of and as of 2025-03-15', async () => {
    const db = path.join(dir, 'demo.db');
    for (const f of ['shop-orders-2024.csv', 'shop-orders-2025.csv']) expect((await orderlens(db, ['import', fixture('demo', f)])).code).toBe(0);
    const shop = await exported('demo', db);
    await checkShop(shop, null);
    await checkShop(shop, '2025-03-15');
  }, 300_000);

  it('the bench generator\'s shop at 20,000 lines, in New York: from order_day, and from ordered_at with --tz', async () => {
    const { writeGeneric } = (await import('../bench/generate.js' as string)) as { writeGeneric: (file: string, lines: number, seed: number) => void };
    const file = path.join(dir, 'bench.csv');
    writeGeneric(file, 20_000, 7);
    const db = path.join(dir, 'bench.db');
    expect((await orderlens(db, ['import', file, '--tz', 'America/New_York'])).code).toBe(0);
    const shop = await exported('bench', db);
    await checkShop(shop, null);
    if (!duck) return;
    // without order_day: the purchase day from ordered_at in the store's zone (DST included) gives the same
    // aggregates; in UTC it does not (evening orders fall on the next day)
    await duck.rows(`CREATE VIEW bench_instants AS SELECT * EXCLUDE (order_day) FROM '${shop.parquet}'`);
    for (const { aggregate, period } of PLANS.filter((p) => p.aggregate === 'customers' || p.period === 'week')) {
      const want = canonical(own(db, null, period ?? 'month')[aggregate], COLUMNS[aggregate]);
      const zoned = await duck.rows(planSql(aggregate, { dialect: 'duckdb', table: 'bench_instants', asOf: null, period, zone: 'America/New_York', title: 'test' }));
      expect(canonical(zoned, COLUMNS[aggregate]), `${aggregate} ${period ?? ''} by zone`).toEqual(want);
      const utc = await duck.rows(planSql(aggregate, { dialect: 'duckdb', table: 'bench_instants', asOf: null, period, zone: 'UTC', title: 'test' }));
      expect(canonical(utc, COLUMNS[aggregate])).not.toEqual(want);
    }
  }, 300_000);

  it('--keep-pii: the contact column of an export --keep-pii file, one per customer, by DuckDB and SQLite', async () => {
    const db = path.join(dir, 'pii.db');
    const file = path.join(dir, 'pii.csv');
    writeFileSync(file, RETURNS.map((line) => line.replace(/,c(\d),/, ',buyer$1@example.com,')).join('\n') + '\n');
    expect((await orderlens(db, ['import', file, '--keep-pii'])).code).toBe(0);
    const parquet = path.join(dir, 'pii.parquet');
    const csv = path.join(dir, 'pii-export.csv');
    for (const out of [parquet, csv]) expect((await orderlens(db, ['export', 'purchases', '--keep-pii', '--out', out])).code).toBe(0);
    const keys = query<{ buyer_key: string; clear: string }>(db, 'SELECT buyer_key, clear FROM customers');
    const want = keys.filter((k) => k.clear !== 'buyer4@example.com').map((k) => `${k.buyer_key}|${k.clear}`).sort();
    expect(want).toHaveLength(3);
    const plan = (dialect: DialectName, table: string) => planSql('customers', { dialect, table, asOf: null, contact: true, title: 'test' });
    const mem = sqliteWith(csv);
    try {
      const lite = mem.prepare(plan('sqlite', 'orders')).all() as Row[];
      expect(lite.map((r) => `${r.customer_key}|${r.contact}`).sort()).toEqual(want);
    } finally {
      mem.close();
    }
    if (duck) expect((await duck.rows(plan('duckdb', parquet))).map((r) => `${String(r.customer_key)}|${String(r.contact)}`).sort()).toEqual(want);
  });

  const uci = sharedFile('online_retail_uci', 'online_retail_customer_sample.csv');
  it.skipIf(!uci)('UCI Online Retail sample: cancellation invoices as returns (needs ../shared/data)', async () => {
    const db = path.join(dir, 'uci.db');
    expect((await orderlens(db, ['import', uci!])).code).toBe(0);
    await checkShop(await exported('uci', db), null);
  }, 300_000);
});
