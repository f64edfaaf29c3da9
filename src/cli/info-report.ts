/** The report of `orderlens info` (also the demo's first section): rows are database records, so it lives in cli. */
import type { DbSummary } from '../db/queries.js';
import type { SaidNote } from '../db/import-notes.js';
import { zoneOffset } from '../domain/time-zone.js';
import { displayMoney, formatMinor, minorDigits, NO_AMOUNTS } from '../domain/money.js';
import type { Report, Row } from '../output/report.js';
import { col } from '../report/columns.js';
import { MESSAGES, say, type Lang, type MessageKey } from '../report/messages.js';
import { speak } from '../report/said.js';

/**
 * The summary as one three-column report (section, item, value), so it pipes as CSV/JSON too; its words in
 * `lang` (English in CSV/JSON unless --lang zh is given: scripts read them). `display`: for the table view,
 * money as every report's table shows it, `¥403,109.42` in its currency; without it `403109.42`, as money
 * columns are in CSV/JSON (a number a spreadsheet reads).
 */
/** Imports `info` lists one by one, the latest; the earlier ones are summed up in one row (`--all`: every one). */
export const RECENT_IMPORTS = 5;

export function infoReport(s: DbSummary, lang: Lang = 'en', opts: { imports?: boolean; allImports?: boolean; display?: boolean; notes?: readonly SaidNote[] } = {}): Report {
  const rows: Row[] = [];
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => (say as (l: Lang, k: MessageKey, p: object) => string)(lang, key, params);
  const add = (section: string, item: string, value: string | number) => rows.push({ section, item, value });
  const database = t('info.database');
  add(database, t('info.orders'), s.orders);
  add(database, t('info.customers'), s.customers);
  add(database, t('info.customersCounted'), s.customersCounted);
  add(database, t('info.ordersWithoutBuyer'), s.ordersWithoutBuyer);
  add(database, t('info.firstDay'), s.firstDay ?? '');
  add(database, t('info.lastDay'), s.lastDay ?? '');
  const revenue = t('info.revenue');
  for (const r of s.revenue) {
    const d = minorDigits(r.currency);
    const currency = r.currency;
    const money = (minor: number) => (opts.display ? displayMoney(minor, currency) : formatMinor(minor, d));
    const assumed = s.sources.filter((src) => src.currency === r.currency && src.currency_assumed === 1).map((src) => `${src.platform}/${src.shop}`);
    if (assumed.length > 0) add(revenue, t('info.currency', { currency }), t('info.currencyAssumed', { sources: assumed.join(', ') }));
    add(revenue, t('info.countedOrders', { currency }), r.orders);
    if (r.currency === NO_AMOUNTS) {
      add(revenue, t('info.amounts', { currency }), t('info.noAmounts'));
      continue;
    }
    add(revenue, t('info.gross', { currency }), money(r.gross));
    add(revenue, t('info.discounts', { currency }), money(r.discount));
    add(revenue, t('info.shipping', { currency }), money(r.shipping));
    // what the buyers paid beyond goods − discounts + shipping: taxes, fees, gift wrap (no export itemizes them alike)
    const other = r.net - r.returnsNet + r.refunded - (r.gross - r.discount + r.shipping);
    add(revenue, t('info.other', { currency }), money(other));
    add(revenue, t('info.refunds', { currency }), money(r.refunded));
    add(revenue, t('info.returns', { currency }), `${money(-r.returnsNet)} (${r.returns})`);
    add(revenue, t('info.net', { currency }), money(r.net));
  }
  for (const p of s.byPlatform) add(t('info.platformShop'), `${p.platform}/${p.shop}`, say(lang, 'info.ordersCustomers', { orders: p.orders, customers: p.customers }));
  // several shops: each one's days, as the reports measure each shop from the day after its own last purchase
  if (s.byPlatform.length > 1) {
    for (const p of s.byPlatform) {
      const range = (first: string, last: string) => (first === last ? first : t('info.dayRange', { first, last }));
      const days = range(p.firstDay, p.lastDay);
      // the reports' days are those of counted purchases: said beside the orders' days where they differ
      const value =
        p.firstPurchaseDay === null || p.lastPurchaseDay === null ? t('info.shopNoPurchase', { days })
        : p.firstPurchaseDay !== p.firstDay ? t('info.shopCounted', { days, counted: range(p.firstPurchaseDay, p.lastPurchaseDay) })
        : p.lastPurchaseDay !== p.lastDay ? t('info.shopLastPurchase', { days, day: p.lastPurchaseDay })
        : days;
      add(t('info.orderDays'), `${p.platform}/${p.shop}`, value);
    }
  }
  for (const src of s.sources) add(t('info.source'), `${src.platform}/${src.shop}`, describeSource(src, lang));
  for (const st of s.byStatus) add(t('info.status'), lang === 'zh' ? statusLabel(st.status) : st.status, st.orders);
  for (const u of s.unknownStatuses) add(t('info.unknownStatus'), u.status_raw, u.orders);
  // the import history (times, paths): left out of the demo's throw-away database, whose times say nothing; a
  // nightly import makes 365 a year: the latest one by one, the ones before in one row (--all lists them)
  const history = opts.imports === false ? [] : s.imports;
  const earlier = opts.allImports || history.length <= RECENT_IMPORTS ? [] : history.slice(0, history.length - RECENT_IMPORTS);
  // an import's time and a note's day in its source's zone (the zone of its orders' days and of the day its notes
  // were kept in, import-notes.ts), the zone named beside them: UTC for a source without one
  const zoneOf = (platform: string, shop: string) => s.sources.find((src) => src.platform === platform && src.shop === shop)?.zone ?? 'UTC';
  if (earlier.length > 0) {
    const finished = earlier.filter((i) => i.finished_at !== null);
    const days = finished.map((i) => localTime(i.finished_at!, zoneOf(i.platform, i.shop)).slice(0, 10)).sort();
    const zones = new Set(finished.map((i) => zoneOf(i.platform, i.shop)));
    const [first, last] = [days[0], days[days.length - 1]];
    const range = first === last ? first : t('info.dayRange', { first, last });
    const summary = {
      days: first === undefined ? t('info.unfinished') : zones.size === 1 ? `${range} ${[...zones][0]}` : t('info.daysShopZones', { days: range }),
      files: new Set(earlier.map((i) => i.path)).size,
      rejected: earlier.reduce((sum, i) => sum + i.rejected, 0),
    };
    add(t('info.import'), t('info.earlierImports', { n: earlier.length }), t('info.earlierImportsSummary', summary));
  }
  for (const i of history.slice(earlier.length)) {
    // digits without grouping, as the import line prints them
    const more = (i.stale > 0 ? say(lang, 'import.countStale', { n: i.stale }) : '') + (i.skipped > 0 ? say(lang, 'import.countSkipped', { n: i.skipped }) : '');
    const counts = { read: String(i.rows_read), inserted: String(i.inserted), updated: String(i.updated), unchanged: String(i.unchanged), more, rejected: String(i.rejected) };
    const zone = zoneOf(i.platform, i.shop);
    const when = i.finished_at === null ? t('info.unfinished') : `${localTime(i.finished_at, zone)} ${zone}`;
    add(t('info.import'), lang === 'zh' ? `${i.path}（${i.platform}/${i.shop}）` : `${i.path} (${i.platform}/${i.shop})`, `${when}${lang === 'zh' ? '：' : ': '}${t('info.importCounts', counts)}`);
  }
  // a nightly import: when the note was first and last said, and by how many imports (one that stopped shows an old last day)
  for (const n of opts.notes ?? []) {
    const slash = n.source.indexOf('/');
    const zone = zoneOf(n.source.slice(0, slash), n.source.slice(slash + 1));
    const days = `${n.first === n.day ? n.day : t('info.dayRange', { first: n.first, last: n.day })} ${zone}`;
    const item = n.times > 1 ? t('info.noteSaid', { source: n.source, days, n: n.times }) : t('info.noteOnce', { source: n.source, days });
    add(t('info.importNote'), item, speak(lang, n.text));
  }
  return {
    columns: [
      col('section'),
      col('item'),
      col('value'),
    ],
    rows,
  };
}

/** An instant stored as ISO text (`2026-12-06T23:46:05.628Z`) as the wall clock in `zone`: `2026-12-07 07:46:05`. */
function localTime(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + zoneOffset(ms, zone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** An order status in Chinese (the code in English). */
function statusLabel(status: string): string {
  const key = `status.${status}`;
  return Object.hasOwn(MESSAGES, key) ? say('zh', key as 'status.paid') : status;
}

/** A source's stored import settings in one line: `zone UTC (--tz); currency CNY (assumed); dates mdy; map amount=Total; encoding utf8`. */
function describeSource(src: DbSummary['sources'][number], lang: Lang): string {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => (say as (l: Lang, k: MessageKey, p: object) => string)(lang, key, params);
  const parts: string[] = [];
  let settings: { zoneForced?: boolean; dateOrder?: string; inferredDateOrder?: string; map?: Record<string, string>; encoding?: string; decimalComma?: boolean; currency?: string } = {};
  try {
    settings = src.settings === null ? {} : (JSON.parse(src.settings) as typeof settings);
  } catch {
    settings = {};
  }
  parts.push(src.zone === null ? t('source.noZone') : t(settings.zoneForced ? 'source.zoneForced' : 'source.zone', { zone: src.zone }));
  if (src.currency !== null) parts.push(t(src.currency_assumed ? 'source.currencyAssumed' : settings.currency ? 'source.currencyGiven' : 'source.currency', { currency: src.currency }));
  else parts.push(t('source.currencyFromFiles'));
  if (settings.dateOrder) parts.push(t('source.dateOrder', { order: settings.dateOrder }));
  else if (settings.inferredDateOrder) parts.push(t('source.dateOrderInferred', { order: settings.inferredDateOrder }));
  if (settings.decimalComma !== undefined) parts.push(t(settings.decimalComma ? 'source.decimalComma' : 'source.noDecimalComma'));
  const map = Object.entries(settings.map ?? {});
  if (map.length > 0) parts.push(t('source.map', { map: map.map(([f, h]) => `${f}=${h}`).join(', ') }));
  // a workbook has no text encoding: its import says `xlsx` where a text file says utf8 or gb18030
  if (settings.encoding === 'xlsx') parts.push(t('source.workbook'));
  else if (settings.encoding) parts.push(t('source.encoding', { encoding: settings.encoding }));
  return parts.join(lang === 'zh' ? '；' : '; ');
}
