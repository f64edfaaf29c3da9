/**
 * Snapshots: backfilled month ends hold, per customer, what `rfm`, `churn` and `ltv` say as of that day.
 * The bundled CDNOW sample always runs; the CDNOW master file (../shared/data/cdnow) runs where present.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

interface Stored {
  key: string;
  segment: string;
  churn: string | null;
  p_alive: number | null;
  r: number;
  f: number;
  m: number;
}

function stored(db: string, label: string): Map<string, Stored> {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw
      .prepare(
        `SELECT c.customer_key AS key, c.segment, c.churn_status AS churn, c.p_alive, c.r, c.f, c.m FROM snapshot_customers c JOIN snapshots s ON s.id = c.snapshot WHERE s.label = ?`,
      )
      .all(label) as Stored[];
    return new Map(rows.map((r) => [r.key, r]));
  } finally {
    raw.close();
  }
}

/** Every customer's segment in the snapshot is the segment `rfm --as-of` gives that day, and only those customers are in it. */
async function expectRfmAgrees(db: string, asOf: string): Promise<number> {
  const rfm = await orderlens(db, ['rfm', '--as-of', asOf, '--by', 'customer', '--format', 'csv']);
  expect(rfm.code, rfm.stderr).toBe(0);
  const expected = parseCsvRows(rfm.stdout);
  const snap = stored(db, asOf);
  expect(snap.size).toBe(expected.length);
  let mismatches = 0;
  for (const row of expected) {
    const s = snap.get(row.customer);
    if (!s || s.segment !== row.segment || `${s.r}${s.f}${s.m}` !== row.rfm) mismatches++;
  }
  expect(mismatches).toBe(0);
  return expected.length;
}

describe('snapshot on the bundled CDNOW sample', () => {
  const db = path.join(tempDir('orderlens-snapshot-'), 's.db');

  beforeAll(async () => {
    const r = await orderlens(db, ['import', fixture('cdnow_sample.csv'), '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('backfills month ends, each as of the first of the next month', async () => {
    const r = await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-01-01', '--until', '1997-06-30', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('backfilling 6 month-end snapshots, as of 1997-02-01 to 1997-07-01');
    // ltv fits 74 repeat customers with a warning; the snapshot keeps what ltv gives, with the same warning
    // (it kept nothing below 100 repeat customers while ltv printed the numbers: one rule now, ltv.ts modelUse)
    expect(r.stderr).toContain("1997-02-01: only 74 repeat customers (fewer than 100): the bgnbd model's P(alive) and CLV are stored, but uncertain (as ltv warns)");
    expect(r.stderr).not.toContain('fewer than 100 repeat customers, so no');
    expect(parseCsvRows(r.stdout).map((s) => s.as_of)).toEqual(['1997-02-01', '1997-03-01', '1997-04-01', '1997-05-01', '1997-06-01', '1997-07-01']);
  });

  it('reproduces the segments of rfm --as-of for two month ends', async () => {
    expect(await expectRfmAgrees(db, '1997-03-01')).toBe(1638);
    expect(await expectRfmAgrees(db, '1997-07-01')).toBe(2357);
  });

  it('stores the churn status of churn --as-of and the P(alive) of ltv --as-of', async () => {
    const churn = await orderlens(db, ['churn', '--as-of', '1997-07-01', '--by', 'customer', '--format', 'csv']);
    expect(churn.code, churn.stderr).toBe(0);
    const ltv = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-07-01', '--format', 'csv']);
    expect(ltv.code, ltv.stderr).toBe(0);
    const snap = stored(db, '1997-07-01');
    const churnRows = parseCsvRows(churn.stdout);
    expect(churnRows.length).toBe(snap.size);
    for (const row of churnRows) expect(snap.get(row.customer)?.churn, row.customer).toBe(row.status);
    for (const row of parseCsvRows(ltv.stdout)) expect(snap.get(row.customer)?.p_alive, row.customer).toBeCloseTo(Number(row.p_alive), 5);
  });

  it('below 100 repeat customers: the P(alive) of ltv --as-of, which warns the same', async () => {
    const ltv = await orderlens(db, ['ltv', '--by', 'customer', '--as-of', '1997-02-01', '--format', 'csv']);
    expect(ltv.code, ltv.stderr).toBe(0);
    expect(ltv.stderr).toContain('only 74 repeat customers (fewer than 100)');
    const snap = stored(db, '1997-02-01');
    const rows = parseCsvRows(ltv.stdout);
    expect(rows.length).toBe(snap.size);
    for (const row of rows) expect(snap.get(row.customer)?.p_alive, row.customer).toBeCloseTo(Number(row.p_alive), 5);
  });

  it('lists, refuses a taken label, replaces and drops', async () => {
    const list = await orderlens(db, ['snapshots', '--format', 'csv']);
    expect(list.code).toBe(0);
    expect(parseCsvRows(list.stdout).map((s) => s.label)).toHaveLength(6);
    const again = await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--model', 'none']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("a snapshot labelled '1997-07-01' exists already");
    const named = await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--label', 'mid-1997', '--model', 'none', '--format', 'json']);
    expect(named.code, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject([{ label: 'mid-1997', as_of: '1997-07-01', customers: 2357, model: null }]);
    const replaced = await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--label', 'mid-1997', '--replace', '--model', 'none']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect((await orderlens(db, ['snapshot', '--drop', 'mid-1997'])).code).toBe(0);
    const gone = await orderlens(db, ['snapshot', '--drop', 'mid-1997']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("no snapshot labelled 'mid-1997' to drop");
  });

  it('names the churn multiplier as churn does (--gap-multiplier; --k is the cluster count in segments)', async () => {
    const zero = await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--model', 'none', '--gap-multiplier', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--gap-multiplier must be above 0');
    expect((await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--model', 'none', '--k', '3'])).code).toBe(2);
    const badMargin = await orderlens(db, ['snapshot', '--as-of', '1997-07-01', '--margin', '140%']);
    expect(badMargin.code).toBe(2);
    expect(badMargin.stderr).toContain("--margin '140%' must be a share between 0 and 100%");
  });

  it('rejects contradictory flags as usage errors', async () => {
    expect((await orderlens(db, ['snapshot', '--every', 'month'])).code).toBe(2);
    expect((await orderlens(db, ['snapshot', '--since', '1997-01-01'])).code).toBe(2);
    expect((await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-01-01', '--as-of', '1997-03-01'])).code).toBe(2);
  });

  it('a backfill keeps the month-ends stored already and takes the rest (a monthly cron job), and says so', async () => {
    const before = parseCsvRows((await orderlens(db, ['snapshots'])).stdout);
    const argv = ['snapshot', '--every', 'month', '--since', '1997-01-01', '--until', '1997-07-31', '--model', 'none'];
    const r = await orderlens(db, argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('6 month-end snapshots exist already (1997-02-01, 1997-03-01, 1997-04-01, …): kept as they are; --replace takes them again');
    expect(r.stderr).toContain('backfilling 1 month-end snapshot, as of 1997-08-01 to 1997-08-01');
    expect(parseCsvRows(r.stdout).map((x) => x.label)).toEqual(['1997-08-01']);
    // the stored ones untouched (taken once, at their own time)
    const after = parseCsvRows((await orderlens(db, ['snapshots'])).stdout);
    expect(after.filter((x) => x.label !== '1997-08-01')).toEqual(before);
    // every one stored: nothing to do is not an error
    const again = await orderlens(db, argv);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('7 month-end snapshots exist already');
    expect(again.stderr).toContain('every month-end snapshot from 1997-02-01 to 1997-08-01 exists already: nothing new to store');
    expect(again.stdout.trim().split('\n')).toHaveLength(1);
    // one left: "it"
    expect((await orderlens(db, ['snapshot', '--drop', '1997-03-01'])).code).toBe(0);
    const one = await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-07-01', '--until', '1997-07-31', '--model', 'none']);
    expect(one.stderr).toContain('1 month-end snapshot exists already (1997-08-01): kept as it is; --replace takes it again');
    // --replace takes them all again
    const replaced = await orderlens(db, [...argv, '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(parseCsvRows(replaced.stdout)).toHaveLength(7);
  }, 120_000);
});

const master = sharedFile('cdnow', 'cdnow_master_transactions.csv');

describe.skipIf(!master)('snapshot on the CDNOW master file', () => {
  const db = path.join(tempDir('orderlens-snapshot-master-'), 'm.db');

  it('backfilled month ends reproduce rfm --as-of segments', async () => {
    expect((await orderlens(db, ['import', master!, '--currency', 'USD'])).code).toBe(0);
    const r = await orderlens(db, ['snapshot', '--every', 'month', '--since', '1997-12-01', '--until', '1998-01-31', '--model', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(await expectRfmAgrees(db, '1998-01-01')).toBe(23570);
    expect(await expectRfmAgrees(db, '1998-02-01')).toBe(23570);
  });
});
