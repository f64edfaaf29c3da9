/**
 * Column lookup for one file: each field an adapter reads is resolved once to a column index, by any of its
 * names or by the user's `--map field=Header`, and read per row as a cleaned cell.
 */
import { InputError, UsageError } from '../../errors.js';
import { headerList, type AdapterContext, type Header, type SourceRow } from '../adapter.js';
import { cleanCell } from '../cells.js';
import type { ColumnName } from './fingerprint.js';
import { platformLabel, said } from '../../report/said.js';

export class Columns<K extends string> {
  private constructor(
    private readonly index: Record<K, number>,
    private readonly names: Record<K, string>,
  ) {}

  /**
   * Resolves every field of `spec`. A `--map` entry for a field wins over the platform's names; fields that
   * mean the same on every platform share the generic adapter's names (order_id, customer, date, amount,
   * status, currency, quantity, sku, product, refund, price). Throws an InputError for a `--map` field or
   * header that does not exist, and one naming the missing columns when a `required` field has none (an
   * array entry in `required` means one of those fields).
   */
  static resolve<K extends string>(
    header: Header,
    spec: Record<K, ColumnName>,
    ctx: AdapterContext,
    required: readonly (NoInfer<K> | readonly NoInfer<K>[])[],
    label: string,
  ): Columns<K> {
    for (const [field, name] of Object.entries(ctx.map)) {
      if (!Object.hasOwn(spec, field)) {
        throw new UsageError(said('columns.mapNoField', { pair: `${field}=${name}`, label: platformLabel(label), field, fields: Object.keys(spec).join(', ') }));
      }
      if (header.find(name) < 0) throw new InputError(ctx.file, null, said('columns.mapNoColumn', { pair: `${field}=${name}`, name, headers: headerList(header.raw) }));
    }
    const index = {} as Record<K, number>;
    for (const key of Object.keys(spec) as K[]) {
      const mapped: string | undefined = ctx.map[key];
      const names = (mapped ?? spec[key]) as ColumnName;
      index[key] = typeof names === 'string' ? header.find(names) : header.find(...names);
    }
    const nameOf = (key: K): string => {
      const mapped: string | undefined = ctx.map[key];
      const s = (mapped ?? spec[key]) as ColumnName;
      return `'${typeof s === 'string' ? s : s.join("' / '")}'`;
    };
    for (const key of Object.keys(spec) as K[]) {
      const twice = header.duplicateOf(index[key], key);
      if (twice) throw new InputError(ctx.file, null, twice);
    }
    const missing = required.filter((need) => (typeof need === 'string' ? index[need as K] < 0 : (need as readonly K[]).every((k) => index[k] < 0)));
    if (missing.length > 0) {
      const names = missing.map((need) => (typeof need === 'string' ? nameOf(need as K) : (need as readonly K[]).map(nameOf).join(' or ')));
      const first = typeof missing[0] === 'string' ? missing[0] : (missing[0] as readonly K[])[0];
      throw new InputError(
        ctx.file,
        null,
        said('columns.missing', { n: missing.length, names: names.join(', '), label: platformLabel(label), first }),
      );
    }
    const names = {} as Record<K, string>;
    for (const key of Object.keys(spec) as K[]) {
      const s = spec[key] as ColumnName;
      names[key] = index[key] >= 0 ? cleanCell(header.raw[index[key]].replace(/^\uFEFF/, '')) : typeof s === 'string' ? s : s[0];
    }
    return new Columns(index, names);
  }

  /** The column's header as written in the file (or the platform's first name for it), for messages. */
  name(key: K): string {
    return this.names[key];
  }

  /** The column's index (−1: absent). */
  at(key: K): number {
    return this.index[key];
  }

  /**
   * The column of every field that has one, in the spec's order: what an adapter reading its cells only through
   * these fields reads (RowMapper.cellsRead), whatever fields it reads on a given row.
   */
  indexes(): number[] {
    return Object.values<number>(this.index).filter((i) => i >= 0);
  }

  has(key: K): boolean {
    return this.index[key] >= 0;
  }

  /** The cleaned cell (see cleanCell), '' when the column is absent or the row is short. */
  get(row: SourceRow, key: K): string {
    const i = this.index[key];
    return i < 0 ? '' : cleanCell(row.cells[i]);
  }
}

/** True when every cell of the row is empty after cleaning (padding rows of commas, spacer rows). */
export function isBlankRow(row: SourceRow): boolean {
  return row.cells.every((c) => cleanCell(c) === '');
}
