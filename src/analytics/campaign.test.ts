/**
 * Campaign lift on simulated shops with a known effect: a fixed list of seeds, each a shop of 10,000 targeted
 * customers split 90/10 by drawHoldout; in the 30-day window a customer buys with probability 5% (control)
 * or 5% + the injected effect (treatment), spending a gamma-distributed amount (mean 60.00).
 */
import { describe, expect, it } from 'vitest';
import { buildLog, type CustomerRef } from '../domain/purchase-log.js';
import { randomGamma } from './models/simulate.js';
import { seededRandom } from './random.js';
import { drawHoldout, measureLift, untargetedPeers, windowOutcomes, type LiftResult } from './campaign.js';

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
});
