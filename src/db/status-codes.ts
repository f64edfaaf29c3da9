/**
 * How `order_rows` stores an order's status: a small integer (schema migration 9), not the text. The `orders`
 * view gives the text back, so SQL readers and reports see what they always saw. The codes are part of the
 * file format: frozen here (never reordered, only appended to), independent of the domain's list order.
 */
import { COUNTED_STATUSES, type OrderStatus } from '../domain/order.js';

/** The status of each stored code (the code is the index). */
export const STORED_STATUSES: readonly OrderStatus[] = Object.freeze([
  'pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded', 'partially_refunded', 'unknown',
] as OrderStatus[]);

/** The stored code of each status. */
export const STATUS_CODE: ReadonlyMap<OrderStatus, number> = new Map(STORED_STATUSES.map((s, i) => [s, i]));

/** The code of `refunded` (returns and credit notes are refunded rows with a negative gross). */
export const REFUNDED_CODE = STATUS_CODE.get('refunded') as number;

/** The codes of the statuses that count as purchases, for `status IN (…)` over `order_rows`. */
export const COUNTED_CODES_SQL = COUNTED_STATUSES.map((s) => STATUS_CODE.get(s)).join(', ');

/** SQL turning the stored code in `column` back into the status text. */
export function statusTextSql(column: string): string {
  return `CASE ${column} ${STORED_STATUSES.map((s, i) => `WHEN ${i} THEN '${s}'`).join(' ')} END`;
}

/** The status of a stored code (an error for a code no version of orderlens wrote). */
export function statusOfCode(code: number): OrderStatus {
  const s = STORED_STATUSES[code];
  if (s === undefined) throw new Error(`order_rows: unknown status code ${code}`);
  return s;
}

/** SQL for an order row's currency: its own, or (NULL) its source's `row_currency`. `o`/`s`: order_rows and sources aliases. */
export function rowCurrencySql(o: string, s: string): string {
  return `coalesce(${o}.currency, ${s}.row_currency)`;
}
