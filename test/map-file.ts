/**
 * Test helper: runs one adapter over a file the way the importer does (header row, then every data row
 * through the adapter's RowMapper) and collects what it returns. Used by the adapter tests so they
 * exercise the adapter alone, independently of detection and the store.
 */
import type { Adapter, AdapterContext, Mapped } from '../src/import/adapter.js';
import { Header } from '../src/import/adapter.js';
import { openRows } from '../src/import/read.js';
import type { NormalizedOrder } from '../src/domain/order.js';

export interface MappedFile {
  orders: NormalizedOrder[];
  rejects: { line: number; reason: string }[];
  items: Extract<Mapped, { items: unknown }>['items'][];
}

/** Maps `file` with `adapter`; the header is the first of the first 10 rows the adapter matches best. */
export async function mapFile(adapter: Adapter, file: string, ctx: Partial<AdapterContext> = {}): Promise<MappedFile> {
  const opened = await openRows(file, { encoding: 'auto' });
  const context: AdapterContext = {
    file,
    zone: adapter.defaultZone,
    zoneForced: false,
    currency: adapter.defaultCurrency,
    decimalComma: opened.delimiter === ';',
    map: {},
    ...ctx,
  };
  const out: MappedFile = { orders: [], rejects: [], items: [] };
  const take = (ms: Mapped[]) => {
    for (const m of ms) {
      if ('order' in m) out.orders.push(m.order);
      else if ('reject' in m) out.rejects.push(m.reject);
      else out.items.push(m.items);
    }
  };
  const head: { line: number; cells: string[] }[] = [];
  let mapper: ReturnType<Adapter['open']> | null = null;
  for await (const row of opened.rows) {
    if (mapper) {
      take(mapper.push(row));
      continue;
    }
    head.push(row);
    if (head.length < 10) continue;
    mapper = start();
  }
  if (!mapper) mapper = start();
  take(mapper.end());
  return out;

  function start(): ReturnType<Adapter['open']> {
    let best = -1;
    let score = 0;
    head.forEach((row, i) => {
      const s = adapter.match(new Header(row.cells));
      if (s > score) [best, score] = [i, s];
    });
    if (best < 0) throw new Error(`${file}: no header row matches ${adapter.id}`);
    const m = adapter.open(new Header(head[best].cells), context);
    for (const row of head.slice(best + 1)) take(m.push(row));
    return m;
  }
}
