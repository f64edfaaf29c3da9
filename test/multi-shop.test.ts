/**
 * A store of several shops whose data end on different days (a nightly cron import of each shop's export):
 * what `info` says of each shop, and how `campaign` measures the members of each shop within its own data.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-multi-');

function orders(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, ['order_id,customer_id,date,amount,status', ...rows].join('\n') + '\n');
  return file;
}

describe('info on a store of several shops', () => {
  const db = path.join(dir, 'info.db');
  beforeAll(async () => {
    // north: 2024-01-03 … 2024-06-20, its last order cancelled (last counted purchase 2024-06-02); south: 2023-11-30 … 2024-03-09
    const north = orders('north.csv', ['n1,a,2024-01-03,10.00,completed', 'n2,b,2024-06-02,12.00,completed', 'n3,a,2024-06-20,9.00,cancelled']);
    const south = orders('south.csv', ['s1,x,2023-11-30,20.00,completed', 's2,y,2024-03-09,15.00,completed', 's3,x,2024-02-01,5.00,completed']);
    for (const [file, shop] of [[north, 'north'], [south, 'south']]) {
      const r = await orderlens(db, ['import', '--shop', shop, file]);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it("gives each shop's first and last order day, and its last counted purchase when that is earlier", async () => {
    const info = parseCsvRows((await orderlens(db, ['info'])).stdout);
    expect(info.filter((r) => r.section === 'order days').map((r) => [r.item, r.value])).toEqual([
      ['generic/north', '2024-01-03 to 2024-06-20; last counted purchase 2024-06-02'],
      ['generic/south', '2023-11-30 to 2024-03-09'],
    ]);
    expect(info.filter((r) => r.section === 'platform/shop').map((r) => r.value)).toEqual(['3 orders, 2 customers', '3 orders, 2 customers']);
    const zh = JSON.parse((await orderlens(db, ['info', '--lang', 'zh', '--format', 'json'])).stdout) as { section: string; item: string; value: string }[];
    expect(zh.filter((r) => r.section === '下单日期').map((r) => r.value)).toEqual(['2024-01-03 至 2024-06-20；最后一笔有效购买 2024-06-02', '2023-11-30 至 2024-03-09']);
  });

  it('fits 80 columns with every cell whole, in English and Chinese', async () => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty: true, columns: 80, rows: 60 });
      expect(await run(['--db', db, 'info'], io)).toBe(0);
      const lines = io.out().trimEnd().split('\n');
      expect(lines.filter((l) => textWidth(l) > 80 || /^│.*…/.test(l))).toEqual([]);
      expect(io.out()).toMatch(lang.startsWith('zh') ? /下单日期/ : /│ order days +│ generic\/north +│ 2024-01-03 to 2024-06-20;/);
    }
  });

  it('leaves the per-shop days out for a store of one shop (the database days are that shop\'s)', async () => {
    const one = path.join(dir, 'one.db');
    expect((await orderlens(one, ['import', orders('only.csv', ['o1,a,2024-01-03,10.00,completed'])])).code).toBe(0);
    const info = parseCsvRows((await orderlens(one, ['info'])).stdout);
    expect(info.some((r) => r.section === 'order days')).toBe(false);
    expect(info.find((r) => r.item === 'last order day')?.value).toBe('2024-01-03');
  });
});
