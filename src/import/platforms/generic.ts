/**
 * The generic adapter: any CSV/TSV with a header row that has (at least) a customer, a date and an amount
 * column, found by name with English and Chinese aliases (or `--map field=Header`).
 *
 * - Rows that share an order id and stand next to each other are the line items of one order; their
 *   amounts add up. Without an order-id column each row is one order whose id is derived from the row's
 *   content and its occurrence number in the file, so re-importing the same file stays idempotent.
 * - Without an amount column, amount = unit price × quantity.
 * - Without a status column orders are `completed`; a refund column makes them (partially) refunded.
 * - A row without a customer (a guest checkout) is an order without a buyer, never a rejected row.
 * - Negative amounts (returns, credit notes, `C…` invoices) become `refunded` orders with a negative gross:
 *   never a purchase, but they reduce the customer's net revenue (db/queries.ts applyReturns).
 */
import { InputError, UsageError } from '../../errors.js';
import { minorDigits, NO_AMOUNTS as NO_AMOUNT_CURRENCY } from '../../domain/money.js';
import { NO_ITEMS, ORDER_STATUSES, type BuyerIdentity, type NormalizedOrder, type OrderItem, type OrderStatus } from '../../domain/order.js';
import { headerList, type Adapter, type AdapterContext, type Header, type Mapped, type PlainChunk, type PlainOrders, type RowMapper, type SourceRow } from '../adapter.js';
import { classifyBuyer, lettersAndDigits } from '../buyer.js';
import { cleanCell, isScientificId } from '../cells.js';
import { LIMITS, orderRowsReason } from '../limits.js';
import { parseAmount, plainAmountAt, type AmountOptions } from '../parse-amount.js';
import { parseDate, PLAIN_DATE, plainIsoDateAt, type DateOptions, type ParsedDate } from '../parse-date.js';
import { statusFrom } from '../status.js';
import { namesNobody, statusAfterRefund } from './order-fields.js';
import { said, type Said } from '../../report/said.js';
import { genericDerivedId, genericRowDigest } from '../../identity/derived-order-id.js';
import type { BuyerSlots } from '../../identity/buyer-slots.js';
import type { StoredBuyer } from '../../identity/buyer-key.js';
import { KINDS } from '../mapped-codec.js';
import { CHUNK_MAX_ROWS } from '../row-chunks.js';

/** Field → header aliases (compared case-insensitively, trimmed). */
export const GENERIC_FIELDS = {
  order_id: ['order_id', 'order id', 'orderid', 'order_no', 'order no', 'order number', 'order_number', 'invoice', 'invoiceno', 'invoice_no', 'transaction_id', '订单编号', '订单号', '订单id'],
  customer: ['customer_id', 'customer id', 'customerid', 'customer', 'cust', 'email', 'customer_email', 'buyer', 'buyer_id', 'user_id', 'userid', 'client', 'id', '买家会员名', '客户', '客户id', '会员名', '用户id'],
  date: ['order_date', 'order date', 'orderdate', 'date', 'created_at', 'created at', 'invoicedate', 'purchase_date', 'order_purchase_timestamp', 'timestamp', 'datetime', '下单时间', '订单创建时间', '付款时间', '日期'],
  amount: ['amount', 'total', 'order_total', 'order total', 'grand_total', 'grand total', 'revenue', 'sales', 'value', 'dollar_value', '实付金额', '订单金额', '金额', '销售额'],
  status: ['status', 'order_status', 'order status', '订单状态', '状态'],
  currency: ['currency', 'currency_code', '币种'],
  quantity: ['quantity', 'qty', 'cds', 'number_of_cds', '数量', '购买数量'],
  sku: ['sku', 'stockcode', 'stock_code', 'product_id', '商品编码', '商家编码'],
  product: ['product', 'title', 'description', 'product_name', 'item', '商品名称', '宝贝标题'],
  refund: ['refund', 'refunded', 'refund_amount', 'refunded_amount', '退款金额'],
  price: ['unit_price', 'unitprice', 'price', '单价'],
} as const;

export type GenericField = keyof typeof GENERIC_FIELDS;

/**
 * Customer headers that hold a buyer's nickname or name, not an opaque id: their values are personal data
 * even when they look like ids (`tb86363067`), so they are hashed and masked like names.
 */
const NICKNAME_HEADERS = new Set(['买家会员名', '会员名', '客户', 'buyer', 'client']);

/** Amount symbols that tell the currency of a file without a currency column. */
const SYMBOL_CURRENCY: [RegExp, string][] = [
  [/US\$|^\$|\$$|\$\s*\d/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/[¥￥元]/, 'CNY'],
];
const REQUIRED: GenericField[] = ['customer', 'date', 'amount'];

type Columns = Record<GenericField, number>;

/** Orders kept waiting for the file to show its slash-date order (about 1 KB each at most). */
const DEFER_MAX = 100_000;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/;

/** What a slash date shows of its order: `9/7/11` either, `3/14/11` month first, `14/3/11` day first; null: not a slash date (or neither). */
function slashOrder(text: string): 'mdy' | 'dmy' | 'either' | null {
  // its first separator is the second or third character (not so in `2024-03-01`: no regular expression run)
  const c1 = text.charCodeAt(1);
  const c2 = text.charCodeAt(2);
  if (!(c1 === 47 || c1 === 46 || c1 === 45 || c2 === 47 || c2 === 46 || c2 === 45)) return null;
  const m = SLASH_DATE.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return a <= 12 && b <= 12 ? 'either' : null;
}

/** Column index of each field, honouring `--map field=Header` first. */
export function locateColumns(header: Header, map: Record<string, string>): Columns {
  const cols = {} as Columns;
  for (const field of Object.keys(GENERIC_FIELDS) as GenericField[]) {
    cols[field] = map[field] !== undefined ? header.find(map[field]) : header.find(...GENERIC_FIELDS[field]);
  }
  return cols;
}

function missingFields(cols: Columns): GenericField[] {
  return REQUIRED.filter((f) => cols[f] < 0 && !(f === 'amount' && cols.price >= 0));
}

/** The columns a generic file needs (customer, date, amount) that `header` lacks. */
export function missingGenericFields(header: Header): GenericField[] {
  return missingFields(locateColumns(header, {}));
}

/**
 * A transaction log without amounts (`cust,date`, `date,id`): a customer and a date column, no amount or
 * price column, and every column of the file known (so a mis-named amount column, `Betrag`, still asks for
 * --map amount=… instead of importing without money).
 */
function isAmountlessLog(header: Header, cols: Columns): boolean {
  const missing = missingFields(cols);
  if (missing.length !== 1 || missing[0] !== 'amount') return false;
  const known = new Set(Object.values(cols).filter((i) => i >= 0));
  return header.names.every((name, i) => known.has(i) || name === '');
}



export const generic: Adapter = {
  id: 'generic',
  label: 'generic orders file',
  shopColumns: ['store', 'shop', 'store_name', 'store name', 'shop_name', 'shop name', 'seller', '店铺', '店铺名称'],
  defaultZone: 'UTC',
  defaultCurrency: 'CNY',
  match(header) {
    // Low on purpose: a platform's own fingerprint always wins over the generic reading.
    const cols = locateColumns(header, {});
    return missingFields(cols).length === 0 || isAmountlessLog(header, cols) ? 0.5 : 0;
  },
  explain(header) {
    const missing = missingFields(locateColumns(header, {}));
    return missing.length === 0 ? said('detect.genericAll') : said('detect.genericMissing', { fields: missing });
  },
  open(header, ctx) {
    const cols = locateColumns(header, ctx.map);
    for (const [field, name] of Object.entries(ctx.map)) {
      if (!Object.hasOwn(GENERIC_FIELDS, field)) {
        throw new UsageError(said('import.mapField', { pair: `${field}=${name}`, field, fields: Object.keys(GENERIC_FIELDS).join(', ') }));
      }
      if (header.find(name) < 0) throw new InputError(ctx.file, null, said('columns.mapNoColumn', { pair: `${field}=${name}`, name, headers: headerList(header.raw) }));
    }
    for (const [field, i] of Object.entries(cols)) {
      const twice = header.duplicateOf(i, field);
      if (twice) throw new InputError(ctx.file, null, twice);
    }
    const missing = missingFields(cols);
    if (missing.length > 0 && !isAmountlessLog(header, cols)) {
      throw new InputError(
        ctx.file,
        null,
        said('generic.missing', { fields: missing.join(', '), n: missing.length, headers: headerList(header.raw), first: missing[0] }),
      );
    }
    // also when --map names the column (`--map customer=买家会员名`)
    const nicknames = NICKNAME_HEADERS.has(header.names[cols.customer]);
    return new GenericMapper(cols, ctx, nicknames);
  },
};

interface Pending {
  orderId: string;
  first: SourceRow;
  rows: SourceRow[];
}

class GenericMapper implements RowMapper {
  private pending: Pending | null = null;
  /** Occurrences of each row content (only for files without order ids). */
  private readonly seen = new Map<string, number>();
  private dateOptions: DateOptions;
  /**
   * Slash dates without --date-order: the order the file's own dates show (a first part over 12 = day first,
   * a second part over 12 = month first), with the first date that showed it. Orders whose dates read
   * either way wait in `deferred` until one does (at most DEFER_MAX; if none does, they are rejected as
   * ambiguous); a later date that shows the other order is rejected.
   */
  private inferred: { order: 'mdy' | 'dmy'; line: number; text: string } | null = null;
  private deferred: { orderId: string; rows: SourceRow[] }[] = [];
  private undecidable = false;
  /** Status texts repeat: read each once (the text kept is the first row's). */
  private readonly statuses = new Map<string, { text: string; status: OrderStatus }>();
  /** The status text of the last order with one (most rows repeat it). */
  private lastStatus: { text: string; status: OrderStatus } = { text: '', status: 'completed' };
  /** The last currency cell (or default) read, and its upper-case form. */
  private currencyCell = '';
  private currencyText = '';
  private currencyValid = false;
  private money: AmountOptions = { digits: 2 };

  /** Currency read from the amounts' symbol when the file has no currency column and no --currency. */
  private symbolCurrency: string | null = null;
  /** Nothing in the file named the currency of its amounts: the platform default was taken. */
  private assumed = false;
  /** A transaction log without amounts (isAmountlessLog): purchases in NO_AMOUNT_CURRENCY, amounts 0. */
  private readonly amountless: boolean;
  private purchases = 0;
  private readonly notesSeen: Said[] = [];
  /** The last state settle() said, kept while it stays the same (it is asked for every few orders). */
  private stateText: {
    inferred: GenericMapper['inferred'];
    symbol: string | null;
    assumed: boolean;
    undecidable: boolean;
    notes: number;
    text: string;
  } | null = null;

  /**
   * plainChunk's columns (order id, customer, date, amount, status or −1, currency or −1) and the cells a record must
   * have, or 0: the file has columns plainChunk does not read (quantities, item lines, refunds), or no order ids.
   */
  private readonly plainCols: Int32Array;
  private readonly plainWidth: number;
  /** plainChunk's rows, read before any is written (PLAIN_ROWS at most: a chunk of one-row orders). */
  private readonly plainIds: string[] = new Array<string>(PLAIN_ROWS).fill('');
  private readonly plainBuyers: string[] = new Array<string>(PLAIN_ROWS).fill('');
  private readonly plainRaws: (string | null)[] = new Array<string | null>(PLAIN_ROWS).fill(null);
  /** Per row: line, instant, day, gross, buyer kind (KINDS; −1 none), status (ORDER_STATUSES). */
  private readonly plainNums = new Float64Array(PLAIN_ROWS * 6);
  private readonly cellStart = new Int32Array(16);
  private readonly cellEnd = new Int32Array(16);
  private readonly plainDate: ParsedDate = { ms: 0, day: 0 };

  constructor(
    private readonly cols: Columns,
    private readonly ctx: AdapterContext,
    private readonly nicknames = false,
  ) {
    this.dateOptions = { zone: ctx.zone, zoneForced: ctx.zoneForced, order: ctx.dateOrder };
    this.amountless = cols.amount < 0 && cols.price < 0;
    const plain = cols.order_id >= 0 && cols.customer >= 0 && cols.date >= 0 && cols.amount >= 0 && cols.quantity < 0 && cols.sku < 0 && cols.product < 0 && cols.refund < 0;
    this.plainCols = Int32Array.of(cols.order_id, cols.customer, cols.date, cols.amount, cols.status, cols.currency);
    this.plainWidth = plain ? Math.max(...this.plainCols) + 1 : 0;
    if (this.plainWidth > this.cellStart.length) this.plainWidth = 0;
  }

  /** The cleaned cell of column `i` (a field's, this.cols.FIELD: by number, so each read is a plain one), '' when −1. */
  private cell(row: SourceRow, i: number): string {
    return i < 0 ? '' : cleanCell(row.cells[i]);
  }

  push(row: SourceRow): Mapped[] {
    if (this.cols.order_id < 0) return this.emit(this.derivedId(row), [row]);
    const orderId = this.cell(row, this.cols.order_id);
    if (orderId === '') return [{ reject: { line: row.line, reason: said('reject.noOrderId') } }];
    if (this.pending && this.pending.orderId === orderId) {
      // one order id, another customer: two purchases that would merge into the first one's order
      const customer = this.cell(row, this.cols.customer);
      const first = this.cell(this.pending.first, this.cols.customer);
      if (customer !== '' && first !== '' && customer !== first) {
        return [{ reject: { line: row.line, reason: said('reject.otherCustomer', { id: orderId, line: String(this.pending.first.line) }) } }];
      }
      if (this.pending.rows.length >= LIMITS.orderRows) return [{ reject: { line: row.line, reason: orderRowsReason(orderId) } }];
      this.pending.rows.push(row);
      return [];
    }
    const out = this.completePending();
    this.pending = { orderId, first: row, rows: [row] };
    return out;
  }

  end(): Mapped[] {
    return [...this.completePending(), ...this.finish()];
  }

  groupKey(row: SourceRow): string | null {
    return this.cols.order_id < 0 ? null : this.cell(row, this.cols.order_id);
  }

  groupColumn(): number {
    return this.cols.order_id;
  }

  settle(): { out: Mapped[]; state: string | null } {
    const out = this.completePending();
    // rows without order ids are numbered by their repeats (derivedId), amountless files count purchases,
    // orders waiting for the date order are held back: none of that survives skipping rows
    if (this.cols.order_id < 0 || this.amountless || this.deferred.length > 0) return { out, state: null };
    const i = this.inferred;
    let was = this.stateText;
    // what the state is made of, compared as it is (the text is made again only when one of them changed)
    if (was === null || was.inferred !== i || was.symbol !== this.symbolCurrency || was.assumed !== this.assumed || was.undecidable !== this.undecidable || was.notes !== this.notesSeen.length) {
      const parts = [i ? `${i.order}:${i.line}:${i.text}` : '', this.symbolCurrency ?? '', this.assumed ? 1 : 0, this.undecidable ? 1 : 0, this.notesSeen.length];
      was = { inferred: i, symbol: this.symbolCurrency, assumed: this.assumed, undecidable: this.undecidable, notes: this.notesSeen.length, text: parts.join('\u0001') };
      this.stateText = was;
    }
    return { out, state: was.text };
  }

  plainChunk(chunk: PlainChunk, slots: BuyerSlots, run: PlainOrders): boolean {
    // what build reads from the mapper's state must be settled: no order open or waiting, the currency known
    const width = this.plainWidth;
    if (width === 0 || this.pending !== null || this.deferred.length > 0 || chunk.rows > PLAIN_ROWS) return false;
    const currencyCol = this.plainCols[5];
    if (currencyCol < 0) {
      const currency = this.ctx.currencyForced ? this.ctx.currency : this.symbolCurrency;
      if (currency === null || currency !== this.currencyCell || !this.currencyValid) return false;
    } else if (this.currencyCell === '' || !this.currencyValid) return false;
    const t = chunk.text;
    const end = chunk.end;
    // quoted cells: the general reading
    if (chunk.nextQuote < chunk.start) {
      const q = t.indexOf('"', chunk.start);
      chunk.nextQuote = q < 0 ? t.length : q;
    }
    if (chunk.nextQuote < end) return false;
    const delim = chunk.delimiter;
    const [idCol, customerCol, dateCol, amountCol, statusCol] = this.plainCols;
    const currencyCell = this.currencyCell;
    const starts = this.cellStart;
    const ends = this.cellEnd;
    const nums = this.plainNums;
    const ids = this.plainIds;
    const buyers = this.plainBuyers;
    const raws = this.plainRaws;
    const date = this.plainDate;
    let lastId = '';
    let line = chunk.linesBefore;
    let rows = 0;
    let withBuyer = 0;
    /** Orders of an unknown status (mapChunk counts them in neither the mark's orders nor its buyers). */
    let unknown = 0;
    // every row read (what push, build and collect would make of it) before any is written
    for (let pos = chunk.start; pos < end; ) {
      let nl = t.indexOf('\n', pos);
      if (nl < 0 || nl >= end) nl = end;
      const stop = nl > pos && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      line++;
      if (stop === pos) {
        // a blank line
        pos = nl + 1;
        continue;
      }
      if (rows === chunk.rows) return false;
      // cell by cell with indexOf (the fastest way to cut them: a loop over the characters takes about three times as long)
      for (let c = 0, i = pos; c < width; c++) {
        // a record without the cells read: the general reading
        if (i > stop) return false;
        let d = t.indexOf(delim, i);
        if (d < 0 || d > stop) d = stop;
        starts[c] = i;
        ends[c] = d;
        i = d + 1;
      }
      pos = nl + 1;
      // the order id: as it is (cleanCell changes nothing), not a spreadsheet's rounding, and not the last row's (an order of several rows)
      const is = starts[idCol];
      const ie = ends[idCol];
      if (!asIs(t, is, ie)) return false;
      const id = t.slice(is, ie);
      if (id === lastId || isScientificId(id)) return false;
      lastId = id;
      const at = rows * 6;
      nums[at] = line;
      // the buyer: none for an empty cell (namesNobody), else as classifyBuyer reads it
      const cs = starts[customerCol];
      const ce = ends[customerCol];
      let kind = -1;
      if (ce > cs) {
        if (!asIs(t, cs, ce)) return false;
        let value = t.slice(cs, ce);
        if (!namesNobody(value)) {
          kind = 0;
          if (!lettersAndDigits(value)) {
            const b = classifyBuyer(value);
            value = b.value;
            kind = KINDS.indexOf(b.kind);
          }
          if (this.nicknames && kind === 0) kind = 3;
          if (value.length > LIMITS.buyerChars) return false;
          buyers[rows] = value;
          withBuyer++;
        }
      }
      nums[at + 4] = kind;
      // a plain ISO date, a plain amount (anything else, and what they reject, the general reading)
      if (!asIs(t, starts[dateCol], ends[dateCol]) || plainIsoDateAt(t, starts[dateCol], ends[dateCol], this.dateOptions, date) !== PLAIN_DATE) return false;
      nums[at + 1] = date.ms;
      nums[at + 2] = date.day;
      if (!asIs(t, starts[amountCol], ends[amountCol])) return false;
      const gross = plainAmountAt(t, starts[amountCol], ends[amountCol], this.money);
      if (gross === null || gross === undefined) return false;
      nums[at + 3] = gross;
      // the currency cell: the last order's, as it is (then build keeps the currency, its digits and its text)
      if (currencyCol >= 0) {
        const ks = starts[currencyCol];
        const ke = ends[currencyCol];
        if (ke - ks !== currencyCell.length || !asIs(t, ks, ke)) return false;
        for (let k = 0; k < currencyCell.length; k++) if (t.charCodeAt(ks + k) !== currencyCell.charCodeAt(k)) return false;
      }
      // the status text: the last one's (one string), or read once
      let raw: string | null = null;
      let fileStatus: OrderStatus = 'completed';
      if (statusCol >= 0 && ends[statusCol] > starts[statusCol]) {
        const ss = starts[statusCol];
        const se = ends[statusCol];
        if (!asIs(t, ss, se)) return false;
        const last = this.lastStatus.text;
        let same = se - ss === last.length;
        for (let k = 0; same && k < last.length; k++) same = t.charCodeAt(ss + k) === last.charCodeAt(k);
        if (!same) this.lastStatus = this.statusOf(t.slice(ss, se));
        raw = this.lastStatus.text;
        fileStatus = this.lastStatus.status;
      }
      // no refund: the file's status, or refunded for a negative amount (statusAfterRefund with nothing refunded)
      const status = gross < 0 ? 'refunded' : fileStatus;
      if (status === 'unknown') {
        unknown++;
        if (kind >= 0) withBuyer--;
      }
      nums[at + 5] = ORDER_STATUSES.indexOf(status);
      ids[rows] = id;
      raws[rows] = raw;
      rows++;
    }
    if (rows !== chunk.rows) return false;
    // written: each order with its buyer numbered, then the chunk's mark (as mapChunk makes it: settle's state stays)
    for (let r = 0; r < rows; r++) {
      const at = r * 6;
      const kind = nums[at + 4];
      let slot = -1;
      let stored: StoredBuyer | null = null;
      if (kind >= 0) {
        const b = slots.numberOf(kind, buyers[r]);
        if (b >= 0) slot = b;
        else {
          slot = -b - 1;
          stored = slots.storedOf(KINDS[kind], buyers[r]);
        }
      }
      run.order(slot, stored, kind, nums[at], nums[at + 1], nums[at + 2], nums[at + 3], nums[at + 5], raws[r], ids[r], this.currencyText);
      this.purchases++;
    }
    const orders = rows - unknown;
    const clean = unknown === 0 && (withBuyer === 0 || withBuyer === orders);
    run.mark(chunk.lo, chunk.hi, rows, orders, clean, clean && withBuyer === 0);
    return true;
  }

  /** The order whose rows were being gathered. */
  private completePending(): Mapped[] {
    const p = this.pending;
    this.pending = null;
    return p ? this.emit(p.orderId, p.rows) : [];
  }

  /** Ends the file: orders still waiting for the date order read their dates as ambiguous (rejected). */
  private finish(): Mapped[] {
    this.undecidable = true;
    const waiting = this.deferred;
    this.deferred = [];
    return waiting.map((d) => this.build(d.orderId, d.rows));
  }

  /** Builds an order, or keeps it waiting while its slash date reads either way and the file has not shown which. */
  private emit(orderId: string, rows: SourceRow[]): Mapped[] {
    if (!this.ctx.dateOrder && !this.inferred && !this.undecidable && slashOrder(this.cell(rows[0], this.cols.date)) === 'either') {
      if (this.deferred.length < DEFER_MAX) {
        this.deferred.push({ orderId, rows });
        return [];
      }
      return [...this.finish(), this.build(orderId, rows)];
    }
    const built = this.build(orderId, rows);
    if (this.deferred.length === 0) return [built];
    const waiting = this.deferred;
    this.deferred = [];
    return [...waiting.map((d) => this.build(d.orderId, d.rows)), built];
  }

  inferredDateOrder(): 'mdy' | 'dmy' | null {
    return this.inferred?.order ?? null;
  }

  /** The row's id: keyed (it is derived from the buyer's cell too), numbered by the row content's occurrence. */
  private derivedId(row: SourceRow): string {
    const content = genericRowDigest(row.cells);
    const n = (this.seen.get(content) ?? 0) + 1;
    this.seen.set(content, n);
    return genericDerivedId(this.ctx.idKey, content, n);
  }

  /** What the import should tell the user about this file. */
  notes(): Said[] {
    if (!this.amountless || this.purchases === 0) return this.notesSeen;
    return [
      ...this.notesSeen,
      said('generic.noAmounts', { n: this.purchases, currency: NO_AMOUNT_CURRENCY }),
    ];
  }

  /** Whether the file's purchases have no amounts (a transaction log). */
  noAmounts(): boolean {
    return this.amountless;
  }

  assumedCurrency(): string | null {
    return this.assumed ? this.symbolCurrency : null;
  }

  /**
   * The currency of a row without a currency cell: --currency when given; else the one the first amount's
   * symbol names (`$5.00` → USD), said once; else the platform default.
   */
  private defaultCurrency(row: SourceRow): string {
    if (this.ctx.currencyForced || this.cols.currency >= 0) return this.ctx.currency;
    if (this.symbolCurrency === null) {
      const text = this.cell(row, this.cols.amount >= 0 ? this.cols.amount : this.cols.price);
      const hit = SYMBOL_CURRENCY.find(([re]) => re.test(text));
      this.symbolCurrency = hit ? hit[1] : this.ctx.currency;
      this.assumed = !hit;
      if (hit && hit[1] !== this.ctx.currency) {
        this.notesSeen.push(said('generic.symbolCurrency', { text, currency: hit[1] }));
      }
    }
    return this.symbolCurrency;
  }

  private build(orderId: string, rows: SourceRow[]): Mapped {
    const first = rows[0];
    const line = first.line;
    if (isScientificId(orderId)) return rejected(line, said('reject.scientificGeneric', { text: orderId }));
    // a row without a customer (a guest checkout) is an order without a buyer, as on every platform (namesNobody)
    const customer = this.cell(first, this.cols.customer);
    const dateText = this.cell(first, this.cols.date);
    if (!this.ctx.dateOrder && !this.undecidable) {
      const shown = slashOrder(dateText);
      if (shown === 'mdy' || shown === 'dmy') {
        if (!this.inferred) {
          this.inferred = { order: shown, line, text: dateText };
          this.dateOptions.order = shown;
        } else if (shown !== this.inferred.order) {
          const how = (o: 'mdy' | 'dmy') => said(o === 'mdy' ? 'import.month' : 'import.day');
          return rejected(line, said('reject.dateOrderClash', { text: dateText, how: how(shown), line: String(this.inferred.line), other: this.inferred.text, otherHow: how(this.inferred.order) }));
        }
      }
    }
    const date = parseDate(dateText, this.dateOptions);
    if (!date) {
      if (dateText === '') return rejected(line, said('reject.missingDate'));
      if (!this.ctx.dateOrder && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(dateText)) {
        return rejected(line, said('reject.ambiguousDate', { text: dateText }));
      }
      return rejected(line, said('reject.unreadableDate', { text: dateText }));
    }
    const currencyCell = this.amountless ? NO_AMOUNT_CURRENCY : this.cell(first, this.cols.currency) || this.defaultCurrency(first);
    if (currencyCell !== this.currencyCell) {
      const upper = currencyCell.toUpperCase();
      this.currencyCell = currencyCell;
      if (upper !== this.currencyText) {
        this.currencyText = upper;
        this.currencyValid = /^[A-Z]{3}$/.test(upper);
        if (this.currencyValid) this.money = { digits: minorDigits(upper), decimalComma: this.ctx.decimalComma };
      }
    }
    // the text of the rows before while it stays the same (one string for all of them)
    const currency = this.currencyText;
    if (!this.currencyValid) return rejected(line, said('reject.unknownCurrency', { text: currency }));
    const money = this.money;

    let gross = 0;
    let quantity = 0;
    // most orders have no item lines: the shared empty array, not one each
    let items: OrderItem[] = NO_ITEMS;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const qtyText = this.cell(r, this.cols.quantity);
      const qty = qtyText === '' ? 1 : Number(qtyText);
      if (!Number.isFinite(qty)) return { reject: { line: r.line, reason: said('reject.unreadableQuantity', { text: qtyText }) } };
      let lineTotal: number | null;
      let unitPrice: number | null = null;
      if (this.amountless) {
        lineTotal = 0;
      } else if (this.cols.amount >= 0) {
        const text = this.cell(r, this.cols.amount);
        lineTotal = parseAmount(text, money);
        if (lineTotal === null) return { reject: { line: r.line, reason: text === '' ? said('reject.missingAmount') : said('reject.unreadableAmount', { text }) } };
      } else {
        const text = this.cell(r, this.cols.price);
        unitPrice = parseAmount(text, money);
        if (unitPrice === null) return { reject: { line: r.line, reason: text === '' ? said('reject.missingPrice') : said('reject.unreadablePrice', { text }) } };
        lineTotal = Math.round(unitPrice * qty);
      }
      gross += lineTotal;
      quantity += qty;
      const sku = this.cell(r, this.cols.sku) || null;
      const title = this.cell(r, this.cols.product) || null;
      if (sku !== null || title !== null || rows.length > 1 || this.cols.quantity >= 0) {
        if (items === NO_ITEMS) items = [];
        items.push({ line: i + 1, sku, title, quantity: qty, unitPrice, lineTotal });
      }
    }

    const refundText = this.cell(first, this.cols.refund);
    const refunded = refundText === '' ? 0 : parseAmount(refundText, money);
    if (refunded === null) return rejected(line, said('reject.unreadableRefund', { text: refundText }));
    const statusCell = this.cell(first, this.cols.status);
    let statusRaw: string | null = null;
    let fileStatus: OrderStatus = 'completed';
    if (statusCell !== '') {
      if (statusCell !== this.lastStatus.text) this.lastStatus = this.statusOf(statusCell);
      // the same text as the first row that had it, as one string (later checks compare it by reference)
      statusRaw = this.lastStatus.text;
      fileStatus = this.lastStatus.status;
    }
    const status = gross < 0 ? 'refunded' : statusAfterRefund(fileStatus, gross, refunded);
    const order: NormalizedOrder = {
      orderId,
      buyer: namesNobody(customer) ? null : this.nicknames ? asNickname(classifyBuyer(customer)) : classifyBuyer(customer),
      orderedMs: date.ms,
      day: date.day,
      status,
      statusRaw,
      currency,
      gross,
      discount: 0,
      shipping: 0,
      refunded: Math.abs(refunded),
      net: gross - Math.abs(refunded),
      itemCount: quantity,
      items,
      line,
    };
    this.purchases++;
    return { order };
  }

  private statusOf(text: string): { text: string; status: OrderStatus } {
    let read = this.statuses.get(text);
    if (read === undefined) {
      read = { text, status: statusFrom(text) };
      if (this.statuses.size < 1024) this.statuses.set(text, read);
    }
    return read;
  }
}

/** Rows plainChunk reads at most: a chunk of one-row orders (row-chunks.ts). */
const PLAIN_ROWS = CHUNK_MAX_ROWS;

/** Whether t[start, end) is a cell cleanCell leaves as it is, and not empty (printable ASCII at both ends, no wrapper, not a null word). */
function asIs(t: string, start: number, end: number): boolean {
  const n = end - start;
  if (n <= 0) return false;
  const a = t.charCodeAt(start);
  const z = t.charCodeAt(end - 1);
  if (!(a > 32 && a < 127 && z > 32 && z < 127 && a !== 61 && a !== 39)) return false;
  if (n > 4) return true;
  if (a === 45) return !(n === 1 || (n === 2 && z === 45));
  return n !== 4 || !(t.startsWith('null', start) || t.startsWith('NULL', start));
}

/** The order whose first row is on `line` rejected (a plain function: build makes no closure an order). */
function rejected(line: number, reason: Said): Mapped {
  return { reject: { line, reason } };
}

/** A nickname that looks like an opaque id is still a person's handle: treat it as a name (hashed, masked). */
function asNickname(buyer: BuyerIdentity): BuyerIdentity {
  return buyer.kind === 'id' ? { value: buyer.value, kind: 'name' } : buyer;
}
