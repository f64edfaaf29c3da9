import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from './adapter.js';
import { ByteChunkReader, CHUNK_FIELDS, plainRows } from './byte-chunks.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { cleanCell } from './cells.js';
import { notBlank, openDelimited, rowBatches } from './read.js';
import { seededRandom as random } from '../analytics/random.js';

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-byte-chunks-'));
let files = 0;

function file(content: Buffer): string {
  const f = path.join(dir, `f${files++}.csv`);
  writeFileSync(f, content);
  return f;
}

interface Shape {
  rows: number;
  /** Chance per line of each oddity. */
  odd: number;
  keyColumn: number;
  encoding: 'utf8' | 'gb18030' | 'windows-1252';
  crlf: boolean;
  preamble: boolean;
  bom: boolean;
  /** Cells quoted as Shopify writes them (`""` for empty, `"a ""b"", c"`, multi-line notes) on most lines. */
  quoted?: boolean;
}

/** A generic export with the oddities real files have, each now and then: what the byte path must read as the tokenizer does. */
function exportText(seed: number, shape: Shape): { text: string; firstLine: number } {
  const rnd = random(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const nl = shape.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (shape.preamble) lines.push('Orders report', '');
  const header = ['customer', 'date', 'amount', 'status'];
  header.splice(shape.keyColumn, 0, 'order_id');
  lines.push(header.join(','));
  const firstLine = lines.length + 1;
  let id = 1000;
  const names = shape.encoding === 'utf8' ? ['张三', 'Zoë', 'Ana', 'b@x.org'] : shape.encoding === 'gb18030' ? ['张三', '李四', 'wang'] : ['Zoë', 'Jürgen', 'ana'];
  for (let r = 0; r < shape.rows; r++) {
    if (rnd() < 0.7) id++;
    let key = String(id);
    const odd = rnd() < shape.odd;
    if (odd) {
      key = pick([` ${id}`, `="${id}"`, `'${id}`, 'null', '-', '', `${id}\t`, `"${id}"`, `#${id}`, `${id} `]);
    }
    const cells = [pick(names), `2024-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`, (rnd() * 100).toFixed(2), pick(['completed', 'refunded'])];
    cells.splice(shape.keyColumn, 0, key);
    if (shape.quoted) {
      if (rnd() < 0.8) cells.push('""');
      if (rnd() < 0.3) cells.push(pick(['"Item - ""Blue"", size 3"', '"gift,\nwrap it"', `"two${nl}lines"`, '"x"', '"a,b"', '"\n"']));
      if (rnd() < 0.2) cells[shape.keyColumn] = pick([`"${key}"`, `"${key.replace(/"/g, '""')} "`, `"=""${id}"""`]);
      if (rnd() < shape.odd) cells[shape.keyColumn] = '""';
      if (rnd() < shape.odd) cells.push(pick(['ab"c', '"ab"c', '"cr\rinside"', '"a""', '"""', '"x"y"']));
    }
    let line = cells.join(',');
    if (rnd() < shape.odd) {
      line = pick([
        `${line},"a, quoted cell"`,
        `${line},"two${nl}lines"`,
        `${line}\rmore,cells`,
        '',
        '   ',
        'lonely',
        `${line},${'x'.repeat(9000)}`,
        `${line},\uFFFD`,
        `${line},"never closed`,
        ',,,,',
      ]);
    }
    lines.push(line);
  }
  let text = lines.join(nl) + (rnd() < 0.5 ? nl : '');
  if (shape.bom) text = '\uFEFF' + text;
  return { text, firstLine };
}

interface Read {
  rows: { line: number; cells: string[]; oversize?: unknown }[];
  /** Keys (cleanCell) of the last row of each byte chunk and of the row after it. */
  cuts: [string, string][];
  lanes: string[];
  /** Rows read as byte chunks (the rest went through the tokenizer). */
  chunkRows: number;
  sha256: string;
  notes: unknown[];
  error: string | null;
  /** With cellsRead: the cells rowsOf gave each row of the byte chunks. */
  wanted: string[][];
}

async function byBytes(f: string, encoding: string, keyColumn: number, firstLine: number, rejectedKeyNotPlain = false, cellsRead?: number[]): Promise<Read> {
  const reader = new ByteChunkReader(f, { encoding, delimiter: ',', keyColumn, firstLine, keys: true, rejectedKeyNotPlain, cellsRead });
  const rows: SourceRow[] = [];
  const ends: number[] = [];
  const lanes: string[] = [];
  const wanted: string[][] = [];
  let error: string | null = null;
  try {
    for await (const batch of reader.batches()) {
      // chunk by chunk, and the whole batch at once: the same rows
      const whole = batch.count > 0 ? reader.rowsOf(batch, 0, batch.count) : [];
      for (let k = 0; k < batch.count; k++) {
        const o = k * CHUNK_FIELDS;
        const [own] = reader.rowsOf(batch, k);
        expect(whole[k].map(plain)).toEqual(own.map(plain));
        // rows read with the cells asked for only: every cell again, for rejects
        if (cellsRead) {
          for (const r of own) {
            wanted.push(r.cells);
            r.cells = reader.allCells(r);
          }
        }
        expect(own.length).toBe(batch.chunks[o + 2]);
        // the keys of its orders: one per run of rows with the same key
        const keys = own.map((r) => cleanCell(r.cells[keyColumn])).filter((key, i, all) => i === 0 || key !== all[i - 1]);
        expect(reader.keysOf(batch, k)).toEqual(keys);
        if (rejectedKeyNotPlain) expect(keys).not.toContain('');
        rows.push(...own);
        ends.push(rows.length);
        lanes.push(`${batch.chunks[o + 2]}:${batch.chunks[o + 4]}:${batch.chunks[o + 5]}`);
      }
      rows.push(...batch.rows);
    }
  } catch (e) {
    error = (e as Error).message;
  }
  const key = (r: SourceRow) => cleanCell(r.cells[keyColumn]);
  const cuts = ends.filter((e) => e < rows.length).map((e): [string, string] => [key(rows[e - 1]), key(rows[e])]);
  return { rows: rows.map(plain), cuts, lanes, chunkRows: ends.length > 0 ? ends[ends.length - 1] : 0, sha256: error ? '' : reader.sha256(), notes: error ? [] : reader.notes(), error, wanted };
}

async function byTokenizer(f: string, encoding: string, firstLine: number): Promise<Omit<Read, 'cuts' | 'lanes' | 'chunkRows' | 'wanted'>> {
  const opened = openDelimited(f, { encoding, delimiter: ',' });
  const rows: SourceRow[] = [];
  let error: string | null = null;
  try {
    for await (const batch of rowBatches(opened)) rows.push(...batch.filter((r) => r.line >= firstLine));
  } catch (e) {
    error = (e as Error).message;
  }
  return { rows: rows.map(plain), sha256: error ? '' : opened.sha256(), notes: error ? [] : (opened.notes?.() ?? []), error };
}

function plain(r: SourceRow): { line: number; cells: string[]; oversize?: unknown } {
  return r.oversize === undefined ? { line: r.line, cells: r.cells } : { line: r.line, cells: r.cells, oversize: r.oversize };
}

/** The shape of the seed's file: sizes, oddities, key column, encoding and line ends drawn from `rnd`. */
function shapeOf(seed: number, rnd: () => number, quoted = false): Shape {
  return {
    rows: seed % 16 === 0 ? 3000 : 1 + Math.floor(rnd() * 300),
    odd: seed % 4 === 0 ? 0 : rnd() < 0.5 ? 0.002 : 0.03,
    keyColumn: seed % 3 === 0 ? 1 : 0,
    encoding: seed % 5 === 0 ? 'gb18030' : seed % 7 === 0 ? 'windows-1252' : 'utf8',
    crlf: rnd() < 0.3,
    preamble: rnd() < 0.2,
    bom: rnd() < 0.2,
    quoted,
  };
}

describe('ByteChunkReader', () => {
  it('reads every record, line and cell as the tokenizer does, on 80 generated files with oddities, and never cuts between two rows of one key', async () => {
    let chunked = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const shape = shapeOf(seed, random(seed * 7919));
      const { text, firstLine } = exportText(seed, shape);
      let bytes = shape.encoding === 'utf8' ? Buffer.from(text) : iconv.encode(text.replace(/\uFEFF|\uFFFD/g, ''), shape.encoding);
      // a stray byte that is not UTF-8, now and then
      if (shape.encoding === 'utf8' && seed % 9 === 0) bytes = Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xff]), bytes.subarray(bytes.length >> 1)]);
      const f = file(bytes);
      const got = await byBytes(f, shape.encoding, shape.keyColumn, firstLine);
      const want = await byTokenizer(f, shape.encoding, firstLine);
      const context = `seed ${seed}`;
      expect(got.error, context).toBe(want.error);
      expect(got.rows, context).toEqual(want.rows);
      if (want.error === null) {
        expect(got.sha256, context).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
        expect(got.notes, context).toEqual(want.notes);
      }
      for (const [a, b] of got.cuts) expect(a, context).not.toBe(b);
      chunked += got.lanes.length;
    }
    expect(chunked).toBeGreaterThan(500);
  });

  it('reads quoted cells (`""`, `"a ""b"", c"`, multi-line notes, quoted keys) as the tokenizer does, from the bytes, on 80 files quoted as Shopify quotes', async () => {
    let byteRows = 0;
    let allRows = 0;
    let maskedRows = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const shape = shapeOf(seed, random(seed * 104729), true);
      const { text, firstLine } = exportText(seed + 1000, shape);
      const bytes = shape.encoding === 'utf8' ? Buffer.from(text) : iconv.encode(text.replace(/\uFEFF|\uFFFD/g, ''), shape.encoding);
      const f = file(bytes);
      const want = await byTokenizer(f, shape.encoding, firstLine);
      for (const rejectedKeyNotPlain of [false, true]) {
        const got = await byBytes(f, shape.encoding, shape.keyColumn, firstLine, rejectedKeyNotPlain);
        const context = `seed ${seed}, rejectedKeyNotPlain ${rejectedKeyNotPlain}`;
        expect(got.error, context).toBe(want.error);
        // a file that ends in error is not imported: the rows before it may come in other batches
        if (want.error === null) expect(got.rows, context).toEqual(want.rows);
        else expect(got.rows, context).toEqual(want.rows.slice(0, got.rows.length));
        if (want.error === null) {
          expect(got.sha256, context).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
          expect(got.notes, context).toEqual(want.notes);
        }
        for (const [a, b] of got.cuts) expect(a, context).not.toBe(b);
        if (!rejectedKeyNotPlain) {
          byteRows += got.chunkRows;
          allRows += got.rows.length;
        }
      }
      // rows with only some cells read (a mapper's cellsRead): the same records, those cells as the tokenizer's, the
      // others '' or the tokenizer's; and every cell again for a reject
      const pickRnd = random(seed * 31);
      const cellsRead = [0, 1, 2, 3, 4, 5, 6, 7].filter(() => pickRnd() < 0.4);
      const masked = await byBytes(f, shape.encoding, shape.keyColumn, firstLine, true, cellsRead);
      const context = `seed ${seed}, cellsRead ${cellsRead.join(' ')}`;
      expect(masked.error, context).toBe(want.error);
      expect(masked.rows, context).toEqual(want.error === null ? want.rows : want.rows.slice(0, masked.rows.length));
      if (want.error === null) expect(masked.sha256, context).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
      expect(masked.chunkRows).toBe(masked.wanted.length);
      for (const [r, cells] of masked.wanted.entries()) {
        const full = want.rows[r].cells;
        expect(cells.length, context).toBe(full.length);
        for (const [i, c] of cells.entries()) {
          if (cellsRead.includes(i) || i === shape.keyColumn) expect(c, `${context}, line ${want.rows[r].line}`).toBe(full[i]);
          else if (c !== '') expect(c, `${context}, line ${want.rows[r].line}`).toBe(full[i]);
        }
      }
      maskedRows += masked.chunkRows;
    }
    // most rows are read from the bytes, quotes and all (a file's rows after its first odd record are the tokenizer's)
    expect(byteRows).toBeGreaterThan(allRows * 0.5);
    expect(maskedRows).toBeGreaterThan(allRows * 0.4);
  });

  it('a file quoted as Shopify quotes, without oddities, is read from the bytes to its end', async () => {
    const { text } = exportText(7, { rows: 3000, odd: 0, keyColumn: 0, encoding: 'utf8', crlf: false, preamble: false, bom: false, quoted: true });
    expect(text).toContain(',"",');
    expect(text).toContain('"gift,\nwrap it"');
    const got = await byBytes(file(Buffer.from(text)), 'utf8', 0, 2, true);
    expect(got.rows.length).toBeGreaterThan(2900);
    expect(got.chunkRows).toBe(got.rows.length);
  });

  it('cuts and digests by content: rows added at the start leave the later chunks as they were', async () => {
    const { text } = exportText(42, { rows: 3000, odd: 0, keyColumn: 0, encoding: 'utf8', crlf: false, preamble: false, bom: false });
    const [header, ...rest] = text.split('\n');
    const before = await byBytes(file(Buffer.from(text)), 'utf8', 0, 2);
    const added = [header, '1,new,2024-01-01,1.00,completed', '2,new,2024-01-01,2.50,completed', '3,new,2024-01-02,3.00,completed', ...rest].join('\n');
    const after = await byBytes(file(Buffer.from(added)), 'utf8', 0, 2);
    const seen = new Set(after.lanes);
    const kept = before.lanes.filter((l) => seen.has(l)).length;
    expect(before.lanes.length).toBeGreaterThan(400);
    expect(kept).toBeGreaterThanOrEqual(before.lanes.length - 2);
    // and a changed row changes its chunk's digest
    const changed = text.replace(/^(\d+,[^,]*,[^,]*,[^,]*),completed$/m, '$1,refunded');
    expect(changed).not.toBe(text);
    const other = await byBytes(file(Buffer.from(changed)), 'utf8', 0, 2);
    expect(other.lanes.filter((l) => !before.lanes.includes(l)).length).toBe(1);
  });

  it('plainRows splits plain records as the tokenizer does: quoted cells, `""` inside, line feeds inside quotes, CR LF, blank lines, empty cells at the ends', () => {
    const texts = [
      'a,b,c\n',
      '#1,"",x\n#1,"",y',
      '"a ""b"", c",2,"\n"\r\n\r\n,,\n"x\ny\nz",q\n',
      ',"",\n"",""\n"""",""""""\n',
      '\n\n1,2\r\n3,"4"\r\n',
      'Zoë,"张三, ""Li""",ü\n5,6,\n',
    ];
    for (const [i, written] of texts.entries()) {
      for (const delim of [',', ';', '\t']) {
        // the same records with another delimiter (a `;` or tab in the text stays an ordinary character)
        const text = delim === ',' ? written : written.replaceAll(',', delim);
        const want: SourceRow[] = [];
        const tokenizer = new CsvTokenizer(delim, 7);
        tokenizer.push(text, want);
        tokenizer.end(want);
        const got: SourceRow[] = [];
        plainRows(text, delim.charCodeAt(0), 7, got);
        expect(got, `text ${i}, ${delim}`).toEqual(want.filter(notBlank));
      }
    }
  });
});
