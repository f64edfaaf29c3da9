// `ltv --holdout DATE --by customer`: one row per calibration customer in customer_key order (then platform,
// shop), the same rows in the same order whatever order the files were imported in.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-holdout-order-');
const files = [fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')];

describe('ltv --holdout --by customer row order', () => {
  it('is customer_key order, whatever order the files were imported in', async () => {
    const keys: string[][] = [];
    for (const [name, order] of [['a.db', files], ['b.db', [...files].reverse()]] as const) {
      const db = path.join(dir, name);
      for (const file of order) expect((await orderlens(db, ['import', file])).code).toBe(0);
      const r = await orderlens(db, ['ltv', '--holdout', '2025-06-30', '--by', 'customer']);
      expect(r.code, r.stderr).toBe(0);
      keys.push(parseCsvRows(r.stdout).map((row) => row.customer_key));
    }
    expect(keys[0].length).toBeGreaterThan(100);
    expect(keys[0]).toEqual([...keys[0]].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(keys[1]).toEqual(keys[0]);
  }, 120_000);
});
