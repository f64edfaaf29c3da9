/**
 * A filter or window that matches no customer is a data error (exit 1) with one line that says what matched
 * nothing, on every customer report: never a header-only table, a table of NaN, or exit 0.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const db = path.join(tempDir(), 'empty-results.db');

beforeAll(async () => {
  const r = await orderlens(db, ['import', path.join(repoRoot, 'test', 'fixtures', 'retention-north.csv'), '--currency', 'CNY']);
  expect(r.code, r.stderr).toBe(0);
});

/** The last stderr line is the error; nothing went to stdout. */
async function expectNothingMatches(argv: string[], message: RegExp): Promise<void> {
  const r = await orderlens(db, argv);
  expect(r.code, `${argv.join(' ')}\n${r.stdout}${r.stderr}`).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines.filter((l) => l.startsWith('orderlens: error: '))).toHaveLength(1);
  expect(lines.at(-1)).toMatch(message);
}

describe('reports over nothing', () => {
  it('customers: filters that match no order', async () => {
    await expectNothingMatches(['customers', '--since', '2030-01-01'], /^orderlens: error: no customer has a counted order that matches/);
    await expectNothingMatches(['customers', '--shop', 'default', '--since', '2030-01-01'], /check the filters/);
  });

  it('a --platform or --shop the database does not hold is named with the sources it does hold, on every command that filters', async () => {
    const held = 'this database holds 1 source (platform/shop): generic/default';
    for (const cmd of [['customers'], ['rfm'], ['pareto'], ['segments'], ['churn'], ['cohorts'], ['ltv'], ['export', 'orders'], ['snapshot']]) {
      await expectNothingMatches([...cmd, '--platform', 'tmall'], new RegExp(`^orderlens: error: --platform tmall matches nothing stored: ${held.replace(/[()]/g, '\\$&')}$`));
    }
    await expectNothingMatches(['rfm', '--shop', 'elsewhere'], /^orderlens: error: --shop elsewhere matches nothing stored: this database/);
    await expectNothingMatches(['rfm', '--platform', 'generic', '--shop', 'elsewhere'], /^orderlens: error: --platform generic --shop elsewhere matches nothing stored/);
    const zh = await orderlens(db, ['rfm', '--lang', 'zh', '--platform', 'tmall']);
    expect(zh.stderr).toContain('--platform tmall 与库里的数据都不匹配：库里有 1 个来源（平台/店铺）：generic/default');
    // the right names still work
    expect((await orderlens(db, ['rfm', '--platform', 'GENERIC', '--shop', 'default'])).code).toBe(0);
  });

  it('cohorts: an acquisition window or as-of with no new customer', async () => {
    await expectNothingMatches(['cohorts', '--since', '2030-01-01'], /^orderlens: error: no customer was acquired on or after 2030-01-01 before \d{4}-\d\d-\d\d/);
    await expectNothingMatches(['cohorts', '--as-of', '2000-01-01'], /^orderlens: error: no customer was acquired before 2000-01-01/);
    await expectNothingMatches(['cohorts', '--long', '--since', '2023-01-01', '--until', '2023-12-31'], /acquired between 2023-01-01 and 2023-12-31 before/);
  });

  it('churn: an acquisition window with no customer', async () => {
    await expectNothingMatches(['churn', '--since', '2030-01-01'], /^orderlens: error: no customer was acquired on or after 2030-01-01/);
    await expectNothingMatches(['churn', '--by', 'customer', '--as-of', '2000-01-01', '--days', '30'], /no customer was acquired before 2000-01-01/);
  });

  it('ltv: nothing before the calibration end', async () => {
    await expectNothingMatches(['ltv', '--as-of', '2000-01-01'], /^orderlens: error: no customer has a counted purchase on or before 1999-12-31: nothing to fit/);
    await expectNothingMatches(['ltv', '--holdout', '2000-01-01'], /on or before 2000-01-01: nothing to fit \(check --as-of, --holdout/);
  });

  it('a store whose orders are all pending or cancelled says so, by status, on every report (not "no counted orders match")', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'cod.csv');
    const rows = ['order_id,customer,date,amount,status'];
    for (let i = 0; i < 5; i++) rows.push(`C${i},buyer${i % 3},2026-04-0${i + 1},${100 + i}.00,${i < 3 ? 'pending' : 'cancelled'}`);
    writeFileSync(csv, rows.join('\n') + '\n');
    const cod = path.join(dir, 'cod.db');
    const imp = await orderlens(cod, ['import', csv, '--currency', 'BDT']);
    expect(imp.code, imp.stderr).toBe(0);
    const said = 'orderlens: error: none of the 5 stored orders counts as a purchase (pending 3, cancelled 2): reports count paid, shipped, completed and partially refunded orders only';
    for (const cmd of [['customers'], ['rfm'], ['pareto'], ['segments'], ['churn'], ['cohorts'], ['ltv'], ['snapshot']]) {
      const r = await orderlens(cod, cmd);
      expect([r.code, r.stdout, r.stderr.trim()], cmd.join(' ')).toEqual([1, '', said]);
    }
    // a filter that matches nothing still says to check the filters
    expect((await orderlens(cod, ['rfm', '--since', '2026-04-03'])).stderr).toMatch(/^orderlens: error: no counted orders match/);
    expect((await orderlens(cod, ['rfm', '--lang', 'zh'])).stderr.trim()).toBe('orderlens: 错误：数据库中的 5 笔订单都不算购买（pending 3、cancelled 2）：报表只统计已付款、已发货、已完成和部分退款的订单');
  });

  it('rfm, pareto and segments say the same', async () => {
    for (const cmd of ['rfm', 'pareto', 'segments']) {
      await expectNothingMatches([cmd, '--since', '2030-01-01'], /^orderlens: error: no counted orders match/);
      await expectNothingMatches([cmd, '--as-of', '2000-01-01'], /^orderlens: error: no customer has a counted purchase before 2000-01-01/);
    }
  });
});
