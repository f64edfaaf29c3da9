/**
 * `orderlens churn` end to end on two small shops (test/fixtures/retention-*.csv), as of 2024-07-01.
 *
 * Hand computation: the 21 gaps between purchase days of the 9 repeat customers, sorted, are
 * 1, 14 ×9, 18, 28, 28, 29, 29, 33, 34, 65, 76, 90, 92; the nearest-rank 90th percentile is the ⌈18.9⌉ = 19th,
 * G = 76 days. Then, e.g.: C02 (last order 03-20, 103 days; gaps 65 → line max(76, 195) = 195, half 97.5) is
 * at risk; C07 (one order 04-18, 74 days > 38) at risk; C04 (86 days; median 14 → line 76) churned;
 * S01 (6 days) active.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { memoryIo } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { textWidth } from '../src/output/table.js';
import { expectGolden } from './golden.js';
import { builtInSegmentLabel } from '../src/report/segment-names.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
const db = path.join(dir, 'churn.db');
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', name);
const AS_OF = ['--as-of', '2024-07-01'];

beforeAll(async () => {
  for (const shop of ['north', 'south']) {
    const r = await orderlens(db, ['import', fixture(`retention-${shop}.csv`), '--shop', shop, '--currency', 'CNY']);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('orderlens churn', () => {
  it('--by customer: status, reason, gaps and lines per customer (golden)', async () => {
    const r = await orderlens(db, ['churn', ...AS_OF, '--by', 'customer']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('G = 76 days: the 90th percentile of 21 gaps between purchase days of 9 repeat customers');
    expect(r.stderr).toContain('as of 2024-07-01: 14 customers; 7 active, 2 at risk (14.3%, ¥1,050.00 to date), 5 churned (35.7%)');
    const rows = parseCsvRows(r.stdout);
    const by = Object.fromEntries(rows.map((x) => [x.customer, x]));
    expect(by.C02).toMatchObject({ status: 'at_risk', days_since_last: '103', usual_gap_days: '65', threshold_days: '195', orders: '3', revenue: '550.00' });
    expect(by.C02.reason).toBe('at risk: 103 days since last order; usual gap 65 days; 3 orders, ¥550.00');
    expect(by.C07).toMatchObject({ status: 'at_risk', days_since_last: '74', usual_gap_days: '', threshold_days: '76' });
    expect(by.C04).toMatchObject({ status: 'churned', days_since_last: '86', usual_gap_days: '14', threshold_days: '76' });
    expect(by.S01).toMatchObject({ status: 'active', usual_gap_days: '84', threshold_days: '252' });
    expect(by.C06).toMatchObject({ status: 'churned', first_order: '2024-03-02', orders: '1' }); // the cancelled order does not count
    expect(by.S05).toBeUndefined(); // only a cancelled order
    expect(rows.map((x) => x.customer).slice(0, 3)).toEqual(['S01', 'C02', 'C01']); // by revenue
    expectGolden('churn-customers.csv', r.stdout);
  });

  it('--by customer in an English table: the status in words, its CSV and JSON the code', async () => {
    const io = memoryIo({ env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' }, tty: true, columns: 160, rows: 60 });
    expect(await run(['--db', db, 'churn', ...AS_OF, '--status', 'at_risk'], io)).toBe(0);
    const c02 = io.out().split('\n').find((l) => l.includes(' C02 '));
    expect(c02).toMatch(/│ at risk +│/);
    expect(io.out()).not.toContain('at_risk');
    const json = await orderlens(db, ['churn', ...AS_OF, '--status', 'at_risk', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { status: string }[]).map((x) => x.status)).toEqual(['at_risk', 'at_risk']);
  });

  it('--by shop on 80 columns: a long shop name stays whole, the counts make room', async () => {
    const longDb = path.join(dir, 'long-shops.db');
    for (const [file, shop] of [['north', 'north-flagship-online-store-eu'], ['south', 'south-outlet-marketplace-store']]) {
      const r = await orderlens(longDb, ['import', fixture(`retention-${file}.csv`), '--shop', shop, '--currency', 'CNY']);
      expect(r.code, r.stderr).toBe(0);
    }
    const io = memoryIo({ env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' }, tty: true, columns: 80, rows: 60 });
    expect(await run(['--db', longDb, 'churn', ...AS_OF, '--by', 'shop'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.some((l) => l.startsWith('│ generic/north-flagship-online-store-eu │'))).toBe(true);
    expect(lines.some((l) => l.startsWith('│ generic/south-outlet-marketplace-store │'))).toBe(true);
    // churn_rate as churn%: the customers stay
    expect(lines.at(-1)).toBe('… not shown: churned, at_risk (--format csv has them)');
  });

  it('--by customer --lang zh: the status words are Chinese like the reason (English keeps the codes)', async () => {
    const r = await orderlens(db, ['churn', ...AS_OF, '--by', 'customer', '--lang', 'zh', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const status = (customer: string) => rows.find((x) => x.customer === customer);
    expect(status('C02')).toMatchObject({ status: '流失预警' });
    expect(status('C04')).toMatchObject({ status: '已流失' });
    expect(status('S01')).toMatchObject({ status: '活跃' });
  });

  it('churn rate by frequency and by shop, sorted by revenue at risk (golden)', async () => {
    const f = await orderlens(db, ['churn', ...AS_OF, '--by', 'frequency']);
    expect(f.code, f.stderr).toBe(0);
    expect(parseCsvRows(f.stdout)).toEqual([
      { frequency: '3', customers: '3', churned: '1', churn_rate: '0.333333', at_risk: '1', revenue_at_risk: '550.00' },
      { frequency: '1', customers: '5', churned: '3', churn_rate: '0.6', at_risk: '1', revenue_at_risk: '500.00' },
      { frequency: '4-5', customers: '2', churned: '1', churn_rate: '0.5', at_risk: '0', revenue_at_risk: '0.00' },
      { frequency: '2', customers: '3', churned: '0', churn_rate: '0', at_risk: '0', revenue_at_risk: '0.00' },
      { frequency: '6-9', customers: '1', churned: '0', churn_rate: '0', at_risk: '0', revenue_at_risk: '0.00' },
    ]);
    const s = await orderlens(db, ['churn', ...AS_OF, '--by', 'shop']);
    expect(s.code, s.stderr).toBe(0);
    expect(parseCsvRows(s.stdout)).toEqual([
      { shop: 'generic/north', customers: '9', churned: '3', churn_rate: '0.333333', at_risk: '2', revenue_at_risk: '1050.00' },
      { shop: 'generic/south', customers: '5', churned: '2', churn_rate: '0.4', at_risk: '0', revenue_at_risk: '0.00' },
    ]);
    expectGolden('churn-by-frequency.csv', f.stdout);
  });

  it('--by cohort and --by segment (the default) add up to every customer', async () => {
    const c = parseCsvRows((await orderlens(db, ['churn', ...AS_OF, '--by', 'cohort'])).stdout);
    expect(Object.fromEntries(c.map((x) => [x.cohort, x.customers]))).toEqual({ '2024-01': '4', '2024-02': '3', '2024-03': '2', '2024-04': '2', '2024-05': '1', '2024-06': '2' });
    const seg = await orderlens(db, ['churn', ...AS_OF]);
    expect(seg.code, seg.stderr).toBe(0);
    const rows = parseCsvRows(seg.stdout);
    expect(Object.keys(rows[0])).toEqual(['segment', 'customers', 'churned', 'churn_rate', 'at_risk', 'revenue_at_risk']);
    expect(rows.reduce((s, x) => s + Number(x.customers), 0)).toBe(14);
    expect(rows.reduce((s, x) => s + Number(x.churned), 0)).toBe(5);
    const atRisk = rows.map((x) => Number(x.revenue_at_risk));
    expect(atRisk).toEqual([...atRisk].sort((a, b) => b - a));
  });

  it('--by segment lists the segments in the same order in English and in Chinese (ties too)', async () => {
    const en = parseCsvRows((await orderlens(db, ['churn', ...AS_OF])).stdout);
    const zh = parseCsvRows((await orderlens(db, ['churn', ...AS_OF, '--lang', 'zh'])).stdout);
    // the fixture has segments tied on revenue at risk and churn rate: the tie-break must not be the label's language
    const tied = en.filter((x, i) => en.some((y, j) => j !== i && y.revenue_at_risk === x.revenue_at_risk && y.churn_rate === x.churn_rate));
    expect(tied.length).toBeGreaterThan(1);
    expect(zh.map((x) => x['客户分群'])).toEqual(en.map((x) => builtInSegmentLabel(x.segment, 'zh')));
    expect(zh.map((x) => x['客户数'])).toEqual(en.map((x) => x.customers));
  });

  it('--status at_risk --out writes a win-back list', async () => {
    const out = path.join(dir, 'winback.csv');
    const r = await orderlens(db, ['churn', ...AS_OF, '--status', 'at_risk', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote 2 rows to ${out}`);
    const rows = parseCsvRows(readFileSync(out, 'utf8'));
    expect(rows.map((x) => [x.customer_key, x.customer, x.status])).toEqual([
      ['C02', 'C02', 'at_risk'],
      ['C07', 'C07', 'at_risk'],
    ]);
  });

  it('--days, --k and the acquisition window change the lines', async () => {
    const days = parseCsvRows((await orderlens(db, ['churn', ...AS_OF, '--by', 'customer', '--days', '120'])).stdout);
    const by = Object.fromEntries(days.map((x) => [x.customer, x]));
    expect(by.C04).toMatchObject({ status: 'at_risk', threshold_days: '120' }); // 86 > 60
    expect(by.C03).toMatchObject({ status: 'churned', threshold_days: '120' }); // 155 days
    expect(by.S02).toMatchObject({ status: 'at_risk' }); // 118 days
    const k = await orderlens(db, ['churn', ...AS_OF, '--by', 'customer', '--k', '1.5']);
    expect(k.stderr).toContain('max(G, 1.5 × own median gap)');
    expect(parseCsvRows(k.stdout).find((x) => x.customer === 'C02')).toMatchObject({ threshold_days: '97.5', status: 'churned' });
    const window = await orderlens(db, ['churn', ...AS_OF, '--by', 'customer', '--since', '2024-06-01']);
    expect(window.stderr).toContain('G = 76 days'); // the threshold still uses every customer's gaps
    expect(parseCsvRows(window.stdout).map((x) => x.customer)).toEqual(['S06', 'C09']);
  });

  it('--model puts P(alive) from the purchase model beside the rule (CDNOW sample fixture)', async () => {
    const cdnow = path.join(dir, 'cdnow.db');
    expect((await orderlens(cdnow, ['import', path.join(repoRoot, 'fixtures', 'cdnow_sample.csv'), '--currency', 'USD'])).code).toBe(0);
    const r = await orderlens(cdnow, ['churn', '--as-of', '1997-10-01', '--by', 'customer', '--model']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('model: MBG/NBD on 2,357 customers, converged; churned when P(alive) < 0.3');
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(2357);
    // The same P(alive) as `orderlens ltv --model mbgnbd` for the same as-of.
    const ltv = parseCsvRows((await orderlens(cdnow, ['ltv', '--by', 'customer', '--as-of', '1997-10-01', '--model', 'mbgnbd'])).stdout);
    const pAlive = new Map(ltv.map((x) => [x.customer, Number(x.p_alive)]));
    for (const row of rows) {
      expect(Number(row.p_alive)).toBeCloseTo(pAlive.get(row.customer)!, 6);
      expect(row.model_status).toBe(Number(row.p_alive) < 0.3 ? 'churned' : 'active');
    }
    const groups = parseCsvRows((await orderlens(cdnow, ['churn', '--as-of', '1997-10-01', '--by', 'frequency', '--model', '--p', '0.5'])).stdout);
    expect(Object.keys(groups[0])).toEqual(['frequency', 'customers', 'churned', 'churn_rate', 'at_risk', 'revenue_at_risk', 'model_churned', 'model_churn_rate']);
    const below = rows.filter((x) => Number(x.p_alive) < 0.5).length;
    expect(groups.reduce((sum, g) => sum + Number(g.model_churned), 0)).toBe(below);
    expect((await orderlens(cdnow, ['churn', '--model', 'lifetimes'])).code).toBe(2);
    expect((await orderlens(cdnow, ['churn', '--model', '--p', '1.5'])).code).toBe(2);
  });

  it('rejects bad flags with exit 2', async () => {
    const both = await orderlens(db, ['churn', '--status', 'churned', '--by', 'shop']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--status lists customers');
    expect((await orderlens(db, ['churn', '--k', '0'])).code).toBe(2);
    expect((await orderlens(db, ['churn', '--k', 'three'])).code).toBe(2);
    expect((await orderlens(db, ['churn', '--days', '0'])).code).toBe(2);
    expect((await orderlens(db, ['churn', '--status', 'gone'])).code).toBe(2);
    expect((await orderlens(db, ['churn', '--by', 'city'])).code).toBe(2);
  });
});
