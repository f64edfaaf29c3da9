/**
 * Campaign lift: what the targeted customers did in a window after the send, against a control group (or,
 * without one, against comparable customers who were not targeted), with the tests of lift-tests.ts; and the
 * seeded random split that makes an honest control group before sending. Pure: customer indexes, days, minor
 * units.
 */
import type { EpochDay } from '../domain/day.js';
import { asOfLog, lastDay, type PurchaseLog } from '../domain/purchase-log.js';
import { customerIdentity, identityId } from '../domain/customer-identity.js';
import { assignSegments } from './rfm-segments.js';
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

/**
 * `campaign report`'s analysis of a campaign sent on `sent`, over the window [sent, sent + days): the lift of the
 * treatment against the control group, or, when the campaign has none, against the untargeted customers of the
 * targeted customers' segments as of the send. `treatment` and `control` are log indexes (−1: a member without a
 * counted purchase in the log). A status other than `ok` says why there is nothing to measure; `absent` (members
 * not in the log) is known from `no_later_orders` on, the window from `no_comparison` on.
 */
export type CampaignOutcome =
  | { status: 'no_treatment' }
  | { status: 'no_later_orders'; absent: number }
  | { status: 'no_comparison'; absent: number; last: EpochDay; end: EpochDay }
  | { status: 'ok'; absent: number; last: EpochDay; end: EpochDay; controlled: boolean; peers: number; lift: LiftResult };

export function campaignOutcome(log: PurchaseLog, treatment: readonly number[], control: readonly number[], sent: EpochDay, days: number): CampaignOutcome {
  if (treatment.length === 0) return { status: 'no_treatment' };
  const absent = [...treatment, ...control].filter((c) => c < 0).length;
  const last = lastDay(log);
  if (last === null || last < sent) return { status: 'no_later_orders', absent };
  const end = sent + days;
  const controlled = control.length > 0;
  let comparison: readonly number[] = control;
  if (!controlled) {
    const seg = assignSegments(asOfLog(log, sent), { asOf: sent });
    comparison = untargetedPeers(seg.segmentOfCustomer, treatment.filter((c) => c >= 0));
    if (comparison.length === 0) return { status: 'no_comparison', absent, last, end };
  }
  // the window's revenue as known at its end: a return after the window is not the campaign's
  const lift = measureLift(asOfLog(log, end), treatment, comparison, sent, end);
  return { status: 'ok', absent, last, end, controlled, peers: controlled ? 0 : comparison.length, lift };
}

/** The customers of segment `index` (log indexes with their identity ids), sorted by identity: `split`'s stable order. */
export function segmentMembers(log: PurchaseLog, segmentOfCustomer: ArrayLike<number>, index: number): { c: number; id: string }[] {
  const members: { c: number; id: string }[] = [];
  for (let c = 0; c < segmentOfCustomer.length; c++) if (segmentOfCustomer[c] === index) members.push({ c, id: identityId(customerIdentity(log.customers[c])) });
  members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return members;
}
