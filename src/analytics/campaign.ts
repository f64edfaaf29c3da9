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
import { CONFIDENCE, describeSample, erfc, proportionDifference, tQuantile, tTwoSided, welchDifference, wilson, type Interval } from './lift-tests.js';

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
  /**
   * The control group (or the peers). Over several shops (`byShop`) its conversion and revenue per customer are
   * weighted to the treatment group's shops (Σ_s w_s · the shop's own), so the lift is treatment − control.
   */
  control: GroupOutcome;
  /** Treatment − control conversion (a difference of shares). */
  conversion: Interval;
  /** Relative lift of conversion: difference / control conversion; null when the control has no buyers. */
  conversionRelative: number | null;
  /** Treatment − control revenue per customer (minor units); null when a group has fewer than 2 customers. */
  revenuePerCustomer: Interval | null;
  revenueRelative: number | null;
  /** Measured shop by shop (measureLiftByShop, more than one shop with both groups); absent for one. */
  byShop?: ShopStrata;
}

/**
 * How a lift over several shops was combined: within each shop with members in both groups, then weighted by each
 * shop's share of the targeted customers measured (w_s = n_t,s / Σ n_t).
 */
export interface ShopStrata {
  /** The shops measured, with their weights and members. */
  shops: { shop: number; weight: number; treatment: number; control: number }[];
  /** The control group (or peers) pooled across the shops measured, not weighted: the figures a plain pooling gives. */
  pooledControl: GroupOutcome;
  /** Shops measured whose treatment or control has fewer than 2 customers: no spread, so no revenue interval. */
  thin: number[];
}

/** Targeted members of a shop with no control member (or peer) of its own: left out of a lift measured shop by shop. */
export interface ShopWithoutControl {
  shop: number;
  members: number;
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
  return liftOf(t, c, conversion, revenuePerCustomer);
}

/** A lift from its two groups and its differences: the relative figures are each difference over the control's. */
function liftOf(t: GroupOutcome, c: GroupOutcome, conversion: Interval, revenuePerCustomer: Interval | null): LiftResult {
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
 * Treatment against control measured within each shop and combined (a stratified estimate: per-shop holdout draws
 * make each shop its own experiment, and shops differ in how their customers buy, so a pooled difference mixes
 * the shops' differences with the campaign's). `shopOfTreatment[k]`, `shopOfControl[k]`: each member's shop. A
 * shop enters when it has members in both groups; its targeted members without a control of their own are left
 * out (`without`), as comparing them with another shop's control would not be a randomised comparison, and so
 * are control members of a shop with no targeted member (`controlOnly`: nobody of their shop to compare with).
 *
 * With weights w_s = n_t,s / Σ n_t (the effect on the customers the campaign was sent to):
 * - conversion: d = Σ w_s (p_t,s − p_c,s); its 95% interval is the MOVER combination (Zou & Donner 2008) of each
 *   shop's Wilson score intervals — d − √Σ w_s²((p_t,s − l_t,s)² + (u_c,s − p_c,s)²) to
 *   d + √Σ w_s²((u_t,s − p_t,s)² + (p_c,s − l_c,s)²) — which for one shop is Newcombe's hybrid score interval; the
 *   p-value of z = d / √Σ w_s² π_s(1 − π_s)(1/n_t,s + 1/n_c,s), π_s the shop's pooled rate (for one shop, the
 *   pooled two-proportion z-test);
 * - revenue per customer: d = Σ w_s (m_t,s − m_c,s) with se² = Σ w_s²(v_t,s/n_t,s + v_c,s/n_c,s) and the
 *   Welch–Satterthwaite degrees of freedom over all 2S groups (for one shop, Welch's test); none when a shop's
 *   group has fewer than 2 customers (`thin`) or nothing varies.
 * One shop measured (and nothing left out) is measureLift, figure for figure.
 */
export function measureLiftByShop(
  log: PurchaseLog,
  treatment: readonly number[],
  control: readonly number[],
  start: EpochDay,
  end: EpochDay,
  shopOfTreatment: ArrayLike<number>,
  shopOfControl: ArrayLike<number>,
  ends?: { treatment: ArrayLike<EpochDay>; control: ArrayLike<EpochDay> },
): { lift: LiftResult | null; without: ShopWithoutControl[]; controlOnly: ShopWithoutControl[]; measured: number[] } {
  const inShop = (shopOf: ArrayLike<number>, n: number) => {
    const m = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      const list = m.get(shopOf[k]);
      if (list) list.push(k);
      else m.set(shopOf[k], [k]);
    }
    return m;
  };
  const tBy = inShop(shopOfTreatment, treatment.length);
  const cBy = inShop(shopOfControl, control.length);
  const measured = [...tBy.keys()].filter((s) => cBy.has(s)).sort((a, b) => a - b);
  const without = [...tBy].filter(([s]) => !cBy.has(s)).map(([shop, ks]) => ({ shop, members: ks.length })).sort((a, b) => a.shop - b.shop);
  // and the other way round: control members of shops with no targeted member, who have nobody to be compared with
  const controlOnly = [...cBy].filter(([s]) => !tBy.has(s)).map(([shop, ks]) => ({ shop, members: ks.length })).sort((a, b) => a.shop - b.shop);
  if (measured.length === 0) return { lift: null, without, controlOnly, measured };
  const pick = <T>(xs: readonly T[] | ArrayLike<T>, ks: readonly number[]) => ks.map((k) => xs[k]);
  const tKeep = measured.flatMap((s) => tBy.get(s)!);
  const cKeep = measured.flatMap((s) => cBy.get(s)!);
  const keptEnds = ends && { treatment: pick(ends.treatment, tKeep), control: pick(ends.control, cKeep) };
  // one shop: the one comparison, exactly as before
  if (measured.length === 1) return { lift: measureLift(log, pick(treatment, tKeep), pick(control, cKeep), start, end, keptEnds), without, controlOnly, measured };

  const wt = windowOutcomes(log, pick(treatment, tKeep), start, end, keptEnds?.treatment);
  const wc = windowOutcomes(log, pick(control, cKeep), start, end, keptEnds?.control);
  const t = outcome(wt);
  const pooledControl = outcome(wc);
  // each shop's slice of the kept members (tKeep and cKeep list the shops' members shop after shop)
  let ti = 0;
  let ci = 0;
  const strata = measured.map((shop) => {
    const nt = tBy.get(shop)!.length;
    const nc = cBy.get(shop)!.length;
    const slice = (w: ReturnType<typeof windowOutcomes>, from: number, n: number) => ({ revenue: w.revenue.subarray(from, from + n), orders: w.orders.subarray(from, from + n), bought: w.bought.subarray(from, from + n) });
    const st = outcome(slice(wt, ti, nt));
    const sc = outcome(slice(wc, ci, nc));
    const rt = describeSample(wt.revenue.subarray(ti, ti + nt));
    const rc = describeSample(wc.revenue.subarray(ci, ci + nc));
    ti += nt;
    ci += nc;
    return { shop, weight: nt / t.customers, st, sc, rt, rc };
  });

  let d = 0;
  let lowSq = 0;
  let highSq = 0;
  let nullVar = 0;
  let controlConversion = 0;
  let controlRpc = 0;
  for (const { weight: w, st, sc } of strata) {
    const [lt, ut] = wilson(st.buyers, st.customers);
    const [lc, uc] = wilson(sc.buyers, sc.customers);
    d += w * (st.conversion - sc.conversion);
    lowSq += w * w * ((st.conversion - lt) ** 2 + (uc - sc.conversion) ** 2);
    highSq += w * w * ((ut - st.conversion) ** 2 + (sc.conversion - lc) ** 2);
    const pooled = (st.buyers + sc.buyers) / (st.customers + sc.customers);
    nullVar += w * w * pooled * (1 - pooled) * (1 / st.customers + 1 / sc.customers);
    controlConversion += w * sc.conversion;
    controlRpc += w * sc.revenuePerCustomer;
  }
  const se0 = Math.sqrt(nullVar);
  const conversion: Interval = { estimate: d, low: d - Math.sqrt(lowSq), high: d + Math.sqrt(highSq), p: se0 > 0 ? erfc(Math.abs(d / se0) / Math.SQRT2) : null };

  const thin = strata.filter((x) => x.rt.n < 2 || x.rc.n < 2).map((x) => x.shop);
  let revenuePerCustomer: Interval | null = null;
  if (thin.length === 0) {
    let rd = 0;
    let v = 0;
    let dfDen = 0;
    for (const { weight: w, rt, rc } of strata) {
      rd += w * (rt.mean - rc.mean);
      for (const g of [rt, rc]) {
        const a = (w * w * g.variance) / g.n;
        v += a;
        dfDen += (a * a) / (g.n - 1);
      }
    }
    const se = Math.sqrt(v);
    if (se > 0) {
      const df = (v * v) / dfDen;
      const q = tQuantile(1 - (1 - CONFIDENCE) / 2, df);
      revenuePerCustomer = { estimate: rd, low: rd - q * se, high: rd + q * se, p: tTwoSided(Math.abs(rd) / se, df) };
    }
  }
  const c: GroupOutcome = { ...pooledControl, conversion: controlConversion, revenuePerCustomer: controlRpc };
  return {
    lift: {
      ...liftOf(t, c, conversion, revenuePerCustomer),
      byShop: { shops: strata.map((x) => ({ shop: x.shop, weight: x.weight, treatment: x.st.customers, control: x.sc.customers })), pooledControl, thin },
    },
    without,
    controlOnly,
    measured,
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
  | { status: 'no_shop_with_both'; absent: number; last: EpochDay; end: EpochDay; leftOut: ShopCut[]; shortShops: ShopCut[]; controlled: boolean; without: ShopWithoutControl[]; controlOnly: ShopWithoutControl[] }
  | {
      status: 'ok'; absent: number; last: EpochDay; end: EpochDay; leftOut: ShopCut[]; shortShops: ShopCut[]; controlled: boolean; peers: number; lift: LiftResult;
      /** A store of several shops: targeted members of shops without a control member (or peer) of their own, left out. */
      without: ShopWithoutControl[];
      /** A store of several shops: control members of shops without a targeted member, left out (peers never are: they come from the targeted members' shops). */
      controlOnly: ShopWithoutControl[];
    };

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
    return { status: 'ok', absent, last: seen, end, leftOut, shortShops, controlled, peers: controlled ? 0 : comparison.length, lift, without: [], controlOnly: [] };
  }
  // each member's window ends at its shop's data end when that is earlier; returns from then on are not counted
  const ownEnd = (s: number) => Math.min(end, shops.end[s] ?? end);
  const lag = new Int32Array(log.customerCount);
  for (let c = 0; c < lag.length; c++) lag[c] = end - ownEnd(shops.shopOf[c]);
  const ends = {
    treatment: Int32Array.from(cut!.treatment, (k) => ownEnd(shops.treatment[k])),
    control: controlled ? Int32Array.from(cut!.control, (k) => ownEnd(shops.control[k])) : Int32Array.from(comparison, (c) => ownEnd(shops.shopOf[c])),
  };
  // measured within each shop and combined (measureLiftByShop): each member's shop, the peers' their own
  const shopOfT = Int32Array.from(cut!.treatment, (k) => shops.treatment[k]);
  const shopOfC = controlled ? Int32Array.from(cut!.control, (k) => shops.control[k]) : Int32Array.from(comparison, (c) => shops.shopOf[c]);
  const { lift, without, controlOnly, measured } = measureLiftByShop(asOfLog(withLag(log, lag), end), kept.treatment, comparison, sent, end, shopOfT, shopOfC, ends);
  if (lift === null) return { status: 'no_shop_with_both', absent, last: seen, end, leftOut, shortShops, controlled, without, controlOnly };
  // a shop whose orders end inside the window is said only when its members are measured (not left out above)
  const shortMeasured = shortShops.filter((c) => measured.includes(c.shop));
  return { status: 'ok', absent, last: seen, end, leftOut, shortShops: shortMeasured, controlled, peers: controlled ? 0 : comparison.length, lift, without, controlOnly };
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
