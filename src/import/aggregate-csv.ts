/**
 * Reading the aggregate files of README "Reports from aggregates" (the per-customer summary, the gap histogram,
 * the cohort counts) as a warehouse writes them: UTF-8 CSV with a header line naming the columns (any order).
 * Every value is checked; the first bad one stops the read with `FILE:LINE: what is wrong` (a DataError, exit
 * 1). Files are streamed: memory follows what is kept, not the file's size.
 */
import { DataError, InputError } from '../errors.js';
import { said, type Said } from '../report/said.js';
import { dayFromCivil, formatMonth, formatQuarter, formatWeek, monthIndex, parseDay, quarterIndex, weekday, weekIndex, type EpochDay } from '../domain/day.js';
import { minorDigits } from '../domain/money.js';
import type { AggregatePeriod, CohortCountCell, CohortCounts, CustomerAggregates, GapHistogram } from '../domain/aggregates.js';
import type { CustomerRef } from '../domain/purchase-log.js';
import { readByteRecords, type ByteRecord } from './csv-byte-records.js';

/** Which rows to keep: the report filters --platform, --shop and --currency. */
export interface AggregateFilter {
  platform?: string;
  shop?: string;
  currency?: string;
}

/** A bad value on a line: becomes `FILE:LINE: reason`, the reason a catalogue message. */
class CellError extends Error {
  constructor(readonly reason: Said) {
    super(reason.key);
  }
}

/** Which file it is, inside a message. */
type What = Said;
const SUMMARY: What = said('agg.what.summary');
const GAPS: What = said('agg.what.gaps');
const COUNTS: What = said('agg.what.counts');

/** A period's word (month, week, quarter) as the reader says it. */
export function periodWord(period: AggregatePeriod): Said {
  return said(`cohorts.${period}`);
}

interface ColumnSpec {
  name: string;
  optional?: boolean;
}

/** Column positions by name, from the header record. */
type Positions = Record<string, number>;

function readHeader(path: string, line: number, cells: string[], specs: readonly ColumnSpec[], what: What): Positions {
  const positions: Positions = {};
  // names match in any case: Trino lowercases every column name (`t_days` for T_days)
  const known = new Map(specs.map((s) => [s.name.toLowerCase(), s.name]));
  cells.forEach((raw, i) => {
    const given = raw.trim();
    if (given.startsWith('_')) return;
    const name = known.get(given.toLowerCase());
    if (name === undefined) throw new InputError(path, line, said('agg.unknownColumn', { column: given, what, list: specs.map((s) => s.name) }));
    if (name in positions) throw new InputError(path, line, said('agg.columnTwice', { column: name }));
    positions[name] = i;
  });
  const missing = specs.filter((s) => !s.optional && !(s.name in positions)).map((s) => s.name);
  if (missing.length > 0) throw new InputError(path, line, said('agg.lacksColumns', { what, n: missing.length, list: missing }));
  return positions;
}

/**
 * Runs `fn` for every data record (header checked first), turning a CellError into `FILE:LINE: reason`.
 * Empty lines are skipped. The record is reused: `fn` reads what it needs before it returns.
 */
async function forEachRecord(path: string, specs: readonly ColumnSpec[], what: What, fn: (record: ByteRecord, at: Positions) => void): Promise<void> {
  let at: Positions | null = null;
  let width = 0;
  const refuseBinary = (bytes: Buffer): void => {
    if (bytes.includes(0)) throw new DataError(said('agg.binary', { file: path }));
  };
  await readByteRecords(path, (record) => {
    if (record.oversize !== undefined) throw new InputError(path, record.line, record.oversize);
    if (record.count === 1 && record.size(0) === 0) return;
    if (at === null) {
      at = readHeader(path, record.line, record.cells(), specs, what);
      width = record.count;
      return;
    }
    if (record.count !== width) throw new InputError(path, record.line, said('agg.cells', { count: record.count, width }));
    try {
      fn(record, at);
    } catch (e) {
      if (e instanceof CellError) throw new InputError(path, record.line, e.reason);
      throw e;
    }
  }, refuseBinary);
  if (at === null) throw new DataError(said('agg.empty', { file: path, what }));
}

/**
 * Cell i as a whole number in plain digits (`-12`, `0`, `345`), read from its bytes; NaN for anything else.
 * The hot path of ten million rows: no string.
 */
function wholeNumber(record: ByteRecord, i: number): number {
  const b = record.bytes;
  let p = record.start[i];
  const e = record.end[i];
  const n = e - p;
  if (n === 0 || n > 16) return NaN;
  let neg = false;
  if (b[p] === 45) {
    if (n === 1) return NaN;
    neg = true;
    p++;
  }
  let v = 0;
  for (; p < e; p++) {
    const c = b[p] - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

function integer(record: ByteRecord, i: number, name: string, min: number): number {
  const v = wholeNumber(record, i);
  if (Number.isNaN(v)) throw new CellError(said(name.includes('revenue') ? 'agg.notWholeMoney' : 'agg.notWhole', { column: name, text: record.text(i) }));
  if (v < min) throw new CellError(said('agg.below', { column: name, value: v, min }));
  return v;
}

/** Whether cell i holds exactly `bytes`. */
function sameBytes(record: ByteRecord, i: number, bytes: Uint8Array): boolean {
  const s = record.start[i];
  const n = record.end[i] - s;
  if (n !== bytes.length) return false;
  const b = record.bytes;
  for (let k = 0; k < n; k++) if (b[s + k] !== bytes[k]) return false;
  return true;
}

function copyCell(record: ByteRecord, i: number): Uint8Array {
  return Uint8Array.prototype.slice.call(record.bytes, record.start[i], record.end[i]);
}

/**
 * The text of a column that repeats on millions of rows (platform, shop, currency), made once while the
 * bytes repeat: `make` turns the cell's text into the value kept (lower case, a checked code).
 */
class RepeatedText {
  private bytes: Uint8Array = new Uint8Array(0);
  private value: string | null = null;

  constructor(private readonly make: (text: string) => string = (t) => t) {}

  read(record: ByteRecord, i: number): string {
    if (this.value !== null && sameBytes(record, i, this.bytes)) return this.value;
    const value = this.make(record.text(i));
    this.bytes = copyCell(record, i);
    this.value = value;
    return value;
  }
}

const FIRST_YEAR = 1900;
const YEARS = 300;

/** Days are read from the bytes and looked up by (year, month, day) once parsed (a file has few distinct days). */
class DayReader {
  private readonly seen = new Float64Array(YEARS * 12 * 31).fill(NaN);

  read(record: ByteRecord, i: number, name: string): EpochDay {
    const b = record.bytes;
    const s = record.start[i];
    if (record.end[i] - s === 10 && b[s + 4] === 45 && b[s + 7] === 45) {
      let y = 0;
      let ok = true;
      for (let k = 0; k < 4; k++) {
        const c = b[s + k] - 48;
        if (c < 0 || c > 9) ok = false;
        y = y * 10 + c;
      }
      const m1 = b[s + 5] - 48;
      const m2 = b[s + 6] - 48;
      const d1 = b[s + 8] - 48;
      const d2 = b[s + 9] - 48;
      if (ok && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
        const m = m1 * 10 + m2;
        const d = d1 * 10 + d2;
        const slot = y >= FIRST_YEAR && y < FIRST_YEAR + YEARS && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? ((y - FIRST_YEAR) * 12 + m - 1) * 31 + d - 1 : -1;
        if (slot >= 0 && !Number.isNaN(this.seen[slot])) return this.seen[slot];
        const parsed = parseDay(record.text(i));
        if (parsed !== null) {
          if (slot >= 0) this.seen[slot] = parsed;
          return parsed;
        }
      }
    }
    throw new CellError(said('agg.notDay', { column: name, text: record.text(i) }));
  }
}

/** The currency column: a three-letter code, upper-cased; checked once while it repeats. */
function currencyColumn(): RepeatedText {
  return new RepeatedText((text) => {
    if (!/^[A-Za-z]{3}$/.test(text)) throw new CellError(said('agg.notCurrency', { text }));
    return text.toUpperCase();
  });
}

/** The platform column: compared in lower case, as the database stores it. */
function platformColumn(): RepeatedText {
  return new RepeatedText((text) => text.toLowerCase());
}

/** Keeps a row under the filter (platform compared in lower case, as the database stores it). */
function kept(filter: AggregateFilter, platform: string, shop: string, currency: string): boolean {
  return (!filter.platform || platform === filter.platform) && (!filter.shop || shop === filter.shop) && (!filter.currency || currency === filter.currency);
}

/** One currency across the kept rows: the same rule (and words) as the database path. */
function oneCurrency(currencies: Set<string>): string | null {
  if (currencies.size > 1) throw new DataError(said('data.currencies', { n: currencies.size, list: [...currencies].sort() }));
  return currencies.size === 1 ? [...currencies][0] : null;
}

/** Checks every row carries the same as_of. */
class AsOfCheck {
  private bytes: Uint8Array | null = null;
  value: EpochDay | null = null;

  constructor(private readonly days: DayReader) {}

  check(record: ByteRecord, at: Positions): EpochDay {
    const i = at.as_of;
    if (this.bytes !== null && sameBytes(record, i, this.bytes)) return this.value as EpochDay;
    const day = this.days.read(record, i, 'as_of');
    if (this.bytes !== null) throw new CellError(said('agg.asOfDiffers', { text: record.text(i), day: this.value as EpochDay }));
    this.bytes = copyCell(record, i);
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

/**
 * One row of the per-customer summary, checked: its numbers, and its texts read when asked for (a stream of
 * ten million rows reads no name it does not write). One object, overwritten row by row: take what is
 * needed before the callback returns.
 */
export class SummaryRow {
  currency = '';
  asOf = 0;
  first = 0;
  last = 0;
  purchaseDays = 0;
  orders = 0;
  revenue = 0;
  gross = 0;
  repeatRevenue = 0;
  /** NaN for one purchase day. */
  medianGap = NaN;
  platform = '';
  shop = '';
  /** The file's record (reused) and its column positions. */
  record!: ByteRecord;
  at!: Positions;

  get key(): string {
    return this.record.text(this.at.customer_key);
  }

  /** The customer's name as shown; `key` (the row's key, read already) when the file gives none. */
  displayOr(key: string): string {
    const i = this.at.customer;
    return i === undefined || this.record.size(i) === 0 ? key : this.record.text(i);
  }

  get hasContact(): boolean {
    return this.at.contact !== undefined && this.record.size(this.at.contact) > 0;
  }

  get contact(): string | null {
    return this.hasContact ? this.record.text(this.at.contact) : null;
  }

  /** A new CustomerRef of the row. */
  get ref(): CustomerRef {
    const key = this.key;
    return { key, display: this.displayOr(key), platform: this.platform, shop: this.shop, clear: this.contact };
  }
}

/** The readers of the columns that repeat (days, as_of, platform, shop, currency), for one file. */
class SummaryColumns {
  readonly days = new DayReader();
  readonly asOf = new AsOfCheck(this.days);
  readonly platform = platformColumn();
  readonly shop = new RepeatedText();
  readonly currency = currencyColumn();
}

/** A median gap as the file writes it (`12`, `12.5`): whole numbers from the bytes, the rest as text. */
function medianGapOf(record: ByteRecord, i: number): number {
  if (record.size(i) <= 15) {
    const v = wholeNumber(record, i);
    if (v >= 0 && !Object.is(v, -0)) return v;
  }
  const text = record.text(i);
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}

/** Parses and checks one summary record (the consistency rules of the format) into `row`. */
function readSummaryRow(row: SummaryRow, record: ByteRecord, at: Positions, cols: SummaryColumns): void {
  if (record.size(at.customer_key) === 0) throw new CellError(said('agg.emptyCell', { column: 'customer_key' }));
  const platform = cols.platform.read(record, at.platform);
  if (platform === '') throw new CellError(said('agg.emptyCell', { column: 'platform' }));
  row.record = record;
  row.at = at;
  row.platform = platform;
  row.shop = cols.shop.read(record, at.shop);
  row.currency = cols.currency.read(record, at.currency);
  const asOf = cols.asOf.check(record, at);
  const first = cols.days.read(record, at.first_purchase, 'first_purchase');
  const last = cols.days.read(record, at.last_purchase, 'last_purchase');
  if (last < first) throw new CellError(said('agg.lastBeforeFirst', { last, first }));
  if (last >= asOf) throw new CellError(said('agg.lastNotBeforeAsOf', { last, asOf }));
  const purchaseDays = integer(record, at.purchase_days, 'purchase_days', 1);
  if (purchaseDays - 1 > last - first) throw new CellError(said('agg.daysDoNotFit', { days: purchaseDays, first, last }));
  if ((purchaseDays === 1) !== (first === last)) throw new CellError(said('agg.daysDisagree', { days: purchaseDays, first, last }));
  const orders = integer(record, at.orders, 'orders', purchaseDays);
  const revenue = integer(record, at.revenue, 'revenue', -Infinity);
  const gross = integer(record, at.gross_revenue, 'gross_revenue', -Infinity);
  const repeatRevenue = integer(record, at.repeat_revenue, 'repeat_revenue', -Infinity);
  if (purchaseDays === 1 && repeatRevenue !== 0) throw new CellError(said('agg.repeatNotZero', { value: repeatRevenue }));
  const x = integer(record, at.frequency, 'frequency', 0);
  if (x !== purchaseDays - 1) throw new CellError(said('agg.frequency', { value: x, want: purchaseDays - 1 }));
  const recency = integer(record, at.recency_days, 'recency_days', 0);
  if (recency !== last - first) throw new CellError(said('agg.recency', { value: recency, want: last - first }));
  const age = integer(record, at.T_days, 'T_days', 0);
  if (age !== asOf - 1 - first) throw new CellError(said('agg.age', { value: age, want: asOf - 1 - first }));
  if (at.avg_repeat_spend !== undefined) {
    const text = record.text(at.avg_repeat_spend);
    if (x === 0 ? text !== '' : !(Math.abs(Number(text) - repeatRevenue / x) <= 0.01) || text.trim() === '') {
      throw new CellError(x === 0 ? said('agg.avgSpendEmpty', { text }) : said('agg.avgSpend', { text, want: String(repeatRevenue / x) }));
    }
  }
  const gapAt = at.median_gap_days;
  let medianGap = NaN;
  if (purchaseDays === 1) {
    if (record.size(gapAt) !== 0) throw new CellError(said('agg.gapEmpty', { text: record.text(gapAt) }));
  } else {
    medianGap = medianGapOf(record, gapAt);
    if (!Number.isInteger(medianGap * 2) || medianGap < 1 || medianGap > last - first) {
      throw new CellError(said('agg.gapRange', { text: record.text(gapAt), most: last - first }));
    }
    if (purchaseDays === 2 && medianGap !== last - first) throw new CellError(said('agg.gapTwo', { value: medianGap, want: last - first }));
  }
  row.asOf = asOf;
  row.first = first;
  row.last = last;
  row.purchaseDays = purchaseDays;
  row.orders = orders;
  row.revenue = revenue;
  row.gross = gross;
  row.repeatRevenue = repeatRevenue;
  row.medianGap = medianGap;
}

/**
 * Streams the kept rows of a per-customer summary to `fn` (for summaries too large to hold); returns the
 * currency (one, or a DataError) and as-of, null when no row is kept. The row is one object overwritten for
 * every line. Duplicate customers are not detected here (that needs every key in memory):
 * readCustomerAggregates does.
 */
export async function scanCustomerSummary(path: string, filter: AggregateFilter, fn: (row: SummaryRow, line: number) => void): Promise<{ currency: string; asOf: EpochDay; rows: number } | null> {
  const cols = new SummaryColumns();
  const currencies = new Set<string>();
  const row = new SummaryRow();
  let rows = 0;
  let currency = '';
  await forEachRecord(path, CUSTOMER_SUMMARY_COLUMNS, SUMMARY, (record, at) => {
    readSummaryRow(row, record, at, cols);
    if (!kept(filter, row.platform, row.shop, row.currency)) return;
    if (row.currency !== currency) currencies.add((currency = row.currency));
    rows++;
    fn(row, record.line);
  });
  const one = oneCurrency(currencies);
  if (one === null || cols.asOf.value === null) return null;
  return { currency: one, asOf: cols.asOf.value, rows };
}

/** The kept rows of a per-customer summary, in file order. A DataError for a bad file, or when no row is kept. */
export async function readCustomerAggregates(path: string, filter: AggregateFilter = {}): Promise<CustomerAggregates> {
  const refs: CustomerRef[] = [];
  const cols = { first: [] as number[], last: [] as number[], purchaseDays: [] as number[], orders: [] as number[], revenue: [] as number[], gross: [] as number[], repeat: [] as number[], gap: [] as number[] };
  const lineOf = new Map<string, number>();
  const found = await scanCustomerSummary(path, filter, (row, line) => {
    const ref = row.ref;
    const id = `${ref.platform}\u0000${ref.shop}\u0000${ref.key}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new InputError(path, line, said('agg.customerTwice', { key: ref.key, platform: ref.platform, shop: ref.shop, first: before }));
    lineOf.set(id, line);
    refs.push(ref);
    cols.first.push(row.first);
    cols.last.push(row.last);
    cols.purchaseDays.push(row.purchaseDays);
    cols.orders.push(row.orders);
    cols.revenue.push(row.revenue);
    cols.gross.push(row.gross);
    cols.repeat.push(row.repeatRevenue);
    cols.gap.push(row.medianGap);
  });
  if (found === null) throw new InputError(path, null, said('agg.noCustomer'));
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
  const platforms = platformColumn();
  const shops = new RepeatedText();
  const currencies = currencyColumn();
  await forEachRecord(path, GAP_COLUMNS, GAPS, (record, at) => {
    const asOf = asOfCheck.check(record, at);
    if (asOf !== expect.asOf) throw new CellError(said('agg.gapAsOf', { asOf, want: expect.asOf }));
    const platform = platforms.read(record, at.platform);
    const shop = shops.read(record, at.shop);
    const currency = currencies.read(record, at.currency);
    const gap = integer(record, at.gap_days, 'gap_days', 1);
    const n = integer(record, at.gaps, 'gaps', 1);
    const line = record.line;
    const id = `${platform}\u0000${shop}\u0000${currency}\u0000${gap}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new CellError(said('agg.gapTwice', { gap, platform, shop, currency, first: before }));
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
  const platforms = platformColumn();
  const shops = new RepeatedText();
  const currencyTexts = currencyColumn();
  await forEachRecord(path, COUNT_COLUMNS, COUNTS, (record, at) => {
    const line = record.line;
    const asOf = asOfCheck.check(record, at);
    const platform = platforms.read(record, at.platform);
    const shop = shops.read(record, at.shop);
    const currency = currencyTexts.read(record, at.currency);
    const cohortText = record.text(at.cohort);
    const label = parseCohortLabel(cohortText);
    if (label === null) throw new CellError(said('agg.notCohort', { text: cohortText }));
    if (kind.period === null) kind.period = label.period;
    else if (label.period !== kind.period) throw new CellError(said('agg.mixedPeriods', { text: cohortText, period: periodWord(label.period), before: periodWord(kind.period) }));
    const k = integer(record, at.period, 'period', 0);
    const customers = integer(record, at.customers, 'customers', 0);
    const orders = integer(record, at.orders, 'orders', customers);
    const revenue = integer(record, at.revenue, 'revenue', -Infinity);
    const lastIndex = INDEX_OF_DAY[label.period](asOf - 1);
    if (label.index + k > lastIndex) throw new CellError(said('agg.cellAfterAsOf', { cohort: cohortText, k, label: LABEL[label.period](label.index + k), asOf }));
    const cohortId = `${platform}\u0000${shop}\u0000${currency}\u0000${label.index}`;
    const id = `${cohortId}\u0000${k}`;
    const before = lineOf.get(id);
    if (before !== undefined) throw new CellError(said('agg.cohortTwice', { cohort: cohortText, k, platform, shop, currency, first: before }));
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
    if (s.size < 0) throw new InputError(path, s.mostLine, said('agg.noPeriod0', { cohort: label }));
    if (s.most > s.size) throw new InputError(path, s.mostLine, said('agg.moreLater', { cohort: label, most: s.most, size: s.size }));
  }
  const currency = oneCurrency(currencies);
  if (currency === null || asOfCheck.value === null || period === null) throw new InputError(path, null, said('agg.noCohort'));
  return { asOf: asOfCheck.value, period, currency, cells };
}
