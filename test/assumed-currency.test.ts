/**
 * A generic file that names no currency is stored in an assumed one (`currency CNY assumed: --currency to set`);
 * importing it again with --currency sets it, as the import line and `info` say, instead of refusing every order
 * as "would change its currency". Amounts, reports and the purchase runs stay right; other sources are untouched.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, query, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-assumed-currency-');

describe('--currency on a source whose currency was assumed', () => {
  it('relabels its stored orders in one import, says so, and reports stay the same but for the code', async () => {
    const db = path.join(dir, 'uk.db');
    const file = path.join(dir, 'uk.csv');
    writeFileSync(file, ['InvoiceNo,CustomerID,InvoiceDate,Amount', '1,A,2024-01-02,10.50', '2,B,2024-01-03,4.00', '3,A,2024-02-01,7.25', 'C4,B,2024-02-02,-1.00'].join('\n') + '\n');
    const usd = path.join(dir, 'us.csv');
    writeFileSync(usd, ['order_id,customer_id,order_date,amount,currency', '1,Z,2024-01-05,3.00,USD'].join('\n') + '\n');
    const first = await orderlens(db, ['import', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('currency CNY assumed: --currency to set');
    expect((await orderlens(db, ['import', usd, '--shop', 'us'])).code).toBe(0);
    const rfmBefore = (await orderlens(db, ['rfm', '--by', 'customer', '--currency', 'CNY', '--format', 'csv', '--as-of', '2024-03-01'])).stdout;

    const again = await orderlens(db, ['import', file, '--currency', 'GBP']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 4');
    expect(again.stderr).toContain('generic/default: 4 stored orders in CNY, a currency assumed because nothing in the files named one, now in GBP (--currency); amounts unchanged');
    expect(query(db, 'SELECT shop, currency, count(*) AS n, sum(net) AS net FROM orders GROUP BY 1, 2 ORDER BY 1')).toEqual([
      { shop: 'default', currency: 'GBP', n: 4, net: 2075 },
      { shop: 'us', currency: 'USD', n: 1, net: 300 },
    ]);
    const info = await orderlens(db, ['info', '--format', 'csv']);
    expect(info.stdout).not.toContain('assumed for');
    expect(info.stdout).not.toContain('(assumed)');
    expect(info.stdout).toContain('source,generic/default,zone UTC; currency GBP (--currency)');
    // the purchase runs follow (doctor rebuilds them from the orders and compares)
    const doctor = await orderlens(db, ['doctor']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const rfmAfter = await orderlens(db, ['rfm', '--by', 'customer', '--currency', 'GBP', '--format', 'csv', '--as-of', '2024-03-01']);
    expect(rfmAfter.code, rfmAfter.stderr).toBe(0);
    expect(rfmAfter.stdout).toBe(rfmBefore);
    expect(parseCsvRows(rfmAfter.stdout).map((r) => r.customer_key).sort()).toEqual(['A', 'B']);
    expect((await orderlens(db, ['rfm', '--currency', 'CNY'])).code).toBe(1);
    // said once: the next import (the setting is reused) and --reread change nothing
    for (const argv of [['import', file], ['import', file, '--reread']]) {
      const r = await orderlens(db, argv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('unchanged 4');
      expect(r.stderr).not.toContain('now in GBP');
    }
  });

  it('leaves a currency the files named alone: another --currency is still refused as a change', async () => {
    const db = path.join(dir, 'named.db');
    const usd = path.join(dir, 'named.csv');
    writeFileSync(usd, ['order_id,customer_id,order_date,amount,currency', '1,Z,2024-01-05,3.00,USD'].join('\n') + '\n');
    expect((await orderlens(db, ['import', usd])).code).toBe(0);
    const plain = path.join(dir, 'named-plain.csv');
    writeFileSync(plain, ['order_id,customer_id,order_date,amount', '1,Z,2024-01-05,3.00'].join('\n') + '\n');
    const r = await orderlens(db, ['import', plain, '--currency', 'EUR']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('would change the buyer, creation time or currency');
    expect(query(db, 'SELECT currency FROM orders')).toEqual([{ currency: 'USD' }]);
  });
});
