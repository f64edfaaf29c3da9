/**
 * A store of several shops whose data end on different days (a nightly cron import of each shop's export):
 * what `info` says of each shop, and how `campaign` measures the members of each shop within its own data.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { firstTimeNoted, listImportNotes } from '../src/db/import-notes.js';
import { said } from '../src/report/said.js';
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

  it("says a shop's counted purchases beside its orders' days when its first orders were never purchases", async () => {
    const db2 = path.join(dir, 'info-first.db');
    // east: a cancelled and a pending order before the first purchase; west: one order, cancelled
    const east = orders('east.csv', ['e1,a,2024-01-02,10.00,cancelled', 'e2,b,2024-01-04,10.00,pending', 'e3,a,2024-02-10,12.00,completed', 'e4,c,2024-03-01,8.00,completed']);
    const west = orders('west.csv', ['w1,x,2024-05-05,20.00,cancelled']);
    for (const [file, shop] of [[east, 'east'], [west, 'west']]) expect((await orderlens(db2, ['import', '--shop', shop, '--currency', 'USD', file])).code).toBe(0);
    const days = (rows: Record<string, string>[]) => rows.filter((r) => r.section === 'order days').map((r) => [r.item, r.value]);
    expect(days(parseCsvRows((await orderlens(db2, ['info'])).stdout))).toEqual([
      ['generic/east', '2024-01-02 to 2024-03-01; counted purchases 2024-02-10 to 2024-03-01'],
      ['generic/west', '2024-05-05; no counted purchase'],
    ]);
    const zh = JSON.parse((await orderlens(db2, ['info', '--lang', 'zh', '--format', 'json'])).stdout) as { section: string; value: string }[];
    expect(zh.filter((r) => r.section === '下单日期').map((r) => r.value)).toEqual(['2024-01-02 至 2024-03-01；有效购买 2024-02-10 至 2024-03-01', '2024-05-05；没有有效购买']);
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

describe('campaign report over shops whose data end on different days', () => {
  const db = path.join(dir, 'campaign.db');
  const list = path.join(dir, 'spring.csv');
  const treatmentOnly = path.join(dir, 'spring-treatment.csv');
  beforeAll(async () => {
    // late: data to 2024-07-01; L1-L6 (treatment) and L11, L12 (control) buy in the window, L1 again after it
    const late = [...Array.from({ length: 20 }, (_, i) => `l${i + 1},L${i + 1},2024-03-01,10.00,completed`)];
    for (let i = 1; i <= 6; i++) late.push(`lw${i},L${i},2024-05-${20 + i},20.00,completed`);
    late.push('lw11,L11,2024-06-01,30.00,completed', 'lw12,L12,2024-06-02,30.00,completed', 'lx1,L1,2024-07-01,50.00,completed');
    // early: data end 2024-05-31, 12 days into the window; E1 (treatment) and E6 (control) buy inside it
    const early = [...Array.from({ length: 10 }, (_, i) => `e${i + 1},E${i + 1},2024-03-02,10.00,completed`), 'ew1,E1,2024-05-25,15.00,completed', 'ew6,E6,2024-05-31,25.00,completed'];
    // gone: data end 2023-12-31, before the send
    const gone = Array.from({ length: 4 }, (_, i) => `g${i + 1},G${i + 1},2023-12-31,10.00,completed`);
    for (const [shop, rows] of [['late', late], ['early', early], ['gone', gone]] as const) {
      const r = await orderlens(db, ['import', '--shop', shop, '--currency', 'USD', orders(`${shop}.csv`, rows)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const lines = ['customer_key,platform,shop,group'];
    const add = (prefix: string, shop: string, from: number, to: number, group: string) => {
      for (let i = from; i <= to; i++) lines.push(`${prefix}${i},generic,${shop},${group}`);
    };
    add('L', 'late', 1, 10, 'treatment');
    add('L', 'late', 11, 20, 'control');
    add('E', 'early', 1, 5, 'treatment');
    add('E', 'early', 6, 10, 'control');
    add('G', 'gone', 1, 2, 'treatment');
    add('G', 'gone', 3, 4, 'control');
    writeFileSync(list, lines.join('\n') + '\n');
    writeFileSync(treatmentOnly, ['customer_key', ...Array.from({ length: 10 }, (_, i) => `L${i + 1}`)].join('\n') + '\n');
    for (const [file, name] of [[list, 'spring'], [treatmentOnly, 'spring-t']]) {
      const r = await orderlens(db, ['campaign', 'import', file, '--name', name, '--sent', '2024-05-20']);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it("measures each member within its own shop's data: members of a shop that ended before the send are left out and named", async () => {
    const r = await orderlens(db, ['campaign', 'report', 'spring', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [t, c] = parseCsvRows(r.stdout);
    // gone's 4 members left out (they used to count as 4 customers who did not buy); early's measured to 2024-05-31
    expect([t.customers, t.buyers, t.revenue, c.customers, c.buyers, c.revenue]).toEqual(['15', '7', '135.00', '15', '3', '85.00']);
    expect(r.stderr).toContain(
      'warning: 4 listed customers of generic/gone are left out: its orders end 2023-12-31, before the send day 2024-05-20, so the data cannot show what those customers did after it\n',
    );
    expect(r.stderr).toContain('orderlens: window 2024-05-20 to 2024-06-18 (30 days)\n');
    expect(r.stderr).toContain('warning: the orders of generic/early run to 2024-05-31, 12 days of the 30-day window: its 10 listed customers are measured over those days only\n');
    expect(r.stderr).not.toContain('listed customers have no counted');
    const zh = await orderlens(db, ['campaign', 'report', 'spring', '--format', 'csv'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('注意：名单中 generic/gone 的 4 位客户未计入：该店铺的订单到 2023-12-31 就结束了，早于发送日 2024-05-20');
    expect(zh.stderr).toContain('注意：generic/early 的订单只到 2024-05-31，观察期 30 天中只有 12 天');
    expect(zh.stdout).toBe(r.stdout);
  });

  it("refuses a campaign whose every member's shop ended before the send with those shops' words, not the store's", async () => {
    const gone = path.join(dir, 'spring-gone.csv');
    writeFileSync(gone, 'customer_key,platform,shop,group\nG1,generic,gone,treatment\nG2,generic,gone,treatment\nG3,generic,gone,control\n');
    expect((await orderlens(db, ['campaign', 'import', gone, '--name', 'gone', '--sent', '2024-05-20'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'gone', '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // the store has orders after the send (late, early): it is gone's that end before it
    expect(r.stderr).toContain('3 listed customers of generic/gone are left out');
    expect(r.stderr).toContain("no orders of the listed customers' shop on or after the send day 2024-05-20 yet: import its later orders first");
    const zh = await orderlens(db, ['campaign', 'report', 'gone', '--format', 'csv'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('名单中客户所在的 1 个店铺在发送日 2024-05-20 当天及之后还没有订单');
  });

  it('a window that every measured shop covers says nothing of shops; a window past every end says the one end', async () => {
    const short = await orderlens(db, ['campaign', 'report', 'spring', '--window', '5d', '--format', 'csv']);
    // (the shop-by-shop note names every shop measured: no line says early's orders end inside the window)
    expect(short.stderr).not.toContain('the orders of generic/early');
    expect(short.stderr).not.toContain('run to');
    expect(short.stderr).toContain('generic/gone');
    const long = await orderlens(db, ['campaign', 'report', 'spring', '--window', '90d', '--format', 'csv']);
    // late to 2024-07-01 (43 days), early to 2024-05-31 (12): each its own line; L1's order of 2024-07-01 now counts
    expect(long.stderr).toContain('the orders of generic/early run to 2024-05-31, 12 days of the 90-day window');
    expect(long.stderr).toContain('the orders of generic/late run to 2024-07-01, 43 days of the 90-day window');
    expect(parseCsvRows(long.stdout)[0].revenue).toBe('185.00');
  });

  it("compares a campaign without a control group with the untargeted peers of the targeted customers' shops only", async () => {
    const r = await orderlens(db, ['campaign', 'report', 'spring-t', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [, peers] = parseCsvRows(r.stdout);
    // late's 10 untargeted customers, all in the targeted customers' segment; not early's 10 nor gone's 4
    expect([peers.customers, peers.buyers]).toEqual(['10', '2']);
    expect(r.stderr).toContain("comparing with the 10 customers of the targeted customers' shops who were not targeted");
  });
});

describe("campaign report's untargeted peers: the segments of the send day, as rfm says them in a store of several shops", () => {
  it("scores a shop that ended before the send as of its own last day: its customers do not push the live shop's into other segments", async () => {
    const day = (base: string, plus: number) => {
      const d = new Date(`${base}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + plus);
      return d.toISOString().slice(0, 10);
    };
    // live: 30 customers whose last purchase before the send (2024-05-20) runs from 2024-05-19 back 4 days a customer
    const live: string[] = [];
    for (let i = 1; i <= 30; i++) for (let k = 0; k <= i % 4; k++) live.push(`l${i}-${k},L${i},${day('2024-05-19', -4 * (i - 1) - 15 * k)},${10 + i}.00,completed`);
    // old: 40 customers whose orders end in 2022
    const old = Array.from({ length: 40 }, (_, i) => `o${i + 1},O${i + 1},${day('2022-03-01', i * 3)},${20 + i}.00,completed`);
    const after = [...Array.from({ length: 10 }, (_, i) => `w${i + 1},L${3 * i + 1},${day('2024-05-20', i * 2)},15.00,completed`), 'w99,L2,2024-06-30,5.00,completed'];
    const pre = path.join(dir, 'peers-pre.db');
    const db = path.join(dir, 'peers.db');
    for (const [file, shop] of [[orders('peers-live.csv', live), 'live'], [orders('peers-old.csv', old), 'old']]) {
      for (const d of [pre, db]) expect((await orderlens(d, ['import', '--shop', shop, '--currency', 'USD', file])).code).toBe(0);
    }
    expect((await orderlens(db, ['import', '--shop', 'live', '--currency', 'USD', orders('peers-after.csv', after)])).code).toBe(0);
    // the oracle: rfm on the data of the send day (each shop as of its own day; live's is the send day)
    const rfm = parseCsvRows((await orderlens(pre, ['rfm', '--by', 'customer', '--format', 'csv'])).stdout).filter((r) => r.shop === 'live');
    expect(rfm).toHaveLength(30);
    const bySegment = new Map<string, string[]>();
    for (const r of rfm) bySegment.set(r.segment, [...(bySegment.get(r.segment) ?? []), r.customer_key]);
    const [segment, members] = [...bySegment].sort((a, b) => b[1].length - a[1].length)[0];
    const targeted = members.filter((_, i) => i % 2 === 0);
    const list = path.join(dir, 'peers-list.csv');
    writeFileSync(list, ['customer_key,platform,shop', ...targeted.map((k) => `${k},generic,live`)].join('\n') + '\n');
    expect((await orderlens(db, ['campaign', 'import', list, '--name', 'peers', '--sent', '2024-05-20'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'peers', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [t, peers] = parseCsvRows(r.stdout);
    expect(t.customers).toBe(String(targeted.length));
    // the untargeted customers of live in that segment on the send day, as rfm said it
    expect(`${segment}: ${peers.customers}`).toBe(`${segment}: ${members.length - targeted.length}`);
  });
});

describe('campaign report in a store of several currencies', () => {
  it("takes the currency of the listed customers' shops when they have one, and says so; asks for --currency when they have two", async () => {
    const db = path.join(dir, 'currencies.db');
    const rows = (p: string) => [...Array.from({ length: 6 }, (_, i) => `${p}${i},${p.toUpperCase()}${i},2024-03-0${i + 1},10.00,completed`), `${p}w,${p.toUpperCase()}0,2024-05-22,30.00,completed`];
    for (const [shop, currency] of [['uk', 'GBP'], ['us', 'USD']]) expect((await orderlens(db, ['import', '--shop', shop, '--currency', currency, orders(`cur-${shop}.csv`, rows(shop))])).code).toBe(0);
    const list = (name: string, lines: string[]) => {
      const file = path.join(dir, `${name}.csv`);
      writeFileSync(file, ['customer_key,platform,shop,group', ...lines].join('\n') + '\n');
      return file;
    };
    const ukOnly = list('cur-uk', ['UK0,generic,uk,treatment', 'UK1,generic,uk,treatment', 'UK2,generic,uk,control', 'UK3,generic,uk,control']);
    const both = list('cur-both', ['UK0,generic,uk,treatment', 'US1,generic,us,control']);
    for (const [file, name] of [[ukOnly, 'uk-may'], [both, 'both-may']]) expect((await orderlens(db, ['campaign', 'import', file, '--name', name, '--sent', '2024-05-20'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'uk-may', '--window', '5d', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("orderlens: in GBP, the currency of the listed customers' shops (another: --currency CODE)\n");
    const [t, c] = parseCsvRows(r.stdout);
    expect([t.customers, t.buyers, t.revenue, c.customers, c.buyers]).toEqual(['2', '1', '30.00', '2', '0']);
    // --currency given: as before, nothing said of it
    const given = await orderlens(db, ['campaign', 'report', 'uk-may', '--window', '5d', '--format', 'csv', '--currency', 'GBP']);
    expect(given.stdout).toBe(r.stdout);
    expect(given.stderr).not.toContain('the currency of the listed');
    const zh = await orderlens(db, ['campaign', 'report', 'uk-may', '--window', '5d', '--format', 'csv'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('按 GBP 统计：名单中客户所在店铺的币种');
    const two = await orderlens(db, ['campaign', 'report', 'both-may', '--window', '5d', '--format', 'csv']);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('orders are in 2 currencies (GBP, USD): pick one with --currency CODE');
  });
});

describe('campaign split draws each shop its own control share', () => {
  it('a small shop gets round(n × holdout) control members of its own; a shop where that rounds to none is named', async () => {
    const db = path.join(dir, 'strata.db');
    // 60, 10 and 3 customers of one order each, all alike: one segment (Lost) of 73
    for (const [shop, n] of [['big', 60], ['small', 10], ['tiny', 3]] as const) {
      const file = orders(`strata-${shop}.csv`, Array.from({ length: n }, (_, i) => `${shop}${i},${shop}-c${i},2024-01-05,10.00,completed`));
      expect((await orderlens(db, ['import', '--shop', shop, '--currency', 'USD', file])).code).toBe(0);
    }
    // seed 2: a draw of 7 across all 73 put every control member in big (small got none)
    const r = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '10%', '--seed', '2', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    const control = (shop: string) => rows.filter((x) => x.shop === shop && x.group === 'control').length;
    expect([control('big'), control('small'), control('tiny')]).toEqual([6, 1, 0]);
    expect(r.stderr).toContain('73 customers in Lost as of 2024-01-06: 66 treatment, 7 control (10%, seed 2)');
    expect(r.stderr).toContain("warning: 10% rounds to no control member in 1 shop (generic/tiny; 3 customers): campaign report compares each shop with its own control members, so it leaves those customers out");
    const zh = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '10%', '--seed', '2', '--format', 'csv'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('注意：generic/tiny 共 1 个店铺按 10% 四舍五入后没有对照组成员（3 位客户）');
    expect(zh.stdout).toBe(r.stdout);
    // at 50% every shop has control members: no such warning
    const half = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '50%', '--seed', '2', '--format', 'csv']);
    const halfRows = parseCsvRows(half.stdout);
    expect(['big', 'small', 'tiny'].map((shop) => halfRows.filter((x) => x.shop === shop && x.group === 'control').length)).toEqual([30, 5, 2]);
    expect(half.stderr).not.toContain('no control member');
  });
});

describe('campaign import checks --sent against the day the list was drawn as of', () => {
  const db = path.join(dir, 'sent.db');
  const list = path.join(dir, 'lost list.csv');
  beforeAll(async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `o${i},C${i},2024-0${1 + (i % 3)}-1${i % 10},10.00,completed`);
    expect((await orderlens(db, ['import', '--currency', 'USD', orders('sent.csv', [...rows, 'z1,Z,2024-07-01,5.00,completed'])])).code).toBe(0);
    const split = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '50%', '--out', list]);
    expect(split.code, split.stderr).toBe(0);
    const none = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '10%', '--format', 'csv']);
    expect(none.stderr).toContain('warning: 10% of 3 customers rounds to no control group: campaign report can then only compare with untargeted customers');
    expect(none.stderr).not.toContain('a control group of 0');
    // the hint names the file written, as a shell reads it back
    expect(split.stderr).toContain(`afterwards: orderlens campaign import "${list}" --name NAME --sent DATE\n`);
  });

  it('writes each member\'s as-of day in the list, and warns of a send before it or long after it', async () => {
    const rows = parseCsvRows((await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '50%', '--format', 'csv'])).stdout);
    expect(new Set(rows.map((r) => r.as_of))).toEqual(new Set(['2024-07-02']));
    const n = rows.length;
    const sent = async (day: string, file = list) => (await orderlens(db, ['campaign', 'import', file, '--name', 'lost', '--sent', day, '--replace'])).stderr;
    expect(await sent('2024-05-01')).toContain(`warning: --sent 2024-05-01 is before 2024-07-02, the day the list was drawn as of (${n} rows): campaign report's window would count`);
    expect(await sent('2024-07-02')).not.toContain('warning');
    expect(await sent('2024-08-01')).not.toContain('warning');
    expect(await sent('2024-08-02')).toContain(`warning: --sent 2024-08-02 is 31 days after 2024-07-02, the day the list was drawn as of (${n} rows): those customers may have left`);
    // a list without as_of (from a CRM): against the last order of the members' shops
    const bare = path.join(dir, 'bare.csv');
    writeFileSync(bare, ['customer_key', ...rows.map((r) => r.customer_key)].join('\n') + '\n');
    expect(await sent('2024-09-01', bare)).toContain("warning: --sent 2024-09-01 is 62 days after the last order of the listed customers' shops (2024-07-01)");
    expect(await sent('2024-07-20', bare)).not.toContain('warning');
  });
});

describe('import notes of a nightly cron import', () => {
  it('info says when a note was first and last said, and by how many imports', async () => {
    const db = path.join(dir, 'cron.db');
    const today = new Date().toISOString().slice(0, 10);
    for (let night = 1; night <= 3; night++) {
      const r = await orderlens(db, ['import', orders(`orders-2026-12-0${night}.csv`, [`o${night},c${night},2026-11-2${night},10.00,mystery`])]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.includes('unknown status')).toBe(night === 1);
    }
    const notes = () => parseCsvRows(orderlensSync.stdout).filter((r) => r.section === 'import note');
    let orderlensSync = await orderlens(db, ['info']);
    expect(notes().map((r) => [r.item, r.value.replace(/^[^:]*: /, '')])).toEqual([[`generic/default (${today} UTC, 3 imports)`, "unknown status 'mystery' on 1 order: kept as is, never counted as revenue"]]);
    // a note an older orderlens kept (latest day only): its day is the first known; the imports count on from it
    const handle = new Database(db);
    const row = handle.prepare("SELECT key, value FROM meta WHERE key LIKE 'note%'").get() as { key: string; value: string };
    const { said } = JSON.parse(row.value) as { said: unknown };
    handle.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify({ said, day: '2026-11-20' }), row.key);
    handle.close();
    orderlensSync = await orderlens(db, ['info']);
    expect(notes().map((r) => r.item)).toEqual(['generic/default (2026-11-20 UTC)']);
    expect((await orderlens(db, ['import', orders('orders-2026-12-04.csv', ['o4,c4,2026-12-03,10.00,mystery'])])).code).toBe(0);
    orderlensSync = await orderlens(db, ['info']);
    expect(notes().map((r) => r.item)).toEqual([`generic/default (2026-11-20 to ${today} UTC, 2 imports)`]);
    orderlensSync = await orderlens(db, ['info', '--lang', 'zh']);
    expect(orderlensSync.stdout).toContain(`导入提示,generic/default（2026-11-20 至 ${today} UTC，2 次导入）,`);
  });

  it("keeps an import's day in the source's zone, as its orders' days are: 20:00 UTC is the next day in Shanghai", async () => {
    const db = path.join(dir, 'zones.db');
    for (const [shop, zone] of [['sh', 'Asia/Shanghai'], ['ny', 'America/New_York']]) {
      expect((await orderlens(db, ['import', '--shop', shop, '--tz', zone, orders(`zone-${shop}.csv`, ['o1,c1,2026-11-20,10.00,completed'])])).code).toBe(0);
    }
    const handle = new Database(db);
    const at = (iso: string) => Date.parse(iso);
    const note = said('import.unknownStatus', { file: 'x.csv', status: 'mystery', n: 1 });
    expect(firstTimeNoted(handle, 'generic/sh', note, at('2026-12-06T20:00:00Z'))).toBe(true);
    expect(firstTimeNoted(handle, 'generic/ny', note, at('2026-12-06T03:00:00Z'))).toBe(true);
    // the next night in Shanghai, 16:30 UTC (00:30 local on the 8th)
    expect(firstTimeNoted(handle, 'generic/sh', note, at('2026-12-07T16:30:00Z'))).toBe(false);
    // a source not stored: UTC
    expect(firstTimeNoted(handle, 'generic/none', note, at('2026-12-06T23:59:00Z'))).toBe(true);
    const days = Object.fromEntries(listImportNotes(handle).map((n) => [n.source, [n.first, n.day]]));
    handle.close();
    expect(days).toEqual({ 'generic/sh': ['2026-12-07', '2026-12-08'], 'generic/ny': ['2026-12-05', '2026-12-05'], 'generic/none': ['2026-12-06', '2026-12-06'] });
    // info says the import times in the zone the notes' days are in, and names it beside both
    const rows = parseCsvRows((await orderlens(db, ['info'])).stdout);
    const reader = new Database(db, { readonly: true });
    const finished = reader.prepare('SELECT shop, finished_at FROM imports ORDER BY id').all() as { shop: string; finished_at: string }[];
    reader.close();
    const wall = (iso: string, zone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    expect(rows.filter((r) => r.section === 'import').map((r) => r.value.replace(/: read .*/, ''))).toEqual([
      `${wall(finished[0].finished_at, 'Asia/Shanghai')} Asia/Shanghai`,
      `${wall(finished[1].finished_at, 'America/New_York')} America/New_York`,
    ]);
    expect(rows.filter((r) => r.section === 'import note').map((r) => r.item)).toEqual([
      'generic/none (2026-12-06 UTC)',
      'generic/ny (2026-12-05 America/New_York)',
      'generic/sh (2026-12-07 to 2026-12-08 Asia/Shanghai, 2 imports)',
    ]);
  });
});
