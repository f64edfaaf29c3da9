/**
 * Shapes of real files met in ../shared/data, generated here so the tests run without that folder: columns
 * aligned with spaces (CDNOW_master.txt).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { orderTotals, queryRows } from './order-totals.js';

const dir = tempDir();
let n = 0;
const freshDb = () => path.join(dir, `r${++n}.db`);

describe('columns aligned with spaces', () => {
  it('reads a CDNOW_master-style file (CRLF, leading spaces, zero-padded ids) as the generic reading', async () => {
    const file = path.join(dir, 'CDNOW_like.txt');
    const rows = [' customer_id  date number_of_cds  dollar_value', ' 00001 19970101  1   11.77', ' 00002 19970112  1   12.00', ' 00002 19970112  5   77.00', ' 00003 19970102  2   20.76', ' 00003 19980330  1    0.00'];
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    const db = freshDb();
    for (const round of [1, 2]) {
      const r = await orderlens(db, ['import', file, '--currency', 'USD']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(round === 1 ? 'read 5, inserted 5, updated 0, unchanged 0, rejected 0' : 'read 5, inserted 0, updated 0, unchanged 5, rejected 0');
    }
    expect(orderTotals(db)).toMatchObject({ orders: 5, customers: 3, revenue: { USD: 12153 } });
    expect(queryRows<{ k: string }>(db, 'SELECT buyer_key AS k FROM customers ORDER BY k').map((x) => x.k)).toEqual(['00001', '00002', '00003']);
  });
});
