/**
 * RFM and Pareto on the full CDNOW cohort (../shared/data/cdnow/cdnow_master_transactions.csv: 69,659
 * purchases of 23,570 customers), imported through orderlens and checked against an independent computation:
 * the same CSV loaded raw into an in-memory SQLite table and summarised with plain SQL (no orderlens code).
 * Skipped when the shared data folder is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const file = sharedFile('cdnow', 'cdnow_master_transactions.csv');
const AS_OF = '1998-07-01';

interface Expected {
  recency: number;
  orders: number;
  days: number;
  cents: number;
}

/** Plain SQL over the raw file: one row per customer. */
function independentSummary(csv: string): Map<string, Expected> {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE raw (customer_id TEXT, order_date TEXT, amount TEXT)');
  const insert = raw.prepare('INSERT INTO raw VALUES (?, ?, ?)');
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('customer_id,order_date,amount');
  raw.transaction(() => {
    for (const line of lines.slice(1)) insert.run(...(line.split(',') as [string, string, string]));
  })();
  const rows = raw
    .prepare(
      `SELECT customer_id AS id,
              CAST(julianday(?) - julianday(max(order_date)) AS INTEGER) AS recency,
              count(*) AS orders,
              count(DISTINCT order_date) AS days,
              sum(CAST(round(CAST(amount AS REAL) * 100) AS INTEGER)) AS cents
       FROM raw WHERE order_date < ? GROUP BY customer_id`,
    )
    .all(AS_OF, AS_OF) as ({ id: string } & Expected)[];
  raw.close();
  return new Map(rows.map((r) => [r.id, { recency: r.recency, orders: r.orders, days: r.days, cents: r.cents }]));
}

const cents = (s: string) => Math.round(Number(s) * 100);

describe.skipIf(!file)('RFM on the CDNOW master file', () => {
  const db = path.join(tempDir('orderlens-cdnow-rfm-'), 'cdnow.db');
  let expected: Map<string, Expected>;

  beforeAll(async () => {
    expected = independentSummary(file!);
    const r = await orderlens(db, ['import', file!, '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('has the cohort: 23,570 customers, 69,659 purchases', () => {
    expect(expected.size).toBe(23_570);
    expect([...expected.values()].reduce((s, e) => s + e.orders, 0)).toBe(69_659);
  });

  it('per-customer recency, frequency (orders and days) and monetary equal the SQL summary', async () => {
    const orders = await orderlens(db, ['rfm', '--as-of', AS_OF, '--by', 'customer']);
    expect(orders.code, orders.stderr).toBe(0);
    const days = await orderlens(db, ['rfm', '--as-of', AS_OF, '--by', 'customer', '--frequency', 'days']);
    expect(days.code, days.stderr).toBe(0);
    const byOrders = parseCsvRows(orders.stdout);
    const byDays = new Map(parseCsvRows(days.stdout).map((r) => [r.customer, r]));
    expect(byOrders).toHaveLength(expected.size);
    const mismatches: string[] = [];
    for (const row of byOrders) {
      const e = expected.get(row.customer);
      const d = byDays.get(row.customer);
      const got = [Number(row.recency_days), Number(row.frequency), Number(d?.frequency), cents(row.monetary)];
      const want = e ? [e.recency, e.orders, e.days, e.cents] : null;
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${row.customer}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('quantile scores follow the documented min-rank ntile rule, computed here from the SQL values', async () => {
    const r = await orderlens(db, ['rfm', '--as-of', AS_OF, '--by', 'customer']);
    const rows = parseCsvRows(r.stdout);
    const k = 5;
    const n = expected.size;
    const score = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const first = new Map<number, number>();
      sorted.forEach((v, i) => {
        if (!first.has(v)) first.set(v, i);
      });
      return (v: number) => 1 + Math.floor((first.get(v)! * k) / n);
    };
    const all = [...expected.values()];
    const rScore = score(all.map((e) => -e.recency));
    const fScore = score(all.map((e) => e.orders));
    const mScore = score(all.map((e) => e.cents));
    const wrong = rows.filter((row) => {
      const e = expected.get(row.customer)!;
      return row.rfm !== `${rScore(-e.recency)}${fScore(e.orders)}${mScore(e.cents)}`;
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(r.stderr).toContain('frequency: ties leave score 2 empty');
  });

  it('segment revenue adds up to the total, and Pareto matches the SQL values', async () => {
    const total = [...expected.values()].reduce((s, e) => s + e.cents, 0);
    const seg = parseCsvRows((await orderlens(db, ['rfm', '--as-of', AS_OF])).stdout);
    expect(seg.reduce((s, x) => s + cents(x.revenue), 0)).toBe(total);
    expect(seg.reduce((s, x) => s + Number(x.customers), 0)).toBe(23_570);

    const p = await orderlens(db, ['pareto', '--as-of', AS_OF]);
    expect(p.code, p.stderr).toBe(0);
    const rows = parseCsvRows(p.stdout);
    const spend = [...expected.values()].map((e) => e.cents).sort((a, b) => b - a);
    let m = 0;
    for (let cum = 0; cum * 100 < 80 * total; ) cum += spend[m++];
    expect(Number(rows.find((x) => x.group === '80% of revenue')!.customers)).toBe(m);
    const top = (pct: number) => spend.slice(0, Math.ceil((pct * spend.length) / 100)).reduce((a, b) => a + b, 0);
    for (const pct of [1, 5, 10, 20, 50]) expect(cents(rows.find((x) => x.group === `top ${pct}%`)!.revenue)).toBe(top(pct));
    const asc = [...spend].reverse();
    const gini = (2 * asc.reduce((s, x, i) => s + (i + 1) * x, 0)) / (asc.length * total) - (asc.length + 1) / asc.length;
    expect(Number(rows.find((x) => x.group === 'all')!.gini)).toBeCloseTo(gini, 5);
  });
});
