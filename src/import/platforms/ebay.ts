/**
 * eBay Seller Hub → Orders → Download report (CSV). The file has a junk line above the header (the importer
 * finds the header among the first rows), a padding row of commas, and footer lines (`N record(s)
 * downloaded …`, `Seller ID : …`) that are skipped. One row per order line, grouped by Order Number; a
 * multi-item order may have a summary row (no Item Number) holding the order total — then that total is
 * the order's, else the lines' Total Price are summed. There is no status column: shipped when Shipped On
 * Date is set, paid when Paid On Date is set, else pending. Money like `$12.34`, `£5.00`, `116,99 €` (the
 * currency is read from the symbol); German reports use `;`, decimal commas and German headers.
 */
import type { OrderItem, OrderStatus } from '../../domain/order.js';
import type { Adapter, SourceRow } from '../adapter.js';
import { cleanCell } from '../cells.js';
import { Columns } from './columns.js';
import { scoreHeader } from './fingerprint.js';
import { firstTime, makeOrder, orderKey, readBuyer, readMoney, readQuantity, readTime } from './order-fields.js';
import { mapGroupedRows } from './row-mappers.js';

// German names: the first seven are from a parser of real reports; the rest follow eBay.de's labels.
const COLUMNS = {
  record: ['Sales Record Number', 'Verkaufsprotokollnummer'],
  order_id: ['Order Number', 'Bestellnummer'],
  customer: ['Buyer Username', 'User Id', 'Nutzername des Käufers', 'Mitgliedsname des Käufers'],
  item_number: ['Item Number', 'Artikelnummer'],
  product: ['Item Title', 'Artikelbezeichnung'],
  sku: ['Custom Label', 'Bestandseinheit', 'Eigene Artikelnummer'],
  quantity: ['Quantity', 'Anzahl', 'Stückzahl'],
  price: ['Sold For', 'Verkauft für', 'Preis'],
  shipping: ['Shipping And Handling', 'Verpackung und Versand'],
  amount: ['Total Price', 'Gesamtbetrag', 'Gesamtpreis'],
  date: ['Sale Date', 'Verkauft am', 'Verkaufsdatum'],
  paid_at: ['Paid On Date', 'Bezahlt am', 'Zahlungsdatum'],
  shipped_at: ['Shipped On Date', 'Versandt am', 'Versanddatum'],
} as const;
type Field = keyof typeof COLUMNS;

const FINGERPRINT = ['Sales Record Number', 'Order Number', 'Buyer Username', 'Buyer Name', 'Buyer Email', 'Item Number', 'Item Title', 'Sold For', 'Shipping And Handling', 'Total Price', 'Sale Date', 'Paid On Date', 'Shipped On Date', 'Ship To Name', 'Feedback Left'];
const FINGERPRINT_DE = ['Verkaufsprotokollnummer', 'Bestellnummer', 'Gesamtbetrag', 'Verkauft am', 'Zahlungsdatum', 'Nutzername des Käufers', 'Name des Käufers'];

const FOOTER = /record\(s\) downloaded|datensätze heruntergeladen|^seller id\s*:|^verkäufer(-id|name)?\s*:/i;

/** The currency a money cell names by symbol or code, or null. */
function currencyOf(text: string): string | null {
  if (/AU\s?\$/i.test(text)) return 'AUD';
  if (/C\s?\$|CA\s?\$/i.test(text)) return 'CAD';
  if (text.includes('€') || /\bEUR\b/.test(text)) return 'EUR';
  if (text.includes('£') || /\bGBP\b/.test(text)) return 'GBP';
  if (/CHF/.test(text)) return 'CHF';
  if (text.includes('$') || /\bUSD\b/.test(text)) return 'USD';
  return null;
}

export const ebay: Adapter = {
  id: 'ebay',
  label: 'ebay orders report',
  defaultZone: 'UTC',
  defaultCurrency: 'USD',
  match: (header) =>
    Math.max(scoreHeader(header, FINGERPRINT, [['Order Number', 'Sales Record Number'], 'Total Price']), scoreHeader(header, FINGERPRINT_DE, [['Bestellnummer', 'Verkaufsprotokollnummer'], 'Gesamtbetrag'])),
  open(header, ctx) {
    const col = Columns.resolve<Field>(header, COLUMNS, ctx, [['order_id', 'record'], 'amount', 'date'], 'ebay orders report');
    const decimalComma = ctx.decimalComma || header.has('Bestellnummer') || header.has('Verkaufsprotokollnummer');
    const keyOf = (row: SourceRow) => orderKey(col.get(row, 'order_id') || col.get(row, 'record'), row.line, col.name(col.has('order_id') ? 'order_id' : 'record'));

    return mapGroupedRows(
      (rows, orderId) => {
        const head = rows[0];
        const currency = currencyOf(rows.map((r) => col.get(r, 'amount')).find((t) => t !== '') ?? '') ?? ctx.currency;
        const money = (row: SourceRow, f: Field) => readMoney(col.get(row, f), currency, ctx, row.line, col.name(f), decimalComma);
        const summary = rows.find((r) => col.get(r, 'item_number') === '' && col.get(r, 'product') === '' && col.get(r, 'amount') !== '');
        const lines = rows.filter((r) => r !== summary);
        const items: OrderItem[] = lines.map((r, i) => {
          const quantity = readQuantity(col.get(r, 'quantity'), r.line, col.name('quantity'));
          const unitPrice = money(r, 'price');
          return {
            line: i + 1,
            sku: col.get(r, 'sku') || col.get(r, 'item_number') || null,
            title: col.get(r, 'product') || null,
            quantity,
            unitPrice,
            lineTotal: unitPrice === null ? null : Math.round(unitPrice * quantity),
          };
        });
        const sum = (f: Field) => lines.reduce((n, r) => n + (money(r, f) ?? 0), 0);
        const paid = summary ? (money(summary, 'amount') ?? 0) : sum('amount');
        const shipping = summary && money(summary, 'shipping') !== null ? (money(summary, 'shipping') ?? 0) : sum('shipping');
        const dated = summary ?? head;
        const status: OrderStatus = col.get(dated, 'shipped_at') !== '' ? 'shipped' : col.get(dated, 'paid_at') !== '' ? 'paid' : 'pending';
        const goods = items.reduce((n, i) => n + (i.lineTotal ?? 0), 0);
        return [
          {
            order: makeOrder({
              orderId,
              buyer: readBuyer(rows.map((r) => col.get(r, 'customer')).find((b) => b !== '') ?? '', 'name'),
              ...firstTime(dated.line, ...rows.map((r) => readTime(col.get(r, 'date'), ctx, r.line, col.name('date')))),
              status,
              statusRaw: null,
              currency,
              paid,
              gross: goods || paid,
              shipping,
              discount: goods > 0 ? Math.max(0, goods + shipping - paid) : 0,
              items,
              line: head.line,
            }),
          },
        ];
      },
      {
        keyOf,
        keyColumn: col.name(col.has('order_id') ? 'order_id' : 'record'),
        // row chunks on the key keyOf reads (two columns: cut from the rows, not the bytes)
        chunkKey: (row) => col.get(row, 'order_id') || col.get(row, 'record'),
        skip: (row) => FOOTER.test(row.cells.map((c) => cleanCell(c)).filter((c) => c !== '').join(' ')),
      },
    );
  },
};
