/**
 * Stored campaigns (schema.ts, migration 4): who was targeted, in which group, and when the campaign went out.
 * List rows are matched to customers through the same keyed identity as imports: a customer key as stored, an
 * order id, or a buyer id, email or phone keyed with the database's secret exactly as `import` keys them.
 */
import { customerIdentity, identityId, type CustomerIdentity } from '../domain/customer-identity.js';
import { DataError, InputError } from '../errors.js';
import { buyerOf, classifyBuyer } from '../import/buyer.js';
import type { ListRow } from '../import/campaign-list.js';
import { storedBuyer } from '../identity/buyer-key.js';
import { bindKey } from './key-file.js';
import type { Db } from './open.js';
import { COUNTED_CODES_SQL } from './status-codes.js';
import { loadPurchaseLog, logShops, type OrderFilter } from './queries.js';
import { runCurrencies } from './purchase-runs.js';
import { measureShopEnds, type PurchaseLog } from '../domain/purchase-log.js';
import type { CampaignShops } from '../analytics/campaign.js';
import type { EpochDay } from '../domain/day.js';
import { said } from '../report/said.js';

export interface Member extends CustomerIdentity {
  group: 'treatment' | 'control';
}

export interface MatchResult {
  members: Member[];
  /** Lines that matched nobody. */
  unmatched: number[];
  /** Customers named on several lines of the same group (kept once). */
  duplicates: number;
  /** Lines without platform and shop cells that matched customers in more than one shop (each is a member). */
  manyShops: number[];
}

/** The stored key of a list value, as `import` would store that buyer. */
function keyOf(row: ListRow, secret: string): string | null {
  if (row.key === 'customer_key') return row.value;
  if (row.key === 'order_id') return null;
  const buyer = row.key === 'email' ? buyerOf(row.value, 'email') : row.key === 'phone' ? buyerOf(row.value, 'phone') : classifyBuyer(row.value);
  return storedBuyer(buyer, secret, false).key;
}

/**
 * Matches list rows to customers: in every platform and shop, or in the row's own platform and shop where the list
 * has those columns filled; a customer in both groups is an error.
 */
export function matchMembers(db: Db, rows: readonly ListRow[], file: string, keyFile: string): MatchResult {
  // the key the buyers were hashed with (db/key-file.ts): a list's emails and phones hash to the same keys
  const secret = bindKey(db, keyFile).key;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS campaign_wanted (line INTEGER NOT NULL, buyer_key TEXT, order_id TEXT, platform TEXT, shop TEXT)');
  db.exec('DELETE FROM temp.campaign_wanted');
  const put = db.prepare('INSERT INTO temp.campaign_wanted (line, buyer_key, order_id, platform, shop) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) put.run(r.line, keyOf(r, secret), r.key === 'order_id' ? r.value : null, r.platform?.toLowerCase() ?? null, r.shop ?? null);
  })();
  db.exec('CREATE INDEX IF NOT EXISTS temp.campaign_wanted_key ON campaign_wanted (buyer_key); CREATE INDEX IF NOT EXISTS temp.campaign_wanted_order ON campaign_wanted (order_id)');
  // a row with platform and shop cells (campaign split writes them) names that shop's customer only
  const inShop = '(w.platform IS NULL OR c.platform = w.platform) AND (w.shop IS NULL OR c.shop = w.shop)';
  const found = db
    .prepare(
      `SELECT w.line, c.platform, c.shop, c.buyer_key FROM temp.campaign_wanted w JOIN customers c ON c.buyer_key = w.buyer_key WHERE ${inShop}
       UNION
       SELECT w.line, c.platform, c.shop, c.buyer_key FROM temp.campaign_wanted w JOIN order_rows o ON o.order_id = w.order_id JOIN customers c ON c.id = o.customer_id WHERE ${inShop}
       ORDER BY 1, 2, 3, 4`,
    )
    .raw(true)
    .all() as [number, string, string, string][];
  db.exec('DROP TABLE temp.campaign_wanted');
  const byLine = new Map<number, CustomerIdentity[]>();
  for (const [line, platform, shop, customerKey] of found) {
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line)!.push({ platform, shop, customerKey });
  }
  const members = new Map<string, Member & { line: number }>();
  const unmatched: number[] = [];
  const manyShops: number[] = [];
  let duplicates = 0;
  for (const r of rows) {
    const ids = byLine.get(r.line);
    if (!ids) {
      unmatched.push(r.line);
      continue;
    }
    if (ids.length > 1) manyShops.push(r.line);
    for (const id of ids) {
      const k = identityId(id);
      const seen = members.get(k);
      if (seen) {
        if (seen.group !== r.group) throw new InputError(file, r.line, said('campaign.twoGroups', { line: String(seen.line), group: seen.group }));
        duplicates++;
        continue;
      }
      members.set(k, { ...id, group: r.group, line: r.line });
    }
  }
  return { members: [...members.values()].map(({ line: _line, ...m }) => m), unmatched, duplicates, manyShops };
}

/** The last day of a counted purchase in the members' shops (what a campaign report can measure up to), null: none. */
export function membersLastPurchase(db: Db, members: readonly CustomerIdentity[]): EpochDay | null {
  const shops = [...new Set(members.map((m) => JSON.stringify([m.platform, m.shop])))];
  const last = db.prepare(`SELECT max(o.day) FROM order_rows o JOIN sources s ON s.id = o.source
    WHERE s.platform = ? AND s.shop = ? AND o.status IN (${COUNTED_CODES_SQL}) AND o.customer_id IS NOT NULL`).pluck();
  let out: EpochDay | null = null;
  for (const key of shops) {
    const [platform, shop] = JSON.parse(key) as [string, string];
    const d = last.get(platform, shop) as EpochDay | null;
    if (d !== null && (out === null || d > out)) out = d;
  }
  return out;
}

export interface CampaignInfo {
  id: number;
  name: string;
  sentDay: number | null;
  source: string;
  rowsRead: number;
  unmatched: number;
  createdAt: string;
  treatment: number;
  control: number;
}

/** Stores a campaign and its members in one transaction; an existing name is replaced only with `replace`. */
export function saveCampaign(db: Db, c: { name: string; sentDay: number | null; source: string; rowsRead: number; unmatched: number; createdAt: string; members: readonly Member[] }, replace: boolean): void {
  db.transaction(() => {
    const existing = db.prepare('SELECT id FROM campaigns WHERE name = ?').pluck().get(c.name) as number | undefined;
    if (existing !== undefined) {
      if (!replace) throw new DataError(said('campaign.exists', { name: c.name }));
      db.prepare('DELETE FROM campaigns WHERE id = ?').run(existing);
    }
    const id = Number(
      db.prepare('INSERT INTO campaigns (name, sent_day, source, rows_read, unmatched, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(c.name, c.sentDay, c.source, c.rowsRead, c.unmatched, c.createdAt).lastInsertRowid,
    );
    const put = db.prepare('INSERT INTO campaign_members (campaign, platform, shop, customer_key, grp) VALUES (?, ?, ?, ?, ?)');
    for (const m of c.members) put.run(id, m.platform, m.shop, m.customerKey, m.group);
  })();
}

export function listCampaigns(db: Db): CampaignInfo[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.sent_day, c.source, c.rows_read, c.unmatched, c.created_at,
         (SELECT count(*) FROM campaign_members m WHERE m.campaign = c.id AND m.grp = 'treatment'),
         (SELECT count(*) FROM campaign_members m WHERE m.campaign = c.id AND m.grp = 'control')
       FROM campaigns c ORDER BY c.sent_day, c.name`,
    )
    .raw(true)
    .all() as [number, string, number | null, string, number, number, string, number, number][];
  return rows.map((r) => ({ id: r[0], name: r[1], sentDay: r[2], source: r[3], rowsRead: r[4], unmatched: r[5], createdAt: r[6], treatment: r[7], control: r[8] }));
}

export function findCampaign(db: Db, name: string): CampaignInfo {
  const all = listCampaigns(db);
  const found = all.find((c) => c.name === name);
  if (found) return found;
  if (all.length === 0) throw new DataError(said('campaign.noneYet', { name }));
  throw new DataError(said('campaign.unknown', { name, list: all.map((c) => `'${c.name}'`).slice(0, 8).join(', ') }));
}

export function campaignMembers(db: Db, id: number): Member[] {
  const rows = db.prepare('SELECT platform, shop, customer_key, grp FROM campaign_members WHERE campaign = ? ORDER BY platform, shop, customer_key').raw(true).all(id) as [string, string, string, Member['group']][];
  return rows.map(([platform, shop, customerKey, group]) => ({ platform, shop, customerKey, group }));
}

export function dropCampaign(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM campaigns WHERE name = ?').run(name).changes > 0;
}

/** What `campaign report` reads: the campaign, the purchases, and its groups as indexes into the log's customers. */
export interface CampaignReportInput {
  campaign: CampaignInfo;
  /** The send day. */
  sent: EpochDay;
  log: PurchaseLog;
  /** The currency taken from the members' shops when none was given (membersCurrency), said by the command. */
  currency?: string;
  /** Targeted customers' log indexes (−1: a member with no counted purchase in the log); listed in member order. */
  treatment: number[];
  control: number[];
  /**
   * A store of several shops: where each shop's data end and each customer's and member's shop (the members of a
   * shop without a purchase in the log too), with the shops' names (`platform/shop`). Absent for a store of one.
   */
  shops?: CampaignShops & { names: string[] };
}

/**
 * Reads a stored campaign for its report: a campaign without a send day is a data error (said before the
 * purchases are read).
 */
export function loadCampaignReport(db: Db, name: string, filter: OrderFilter): CampaignReportInput {
  const campaign = findCampaign(db, name);
  if (campaign.sentDay === null) throw new DataError(said('campaign.noSentDay', { name }));
  const currency = filter.currency === undefined ? membersCurrency(db, campaign.id) : null;
  const log = loadPurchaseLog(db, currency === null ? filter : { ...filter, currency });
  const members = campaignMembers(db, campaign.id);
  const indexOf = new Map(log.customers.map((ref, c) => [identityId(customerIdentity(ref)), c]));
  const treatment: number[] = [];
  const control: number[] = [];
  for (const m of members) (m.group === 'control' ? control : treatment).push(indexOf.get(identityId(m)) ?? -1);
  return { campaign, sent: campaign.sentDay, log, treatment, control, ...(currency === null ? {} : { currency }), ...memberShops(db, log, members) };
}

/**
 * In a database of orders in several currencies, the one currency of the counted orders of the campaign's
 * members' shops (a campaign sent in one GBP shop of a store that also holds USD shops needs no --currency);
 * null when the database has one currency, or the members' shops have orders in more than one (then
 * --currency is asked for, as by every report).
 */
function membersCurrency(db: Db, campaign: number): string | null {
  if (runCurrencies(db).length < 2) return null;
  const found = db
    .prepare(
      `SELECT DISTINCT coalesce(o.currency, s.row_currency) FROM order_rows o JOIN sources s ON s.id = o.source
       WHERE o.source IN (SELECT s2.id FROM sources s2 JOIN campaign_members m ON m.platform = s2.platform AND m.shop = s2.shop WHERE m.campaign = ?)
         AND o.status IN (${COUNTED_CODES_SQL}) AND o.customer_id IS NOT NULL LIMIT 2`,
    )
    .pluck()
    .all(campaign) as string[];
  return found.length === 1 ? found[0] : null;
}

/** The shops of a store of several (see CampaignReportInput.shops), the members' in member order as loadCampaignReport lists them. */
function memberShops(db: Db, log: PurchaseLog, members: readonly Member[]): { shops?: CampaignReportInput['shops'] } {
  const found = logShops(db, log);
  if (found === null) return {};
  const names = found.shops.map((s) => `${s.platform}/${s.shop}`);
  const end: (EpochDay | null)[] = measureShopEnds(log, found.shopOf, found.shops.length).last.map((d) => (d === null ? null : d + 1));
  const shopIndex = (m: Member) => {
    const name = `${m.platform}/${m.shop}`;
    let s = names.indexOf(name);
    if (s < 0) {
      // a shop with no purchase in the log (another currency, say): nothing of it can be measured
      s = names.push(name) - 1;
      end.push(null);
    }
    return s;
  };
  const treatment: number[] = [];
  const control: number[] = [];
  for (const m of members) (m.group === 'control' ? control : treatment).push(shopIndex(m));
  return { shops: { names, end, shopOf: found.shopOf, treatment: Int32Array.from(treatment), control: Int32Array.from(control) } };
}
