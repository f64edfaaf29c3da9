/**
 * Reading the aggregate files of README "Reports from aggregates" (the per-customer summary, the gap histogram,
 * the cohort counts) as a warehouse writes them: UTF-8 CSV with a header line naming the columns (any order).
 * Every value is checked; the first bad one stops the read with `FILE:LINE: what is wrong` (a DataError, exit
 * 1). Files are streamed: memory follows what is kept, not the file's size.
 */
import { createReadStream } from 'node:fs';
import { DataError } from '../errors.js';
import { dayFromCivil, formatDay, formatMonth, formatQuarter, formatWeek, monthIndex, parseDay, quarterIndex, weekday, weekIndex, type EpochDay } from '../domain/day.js';
import { minorDigits } from '../domain/money.js';
import type { AggregatePeriod, CohortCountCell, CohortCounts, CustomerAggregates, GapHistogram } from '../domain/aggregates.js';
import type { CustomerRef } from '../domain/purchase-log.js';
import { CsvTokenizer, UnclosedQuoteError, type CsvRecord } from './csv-tokenizer.js';

/** Which rows to keep: the report filters --platform, --shop and --currency. */
export interface AggregateFilter {
  platform?: string;
  shop?: string;
  currency?: string;
}

const CHUNK = 1 << 20;

/** A bad value on a line: becomes `FILE:LINE: column: reason`. */
class CellError extends Error {}

/** The records of a CSV file in batches, the header first; a DataError for what cannot be read. */
async function* csvBatches(path: string): AsyncGenerator<CsvRecord[]> {
  const tokenizer = new CsvTokenizer(',');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  let first = true;
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw new DataError(`${path}: is not UTF-8 text: aggregate files are written in UTF-8`);
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = decode(chunk);
      if (first) {
        if (text.includes('\u0000')) throw new DataError(`${path}: looks like a binary file, not CSV (Parquet is not read: see README "Reports from aggregates")`);
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const out: CsvRecord[] = [];
      tokenizer.push(text, out);
      if (out.length > 0) yield out;
    }
    const out: CsvRecord[] = [];
    const rest = decode();
    if (rest) tokenizer.push(rest, out);
    tokenizer.end(out);
    if (out.length > 0) yield out;
  } catch (e) {
    if (e instanceof UnclosedQuoteError) throw new DataError(`${path}:${e.line}: a quoted cell is never closed`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) {
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : code;
      throw new DataError(`${path}: cannot read: ${why}`);
    }
    throw e;
  } finally {
    stream.destroy();
  }
}

interface ColumnSpec {
  name: string;
  optional?: boolean;
}

/** Column positions by name, from the header record. */
type Positions = Record<string, number>;

function readHeader(path: string, record: CsvRecord, specs: readonly ColumnSpec[], what: string): Positions {
  const positions: Positions = {};
  // names match in any case: Trino lowercases every column name (`t_days` for T_days)
  const known = new Map(specs.map((s) => [s.name.toLowerCase(), s.name]));
  record.cells.forEach((raw, i) => {
    const given = raw.trim();
    if (given.startsWith('_')) return;
    const name = known.get(given.toLowerCase());
    if (name === undefined) throw new DataError(`${path}:${record.line}: unknown column '${given}' in ${what} (columns: ${specs.map((s) => s.name).join(', ')}; names starting with _ are ignored)`);
    if (name in positions) throw new DataError(`${path}:${record.line}: column '${name}' appears twice`);
    positions[name] = i;
  });
  const missing = specs.filter((s) => !s.optional && !(s.name in positions)).map((s) => s.name);
  if (missing.length > 0) throw new DataError(`${path}:${record.line}: ${what} lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (see README "Reports from aggregates")`);
  return positions;
}

/**
 * Runs `fn` for every data record (header checked first), turning a CellError into `FILE:LINE: reason`.
 * Empty lines are skipped.
 */
async function forEachRecord(path: string, specs: readonly ColumnSpec[], what: string, fn: (cells: string[], line: number, at: Positions) => void): Promise<void> {
  let at: Positions | null = null;
  let width = 0;
  for await (const batch of csvBatches(path)) {
    for (const record of batch) {
      if (record.oversize !== undefined) throw new DataError(`${path}:${record.line}: ${record.oversize}`);
      const cells = record.cells;
      if (cells.length === 1 && cells[0] === '') continue;
      if (at === null) {
        at = readHeader(path, record, specs, what);
        width = cells.length;
        continue;
      }
      if (cells.length !== width) throw new DataError(`${path}:${record.line}: ${cells.length} cells, but the header has ${width}`);
      try {
        fn(cells, record.line, at);
      } catch (e) {
        if (e instanceof CellError) throw new DataError(`${path}:${record.line}: ${e.message}`);
        throw e;
      }
    }
  }
  if (at === null) throw new DataError(`${path}: is empty: ${what} needs a header line and rows`);
}

/** A whole number in plain digits (`-12`, `0`, `345`); NaN for anything else. Hand-written: the hot path of 10 million rows. */
function parseInteger(text: string): number {
  const n = text.length;
  if (n === 0 || n > 16) return NaN;
  let i = 0;
  let neg = false;
  if (text.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
    if (n === 1) return NaN;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

function integer(cells: string[], at: Positions, name: string, min: number): number {
  const text = cells[at[name]];
  const v = parseInteger(text);
  if (Number.isNaN(v)) throw new CellError(`${name} '${text}' is not a whole number${name.includes('revenue') ? ' (money is in minor units: 1234 for 12.34)' : ''}`);
  if (v < min) throw new CellError(`${name} ${v} is below ${min}`);
  return v;
}

/** Days are parsed once per distinct text (a file has few distinct days and millions of rows). */
class DayReader {
  private readonly seen = new Map<string, number>();

  read(cells: string[], at: Positions, name: string): EpochDay {
    const text = cells[at[name]];
    let d = this.seen.get(text);
    if (d === undefined) {
      const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDay(text) : null;
      if (parsed === null) throw new CellError(`${name} '${text}' is not a day (YYYY-MM-DD)`);
      d = parsed;
      if (this.seen.size < 100_000) this.seen.set(text, d);
    }
    return d;
  }
}

let lastCurrency = { text: '\u0000', code: '' };

function currencyOf(cells: string[], at: Positions): string {
  const text = cells[at.currency];
  if (text === lastCurrency.text) return lastCurrency.code; // the same code on millions of rows: checked once
  if (!/^[A-Za-z]{3}$/.test(text)) throw new CellError(`currency '${text}' is not a three-letter code`);
  lastCurrency = { text, code: text.toUpperCase() };
  return lastCurrency.code;
}

/** Keeps a row under the filter (platform compared in lower case, as the database stores it). */
function kept(filter: AggregateFilter, platform: string, shop: string, currency: string): boolean {
  return (!filter.platform || platform.toLowerCase() === filter.platform) && (!filter.shop || shop === filter.shop) && (!filter.currency || currency === filter.currency);
}

/** One currency across the kept rows: the same rule (and words) as the database path. */
function oneCurrency(currencies: Set<string>): string | null {
  if (currencies.size > 1) throw new DataError(`orders are in ${currencies.size} currencies (${[...currencies].sort().join(', ')}): pick one with --currency CODE; amounts are never converted`);
  return currencies.size === 1 ? [...currencies][0] : null;
}

/** Checks every row carries the same as_of. */
class AsOfCheck {
  private text: string | null = null;
  value: EpochDay | null = null;

  constructor(private readonly days: DayReader) {}

  check(cells: string[], at: Positions): EpochDay {
    const text = cells[at.as_of];
    if (text === this.text) return this.value as EpochDay;
    const day = this.days.read(cells, at, 'as_of');
    if (this.text !== null) throw new CellError(`as_of ${text} differs from the ${formatDay(this.value as EpochDay)} of the rows before it: one file is one as-of day`);
    this.text = text;
    this.value = day;
    return day;
  }
}

const CUSTOMER_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'customer_key' },
  { name: 'customer', optional: true },
  { name: 'platform' },
  { name: 'shop' },
  { name: 'contact', optional: true },
  { name: 'currency' },
  { name: 'as_of' },
  { name: 'first_purchase' },
  { name: 'last_purchase' },
  { name: 'purchase_days' },
  { name: 'orders' },
  { name: 'revenue' },
  { name: 'gross_revenue' },
  { name: 'repeat_revenue' },
  { name: 'frequency' },
  { name: 'recency_days' },
  { name: 'T_days' },
  { name: 'avg_repeat_spend', optional: true },
  { name: 'median_gap_days' },
];

/** One row of the per-customer summary, checked. */
export interface SummaryRow {
  ref: CustomerRef;
  currency: string;
  asOf: EpochDay;
  first: EpochDay;
  last: EpochDay;
  purchaseDays: number;
  orders: number;
  revenue: number;
  gross: number;
  repeatRevenue: number;
  /** NaN for one purchase day. */
  medianGap: number;
}

/** Parses and checks one summary record (the consistency rules of the format). */
function summaryRow(cells: string[], at: Positions, days: DayReader, asOfCheck: AsOfCheck): SummaryRow {
  const key = cells[at.customer_key];
  if (key === '') throw new CellError('customer_key is empty');
  const platform = cells[at.platform].toLowerCase();
  if (platform === '') throw new CellError('platform is empty');
  const shop = cells[at.shop];
  const display = at.customer === undefined || cells[at.customer] === '' ? key : cells[at.customer];
  const contact = at.contact === undefined || cells[at.contact] === '' ? null : cells[at.contact];
  const currency = currencyOf(cells, at);
  const asOf = asOfCheck.check(cells, at);
  const first = days.read(cells, at, 'first_purchase');
  const last = days.read(cells, at, 'last_purchase');
  if (last < first) throw new CellError(`last_purchase ${formatDay(last)} is before first_purchase ${formatDay(first)}`);
  if (last >= asOf) throw new CellError(`last_purchase ${formatDay(last)} is not before as_of ${formatDay(asOf)} (as_of is exclusive)`);
  const purchaseDays = integer(cells, at, 'purchase_days', 1);
  if (purchaseDays - 1 > last - first) throw new CellError(`purchase_days ${purchaseDays} do not fit between ${formatDay(first)} and ${formatDay(last)}`);
  if ((purchaseDays === 1) !== (first === last)) throw new CellError(`purchase_days ${purchaseDays} disagrees with first_purchase ${formatDay(first)} and last_purchase ${formatDay(last)}`);
  const orders = integer(cells, at, 'orders', purchaseDays);
  const revenue = integer(cells, at, 'revenue', -Infinity);
  const gross = integer(cells, at, 'gross_revenue', -Infinity);
  const repeatRevenue = integer(cells, at, 'repeat_revenue', -Infinity);
  if (purchaseDays === 1 && repeatRevenue !== 0) throw new CellError(`repeat_revenue ${repeatRevenue} must be 0 for a customer with one purchase day`);
  const x = integer(cells, at, 'frequency', 0);
  if (x !== purchaseDays - 1) throw new CellError(`frequency ${x} must be purchase_days − 1 = ${purchaseDays - 1}`);
  const recency = integer(cells, at, 'recency_days', 0);
  if (recency !== last - first) throw new CellError(`recency_days ${recency} must be last_purchase − first_purchase = ${last - first}`);
  const age = integer(cells, at, 'T_days', 0);
  if (age !== asOf - 1 - first) throw new CellError(`T_days ${age} must be (as_of − 1) − first_purchase = ${asOf - 1 - first}`);
  if (at.avg_repeat_spend !== undefined) {
    const text = cells[at.avg_repeat_spend];
    if (x === 0 ? text !== '' : !(Math.abs(Number(text) - repeatRevenue / x) <= 0.01) || text.trim() === '') {
      throw new CellError(`avg_repeat_spend '${text}' must be ${x === 0 ? 'empty for one purchase day' : `repeat_revenue / frequency = ${repeatRevenue / x}`}`);
    }
  }
  const gapText = cells[at.median_gap_days];
  let medianGap = NaN;
  if (purchaseDays === 1) {
    if (gapText !== '') throw new CellError(`median_gap_days '${gapText}' must be empty for one purchase day`);
  } else {
    medianGap = /^\d+(\.\d+)?$/.test(gapText) ? Number(gapText) : NaN;
    if (!Number.isInteger(medianGap * 2) || medianGap < 1 || medianGap > last - first) {
      throw new CellError(`median_gap_days '${gapText}' must be a number of days between 1 and ${last - first}, whole or ending in .5`);
    }
    if (purchaseDays === 2 && medianGap !== last - first) throw new CellError(`median_gap_days ${medianGap} must be ${last - first} for two purchase days`);
  }
  return { ref: { key, display, platform, shop, clear: contact }, currency, asOf, first, last, purchaseDays, orders, revenue, gross, repeatRevenue, medianGap };
}

/**
 * Streams the kept rows of a per-customer summary to `fn` (for summaries too large to hold); returns the
 * currency (one, or a DataError) and as-of, null when no row is kept. Duplicate customers are not detected
 * here (that needs every key in memory): readCustomerAggregates does.
 */
export async function scanCustomerSummary(path: string, filter: AggregateFilter, fn: (row: SummaryRow, line: number) => void): Promise<{ currency: string; asOf: EpochDay; rows: number } | null> {
  const days = new DayReader();
  const asOfCheck = new AsOfCheck(days);
  const currencies = new Set<string>();
  let rows = 0;
  await forEachRecord(path, CUSTOMER_SUMMARY_COLUMNS, 'a per-customer summary', (cells, line, at) => {
    const row = summaryRow(cells, at, days, asOfCheck);
    if (!kept(filter, row.ref.platform, row.ref.shop, row.currency)) return;
    currencies.add(row.currency);
    rows++;
    fn(row, line);
  });
  const currency = oneCurrency(currencies);
  if (currency === null || asOfCheck.value === null) return null;
  return { currency, asOf: asOfCheck.value, rows };
}

/** The kept rows of a per-customer summary, in file order. A DataError for a bad file, or when no row is kept. */
export async function readCustomerAggregates(path: string, filter: AggregateFilter = {}): Promise<CustomerAggregates> {
  const refs: CustomerRef[] = [];
  const cols = { first: [] as number[], last: [] as number[], purchaseDays: [] as number[], orders: [] as number[], revenue: [] as number[], gross: [] as number[], repeat: [] as number[], gap: [] as number[] };
  const lineOf = new Map<string, number>();
  const found = await scanCustomerSummary(path, filter, (row, line) => {
    const id = `${row.ref.platform}\u0000${row.ref.shop}\u0000${row.ref.key}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new DataError(`${path}:${line}: customer ${row.ref.key} of ${row.ref.platform}/${row.ref.shop} appears twice (first on line ${before}): one row per customer`);
    lineOf.set(id, line);
    refs.push(row.ref);
    cols.first.push(row.first);
    cols.last.push(row.last);
    cols.purchaseDays.push(row.purchaseDays);
    cols.orders.push(row.orders);
    cols.revenue.push(row.revenue);
    cols.gross.push(row.gross);
    cols.repeat.push(row.repeatRevenue);
    cols.gap.push(row.medianGap);
  });
  if (found === null) throw new DataError(`${path}: no customer matches: nothing to analyse (check --platform, --shop and --currency)`);
  return {
    kind: 'aggregates',
    currency: found.currency,
    minorDigits: minorDigits(found.currency),
    asOf: found.asOf,
    customers: refs,
    first: Int32Array.from(cols.first),
    last: Int32Array.from(cols.last),
    purchaseDays: Int32Array.from(cols.purchaseDays),
    orders: Int32Array.from(cols.orders),
    revenue: Float64Array.from(cols.revenue),
    gross: Float64Array.from(cols.gross),
    repeatRevenue: Float64Array.from(cols.repeat),
    medianGap: Float64Array.from(cols.gap),
    ordersWithoutBuyer: 0,
  };
}

const GAP_COLUMNS: readonly ColumnSpec[] = [{ name: 'platform' }, { name: 'shop' }, { name: 'currency' }, { name: 'as_of' }, { name: 'gap_days' }, { name: 'gaps' }];

/**
 * The gap histogram of the kept rows (summed over platforms and shops). `expect` is the summary's currency and
 * as-of: the histogram must be of the same day and currency.
 */
export async function readGapHistogram(path: string, filter: AggregateFilter, expect: { currency: string; asOf: EpochDay }): Promise<GapHistogram> {
  const days = new DayReader();
  const asOfCheck = new AsOfCheck(days);
  let counts = new Float64Array(1024);
  let gaps = 0;
  const lineOf = new Map<string, number>();
  await forEachRecord(path, GAP_COLUMNS, 'a gap histogram', (cells, line, at) => {
    const asOf = asOfCheck.check(cells, at);
    if (asOf !== expect.asOf) throw new CellError(`as_of ${formatDay(asOf)} is not the summary's ${formatDay(expect.asOf)}: compute both for the same day`);
    const platform = cells[at.platform].toLowerCase();
    const shop = cells[at.shop];
    const currency = currencyOf(cells, at);
    const gap = integer(cells, at, 'gap_days', 1);
    const n = integer(cells, at, 'gaps', 1);
    const id = `${platform}\u0000${shop}\u0000${currency}\u0000${gap}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new CellError(`gap_days ${gap} of ${platform}/${shop} ${currency} appears twice (first on line ${before})`);
    lineOf.set(id, line);
    if (!kept(filter, platform, shop, currency) || currency !== expect.currency) return;
    if (gap >= counts.length) {
      const bigger = new Float64Array(Math.max(2 * counts.length, gap + 1));
      bigger.set(counts);
      counts = bigger;
    }
    counts[gap] += n;
    gaps += n;
  });
  return { asOf: expect.asOf, counts, gaps };
}

const COUNT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'platform' },
  { name: 'shop' },
  { name: 'currency' },
  { name: 'as_of' },
  { name: 'cohort' },
  { name: 'period' },
  { name: 'customers' },
  { name: 'orders' },
  { name: 'revenue' },
];

/** A cohort label (`2024-03`, `2024-W09`, `2024-Q1`) → its period kind and index; null when it is none of them. */
export function parseCohortLabel(text: string): { period: AggregatePeriod; index: number } | null {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { period: 'month', index: (Number(m[1]) - 1970) * 12 + month - 1 } : null;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { period: 'quarter', index: (Number(m[1]) - 1970) * 4 + Number(m[2]) - 1 };
  m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m) {
    const jan4 = dayFromCivil(Number(m[1]), 1, 4);
    const monday = jan4 - weekday(jan4) + (Number(m[2]) - 1) * 7;
    const index = Math.floor((monday + 3) / 7);
    return formatWeek(index) === text ? { period: 'week', index } : null;
  }
  return null;
}

const LABEL: Record<AggregatePeriod, (index: number) => string> = { month: formatMonth, quarter: formatQuarter, week: formatWeek };
const INDEX_OF_DAY: Record<AggregatePeriod, (day: EpochDay) => number> = { month: monthIndex, quarter: quarterIndex, week: weekIndex };

/** The cohort counts of the kept rows, checked (every cohort has its period 0; no cell on or after as-of). */
export async function readCohortCounts(path: string, filter: AggregateFilter = {}): Promise<CohortCounts> {
  const days = new DayReader();
  const asOfCheck = new AsOfCheck(days);
  const kind: { period: AggregatePeriod | null } = { period: null };
  const currencies = new Set<string>();
  const cells: CohortCountCell[] = [];
  const lineOf = new Map<string, number>();
  const sizes = new Map<string, { size: number; line: number; most: number; mostLine: number }>();
  await forEachRecord(path, COUNT_COLUMNS, 'cohort counts', (row, line, at) => {
    const asOf = asOfCheck.check(row, at);
    const platform = row[at.platform].toLowerCase();
    const shop = row[at.shop];
    const currency = currencyOf(row, at);
    const label = parseCohortLabel(row[at.cohort]);
    if (label === null) throw new CellError(`cohort '${row[at.cohort]}' is not a month (2024-03), ISO week (2024-W09) or quarter (2024-Q1)`);
    if (kind.period === null) kind.period = label.period;
    else if (label.period !== kind.period) throw new CellError(`cohort '${row[at.cohort]}' is a ${label.period}, but the rows before it are ${kind.period}s: one file is one kind of period`);
    const k = integer(row, at, 'period', 0);
    const customers = integer(row, at, 'customers', 0);
    const orders = integer(row, at, 'orders', customers);
    const revenue = integer(row, at, 'revenue', -Infinity);
    const lastIndex = INDEX_OF_DAY[label.period](asOf - 1);
    if (label.index + k > lastIndex) throw new CellError(`cohort ${row[at.cohort]} period ${k} is ${LABEL[label.period](label.index + k)}, which starts on or after as_of ${formatDay(asOf)}`);
    const cohortId = `${platform}\u0000${shop}\u0000${currency}\u0000${label.index}`;
    const id = `${cohortId}\u0000${k}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new CellError(`cohort ${row[at.cohort]} period ${k} of ${platform}/${shop} ${currency} appears twice (first on line ${before})`);
    lineOf.set(id, line);
    const s = sizes.get(cohortId) ?? { size: -1, line: 0, most: 0, mostLine: line };
    if (k === 0) Object.assign(s, { size: customers, line });
    else if (customers > s.most) Object.assign(s, { most: customers, mostLine: line });
    sizes.set(cohortId, s);
    if (!kept(filter, platform, shop, currency)) return;
    currencies.add(currency);
    if (customers > 0) cells.push({ platform, shop, cohort: label.index, period: k, customers, orders, revenue });
  });
  const period = kind.period;
  for (const [id, s] of sizes) {
    const label = LABEL[period as AggregatePeriod](Number(id.split('\u0000')[3]));
    if (s.size < 0) throw new DataError(`${path}:${s.mostLine}: cohort ${label} has no period 0 row: period 0's customers is the cohort's size`);
    if (s.most > s.size) throw new DataError(`${path}:${s.mostLine}: cohort ${label} has ${s.most} active customers in a later period but only ${s.size} in period 0 (its size)`);
  }
  const currency = oneCurrency(currencies);
  if (currency === null || asOfCheck.value === null || period === null) throw new DataError(`${path}: no cohort matches: nothing to analyse (check --platform, --shop and --currency)`);
  return { asOf: asOfCheck.value, period, currency, cells };
}
