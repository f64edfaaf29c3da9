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

describe('files that are not orders, or lack one column', () => {
  it('a per-customer summary (lifetimes/BTYD) is named as such, in English and Chinese, exit 1', async () => {
    for (const [name, text] of [
      ['summary.csv', 'ID,frequency,recency,T\n1,2,30.43,38.86\n'],
      ['summary_zbar.csv', 'ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n'],
      // an RFM table: the book's RFM.xlsx (reference_RFM_2018_2019), and the same in English
      ['rfm_zh.csv', '买家会员名,消费频率,最近消费时间间隔,消费金额\nmr0001,2,120.5,99.80\n'],
      ['rfm_en.csv', 'customer_id,recency,frequency,monetary\nC1,12,3,150.00\n'],
    ]) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const en = await orderlens(freshDb(), ['import', file]);
      expect(en.code).toBe(1);
      expect(en.stderr).toMatch(/: a per-customer summary \(headers: .*\), not orders: orderlens imports the orders or transactions/);
      const zh = await orderlens(freshDb(), ['import', file], { LANG: 'zh_CN.UTF-8' });
      expect(zh.stderr).toContain('这是按客户汇总的表');
    }
  });

  it('a transaction log without a customer column (cdnowElog.csv) is told to --map that one column', async () => {
    const file = path.join(dir, 'elog.csv');
    writeFileSync(file, 'masterid,sampleid,date,cds,sales\n4,1,19970101,2,29.33\n4,1,19970118,2,29.73\n');
    const r = await orderlens(freshDb(), ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('as a generic file it has no customer column; name its customer column with --map customer=HEADER, or force a platform');
    const ok = await orderlens(freshDb(), ['import', file, '--map', 'customer=masterid', '--currency', 'USD']);
    expect(ok.stdout).toContain('read 2, inserted 2, updated 0, unchanged 0, rejected 0');
  });
});
