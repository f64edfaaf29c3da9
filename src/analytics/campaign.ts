/**
 * Campaign lift: what the targeted customers did in a window after the send, against a control group (or,
 * without one, against comparable customers who were not targeted), with the tests of lift-tests.ts; and the
 * seeded random split that makes an honest control group before sending. Pure: customer indexes, days, minor
 * units.
 */
import type { EpochDay } from '../domain/day.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { seededRandom } from './random.js';
import { describeSample, proportionDifference, welchDifference, type Interval } from './lift-tests.js';

export interface GroupOutcome {
  customers: number;
  /** Customers with a counted purchase in the window. */
  buyers: number;
  conversion: number;
  orders: number;
  /** Net, minor units. */
  revenue: number;
  revenuePerCustomer: number;
}

export interface LiftResult {
  treatment: GroupOutcome;
  control: GroupOutcome;
  /** Treatment − control conversion (a difference of shares). */
  conversion: Interval;
  /** Relative lift of conversion: difference / control conversion; null when the control has no buyers. */
  conversionRelative: number | null;
  /** Treatment − control revenue per customer (minor units); null when a group has fewer than 2 customers. */
  revenuePerCustomer: Interval | null;
  revenueRelative: number | null;
}

/** Each customer's net revenue and orders in the window [start, end) (days); customers by log index (−1: a customer without counted purchases, who bought nothing). */
export function windowOutcomes(log: PurchaseLog, customers: readonly number[], start: EpochDay, end: EpochDay): { revenue: Float64Array; orders: Int32Array; bought: Uint8Array } {
  const first = new Int32Array(log.customerCount + 1).fill(-1);
  for (let i = log.customer.length - 1; i >= 0; i--) first[log.customer[i]] = i;
  const revenue = new Float64Array(customers.length);
  const orders = new Int32Array(customers.length);
  const bought = new Uint8Array(customers.length);
  customers.forEach((c, k) => {
    if (c < 0) return;
    for (let i = first[c]; i >= 0 && i < log.customer.length && log.customer[i] === c; i++) {
      const day = log.day[i];
      if (day < start || day >= end) continue;
      revenue[k] += log.net[i];
      orders[k] += log.orders[i];
      bought[k] = 1;
    }
  });
  return { revenue, orders, bought };
}

function outcome(w: ReturnType<typeof windowOutcomes>): GroupOutcome {
  const n = w.revenue.length;
  let buyers = 0;
  let orders = 0;
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    buyers += w.bought[i];
    orders += w.orders[i];
    revenue += w.revenue[i];
  }
  return { customers: n, buyers, conversion: n > 0 ? buyers / n : 0, orders, revenue, revenuePerCustomer: n > 0 ? revenue / n : 0 };
}

/** Treatment against control over the window [start, end). Both groups need at least one customer. */
export function measureLift(log: PurchaseLog, treatment: readonly number[], control: readonly number[], start: EpochDay, end: EpochDay): LiftResult {
  const wt = windowOutcomes(log, treatment, start, end);
  const wc = windowOutcomes(log, control, start, end);
  const t = outcome(wt);
  const c = outcome(wc);
  const conversion = proportionDifference(t.buyers, t.customers, c.buyers, c.customers);
  const revenuePerCustomer = welchDifference(describeSample(wt.revenue), describeSample(wc.revenue));
  return {
    treatment: t,
    control: c,
    conversion,
    conversionRelative: c.conversion > 0 ? conversion.estimate / c.conversion : null,
    revenuePerCustomer,
    revenueRelative: revenuePerCustomer && c.revenuePerCustomer > 0 ? revenuePerCustomer.estimate / c.revenuePerCustomer : null,
  };
}

/**
 * Customers not targeted whose segment (as of the send) is one of the targeted customers' segments: the
 * comparison group when a campaign has no control. `segmentOf[c]` per log customer (−1: none).
 */
export function untargetedPeers(segmentOf: ArrayLike<number>, targeted: readonly number[]): number[] {
  const mine = new Set<number>();
  const isTarget = new Uint8Array(segmentOf.length);
  for (const c of targeted) {
    isTarget[c] = 1;
    if (segmentOf[c] >= 0) mine.add(segmentOf[c]);
  }
  const out: number[] = [];
  for (let c = 0; c < segmentOf.length; c++) if (!isTarget[c] && mine.has(segmentOf[c])) out.push(c);
  return out;
}

/**
 * A seeded random holdout: exactly round(n × share) of the n items become control, drawn by a Fisher–Yates
 * shuffle from mulberry32(seed). Callers pass the items in a stable order (e.g. sorted by identity) so the
 * same list and seed give the same split. Returns true for control.
 */
export function drawHoldout(n: number, share: number, seed: number): boolean[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const control = new Array<boolean>(n).fill(false);
  const k = Math.round(n * share);
  for (let i = 0; i < k; i++) control[order[i]] = true;
  return control;
}
