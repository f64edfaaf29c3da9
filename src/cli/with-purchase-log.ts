/**
 * The one way a report command reads its orders: parse the filter flags, open the database, load the purchase
 * log, check that the log can answer the command, say how many orders had no buyer, resolve the analysis day,
 * run the command's body, close the database (also when the body throws or its promise rejects).
 * withCustomerData does the same for the commands that may read a warehouse's per-customer summary instead
 * (`--summary FILE`: rfm, churn, ltv).
 */
import type { CustomerAggregates, CustomerData } from '../domain/aggregates.js';
import { formatDay, type EpochDay } from '../domain/day.js';
import { NO_AMOUNTS } from '../domain/money.js';
import { asOfLog, measureShopEnds, withLag, type PurchaseLog } from '../domain/purchase-log.js';
import { loadPurchaseLog, logShops, refuseUnknownSource, uncountedOrders, type OrderFilter } from '../db/queries.js';
import type { Db } from '../db/open.js';
import { DataError } from '../errors.js';
import { readSummaryInput } from './aggregate-input.js';
import { note, noteExcluded, openReportDb, parseFilter, resolveAsOf, type CliContext, type FilterFlags } from './options.js';
import { said, type Said } from '../report/said.js';
import { shopsOf } from '../report/shop-count.js';
import { stallAt } from './interrupt.js';

interface PurchaseLogOptions {
  /** The orders to read; default: parseFilter(flags). */
  filter?: OrderFilter;
  /**
   * The command values money: a log without amounts (a transaction log) is a data error, before anything else
   * is said. The text says why, e.g. `pareto ranks customers by revenue; ...`.
   */
  needsAmounts?: string | Said;
  /** Runs after the excluded-orders note and before the analysis day is resolved (checks and notes on the log). */
  loaded?(log: CustomerData): void;
  /**
   * The command measures each customer as of its own shop's day (PurchaseLog.lag): without --as-of, a store of
   * several shops whose data end on different days gets each shop from the day after its own last order, and
   * `asOf` is the latest of those days. Commands that cannot are left as they were (one day for all). A Said:
   * the command cannot measure such shops on their own days (a date the user gave, say), so it refuses, this
   * being why (`--holdout compares with purchases after one day`).
   */
  eachShop?: boolean | Said;
}

/**
 * What the body gets: the log as known on the eve of the analysis day (asOfLog: returns dated on or after it
 * taken out), the analysis day, and the open database (for commands that also read other tables).
 */
interface PurchaseLogScope {
  log: PurchaseLog;
  /**
   * --as-of, else the day after the last order (said on stderr). With `eachShop` and shops that end on different
   * days: the latest shop's, `log.lag` saying how many days earlier each customer's shop is measured.
   */
  asOf: EpochDay;
  /** With `eachShop` and shops that end on different days: each shop's own as-of (latest first), as said on stderr. */
  shopDays?: ShopDay[];
  db: Db;
  /** How many shops the customers `indexes` of the log (all without) belong to (storeShops). */
  shops: (indexes?: ArrayLike<number>) => number;
}

/**
 * Without an analysis day: commands that have no --as-of (customers: every return counts) or resolve their own
 * days (snapshot --every: asOfLog per day).
 */
type UndatedScope = Omit<PurchaseLogScope, 'asOf'>;

export function withPurchaseLog<T>(ctx: CliContext, flags: FilterFlags, body: (s: UndatedScope) => T, options: PurchaseLogOptions & { undated: true }): T;
export function withPurchaseLog<T>(ctx: CliContext, flags: FilterFlags & { asOf?: string }, body: (s: PurchaseLogScope) => T, options?: PurchaseLogOptions): T;
export function withPurchaseLog<T>(
  ctx: CliContext,
  flags: FilterFlags & { asOf?: string },
  body: (s: PurchaseLogScope) => T,
  options: PurchaseLogOptions & { undated?: boolean } = {},
): T {
  const filter = options.filter ?? parseFilter(flags);
  const db = openReportDb(ctx);
  let result: T;
  try {
    stallAt(ctx.io, 'read');
    refuseUnknownSource(db, filter);
    const log = loadPurchaseLog(db, filter);
    if (log.day.length === 0 && log.ordersWithoutBuyer === 0 && Object.values(filter).every((v) => v === undefined)) refuseUncounted(db);
    checkAmounts(log, options.needsAmounts);
    noteExcluded(ctx, log);
    options.loaded?.(log);
    const eachShop = options.eachShop ?? false;
    const shops = !options.undated && eachShop !== false && flags.asOf === undefined ? shopEnds(ctx, db, log, eachShop === true ? null : eachShop) : null;
    const dated = shops ? withLag(log, shops.lag) : log;
    const asOf = options.undated ? Number.NaN : shops ? shops.asOf : resolveAsOf(ctx, flags.asOf, log);
    // as known on the eve of as-of (each customer's own): returns dated on or after it are not counted yet
    // (the log as loaded: the logs made from it share its customers, but logShops knows this one)
    const shopCount = (indexes?: ArrayLike<number>) => storeShops(db, log, indexes);
    result = body({ log: options.undated ? log : asOfLog(dated, asOf), asOf, db, shops: shopCount, ...(shops ? { shopDays: shops.days } : {}) });
  } catch (e) {
    db.close();
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => db.close()) as T;
  db.close();
  return result;
}

/**
 * A store of several shops whose data end on different days: each shop's day after its own last order, said on
 * stderr in one line, the latest as the report's as-of and each customer's lag behind it. Null when the log has
 * one shop or its shops end on one day (then the one as-of day is said as before).
 */
function shopEnds(ctx: CliContext, db: Db, log: PurchaseLog, refuse: Said | null): { asOf: EpochDay; lag: Int32Array; days: ShopDay[] } | null {
  const found = shopDaysOf(db, log);
  if (found === null) return null;
  const { list, more } = shopDayList(found.days);
  if (refuse) throw new DataError(said('asOf.shopsRefused', { why: refuse, list, more }));
  note(ctx, said('note.asOfShops', { list, more }));
  return { asOf: found.days[0].day, lag: found.lag, days: found.days };
}

/** A shop (`platform/shop`) and the day after its last order. */
interface ShopDay {
  shop: string;
  day: EpochDay;
}

/**
 * The shops of a log (as loadPurchaseLog made it) whose data end on different days: each one's day after its own
 * last order (latest first, then by name) and every customer's lag (PurchaseLog.lag); null for one shop or one day.
 */
export function shopDaysOf(db: Db, log: PurchaseLog): { days: ShopDay[]; lag: Int32Array } | null {
  const found = logShops(db, log);
  if (found === null) return null;
  const ends = measureShopEnds(log, found.shopOf, found.shops.length);
  if (ends.lag === null) return null;
  const days = found.shops.flatMap((s, i) => (ends.last[i] === null ? [] : [{ shop: `${s.platform}/${s.shop}`, day: ends.last[i]! + 1 }]));
  days.sort((a, b) => b.day - a.day || (a.shop < b.shop ? -1 : a.shop > b.shop ? 1 : 0));
  return { days, lag: ends.lag };
}

/** The days as said in one line: the first SHOWN shops (`shopify/main 2022-03-13`) and how many more. */
export function shopDayList(days: readonly ShopDay[]): { list: string[]; more: Said | '' } {
  const SHOWN = 12;
  return {
    list: days.slice(0, SHOWN).map((s) => `${s.shop} ${formatDay(s.day)}`),
    more: days.length > SHOWN ? said('note.asOfShopsMore', { n: days.length - SHOWN }) : '',
  };
}

/** A store that holds orders of which none counts (all pending, say): says so, by status, instead of "no counted orders match". */
function refuseUncounted(db: Db): void {
  const statuses = uncountedOrders(db);
  if (statuses === null) return;
  const n = statuses.reduce((sum, s) => sum + s.orders, 0);
  throw new DataError(said('data.noneCounted', { n, statuses: statuses.map((s) => `${s.status} ${s.orders.toLocaleString('en-US')}`) }));
}

/** What the body of a command that also reads `--summary FILE` gets: the summary (null from the database) or the log. */
interface CustomerDataScope {
  log: CustomerData;
  asOf: EpochDay;
  summary: CustomerAggregates | null;
  /**
   * How many shops the customers `indexes` of the log (all without) belong to: from the store's customer id
   * ranges, without building the log's customer references (a million of them for a large store).
   */
  shops: (indexes?: ArrayLike<number>) => number;
}

/**
 * withPurchaseLog, or with `--summary FILE` the summary and its as-of day (no database is opened). The filter
 * flags are checked first either way; `window` says which date window the command's --since/--until are.
 */
export async function withCustomerData<T>(
  ctx: CliContext,
  flags: FilterFlags & { asOf?: string; summary?: string },
  body: (s: CustomerDataScope) => T | Promise<T>,
  options: PurchaseLogOptions & { window?: 'orders' | 'acquisition' } = {},
): Promise<T> {
  const filter = options.filter ?? parseFilter(flags);
  if (flags.summary === undefined) return withPurchaseLog(ctx, flags, ({ log, asOf, shops }) => body({ log, asOf, summary: null, shops }), { ...options, filter });
  const input = await readSummaryInput(ctx, flags.summary, flags, options.window);
  checkAmounts(input.data, options.needsAmounts);
  noteExcluded(ctx, input.data);
  options.loaded?.(input.data);
  return body({ log: input.data, asOf: input.asOf, summary: input.data, shops: (indexes) => shopsOf(input.data, indexes) });
}

/** The shops of the customers `indexes` of a log loadPurchaseLog made (all without): 1 for a log of one source. */
function storeShops(db: Db, log: PurchaseLog, indexes?: ArrayLike<number>): number {
  const n = indexes ? indexes.length : log.customerCount;
  if (n === 0) return 0;
  const found = logShops(db, log);
  if (found === null) return 1;
  const seen = new Uint8Array(found.shops.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const s = found.shopOf[indexes ? indexes[i] : i];
    if (seen[s] === 0) {
      seen[s] = 1;
      count++;
    }
  }
  return count;
}

/** A log without amounts (a transaction log) cannot answer a command that values money: `why` says what needs them. */
export function checkAmounts(log: Pick<CustomerData, 'currency'>, why: string | Said | undefined): void {
  if (why !== undefined && log.currency === NO_AMOUNTS) throw new DataError(said('noAmounts.refused', { why }));
}

/** The error of a report that finds no customer with a counted purchase before the analysis day. */
export function noCustomerBefore(asOf: EpochDay): DataError {
  return new DataError(said('noCustomer.before', { day: formatDay(asOf) }));
}
