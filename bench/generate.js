/**
 * Seeded generator of realistic order exports for the benchmark (not part of npm test).
 *
 *   node bench/generate.js generic|shopify LINES OUT.csv [--seed N] [--customers few|many] [--changed FRACTION]
 *
 * Shape of the data (the same for both layouts):
 * - purchase counts per customer are Pareto-like: k = ⌊U^(−1/a)⌋ capped at 400, so about half the
 *   customers buy once and a few buy hundreds of times: with `--customers few` (the default, a = 1.1) about
 *   one customer per 5 order lines; with `--customers many` (a = 1.85) about 55% of the lines are a
 *   customer's first order (a shop of many one-off buyers: 5M lines, about 2.77M customers);
 * - three years of dates (2023-01-01 … 2025-12-31): a customer's first order is uniform over the window,
 *   later orders uniform between the first and the end, times of day uniform; rows sorted by time;
 * - amounts lognormal around a per-customer level (median 40.00, σ 0.5 between customers, 0.6 within);
 * - about 3% of orders cancelled or refunded (plus 0.5% partially refunded in the Shopify layout).
 *
 * generic: `order_id,customer,date,amount,status`, one row per order, opaque customer ids, ascending time.
 * shopify: the 79-column 2025 `orders_export.csv` header, one row per line item (1–8 per order, mean about
 * 1.5), order fields on the first row only, emails as buyer identity, newest order first, `Created at` with
 * an offset, a few multi-line quoted Notes, `'`-prefixed phones and `""` empty cells as real exports have.
 * LINES counts physical order lines (rows) for both layouts.
 *
 * `--changed 0.01` writes the same export a day later: the same rows, but about 1% of the
 * counted orders (chosen by a second seeded stream) have moved on to `refunded`, as a re-exported shop's
 * would; importing it over the first is an update of those orders (never stale).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const SHOPIFY_HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References';

const DAYS = 1096; // 2023-01-01 .. 2025-12-31
const START_MS = Date.UTC(2023, 0, 1);

/** xoshiro128** seeded through splitmix32: a small, fast, well-mixed generator. */
export function makeRandom(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const r = Math.imul(Math.imul(b, 5) << 7 | Math.imul(b, 5) >>> 25, 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r;
  };
  const uniform = () => (next() + 0.5) / 4294967296;
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal, int: (n) => Math.floor(uniform() * n) };
}

/**
 * The orders, in columns, sorted by time. `lines` bounds the number of rows: one per order (generic) or one
 * per line item (shopify, items > 1).
 */
/** The Pareto tail of purchase counts per customer (see the top of the file). */
export const CUSTOMER_TAILS = { few: 1.1, many: 1.85 };

export function simulateOrders(lines, seed, withItems, tail = CUSTOMER_TAILS.few) {
  const rnd = makeRandom(seed);
  const cap = lines;
  const customer = new Int32Array(cap);
  const day = new Int32Array(cap);
  const amount = new Int32Array(cap); // cents, the order's total (generic) or its mean item price (shopify)
  const status = new Uint8Array(cap); // 0 counted, 1 cancelled, 2 refunded, 3 partially refunded
  const items = new Uint8Array(cap);
  let n = 0;
  let used = 0;
  let customers = 0;
  while (used < lines) {
    const c = customers++;
    const level = Math.log(4000) + 0.5 * rnd.normal();
    const k = Math.min(400, Math.floor(Math.pow(rnd.uniform(), -1 / tail)));
    const first = rnd.int(DAYS);
    for (let j = 0; j < k && used < lines; j++) {
      customer[n] = c;
      day[n] = j === 0 ? first : first + rnd.int(DAYS - first);
      amount[n] = Math.max(50, Math.round(Math.exp(level + 0.6 * rnd.normal())));
      const u = rnd.uniform();
      status[n] = u < 0.015 ? 1 : u < 0.03 ? 2 : withItems && u < 0.035 ? 3 : 0;
      let m = 1;
      if (withItems) while (m < 8 && rnd.uniform() < 0.33) m++;
      m = Math.min(m, lines - used);
      items[n] = m;
      used += m;
      n++;
    }
  }
  // counting sort by day, then random times of day in ascending order within each day
  const perDay = new Int32Array(DAYS + 1);
  for (let i = 0; i < n; i++) perDay[day[i] + 1]++;
  for (let d = 0; d < DAYS; d++) perDay[d + 1] += perDay[d];
  const order = new Int32Array(n);
  const fill = perDay.slice();
  for (let i = 0; i < n; i++) order[fill[day[i]]++] = i;
  const seconds = new Int32Array(n);
  for (let d = 0; d < DAYS; d++) {
    const from = perDay[d];
    const to = perDay[d + 1];
    const s = new Int32Array(to - from);
    for (let i = 0; i < s.length; i++) s[i] = rnd.int(86400);
    s.sort();
    seconds.set(s, from);
  }
  const pick = (a) => {
    const out = new a.constructor(n);
    for (let i = 0; i < n; i++) out[i] = a[order[i]];
    return out;
  };
  return { n, customers, customer: pick(customer), day: pick(day), seconds, amount: pick(amount), status: pick(status), items: pick(items), rnd };
}

const pad2 = (v) => (v < 10 ? '0' : '') + v;

/** `YYYY-MM-DD HH:mm:ss` of a day index and second of day. */
function stamp(d, sec) {
  const t = new Date(START_MS + d * 86_400_000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2((sec / 3600) | 0)}:${pad2(((sec / 60) | 0) % 60)}:${pad2(sec % 60)}`;
}

const money = (cents) => `${(cents / 100) | 0}.${pad2(cents % 100)}`;

/** Opaque, unordered customer ids: a bijective scramble of the customer index. */
const customerId = (c) => 'C' + (Math.imul(c + 1, 0x9e3779b1) >>> 0).toString(36).toUpperCase().padStart(7, '0');

class Out {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.size = 0;
  }
  write(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

function tailOf(customers) {
  const tail = CUSTOMER_TAILS[customers];
  if (tail === undefined) throw new Error(`--customers ${customers}: few or many`);
  return tail;
}

/**
 * `customers`: few (the default) or many; `changed`: the share of counted orders shown as refunded since
 * (0: none; the same seed otherwise writes the same rows).
 */
export function writeGeneric(path, lines, seed, { customers = 'few', changed = 0 } = {}) {
  const o = simulateOrders(lines, seed, false, tailOf(customers));
  const later = makeRandom(seed ^ 0x5bd1e995);
  const out = new Out(path);
  out.write('order_id,customer,date,amount,status\n');
  const counted = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'shipped', 'paid'];
  let refundedSince = 0;
  for (let i = 0; i < o.n; i++) {
    let s = o.status[i];
    if (changed > 0 && later.uniform() < changed && s === 0) {
      s = 2;
      refundedSince++;
    }
    const status = s === 1 ? 'cancelled' : s === 2 ? 'refunded' : counted[i & 7];
    out.write(`${100000000 + i},${customerId(o.customer[i])},${stamp(o.day[i], o.seconds[i])},${money(o.amount[i])},${status}\n`);
  }
  out.close();
  return { rows: o.n, orders: o.n, customers: o.customers, changed: refundedSince };
}

const FIRST = ['Lee', 'Nico', 'Casey', 'Alex', 'Sam', 'Jordan', 'Robin', 'Maria', 'Wei', 'Anna', 'Omar', 'Yuki', 'Lena', 'Ivan', 'Sofia', 'Noah'];
const LAST = ['Hayes', 'Ellis', 'Sutton', 'Nolan', 'Garcia', 'Chen', 'Müller', 'Smith', 'Kowalski', 'Rossi', 'Dubois', 'Tanaka', 'Silva', 'Novak'];
const DOMAINS = ['gmail.com', 'example.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'];
const CITIES = [
  ['Los Angeles', '90033', 'CA', 'US', 'California'],
  ['New York', '10001', 'NY', 'US', 'New York'],
  ['Austin', '78701', 'TX', 'US', 'Texas'],
  ['Stockholm', '11480', '', 'SE', ''],
  ['Münster', '48140', '', 'DE', ''],
  ['Toronto', 'M5V 2T6', 'ON', 'CA', 'Ontario'],
];
const PRODUCTS = ['Velour Wide-Leg Pant', 'Senna Pant', 'Senna Cropped Top', 'Linen Shirt', 'Wool Beanie', 'Canvas Tote', 'Trail Sock 3-Pack', 'Rain Jacket'];
const COLOURS = ['Jade', 'Tanned Brown', 'Black', 'Navy', 'Sand'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

export function writeShopify(path, lines, seed, { customers = 'few', changed = 0 } = {}) {
  const o = simulateOrders(lines, seed, true, tailOf(customers));
  const rnd = o.rnd;
  const later = makeRandom(seed ^ 0x5bd1e995);
  let refundedSince = 0;
  const out = new Out(path);
  out.write(SHOPIFY_HEADER + '\n');
  let rows = 0;
  // newest first, as Shopify exports them; order numbers ascend with time
  for (let i = o.n - 1; i >= 0; i--) {
    const c = o.customer[i];
    const h = Math.imul(c + 7, 0x2c1b3c6d) >>> 0;
    const first = FIRST[h % FIRST.length];
    const last = LAST[(h >>> 4) % LAST.length];
    const email = `${first.toLowerCase()}.${(h >>> 8).toString(36)}${c}@${DOMAINS[(h >>> 12) % DOMAINS.length]}`;
    const name = `${first} ${last}${c % 100}`;
    const [city, zip, prov, country, provName] = CITIES[(h >>> 16) % CITIES.length];
    const street = `${(h % 900) + 100} ${LAST[(h >>> 20) % LAST.length]} Street`;
    const phone = country === 'US' ? String(2000000000 + (h % 7999999999)) : `'+46 ${(h % 90) + 10} ${(h >>> 7) % 1000} ${pad2((h >>> 3) % 100)} ${pad2((h >>> 11) % 100)}`;
    const created = stamp(o.day[i], o.seconds[i]) + ' -0500';
    let s = o.status[i];
    // refunded since (--changed): its own stream, so every other row stays as it was
    if (changed > 0 && later.uniform() < changed && s === 0) {
      s = 2;
      refundedSince++;
    }
    const m = o.items[i];
    const prices = [];
    const qtys = [];
    let subtotal = 0;
    for (let j = 0; j < m; j++) {
      const p = Math.max(100, Math.round(o.amount[i] * Math.exp(0.3 * rnd.normal()) / m / 100) * 100 - 1);
      const q = rnd.uniform() < 0.85 ? 1 : 2;
      prices.push(p);
      qtys.push(q);
      subtotal += p * q;
    }
    const discount = rnd.uniform() < 0.1 ? Math.round(subtotal * 0.15) : 0;
    const shipping = subtotal - discount >= 7500 ? 0 : 599;
    const total = subtotal - discount + shipping;
    const financial = s === 1 ? 'voided' : s === 2 ? 'refunded' : s === 3 ? 'partially_refunded' : 'paid';
    const refunded = s === 2 ? total : s === 3 ? prices[0] : 0;
    const paidAt = s === 1 ? '' : stamp(o.day[i], Math.min(86399, o.seconds[i] + 2)) + ' -0500';
    const cancelledAt = s === 1 ? stamp(Math.min(DAYS - 1, o.day[i] + 1), o.seconds[i]) + ' -0500' : '';
    const fulfilled = s === 1 ? 'unfulfilled' : 'fulfilled';
    const fulfilledAt = s === 1 ? '' : stamp(Math.min(DAYS - 1, o.day[i] + 2), o.seconds[i]) + ' -0500';
    const notes = rnd.uniform() < 0.002 ? '"gift wrap: yes\nmessage: ""Happy birthday!"""' : '';
    const number = `#${1001 + i}`;
    const id = String(4000000000000 + i * 7);
    for (let j = 0; j < m; j++) {
      const product = `${PRODUCTS[(h + j) % PRODUCTS.length]} - ${COLOURS[(h >>> (j + 2)) % COLOURS.length]} / ${SIZES[(h >>> (j + 5)) % SIZES.length]}`;
      const sku = `EN${((h + j) % PRODUCTS.length).toString().padStart(3, '0')}${SIZES[(h >>> (j + 5)) % SIZES.length]}`;
      const item = `${qtys[j]},${product},${money(prices[j])},${money(Math.round(prices[j] * 1.25))},${sku},true,true,${s === 1 ? 'pending' : 'fulfilled'}`;
      if (j === 0) {
        out.write(
          `${number},${email},${financial},${paidAt},${fulfilled},${fulfilledAt},${h & 1 ? 'yes' : 'no'},USD,${money(subtotal - discount)},${money(shipping)},0.00,${money(total)},${discount ? 'WELCOME15' : '""'},${money(discount)},${shipping ? 'Standard Shipping' : 'Free Shipping'},${created},${item},` +
            `${name},${street},${street},"",,${city},${zip},${prov},${country},${phone},${name},${street},${street},"",,${city},${zip},${prov},${country},${phone},${notes},"",${cancelledAt},Stripe,c${id}.1,${money(refunded)},Enavant Activewear,0.00,,,,${id},"",Low,web,0.00,,,,,,,,,,,${phone},,,${provName},${provName},p${id},,,\n`,
        );
      } else {
        out.write(`${number},${email},,,,,,,,,,,,,,${created},${item},,,,,,,,,,,,,,,,,,,,,,,,,,,Enavant Activewear,,,,,,,,,0.00,,,,,,,,,,,,,,,,,,,\n`);
      }
      rows++;
    }
  }
  out.close();
  return { rows, orders: o.n, customers: o.customers, changed: refundedSince };
}

const SIZE_WORDS = { k: 1e3, m: 1e6 };

/** `100k` → 100000, `1m` → 1000000, `2500` → 2500. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`bad size '${text}': use e.g. 100k, 1m, 5m`);
  return Math.round(Number(m[1]) * (m[2] ? SIZE_WORDS[m[2].toLowerCase()] : 1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [layout, size, path] = process.argv.slice(2);
  const flag = (name, otherwise) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : otherwise;
  };
  const seed = Number(flag('--seed', '20240601'));
  const customers = flag('--customers', 'few');
  const changed = Number(flag('--changed', '0'));
  if (!['generic', 'shopify'].includes(layout) || !size || !path || !(customers in CUSTOMER_TAILS) || !(changed >= 0 && changed <= 1)) {
    console.error('usage: node bench/generate.js generic|shopify LINES OUT.csv [--seed N] [--customers few|many] [--changed FRACTION]');
    process.exit(2);
  }
  const t0 = performance.now();
  const r = layout === 'generic' ? writeGeneric(path, parseSize(size), seed, { customers, changed }) : writeShopify(path, parseSize(size), seed, { customers, changed });
  const more = r.changed ? `, ${r.changed} refunded since` : '';
  console.log(`${path}: ${r.rows} rows, ${r.orders} orders, ${r.customers} customers${more} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
