/**
 * The generic adapter: any CSV/TSV with a header row that has (at least) a customer, a date and an amount
 * column, found by name with English and Chinese aliases (or `--map field=Header`).
 *
 * - Rows that share an order id and stand next to each other are the line items of one order; their
 *   amounts add up. Without an order-id column each row is one order whose id is derived from the row's
 *   content and its occurrence number in the file, so re-importing the same file stays idempotent.
 * - Without an amount column, amount = unit price × quantity.
 * - Without a status column orders are `completed`; a refund column makes them (partially) refunded.
 * - Negative amounts (returns written as their own rows) become `refunded` orders and never count.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../errors.js';
import { minorDigits } from '../../domain/money.js';
import { COUNTED_STATUSES, type BuyerIdentity, type NormalizedOrder, type OrderItem, type OrderStatus } from '../../domain/order.js';
import { headerList, type Adapter, type AdapterContext, type Header, type Mapped, type RowMapper, type SourceRow } from '../adapter.js';
import { classifyBuyer } from '../buyer.js';
import { cleanCell, isScientificId } from '../cells.js';
import { parseAmount, type AmountOptions } from '../parse-amount.js';
import { parseDate, type DateOptions } from '../parse-date.js';
import { statusFrom } from '../status.js';

/** Field → header aliases (compared case-insensitively, trimmed). */
export const GENERIC_FIELDS = {
  order_id: ['order_id', 'order id', 'orderid', 'order_no', 'order no', 'order number', 'order_number', 'invoice', 'invoiceno', 'invoice_no', 'transaction_id', '订单编号', '订单号', '订单id'],
  customer: ['customer_id', 'customer id', 'customerid', 'customer', 'email', 'customer_email', 'buyer', 'buyer_id', 'user_id', 'userid', 'client', 'id', '买家会员名', '客户', '客户id', '会员名', '用户id'],
  date: ['order_date', 'order date', 'orderdate', 'date', 'created_at', 'created at', 'invoicedate', 'purchase_date', 'order_purchase_timestamp', 'timestamp', 'datetime', '下单时间', '订单创建时间', '付款时间', '日期'],
  amount: ['amount', 'total', 'order_total', 'order total', 'grand_total', 'grand total', 'revenue', 'sales', 'value', '实付金额', '订单金额', '金额', '销售额'],
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

export const generic: Adapter = {
  id: 'generic',
  label: 'generic orders file',
  accepts: 'any CSV/TSV/xlsx with customer, date and amount columns (English or Chinese headers; --map for others)',
  buyerColumn: 'customer_id / customer / email / 买家会员名 / 客户',
  shopColumns: ['store', 'shop', 'store_name', 'store name', 'shop_name', 'shop name', 'seller', '店铺', '店铺名称'],
  defaultZone: 'UTC',
  defaultCurrency: 'CNY',
  match(header) {
    // Low on purpose: a platform's own fingerprint always wins over the generic reading.
    return missingFields(locateColumns(header, {})).length === 0 ? 0.5 : 0;
  },
  explain(header) {
    const missing = missingFields(locateColumns(header, {}));
    return missing.length === 0 ? 'all generic columns found' : `as a generic file it has no ${missing.join(', ')} column`;
  },
  open(header, ctx) {
    const cols = locateColumns(header, ctx.map);
    for (const [field, name] of Object.entries(ctx.map)) {
      if (!(field in GENERIC_FIELDS)) {
        throw new InputError(ctx.file, null, `--map ${field}=${name}: unknown field '${field}'; fields are ${Object.keys(GENERIC_FIELDS).join(', ')}`);
      }
      if (header.find(name) < 0) throw new InputError(ctx.file, null, `--map ${field}=${name}: no column '${name}'; headers are: ${headerList(header.raw)}`);
    }
    const missing = missingFields(cols);
    if (missing.length > 0) {
      throw new InputError(
        ctx.file,
        null,
        `cannot find the ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}; headers are: ${headerList(header.raw)}; name them with --map ${missing[0]}=HEADER`,
      );
    }
    const nicknames = ctx.map.customer === undefined && NICKNAME_HEADERS.has(header.names[cols.customer]);
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
  private readonly dateOptions: DateOptions;
  /** Status texts repeat: read each once. */
  private readonly statuses = new Map<string, OrderStatus>();
  private currencyText = '';
  private currencyValid = false;
  private money: AmountOptions = { digits: 2 };

  /** Currency read from the amounts' symbol when the file has no currency column and no --currency. */
  private symbolCurrency: string | null = null;
  private readonly notesSeen: string[] = [];

  constructor(
    private readonly cols: Columns,
    private readonly ctx: AdapterContext,
    private readonly nicknames = false,
  ) {
    this.dateOptions = { zone: ctx.zone, forceZone: ctx.zoneForced, order: ctx.dateOrder };
  }

  private cell(row: SourceRow, field: GenericField): string {
    const i = this.cols[field];
    return i < 0 ? '' : cleanCell(row.cells[i]);
  }

  push(row: SourceRow): Mapped[] {
    if (this.cols.order_id < 0) return [this.build(this.derivedId(row), [row])];
    const orderId = this.cell(row, 'order_id');
    if (orderId === '') return [{ reject: { line: row.line, reason: 'missing order id' } }];
    if (this.pending && this.pending.orderId === orderId) {
      this.pending.rows.push(row);
      return [];
    }
    const out = this.end();
    this.pending = { orderId, first: row, rows: [row] };
    return out;
  }

  end(): Mapped[] {
    const p = this.pending;
    this.pending = null;
    return p ? [this.build(p.orderId, p.rows)] : [];
  }

  private derivedId(row: SourceRow): string {
    const content = createHash('sha1').update(row.cells.map((c) => c.trim()).join('\u0001')).digest('base64url').slice(0, 16);
    const n = (this.seen.get(content) ?? 0) + 1;
    this.seen.set(content, n);
    return `r:${content}:${n}`;
  }

  /** What the import should tell the user about this file. */
  notes(): string[] {
    return this.notesSeen;
  }

  /**
   * The currency of a row without a currency cell: --currency when given; else the one the first amount's
   * symbol names (`$5.00` → USD), said once; else the platform default.
   */
  private defaultCurrency(row: SourceRow): string {
    if (this.ctx.currencyForced || this.cols.currency >= 0) return this.ctx.currency;
    if (this.symbolCurrency === null) {
      const text = this.cell(row, this.cols.amount >= 0 ? 'amount' : 'price');
      const hit = SYMBOL_CURRENCY.find(([re]) => re.test(text));
      this.symbolCurrency = hit ? hit[1] : this.ctx.currency;
      if (hit && hit[1] !== this.ctx.currency) {
        this.notesSeen.push(`amounts are written like '${text}' and the file has no currency column: read as ${hit[1]} (set --currency to override)`);
      }
    }
    return this.symbolCurrency;
  }

  private build(orderId: string, rows: SourceRow[]): Mapped {
    const first = rows[0];
    const line = first.line;
    const reject = (reason: string): Mapped => ({ reject: { line, reason } });
    if (isScientificId(orderId)) return reject(`order id '${orderId}' was mangled into scientific notation by a spreadsheet`);
    const customer = this.cell(first, 'customer');
    if (customer === '') return reject('missing customer');
    const dateText = this.cell(first, 'date');
    const date = parseDate(dateText, this.dateOptions);
    if (!date) {
      if (dateText === '') return reject('missing date');
      if (!this.ctx.dateOrder && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(dateText)) {
        return reject(`ambiguous date '${dateText}': say how to read it with --date-order mdy (month first) or dmy`);
      }
      return reject(`unreadable date '${dateText}'`);
    }
    const currency = (this.cell(first, 'currency') || this.defaultCurrency(first)).toUpperCase();
    if (currency !== this.currencyText) {
      this.currencyText = currency;
      this.currencyValid = /^[A-Z]{3}$/.test(currency);
      if (this.currencyValid) this.money = { digits: minorDigits(currency), decimalComma: this.ctx.decimalComma };
    }
    if (!this.currencyValid) return reject(`unknown currency '${currency}'`);
    const money = this.money;

    let gross = 0;
    let quantity = 0;
    const items: OrderItem[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const qtyText = this.cell(r, 'quantity');
      const qty = qtyText === '' ? 1 : Number(qtyText);
      if (!Number.isFinite(qty)) return { reject: { line: r.line, reason: `unreadable quantity '${qtyText}'` } };
      let lineTotal: number | null;
      let unitPrice: number | null = null;
      if (this.cols.amount >= 0) {
        const text = this.cell(r, 'amount');
        lineTotal = parseAmount(text, money);
        if (lineTotal === null) return { reject: { line: r.line, reason: text === '' ? 'missing amount' : `unreadable amount '${text}'` } };
      } else {
        const text = this.cell(r, 'price');
        unitPrice = parseAmount(text, money);
        if (unitPrice === null) return { reject: { line: r.line, reason: text === '' ? 'missing price' : `unreadable price '${text}'` } };
        lineTotal = Math.round(unitPrice * qty);
      }
      gross += lineTotal;
      quantity += qty;
      const sku = this.cell(r, 'sku') || null;
      const title = this.cell(r, 'product') || null;
      if (sku !== null || title !== null || rows.length > 1 || this.cols.quantity >= 0) {
        items.push({ line: i + 1, sku, title, quantity: qty, unitPrice, lineTotal });
      }
    }

    const refundText = this.cell(first, 'refund');
    const refunded = refundText === '' ? 0 : parseAmount(refundText, money);
    if (refunded === null) return reject(`unreadable refund '${refundText}'`);
    const statusRaw = this.cell(first, 'status') || null;
    let status: OrderStatus = statusRaw === null ? 'completed' : this.statusOf(statusRaw);
    if (gross < 0) status = 'refunded';
    else if (refunded > 0 && (COUNTED_STATUSES as readonly string[]).includes(status)) {
      status = refunded >= gross ? 'refunded' : 'partially_refunded';
    }
    const order: NormalizedOrder = {
      orderId,
      buyer: this.nicknames ? asNickname(classifyBuyer(customer)) : classifyBuyer(customer),
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
    return { order };
  }

  private statusOf(text: string): OrderStatus {
    let status = this.statuses.get(text);
    if (status === undefined) {
      status = statusFrom(text);
      if (this.statuses.size < 1024) this.statuses.set(text, status);
    }
    return status;
  }
}

/** A nickname that looks like an opaque id is still a person's handle: treat it as a name (hashed, masked). */
function asNickname(buyer: BuyerIdentity): BuyerIdentity {
  return buyer.kind === 'id' ? { value: buyer.value, kind: 'name' } : buyer;
}
