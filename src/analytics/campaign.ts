/**
 * Campaign lift: what the targeted customers did in a window after the send, against a control group (or,
 * without one, against comparable customers who were not targeted), with the tests of lift-tests.ts; and the
 * seeded random split that makes an honest control group before sending. Pure: customer indexes, days, minor
 * units.
 */
import type { EpochDay } from '../domain/day.js';
import { asOfLog, lastDay, withLag, type PurchaseLog } from '../domain/purchase-log.js';
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

/**
 * Each customer's net revenue and orders in the window [start, end) (days); customers by log index (−1: a customer
 * without counted purchases, who bought nothing). `ends[k]`, where given, ends member k's window earlier (its shop's
 * data end there): [start, min(end, ends[k])).
 */
export function windowOutcomes(log: PurchaseLog, customers: readonly number[], start: EpochDay, end: EpochDay, ends?: ArrayLike<EpochDay>): { revenue: Float64Array; orders: Int32Array; bought: Uint8Array } {
  const first = new Int32Array(log.customerCount + 1).fill(-1);
  for (let i = log.customer.length - 1; i >= 0; i--) first[log.customer[i]] = i;
  const revenue = new Float64Array(customers.length);
  const orders = new Int32Array(customers.length);
  const bought = new Uint8Array(customers.length);
  customers.forEach((c, k) => {
    if (c < 0) return;
    const stop = ends === undefined ? end : Math.min(end, ends[k]);
    for (let i = first[c]; i >= 0 && i < log.customer.length && log.customer[i] === c; i++) {
      const day = log.day[i];
      if (day < start || day >= stop) continue;
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

/**
 * Treatment against control over the window [start, end). Both groups need at least one customer. `ends`: each
 * member's own end of the window (its shop's data end), as windowOutcomes takes it.
 */
export function measureLift(
  log: PurchaseLog,
  treatment: readonly number[],
  control: readonly number[],
  start: EpochDay,
  end: EpochDay,
  ends?: { treatment: ArrayLike<EpochDay>; control: ArrayLike<EpochDay> },
): LiftResult {
  const wt = windowOutcomes(log, treatment, start, end, ends?.treatment);
  const wc = windowOutcomes(log, control, start, end, ends?.control);
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
  return drawStratifiedHoldout(new Int32Array(n), share, seed);
}

/**
 * The holdout drawn stratum by stratum (a store of several shops: each shop its own control share): of the
 * n_s items of stratum s (`stratumOf[i]`), exactly round(n_s × share) become control, by a Fisher–Yates shuffle
 * of that stratum's items in their given order. The strata are drawn in the order they first appear, from one
 * mulberry32(seed) sequence, so a single stratum is drawHoldout's draw. Returns true for control.
 */
export function drawStratifiedHoldout(stratumOf: ArrayLike<number>, share: number, seed: number): boolean[] {
  const strata = new Map<number, number[]>();
  for (let i = 0; i < stratumOf.length; i++) {
    const items = strata.get(stratumOf[i]);
    if (items) items.push(i);
    else strata.set(stratumOf[i], [i]);
  }
  const rand = seededRandom(seed);
  const control = new Array<boolean>(stratumOf.length).fill(false);
  for (const order of strata.values()) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const k = Math.round(order.length * share);
    for (let i = 0; i < k; i++) control[order[i]] = true;
  }
  return control;
}

/**
 * The shops of a store of several: `end[s]` is the exclusive end of shop s's data in the log (the day after its
 * last counted purchase; null: none in the log), `shopOf[c]` each log customer's shop, `treatment[k]` and
 * `control[k]` each member's shop (members without a purchase in the log too).
 */
export interface CampaignShops {
  end: readonly (EpochDay | null)[];
  shopOf: ArrayLike<number>;
  treatment: ArrayLike<number>;
  control: ArrayLike<number>;
}

/** A shop whose data end before the window does (`end`: its exclusive end, null: no purchase in the log) and its members. */
export interface ShopCut {
  shop: number;
  end: EpochDay | null;
  members: number;
}

/**
 * `campaign report`'s analysis of a campaign sent on `sent`, over the window [sent, sent + days): the lift of the
 * treatment against the control group, or, when the campaign has none, against the untargeted customers of the
 * targeted customers' segments as of the send. `treatment` and `control` are log indexes (−1: a member without a
 * counted purchase in the log). A status other than `ok` says why there is nothing to measure; `absent` (members
 * not in the log) is known from `no_later_orders` on, the window from `no_comparison` on.
 *
 * With `shops` (a store of several), each member is measured within its own shop's data: a shop whose data end
 * inside the window has its members measured up to that end (`shortShops`), and the members of a shop whose data
 * end before the send (or that has no purchase in the log) are left out (`leftOut`) instead of counting as
 * customers who did not buy (`control_left_out`: every control member is); peers come from the targeted members'
 * shops only.
 */
export type CampaignOutcome =
  | { status: 'no_treatment' }
  | { status: 'no_later_orders'; absent: number; leftOut: ShopCut[] }
  | { status: 'no_comparison'; absent: number; last: EpochDay; end: EpochDay; leftOut: ShopCut[]; shortShops: ShopCut[] }
  | { status: 'control_left_out'; absent: number; last: EpochDay; end: EpochDay; leftOut: ShopCut[]; shortShops: ShopCut[] }
  | { status: 'ok'; absent: number; last: EpochDay; end: EpochDay; leftOut: ShopCut[]; shortShops: ShopCut[]; controlled: boolean; peers: number; lift: LiftResult };

export function campaignOutcome(log: PurchaseLog, treatment: readonly number[], control: readonly number[], sent: EpochDay, days: number, shops?: CampaignShops): CampaignOutcome {
  if (treatment.length === 0) return { status: 'no_treatment' };
  const last = lastDay(log);
  const end = sent + days;
  // a store of several shops: who can be seen after the send, and until when
  const cut = shops === undefined ? null : cutByShop(shops, treatment, control, sent, end);
  const kept = cut === null ? { treatment, control } : { treatment: cut.treatment.map((k) => treatment[k]), control: cut.control.map((k) => control[k]) };
  const leftOut = cut?.leftOut ?? [];
  const absent = [...kept.treatment, ...kept.control].filter((c) => c < 0).length;
  if (last === null || last < sent || kept.treatment.length === 0) return { status: 'no_later_orders', absent, leftOut };
  const shortShops = cut?.shortShops ?? [];
  // the last day of data of the shops measured
  const seen = cut === null ? last : cut.last;
  // a control group whose every member is of a shop left out: nothing random to compare with (peers would not be a control)
  if (control.length > 0 && kept.control.length === 0) return { status: 'control_left_out', absent, last: seen, end, leftOut, shortShops };
  const controlled = kept.control.length > 0;
  let comparison: readonly number[] = kept.control;
  if (!controlled) {
    const seg = assignSegments(sendDayLog(log, sent, shops), { asOf: sent });
    comparison = untargetedPeers(seg.segmentOfCustomer, kept.treatment.filter((c) => c >= 0));
    // peers of the targeted members' shops only, and only as far as those shops' data go
    if (shops !== undefined) {
      const mine = new Set<number>();
      for (const k of cut!.treatment) mine.add(shops.treatment[k]);
      comparison = comparison.filter((c) => mine.has(shops.shopOf[c]));
    }
    if (comparison.length === 0) return { status: 'no_comparison', absent, last: seen, end, leftOut, shortShops };
  }
  if (shops === undefined) {
    // the window's revenue as known at its end: a return after the window is not the campaign's
    const lift = measureLift(asOfLog(log, end), kept.treatment, comparison, sent, end);
    return { status: 'ok', absent, last: seen, end, leftOut, shortShops, controlled, peers: controlled ? 0 : comparison.length, lift };
  }
  // each member's window ends at its shop's data end when that is earlier; returns from then on are not counted
  const ownEnd = (s: number) => Math.min(end, shops.end[s] ?? end);
  const lag = new Int32Array(log.customerCount);
  for (let c = 0; c < lag.length; c++) lag[c] = end - ownEnd(shops.shopOf[c]);
  const ends = {
    treatment: Int32Array.from(cut!.treatment, (k) => ownEnd(shops.treatment[k])),
    control: controlled ? Int32Array.from(cut!.control, (k) => ownEnd(shops.control[k])) : Int32Array.from(comparison, (c) => ownEnd(shops.shopOf[c])),
  };
  const lift = measureLift(asOfLog(withLag(log, lag), end), kept.treatment, comparison, sent, end, ends);
  return { status: 'ok', absent, last: seen, end, leftOut, shortShops, controlled, peers: controlled ? 0 : comparison.length, lift };
}

/**
 * The log as the segments of the send day see it: purchases before `sent`, every customer as of the send day,
 * except that a shop whose orders end before it is measured as of the day after its own last purchase, as
 * `rfm` and `campaign split` measure a store of several shops (PurchaseLog.lag). Scored as of `sent` with one
 * day for all, a shop that ended years earlier would fill the lowest recency scores with its customers and
 * lift every other shop's customers into segments they were never in.
 */
function sendDayLog(log: PurchaseLog, sent: EpochDay, shops?: Pick<CampaignShops, 'shopOf' | 'end'>): PurchaseLog {
  if (shops === undefined) return asOfLog(log, sent);
  const lag = new Int32Array(log.customerCount);
  let lagged = false;
  for (let c = 0; c < lag.length; c++) {
    lag[c] = sent - Math.min(sent, shops.end[shops.shopOf[c]] ?? sent);
    if (lag[c] > 0) lagged = true;
  }
  return asOfLog(lagged ? withLag(log, lag) : log, sent);
}

/**
 * The members (positions in `treatment` / `control`) whose shop's data go past the send day; the shops whose
 * members are left out, and those whose data end inside the window [sent, end), with their members; the last
 * day of data of the shops kept.
 */
function cutByShop(shops: CampaignShops, treatment: readonly number[], control: readonly number[], sent: EpochDay, end: EpochDay) {
  const leftOut = new Map<number, number>();
  const short = new Map<number, number>();
  let last = -Infinity;
  const keep = (group: readonly number[], shopOf: ArrayLike<number>) => {
    const out: number[] = [];
    for (let k = 0; k < group.length; k++) {
      const s = shopOf[k];
      const e = shops.end[s];
      if (e === null || e <= sent) {
        leftOut.set(s, (leftOut.get(s) ?? 0) + 1);
        continue;
      }
      out.push(k);
      last = Math.max(last, Math.min(e, end) - 1);
      if (e < end) short.set(s, (short.get(s) ?? 0) + 1);
    }
    return out;
  };
  const t = keep(treatment, shops.treatment);
  const c = keep(control, shops.control);
  const list = (m: Map<number, number>): ShopCut[] => [...m].map(([shop, members]) => ({ shop, end: shops.end[shop], members })).sort((a, b) => a.shop - b.shop);
  return { treatment: t, control: c, leftOut: list(leftOut), shortShops: list(short), last };
}

/** The customers of segment `index` (log indexes with their identity ids), sorted by identity: `split`'s stable order. */
export function segmentMembers(log: PurchaseLog, segmentOfCustomer: ArrayLike<number>, index: number): { c: number; id: string }[] {
  const members: { c: number; id: string }[] = [];
  for (let c = 0; c < segmentOfCustomer.length; c++) if (segmentOfCustomer[c] === index) members.push({ c, id: identityId(customerIdentity(log.customers[c])) });
  members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return members;
}
