/**
 * A filter or window that matches no customer is a data error (exit 1) with one line that says what matched
 * nothing, on every customer report: never a header-only table, a table of NaN, or exit 0.
 */
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

  it('rfm, pareto and segments say the same', async () => {
    for (const cmd of ['rfm', 'pareto', 'segments']) {
      await expectNothingMatches([cmd, '--since', '2030-01-01'], /^orderlens: error: no counted orders match/);
      await expectNothingMatches([cmd, '--as-of', '2000-01-01'], /^orderlens: error: no customer has a counted purchase before 2000-01-01/);
    }
  });
});
