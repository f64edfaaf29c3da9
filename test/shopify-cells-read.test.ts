/**
 * Shopify's mapper declares the cells it reads (RowMapper.cellsRead): the byte path then gives it rows with those
 * cells only. Rows masked that way must map to what the full rows map to, and a reject's cells are every cell.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Header, type Mapped, type SourceRow } from '../src/import/adapter.js';
import { CsvTokenizer } from '../src/import/csv-tokenizer.js';
import { openMappedFile } from '../src/import/map-file.js';
import { shopify } from '../src/import/platforms/shopify.js';
import { notBlank } from '../src/import/read.js';
import { sharedDataDir } from './shared-data.js';

const data = sharedDataDir();
const { writeShopify } = (await import('../bench/generate.js' as string)) as {
  writeShopify: (file: string, lines: number, seed: number, opts: { customers: 'few' | 'many' }) => void;
};
const ID_KEY = 'ab'.repeat(32);

function records(text: string): SourceRow[] {
  const tokenizer = new CsvTokenizer(',');
  const out: SourceRow[] = [];
  tokenizer.push(text, out);
  tokenizer.end(out);
  return out.filter(notBlank);
}

/** The file's rows mapped; `keep`: the columns left in rows that have an order key (the others ''). */
function mapped(text: string, keep?: (read: readonly number[]) => readonly number[]): { out: Mapped[]; read: readonly number[] } {
  const [header, ...rows] = records(text);
  const mapper = shopify.open(new Header(header.cells), { file: 'orders_export.csv', zone: 'UTC', zoneForced: false, currency: 'USD', decimalComma: false, map: {}, idKey: ID_KEY });
  const read = mapper.cellsRead ?? [];
  const kept = keep ? new Set(keep(read)) : null;
  const key = mapper.groupColumn?.() ?? -1;
  const out: Mapped[] = [];
  for (const row of rows) {
    const cells = kept && (row.cells[key] ?? '').trim() !== '' ? row.cells.map((c, i) => (kept.has(i) ? c : '')) : row.cells;
    out.push(...mapper.push({ line: row.line, cells }));
  }
  out.push(...mapper.end());
  return { out, read };
}

describe('Shopify cells read: derived, not listed by hand', () => {
  // a generated export (79 columns) with every order field filled somewhere: some orders without an email, some
  // without a phone and billing phone too (the buyer is then the next phone); written back with `""` cells
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-shopify-read-'));
  writeShopify(path.join(dir, 'generated.csv'), 3000, 7, { customers: 'many' });
  const [head, ...generated] = records(readFileSync(path.join(dir, 'generated.csv'), 'utf8'));
  const at = (name: string) => head.cells.indexOf(name);
  let order = 0;
  for (let k = 0; k < generated.length; k++) {
    const cells = generated[k].cells;
    if (k > 0 && cells[0] !== generated[k - 1].cells[0]) order++;
    const cut = order % 5 === 1 ? ['Email'] : order % 5 === 2 ? ['Email', 'Phone'] : order % 5 === 3 ? ['Email', 'Phone', 'Billing Phone'] : [];
    for (const name of cut) cells[at(name)] = '';
  }
  const csvCell = (c: string, i: number) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c === '' && i % 3 === 0 ? '""' : c);
  const text = [head, ...generated].map((r) => r.cells.map(csvCell).join(',')).join('\n') + '\n';
  const file = path.join(dir, 'orders_export_1.csv');
  writeFileSync(file, text);
  const [header, ...rows] = records(text);
  const open = () => shopify.open(new Header(header.cells), { file: 'orders_export.csv', zone: 'UTC', zoneForced: false, currency: 'USD', decimalComma: false, map: {}, idKey: ID_KEY });
  const run = (cellOf: (row: SourceRow, i: number, read: ReadonlySet<number>) => string): Mapped[] => {
    const mapper = open();
    const read = new Set(mapper.cellsRead ?? []);
    const out: Mapped[] = [];
    for (const row of rows) out.push(...mapper.push({ line: row.line, cells: row.cells.map((_, i) => cellOf(row, i, read)) }));
    out.push(...mapper.end());
    return out;
  };

  it('declares the column of every field it resolves', () => {
    const read = open().cellsRead ?? [];
    expect([...read].sort((a, b) => a - b)).toEqual(
      ['Name', 'Email', 'Financial Status', 'Fulfillment Status', 'Currency', 'Subtotal', 'Shipping', 'Total', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Lineitem discount', 'Cancelled at', 'Refunded Amount', 'Phone', 'Billing Phone', 'Shipping Phone']
        .map((name) => header.cells.indexOf(name))
        .sort((a, b) => a - b),
    );
  });

  it('what a column it does not declare holds changes nothing (a column read without being declared fails this)', () => {
    const full = run((row, i) => row.cells[i] ?? '');
    expect(full.filter((m) => 'order' in m).length).toBeGreaterThan(1500);
    expect(full.some((m) => 'reject' in m)).toBe(false);
    // every undeclared cell emptied (as the byte path gives them), then filled with text no field could take quietly
    // as it is: not a status, date, amount, quantity or empty id (a read of it rejects or changes the order)
    expect(run((row, i, read) => (read.has(i) ? row.cells[i] : ''))).toEqual(full);
    expect(run((row, i, read) => (read.has(i) ? row.cells[i] : `x${i} (not read)`))).toEqual(full);
  });

  it('the byte path, which gives the mapper the declared cells only, maps the export as the full rows map', async () => {
    const source = await openMappedFile(file, { platform: 'auto', encoding: 'auto', keepCells: false, idKey: ID_KEY });
    const out: Mapped[] = [];
    for await (const batch of source.batches) for (const m of batch.out) if (!('chunk' in m)) out.push(m);
    expect(out).toEqual(run((row, i) => row.cells[i] ?? ''));
  });
});

describe.skipIf(!data)('Shopify cells read', () => {
  const dir = path.join(data ?? '', 'shopify');
  const files = data ? readdirSync(dir).filter((f) => f.endsWith('.csv')) : [];

  it('rows with only the cells the mapper declares map as the full rows do, on every real export; without the status column they do not', () => {
    expect(files.length).toBeGreaterThan(3);
    let orders = 0;
    let differs = 0;
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const full = mapped(text);
      expect(full.read.length).toBe(20);
      expect(mapped(text, (read) => read).out, f).toEqual(full.out);
      orders += full.out.filter((m) => 'order' in m).length;
      const status = text.split('\n')[0].split(',').indexOf('Financial Status');
      if (JSON.stringify(mapped(text, (read) => read.filter((i) => i !== status)).out) !== JSON.stringify(full.out)) differs++;
    }
    expect(orders).toBeGreaterThan(300);
    expect(differs).toBe(files.length);
  });

  it('a rejected row of the byte path comes with all its cells', async () => {
    const text = readFileSync(path.join(dir, files[0]), 'utf8');
    const [header, ...rows] = text.split('\n');
    const status = header.split(',').indexOf('Financial Status');
    // the first order's first row loses its financial status: rejected (an export cut in an order)
    const cut = rows[0].split(',');
    cut[status] = '';
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'orderlens-shopify-cells-')), 'orders_export_1.csv');
    writeFileSync(file, [header, cut.join(','), ...rows.slice(1)].join('\n'));
    const source = await openMappedFile(file, { platform: 'auto', encoding: 'auto', keepCells: true, idKey: ID_KEY });
    const rejected: { line: number; cells: string[] | null }[] = [];
    for await (const batch of source.batches) for (const m of batch.out) if ('reject' in m) rejected.push(m.reject);
    expect(rejected.map((r) => r.line)).toContain(2);
    const want = records([header, cut.join(',')].join('\n'))[1].cells;
    expect(want.filter((c) => c !== '').length).toBeGreaterThan(20);
    expect(rejected.find((r) => r.line === 2)?.cells).toEqual(want);
  });
});
