/**
 * `orderlens rfm`, `pareto` and `segments` end to end on the RFM test shop (fixtures/rfm, a CNY shop plus a
 * small USD shop), with golden CSVs at a fixed --as-of and checks against a plain computation from the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';

const dir = tempDir('orderlens-rfm-');
const db = path.join(dir, 'rfm.db');
const piiDb = path.join(dir, 'pii.db');
const AS_OF = '2025-01-01';
const CNY = ['--currency', 'CNY', '--as-of', AS_OF];

/** Per customer from the raw CSV, without orderlens: counted statuses, net = amount − refund, days before AS_OF. */
function expectedFromFile(): Map<string, { last: string; orders: number; days: Set<string>; net: number; gross: number }> {
  const lines = readFileSync(fixture('rfm', 'shop.csv'), 'utf8').trim().split('\n').slice(1);
  const out = new Map<string, { last: string; orders: number; days: Set<string>; net: number; gross: number }>();
  const cents = (s: string) => Math.round(Number(s) * 100);
  for (const line of lines) {
    const [, customer, date, amount, status, refund] = line.split(',');
    if (!['completed', 'paid', 'shipped', 'partially_refunded'].includes(status)) continue;
    const day = date.slice(0, 10);
    if (day >= AS_OF) continue;
    const e = out.get(customer) ?? { last: '', orders: 0, days: new Set<string>(), net: 0, gross: 0 };
    if (day > e.last) e.last = day;
    e.orders++;
    e.days.add(day);
    e.gross += cents(amount);
    e.net += cents(amount) - cents(refund);
    out.set(customer, e);
  }
  return out;
}

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const cents = (s: string) => Math.round(Number(s) * 100);

beforeAll(async () => {
  for (const [file, extra] of [
    ['shop.csv', []],
    ['shop-usd.csv', ['--shop', 'intl']],
  ] as const) {
    const r = await orderlens(db, ['import', fixture('rfm', file), ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
  const p = await orderlens(piiDb, ['import', fixture('rfm', 'shop.csv'), '--keep-pii']);
  expect(p.code, p.stderr).toBe(0);
});

describe('orderlens rfm', () => {
  it('refuses to mix currencies without --currency', async () => {
    const r = await orderlens(db, ['rfm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orders are in 2 currencies (CNY, USD): pick one with --currency CODE');
  });

  it('summarizes segments (golden); customers, orders and revenue add up to the file', async () => {
    const r = await orderlens(db, ['rfm', ...CNY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('segment,customers,share_customers,revenue,share_revenue,avg_recency_days,avg_frequency,avg_monetary,orders,aov');
    expectGolden('rfm-shop-segments.csv', r.stdout);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(11);
    const expected = [...expectedFromFile().values()];
    expect(rows.reduce((s, x) => s + Number(x.customers), 0)).toBe(expected.length);
    expect(rows.reduce((s, x) => s + Number(x.orders), 0)).toBe(expected.reduce((s, e) => s + e.orders, 0));
    expect(rows.reduce((s, x) => s + cents(x.revenue), 0)).toBe(expected.reduce((s, e) => s + e.net, 0));
    const revenue = rows.map((x) => Number(x.revenue));
    expect(revenue).toEqual([...revenue].sort((a, b) => b - a));
    expect(r.stderr).toContain('frequency: ties leave score 2 empty (5 bins asked, 4 used)');
  });

  it('per customer (golden): values match a plain computation from the file; scores and codes agree', async () => {
    const r = await orderlens(db, ['rfm', ...CNY, '--by', 'customer', '--shop', 'default']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('customer_key,customer,platform,shop,recency_days,frequency,monetary,r,f,m,rfm,segment');
    expectGolden('rfm-shop-customers.csv', r.stdout);
    const rows = parseCsvRows(r.stdout);
    const expected = expectedFromFile();
    expect(rows).toHaveLength(expected.size);
    let checked = 0;
    for (const row of rows) {
      for (const s of [row.r, row.f, row.m]) expect(['1', '2', '3', '4', '5']).toContain(s);
      expect(row.rfm).toBe(`${row.r}${row.f}${row.m}`);
      const e = expected.get(row.customer);
      if (!e) continue; // email buyers show a masked form
      expect([Number(row.recency_days), Number(row.frequency), cents(row.monetary)]).toEqual([daysBetween(e.last, AS_OF), e.orders, e.net]);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
    // Equal values, equal scores.
    for (const [value, score] of [['monetary', 'm'], ['frequency', 'f'], ['recency_days', 'r']] as const) {
      const seen = new Map<string, string>();
      for (const row of rows) {
        if (seen.has(row[value])) expect(row[score], `${value} ${row[value]}`).toBe(seen.get(row[value]));
        seen.set(row[value], row[score]);
      }
    }
  });

  it('--frequency days --monetary gross --bins 3', async () => {
    const r = await orderlens(db, ['rfm', ...CNY, '--by', 'customer', '--frequency', 'days', '--monetary', 'gross', '--bins', '3']);
    expect(r.code, r.stderr).toBe(0);
    const expected = expectedFromFile();
    for (const row of parseCsvRows(r.stdout)) {
      expect(['1', '2', '3']).toContain(row.r);
      const e = expected.get(row.customer);
      if (e) expect([Number(row.frequency), cents(row.monetary)]).toEqual([e.days.size, e.gross]);
    }
  });

  it('--scheme cn8 --lang zh (golden): Chinese segment names and the mean splits on stderr', async () => {
    const r = await orderlens(db, ['rfm', ...CNY, '--scheme', 'cn8', '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    expectGolden('rfm-shop-cn8-zh.csv', r.stdout);
    const rows = parseCsvRows(r.stdout); // --lang zh on the command line: Chinese CSV headers too
    expect(rows.map((x) => x['客户分群']).sort()).toEqual(['一般价值客户', '一般保持客户', '一般发展客户', '一般挽留客户', '重要价值客户', '重要保持客户', '重要发展客户', '重要挽留客户'].sort());
    expect(r.stderr).toMatch(/cn8：以均值划分：recency_days < [\d.]+ 为近，frequency > [\d.]+ 为频，monetary > ¥[\d,.]+ 为高价值/);
    expect(r.stderr).not.toContain('ties leave');
    const median = await orderlens(db, ['rfm', ...CNY, '--scheme', 'cn8', '--split', 'median']);
    expect(median.code, median.stderr).toBe(0);
    expect(median.stderr).toContain('split at the median');
    expect(parseCsvRows(median.stdout).map((x) => x.segment)).toContain('Key value');
  });

  it('--show-edges lists the value range of every score', async () => {
    const r = await orderlens(db, ['rfm', ...CNY, '--show-edges']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(15);
    expect(rows.find((x) => x.variable === 'frequency' && x.score === '2')).toMatchObject({ customers: '0', min: '', max: '' });
    expect(rows.find((x) => x.variable === 'frequency' && x.score === '1')).toMatchObject({ min: '1', max: '1' });
    const total = rows.filter((x) => x.variable === 'monetary').reduce((s, x) => s + Number(x.customers), 0);
    expect(total).toBe(expectedFromFile().size);
    // the table: days and orders whole, money always with its cents (a whole amount too: 6,422.00, never 6,422)
    const table = (await orderlens(db, ['rfm', ...CNY, '--show-edges', '--format', 'table'])).stdout.split('\n');
    const cells = (variable: string) => table.filter((l) => l.includes(`│ ${variable} `)).flatMap((l) => l.split('│').slice(6, 8).map((c) => c.trim()).filter((c) => c !== ''));
    expect(cells('monetary').length).toBeGreaterThan(0);
    for (const c of cells('monetary')) expect(c).toMatch(/^-?[\d,]+\.\d\d$/);
    for (const c of [...cells('recency_days'), ...cells('frequency')]) expect(c).toMatch(/^[\d,]+$/);
    expect((await orderlens(db, ['rfm', ...CNY, '--show-edges', '--lang', 'zh'])).stderr).toContain('得分 1..5，5 为最好');
  });

  it('--show-edges in a Chinese table names the variables and the method in Chinese (as their columns are headed); CSV keeps the codes', async () => {
    const zh = (await orderlens(db, ['rfm', ...CNY, '--show-edges', '--format', 'table', '--lang', 'zh'])).stdout;
    const names = (text: string) => [...new Set(text.split('\n').filter((l) => /^│ /.test(l)).slice(1).map((l) => l.split('│').slice(1, 3).map((c) => c.trim()).join(' ')))];
    expect(names(zh)).toEqual(['最近购买距今天数 分位数', '购买次数 分位数', '净消费金额 分位数']);
    expect(zh).not.toMatch(/recency_days|quantile/);
    const fixed = (await orderlens(db, ['rfm', ...CNY, '--show-edges', '--format', 'table', '--lang', 'zh', '--frequency', 'days', '--monetary', 'gross', '--scoring', 'fixed', '--r-edges', '30,90,180,365', '--f-edges', '1,2,3,5', '--m-edges', '100,200,500,1000'])).stdout;
    expect(names(fixed)).toEqual(['最近购买距今天数 固定阈值', '购买天数 固定阈值', '消费金额 固定阈值']);
    // a Chinese terminal's CSV for a program keeps the stable codes
    const piped = await orderlens(db, ['rfm', ...CNY, '--show-edges'], { LANG: 'zh_CN.UTF-8' });
    expect(parseCsvRows(piped.stdout).map((x) => `${x.variable} ${x.method}`)).toContain('recency_days quantile');
  });

  it('fixed edges: a value on an edge falls in the lower bin; recency reversed', async () => {
    const r = await orderlens(db, ['rfm', ...CNY, '--by', 'customer', '--scoring', 'fixed', '--r-edges', '30,90,180,365', '--f-edges', '1,2,3,5', '--m-edges', '100,200,500,1000']);
    expect(r.code, r.stderr).toBe(0);
    const bin = (v: number, edges: number[]) => 1 + edges.filter((e) => v > e).length;
    for (const row of parseCsvRows(r.stdout)) {
      expect(Number(row.r)).toBe(6 - bin(Number(row.recency_days), [30, 90, 180, 365]));
      expect(Number(row.f)).toBe(bin(Number(row.frequency), [1, 2, 3, 5]));
      expect(Number(row.m)).toBe(bin(Number(row.monetary), [100, 200, 500, 1000]));
    }
    const mixed = await orderlens(db, ['rfm', ...CNY, '--by', 'customer', '--bins', '3', '--r-edges', '90,365']);
    expect(mixed.code, mixed.stderr).toBe(0);
    for (const row of parseCsvRows(mixed.stdout)) expect(Number(row.r)).toBe(4 - bin(Number(row.recency_days), [90, 365]));
  });

  it('a custom segment map, and errors for overlapping maps and bad JSON', async () => {
    const good = path.join(dir, 'map.json');
    writeFileSync(good, JSON.stringify({ bins: 3, segments: [{ name: 'VIP', zh: '贵宾', r: [2, 3], fm: [2.5, 3] }, { name: 'Others', rules: [{ r: 1 }, { r: [2, 3], fm: [1, 2] }] }] }));
    const r = await orderlens(db, ['rfm', ...CNY, '--segments', good, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    // "Others" has no Chinese name and keeps its own.
    expect(parseCsvRows(r.stdout).map((x) => x['客户分群']).sort()).toEqual(['Others', '贵宾']);
    expect(r.stderr).toContain('分群方案按 3 档写成；5 档的得分会换算到它上面');
    const bad = path.join(dir, 'overlap.json');
    writeFileSync(bad, JSON.stringify({ bins: 3, segments: [{ name: 'A', r: [2, 3] }, { name: 'B', r: [1, 2] }] }));
    const o = await orderlens(db, ['rfm', ...CNY, '--segments', bad]);
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/^orderlens: error: .*overlap\.json: segment map is not valid: 9 score combinations match more than one segment: 211 \(A & B\)/);
    const notJson = path.join(dir, 'bad.json');
    writeFileSync(notJson, '{ bins: 3 ');
    const j = await orderlens(db, ['rfm', ...CNY, '--segments', notJson]);
    expect(j.code).toBe(1);
    expect(j.stderr).toContain('is not valid JSON');
  });

  it('--segment NAME --out: a campaign list with buyer keys; contact only where PII is kept', async () => {
    const summary = parseCsvRows((await orderlens(db, ['rfm', ...CNY])).stdout);
    const atRisk = Number(summary.find((x) => x.segment === 'At risk')!.customers);
    const out = path.join(dir, 'at-risk.csv');
    const r = await orderlens(db, ['rfm', ...CNY, '--segment', 'at-risk', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${atRisk} customers in segment At risk`);
    expect(r.stderr).toContain('no clear contact details are stored');
    // the notes in Chinese under --lang zh (they were English whatever the language)
    const zh = await orderlens(db, ['rfm', ...CNY, '--segment', 'at-risk', '--lang', 'zh']);
    expect(zh.stderr).toContain(`分群 久未回购老客户 共 ${atRisk} 位客户`);
    expect(zh.stderr).toContain('数据库没有保存明文联系方式');
    expect(zh.stderr).not.toMatch(/in segment|no clear contact/);
    // under a Chinese locale too (no --lang zh: the list's values stay English, the note speaks Chinese)
    const locale = await orderlens(db, ['rfm', ...CNY, '--segment', 'at-risk', '--out', path.join(dir, 'at-risk-zh.csv')], { LANG: 'zh_CN.UTF-8' });
    expect(locale.stderr).toContain(`分群 久未回购老客户 共 ${atRisk} 位客户`);
    expect(readFileSync(path.join(dir, 'at-risk-zh.csv'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('customer_key,customer,platform,shop,last_order,recency_days,frequency,monetary,r,f,m,rfm,segment');
    const rows = parseCsvRows(text);
    expect(rows).toHaveLength(atRisk);
    expect(new Set(rows.map((x) => x.segment))).toEqual(new Set(['At risk']));

    // With --keep-pii the list carries the clear contact of email buyers.
    const all = await orderlens(piiDb, ['rfm', '--as-of', AS_OF, '--by', 'customer']);
    const segWithEmail = parseCsvRows(all.stdout).find((x) => x.customer.includes('@'))!.segment;
    const pii = await orderlens(piiDb, ['rfm', '--as-of', AS_OF, '--segment', segWithEmail]);
    expect(pii.code, pii.stderr).toBe(0);
    const piiRows = parseCsvRows(pii.stdout);
    expect(pii.stdout.split('\n')[0]).toContain(',contact,');
    const mail = piiRows.find((x) => x.customer.includes('@'))!;
    expect(mail.contact).toMatch(/^[a-z.]+\d+@example\.com$/);
    expect(mail.customer_key).toMatch(/^h:[0-9a-f]{32}$/);
    expect(mail.customer).toContain('***');
  });

  it('rejects bad flags with exit 2', async () => {
    for (const [args, message] of [
      [['--scoring', 'fixed', '--r-edges', '30,60,90,180'], '--scoring fixed needs thresholds for every variable: add --f-edges, --m-edges'],
      [['--r-edges', '30,60', '--bins', '5'], '--r-edges has 2 thresholds, which makes 3 bins, but --bins is 5'],
      [['--r-edges', '30,60', '--f-edges', '1,2,3'], '--f-edges has 3 thresholds, which makes 4 bins, but --r-edges makes 3'],
      [['--r-edges', '60,30', '--bins', '3'], 'thresholds must increase strictly'],
      [['--m-edges', '1,x', '--bins', '3'], "--m-edges 'x' must be a number"],
      // increasing as typed, but one amount at the currency's 2 decimals: said with the flag, not in minor units
      [['--m-edges', '10.001,10.004', '--bins', '3'], "--m-edges '10.001,10.004': thresholds must increase strictly at the 2 decimals of CNY"],
      [['--split', 'median'], '--split applies to --scheme cn8 only'],
      [['--segment', 'VIPs'], "--segment 'VIPs' is not a segment of this scheme"],
      [['--bins', '12'], '--bins must be between 2 and 9'],
      [['--scheme', 'cn9'], 'invalid'],
    ] as const) {
      const run = await orderlens(db, ['rfm', '--currency', 'CNY', '--as-of', AS_OF, ...args]);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('filters by shop and currency', async () => {
    const r = await orderlens(db, ['rfm', '--shop', 'intl', '--currency', 'USD', '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsvRows(r.stdout).reduce((s, x) => s + Number(x.customers), 0)).toBeLessThanOrEqual(8);
    const none = await orderlens(db, ['rfm', ...CNY, '--until', '2022-12-31']);
    expect(none.code).toBe(1);
  });
});

describe('orderlens pareto', () => {
  it('summary (golden): A is the smallest group reaching 80%, classes add up, Gini on the all row', async () => {
    const r = await orderlens(db, ['pareto', ...CNY]);
    expect(r.code, r.stderr).toBe(0);
    expectGolden('pareto-shop.csv', r.stdout);
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.group)).toEqual(['top 1%', 'top 5%', 'top 10%', 'top 20%', 'top 50%', '80% of revenue', 'A', 'B', 'C', 'all']);
    const spend = [...expectedFromFile().values()].map((e) => e.net).sort((a, b) => b - a);
    const total = spend.reduce((a, b) => a + b, 0);
    let m = 0;
    for (let cum = 0; cum < 0.8 * total; ) cum += spend[m++];
    expect(Number(rows.find((x) => x.group === 'A')!.customers)).toBe(m);
    expect(['A', 'B', 'C'].reduce((s, g) => s + cents(rows.find((x) => x.group === g)!.revenue), 0)).toBe(total);
    const top20 = Math.ceil(0.2 * spend.length);
    expect(cents(rows.find((x) => x.group === 'top 20%')!.revenue)).toBe(spend.slice(0, top20).reduce((a, b) => a + b, 0));
    // Gini from the mean absolute difference.
    let diff = 0;
    for (const a of spend) for (const b of spend) diff += Math.abs(a - b);
    expect(Number(rows.find((x) => x.group === 'all')!.gini)).toBeCloseTo(diff / (2 * spend.length * total), 5);
    expect(r.stderr).toContain(`80% of revenue comes from ${m} of ${spend.length} customers`);
  });

  it('--by customer (golden) with classes; --lang zh names the groups in Chinese', async () => {
    const r = await orderlens(db, ['pareto', ...CNY, '--by', 'customer']);
    expect(r.code, r.stderr).toBe(0);
    expectGolden('pareto-shop-customers.csv', r.stdout);
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => Number(x.rank))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.at(-1)!.cumulative_share).toBe('1');
    const zh = await orderlens(db, ['pareto', ...CNY, '--lang', 'zh']);
    expect(parseCsvRows(zh.stdout).map((x) => x['分组'])).toContain('A类客户');
  });
});

describe('orderlens segments', () => {
  it('k-means k = 3 (golden): value order, sizes add up, centroids in currency units', async () => {
    const r = await orderlens(db, ['segments', '--method', 'kmeans', '--k', '3', ...CNY]);
    expect(r.code, r.stderr).toBe(0);
    expectGolden('segments-shop-k3.csv', r.stdout);
    const rows = parseCsvRows(r.stdout);
    expect(rows.map((x) => x.segment)).toEqual(['Key customers', 'Ordinary customers', 'Small customers']);
    expect(rows.reduce((s, x) => s + Number(x.customers), 0)).toBe(expectedFromFile().size);
    expect(r.stderr).toMatch(/k-means on standardized log R, F, M: k = 3, seed 42, fitted on \d+ customers; mean silhouette 0\.\d{3}/);
    const again = await orderlens(db, ['segments', '--k', '3', ...CNY]);
    expect(again.stdout).toBe(r.stdout);
  });

  it('--k auto picks by silhouette; --by customer; --lang zh labels', async () => {
    const r = await orderlens(db, ['segments', '--k', 'auto', ...CNY, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('按轮廓系数选 k'))!; // --lang zh: the notes speak Chinese too
    const scores = [...line.matchAll(/k=(\d) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(scores.map((s) => s[0])).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(line).toContain(`选定 k = ${best[0]}`);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(best[0]);
    expect(rows[0]['客户分群']).toBe('重要客户');
    const per = await orderlens(db, ['segments', '--k', '4', ...CNY, '--by', 'customer']);
    expect(per.code, per.stderr).toBe(0);
    expect(parseCsvRows(per.stdout)).toHaveLength(expectedFromFile().size);
    const bad = await orderlens(db, ['segments', '--k', '1', ...CNY]);
    expect(bad.code).toBe(2);
  });
});

describe('orderlens demo', () => {
  it('prints the RFM segment table after the summary', async () => {
    const r = await orderlens(path.join(dir, 'unused.db'), ['demo']);
    expect(r.code, r.stderr).toBe(0);
    const at = r.stdout.indexOf('RFM segments as of');
    expect(at).toBeGreaterThan(r.stdout.indexOf('Database summary'));
    expect(r.stdout.slice(at)).toContain('Champions');
  });
});
