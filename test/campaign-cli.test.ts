/**
 * The whole loop through the CLI on a simulated shop: segment → campaign split → (send) → orders after the send
 * with a known injected effect → campaign import → campaign report. Also: matching list rows by email, phone,
 * order id and customer key through the import's keyed identity, and the weaker no-control comparison.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/analytics/random.js';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-campaign-');

function day(base: string, plus: number): string {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plus);
  return d.toISOString().slice(0, 10);
}

describe('campaign loop on a simulated shop (control 5%, treatment 5% + 20 points)', () => {
  const db = path.join(dir, 'loop.db');
  const list = path.join(dir, 'list.csv');
  let segment = '';

  beforeAll(async () => {
    const rand = seededRandom(11);
    const lines = ['order_id,customer_id,order_date,amount,currency'];
    let id = 1;
    for (let c = 1; c <= 3000; c++) {
      const n = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) lines.push(`${id++},U${c},${day('2024-01-01', Math.floor(rand() * 330))},${(10 + rand() * 90).toFixed(2)},USD`);
    }
    writeFileSync(path.join(dir, 'history.csv'), lines.join('\n') + '\n');
    expect((await orderlens(db, ['import', path.join(dir, 'history.csv')])).code).toBe(0);
    const rfm = parseCsvRows((await orderlens(db, ['rfm', '--as-of', '2024-12-01', '--format', 'csv'])).stdout);
    segment = rfm.sort((a, b) => Number(b.customers) - Number(a.customers))[0].segment;
  });

  it('split draws the holdout share from the segment, the same for the same seed', async () => {
    const r = await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '30%', '--seed', '5', '--as-of', '2024-12-01', '--out', list]);
    expect(r.code, r.stderr).toBe(0);
    const again = await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '30%', '--seed', '5', '--as-of', '2024-12-01', '--format', 'csv']);
    const rows = parseCsvRows(again.stdout);
    const control = rows.filter((x) => x.group === 'control').length;
    expect(control).toBe(Math.round(rows.length * 0.3));
    expect(rows.length).toBeGreaterThan(300);
    expect(r.stderr).toContain(`${rows.length - control} treatment, ${control} control (30%, seed 5)`);
    // on a Chinese terminal the note names the segment in Chinese; the list (no --lang zh) is the same bytes
    const zh = await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '30%', '--seed', '5', '--as-of', '2024-12-01', '--format', 'csv'], { LANG: 'zh_CN.UTF-8' });
    const names = async (lang: string[]) => parseCsvRows((await orderlens(db, ['rfm', '--as-of', '2024-12-01', '--format', 'csv', ...lang])).stdout).map((x) => Object.values(x)[0]);
    const named = (await names(['--lang', 'zh']))[(await names([])).indexOf(segment)];
    expect(named).toMatch(/\p{Script=Han}/u);
    expect(zh.stderr).toContain(`截至 2024-12-01，${named} 共 ${rows.length} 位客户：实验组 ${rows.length - control} 位`);
    expect(zh.stdout).toBe(again.stdout);
  });

  it('report recovers the injected effect and says so in a plain verdict line', async () => {
    const rows = parseCsvRows((await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '30%', '--seed', '5', '--as-of', '2024-12-01', '--format', 'csv'])).stdout);
    const rand = seededRandom(99);
    const orders = ['order_id,customer_id,order_date,amount,currency'];
    rows.forEach((x, i) => {
      const p = x.group === 'control' ? 0.05 : 0.25;
      if (rand() < p) orders.push(`W${i},${x.customer_key},${day('2024-12-01', Math.floor(rand() * 30))},50.00,USD`);
      if (rand() < 0.3) orders.push(`L${i},${x.customer_key},${day('2025-01-05', Math.floor(rand() * 20))},20.00,USD`); // after the window
    });
    writeFileSync(path.join(dir, 'after.csv'), orders.join('\n') + '\n');
    expect((await orderlens(db, ['import', path.join(dir, 'after.csv')])).code).toBe(0);
    const imp = await orderlens(db, ['campaign', 'import', list, '--name', 'winback', '--sent', '2024-12-01', '--format', 'csv']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(parseCsvRows(imp.stdout)[0]).toMatchObject({ campaign: 'winback', unmatched_rows: '0', rows: String(rows.length) });
    const r = await orderlens(db, ['campaign', 'report', 'winback', '--window', '30d', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const out = parseCsvRows(r.stdout);
    expect(out.map((x) => x.group)).toEqual(['treatment', 'control', 'lift']);
    const lift = out[2];
    expect(Number(lift.conversion_low)).toBeLessThanOrEqual(0.2);
    expect(Number(lift.conversion_high)).toBeGreaterThanOrEqual(0.2);
    expect(Number(lift.conversion_low)).toBeGreaterThan(0);
    expect(Number(lift.rpc_low)).toBeLessThanOrEqual(10);
    expect(Number(lift.rpc_high)).toBeGreaterThanOrEqual(10);
    expect(r.stderr).toMatch(/the campaign raised 30-day conversion from \d+\.\d% to \d+\.\d%; 95% CI \+\d+\.\d to \+\d+\.\d points/);
    expect(r.stderr).toContain('Newcombe');
  });

  it('without a control group compares with untargeted peers and says that is weaker', async () => {
    const rows = parseCsvRows((await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '30%', '--seed', '5', '--as-of', '2024-12-01', '--format', 'csv'])).stdout);
    const treated = path.join(dir, 'treated.csv');
    writeFileSync(treated, 'customer_key\n' + rows.filter((x) => x.group === 'treatment').map((x) => x.customer_key).join('\n') + '\n');
    const imp = await orderlens(db, ['campaign', 'import', treated, '--name', 'no-control', '--sent', '2024-12-01']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toContain('no group column');
    const r = await orderlens(db, ['campaign', 'report', 'no-control', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('weaker evidence');
    expect(parseCsvRows(r.stdout)[1].group).toBe('comparison (not targeted, same segments)');
  });

  it('lists and drops campaigns; unknown names are data errors', async () => {
    const l = parseCsvRows((await orderlens(db, ['campaign', 'list', '--format', 'csv'])).stdout);
    expect(l.map((x) => x.campaign).sort()).toEqual(['no-control', 'winback']);
    expect((await orderlens(db, ['campaign', 'drop', 'no-control'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'no-control']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no campaign named 'no-control'");
    expect((await orderlens(db, ['campaign', 'split', '--segment', segment, '--holdout', '0%'])).code).toBe(2);
    expect((await orderlens(db, ['campaign', 'report', 'winback', '--window', 'soon'])).code).toBe(2);
  });
});

describe('campaign import matches through the keyed identity of imports', () => {
  const db = path.join(dir, 'match.db');

  it('by email (any case), phone, order id and customer key; unmatched rows by line', async () => {
    const shop = path.join(dir, 'shop.csv');
    writeFileSync(shop, ['order_id,customer_email,order_date,amount,currency', 'A1,ann@example.com,2024-01-02,10.00,USD', 'A2,bob@example.com,2024-01-03,12.00,USD', 'A3,+86 138 1234 5678,2024-01-04,9.00,USD', 'A4,dan@example.com,2024-01-05,9.00,USD', 'A5,-neg1,2024-01-05,9.00,USD'].join('\n') + '\n');
    const imp = await orderlens(db, ['import', shop]);
    expect(imp.code, imp.stderr).toBe(0);
    const keys = parseCsvRows((await orderlens(db, ['churn', '--by', 'customer', '--days', '30', '--format', 'csv'])).stdout);
    const listFile = path.join(dir, 'contacts.csv');
    writeFileSync(listFile, ['email,phone,order_id,customer_key,group', 'ANN@Example.com,,,,treatment', ',+8613812345678,,,control', ',,A2,,treatment', 'nobody@example.com,,,,treatment', ',,,,treatment', `,,,${keys.find((k) => k.customer.startsWith('da'))?.customer_key ?? 'missing'},treatment`, ",,,'-neg1,control"].join('\n') + '\n');
    const r = await orderlens(db, ['campaign', 'import', listFile, '--name', 'contacts', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsvRows(r.stdout)[0]).toMatchObject({ treatment: '3', control: '2', unmatched_rows: '1', rows: '7' });
    expect(r.stderr).toContain('1 row matches no customer (line 5)');
    expect(r.stderr).toContain('1 row names nobody (line 6)');
    expect(r.stderr).toContain('no --sent day');
    const report = await orderlens(db, ['campaign', 'report', 'contacts']);
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('has no sent day');
  });

  it('refuses a customer in both groups and an unknown group, naming the line', async () => {
    const both = path.join(dir, 'both.csv');
    writeFileSync(both, 'email,group\nann@example.com,treatment\nANN@example.com,control\n');
    const r = await orderlens(db, ['campaign', 'import', both, '--name', 'both']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('both.csv:3: this customer is also on line 2 in the treatment group');
    const bad = path.join(dir, 'bad-group.csv');
    writeFileSync(bad, 'email,group\nann@example.com,maybe\n');
    const b = await orderlens(db, ['campaign', 'import', bad, '--name', 'bad']);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("bad-group.csv:2: group 'maybe' is neither treatment nor control");
    const list = parseCsvRows((await orderlens(db, ['campaign', 'list', '--format', 'csv'])).stdout);
    expect(list.map((x) => x.campaign)).toEqual(['contacts']);
  });
});

describe('campaign report when nobody bought in the window (neither group)', () => {
  const db = path.join(dir, 'none.db');

  it('says the data cannot answer: no p-values, no zero-width revenue interval, one plain line', async () => {
    // 40 customers who bought once in March; one other customer's order in June so the window is in the data
    const shop = path.join(dir, 'none-shop.csv');
    const lines = ['order_id,customer_id,order_date,amount,currency'];
    for (let c = 1; c <= 40; c++) lines.push(`a${c},U${c},2024-03-0${(c % 9) + 1},20.00,USD`);
    lines.push('z1,OTHER,2024-07-10,10.00,USD');
    writeFileSync(shop, lines.join('\n') + '\n');
    expect((await orderlens(db, ['import', shop])).code).toBe(0);
    const list = path.join(dir, 'none-list.csv');
    writeFileSync(list, ['customer_key,group', ...Array.from({ length: 40 }, (_, k) => `U${k + 1},${k < 20 ? 'treatment' : 'control'}`)].join('\n') + '\n');
    expect((await orderlens(db, ['campaign', 'import', list, '--name', 'none', '--sent', '2024-06-01'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'none', '--window', '30d', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [t, c, lift] = parseCsvRows(r.stdout);
    expect([t.buyers, c.buyers]).toEqual(['0', '0']);
    // conversion: the Newcombe interval still bounds the difference (Wilson upper bound of 0 in 20 either way)
    const u = (1.959963984540054 ** 2 / 20) / (1 + 1.959963984540054 ** 2 / 20);
    expect(Number(lift.conversion_low)).toBeCloseTo(-u, 6);
    expect(Number(lift.conversion_high)).toBeCloseTo(u, 6);
    // but no test: no p-value, and no revenue interval of zero width
    expect(lift.conversion_p).toBe('');
    expect([lift.revenue_per_customer, lift.rpc_low, lift.rpc_high, lift.rpc_p]).toEqual(['', '', '', '']);
    expect(r.stderr).toContain('nobody bought in the 30-day window in either group (20 targeted, 20 control): the data cannot say whether the campaign changed conversion or revenue');
    expect(r.stderr).not.toContain('no detectable effect');
    expect(r.stderr).not.toContain('p = 1.000');
    expect(r.stderr).toContain('warning: the treatment group has 20 customers with 0 buyers');
    expect(r.stderr).toContain('warning: the control group has 20 customers with 0 buyers');
    const zh = await orderlens(db, ['campaign', 'report', 'none', '--window', '30d', '--lang', 'zh']);
    expect(zh.stderr).toContain('两组都没有人购买');
  });
});

describe('campaign import with two shops holding the same buyers', () => {
  const db = path.join(dir, 'shops.db');

  it("reads split's platform and shop columns back: one member per row, that shop's customer", async () => {
    const shop = path.join(dir, 'same-in-two-shops.csv');
    const lines = ['order_id,customer_id,order_date,amount,currency'];
    for (let c = 1; c <= 12; c++) lines.push(`o${c},U${c},2024-0${(c % 3) + 1}-1${c % 10},${10 + c}.00,USD`);
    writeFileSync(shop, lines.join('\n') + '\n');
    for (const name of ['north', 'south']) expect((await orderlens(db, ['import', shop, '--shop', name])).code).toBe(0);
    const split = path.join(dir, 'two-shop-split.csv');
    const s = await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '50%', '--seed', '4', '--as-of', '2024-12-01', '--out', split]);
    expect(s.code, s.stderr).toBe(0);
    const rows = parseCsvRows((await orderlens(db, ['campaign', 'split', '--segment', 'Lost', '--holdout', '50%', '--seed', '4', '--as-of', '2024-12-01', '--format', 'csv'])).stdout);
    expect(new Set(rows.map((x) => x.shop))).toEqual(new Set(['north', 'south']));
    // the same customer key in both shops, drawn into different groups somewhere: the split's own file goes back in
    const groupsOf = (key: string) => new Set(rows.filter((x) => x.customer_key === key).map((x) => x.group));
    expect(rows.some((x) => groupsOf(x.customer_key).size === 2)).toBe(true);
    const r = await orderlens(db, ['campaign', 'import', split, '--name', 'two-shops', '--sent', '2024-12-01', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const control = rows.filter((x) => x.group === 'control').length;
    expect(parseCsvRows(r.stdout)[0]).toMatchObject({ rows: String(rows.length), unmatched_rows: '0', treatment: String(rows.length - control), control: String(control) });
    expect(r.stderr).not.toContain('more than one shop');
  });

  it('a row without shop columns names that buyer in every shop, and says so', async () => {
    const list = path.join(dir, 'ids-only.csv');
    writeFileSync(list, 'customer_id,group\nU1,treatment\nU2,control\n');
    const r = await orderlens(db, ['campaign', 'import', list, '--name', 'ids-only', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsvRows(r.stdout)[0]).toMatchObject({ treatment: '2', control: '2' });
    expect(r.stderr).toContain('2 rows name customers of more than one shop');
    expect(r.stderr).toContain('lines 2, 3');
    const one = path.join(dir, 'ids-one-shop.csv');
    writeFileSync(one, 'customer_id,platform,shop,group\nU1,generic,south,treatment\nU2,Generic,north,control\nU3,generic,west,control\n');
    const o = await orderlens(db, ['campaign', 'import', one, '--name', 'ids-one-shop', '--format', 'csv']);
    expect(o.code, o.stderr).toBe(0);
    expect(parseCsvRows(o.stdout)[0]).toMatchObject({ treatment: '1', control: '1', unmatched_rows: '1' });
    expect(o.stderr).toContain('1 row matches no customer (line 4)');
  });
});
