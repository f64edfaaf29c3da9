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
