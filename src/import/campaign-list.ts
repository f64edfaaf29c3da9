/**
 * Reading a campaign list (CSV, any encoding `import` reads, or xlsx): one targeted customer per row, named by
 * one of the columns customer_key, order_id, buyer_id (also buyer, customer, customer_id), email or phone (the
 * first non-empty one in that order), and optionally a `group` column: treatment or control, and `platform` and
 * `shop` columns (as `campaign split` writes them) that keep a row to the customer of that platform and shop.
 */
import { DataError, InputError } from '../errors.js';
import { openRows } from './read.js';
import { said } from '../report/said.js';
import { parseDay, type EpochDay } from '../domain/day.js';

export const LIST_KEYS = ['customer_key', 'order_id', 'buyer_id', 'email', 'phone'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

type ListColumn = ListKey | 'group' | 'platform' | 'shop' | 'as_of';

const HEADERS: Record<ListColumn, string[]> = {
  customer_key: ['customer_key', 'customerkey', 'buyer_key', '客户键', '买家键'],
  order_id: ['order_id', 'orderid', 'order', 'order_number', '订单号', '订单编号'],
  buyer_id: ['buyer_id', 'buyerid', 'buyer', 'customer_id', 'customerid', 'customer', '买家', '买家id', '客户'],
  email: ['email', 'e-mail', 'email_address', '邮箱'],
  phone: ['phone', 'mobile', 'phone_number', 'telephone', '手机', '手机号', '电话'],
  group: ['group', 'grp', 'arm', '分组', '组别'],
  platform: ['platform', '平台'],
  shop: ['shop', 'store', '店铺', '店铺名称'],
  as_of: ['as_of', '截至'],
};

const GROUPS: Record<string, 'treatment' | 'control'> = {
  treatment: 'treatment', test: 'treatment', target: 'treatment', targeted: 'treatment', t: 'treatment', 实验组: 'treatment', 发送: 'treatment',
  control: 'control', holdout: 'control', c: 'control', 对照组: 'control', 对照: 'control', 不发送: 'control',
};

export interface ListRow {
  line: number;
  key: ListKey;
  value: string;
  group: 'treatment' | 'control';
  /** The row's platform and shop cells, when the list has those columns and they are filled: only that shop's customer. */
  platform?: string;
  shop?: string;
  /** The row's `as_of` cell (campaign split writes it: the day the customer was measured as of), when it is a day. */
  asOf?: EpochDay;
}

export interface CampaignList {
  rows: ListRow[];
  /** Rows that name nobody (every identifier column empty). */
  blank: number[];
  /** Identifier columns found, in the file's order. */
  columns: ListKey[];
  hasGroup: boolean;
}

/** `'=x` → `=x`: the apostrophe orderlens (and spreadsheets) put before a cell that would run as a formula. */
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s]+/g, '_');

export async function readCampaignList(path: string): Promise<CampaignList> {
  let file;
  try {
    file = await openRows(path, { encoding: 'auto' });
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(said('campaignList.cannotRead', { file: path, why: (e as Error).message }));
  }
  const rows: ListRow[] = [];
  const blank: number[] = [];
  let header: Map<ListColumn, number> | null = null;
  for await (const row of file.rows) {
    if (header === null) {
      header = new Map();
      const cells = row.cells.map(norm);
      for (const [key, names] of Object.entries(HEADERS) as [ListColumn, string[]][]) {
        const at = cells.findIndex((c) => names.includes(c));
        if (at >= 0) header.set(key, at);
      }
      if (!LIST_KEYS.some((k) => header!.has(k))) {
        throw new InputError(path, row.line, said('campaignList.noColumn', { list: LIST_KEYS.join(', ') }));
      }
      continue;
    }
    const cell = (k: ListColumn) => {
      const at = header!.get(k);
      return at === undefined ? '' : unguard((row.cells[at] ?? '').trim());
    };
    const key = LIST_KEYS.find((k) => cell(k) !== '');
    if (key === undefined) {
      blank.push(row.line);
      continue;
    }
    const g = cell('group');
    const group = g === '' ? 'treatment' : GROUPS[g.toLowerCase()];
    if (group === undefined) throw new InputError(path, row.line, said('campaignList.badGroup', { group: g }));
    const platform = cell('platform');
    const shop = cell('shop');
    // a day as split wrote it; anything else (a spreadsheet's own date format, say) is left unread: it only checks --sent
    const asOf = parseDay(cell('as_of'));
    rows.push({ line: row.line, key, value: cell(key), group, ...(platform === '' ? {} : { platform }), ...(shop === '' ? {} : { shop }), ...(asOf === null ? {} : { asOf }) });
  }
  if (header === null) throw new InputError(path, null, said('read.empty'));
  return { rows, blank, columns: LIST_KEYS.filter((k) => header!.has(k)), hasGroup: header.has('group') };
}
