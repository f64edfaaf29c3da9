/**
 * PENDING (fails on main 2116c6f; not collected by vitest until moved to test/): `trend` chains the snapshots of
 * two shops as one series. Snapshot shop north as of 2024-07-01 and shop south as of 2024-08-01: trend's second
 * row then counts all of south's customers as new and every north customer as "churned or gone" (churn_rate 1),
 * without a word (migration at least warns that the snapshots differ in shop). Whoever fixes trend.ts moves this
 * file to test/ with the fix; the expected behaviour below (refuse naming the shops, or select one with --shop) is
 * a proposal, the owner decides.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvObjects, orderlensOut } from '../../test/outside-recompute.js';

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-trend-'));
const db = path.join(dir, 'two.db');

function shopCsv(prefix: string, month: string): string {
  const lines = ['order_id,customer,date,amount'];
  for (let c = 1; c <= 20; c++) {
    lines.push(`${prefix}${c}a,${prefix}-buyer-${c},2024-${month}-0${1 + (c % 9)},${10 + c}.00`);
    if (c % 3 === 0) lines.push(`${prefix}${c}b,${prefix}-buyer-${c},2024-${month}-2${c % 9},${5 + c}.00`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  writeFileSync(path.join(dir, 'north.csv'), shopCsv('n', '06'));
  writeFileSync(path.join(dir, 'south.csv'), shopCsv('s', '07'));
  for (const [file, shop] of [['north.csv', 'north'], ['south.csv', 'south']]) {
    const r = await orderlensOut(db, ['import', path.join(dir, file), '--shop', shop, '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
  }
  for (const [shop, asOf] of [['north', '2024-07-01'], ['south', '2024-08-01']]) {
    const r = await orderlensOut(db, ['snapshot', '--shop', shop, '--as-of', asOf, '--model', 'none']);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('trend over snapshots of different shops', () => {
  it('does not chain two shops into one series', async () => {
    const r = await orderlensOut(db, ['trend', '--format', 'csv']);
    if (r.code === 0) {
      // if it prints, no row may compare one shop's snapshot with the other's
      const rows = csvObjects(r.stdout);
      for (const row of rows.slice(1)) expect(row.churn_rate, JSON.stringify(row)).toBe('');
    } else {
      expect(r.stderr).toMatch(/north/);
      expect(r.stderr).toMatch(/south/);
    }
  });

  it('shows one shop\'s series with --shop', async () => {
    const r = await orderlensOut(db, ['trend', '--shop', 'south', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvObjects(r.stdout);
    expect(rows.map((x) => x.label)).toEqual(['2024-08-01']);
    expect(rows[0].customers).toBe('20');
  });
});
