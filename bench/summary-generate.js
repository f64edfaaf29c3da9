/**
 * Seeded generator of a per-customer summary (README "Reports from aggregates") for the `ltv --summary`
 * benchmark (not part of npm test).
 *
 *   node bench/summary-generate.js CUSTOMERS OUT.csv [--seed N]
 *
 * Customers follow BG/NBD (r 0.5, α 5, a 0.8, b 3, in weeks) with Gamma-Gamma spend (p 3, q 4, γ 40 in
 * currency units): a purchase rate λ ~ Gamma(r, α) and a dropout probability p ~ Beta(a, b) per customer,
 * purchases a Poisson process at rate λ with a dropout chance p after each. First purchases are uniform over
 * the two years before 2025-12-31 (as_of 2026-01-01), on whole days; the first purchase is 40.00, repeat days
 * have the customer's mean spend (ν ~ Gamma(q, γ), mean of x draws of Gamma(p, ν)). About 1 in 10 purchase days
 * holds two orders. Days of repeat purchases are distinct: x ≤ last − first.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { makeRandom } from './generate.js';

const AS_OF = '2026-01-01';
const END = Date.UTC(2025, 11, 31) / 86_400_000; // epoch day of the last observed day
const WINDOW = 730;

/** Marsaglia–Tsang gamma(shape, scale 1) from a uniform source. */
function gammaSampler(random, normal) {
  const gamma = (shape) => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - random(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x;
      let v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - random();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return gamma;
}

function dayText(day) {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function generateSummary(customers, out, seed = 20251231) {
  const { uniform: random, normal } = makeRandom(seed);
  const gamma = gammaSampler(random, normal);
  const fd = openSync(out, 'w');
  let buf = 'customer_key,customer,platform,shop,currency,as_of,first_purchase,last_purchase,purchase_days,orders,revenue,gross_revenue,repeat_revenue,frequency,recency_days,T_days,median_gap_days\n';
  const days = new Map();
  const text = (d) => {
    let t = days.get(d);
    if (t === undefined) days.set(d, (t = dayText(d)));
    return t;
  };
  for (let i = 0; i < customers; i++) {
    const T = Math.floor(random() * WINDOW); // days from the first purchase to the last observed day
    const first = END - T;
    const lambda = gamma(0.5) / 5 / 7; // per day
    const ga = gamma(0.8);
    const p = ga / (ga + gamma(3));
    // purchase days after the first: a Poisson process at rate λ until dropout or the end
    let x = 0;
    let t = 0;
    let last = 0;
    for (;;) {
      if (random() < p) break; // dropped out after the previous purchase
      t += -Math.log(1 - random()) / lambda;
      const day = Math.max(last + 1, Math.round(t));
      if (day > T) break;
      x++;
      last = day;
    }
    const key = `c${String(i).padStart(8, '0')}`;
    const nu = gamma(4) / 40;
    const mean = x > 0 ? Math.max(1, Math.round((gamma(3 * x) / (nu * x)) * 100)) : 0;
    const repeat = mean * x;
    const revenue = 4000 + repeat;
    const purchaseDays = x + 1;
    const orders = purchaseDays + (random() < 0.1 ? 1 : 0);
    const median = x === 0 ? '' : x === 1 ? String(last) : String(Math.max(1, Math.round(last / x)));
    buf += `${key},${key},bench,main,USD,${AS_OF},${text(first)},${text(first + last)},${purchaseDays},${orders},${revenue},${revenue},${repeat},${x},${last},${T},${median}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, out] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  if (!n || !out) {
    console.error('usage: node bench/summary-generate.js CUSTOMERS OUT.csv [--seed N]');
    process.exit(2);
  }
  generateSummary(Number(n), out, seedAt > 0 ? Number(process.argv[seedAt + 1]) : undefined);
}
