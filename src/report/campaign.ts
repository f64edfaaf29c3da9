/**
 * The reports of `orderlens campaign`: the split list, the stored campaigns, and the lift report with its
 * notes (the window, the groups, the verdict in plain words) from analytics/campaign.ts's results.
 */
import { customerIdentity } from '../domain/customer-identity.js';
import { formatDay, type EpochDay } from '../domain/day.js';
import { displayMoney } from '../domain/money.js';
import { customerAsOf, type PurchaseLog } from '../domain/purchase-log.js';
import type { CampaignOutcome, LiftResult, ShopCut, ShopStrata, ShopWithoutControl } from '../analytics/campaign.js';
import { CONFIDENCE, type Interval } from '../analytics/lift-tests.js';
import type { Report, Row } from '../output/report.js';
import { col } from './columns.js';
import { customerDrop, identityColumns, oneStore } from './identity.js';
import { say, type Lang } from './messages.js';
import { said, type Said } from './said.js';

/**
 * `campaign split`: the segment's customers, each in the treatment or the control group, with the notes said
 * first. `label` is the rows' segment value (English unless --lang zh), `named` the segment as the notes say it.
 */
export function splitReport(
  log: PurchaseLog,
  members: readonly { c: number }[],
  control: readonly boolean[],
  label: string,
  about: { asOf: EpochDay; share: string; seed: number; named?: string; file?: string },
): Report {
  const nControl = control.filter(Boolean).length;
  const notes: Said[] = [said('campaign.split', { n: members.length, segment: about.named ?? label, day: log.lag === undefined ? formatDay(about.asOf) : said('asOf.eachShop'), treatment: members.length - nControl, control: nControl, share: about.share, seed: String(about.seed) })];
  if (nControl === 0) notes.push(said('campaign.noControlDrawn', { share: about.share, n: members.length }));
  else {
    if (nControl < 100) notes.push(said('campaign.smallControl', { n: String(nControl) }));
    notes.push(...shopsWithoutControl(log, members, control, about.share));
  }
  // the command to run after sending, with the list's own file when it was written to one
  notes.push(about.file === undefined ? said('campaign.sendHint') : said('campaign.sendHintFile', { file: shellWord(about.file) }));
  const withContact = members.some((m) => log.customers[m.c].clear !== null);
  return {
    notes,
    // as_of: the day each member was measured as of (its shop's own, in a store of several), read back by campaign import
    columns: [...identityColumns(withContact), col('segment'), col('group'), col('as_of')],
    drop: customerDrop(oneStore(members.length, (i) => log.customers[members[i].c]), ['as_of', 'segment']),
    rows: members.map((m, i) => {
      const ref = log.customers[m.c];
      return { customer_key: customerIdentity(ref).customerKey, customer: ref.display, platform: ref.platform, shop: ref.shop, contact: ref.clear, segment: label, group: control[i] ? 'control' : 'treatment', as_of: formatDay(customerAsOf(log, m.c, about.asOf)) };
    }),
  };
}

/**
 * The shops of a split drawn shop by shop (each its own share) whose share rounds to no control member, while
 * other shops have some: their members can only be compared with other shops' control members. One line.
 */
function shopsWithoutControl(log: PurchaseLog, members: readonly { c: number }[], control: readonly boolean[], share: string): Said[] {
  const shops = new Map<string, { n: number; control: number }>();
  members.forEach((m, i) => {
    const ref = log.customers[m.c];
    const name = `${ref.platform}/${ref.shop}`;
    const s = shops.get(name) ?? { n: 0, control: 0 };
    s.n++;
    if (control[i]) s.control++;
    shops.set(name, s);
  });
  const none = [...shops].filter(([, s]) => s.control === 0);
  if (none.length === 0) return [];
  const NAMED = 3;
  const list = none.slice(0, NAMED).map(([name]) => name).join(', ') + (none.length > NAMED ? ', …' : '');
  return [said('campaign.shopsNoControl', { share, shops: none.length, list, n: none.reduce((sum, [, s]) => sum + s.n, 0) })];
}

/**
 * A file name as a shell reads it back as one word: as it is when plain, else in double quotes (a message line
 * cuts long single-quoted values), in single quotes when it holds what double quotes would expand.
 */
function shellWord(file: string): string {
  if (/^[\w./@%+=:,-]+$/.test(file)) return file;
  return /[$`\\"!]/.test(file) ? `'${file.replace(/'/g, "'\\''")}'` : `"${file}"`;
}

/** How far --sent may be after the day a list was drawn as of (or after the orders' end) before campaign import warns. */
export const SENT_LATE_DAYS = 30;

/**
 * What `campaign import` says of the list it stored (said before the stored campaign's row). `dataEnd`: for a list
 * without split's as_of days, the last counted purchase day in the members' shops.
 */
export function campaignImportNotes(
  file: string,
  list: { rows: readonly { asOf?: EpochDay; platform?: string; shop?: string }[]; blank: readonly number[]; hasGroup: boolean },
  match: { unmatched: readonly number[]; duplicates: number; manyShops: readonly number[] },
  sentDay: EpochDay | null,
  dataEnd: EpochDay | null = null,
): Said[] {
  const notes: Said[] = [];
  const first10 = (lines: readonly number[]) => `${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', …' : ''}`;
  if (match.unmatched.length > 0) notes.push(said(match.unmatched.length === 1 ? 'campaign.unmatched' : 'campaign.unmatchedMany', { file, n: match.unmatched.length, lines: first10(match.unmatched) }));
  if (list.blank.length > 0) notes.push(said('campaign.blank', { file, n: list.blank.length, lines: first10(list.blank) }));
  if (match.duplicates > 0) notes.push(said('campaign.duplicates', { file, n: match.duplicates }));
  if (match.manyShops.length > 0) notes.push(said('campaign.manyShops', { file, n: match.manyShops.length, lines: first10(match.manyShops) }));
  if (!list.hasGroup) notes.push(said('campaign.noGroup'));
  if (sentDay === null) notes.push(said('campaign.noSent'));
  else notes.push(...sentChecks(list.rows, sentDay, dataEnd));
  return notes;
}

/**
 * --sent against the days the list was drawn as of (split's as_of column): a send before it (the window would
 * count the purchases that chose the segment), or long after it (the segment may have changed); a list without
 * them against the members' orders: a send long after their end (a mistyped year, say).
 */
function sentChecks(rows: readonly { asOf?: EpochDay; platform?: string; shop?: string }[], sent: EpochDay, dataEnd: EpochDay | null): Said[] {
  const notes: Said[] = [];
  const days = rows.flatMap((r) => (r.asOf === undefined ? [] : [r.asOf]));
  const sentText = formatDay(sent);
  // a list of several shops (split's, drawn as of each shop's own day): the shops by name
  const shopOf = (r: { platform?: string; shop?: string }) => (r.shop === undefined ? null : `${r.platform ?? ''}/${r.shop}`);
  const shops = new Set(rows.map(shopOf).filter((x) => x !== null));
  const byShop = (picked: readonly { asOf?: EpochDay; platform?: string; shop?: string }[]) => {
    const m = new Map<string, EpochDay[]>();
    for (const r of picked) m.set(shopOf(r) ?? '?', [...(m.get(shopOf(r) ?? '?') ?? []), r.asOf!]);
    return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  };
  const beforeRows = rows.filter((r) => r.asOf !== undefined && r.asOf > sent);
  if (beforeRows.length > 0 && shops.size > 1) {
    for (const [shop, ds] of byShop(beforeRows)) notes.push(said('campaign.sentBeforeAsOfShop', { sent: sentText, n: ds.length, shop, day: formatDay(Math.max(...ds)) }));
  } else if (beforeRows.length > 0) notes.push(said('campaign.sentBeforeAsOf', { sent: sentText, n: beforeRows.length, day: formatDay(Math.max(...beforeRows.map((r) => r.asOf!))) }));
  const longRows = rows.filter((r) => r.asOf !== undefined && sent - r.asOf > SENT_LATE_DAYS);
  if (longRows.length > 0 && shops.size > 1) {
    for (const [shop, ds] of byShop(longRows)) {
      const first = Math.min(...ds);
      notes.push(said('campaign.sentLongAfterAsOfShop', { sent: sentText, n: ds.length, shop, day: formatDay(first), days: sent - first }));
    }
  } else if (longRows.length > 0) {
    const first = Math.min(...longRows.map((r) => r.asOf!));
    notes.push(said('campaign.sentLongAfterAsOf', { sent: sentText, n: longRows.length, day: formatDay(first), days: sent - first }));
  }
  if (days.length === 0 && dataEnd !== null && sent - (dataEnd + 1) > SENT_LATE_DAYS) notes.push(said('campaign.sentAfterData', { sent: sentText, day: formatDay(dataEnd), days: sent - dataEnd }));
  return notes;
}

/** `campaign list` (and `campaign import`'s one row). */
export function campaignListReport(rows: readonly { name: string; sentDay: number | null; rowsRead: number; unmatched: number; treatment: number; control: number; source: string; createdAt: string }[], notes: Said[] = []): Report {
  return {
    notes,
    columns: [
      col('campaign'),
      col('sent'),
      col('rows'),
      col('unmatched_rows'),
      col('treatment'),
      col('control'),
      col('source@campaign'),
      col('created_at@campaign'),
    ],
    // on a narrow terminal: when the list was imported, then from which file, before the campaign's name and counts are cut
    drop: ['created_at', 'source'],
    rows: rows.map((c) => ({ campaign: c.name, sent: c.sentDay === null ? null : formatDay(c.sentDay), rows: c.rowsRead, unmatched_rows: c.unmatched, treatment: c.treatment, control: c.control, source: c.source, created_at: c.createdAt })),
  };
}

/**
 * `campaign report`: the notes in the order they are said, then either why there is nothing to measure (the
 * error's words) or the lift table.
 */
export function campaignLiftReport(
  o: CampaignOutcome,
  about: { name: string; sent: EpochDay; days: number; currency: string; lang: Lang; shops?: readonly string[] },
): { notes: Said[]; refusal: Said | null; report: Report | null } {
  const notes: Said[] = [];
  const refuse = (refusal: Said) => ({ notes, refusal, report: null });
  if (o.status === 'no_treatment') return refuse(said('campaign.noTreatment', { name: about.name }));
  notes.push(...shopsLeftOut(o.leftOut, about));
  if (o.absent > 0) notes.push(said('campaign.absent', { n: o.absent, currency: about.currency }));
  // a store of several shops with later orders, but none of the members' shops: said of those shops, not the store
  if (o.status === 'no_later_orders') return refuse(o.leftOut.length > 0 ? said('campaign.noLaterOrdersShops', { shops: o.leftOut.length, day: formatDay(about.sent) }) : said('campaign.noLaterOrders', { day: formatDay(about.sent) }));
  notes.push(said('campaign.window', { from: formatDay(about.sent), to: formatDay(o.end - 1), days: about.days }));
  // shops of one end inside the window: said as the orders' end, as for a store of one shop; else shop by shop
  const oneEnd = o.shortShops.length > 0 && o.shortShops.every((s) => s.end === o.last + 1);
  if (o.last < o.end - 1 && (o.shortShops.length === 0 || oneEnd)) notes.push(said('campaign.shortWindow', { day: formatDay(o.last), have: o.last - about.sent + 1, days: about.days }));
  else notes.push(...shopsShort(o.shortShops, about));
  if (o.status === 'no_comparison') return refuse(said('campaign.noComparison', { name: about.name }));
  if (o.status === 'control_left_out') return refuse(said('campaign.controlLeftOut', { name: about.name }));
  notes.push(...shopsWithoutComparison(o.without, o.controlled, about));
  notes.push(...shopsWithoutTargeted(o.controlOnly, about));
  if (o.status === 'no_shop_with_both') return refuse(said('campaign.noShopWithBoth', { name: about.name }));
  if (!o.controlled) notes.push(said(about.shops ? 'campaign.peersShops' : 'campaign.peers', { n: o.peers, day: formatDay(about.sent) }));
  const lift = o.lift;
  const groups = [
    [said('campaign.group.treatment'), lift.treatment],
    [o.controlled ? said('campaign.other.control') : said('campaign.other.peers'), lift.control],
  ] as const;
  for (const [group, g] of groups) if (g.customers < 30 || g.buyers < 5) notes.push(said('campaign.roughGroup', { group, n: g.customers, buyers: g.buyers }));
  if (lift.byShop) notes.push(byShopNote(lift.byShop, o.controlled, about));
  notes.push(said(lift.byShop ? 'campaign.methodByShop' : 'campaign.method'));
  notes.push(...verdict(lift, about.days, about.currency, o.controlled, about));
  return { notes, refusal: null, report: liftTable(lift, o.controlled, about.currency, about.lang) };
}

/** At most this many shops get a line of their own in campaign report's notes; the rest are summed up in one. */
const SHOPS_NAMED = 8;

/** The members of shops whose orders end before the send day (or that have none in the currency): left out, a line per shop. */
function shopsLeftOut(cuts: readonly ShopCut[], about: { sent: EpochDay; currency: string; shops?: readonly string[] }): Said[] {
  const lines = cuts.slice(0, SHOPS_NAMED).map((c) => {
    const shop = shopName(c.shop, about);
    return c.end === null ? said('campaign.shopNoOrders', { n: c.members, shop, currency: about.currency }) : said('campaign.shopEnded', { n: c.members, shop, day: formatDay(c.end - 1), sent: formatDay(about.sent) });
  });
  const rest = cuts.slice(SHOPS_NAMED);
  if (rest.length > 0) lines.push(said('campaign.shopsMore', { n: rest.reduce((sum, c) => sum + c.members, 0), shops: rest.length }));
  return lines;
}

/** The shops whose orders end inside the window: their members measured up to that day, a line per shop. */
function shopsShort(cuts: readonly ShopCut[], about: { sent: EpochDay; days: number; shops?: readonly string[] }): Said[] {
  const lines = cuts.slice(0, SHOPS_NAMED).map((c) => said('campaign.shopShort', { shop: shopName(c.shop, about), day: formatDay(c.end! - 1), have: c.end! - about.sent, days: about.days, n: c.members }));
  const rest = cuts.slice(SHOPS_NAMED);
  if (rest.length > 0) lines.push(said('campaign.shortMore', { shops: rest.length, n: rest.reduce((sum, c) => sum + c.members, 0) }));
  return lines;
}

const shopName = (s: number, about: { shops?: readonly string[] }) => about.shops?.[s] ?? String(s);

/** Shops of a lift measured shop by shop whose targeted members have no control member (or peer) of their own: left out, a line per shop. */
function shopsWithoutComparison(cuts: readonly ShopWithoutControl[], controlled: boolean, about: { shops?: readonly string[] }): Said[] {
  const lines = cuts.slice(0, SHOPS_NAMED).map((c) => said(controlled ? 'campaign.shopNoControl' : 'campaign.shopNoPeers', { n: c.members, shop: shopName(c.shop, about) }));
  const rest = cuts.slice(SHOPS_NAMED);
  if (rest.length > 0) lines.push(said('campaign.shopsNoControlMore', { n: rest.reduce((sum, c) => sum + c.members, 0), shops: rest.length }));
  return lines;
}

/** Shops of a lift measured shop by shop whose control members have no targeted member of their shop: left out, a line per shop. */
function shopsWithoutTargeted(cuts: readonly ShopWithoutControl[], about: { shops?: readonly string[] }): Said[] {
  const lines = cuts.slice(0, SHOPS_NAMED).map((c) => said('campaign.shopControlOnly', { n: c.members, shop: shopName(c.shop, about) }));
  const rest = cuts.slice(SHOPS_NAMED);
  if (rest.length > 0) lines.push(said('campaign.shopsControlOnlyMore', { n: rest.reduce((sum, c) => sum + c.members, 0), shops: rest.length }));
  return lines;
}

/** A few shops by name, then `…`. */
function someShops(shops: readonly number[], about: { shops?: readonly string[] }, text: (s: number) => string = (s) => shopName(s, about)): string {
  return shops.slice(0, SHOPS_NAMED).map(text).join(', ') + (shops.length > SHOPS_NAMED ? ', …' : '');
}

/** How the shops' lifts were combined: the weights, and what the comparison group's pooled figures were. */
function byShopNote(b: ShopStrata, controlled: boolean, about: { shops?: readonly string[]; currency: string }): Said {
  const weight = new Map(b.shops.map((s) => [s.shop, s.weight]));
  const list = someShops(b.shops.map((s) => s.shop), about, (s) => `${shopName(s, about)} ${pct(weight.get(s)!)}`);
  const other = controlled ? said('campaign.other.control') : said('campaign.other.peers');
  return said('campaign.byShop', { n: b.shops.length, other, list, conversion: pct(b.pooledControl.conversion), rpc: displayMoney(b.pooledControl.revenuePerCustomer, about.currency) });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number | null): Said | string => (p === null ? '' : p < 0.001 ? said('campaign.pSmall') : said('campaign.p', { p: p.toFixed(3) }));

/** The plain-language lines: what the campaign did to conversion and to revenue per customer. */
function verdict(l: LiftResult, days: number, currency: string, controlled: boolean, about: { shops?: readonly string[] }): Said[] {
  const prefix = controlled ? '' : said('campaign.weaker');
  const otherName = controlled ? said('campaign.other.control') : said('campaign.other.peers');
  const c = l.conversion;
  const level = String(CONFIDENCE * 100);
  const ci = said('campaign.ci', { level, low: points(c.low), high: points(c.high), p: pText(c.p) });
  const lines: Said[] = [];
  const moved = { prefix, days: String(days), from: pct(l.control.conversion), to: pct(l.treatment.conversion), ci };
  if (l.treatment.buyers === 0 && l.control.buyers === 0) {
    // nothing happened in either group: no test can tell an effect from none; the interval only bounds what could hide
    return [said('campaign.noBuyers', { prefix, days: String(days), treated: l.treatment.customers, other: l.control.customers, otherName, ci })];
  }
  if (c.low > 0) lines.push(said('campaign.raised', moved));
  else if (c.high < 0) lines.push(said('campaign.lowered', moved));
  else lines.push(said('campaign.noEffect', { prefix, days: String(days), treated: pct(l.treatment.conversion), other: pct(l.control.conversion), otherName, ci }));
  // the interval (Wilson limits, MOVER) and the p-value (pooled z-test) are two methods: at the edge they can
  // disagree, and then the verdict (the interval's) is said to be borderline rather than left to look sure
  const alpha = Math.round((1 - CONFIDENCE) * 1000) / 1000;
  const covers = c.low <= 0 && c.high >= 0;
  if (c.p !== null && covers === c.p < alpha) lines.push(said(covers ? 'campaign.ciPDisagreeIn' : 'campaign.ciPDisagreeOut', { level, p: c.p < 0.001 ? '< 0.001' : `= ${c.p.toFixed(3)}`, alpha: String(alpha) }));
  const r: Interval | null = l.revenuePerCustomer;
  const money = (x: number) => displayMoney(x, currency);
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${money(Math.abs(x))}`;
  const thin = l.byShop?.thin ?? [];
  if (r === null && thin.length > 0) lines.push(said('campaign.rpcThin', { shops: thin.length, list: someShops(thin, about) }));
  else if (r === null) lines.push(l.treatment.customers < 2 || l.control.customers < 2 ? said('campaign.rpcNone') : said('campaign.rpcNoSpread'));
  else {
    const rci = said('campaign.ciMoney', { level, low: signed(r.low), high: signed(r.high), p: pText(r.p) });
    const key = r.low > 0 ? 'campaign.rpcRaised' : r.high < 0 ? 'campaign.rpcLowered' : 'campaign.rpcNoEffect';
    lines.push(said(key, { prefix, treated: money(l.treatment.revenuePerCustomer), other: money(l.control.revenuePerCustomer), otherName, ci: rci }));
  }
  return lines;
}

function liftTable(l: LiftResult, controlled: boolean, currency: string, lang: Lang): Report {
  // the group names: stable English values in CSV/JSON, Chinese in a Chinese table
  const name = (g: 'treatment' | 'control' | 'comparison' | 'lift') => (lang === 'zh' ? say('zh', `campaign.group.${g}`) : say('en', `campaign.group.${g}`));
  const group = (label: string, g: LiftResult['treatment']): Row => ({
    group: label, customers: g.customers, buyers: g.buyers, conversion: g.conversion, revenue: g.revenue, revenue_per_customer: g.revenuePerCustomer, orders: g.orders,
  });
  const r = l.revenuePerCustomer;
  return {
    currency,
    // fifteen columns do not fit 80: a terminal shows the groups as columns and the measures as lines
    turn: { head: say(lang, 'campaign.measure'), line: say(lang, 'campaign.turned') },
    columns: [
      col('group'),
      col('customers'),
      col('buyers'),
      col('conversion'),
      col('conversion_low'),
      col('conversion_high'),
      col('conversion_relative'),
      col('conversion_p'),
      col('revenue'),
      col('revenue_per_customer'),
      col('rpc_low'),
      col('rpc_high'),
      col('rpc_relative'),
      col('rpc_p'),
      col('orders'),
    ],
    rows: [
      group(name('treatment'), l.treatment),
      group(name(controlled ? 'control' : 'comparison'), l.control),
      {
        group: name('lift'),
        conversion: l.conversion.estimate,
        conversion_low: l.conversion.low,
        conversion_high: l.conversion.high,
        conversion_relative: l.conversionRelative,
        conversion_p: l.conversion.p,
        revenue_per_customer: r?.estimate ?? null,
        rpc_low: r?.low ?? null,
        rpc_high: r?.high ?? null,
        rpc_relative: l.revenueRelative,
        rpc_p: r?.p ?? null,
      },
    ],
  };
}
