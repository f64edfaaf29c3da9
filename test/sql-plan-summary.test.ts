/**
 * The whole path past one machine: the orders exported (`orderlens export`), the aggregates computed by
 * DuckDB running `orderlens sql-plan`'s SQL, and the reports read from them (`rfm/ltv/churn --summary`,
 * `cohorts --counts`) print the same CSV, byte for byte, as the same reports from the database: on the demo
 * shop, the bench generator's shop and a shop with returns.
 */
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, tempDir } from './cli-harness.js';
import { duck, duckSkipReason } from './duckdb.js';
import { planSql, type AggregateName } from '../src/warehouse/sql-plan.js';
import type { PeriodKind } from '../src/warehouse/dialects.js';

interface Shop {
  db: string;
  summary: string;
  gaps: string;
  counts: Record<PeriodKind, string>;
}

/** Exports the shop and lets DuckDB write the three aggregates as CSV files beside it. */
async function aggregatesByDuckDb(db: string, dir: string): Promise<Shop> {
  const parquet = path.join(dir, 'orders.parquet');
  const r = await orderlens(db, ['export', 'orders', '--out', parquet]);
  expect(r.code, r.stderr).toBe(0);
  const write = async (aggregate: AggregateName, file: string, period?: PeriodKind) => {
    const sql = planSql(aggregate, { dialect: 'duckdb', table: parquet, asOf: null, period, title: 'test' }).trimEnd().replace(/;$/, '');
    await duck!.rows(`COPY (${sql}\n) TO '${file}' (HEADER, DELIMITER ',')`);
  };
  const shop: Shop = {
    db,
    summary: path.join(dir, 'customers.csv'),
    gaps: path.join(dir, 'gaps.csv'),
    counts: { month: path.join(dir, 'cohorts-month.csv'), week: path.join(dir, 'cohorts-week.csv'), quarter: path.join(dir, 'cohorts-quarter.csv') },
  };
  await write('customers', shop.summary);
  await write('gaps', shop.gaps);
  for (const period of ['month', 'week', 'quarter'] as const) await write('cohorts', shop.counts[period], period);
  return shop;
}

/** The same report from the database and from the aggregates: stdout byte for byte, both exit 0. */
async function same(shop: Shop, command: string, args: string[], from: string[]): Promise<void> {
  const fromDb = await orderlens(shop.db, [command, ...args, '--format', 'csv']);
  expect([fromDb.code, fromDb.stderr]).toEqual([0, expect.not.stringContaining('error')]);
  const fromFile = await orderlens(path.join(path.dirname(shop.db), 'no-such.db'), [command, ...from, ...args, '--format', 'csv']);
  expect([fromFile.code, fromFile.stderr]).toEqual([0, expect.not.stringContaining('error')]);
  expect(fromDb.stdout.split('\n').length).toBeGreaterThan(2);
  expect(fromFile.stdout).toBe(fromDb.stdout);
}

/** Returns (one before the first purchase), same-day orders, a cancelled order. */
const RETURNS = [
  'order_id,customer,date,amount,currency,status',
  ...Array.from({ length: 40 }, (_, i) => {
    const c = `c${i % 13}`;
    const day = String(1 + ((i * 7) % 27)).padStart(2, '0');
    const month = String(1 + (i % 6)).padStart(2, '0');
    return `${i + 1},${c},2024-${month}-${day},${(10 + (i % 9) * 3.5).toFixed(2)},USD,${i % 11 === 5 ? 'cancelled' : 'paid'}`;
  }),
  'R1,c1,2024-03-15,-4.00,USD,refunded',
  'R2,c2,2024-01-01,-2.50,USD,refunded',
  'R3,c3,2024-06-20,-6.00,USD,refunded',
];

/** Name, how to make the database, and whether a model fits (the small returns shop has too few repeat buyers). */
const SHOPS: [string, (dir: string) => Promise<string>, boolean][] = [
  [
    'the demo shop',
    async (dir) => {
      const db = path.join(dir, 'demo.db');
      expect((await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')])).code).toBe(0);
      return db;
    },
    true,
  ],
  [
    "the bench generator's shop at 20,000 lines",
    async (dir) => {
      const { writeGeneric } = (await import('../bench/generate.js' as string)) as { writeGeneric: (file: string, lines: number, seed: number) => void };
      const file = path.join(dir, 'bench.csv');
      writeGeneric(file, 20_000, 11);
      const db = path.join(dir, 'bench.db');
      expect((await orderlens(db, ['import', file])).code).toBe(0);
      return db;
    },
    true,
  ],
  [
    'a shop with returns',
    async (dir) => {
      const db = path.join(dir, 'returns.db');
      const file = path.join(dir, 'returns.csv');
      writeFileSync(file, RETURNS.join('\n') + '\n');
      expect((await orderlens(db, ['import', file])).code).toBe(0);
      return db;
    },
    false,
  ],
];

describe.skipIf(!duck)(`reports from DuckDB's aggregates equal the database's ${duck ? '' : `(skipped: ${duckSkipReason})`}`, () => {
  for (const [name, make, fits] of SHOPS) {
    describe(name, () => {
      let shop: Shop;
      beforeAll(async () => {
        const dir = tempDir('orderlens-sql-plan-summary-');
        shop = await aggregatesByDuckDb(await make(dir), dir);
      }, 300_000);

      it('rfm --by customer, and the segment summary', async () => {
        await same(shop, 'rfm', ['--by', 'customer'], ['--summary', shop.summary]);
        await same(shop, 'rfm', [], ['--summary', shop.summary]);
      }, 120_000);
      it('churn --by customer (threshold from the gap histogram)', async () => {
        await same(shop, 'churn', ['--by', 'customer'], ['--summary', shop.summary, '--gaps', shop.gaps]);
      }, 120_000);
      it.skipIf(!fits)('ltv --by customer', async () => {
        await same(shop, 'ltv', ['--by', 'customer'], ['--summary', shop.summary]);
      }, 120_000);
      it('a header in lower case, as Trino writes it (t_days), reads the same', async () => {
        const lower = path.join(path.dirname(shop.summary), 'customers-lower.csv');
        const [header, ...rows] = readFileSync(shop.summary, 'utf8').split('\n');
        expect(header).toContain('T_days');
        writeFileSync(lower, [header.toLowerCase(), ...rows].join('\n'));
        await same(shop, 'rfm', ['--by', 'customer'], ['--summary', lower]);
      }, 120_000);
      it.each(['month', 'week', 'quarter'] as const)('cohorts --period %s --long', async (period) => {
        await same(shop, 'cohorts', ['--period', period, '--long'], ['--counts', shop.counts[period]]);
      }, 120_000);
    });
  }
});
