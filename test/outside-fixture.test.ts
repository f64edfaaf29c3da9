/**
 * A two-shop store written here (seeded), with the cases a report gets wrong first: orders near midnight in
 * the store's zone and across a DST change, offsets, several orders on one local day, ties in every RFM value,
 * returns (before the first purchase, after a purchase, after the as-of day, larger than the purchases),
 * partial and full refunds, cancelled and pending orders, two currencies in one shop (one of them the other
 * shop's), and the same customer id in both shops. Each report's numbers are recomputed from the CSV text we wrote (outside-recompute.ts, no code
 * from src/) and compared with orderlens's CSV output, at as-of days inside and after the data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareChurn, compareCohorts, comparePareto, compareRfm, compareSimpleLtv } from './outside-compare.js';
import { type OrderRow, orderlensOut, ordersInDb } from './outside-recompute.js';

/** mulberry32: a small seeded generator, so the fixture is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The local date of an instant in a zone, by the platform's Intl (not orderlens's zone code). */
function localDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const cents = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${pad(Math.abs(c) % 100)}`;

interface Written {
  csv: string;
  rows: OrderRow[];
}

/**
 * One shop's file. `zone` is the --tz it is imported with (null: none, generic default UTC); a time written
 * without an offset is local, a time with one is an instant whose day is in `zone` (or, without --tz, the
 * date as written).
 */
function shopFile(shop: string, zone: string | null, withRefunds: boolean, seed: number): Written {
  const rnd = seeded(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const prices = [1500, 1500, 2500, 4999, 4999, 12000, 800, 33333];
  const header = withRefunds ? 'order_id,customer,date,amount,status,refund,currency' : 'order_id,customer,date,amount,status';
  const lines = [header];
  const rows: OrderRow[] = [];
  let id = 1000;
  const start = Date.UTC(2023, 9, 1);
  const span = 600 * 86_400_000;
  const add = (customer: string, ms: number, style: number, amount: number, status: string, refund = 0, currency = 'EUR') => {
    id++;
    const z = zone ?? 'UTC';
    // the same instant written three ways: local wall time, with the zone's offset, and as UTC (Z)
    const local = localParts(ms, z);
    let text: string;
    let day: string;
    if (style === 0) {
      text = `${local.date} ${local.time}`;
      day = local.date;
    } else if (style === 1) {
      text = `${local.date}T${local.time}${local.offset}`;
      day = local.date;
    } else {
      text = new Date(ms).toISOString().replace('.000Z', 'Z');
      day = zone ? local.date : text.slice(0, 10);
    }
    const cells = [`${shop}-${id}`, customer, text, cents(amount), status];
    if (withRefunds) cells.push(refund ? cents(refund) : '', currency);
    lines.push(cells.join(','));
    // what the reports must see: a negative amount is a return (refunded); a refund makes the order partially
    // refunded, or refunded when it is the whole amount; net = amount − refund
    let st = status;
    if (amount < 0) st = 'refunded';
    else if (refund > 0 && (status === 'completed' || status === 'paid' || status === 'shipped')) st = refund >= amount ? 'refunded' : 'partially_refunded';
    rows.push({ platform: 'generic', shop, key: customer, day, status: st, currency: withRefunds ? currency : 'USD', net: amount - refund, gross: amount });
  };
  for (let c = 1; c <= 240; c++) {
    const customer = `cust-${pad(c, 4)}`;
    const orders = c % 7 === 0 ? 1 : 1 + Math.floor(rnd() * rnd() * 9);
    let t = start + Math.floor(rnd() * span);
    for (let o = 0; o < orders; o++) {
      // a time near local midnight for one order in four (the UTC day differs from the local one)
      const nearMidnight = rnd() < 0.25;
      const ms = nearMidnight ? midnightish(t, zone ?? 'UTC', rnd) : t;
      const status = pick(['completed', 'completed', 'completed', 'paid', 'shipped', 'cancelled', 'pending']);
      const refund = withRefunds && rnd() < 0.12 ? pick([100, 500, 1500, 99999]) : 0;
      const currency = withRefunds && c % 11 === 0 ? 'USD' : 'EUR';
      const amount = pick(prices);
      add(customer, ms, Math.floor(rnd() * 3), amount, status, Math.min(refund, amount), currency);
      // another order the same local day, now and then
      if (rnd() < 0.1) add(customer, ms + 60_000, 0, pick(prices), 'completed', 0, currency);
      t += Math.floor(rnd() * rnd() * 200 * 86_400_000) + 3_600_000;
    }
    // returns: after a purchase, before the first purchase, far later (after the middle as-of day), or larger
    // than everything bought
    if (!withRefunds && c % 5 === 0) add(customer, t - 86_400_000 * 3, 0, -pick([800, 1500, 4999]), 'completed');
    if (!withRefunds && c % 13 === 0) add(customer, start - 86_400_000 * 20, 1, -700, 'completed');
    if (!withRefunds && c % 17 === 0) add(customer, start + span + 86_400_000 * 10, 2, -900, 'completed');
    if (!withRefunds && c % 19 === 0) add(customer, t, 0, -99999, 'completed');
  }
  // a customer with a return and no purchase is in no customer report
  if (!withRefunds) add('cust-9999', start + 86_400_000 * 40, 0, -1200, 'completed');
  return { csv: lines.join('\n') + '\n', rows };
}

/** An instant between 22:00 and 02:00 local time on the local day of `ms`. */
function midnightish(ms: number, zone: string, rnd: () => number): number {
  const { date } = localParts(ms, zone);
  const wallMidnight = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  const offset = offsetMinutes(ms, zone);
  return wallMidnight - offset * 60_000 + Math.floor((rnd() - 0.5) * 4 * 3_600_000);
}

function offsetMinutes(ms: number, zone: string): number {
  const p = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms));
  const name = p.find((x) => x.type === 'timeZoneName')!.value; // GMT, GMT-05:00
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function localParts(ms: number, zone: string): { date: string; time: string; offset: string } {
  const off = offsetMinutes(ms, zone);
  const wall = new Date(ms + off * 60_000).toISOString();
  const a = Math.abs(off);
  return { date: localDate(ms, zone), time: wall.slice(11, 19), offset: `${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}` };
}

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-outside-'));
const db = path.join(dir, 'two.db');
// north: New York, plain columns (no refund or currency column), returns as negative amounts, USD
const north = shopFile('north', 'America/New_York', false, 7);
// south: no --tz (generic UTC; offsets give the date as written), refunds and two currencies
const south = shopFile('south', null, true, 11);
let stored: OrderRow[] = [];

beforeAll(async () => {
  writeFileSync(path.join(dir, 'north.csv'), north.csv);
  writeFileSync(path.join(dir, 'south.csv'), south.csv);
  const a = await orderlensOut(db, ['import', path.join(dir, 'north.csv'), '--shop', 'north', '--tz', 'America/New_York', '--currency', 'USD']);
  expect(a.code, a.stderr).toBe(0);
  const b = await orderlensOut(db, ['import', path.join(dir, 'south.csv'), '--shop', 'south']);
  expect(b.code, b.stderr).toBe(0);
  stored = ordersInDb(db);
});

const written = () => [...north.rows, ...south.rows];
const sortKey = (r: OrderRow) => `${r.shop}|${r.key}|${r.day}|${r.status}|${r.currency}|${r.net}|${r.gross}`;

describe('a two-shop store recomputed from the CSV we wrote', () => {
  it('stores every order on the local day, with the status and money the file says', () => {
    expect(stored.map(sortKey).sort()).toEqual(written().map(sortKey).sort());
  });

  const cases: [string, { shop?: string; currency?: string }][] = [
    ['north', { shop: 'north' }],
    ['south EUR', { shop: 'south', currency: 'EUR' }],
    ['south USD', { shop: 'south', currency: 'USD' }],
  ];
  // 'default': no --as-of, each shop measured from the day after its own last order
  for (const asOf of ['2024-09-15', '2025-07-01', '2026-03-01', 'default']) {
    for (const [name, filter] of cases) {
      it(`rfm, pareto, churn, cohorts and simple ltv agree: ${name}, as of ${asOf}`, async () => {
        const rows = written();
        expect(await compareRfm(db, rows, asOf, filter)).toEqual([]);
        expect(await comparePareto(db, rows, asOf, filter)).toEqual([]);
        expect(await compareChurn(db, rows, asOf, filter)).toEqual([]);
        expect(await compareCohorts(db, rows, asOf, filter)).toEqual([]);
        expect(await compareSimpleLtv(db, rows, asOf, 3, filter)).toEqual([]);
      });
    }
  }
  // both shops in one report: USD is north's currency and that of a few of south's customers; the shops end on
  // different days (each shop to its own day without --as-of)
  for (const asOf of ['2025-07-01', 'default']) {
    it(`both shops, USD, as of ${asOf}: pareto, cohorts and simple ltv agree`, async () => {
      const rows = written();
      expect(await comparePareto(db, rows, asOf, { currency: 'USD' })).toEqual([]);
      expect(await compareCohorts(db, rows, asOf, { currency: 'USD' })).toEqual([]);
      expect(await compareSimpleLtv(db, rows, asOf, 3, { currency: 'USD' })).toEqual([]);
    });
  }
});
