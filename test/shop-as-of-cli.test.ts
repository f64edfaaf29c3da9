/**
 * Reports over several shops without --as-of: each shop measured from the day after its own last order
 * (test/fixtures/retention-north.csv ends 2024-06-28, retention-south.csv 2024-06-25). A customer's numbers
 * in the two-shop report are the ones its shop gives alone (--shop); --as-of still sets one day for all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
const db = path.join(dir, 'two-shops.db');
const one = path.join(dir, 'one-shop.db');
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', name);
const months = path.join(dir, 'months.db');
const SHOPS_NOTE = "orderlens: as of each shop's own day, the day after its last order (one day for all: --as-of): generic/north 2024-06-29, generic/south 2024-06-26\n";

beforeAll(async () => {
  for (const shop of ['north', 'south']) {
    const r = await orderlens(db, ['import', fixture(`retention-${shop}.csv`), '--shop', shop, '--currency', 'CNY']);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = await orderlens(one, ['import', fixture('retention-north.csv'), '--shop', 'north', '--currency', 'CNY']);
  expect(r.code, r.stderr).toBe(0);
  // two shops ending in different months: early on 2024-03-10, late on 2024-06-20
  const head = 'order_id,customer_id,order_date,amount,status\n';
  writeFileSync(path.join(dir, 'early.csv'), `${head}E01,E1,2024-01-05 10:00:00,100.00,completed\nE02,E1,2024-02-10 10:00:00,50.00,completed\nE03,E2,2024-01-20 10:00:00,80.00,completed\nE04,E2,2024-03-10 10:00:00,40.00,completed\n`);
  writeFileSync(path.join(dir, 'late.csv'), `${head}L01,L1,2024-01-15 10:00:00,200.00,completed\nL02,L1,2024-05-01 10:00:00,60.00,completed\nL03,L2,2024-04-02 10:00:00,90.00,completed\nL04,L2,2024-06-20 10:00:00,30.00,completed\n`);
  for (const shop of ['early', 'late']) {
    const m = await orderlens(months, ['import', path.join(dir, `${shop}.csv`), '--shop', shop, '--currency', 'CNY']);
    expect(m.code, m.stderr).toBe(0);
  }
});

const MONTHS_NOTE = "orderlens: as of each shop's own day, the day after its last order (one day for all: --as-of): generic/late 2024-06-21, generic/early 2024-03-11\n";

describe('reports over two shops that end in different months', () => {
  it('cohorts: a cohort stops where its earliest-ending shop stops; --by shop runs each shop to its own day', async () => {
    const r = await orderlens(months, ['cohorts', '--metric', 'customers']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.startsWith(MONTHS_NOTE), r.stderr).toBe(true);
    expect(r.stderr).toContain("orders before each shop's own day count");
    expect(r.stderr).toContain("a cohort's columns end where the data of its earliest-ending shop end (blank after), so its last column can be a partial month");
    // 2024-01: E1, E2 (early) and L1 (late): early ends in March, so April on is blank, not 0 for E1 and E2;
    // 2024-04: L2 alone runs to June; no column after the last one a cohort reaches (month_3 to month_5 were all blank)
    expect(r.stdout).toBe('cohort,cohort_size,month_0,month_1,month_2\n2024-01,3,3,1,1\n2024-04,1,1,0,1\naverage,4,2.5,0.75,1\n');
    const by = await orderlens(months, ['cohorts', '--metric', 'customers', '--by', 'shop']);
    expect(by.code, by.stderr).toBe(0);
    const rows = parseCsvRows(by.stdout).filter((x) => x.cohort !== 'average');
    for (const shop of ['early', 'late']) {
      const alone = parseCsvRows((await orderlens(months, ['cohorts', '--metric', 'customers', '--shop', shop])).stdout).filter((x) => x.cohort !== 'average');
      const mine = rows.filter((x) => x.group === `generic/${shop}`).map(({ group: _group, ...x }) => x);
      // the shop alone has fewer month columns when it ends earlier: compare the ones it has
      expect(mine.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k in alone[0])))).toEqual(alone);
    }
    // with --as-of, one day for all as before: early's customers count 0 in April to June
    const dated = await orderlens(months, ['cohorts', '--metric', 'customers', '--as-of', '2024-06-21']);
    expect(dated.stdout.split('\n')[1]).toBe('2024-01,3,3,1,1,0,1,0');
  });

  it('a shop imported again after another (their customer numbers interleave): the same days', async () => {
    const mixed = path.join(dir, 'mixed.db');
    const head = 'order_id,customer_id,order_date,amount,status\n';
    writeFileSync(path.join(dir, 'early-more.csv'), `${head}E05,E3,2024-02-01 10:00:00,70.00,completed\n`);
    for (const [file, shop] of [['early.csv', 'early'], ['late.csv', 'late'], ['early-more.csv', 'early']]) {
      const m = await orderlens(mixed, ['import', path.join(dir, file), '--shop', shop, '--currency', 'CNY']);
      expect(m.code, m.stderr).toBe(0);
    }
    const r = await byCustomer(mixed, ['rfm', '--by', 'customer']);
    expect(r.stderr.startsWith(MONTHS_NOTE), r.stderr).toBe(true);
    // E3 (early, 02-01) as of 03-11: 39 days; L2 (late, 06-20) as of 06-21: 1
    expect([r.rows.E3.shop, r.rows.E3.recency_days, r.rows.E2.recency_days, r.rows.L2.recency_days]).toEqual(['early', '39', '1', '1']);
  });

  it('report: the HTML says each shop\'s own day; campaign split and snapshot say theirs', async () => {
    const out = path.join(dir, 'report.html');
    const r = await orderlens(months, ['report', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.startsWith(MONTHS_NOTE), r.stderr).toBe(true);
    const html = readFileSync(out, 'utf8');
    // in the subtitle and the overview's as-of
    expect(html.split('own day (generic/late 2024-06-21, generic/early 2024-03-11)').length).toBe(3);
    expect(html).toContain('row ends where the data of its earliest-ending shop end (blank after, not zero)');
    const held = await orderlens(months, ['report', '--out', out, '--holdout', '2024-02-29']);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('--holdout compares the model with the purchases after one day, but the shops end on different days');

    const split = await orderlens(months, ['campaign', 'split', '--segment', 'Champions', '--holdout', '50%']);
    expect(split.stderr.startsWith(MONTHS_NOTE), split.stderr).toBe(true);
    expect(split.stderr).toMatch(/in Champions as of each shop's own day|no customer is in Champions as of each shop's own day/);

    const snap = await orderlens(months, ['snapshot']);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain('the shops end on different days (the day after each last order: generic/late 2024-06-21, generic/early 2024-03-11); a snapshot measures every customer as of one day, 2024-06-21: --shop takes a shop as of its own day');
  });
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
