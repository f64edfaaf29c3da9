/**
 * The report numbers recomputed from outside: written from README.md's definitions alone, reading the raw
 * `orders` and `customers` views with better-sqlite3. Nothing here comes from src/ (the tests that use it
 * import only the CLI's `run` to get orderlens's own output), so a wrong formula in src/ cannot agree with it
 * by sharing code.
 */
import Database from 'better-sqlite3';
import { run } from '../src/cli/main.js';

/** Runs `orderlens --db DB ...argv` in-process with a plain, non-terminal io; returns code, stdout, stderr. */
export async function orderlensOut(db: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let out = '';
  let err = '';
  const io: Parameters<typeof run>[1] = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { LANG: 'C' },
  };
  const code = await run(['--db', db, ...argv], io);
  return { code, stdout: out, stderr: err };
}

/** CSV text (orderlens's own output: a header, no newlines inside cells) → objects. */
export function csvObjects(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const COUNTED = new Set(['paid', 'shipped', 'completed', 'partially_refunded']);

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function isoDay(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export interface Buyer {
  platform: string;
  shop: string;
  key: string;
  /** counted orders before the as-of day */
  orders: number;
  /** purchase day (day number) → [net of that day's counted orders and the returns given back to it, orders that day] */
  days: Map<number, { net: number; orders: number }>;
  /** the sorted purchase days */
  sorted: number[];
  first: number;
  last: number;
  /** the as-of day (exclusive) this customer is measured at: one for all, or the shop's own */
  asOf: number;
  /** net revenue: counted orders + returns dated before the as-of day (minor units) */
  net: number;
  gross: number;
}

export interface Filter {
  platform?: string;
  shop?: string;
  currency?: string;
  /** --since, --until: local days, inclusive */
  since?: string;
  until?: string;
}

/** One stored order as the reports see it: who, which local day, status and money (minor units). */
export interface OrderRow {
  platform: string;
  shop: string;
  /** the buyer's key (customer_key in the reports) */
  key: string;
  /** the local order day, YYYY-MM-DD */
  day: string;
  status: string;
  currency: string;
  net: number;
  gross: number;
}

/** The orders of a database file with a buyer (the `orders` and `customers` views), filtered. */
export function ordersInDb(dbPath: string, filter: Filter = {}): OrderRow[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const where: string[] = ['o.customer_id IS NOT NULL'];
    const params: string[] = [];
    for (const k of ['platform', 'shop', 'currency'] as const) {
      if (filter[k] !== undefined) {
        where.push(`o.${k} = ?`);
        params.push(filter[k]!);
      }
    }
    return db
      .prepare(
        `SELECT c.platform AS platform, c.shop AS shop, c.buyer_key AS key, o.order_day AS day, o.status AS status,
                o.currency AS currency, o.net AS net, o.gross AS gross
           FROM orders o JOIN customers c ON c.id = o.customer_id
          WHERE ${where.join(' AND ')}`,
      )
      .all(...params) as OrderRow[];
  } finally {
    db.close();
  }
}

/** The rows that pass a filter. */
export function filtered(rows: OrderRow[], filter: Filter): OrderRow[] {
  return rows.filter(
    (r) =>
      (filter.platform ?? r.platform) === r.platform &&
      (filter.shop ?? r.shop) === r.shop &&
      (filter.currency ?? r.currency) === r.currency &&
      (filter.since ?? r.day) <= r.day &&
      (filter.until ?? r.day) >= r.day,
  );
}

/**
 * Every customer with at least one counted order before `asOf` (a day number). A return (a refunded row with a
 * negative net) dated before `asOf` is taken off the customer's last purchase day on or before its own day (the
 * first purchase day when it comes first), as README's "Returns and credit notes" says.
 */
export function buyersOf(rows: OrderRow[], asOf: number | ((platform: string, shop: string) => number)): Buyer[] {
  const cut = typeof asOf === 'number' ? () => asOf : asOf;
  const byKey = new Map<string, { b: Buyer; returns: { day: number; net: number }[] }>();
  for (const r of rows) {
    const day = dayNumber(r.day);
    if (day >= cut(r.platform, r.shop)) continue;
    const id = `${r.platform}\u0000${r.shop}\u0000${r.key}`;
    let e = byKey.get(id);
    if (!e) {
      e = { b: { platform: r.platform, shop: r.shop, key: r.key, orders: 0, days: new Map(), sorted: [], first: 0, last: 0, asOf: cut(r.platform, r.shop), net: 0, gross: 0 }, returns: [] };
      byKey.set(id, e);
    }
    if (COUNTED.has(r.status)) {
      e.b.orders++;
      const d = e.b.days.get(day) ?? { net: 0, orders: 0 };
      d.net += r.net;
      d.orders++;
      e.b.days.set(day, d);
      e.b.gross += r.gross;
    } else if (r.status === 'refunded' && r.net < 0) e.returns.push({ day, net: r.net });
  }
  const out: Buyer[] = [];
  for (const { b, returns } of byKey.values()) {
    if (b.orders === 0) continue;
    b.sorted = [...b.days.keys()].sort((x, y) => x - y);
    b.first = b.sorted[0];
    b.last = b.sorted[b.sorted.length - 1];
    for (const r of returns) {
      let to = b.first;
      for (const d of b.sorted) if (d <= r.day) to = d;
      b.days.get(to)!.net += r.net;
    }
    b.net = [...b.days.values()].reduce((s, d) => s + d.net, 0);
    out.push(b);
  }
  return out;
}

/** README's quantile scores: cut points are the ⌈j·n/k⌉-th sorted values; a score is 1 + the cut points exceeded. */
export function quantileScores(values: number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const cuts: number[] = [];
  for (let j = 1; j < k; j++) cuts.push(sorted[Math.ceil((j * n) / k) - 1]);
  return values.map((v) => 1 + cuts.filter((c) => v > c).length);
}

/** The default 11-segment map of README (R level × fm level), k = 5. */
export function segmentOf(r: number, f: number, m: number): string {
  const fm = (f + m) / 2;
  const col = fm <= 1.5 ? 0 : fm === 2 ? 1 : fm <= 3.5 ? 2 : fm === 4 ? 3 : 4;
  const map: Record<number, string[]> = {
    5: ['New', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
    4: ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal', 'Champions'],
    3: ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
    2: ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose"],
    1: ['Lost', 'Lost', 'Hibernating', 'At risk', "Can't lose"],
  };
  return map[r][col];
}

export interface RfmRow {
  buyer: Buyer;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
}

/** RFM with 5 quantile bins, frequency = counted orders, monetary = net; recency scored on −days (fewer days higher). */
export function rfmRows(buyers: Buyer[]): RfmRow[] {
  const rec = buyers.map((b) => b.asOf - b.last);
  const rs = quantileScores(rec.map((d) => -d), 5);
  const fs = quantileScores(buyers.map((b) => b.orders), 5);
  const ms = quantileScores(buyers.map((b) => b.net), 5);
  return buyers.map((b, i) => ({
    buyer: b,
    recency: rec[i],
    frequency: b.orders,
    monetary: b.net,
    r: rs[i],
    f: fs[i],
    m: ms[i],
    segment: segmentOf(rs[i], fs[i], ms[i]),
  }));
}

export interface ChurnRow {
  buyer: Buyer;
  status: 'active' | 'at_risk' | 'churned';
  daysSince: number;
  usualGap: number | null;
  threshold: number;
}

/**
 * The as-of day of each shop: `asOf` for all, or with 'default' the day after the shop's last order (of the
 * rows given), as README's "One rule for the as-of day" says.
 */
export function asOfDays(rows: OrderRow[], asOf: string): (platform: string, shop: string) => number {
  if (asOf !== 'default') {
    const d = dayNumber(asOf);
    return () => d;
  }
  const last = new Map<string, number>();
  for (const r of rows) {
    if (!COUNTED.has(r.status)) continue;
    const id = `${r.platform}/${r.shop}`;
    last.set(id, Math.max(last.get(id) ?? -Infinity, dayNumber(r.day)));
  }
  return (platform, shop) => last.get(`${platform}/${shop}`)! + 1;
}

/** Nearest-rank percentile: the ⌈p·n⌉-th of the sorted values. */
export function nearestRank(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(p * s.length)) - 1];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** README's adaptive churn rule with k = 3 and G the nearest-rank 90th percentile of every repeat customer's gaps. */
export function churnRows(buyers: Buyer[], k = 3, kept: (b: Buyer) => boolean = () => true): { g: number; gaps: number; rows: ChurnRow[] } {
  const gapsOf = (b: Buyer) => b.sorted.slice(1).map((d, i) => d - b.sorted[i]);
  // G comes from every customer's gaps, also where an acquisition window keeps only some of them
  const all = buyers.flatMap(gapsOf);
  const g = nearestRank(all, 0.9);
  const rows = buyers.filter(kept).map((b): ChurnRow => {
    const gaps = gapsOf(b);
    const usualGap = gaps.length ? median(gaps) : null;
    const threshold = usualGap === null ? g : Math.max(g, k * usualGap);
    const daysSince = b.asOf - b.last;
    const status = daysSince > threshold ? 'churned' : daysSince > threshold / 2 ? 'at_risk' : 'active';
    return { buyer: b, status, daysSince, usualGap, threshold };
  });
  return { g, gaps: all.length, rows };
}

/** Month index of a day number (months since 1970-01). */
export function monthOf(day: number): number {
  const [y, m] = isoDay(day).split('-').map(Number);
  return (y - 1970) * 12 + (m - 1);
}

export interface CohortCell {
  cohort: string;
  period: number;
  customers: number;
  size: number;
  revenue: number;
  orders: number;
  cumulative: number;
}

/**
 * Monthly acquisition cohorts: the month of the first counted order; periods up to the month of the as-of day
 * (when shops end on different days: of the earliest-ending shop among the cohort's customers).
 */
export function monthlyCohorts(buyers: Buyer[]): CohortCell[] {
  // per cohort month: its size, and per period the customers seen, revenue and orders
  const groups = new Map<number, { size: number; end: number; cells: Map<number, { customers: number; revenue: number; orders: number }> }>();
  for (const b of buyers) {
    const c = monthOf(b.first);
    const g = groups.get(c) ?? { size: 0, end: b.asOf, cells: new Map() };
    g.size++;
    g.end = Math.min(g.end, b.asOf);
    const seen = new Set<number>();
    for (const [d, v] of b.days) {
      const p = monthOf(d) - c;
      const cell = g.cells.get(p) ?? { customers: 0, revenue: 0, orders: 0 };
      if (!seen.has(p)) {
        seen.add(p);
        cell.customers++;
      }
      cell.revenue += v.net;
      cell.orders += v.orders;
      g.cells.set(p, cell);
    }
    groups.set(c, g);
  }
  const out: CohortCell[] = [];
  for (const c of [...groups.keys()].sort((x, y) => x - y)) {
    const g = groups.get(c)!;
    const label = `${1970 + Math.floor(c / 12)}-${String((c % 12) + 1).padStart(2, '0')}`;
    let cumulative = 0;
    for (let p = 0; c + p <= monthOf(g.end - 1); p++) {
      const cell = g.cells.get(p) ?? { customers: 0, revenue: 0, orders: 0 };
      cumulative += cell.revenue;
      out.push({ cohort: label, period: p, customers: cell.customers, size: g.size, revenue: cell.revenue, orders: cell.orders, cumulative });
    }
  }
  return out;
}

/** Pareto rows of README: top p% (⌈p·n/100⌉ biggest), 80% of revenue, A/B/C, all with the Gini. */
export function paretoRows(buyers: Buyer[]): { group: string; customers: number; revenue: number; gini?: number }[] {
  const vals = buyers.map((b) => b.net).sort((a, b) => b - a);
  const n = vals.length;
  const total = vals.reduce((s, v) => s + v, 0);
  const top = (c: number) => vals.slice(0, c).reduce((s, v) => s + v, 0);
  const out: { group: string; customers: number; revenue: number; gini?: number }[] = [];
  for (const p of [1, 5, 10, 20, 50]) {
    const c = Math.ceil((p * n) / 100);
    out.push({ group: `top ${p}%`, customers: c, revenue: top(c) });
  }
  let c80 = 0;
  while (c80 < n && top(c80) * 10 < total * 8) c80++;
  out.push({ group: '80% of revenue', customers: c80, revenue: top(c80) });
  const cls = { A: [0, 0], B: [0, 0], C: [0, 0] } as Record<string, [number, number]>;
  let before = 0;
  for (const v of vals) {
    const k = before * 100 < total * 80 ? 'A' : before * 100 < total * 95 ? 'B' : 'C';
    cls[k][0]++;
    cls[k][1] += v;
    before += v;
  }
  for (const k of ['A', 'B', 'C']) out.push({ group: k, customers: cls[k][0], revenue: cls[k][1] });
  // a customer whose returns exceed their purchases counts as 0 in the Gini (it is defined for amounts ≥ 0)
  const asc = [...vals].reverse().map((v) => Math.max(0, v));
  const clipped = asc.reduce((s, v) => s + v, 0);
  const weighted = asc.reduce((s, v, i) => s + (i + 1) * v, 0);
  out.push({ group: 'all', customers: n, revenue: total, gini: (2 * weighted) / (n * clipped) - (n + 1) / n });
  return out;
}
