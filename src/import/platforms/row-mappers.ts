/**
 * The two row layouts of order exports, as RowMappers:
 * - one row per order (Taobao classic, Pinduoduo, Etsy Sold Orders, WooCommerce): `mapEachRow`;
 * - one row per order line, rows of an order adjacent (Shopify, JD, Douyin, Amazon, eBay, Shopee,
 *   Lazada, 千牛): `mapGroupedRows` buffers the rows of one order until the order key changes.
 * Both skip blank rows, turn a RowReject into a rejected row, and let the adapter skip footers.
 */
import type { Mapped, RowMapper, SourceRow } from '../adapter.js';
import { isBlankRow } from './columns.js';
import { cleanCell } from '../cells.js';
import { RowReject } from './order-fields.js';
import { LIMITS, orderRowsReason } from '../limits.js';
import { said } from '../../report/said.js';
import { RecentKeys } from './recent-keys.js';

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

export interface EachLayout extends RowLayout {
  /**
   * The index of the order-id column, when `build` and `skip` are functions of their row alone (nothing carried
   * from row to row but what `settled` says): then the mapper takes part in row chunks (row-chunks.ts).
   */
  chunkColumn?: number;
  /**
   * Row chunks: called at the end of each chunk; what the adapter carried from row to row since the last call
   * that a skipped chunk could not give it (Taobao's count of the unpaid rows it passed over), as a text, or
   * null when it carried something: then that chunk is not recorded, and the next is read.
   */
  settled?: () => string | null;
}

/** One row = one result (an order, or the rows' items), or none: a row the adapter passes over on purpose (and counts). */
export function mapEachRow(build: (row: SourceRow) => Mapped | null, layout: EachLayout = {}): RowMapper {
  const mapper: RowMapper = {
    push(row) {
      if (isBlankRow(row) || layout.skip?.(row)) return [];
      return guard(row.line, () => {
        const m = build(row);
        return m === null ? [] : [m];
      });
    },
    end: () => [],
  };
  const column = layout.chunkColumn;
  if (column === undefined || column < 0) return mapper;
  // Row chunks: each row is mapped alone, so a chunk may end anywhere and skipping one leaves nothing behind
  // (but what `settled` says).
  mapper.groupKey = (row) => cleanCell(row.cells[column]);
  mapper.groupColumn = () => column;
  mapper.settle = () => ({ out: [], state: layout.settled ? layout.settled() : '' });
  mapper.rowsAlone = true;
  return mapper;
}

export interface GroupLayout extends RowLayout {
  /** The order key of a row; '' when the row has none (it is rejected). May throw RowReject. */
  keyOf: (row: SourceRow) => string;
  /** What the key column is called, for messages. */
  keyColumn: string;
  /**
   * The index of the key column, when `keyOf` reads that one cell (as cleanCell reads it, or rejects it) and
   * `build` and `skip` are functions of their rows alone (no state carried from order to order): then the
   * mapper takes part in row chunks (row-chunks.ts), its only state the come-back key memory below.
   */
  chunkColumn?: number;
  /**
   * For a key that is not one column's cell (eBay: the order number, else the record number): the key as
   * `keyOf` returns it wherever `keyOf` returns one, without rejecting; with `build` and `skip` functions of
   * their rows alone, as for chunkColumn. Chunks are then cut from the rows (not the bytes).
   */
  chunkKey?: (row: SourceRow) => string;
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
  /** The keys of orders handed on (or rejected) are remembered, the newest RECENT_KEYS to 2 × RECENT_KEYS. */
  const met = new RecentKeys(RECENT_KEYS);

  const flush = (): Mapped[] => {
    if (rows.length === 0) return [];
    const group = rows;
    const k = key;
    rows = [];
    met.add(k);
    return guard(group[0].line, () => build(group, k));
  };

  const mapper: RowMapper = {
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
      if (met.has(k)) {
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
  const column = layout.chunkColumn ?? -1;
  const chunkKey = layout.chunkKey ?? (column >= 0 ? (row: SourceRow) => cleanCell(row.cells[column]) : undefined);
  if (chunkKey === undefined) return mapper;
  // Row chunks: a chunk boundary is an order boundary (no key is split), so settle hands on the order being
  // gathered and forgets its key (the next row's key is another one; after a skipped chunk it is compared with
  // the memory alone, as reading the skipped rows would have). The state text is constant: what else could
  // differ — the keys met — is given to the memory of a chunk passed over by keysSkipped.
  mapper.groupKey = chunkKey;
  mapper.groupColumn = () => (layout.chunkKey ? -1 : column);
  mapper.passes = (row) => isBlankRow(row) || layout.skip?.(row) === true;
  // a row whose key is rejected leaves the order being gathered open (push): a chunk must not end at it
  mapper.rejectsKey = (row) => {
    try {
      return layout.keyOf(row) === '';
    } catch (e) {
      if (e instanceof RowReject) return true;
      throw e;
    }
  };
  mapper.settle = () => {
    const out = flush();
    key = '';
    return { out, state: '' };
  };
  mapper.keysSkipped = (keys) => {
    // a key met already would have been a come-back (rejected): such a chunk is read instead
    for (const k of keys) if (met.has(k)) return false;
    for (const k of keys) met.add(k);
    return true;
  };
  return mapper;
}
