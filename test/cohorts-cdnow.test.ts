/**
 * Integration: the full CDNOW cohort (../shared/data/cdnow/cdnow_master_transactions.csv: 69,659 transactions
 * of the 23,570 customers who first bought in January–March 1997, followed to 1998-06-30), imported and
 * reported through the CLI, against independent computations written here in plain JS over the CSV.
 * Skipped when the shared data folder is absent (set ORDERLENS_SHARED=/path/to/shared to run it elsewhere).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';

const csv = sharedFile('cdnow', 'cdnow_master_transactions.csv');

/** `12.34` → 1234 cents, without floating point. */
function cents(text: string): number {
  const [int, frac = ''] = text.split('.');
  return Number(int) * 100 + Number((frac + '00').slice(0, 2));
}

interface Buyer {
  days: Map<string, number>; // ISO date → cents that day
}

function readTransactions(file: string): Map<string, Buyer> {
  const buyers = new Map<string, Buyer>();
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('customer_id,order_date,amount');
  for (const line of lines.slice(1)) {
    const [id, date, amount] = line.split(',');
    let b = buyers.get(id);
    if (!b) buyers.set(id, (b = { days: new Map() }));
    b.days.set(date, (b.days.get(date) ?? 0) + cents(amount));
  }
  return buyers;
}

const monthNumber = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe.skipIf(!csv)('CDNOW master: cohorts and churn against an independent computation', () => {
  const dir = tempDir();
  const db = path.join(dir, 'cdnow.db');
  let buyers: Map<string, Buyer>;

  beforeAll(async () => {
    buyers = readTransactions(csv!);
    const r = await orderlens(db, ['import', csv!, '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('monthly cohort sizes, active customers, retention and revenue match cell by cell', async () => {
    // Independent: cohort = month of the customer's earliest date; a customer is active in month k when any
    // of their transactions falls in cohort month + k; revenue sums the amounts.
    const last = monthNumber('1998-06-30');
    const expected = new Map<string, { size: number; active: number[]; revenue: number[] }>();
    for (const b of buyers.values()) {
      const dates = [...b.days.keys()].sort();
      const cohort = monthNumber(dates[0]);
      const label = dates[0].slice(0, 7);
      let e = expected.get(label);
      if (!e) expected.set(label, (e = { size: 0, active: new Array(last - cohort + 1).fill(0), revenue: new Array(last - cohort + 1).fill(0) }));
      e.size++;
      const months = new Set<number>();
      for (const [date, amount] of b.days) {
        const k = monthNumber(date) - cohort;
        months.add(k);
        e.revenue[k] += amount;
      }
      for (const k of months) e.active[k]++;
    }
    expect([...expected.keys()].sort()).toEqual(['1997-01', '1997-02', '1997-03']);
    expect([...expected.values()].reduce((s, e) => s + e.size, 0)).toBe(23_570);

    const r = await orderlens(db, ['cohorts', '--as-of', '1998-07-01', '--long']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(3 * 18); // periods 0..17 from January 1997 to June 1998
    let checked = 0;
    for (const row of rows) {
      const e = expected.get(row.cohort)!;
      const k = Number(row.period);
      expect(Number(row.cohort_size)).toBe(e.size);
      if (k >= e.active.length) {
        // The period starts after June 1998: blank, not zero.
        expect([row.customers, row.retention, row.revenue, row.orders]).toEqual(['', '', '', '']);
        continue;
      }
      expect(Number(row.customers), `${row.cohort} +${k}`).toBe(e.active[k]);
      expect(Number(row.retention)).toBeCloseTo(e.active[k] / e.size, 6);
      expect(cents(row.revenue), `${row.cohort} +${k} revenue`).toBe(e.revenue[k]);
      checked++;
    }
    expect(checked).toBe(18 + 17 + 16);
    expect(rows.filter((x) => x.period === '0').map((x) => x.retention)).toEqual(['1', '1', '1']);

    const matrix = parseCsvRows((await orderlens(db, ['cohorts', '--as-of', '1998-07-01'])).stdout);
    expect(matrix.map((x) => [x.cohort, Number(x.cohort_size)])).toEqual([
      ['1997-01', expected.get('1997-01')!.size],
      ['1997-02', expected.get('1997-02')!.size],
      ['1997-03', expected.get('1997-03')!.size],
      ['average', 23_570],
    ]);
    // Average row, month 1: Σ active / Σ size over the three cohorts.
    const sum = (f: (e: { size: number; active: number[] }) => number) => [...expected.values()].reduce((s, e) => s + f(e), 0);
    expect(Number(matrix[3].month_1)).toBeCloseTo(sum((e) => e.active[1]) / sum((e) => e.size), 6);
    // Month 17 has been reached by the January cohort only.
    expect(Number(matrix[3].month_17)).toBeCloseTo(expected.get('1997-01')!.active[17] / expected.get('1997-01')!.size, 6);
  });

  it('churn threshold and every customer status match', async () => {
    // Independent: distinct purchase days per customer, gaps between consecutive days, the nearest-rank 90th
    // percentile of all gaps, then the adaptive rule with k = 3, as of 1998-07-01.
    const asOf = dayNumber('1998-07-01');
    const perCustomer = new Map<string, { days: number[]; gaps: number[] }>();
    const allGaps: number[] = [];
    for (const [id, b] of buyers) {
      const days = [...b.days.keys()].map(dayNumber).sort((x, y) => x - y);
      const gaps = days.slice(1).map((d, i) => d - days[i]);
      allGaps.push(...gaps);
      perCustomer.set(id, { days, gaps });
    }
    allGaps.sort((x, y) => x - y);
    const G = allGaps[Math.ceil((allGaps.length * 9) / 10) - 1];
    const expected = new Map<string, string>();
    for (const [id, { days, gaps }] of perCustomer) {
      const sorted = [...gaps].sort((x, y) => x - y);
      const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      const line = median === null ? G : Math.max(G, 3 * median);
      const since = asOf - days[days.length - 1];
      expected.set(id, since > line ? 'churned' : since > line / 2 ? 'at_risk' : 'active');
    }

    const r = await orderlens(db, ['churn', '--as-of', '1998-07-01', '--by', 'customer']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`G = ${G} days: the 90th percentile of ${allGaps.length.toLocaleString('en-US')} gaps`);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(23_570);
    let mismatches = 0;
    for (const row of rows) if (expected.get(row.customer) !== row.status) mismatches++;
    expect(mismatches).toBe(0);
    const count = (s: string) => [...expected.values()].filter((v) => v === s).length;
    const byFrequency = parseCsvRows((await orderlens(db, ['churn', '--as-of', '1998-07-01', '--by', 'frequency'])).stdout);
    expect(byFrequency.reduce((s, x) => s + Number(x.churned), 0)).toBe(count('churned'));
    expect(byFrequency.reduce((s, x) => s + Number(x.at_risk), 0)).toBe(count('at_risk'));
  });
});
