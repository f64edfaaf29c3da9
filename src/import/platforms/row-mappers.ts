/**
 * The two row layouts of order exports, as RowMappers:
 * - one row per order (Taobao classic, Pinduoduo, Etsy Sold Orders, WooCommerce): `mapEachRow`;
 * - one row per order line, rows of an order adjacent (Shopify, JD, Douyin, Amazon, eBay, Shopee,
 *   Lazada, 千牛): `mapGroupedRows` buffers the rows of one order until the order key changes.
 * Both skip blank rows, turn a RowReject into a rejected row, and let the adapter skip footers.
 */
import type { Mapped, RowMapper, SourceRow } from '../adapter.js';
import { isBlankRow } from './columns.js';
import { RowReject } from './order-fields.js';
import { LIMITS, orderRowsReason } from '../limits.js';
import { said } from '../../report/said.js';

export interface RowLayout {
  /** Rows to pass over silently besides blank ones (report footers, repeated headers). */
  skip?: (row: SourceRow) => boolean;
}

function guard(line: number, build: () => Mapped[]): Mapped[] {
  try {
    return build();
  } catch (e) {
    if (e instanceof RowReject) return [{ reject: { line: e.line || line, reason: e.reason } }];
    throw e;
  }
}

/** One row = one result (an order, or the rows' items), or none: a row the adapter passes over on purpose (and counts). */
export function mapEachRow(build: (row: SourceRow) => Mapped | null, layout: RowLayout = {}): RowMapper {
  return {
    push(row) {
      if (isBlankRow(row) || layout.skip?.(row)) return [];
      return guard(row.line, () => {
        const m = build(row);
        return m === null ? [] : [m];
      });
    },
    end: () => [],
  };
}

export interface GroupLayout extends RowLayout {
  /** The order key of a row; '' when the row has none (it is rejected). May throw RowReject. */
  keyOf: (row: SourceRow) => string;
  /** What the key column is called, for messages. */
  keyColumn: string;
}

/** Order keys remembered per generation (two generations) for the come-back check below. */
const RECENT_KEYS = 1 << 16;

/**
 * Rows grouped by order key while the key stays the same. A key that comes back after other orders
 * cannot be merged into an order already handed on, so its rows are rejected with a message saying so.
 * The keys of the last 65,536 to 131,072 orders are remembered (memory stays flat in millions of orders);
 * an order that comes back later than that is stopped by the importer instead (OrderWriter.onRepeat).
 */
export function mapGroupedRows(build: (rows: SourceRow[], key: string) => Mapped[], layout: GroupLayout): RowMapper {
  let key = '';
  let rows: SourceRow[] = [];
  let done = new Set<string>();
  let older = new Set<string>();

  const flush = (): Mapped[] => {
    if (rows.length === 0) return [];
    const group = rows;
    const k = key;
    rows = [];
    if (done.size >= RECENT_KEYS) {
      older = done;
      done = new Set();
    }
    done.add(k);
    return guard(group[0].line, () => build(group, k));
  };

  return {
    push(row) {
      if (isBlankRow(row) || layout.skip?.(row)) return [];
      let k: string;
      try {
        k = layout.keyOf(row);
      } catch (e) {
        if (e instanceof RowReject) return [{ reject: { line: row.line, reason: e.reason } }];
        throw e;
      }
      if (k === '') return [{ reject: { line: row.line, reason: said('reject.noOrderIdIn', { column: layout.keyColumn }) } }];
      if (k === key) {
        if (rows.length >= LIMITS.orderRows) return [{ reject: { line: row.line, reason: orderRowsReason(k) } }];
        rows.push(row);
        return [];
      }
      const out = flush();
      if (done.has(k) || older.has(k)) {
        out.push({ reject: { line: row.line, reason: said('reject.notAdjacent', { id: k, column: layout.keyColumn }) } });
        key = '';
        return out;
      }
      key = k;
      rows = [row];
      return out;
    },
    end: flush,
  };
}
