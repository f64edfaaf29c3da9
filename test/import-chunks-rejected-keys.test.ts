/**
 * Row chunks and rows whose order key is rejected (no order id, or one a spreadsheet turned into `6.91793E+18`),
 * in the grouped layouts (one row per line item, the rows of an order adjacent). Such a row is rejected on its
 * own and changes nothing else: an order whose rows it sits between keeps all of them, also where a chunk may
 * end after that order's key (row-chunks.ts: the key hashes to 0 modulo CHUNK_AVERAGE). Each export below gets,
 * inside every order of several rows, a row without a key (or one with a scientific key), the order's key
 * renamed to one that ends a chunk: it must store what the export without those rows stores, and reject
 * exactly them, with their reason. (Each kind alone: on the byte path, either makes the rest of the file go
 * to the tokenizer.)
 */
import { isUtf8 } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.js';
import { importFile, type Reject } from '../src/index.js';
import { hashOf } from '../src/identity/string-id-table.js';
import { CHUNK_AVERAGE } from '../src/import/row-chunks.js';
import { speak } from '../src/report/said.js';
import { storedIn } from './chunk-compare.js';
import { fixture, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-chunks-rejected-keys-');
let n = 0;

const SCIENTIFIC = '6.91793E+18';

/** Whether a key ends a chunk both as row-chunks.ts hashes it and as byte-chunks.ts hashes a key's bytes as they are. */
function endsChunk(key: string): boolean {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(key)) h = Math.imul(h ^ b, 0x01000193);
  h ^= h >>> 15;
  return (hashOf(key) & (CHUNK_AVERAGE - 1)) === 0 && (h & (CHUNK_AVERAGE - 1)) === 0;
}

/** Another key like `key` (its last digits changed) that ends a chunk and is none of `taken`. */
function keyEndingChunk(key: string, taken: Set<string>): string {
  for (let i = 0; i < 10_000; i++) {
    const k = key.slice(0, -4) + String(i).padStart(4, '0');
    if (!taken.has(k) && endsChunk(k)) {
      taken.add(k);
      return k;
    }
  }
  throw new Error(`no key like ${key} ends a chunk`);
}

/** The records of a delimited text (line ends inside quotes belong to the record), and a record's cells as written. */
function split(text: string, at: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === at && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
const unquote = (cell: string) => cell.replace(/^"(.*)"$/s, '$1').trim();

interface Made {
  /** The export with the rows whose key is rejected, and without them. */
  bad: string;
  good: string;
  /** The lines of the rows put in (in `bad`), with the reason each is rejected for. */
  rejects: [number, string][];
}

/** The row put in: without a key, or with a scientific one. */
type Kind = 'none' | 'scientific';

/** Why the row put in is rejected. */
const reasonFor = (kind: Kind, column: string) =>
  kind === 'none'
    ? `no order id in '${column}'`
    : `order id '${SCIENTIFIC}' in '${column}' was rounded by a spreadsheet (scientific notation); export the file again without opening and saving it in Excel`;

function place(name: string, content: Buffer): string {
  const to = path.join(dir, `a${++n}`, name);
  mkdirSync(path.dirname(to));
  writeFileSync(to, content);
  return to;
}

/**
 * A delimited export with keys renamed and rows put in. `keys`: the key column (the first), and any column a
 * row's key falls back to (eBay's record number), blanked too in the row without a key.
 */
function delimited(kind: Kind, file: string, delimiter: string, keys: string[]): Made {
  const reason = reasonFor(kind, keys[0]);
  const bytes = readFileSync(file);
  const gbk = !isUtf8(bytes);
  const text = gbk ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const records = split(text.replace(/\r\n/g, '\n'), '\n');
  const head = records.findIndex((r) => split(r, delimiter).map(unquote).includes(keys[0]));
  const columns = keys.map((k) => split(records[head], delimiter).map(unquote).indexOf(k));
  const keyOf = (r: string) => unquote(split(r, delimiter)[columns[0]] ?? '');
  const taken = new Set(records.slice(head + 1).map(keyOf));
  const good: string[] = records.slice(0, head + 1);
  const bad: string[] = records.slice(0, head + 1);
  const lineOf = (rs: string[]) => rs.reduce((t, r) => t + 1 + (r.match(/\n/g)?.length ?? 0), 0) + 1;
  const rejects: [number, string][] = [];
  for (let i = head + 1; i < records.length; i++) {
    const cells = split(records[i], delimiter);
    const k = keyOf(records[i]);
    const first = k !== '' && i + 1 < records.length && keyOf(records[i + 1]) === k && (i === head + 1 || keyOf(records[i - 1]) !== k);
    if (!first) {
      good.push(records[i]);
      bad.push(records[i]);
      continue;
    }
    // the order's rows under a key that ends a chunk, and after its first row the two rejected rows
    const renamed = keyEndingChunk(k, taken);
    let j = i;
    for (; j < records.length && keyOf(records[j]) === k; j++) {
      const c = split(records[j], delimiter);
      c[columns[0]] = renamed;
      good.push(c.join(delimiter));
      bad.push(c.join(delimiter));
      if (j > i) continue;
      const put = [...cells];
      if (kind === 'none') for (const col of columns) put[col] = '';
      else put[columns[0]] = SCIENTIFIC;
      rejects.push([lineOf(bad), reason]);
      bad.push(put.join(delimiter));
    }
    i = j - 1;
  }
  const encode = (rs: string[]) => {
    const t = rs.join('\n').replace(/\n/g, eol);
    return gbk ? iconv.encode(t, 'gb18030') : Buffer.from(t);
  };
  const name = path.basename(file);
  return { bad: place(name, encode(bad)), good: place(name, encode(good)), rejects };
}

/** A workbook export with keys renamed and rows put in (the key in the column named `column` of header row `head`). */
async function workbook(kind: Kind, file: string, head: number, column: string): Promise<Made> {
  const reason = reasonFor(kind, column);
  const read = async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    return book;
  };
  const [goodBook, badBook] = [await read(), await read()];
  const [good, bad] = [goodBook.worksheets[0], badBook.worksheets[0]];
  const key = (good.getRow(head).values as ExcelJS.CellValue[]).findIndex((v) => String(v ?? '').trim() === column);
  const keyAt = (r: number) => String(good.getRow(r).getCell(key).value ?? '').trim();
  const taken = new Set(Array.from({ length: good.rowCount - head }, (_, i) => keyAt(head + 1 + i)));
  const rejects: [number, string][] = [];
  let added = 0;
  for (let r = head + 1; r <= good.rowCount; r++) {
    const k = keyAt(r);
    if (k === '' || r === good.rowCount || keyAt(r + 1) !== k || (r > head + 1 && keyAt(r - 1) === k)) continue;
    const renamed = keyEndingChunk(k, taken);
    const value = typeof good.getRow(r).getCell(key).value === 'number' ? Number(renamed) : renamed;
    let j = r;
    for (; j <= good.rowCount && keyAt(j) === k; j++) {
      good.getRow(j).getCell(key).value = value;
      bad.getRow(j + added).getCell(key).value = value;
    }
    const values = (bad.getRow(r + added).values as ExcelJS.CellValue[]).slice(1);
    const put = [...values];
    put[key - 1] = kind === 'none' ? null : SCIENTIFIC;
    bad.insertRow(r + added + 1, put);
    rejects.push([r + added + 1, reason]);
    added += 1;
    r = j - 1;
  }
  const write = async (book: ExcelJS.Workbook) => {
    const to = path.join(dir, `a${++n}`, path.basename(file));
    mkdirSync(path.dirname(to));
    await book.xlsx.writeFile(to);
    return to;
  };
  return { bad: await write(badBook), good: await write(goodBook), rejects };
}

async function imported(file: string) {
  const db = path.join(dir, `d${++n}.db`);
  const store = openDb(db, { create: true });
  const rejects: Reject[] = [];
  try {
    await importFile(store, file, { platform: 'auto', encoding: 'auto', thread: false, onReject: (r) => rejects.push(r) });
  } finally {
    store.close();
  }
  const { imports: _imports, ...stored } = storedIn(db);
  return { stored, rejects: rejects.map((r): [number, string] => [r.line, speak('en', r.reason)]) };
}

const layouts: [string, (kind: Kind) => Made | Promise<Made>][] = [
  ['Shopify', (kind) => delimited(kind, fixture('shopify', 'orders_export_1.csv'), ',', ['Name'])],
  ['Amazon', (kind) => delimited(kind, fixture('amazon', 'All_Orders_20170620.txt'), '\t', ['amazon-order-id'])],
  ['Douyin', (kind) => delimited(kind, fixture('douyin', 'douyin_orders_20250308.csv'), ',', ['主订单编号'])],
  ['Etsy order items', (kind) => delimited(kind, fixture('etsy', 'EtsySoldOrderItems2023.csv'), ',', ['Order ID'])],
  ['JD', (kind) => delimited(kind, fixture('jd', 'jd_orders_20160105.csv'), ',', ['订单号'])],
  ['eBay', (kind) => delimited(kind, fixture('ebay', 'eBay-OrdersReport-Oct-05-2026-10_00_00-0700-1234567890.csv'), ',', ['Order Number', 'Sales Record Number'])],
  ['Lazada', (kind) => workbook(kind, fixture('lazada', 'lazada_orders_2021-02-28.xlsx'), 1, 'orderNumber')],
  ['Shopee', (kind) => workbook(kind, fixture('shopee', 'Order.all.20250701_20250731.xlsx'), 3, 'Order ID')],
  ['千牛', (kind) => workbook(kind, fixture('taobao', 'qianniu_order_export_20240506.xlsx'), 1, '主订单编号')],
];

describe('a row whose order key is rejected, inside an order whose key ends a chunk: rejected alone, the order kept whole', () => {
  it.each(layouts.flatMap(([name, make]) => (['none', 'scientific'] as const).map((kind) => [name, kind, make] as const)))('%s, key %s', async (_name, kind, make) => {
    const made = await make(kind);
    expect(made.rejects.length).toBeGreaterThan(0);
    const [bad, good] = [await imported(made.bad), await imported(made.good)];
    expect(bad.stored).toEqual(good.stored);
    // the export's own rejects, at their lines in `bad` (below the rows put in before them), and the rows put in
    const shifted = good.rejects.map(([line, why]): [number, string] => [made.rejects.reduce((l, [at]) => (at <= l ? l + 1 : l), line), why]);
    expect(bad.rejects).toEqual([...shifted, ...made.rejects].sort((a, b) => a[0] - b[0]));
  });
});
