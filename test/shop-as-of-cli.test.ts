/**
 * Reports over several shops without --as-of: each shop measured from the day after its own last order
 * (test/fixtures/retention-north.csv ends 2024-06-28, retention-south.csv 2024-06-25). A customer's numbers
 * in the two-shop report are the ones its shop gives alone (--shop); --as-of still sets one day for all.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
const db = path.join(dir, 'two-shops.db');
const one = path.join(dir, 'one-shop.db');
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', name);
const SHOPS_NOTE = "orderlens: as of each shop's own day, the day after its last order (one day for all: --as-of): generic/north 2024-06-29, generic/south 2024-06-26\n";

beforeAll(async () => {
  for (const shop of ['north', 'south']) {
    const r = await orderlens(db, ['import', fixture(`retention-${shop}.csv`), '--shop', shop, '--currency', 'CNY']);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = await orderlens(one, ['import', fixture('retention-north.csv'), '--shop', 'north', '--currency', 'CNY']);
  expect(r.code, r.stderr).toBe(0);
});

/** The rows of a CSV report by customer key. */
async function byCustomer(store: string, argv: string[]): Promise<{ rows: Record<string, Record<string, string>>; stderr: string }> {
  const r = await orderlens(store, argv);
  expect(r.code, r.stderr).toBe(0);
  return { rows: Object.fromEntries(parseCsvRows(r.stdout).map((x) => [x.customer_key ?? x.key ?? x.customer, x])), stderr: r.stderr };
}

describe('reports over two shops that end on different days', () => {
  it('rfm: recency from each shop\'s own day, the days said in one line', async () => {
    const both = await byCustomer(db, ['rfm', '--by', 'customer']);
    expect(both.stderr.startsWith(SHOPS_NOTE), both.stderr).toBe(true);
    expect(both.stderr).not.toContain('as of 2024-06-29 (the day after the last order');
    for (const shop of ['north', 'south']) {
      const alone = await byCustomer(db, ['rfm', '--by', 'customer', '--shop', shop]);
      expect(Object.keys(alone.rows).length).toBeGreaterThan(3);
      for (const [key, row] of Object.entries(alone.rows)) {
        expect(both.rows[key].shop).toBe(shop);
        expect([key, both.rows[key].recency_days, both.rows[key].frequency, both.rows[key].monetary]).toEqual([key, row.recency_days, row.frequency, row.monetary]);
      }
    }
    // S01 bought on 06-25, south's last day: 1 day, not 4
    expect(both.rows.S01.recency_days).toBe('1');
  });

  it('--as-of sets one day for all, as before', async () => {
    const r = await byCustomer(db, ['rfm', '--by', 'customer', '--as-of', '2024-06-29']);
    expect(r.stderr).not.toContain("each shop's own day");
    expect(r.rows.S01.recency_days).toBe('4');
    expect(r.rows.C01.recency_days).toBe((await byCustomer(db, ['rfm', '--by', 'customer'])).rows.C01.recency_days);
  });

  it('a store of one shop says its one day as before', async () => {
    const r = await orderlens(one, ['rfm']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('orderlens: as of 2024-06-29 (the day after the last order; set with --as-of)\n');
    expect(r.stderr).not.toContain("each shop's own day");
    // and so does one shop of two, asked for by name
    const s = await orderlens(db, ['rfm', '--shop', 'south']);
    expect(s.stderr).toContain('orderlens: as of 2024-06-26 (the day after the last order; set with --as-of)\n');
  });

  it('churn: days since last order from each shop\'s own day; the summary says so', async () => {
    const both = await byCustomer(db, ['churn', '--by', 'customer']);
    expect(both.stderr.startsWith(SHOPS_NOTE), both.stderr).toBe(true);
    expect(both.stderr).toContain("orderlens: as of each shop's own day: 14 customers;");
    const south = await byCustomer(db, ['churn', '--by', 'customer', '--shop', 'south']);
    for (const key of Object.keys(south.rows)) expect(both.rows[key].days_since_last).toBe(south.rows[key].days_since_last);
    expect(both.rows.S01.days_since_last).toBe('1');
    const north = await byCustomer(db, ['churn', '--by', 'customer', '--shop', 'north']);
    for (const key of Object.keys(north.rows)) expect(both.rows[key].days_since_last).toBe(north.rows[key].days_since_last);
    // a group table says the same
    const seg = await orderlens(db, ['churn']);
    expect(seg.stderr).toContain("orderlens: as of each shop's own day: 14 customers;");
  });

  it('pareto and segments read the days too (every purchase counts either way)', async () => {
    for (const argv of [['pareto'], ['segments', '--k', '2']]) {
      const r = await orderlens(db, argv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.startsWith(SHOPS_NOTE), r.stderr).toBe(true);
    }
  });

  it('ltv: T (age) from each shop\'s own last day; a holdout date or --method simple refused plainly unless --as-of', async () => {
    const both = await byCustomer(db, ['ltv', '--by', 'customer']);
    expect(both.stderr.startsWith(SHOPS_NOTE), both.stderr).toBe(true);
    expect(both.stderr).toContain("fitted on 14 customers (9 repeat) up to each shop's own day; time unit: week");
    // north alone (south alone has too few customers for a fit)
    const alone = await byCustomer(db, ['ltv', '--by', 'customer', '--shop', 'north']);
    expect(Object.keys(alone.rows).length).toBe(9);
    for (const [key, row] of Object.entries(alone.rows)) expect([key, both.rows[key].age_weeks, both.rows[key].recency_weeks]).toEqual([key, row.age_weeks, row.recency_weeks]);
    // S04: first order 2024-04-22, south's last day 2024-06-25: 64 days (not 67)
    expect(both.rows.S04.age_weeks).toBe((64 / 7).toFixed(6)); // 9.142857
    for (const argv of [['ltv', '--holdout', '2024-05-31'], ['ltv', '--method', 'simple']]) {
      const r = await orderlens(db, argv);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('but the shops end on different days (the day after each last order: generic/north 2024-06-29, generic/south 2024-06-26): give one day for all with --as-of, or one shop with --shop');
      const dated = await orderlens(db, [...argv, '--as-of', '2024-06-29']);
      expect(dated.stderr).not.toContain('the shops end on different days');
      const alone = await orderlens(db, [...argv, '--shop', 'north']);
      expect(alone.stderr).not.toContain('the shops end on different days');
    }
  });

  it('ltv --method simple --lifetime: each customer\'s purchases a year over its own shop\'s span', async () => {
    const both = await byCustomer(db, ['ltv', '--method', 'simple', '--lifetime', '2y', '--by', 'customer']);
    expect(both.stderr.startsWith(SHOPS_NOTE), both.stderr).toBe(true);
    const south = await byCustomer(db, ['ltv', '--method', 'simple', '--lifetime', '2y', '--by', 'customer', '--shop', 'south']);
    expect(Object.keys(south.rows).length).toBeGreaterThan(3);
    for (const [key, row] of Object.entries(south.rows)) expect({ key, ...both.rows[key] }).toEqual({ key, ...row });
  });

  it('says the days in Chinese', async () => {
    const r = await orderlens(db, ['rfm', '--lang', 'zh'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('各店铺分别统计截至其最后一笔订单的次日（统一日期：--as-of）：generic/north 2024-06-29、generic/south 2024-06-26');
  });
});
