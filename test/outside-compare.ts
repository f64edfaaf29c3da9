/**
 * Compares orderlens's CSV reports with the numbers recomputed from outside (outside-recompute.ts) and lists
 * every difference as one line; an empty list means they agree.
 */
import {
  type Buyer,
  type Filter,
  type OrderRow,
  asOfDays,
  buyersOf,
  dayNumber,
  filtered,
  churnRows,
  csvObjects,
  isoDay,
  monthlyCohorts,
  orderlensOut,
  paretoRows,
  rfmRows,
} from './outside-recompute.js';

const idOf = (platform: string, shop: string, key: string) => `${platform}/${shop}/${key}`;
const idOfBuyer = (b: Buyer) => idOf(b.platform, b.shop, b.key);
const money = (minor: number) => minor / 100;

/** Differences a and b beyond `tol` (an absolute tolerance; default 1e-6 relative to the size). */
function near(a: number, b: number, tol?: number): boolean {
  const t = tol ?? 1e-6 * Math.max(1, Math.abs(b));
  return Math.abs(a - b) <= t + 1e-12;
}

class Diffs {
  readonly lines: string[] = [];
  constructor(readonly where: string) {}
  num(what: string, got: string | undefined, want: number, tol?: number): void {
    const g = got === undefined || got === '' ? NaN : Number(got);
    if (!near(g, want, tol)) this.lines.push(`${this.where} ${what}: orderlens ${got}, outside ${want}`);
  }
  str(what: string, got: string | undefined, want: string): void {
    if (got !== want) this.lines.push(`${this.where} ${what}: orderlens ${got}, outside ${want}`);
  }
}

/** Runs a report as CSV; throws with stderr when it fails. */
async function report(db: string, argv: string[]): Promise<Record<string, string>[]> {
  const r = await orderlensOut(db, [...argv, '--format', 'csv']);
  if (r.code !== 0) throw new Error(`orderlens ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return csvObjects(r.stdout);
}

/** The customers whose first purchase day falls in the filter's since/until (cohorts' and churn's acquisition window). */
const acquiredIn = (f: Filter) => (b: Buyer) => (f.since === undefined || b.first >= dayNumber(f.since)) && (f.until === undefined || b.first <= dayNumber(f.until));

/** The flags of a filter; `acquired`: since/until as --acquired-since/--acquired-until (cohorts, churn). */
function filterFlags(f: Filter, window: 'orders' | 'acquired' = 'orders'): string[] {
  const out: string[] = [];
  if (f.platform) out.push('--platform', f.platform);
  if (f.shop) out.push('--shop', f.shop);
  if (f.currency) out.push('--currency', f.currency);
  const [since, until] = window === 'acquired' ? ['--acquired-since', '--acquired-until'] : ['--since', '--until'];
  if (f.since) out.push(since, f.since);
  if (f.until) out.push(until, f.until);
  return out;
}

const MONEY = 0.0051;

/** `--as-of DAY`, or nothing for 'default' (each shop's own day). */
const asOfFlag = (asOf: string) => (asOf === 'default' ? [] : ['--as-of', asOf]);

export async function compareRfm(db: string, orders: OrderRow[], asOf: string, filter: Filter = {}): Promise<string[]> {
  const rows = filtered(orders, filter);
  const want = rfmRows(buyersOf(rows, asOfDays(rows, asOf)));
  const flags = [...asOfFlag(asOf), ...filterFlags(filter)];
  const d = new Diffs(`rfm ${flags.join(' ')}`);
  const got = new Map((await report(db, ['rfm', '--by', 'customer', ...flags])).map((r) => [idOf(r.platform, r.shop, r.customer_key), r]));
  d.num('customers', String(got.size), want.length);
  for (const w of want) {
    const id = idOfBuyer(w.buyer);
    const g = got.get(id);
    if (!g) {
      d.lines.push(`${d.where} ${id}: missing from orderlens`);
      continue;
    }
    d.num(`${id} recency_days`, g.recency_days, w.recency);
    d.num(`${id} frequency`, g.frequency, w.frequency);
    d.num(`${id} monetary`, g.monetary, money(w.monetary), MONEY);
    d.str(`${id} r,f,m`, `${g.r},${g.f},${g.m}`, `${w.r},${w.f},${w.m}`);
    d.str(`${id} segment`, g.segment, w.segment);
  }
  // the summary per segment
  const seg = new Map<string, { customers: number; revenue: number; recency: number; frequency: number; orders: number }>();
  for (const w of want) {
    const s = seg.get(w.segment) ?? { customers: 0, revenue: 0, recency: 0, frequency: 0, orders: 0 };
    s.customers++;
    s.revenue += w.monetary;
    s.recency += w.recency;
    s.frequency += w.frequency;
    s.orders += w.buyer.orders;
    seg.set(w.segment, s);
  }
  const total = want.reduce((s, w) => s + w.monetary, 0);
  for (const g of await report(db, ['rfm', ...flags])) {
    const s = seg.get(g.segment) ?? { customers: 0, revenue: 0, recency: 0, frequency: 0, orders: 0 };
    const dd = new Diffs(`${d.where} segment ${g.segment}`);
    dd.num('customers', g.customers, s.customers);
    dd.num('share_customers', g.share_customers, s.customers / want.length);
    dd.num('revenue', g.revenue, money(s.revenue), MONEY);
    dd.num('share_revenue', g.share_revenue, s.revenue / total);
    if (s.customers) {
      dd.num('avg_recency_days', g.avg_recency_days, s.recency / s.customers);
      dd.num('avg_frequency', g.avg_frequency, s.frequency / s.customers);
      dd.num('avg_monetary', g.avg_monetary, money(s.revenue) / s.customers, MONEY);
      dd.num('aov', g.aov, money(s.revenue) / s.orders, MONEY);
    }
    dd.num('orders', g.orders, s.orders);
    d.lines.push(...dd.lines);
    seg.delete(g.segment);
  }
  for (const [name, s] of seg) if (s.customers) d.lines.push(`${d.where} segment ${name}: missing from orderlens (${s.customers} customers)`);
  return d.lines;
}

export async function comparePareto(db: string, orders: OrderRow[], asOf: string, filter: Filter = {}): Promise<string[]> {
  const rows = filtered(orders, filter);
  const want = paretoRows(buyersOf(rows, asOfDays(rows, asOf)));
  const flags = [...asOfFlag(asOf), ...filterFlags(filter)];
  const d = new Diffs(`pareto ${flags.join(' ')}`);
  const got = new Map((await report(db, ['pareto', ...flags])).map((r) => [r.group, r]));
  const all = want[want.length - 1];
  for (const w of want) {
    const g = got.get(w.group);
    if (!g) {
      d.lines.push(`${d.where} ${w.group}: missing from orderlens`);
      continue;
    }
    d.num(`${w.group} customers`, g.customers, w.customers);
    d.num(`${w.group} share_customers`, g.share_customers, w.customers / all.customers);
    d.num(`${w.group} revenue`, g.revenue, money(w.revenue), MONEY);
    d.num(`${w.group} share_revenue`, g.share_revenue, w.revenue / all.revenue);
    if (w.gini !== undefined) d.num(`${w.group} gini`, g.gini, w.gini);
  }
  return d.lines;
}

export async function compareChurn(db: string, orders: OrderRow[], asOf: string, filter: Filter = {}): Promise<string[]> {
  // churn's --acquired-since/--acquired-until keep the customers whose first order falls in the window; every
  // order of the scope (platform, shop, currency) counts, and G comes from every customer
  const mine = filtered(orders, { ...filter, since: undefined, until: undefined });
  const buyers = buyersOf(mine, asOfDays(mine, asOf));
  const { rows } = churnRows(buyers, 3, acquiredIn(filter));
  const flags = [...asOfFlag(asOf), ...filterFlags(filter, 'acquired')];
  const d = new Diffs(`churn ${flags.join(' ')}`);
  const got = new Map((await report(db, ['churn', '--by', 'customer', ...flags])).map((r) => [idOf(r.platform, r.shop, r.customer_key), r]));
  d.num('customers', String(got.size), rows.length);
  for (const w of rows) {
    const id = idOfBuyer(w.buyer);
    const g = got.get(id);
    if (!g) {
      d.lines.push(`${d.where} ${id}: missing from orderlens`);
      continue;
    }
    d.str(`${id} status`, g.status, w.status);
    d.num(`${id} days_since_last`, g.days_since_last, w.daysSince);
    if (w.usualGap === null) d.str(`${id} usual_gap_days`, g.usual_gap_days, '');
    else d.num(`${id} usual_gap_days`, g.usual_gap_days, w.usualGap, 0.51);
    d.num(`${id} threshold_days`, g.threshold_days, w.threshold, 0.51);
    d.num(`${id} orders`, g.orders, w.buyer.orders);
    d.num(`${id} revenue`, g.revenue, money(w.buyer.net), MONEY);
    d.str(`${id} first_order`, g.first_order, isoDay(w.buyer.first));
    d.str(`${id} last_order`, g.last_order, isoDay(w.buyer.last));
  }
  // by segment: the segments of rfm at the same as-of
  const seg = new Map(rfmRows(buyers).map((r) => [idOfBuyer(r.buyer), r.segment]));
  const groups = new Map<string, { customers: number; churned: number; atRisk: number; atRiskRevenue: number }>();
  for (const w of rows) {
    const s = seg.get(idOfBuyer(w.buyer))!;
    const e = groups.get(s) ?? { customers: 0, churned: 0, atRisk: 0, atRiskRevenue: 0 };
    e.customers++;
    if (w.status === 'churned') e.churned++;
    if (w.status === 'at_risk') {
      e.atRisk++;
      e.atRiskRevenue += w.buyer.net;
    }
    groups.set(s, e);
  }
  for (const g of await report(db, ['churn', ...flags])) {
    const e = groups.get(g.segment);
    if (!e) {
      if (g.customers !== '0') d.lines.push(`${d.where} segment ${g.segment}: ${g.customers} customers in orderlens, none outside`);
      continue;
    }
    d.num(`segment ${g.segment} customers`, g.customers, e.customers);
    d.num(`segment ${g.segment} churned`, g.churned, e.churned);
    d.num(`segment ${g.segment} churn_rate`, g.churn_rate, e.churned / e.customers);
    d.num(`segment ${g.segment} at_risk`, g.at_risk, e.atRisk);
    d.num(`segment ${g.segment} revenue_at_risk`, g.revenue_at_risk, money(e.atRiskRevenue), MONEY);
    groups.delete(g.segment);
  }
  for (const [name, e] of groups) d.lines.push(`${d.where} segment ${name}: missing from orderlens (${e.customers} customers)`);
  return d.lines;
}

export async function compareCohorts(db: string, orders: OrderRow[], asOf: string, filter: Filter = {}): Promise<string[]> {
  const rows = filtered(orders, { ...filter, since: undefined, until: undefined });
  const want = monthlyCohorts(buyersOf(rows, asOfDays(rows, asOf)).filter(acquiredIn(filter)));
  const flags = [...asOfFlag(asOf), ...filterFlags(filter, 'acquired')];
  const d = new Diffs(`cohorts --long ${flags.join(' ')}`);
  const got = new Map((await report(db, ['cohorts', '--long', ...flags])).map((r) => [`${r.cohort}#${r.period}`, r]));
  for (const w of want) {
    const id = `${w.cohort}#${w.period}`;
    const g = got.get(id);
    if (!g) {
      d.lines.push(`${d.where} ${id}: missing from orderlens`);
      continue;
    }
    d.num(`${id} customers`, g.customers, w.customers);
    d.num(`${id} cohort_size`, g.cohort_size, w.size);
    d.num(`${id} retention`, g.retention, w.customers / w.size);
    d.num(`${id} revenue`, g.revenue, money(w.revenue), MONEY);
    d.num(`${id} orders`, g.orders, w.orders);
    d.num(`${id} cumulative_revenue_per_customer`, g.cumulative_revenue_per_customer, money(w.cumulative) / w.size, MONEY);
    got.delete(id);
  }
  for (const [id, g] of got) if (g.customers !== '') d.lines.push(`${d.where} ${id}: in orderlens only (${g.customers} customers)`);
  return d.lines;
}

/**
 * `ltv --method simple --lifetime L --discount 0 --by customer`: AOV = net / purchase days, purchases a year =
 * days / max(observed years, 1), CLV = aov × per year × L × margin (100%).
 */
export async function compareSimpleLtv(db: string, orders: OrderRow[], asOf: string, lifetimeYears: number, filter: Filter = {}): Promise<string[]> {
  const rows = filtered(orders, filter);
  const buyers = buyersOf(rows, asOfDays(rows, asOf));
  const flags = [...asOfFlag(asOf), ...filterFlags(filter)];
  const d = new Diffs(`ltv --method simple ${flags.join(' ')}`);
  const got = new Map(
    (await report(db, ['ltv', '--method', 'simple', '--lifetime', `${lifetimeYears}y`, '--discount', '0', '--by', 'customer', ...flags])).map((r) => [
      idOf(r.platform, r.shop, r.customer_key),
      r,
    ]),
  );
  d.num('customers', String(got.size), buyers.length);
  for (const b of buyers) {
    const id = idOfBuyer(b);
    const g = got.get(id);
    if (!g) {
      d.lines.push(`${d.where} ${id}: missing from orderlens`);
      continue;
    }
    const purchases = b.days.size;
    const observed = (b.asOf - 1 - b.first + 1) / 365.25;
    const span = Math.max(observed, 1);
    const aov = money(b.net) / purchases;
    const perYear = purchases / span;
    d.num(`${id} purchases`, g.purchases, purchases);
    d.num(`${id} revenue`, g.revenue, money(b.net), MONEY);
    d.num(`${id} span_years`, g.span_years, span, 0.0051);
    d.num(`${id} aov`, g.aov, aov, MONEY);
    d.num(`${id} purchases_per_year`, g.purchases_per_year, perYear, 0.0051);
    d.num(`${id} clv`, g.clv, aov * perYear * lifetimeYears, MONEY);
  }
  return d.lines;
}
