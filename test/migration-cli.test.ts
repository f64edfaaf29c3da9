/**
 * `orderlens migration` and `orderlens trend` over backfilled snapshots of the bundled CDNOW sample (and the
 * master file where ../shared/data is present): the flow matrix's rows and columns sum to the two snapshots'
 * segment sizes; customers who left the counted base get their own column.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

/** Segment sizes per snapshot label, from `trend --by segment`. */
async function segmentSizes(db: string): Promise<Map<string, Map<string, number>>> {
  const r = await orderlens(db, ['trend', '--by', 'segment', '--format', 'csv']);
  expect(r.code, r.stderr).toBe(0);
  const out = new Map<string, Map<string, number>>();
  for (const row of parseCsvRows(r.stdout)) {
    if (!out.has(row.label)) out.set(row.label, new Map());
    out.get(row.label)!.set(row.segment, Number(row.customers));
  }
  return out;
}

const key = (segment: string) => segment.toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '_');

/** Rows sum to the first snapshot's segment sizes, columns (the total row) to the second's. */
async function expectFlowSums(db: string, from: string, to: string): Promise<void> {
  const sizes = await segmentSizes(db);
  const r = await orderlens(db, ['migration', '--from', from, '--to', to, '--format', 'csv']);
  expect(r.code, r.stderr).toBe(0);
  const rows = parseCsvRows(r.stdout);
  const before = sizes.get(from)!;
  const after = sizes.get(to)!;
  const total = rows.find((x) => x.from_segment === 'total')!;
  let fromCustomers = 0;
  for (const [segment, n] of before) {
    fromCustomers += n;
    const row = rows.find((x) => x.from_segment === segment);
    if (n === 0) expect(row, segment).toBeUndefined();
    else expect(Number(row!.total), segment).toBe(n);
  }
  let toCustomers = 0;
  for (const [segment, n] of after) {
    toCustomers += n;
    expect(Number(total[key(segment)] ?? 0), segment).toBe(n);
  }
  const fresh = Number(rows.find((x) => x.from_segment === '(new customers)')?.total ?? 0);
  const left = Number(total.left_the_base ?? 0);
  expect(Number(total.total)).toBe(toCustomers + left);
  expect(fromCustomers + fresh).toBe(toCustomers + left);
}

describe('migration and trend on the bundled CDNOW sample', () => {
  const db = path.join(tempDir('orderlens-migration-'), 's.db');

  beforeAll(async () => {
    expect((await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD'])).code).toBe(0);
    const r = await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-01-01', '--until', '1997-12-31', '--model', 'none']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('rows and columns sum to the two snapshots\' segment sizes, with new customers as a row', async () => {
    await expectFlowSums(db, '1997-02-01', '1997-04-01');
    await expectFlowSums(db, '1997-06-01', '1998-01-01');
  });

  it('lists who moved, as many as the matrix cell says', async () => {
    const m = parseCsvRows((await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--format', 'csv'])).stdout);
    const cell = Number(m.find((x) => x.from_segment === 'Loyal')!.at_risk ?? 0);
    expect(cell).toBeGreaterThan(0);
    const r = await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--by', 'customer', '--from-segment', 'loyal', '--to-segment', 'at-risk', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const movers = parseCsvRows(r.stdout);
    expect(movers).toHaveLength(cell);
    expect(movers.every((x) => x.from_segment === 'Loyal' && x.to_segment === 'At risk')).toBe(true);
    expect(Object.keys(movers[0]).slice(0, 4)).toEqual(['customer_key', 'customer', 'platform', 'shop']);
  });

  it('--by customer lists movers only (as its help says); who stayed only when one segment is named twice', async () => {
    const m = parseCsvRows((await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--format', 'csv'])).stdout);
    const diagonal = m.filter((row) => row.from_segment !== 'total').reduce((s, row) => s + Number(row[key(row.from_segment)] ?? 0), 0);
    const everyone = Number(m.find((x) => x.from_segment === 'total')!.total);
    expect(diagonal).toBeGreaterThan(0);
    const r = await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--by', 'customer', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const movers = parseCsvRows(r.stdout);
    expect(movers.every((x) => x.from_segment !== x.to_segment)).toBe(true);
    expect(movers).toHaveLength(everyone - diagonal);
    expect(r.stderr).toContain(`${(everyone - diagonal).toLocaleString('en-US')} customers moved to another segment; ${diagonal.toLocaleString('en-US')} customers who stayed in the same segment are not listed`);
    // --lang zh says every coded cell in Chinese (as churn --by customer does), the churn status too; English keeps the codes
    expect(new Set(movers.map((x) => x.churn_status))).toEqual(new Set(['active', 'at_risk', 'churned']));
    const zh = parseCsvRows((await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--by', 'customer', '--format', 'csv', '--lang', 'zh'])).stdout);
    expect(new Set(zh.map((x) => x['流失状态']))).toEqual(new Set(['活跃', '流失预警', '已流失']));
    expect(zh.map((x) => x['原分群'])).not.toContain('Loyal');
    // new customers are listed too, and said apart from those who moved (as the matrix's summary says them)
    const early = parseCsvRows((await orderlens(db, ['migration', '--from', '1997-02-01', '--to', '1997-04-01', '--format', 'csv'])).stdout);
    const fresh = Number(early.find((x) => x.from_segment === '(new customers)')!.total);
    const earlyStay = early.filter((row) => row.from_segment !== 'total').reduce((s, row) => s + Number(row[key(row.from_segment)] ?? 0), 0);
    const earlyAll = Number(early.find((x) => x.from_segment === 'total')!.total);
    expect(fresh).toBeGreaterThan(0);
    const listed = await orderlens(db, ['migration', '--from', '1997-02-01', '--to', '1997-04-01', '--by', 'customer', '--format', 'csv']);
    const rows = parseCsvRows(listed.stdout);
    expect(rows).toHaveLength(earlyAll - earlyStay);
    expect(rows.filter((x) => x.from_segment === '(new customers)')).toHaveLength(fresh);
    const words = (n: number) => n.toLocaleString('en-US');
    expect(listed.stderr.replace(/\n {2}/g, ' ')).toContain(`${words(earlyAll - earlyStay - fresh)} customers moved to another segment, ${words(fresh)} are new and 0 left the base; ${words(earlyStay)} customers who stayed`);
    // out of one segment: movers only; the same segment twice: who stayed
    const lostStay = Number(m.find((x) => x.from_segment === 'Lost')!.lost);
    const out = await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--by', 'customer', '--from-segment', 'Lost', '--format', 'csv']);
    expect(parseCsvRows(out.stdout).every((x) => x.from_segment === 'Lost' && x.to_segment !== 'Lost')).toBe(true);
    expect(out.stderr).toContain(`moved out of Lost; ${lostStay.toLocaleString('en-US')} customers who stayed are not listed`);
    const stay = await orderlens(db, ['migration', '--from', '1997-06-01', '--to', '1998-01-01', '--by', 'customer', '--from-segment', 'Lost', '--to-segment', 'lost', '--format', 'csv']);
    const stayers = parseCsvRows(stay.stdout);
    expect(stayers).toHaveLength(lostStay);
    expect(stayers.every((x) => x.from_segment === 'Lost' && x.to_segment === 'Lost')).toBe(true);
    expect(stay.stderr).toContain(`${lostStay.toLocaleString('en-US')} customers stayed in Lost`);
  });

  it('defaults to the two latest snapshots and names usage mistakes', async () => {
    const r = await orderlens(db, ['migration', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('from 1997-12-01 (as of 1997-12-01, 2,357 customers) to 1998-01-01');
    expect((await orderlens(db, ['migration', '--from-segment', 'Lost'])).code).toBe(2);
    const bad = await orderlens(db, ['migration', '--by', 'customer', '--from-segment', 'Nobody']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'Nobody' is not a segment");
    const missing = await orderlens(db, ['migration', '--from', 'nope', '--to', '1998-01-01']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no snapshot labelled 'nope'");
  });

  it('trend: one row per snapshot, new customers and repeat rate', async () => {
    const r = await orderlens(db, ['trend', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(12);
    expect(rows.map((x) => Number(x.customers)).slice(0, 3)).toEqual([781, 1638, 2357]);
    expect(rows.reduce((s, x) => s + Number(x.new_customers), 0)).toBe(2357);
    expect(rows[0].churn_rate).toBe('');
    expect(rows[0].avg_clv).toBe('');
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i].repeat_rate)).toBeGreaterThanOrEqual(Number(rows[i - 1].repeat_rate));
  });
});

describe('migration: customers who left the counted base', () => {
  const dir = tempDir('orderlens-migration-left-');
  const db = path.join(dir, 'l.db');
  const file = path.join(dir, 'orders.csv');
  const orders = (lastStatus: string) =>
    ['order_id,customer_id,order_date,amount,status', '1,A,2024-01-02,10.00,paid', '2,A,2024-01-20,15.00,paid', '3,B,2024-01-05,30.00,paid', `4,C,2024-01-07,5.00,${lastStatus}`, '5,D,2024-02-03,8.00,paid'].join('\n') + '\n';

  it('counts a customer whose only order was cancelled since in (left the base)', async () => {
    writeFileSync(file, orders('paid'));
    expect((await orderlens(db, ['import', file, '--currency', 'USD'])).code).toBe(0);
    expect((await orderlens(db, ['snapshot', '--as-of', '2024-02-01', '--label', 'before', '--model', 'none'])).code).toBe(0);
    writeFileSync(file, orders('cancelled'));
    expect((await orderlens(db, ['import', file, '--currency', 'USD'])).code).toBe(0);
    expect((await orderlens(db, ['snapshot', '--as-of', '2024-03-01', '--label', 'after', '--model', 'none'])).code).toBe(0);
    const r = await orderlens(db, ['migration', '--from', 'before', '--to', 'after', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 new, 1 left the base');
    const total = parseCsvRows(r.stdout).find((x) => x.from_segment === 'total')!;
    expect(total.left_the_base).toBe('1');
    expect(total.total).toBe('4');
    const who = await orderlens(db, ['migration', '--from', 'before', '--to', 'after', '--by', 'customer', '--to-segment', 'left', '--format', 'csv']);
    expect(parseCsvRows(who.stdout).map((x) => x.customer_key)).toEqual(['C']);
    const fresh = await orderlens(db, ['migration', '--from', 'before', '--to', 'after', '--by', 'customer', '--from-segment', 'new customers', '--format', 'csv']);
    expect(parseCsvRows(fresh.stdout).map((x) => [x.customer_key, x.from_segment])).toEqual([['D', '(new customers)']]);
    // 'New' is the segment, not the row of new customers
    const segmentNew = await orderlens(db, ['migration', '--from', 'before', '--to', 'after', '--by', 'customer', '--from-segment', 'New', '--format', 'csv']);
    expect(segmentNew.code, segmentNew.stderr).toBe(0);
    expect(parseCsvRows(segmentNew.stdout).every((x) => x.from_segment === 'New')).toBe(true);
  });
});

const master = sharedFile('cdnow', 'cdnow_master_transactions.csv');

describe.skipIf(!master)('migration on the CDNOW master file', () => {
  it('rows and columns sum to the two month-end snapshots\' segment sizes', async () => {
    const db = path.join(tempDir('orderlens-migration-master-'), 'm.db');
    expect((await orderlens(db, ['import', master!, '--currency', 'USD'])).code).toBe(0);
    expect((await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-02-01', '--until', '1997-03-31', '--model', 'none'])).code).toBe(0);
    await expectFlowSums(db, '1997-03-01', '1997-04-01');
  });
});
