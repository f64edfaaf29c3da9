/**
 * `campaign report` on a hand-made store of four shops whose targeted and control customers buy at very different
 * rates (shop A 15% vs 10%, B 50% vs 40%, C 10 of 12 vs 2 of 3; D has no control member, E no targeted one): measured shop by shop
 * and combined with the targeted customers as weights. The expected figures are an independent computation
 * (Python with SciPy: Wilson limits from the quadratic's roots, scipy.stats.norm and scipy.stats.t, weights
 * n_t,s / Σ n_t) of the same orders; pooled across the shops, the old report said the campaign LOWERED conversion
 * by 5.4 points (treatment 26.4%, control 31.7%: the control is mostly shop B, which buys far more).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-campaign-shops-');
const db = path.join(dir, 'shops.db');

/** shop: [treated, treated buyers, control, control buyers] */
const SPEC: [string, number, number, number, number][] = [
  ['A', 200, 30, 20, 2],
  ['B', 60, 30, 40, 16],
  ['C', 12, 10, 3, 2],
  ['D', 5, 3, 0, 0],
  // E: control members only, left out the other way round (nobody targeted to compare them with); no figure moves
  ['E', 0, 0, 4, 1],
];

beforeAll(async () => {
  const members: string[] = [];
  let id = 1;
  for (const [shop, nt, bt, nc, bc] of SPEC) {
    const rows: string[] = [];
    const order = (customer: string, day: string, amount: string) => rows.push(`${shop}${id++},${customer},${day} 10:00:00,${amount},completed`);
    for (const [group, n, b] of [['treatment', nt, bt], ['control', nc, bc]] as const) {
      for (let i = 0; i < n; i++) {
        const c = `${shop}-${group[0]}${i}`;
        members.push(`generic,${shop},${c},${group}`);
        order(c, '2024-03-10', '50.00');
        if (i >= b) continue;
        // a buyer spends 20.00–100.00 (+0.25 steps) on 2024-06-05, and every fourth 15.50 more on 2024-06-20
        order(c, '2024-06-05', (20 + ((i * 7 + 3 + (group === 'control' ? 5 : 0)) % 9) * 10 + (i % 3) * 0.25).toFixed(2));
        if (i % 4 === 0) order(c, '2024-06-20', '15.50');
      }
    }
    // someone outside the list orders after the window: each shop's data run past it (D's end inside it)
    order(`${shop}-late`, shop === 'D' ? '2024-06-25' : '2024-07-20', '10.00');
    const file = path.join(dir, `shop${shop}.csv`);
    writeFileSync(file, ['order_id,customer,date,amount,status', ...rows].join('\n') + '\n');
    expect((await orderlens(db, ['import', file, '--shop', shop, '--currency', 'USD'])).code).toBe(0);
  }
  const list = path.join(dir, 'list.csv');
  writeFileSync(list, ['platform,shop,customer,group', ...members].join('\n') + '\n');
  const r = await orderlens(db, ['campaign', 'import', list, '--name', 'spring', '--sent', '2024-06-01']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('campaign report over several shops', () => {
  it('compares each shop with its own control and combines the differences with the targeted customers as weights', async () => {
    const r = await orderlens(db, ['campaign', 'report', 'spring', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [treatment, control, lift] = parseCsvRows(r.stdout);
    // D's 5 targeted customers have no control of their own: left out (272 = 200 + 60 + 12)
    expect([treatment.customers, treatment.buyers, treatment.conversion, treatment.revenue_per_customer]).toEqual(['272', '70', '0.257353', '16.55']);
    // the control row weighted to the targeted customers' shops: Σ w_s p_c,s = 0.735·0.10 + 0.221·0.40 + 0.044·0.667
    expect([control.customers, control.buyers, control.conversion, control.revenue_per_customer]).toEqual(['63', '20', '0.191176', '15.95']);
    // SciPy: d 0.066176, MOVER interval −0.092027 to 0.147348, z-test p 0.314542; revenue per customer +59.79 cents,
    // −1105.58 to 1225.16 cents (Welch–Satterthwaite df 28.668), p 0.917121
    expect([lift.conversion, lift.conversion_low, lift.conversion_high, lift.conversion_p]).toEqual(['0.066176', '-0.092027', '0.147348', '0.314542']);
    expect([lift.revenue_per_customer, lift.rpc_low, lift.rpc_high, lift.rpc_p]).toEqual(['0.60', '-11.06', '12.25', '0.917121']);
    expect(r.stderr).toContain("warning: 5 targeted customers of generic/D are left out: the shop has no control member of its own to compare with (another shop's customers are no random control group)");
    // E's control members have nobody of their shop to be compared with: said, not dropped in silence
    expect(r.stderr).toContain('warning: 4 control members of generic/E are left out: the shop has no targeted customer to compare them with');
    // D's orders end inside the window, but none of its members is measured: no line says they are measured to its end
    expect(r.stderr).not.toContain('the orders of generic/D run to');
    expect(r.stderr).toContain('measured shop by shop: each of the 3 shops compares its targeted customers with its own control, and the differences are averaged with the targeted customers as weights (generic/A 73.5%, generic/B 22.1%, generic/C 4.4%); the control row is weighted the same way (pooled without weights: 31.7% conversion, $23.13 per customer)');
    expect(r.stderr).toContain('no detectable effect on 30-day conversion: 25.7% targeted vs 19.1% control; 95% CI −9.2 to +14.7 points; p = 0.315');
    const zh = await orderlens(db, ['campaign', 'report', 'spring', '--format', 'csv', '--lang', 'zh']);
    expect(zh.stderr).toContain('逐店衡量：3 个店铺各自拿触达客户与本店的对照组比较');
    expect(zh.stderr).toContain('注意：generic/E 的 4 位对照组成员未计入：该店铺没有触达客户可与之比较');
  });

  it('one shop of the store: the one comparison, as before (Newcombe interval, pooled z-test, Welch)', async () => {
    // shop B alone (a campaign of one shop in a store of several): 30/60 against 16/40
    const list = path.join(dir, 'b.csv');
    const rows: string[] = [];
    for (let i = 0; i < 60; i++) rows.push(`generic,B,B-t${i},treatment`);
    for (let i = 0; i < 40; i++) rows.push(`generic,B,B-c${i},control`);
    writeFileSync(list, ['platform,shop,customer,group', ...rows].join('\n') + '\n');
    expect((await orderlens(db, ['campaign', 'import', list, '--name', 'b', '--sent', '2024-06-01'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'b', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [, , lift] = parseCsvRows(r.stdout);
    // Newcombe (1998) method 10 for 30/60 − 16/40, and the pooled z-test: SciPy gives 0.1, −0.096905 to 0.283521, p 0.325634 (and the old build the same)
    expect([lift.conversion, lift.conversion_low, lift.conversion_high, lift.conversion_p]).toEqual(['0.1', '-0.096905', '0.283521', '0.325634']);
    expect(r.stderr).not.toContain('shop by shop');
    expect(r.stderr).toContain('method: conversion: Newcombe score interval, two-proportion z-test');
  });

  it('a control group only in other shops than the targeted: nothing to compare within a shop', async () => {
    const list = path.join(dir, 'apart.csv');
    writeFileSync(list, ['platform,shop,customer,group', 'generic,A,A-t0,treatment', 'generic,A,A-t1,treatment', 'generic,B,B-c0,control', 'generic,B,B-c1,control'].join('\n') + '\n');
    expect((await orderlens(db, ['campaign', 'import', list, '--name', 'apart', '--sent', '2024-06-01'])).code).toBe(0);
    const r = await orderlens(db, ['campaign', 'report', 'apart']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('warning: 2 targeted customers of generic/A are left out');
    expect(r.stderr).toContain('warning: 2 control members of generic/B are left out: the shop has no targeted customer to compare them with');
    expect(r.stderr.trim().split('\n').at(-1)).toBe("orderlens: error: campaign 'apart': no shop has both targeted and control members to measure after the send: nothing to compare within a shop (another shop's customers are no random control group)");
  });

  it("campaign import names the shop whose list was drawn long before the send", async () => {
    const list = path.join(dir, 'asof.csv');
    writeFileSync(list, ['platform,shop,customer,group,as_of', 'generic,A,A-t0,treatment,2024-03-11', 'generic,A,A-c0,control,2024-03-11', 'generic,B,B-t0,treatment,2024-05-25', 'generic,B,B-c0,control,2024-05-25', 'generic,C,C-t0,treatment,2024-06-03'].join('\n') + '\n');
    const r = await orderlens(db, ['campaign', 'import', list, '--name', 'asof', '--sent', '2024-06-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: --sent 2024-06-01 is 82 days after 2024-03-11, the day the list was drawn as of in generic/A (2 rows): those customers may have left the segment by the send');
    expect(r.stderr).toContain("warning: --sent 2024-06-01 is before 2024-06-03, the day the list was drawn as of in generic/C (1 row): campaign report's window would count the purchases that chose that customer");
    expect(r.stderr).not.toContain('generic/B (');
  });
});
