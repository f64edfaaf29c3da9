/**
 * Taobao/Tmall orders never paid: a row with no 订单付款时间, no 订单创建时间 and a status that does not say it was
 * paid is skipped and counted (not rejected), so a cron job with --max-rejects does not fail on an export full of
 * them (the 明日科技 report copies have 141, 317 and 320). A row without dates whose status says it was paid is
 * still a bad row.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile } from '../src/index.js';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir();
let n = 0;
const freshDb = () => path.join(dir, `u${++n}.db`);

const HEADER = '订单编号,买家会员名,买家实际支付金额,订单状态,订单关闭原因,订单创建时间,订单付款时间';
const ROWS = [
  '1001,buyer_a,10.00,交易成功,订单未关闭,2024-03-01 10:00:00,2024-03-01 10:01:00',
  // unpaid but dated: stored as a pending order, as before
  '1002,buyer_b,20.00,等待买家付款,订单未关闭,2024-03-02 10:00:00,',
  // never paid, no date: skipped
  '1003,buyer_c,99.00,,,,',
  '1004,buyer_d,30.00,等待买家付款,,,',
  '1005,buyer_e,0.00,交易关闭,买家取消,,',
  // closed for a refund: it was paid, so a missing date is a bad row
  '1006,buyer_f,0.00,交易关闭,退款,,',
  // completed without any date contradicts itself: a bad row
  '1007,buyer_g,40.00,交易成功,订单未关闭,,',
];

function exportFile(rows = ROWS): string {
  const file = path.join(dir, `ExportOrderList${++n}.csv`);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

describe('taobao orders never paid', () => {
  it('are skipped with a counted note on every import, not rejected, so --max-rejects counts only bad rows', async () => {
    const db = freshDb();
    const file = exportFile();
    for (const round of [1, 2]) {
      const r = await orderlens(db, ['import', file, '--max-rejects', '2']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(round === 1 ? 'read 7, inserted 2, updated 0, unchanged 0, skipped 3, rejected 2' : 'read 7, inserted 0, updated 0, unchanged 2, skipped 3, rejected 2');
      expect(r.stderr).toContain(`${file}:7: no order date`);
      expect(r.stderr).toContain(`${file}:8: no order date`);
      expect(r.stderr).toContain(`${file}: 3 rows skipped: orders never paid (no payment time 订单付款时间, no creation time, status empty or unpaid)`);
      // the rows balance without the skipped ones taken for item lines
      expect(r.stderr).not.toContain('more item');
    }
    const over = await orderlens(db, ['import', file, '--max-rejects', '1']);
    expect(over.code).toBe(1);
  });

  it('says so in Chinese', async () => {
    const r = await orderlens(freshDb(), ['import', exportFile(ROWS.slice(0, 5))], { LANG: 'zh_CN.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('读取 5 行，新增 2，更新 0，未变 0，跳过 3，拒绝 0');
    expect(r.stderr).toMatch(/：跳过 3 行：从未付款的订单（没有订单付款时间和订单创建时间，订单状态为空或未付款）/);
  });

  it('a file of nothing but unpaid rows stores nothing and says why', async () => {
    const db = freshDb();
    const r = await orderlens(db, ['import', exportFile(ROWS.slice(2, 5))]);
    expect(r.stderr).toContain('3 rows skipped');
    expect(r.stdout).toContain('read 3, inserted 0');
  });

  it('counts the same when the file is read in a worker thread', async () => {
    const file = exportFile();
    const skipped = [];
    for (const thread of [false, true]) {
      const db = openDb(freshDb(), { create: true });
      const r = await importFile(db, file, { platform: 'auto', encoding: 'auto', keyFile: path.join(dir, 'key'), thread });
      db.close();
      skipped.push({ skipped: r.concluded.skipped?.rows, rejected: r.counts.rejected, inserted: r.counts.inserted });
    }
    expect(skipped).toEqual([
      { skipped: 3, rejected: 2, inserted: 2 },
      { skipped: 3, rejected: 2, inserted: 2 },
    ]);
  });
});

describe('the import line adds up with skipped rows', () => {
  it('names the unpaid rows it skipped, so read = inserted + updated + unchanged + skipped + rejected; info says the same', async () => {
    const db = freshDb();
    const file = exportFile(ROWS.slice(0, 5));
    const r = await orderlens(db, ['import', file]);
    expect(r.stdout).toContain('read 5, inserted 2, updated 0, unchanged 0, skipped 3, rejected 0');
    const again = await orderlens(db, ['import', file]);
    expect(again.stdout).toContain('read 5, inserted 0, updated 0, unchanged 2, skipped 3, rejected 0');
    const info = parseCsvRows((await orderlens(db, ['info'])).stdout).filter((row) => row.section === 'import').map((row) => row.value.replace(/^[\d-]+ [\d:]+ \S+: /, ''));
    expect(info).toEqual(['read 5, inserted 2, updated 0, unchanged 0, skipped 3, rejected 0', 'read 5, inserted 0, updated 0, unchanged 2, skipped 3, rejected 0']);
  });
});
