/**
 * Campaign lift on simulated shops with a known effect: a fixed list of seeds, each a shop of 10,000 targeted
 * customers split 90/10 by drawHoldout; in the 30-day window a customer buys with probability 5% (control)
 * or 5% + the injected effect (treatment), spending a gamma-distributed amount (mean 60.00).
 */
import { describe, expect, it } from 'vitest';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { randomGamma } from './models/simulate.js';
import { seededRandom } from './random.js';
import { campaignOutcome, drawHoldout, drawStratifiedHoldout, measureLift, measureLiftByShop, untargetedPeers, windowOutcomes, type LiftResult } from './campaign.js';

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946];
const N = 10_000;
const BASE = 0.05;
const MEAN_SPEND = 6000; // minor units
const SENT = 1000;

function simulate(seed: number, effect: number): LiftResult {
  const rand = seededRandom(seed * 7919);
  const control = drawHoldout(N, 0.1, seed);
  const customers: CustomerRef[] = [];
  const entries: { customer: number; day: number; net: number }[] = [];
  for (let c = 0; c < N; c++) {
    customers.push({ key: `c${c}`, display: `c${c}`, platform: 'p', shop: 's', clear: null });
    entries.push({ customer: c, day: SENT - 100 - Math.floor(rand() * 300), net: 5000 }); // history before the send
    if (rand() < BASE + (control[c] ? 0 : effect)) entries.push({ customer: c, day: SENT + Math.floor(rand() * 30), net: Math.round(randomGamma(rand, 2, 2 / MEAN_SPEND)) });
    if (rand() < 0.2) entries.push({ customer: c, day: SENT + 30 + Math.floor(rand() * 30), net: 4000 }); // after the window: never counted
  }
  const log = buildLog(customers, entries);
  const t: number[] = [];
  const k: number[] = [];
  control.forEach((isControl, c) => (isControl ? k : t).push(c));
  return measureLift(log, t, k, SENT, SENT + 30);
}

describe('campaign lift on simulated shops (fixed seeds)', () => {
  it('recovers an injected effect of +3 points within its interval in most seeds, and detects it', () => {
    const results = SEEDS.map((s) => simulate(s, 0.03));
    const covered = results.filter((r) => r.conversion.low <= 0.03 && 0.03 <= r.conversion.high).length;
    const detected = results.filter((r) => r.conversion.low > 0).length;
    const revenueCovered = results.filter((r) => r.revenuePerCustomer!.low <= 0.03 * MEAN_SPEND && 0.03 * MEAN_SPEND <= r.revenuePerCustomer!.high).length;
    expect(covered).toBeGreaterThanOrEqual(17);
    expect(detected).toBeGreaterThanOrEqual(17);
    expect(revenueCovered).toBeGreaterThanOrEqual(17);
    for (const r of results) {
      expect(r.treatment.customers).toBe(9000);
      expect(r.control.customers).toBe(1000);
    }
  });

  it('finds none where none was injected', () => {
    const results = SEEDS.map((s) => simulate(s, 0));
    expect(results.filter((r) => r.conversion.low <= 0 && 0 <= r.conversion.high).length).toBeGreaterThanOrEqual(17);
    expect(results.filter((r) => r.conversion.p! < 0.05).length).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.revenuePerCustomer!.low <= 0 && 0 <= r.revenuePerCustomer!.high).length).toBeGreaterThanOrEqual(17);
  });
});

describe('drawHoldout', () => {
  it('draws exactly the share asked, the same for the same seed', () => {
    const a = drawHoldout(1000, 0.1, 42);
    expect(a.filter(Boolean).length).toBe(100);
    expect(drawHoldout(1000, 0.1, 42)).toEqual(a);
    expect(drawHoldout(1000, 0.1, 43)).not.toEqual(a);
    expect(drawHoldout(7, 0.1, 1).filter(Boolean).length).toBe(1);
  });
});

describe('drawStratifiedHoldout (each shop its own control share)', () => {
  it('one stratum is drawHoldout, item for item', () => {
    for (const seed of [1, 7, 42]) expect(drawStratifiedHoldout(new Int32Array(101), 0.15, seed)).toEqual(drawHoldout(101, 0.15, seed));
  });

  it('draws exactly round(n_s × share) in every stratum, interleaved or not, the same for the same seed', () => {
    // 3 strata of 90, 10 and 3 items, interleaved: 9, 1 and 0 control (0.3 rounds to none)
    const stratumOf: number[] = Array.from({ length: 100 }, (_, i) => (i % 10 === 9 ? 1 : 0));
    for (const at of [5, 50, 95]) stratumOf.splice(at, 0, 2);
    for (const seed of SEEDS) {
      const control = drawStratifiedHoldout(stratumOf, 0.1, seed);
      const drawn = [0, 1, 2].map((s) => control.filter((c, i) => c && stratumOf[i] === s).length);
      expect(drawn).toEqual([9, 1, 0]);
      expect(drawStratifiedHoldout(stratumOf, 0.1, seed)).toEqual(control);
    }
    // a draw across the whole list leaves the 10-item stratum without control in some of these seeds
    const across = SEEDS.map((seed) => drawHoldout(103, 0.1, seed).filter((c, i) => c && stratumOf[i] === 1).length);
    expect(across.some((n) => n === 0)).toBe(true);
  });

  it('every member of a stratum can be drawn: the shuffle is uniform over its items', () => {
    const stratumOf = [0, 1, 0, 1, 0, 1, 0, 1];
    const hits = new Array(8).fill(0);
    for (let seed = 1; seed <= 4000; seed++) drawStratifiedHoldout(stratumOf, 0.25, seed).forEach((c, i) => (hits[i] += c ? 1 : 0));
    // each stratum of 4 draws 1: each item about 1,000 times in 4,000 draws
    for (const h of hits) expect(Math.abs(h - 1000)).toBeLessThan(120);
  });
});

describe('windowOutcomes and untargetedPeers', () => {
  const ref = (k: string) => ({ key: k, display: k, platform: 'p', shop: 's', clear: null });
  const log = buildLog([ref('a'), ref('b'), ref('c')], [
    { customer: 0, day: 9, net: 100 },
    { customer: 0, day: 10, net: 200, orders: 2 },
    { customer: 0, day: 19, net: 300 },
    { customer: 0, day: 20, net: 400 },
    { customer: 2, day: 15, net: 50 },
  ]);
  it('counts the window [start, end) only', () => {
    const w = windowOutcomes(log, [0, 1, 2], 10, 20);
    expect([...w.revenue]).toEqual([500, 0, 50]);
    expect([...w.orders]).toEqual([3, 0, 1]);
    expect([...w.bought]).toEqual([1, 0, 1]);
  });
  it('peers share a segment with the targeted and are not targeted', () => {
    expect(untargetedPeers([0, 1, 0, -1, 2, 1], [0, 1])).toEqual([2, 5]);
  });
  it('ends a member\'s window at its own end when that is earlier', () => {
    const w = windowOutcomes(log, [0, 1, 2], 10, 20, [19, 20, 15]);
    expect([...w.revenue]).toEqual([200, 0, 0]);
    expect([...w.bought]).toEqual([1, 0, 0]);
  });
});

describe('campaignOutcome over shops that end on different days', () => {
  // shop 0 ends day 29 (exclusive end 30), shop 1 day 14 (15), shop 2 day 5 (6); the campaign is sent on day 10
  const ref = (k: string, shop: string) => ({ key: k, display: k, platform: 'p', shop, clear: null });
  const customers = [ref('a', 's0'), ref('b', 's0'), ref('c', 's1'), ref('d', 's1'), ref('e', 's2'), ref('f', 's2')];
  const log = buildLog(customers, [
    { customer: 0, day: 1, net: 100 },
    { customer: 0, day: 12, net: 300 },
    { customer: 1, day: 29, net: 50 },
    { customer: 2, day: 11, net: 70 },
    { customer: 3, day: 14, net: 20 },
    { customer: 4, day: 5, net: 10 },
    { customer: 5, day: 2, net: 10 },
  ]);
  // a return of c's day-11 purchase dated day 16, after its shop's data end (its own as-of): not known in its window
  log.returns = { entry: Int32Array.of(3), day: Int32Array.of(16), net: Float64Array.of(-30) };
  log.net[3] -= 30;
  const shops = { end: [30, 15, 6, null], shopOf: Int32Array.of(0, 0, 1, 1, 2, 2), treatment: Int32Array.of(0, 1, 2, 3), control: Int32Array.of(0, 1, 2) };

  it('leaves out the members of shops that end before the send, and cuts the window at each shop\'s end', () => {
    // treatment a (s0), c (s1), e (s2), a member of a shop without purchases (s3); control b (s0), d (s1), f (s2)
    const o = campaignOutcome(log, [0, 2, 4, -1], [1, 3, 5], 10, 10, shops);
    expect(o.status).toBe('ok');
    if (o.status !== 'ok') return;
    expect(o.leftOut).toEqual([{ shop: 2, end: 6, members: 2 }, { shop: 3, end: null, members: 1 }]);
    expect(o.shortShops).toEqual([{ shop: 1, end: 15, members: 2 }]);
    expect(o.absent).toBe(0);
    expect(o.last).toBe(19);
    // a: 300 on day 12; c: 70 on day 11 (its return on day 16 is after c's own end, day 15)
    expect([o.lift.treatment.customers, o.lift.treatment.buyers, o.lift.treatment.revenue]).toEqual([2, 2, 370]);
    // b bought on day 29, outside [10, 20); d on day 14, inside its shop's [10, 15)
    expect([o.lift.control.customers, o.lift.control.buyers, o.lift.control.revenue]).toEqual([2, 1, 20]);
  });

  it('without shops every member counts over the one window, as before', () => {
    const o = campaignOutcome(log, [0, 2, 4, -1], [1, 3, 5], 10, 10);
    if (o.status !== 'ok') throw new Error(o.status);
    expect(o.leftOut).toEqual([]);
    expect(o.absent).toBe(1);
    // c's return on day 16 is inside the one window [10, 20): known by its end
    expect([o.lift.treatment.customers, o.lift.treatment.buyers, o.lift.treatment.revenue]).toEqual([4, 2, 340]);
    expect([o.lift.control.customers, o.lift.control.buyers]).toEqual([3, 1]);
  });

  it('refuses when every control member\'s shop ends before the send (no peers in place of a control group)', () => {
    const members = { ...shops, treatment: Int32Array.of(0), control: Int32Array.of(2, 3) };
    expect(campaignOutcome(log, [0], [4, -1], 10, 10, members)).toMatchObject({ status: 'control_left_out', leftOut: [{ shop: 2, end: 6, members: 1 }, { shop: 3, end: null, members: 1 }] });
  });

  it('has nothing to measure when every targeted member\'s shop ends before the send', () => {
    const members = { ...shops, treatment: Int32Array.of(2, 2), control: Int32Array.of(0) };
    expect(campaignOutcome(log, [4, 5], [0], 10, 10, members)).toEqual({ status: 'no_later_orders', absent: 0, leftOut: [{ shop: 2, end: 6, members: 2 }] });
  });
});

describe('measureLiftByShop (each shop its own comparison, combined by the targeted customers)', () => {
  // shop 0: 4 targeted (3 buy), 2 control (0 buy); shop 1: 2 targeted (1 buys), 4 control (2 buy)
  const ref = (k: string, shop: string) => ({ key: k, display: k, platform: 'p', shop, clear: null });
  const shopOf = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const customers = shopOf.map((s, c) => ref(`c${c}`, `s${s}`));
  const bought: Record<number, number> = { 0: 1000, 1: 3000, 2: 2000, 6: 500, 8: 4000, 9: 1500 };
  const log = buildLog(customers, [...customers.map((_, c) => ({ customer: c, day: 1, net: 100 })), ...Object.entries(bought).map(([c, net]) => ({ customer: Number(c), day: 12, net }))]);
  const treatment = [0, 1, 2, 3, 6, 7];
  const control = [4, 5, 8, 9, 10, 11];
  const shopsOf = (cs: number[]) => Int32Array.from(cs, (c) => shopOf[c]);

  it('one shop is measureLift, figure for figure', () => {
    const one = measureLiftByShop(log, [0, 1, 2, 3], [4, 5], 10, 20, Int32Array.of(0, 0, 0, 0), Int32Array.of(0, 0));
    expect(one.lift).toEqual(measureLift(log, [0, 1, 2, 3], [4, 5], 10, 20));
    expect(one.lift!.byShop).toBeUndefined();
  });

  it('weights each shop by its targeted customers: d = Σ w_s (p_t,s − p_c,s), the control row weighted alike', () => {
    const { lift, without } = measureLiftByShop(log, treatment, control, 10, 20, shopsOf(treatment), shopsOf(control));
    expect(without).toEqual([]);
    const w = [4 / 6, 2 / 6];
    expect(lift!.byShop!.shops.map((s) => s.weight)).toEqual(w);
    // shop 0: 3/4 − 0/2; shop 1: 1/2 − 2/4
    expect(lift!.conversion.estimate).toBeCloseTo(w[0] * 0.75 + w[1] * 0, 12);
    expect(lift!.control.conversion).toBeCloseTo(w[0] * 0 + w[1] * 0.5, 12);
    expect(lift!.treatment.conversion).toBeCloseTo(4 / 6, 12);
    // pooled, the control's conversion would be 2/6
    expect(lift!.byShop!.pooledControl.conversion).toBeCloseTo(2 / 6, 12);
    // revenue per customer: shop 0 means 1500 vs 0, shop 1 250 vs 1375
    expect(lift!.revenuePerCustomer!.estimate).toBeCloseTo(w[0] * 1500 + w[1] * (250 - 1375), 9);
    expect(lift!.treatment.revenuePerCustomer - lift!.control.revenuePerCustomer).toBeCloseTo(lift!.revenuePerCustomer!.estimate, 9);
  });

  it('leaves out the targeted of a shop without control, and gives no revenue interval for a shop with a group of one', () => {
    const { lift, without } = measureLiftByShop(log, treatment, [4, 8, 9], 10, 20, shopsOf(treatment), shopsOf([4, 8, 9]));
    expect(without).toEqual([]);
    expect(lift!.byShop!.thin).toEqual([0]);
    expect(lift!.revenuePerCustomer).toBeNull();
    const none = measureLiftByShop(log, treatment, [8, 9], 10, 20, shopsOf(treatment), shopsOf([8, 9]));
    expect(none.without).toEqual([{ shop: 0, members: 4 }]);
    // one shop left: the one comparison
    expect(none.lift).toEqual(measureLift(log, [6, 7], [8, 9], 10, 20));
  });
});
