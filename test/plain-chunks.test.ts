/**
 * Plain chunks (RowMapper.plainChunk, MapOptions.encoded): the reading thread maps chunks of plain generic records
 * straight into encoded orders. Whatever a file holds, the writer must get the very batches it gets when every
 * chunk is read as rows and mapped as objects: the same orders, buyers, rejects and chunk marks, batch by batch.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMappedFile, type MapOptions } from '../src/import/map-file.js';
import { decodeColumns, encodeBatch } from '../src/import/mapped-codec.js';
import { DecodedBatch, MARK_NUMBERS } from '../src/import/mapped-batch.js';

const SECRET = 'plain-chunks-secret-0123456789abcdef';
const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-plain-'));

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the reading half hands the writer, batch by batch, as plain data; and how many outcomes came encoded already. */
async function handed(file: string, encoded: boolean, opts: Partial<MapOptions> = {}): Promise<{ batches: unknown[]; straight: number }> {
  const mapped = await openMappedFile(file, { platform: 'auto', encoding: 'auto', keepCells: false, buyers: { secret: SECRET, keepPii: false }, idKey: SECRET, encoded, ...opts });
  mapped.useChunks(null);
  const decoded = new DecodedBatch();
  const batches: unknown[] = [];
  let straight = 0;
  for await (const batch of mapped.batches) {
    for (const r of batch.runs ?? []) straight += r.count;
    const d = decodeColumns(encodeBatch(batch), decoded);
    const c = d.orders;
    const n = c.length;
    const column = (a: ArrayLike<unknown>) => Array.from({ length: n }, (_, i) => a[i]);
    batches.push({
      rows: d.rows,
      orders: Object.fromEntries(
        (['orderId', 'statusRaw', 'currency', 'items', 'buyerValue', 'storedKey', 'storedDisplay', 'storedClear', 'line', 'orderedMs', 'day', 'gross', 'discount', 'shipping', 'refunded', 'net', 'itemCount', 'slot', 'status', 'buyerKind'] as const).map((f) => [f, column(c[f])]),
      ),
      events: Array.from(d.eventAt.subarray(0, d.events)),
      what: Array.from(d.eventWhat.subarray(0, d.events)),
      marks: Array.from(d.marks.subarray(0, d.events * MARK_NUMBERS)),
      other: JSON.parse(JSON.stringify(d.other)),
    });
  }
  return { batches, straight };
}

/** A generic export of `orders` orders (~60 bytes a line: several 64 KB reads) with `odd(k, rnd)` making order k odd now and then. */
function write(name: string, orders: number, seed: number, opts: { header?: string; delimiter?: string; eol?: string; odd?: (k: number, rnd: () => number, cells: string[]) => string[][] | null } = {}): string {
  const rnd = random(seed);
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\n';
  const lines = [opts.header ?? ['order_id', 'customer', 'date', 'amount', 'status'].join(d)];
  let ms = Date.UTC(2023, 0, 1);
  for (let k = 0; k < orders; k++) {
    ms += Math.floor(rnd() * 3_600_000);
    const date = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const customer = `C${Math.floor(rnd() * orders * 0.4).toString(36).toUpperCase().padStart(6, '0')}`;
    const amount = (rnd() * 200).toFixed(2);
    const status = ['completed', 'completed', 'completed', 'refunded', 'cancelled', 'shipped'][Math.floor(rnd() * 6)];
    const cells = [String(100000 + k), customer, date, amount, status];
    const rows = opts.odd?.(k, rnd, cells) ?? [cells];
    for (const r of rows) lines.push(r.join(d));
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join(eol) + eol);
  return file;
}

/** Now and then one of the shapes the general reading must take over (or that plain chunks must read as it does). */
function oddly(k: number, rnd: () => number, c: string[]): string[][] | null {
  if (k % 7 !== 3) return null;
  const pick = Math.floor(rnd() * 30);
  const at = (i: number, v: string) => c.map((x, j) => (j === i ? v : x));
  switch (pick) {
    case 0: return [c, at(3, '1.00')]; // an order of two rows
    case 1: return [at(1, '')]; // a guest checkout
    case 2: return [at(1, '***')]; // a masked buyer: nobody
    case 3: return [at(1, `Mail${k}@Example.com`)]; // an email (lower-cased, keyed)
    case 4: return [at(1, '13812345678')]; // a phone number
    case 5: return [at(1, 'john.smith')]; // a user name
    case 6: return [at(1, ` C${k} `)]; // spaces around a cell
    case 7: return [at(3, '-12.50')]; // a return
    case 8: return [at(3, '$5.00')]; // a symbol
    case 9: return [at(3, '1,234.5')]; // grouping
    case 10: return [at(3, 'null')]; // no amount
    case 11: return [at(3, '')];
    case 12: return [at(2, '2023-02-30 10:00:00')]; // no such day
    case 13: return [at(2, '2023/03/01')]; // another date shape
    case 14: return [at(2, '2023-03-01T25:00:00')]; // no such hour
    case 15: return [at(4, '')]; // no status
    case 16: return [at(4, 'Weird State')]; // an unknown status
    case 17: return [at(0, '1.5E+10')]; // a spreadsheet's rounding
    case 18: return [at(0, '')]; // no order id
    case 19: return [at(1, '"C,Q"')]; // a quoted cell
    case 20: return [c.slice(0, 3)]; // fewer cells
    case 21: return [[...c, 'extra']]; // more cells
    case 22: return k > 1000 && k < 1400 ? [at(1, '张三')] : null; // not ASCII (its reads are mapped as rows): a few reads
    case 23: return [c, []]; // a blank line after it
    case 24: return [at(4, '-')]; // a null word
    case 25: return [at(3, '7')]; // no decimals
    case 26: return [at(3, '0.125')]; // more decimals than the currency has
    case 27: return [at(0, `="${c[0]}"`)]; // a spreadsheet's wrapper
    case 28: return [at(1, 'C0000001'), at(1, 'C0000002')]; // another customer, one order id
    default: return [at(2, c[2].slice(0, 10))]; // a date without time
  }
}

describe('plain chunks: the same batches as rows', () => {
  it('a plain file: every chunk after the first straight, the same batches', async () => {
    const file = write('plain.csv', 6000, 1);
    const rows = await handed(file, false);
    const plain = await handed(file, true);
    expect(plain.batches).toEqual(rows.batches);
    expect(rows.straight).toBe(0);
    // all but the first chunk's orders and marks (the first one finds the file's currency)
    expect(plain.straight).toBeGreaterThan(7000);
  });

  it('odd rows among plain ones: the same batches', async () => {
    for (const seed of [2, 3, 4]) {
      const file = write(`odd-${seed}.csv`, 5000, seed, { odd: oddly });
      const plain = await handed(file, true);
      expect(plain.batches).toEqual((await handed(file, false)).batches);
      expect(plain.straight).toBeGreaterThan(1500);
    }
  });

  it('CRLF lines, blank lines, a tab-delimited file, a header with a nickname column', async () => {
    const crlf = write('crlf.csv', 3000, 5, { eol: '\r\n', odd: (k, _r, c) => (k % 11 === 0 ? [c, []] : null) });
    const tabs = write('tabs.tsv', 3000, 6, { delimiter: '\t', header: 'order_id\tcustomer\tdate\tamount\tstatus' });
    const nick = write('nick.csv', 3000, 7, { header: 'order_id,buyer,date,amount,status' });
    // no status column, and the columns in another order
    const shuffled = write('shuffled.csv', 3000, 8, { header: 'amount,date,customer,order_id', odd: (_k, _r, c) => [[c[3], c[2], c[1], c[0]]] });
    for (const file of [crlf, tabs, nick, shuffled]) {
      const plain = await handed(file, true);
      expect(plain.batches, file).toEqual((await handed(file, false)).batches);
      expect(plain.straight, file).toBeGreaterThan(2000);
    }
  });

  it('settings that change what a cell reads: a forced currency, a zone, a decimal comma', async () => {
    const file = write('settings.csv', 3000, 9, { odd: oddly });
    const semi = write('semi.csv', 3000, 10, { delimiter: ';', odd: (k, _r, c) => [[c[0], c[1], c[2], c[3].replace('.', ','), c[4]]] });
    for (const [f, opts] of [[file, { currency: 'jpy' }], [file, { zone: 'Asia/Shanghai' }], [file, { zone: 'America/New_York', currency: 'USD' }], [semi, {}]] as const) {
      const plain = await handed(f, true, opts);
      expect(plain.batches, JSON.stringify(opts)).toEqual((await handed(f, false, opts)).batches);
      expect(plain.straight).toBeGreaterThan(1000);
    }
  });

  it('a file with a name that is not ASCII in every read: the chunks without one still straight, the same batches', async () => {
    // a Chinese name or status, or a Latin-1 name, every 25 orders: each 64 KB read holds dozens of them
    const names = (k: number, _r: () => number, c: string[]) => (k % 25 === 7 ? [c.map((x, j) => (j === 1 ? `张${k % 50}` : j === 4 && k % 75 === 7 ? '已完成' : x))] : null);
    const utf8 = write('names.csv', 6000, 12, { odd: names });
    const latin = write('names-1252.csv', 6000, 13, { odd: (k, _r, c) => (k % 25 === 7 ? [c.map((x, j) => (j === 1 ? `Müller${k % 50}` : x))] : null) });
    writeFileSync(latin, Buffer.from(readFileSync(latin, 'utf8'), 'latin1'));
    for (const file of [utf8, latin]) {
      const plain = await handed(file, true);
      expect(plain.batches, file).toEqual((await handed(file, false)).batches);
      // every chunk without such a row (about 9 of 10: a chunk is about 4 orders) and its mark
      expect(plain.straight, file).toBeGreaterThan(5000);
    }
  });

  it('a currency column: runs of one currency straight, any other cell as rows, the same batches', async () => {
    // runs of USD, then EUR or JPY (no minor digits), and now and then a cell the general reading takes: another
    // spelling, an empty cell (the default), one that is not a currency, spaces around it
    const currency = (k: number, rnd: () => number, c: string[]) => {
      const run = ['USD', 'USD', 'EUR', 'JPY'][Math.floor(k / 700) % 4];
      const odd = rnd() < 0.02 ? ['usd', '', 'XX1', ' EUR ', 'EUR', 'null'][Math.floor(rnd() * 6)] : run;
      return (oddly(k, rnd, c) ?? [c]).map((r) => (r.length === 0 ? r : [...r, odd]));
    };
    const last = write('currency.csv', 6000, 14, { header: 'order_id,customer,date,amount,status,currency', odd: currency });
    // the currency far to the right, past columns the generic reading does not know
    const far = write('currency-far.csv', 4000, 15, {
      header: 'order_id,customer,date,amount,status,a,b,c,d,e,f,currency_code',
      odd: (k, rnd, c) => currency(k, rnd, c).map((r) => (r.length === 0 ? r : [...r.slice(0, -1), 'x', 'y', '', '1', '2', '3', r[r.length - 1]])),
    });
    for (const [file, opts] of [[last, {}], [last, { currency: 'GBP' }], [far, {}]] as const) {
      const plain = await handed(file, true, opts);
      expect(plain.batches, file).toEqual((await handed(file, false, opts)).batches);
      expect(plain.straight, file).toBeGreaterThan(2000);
    }
  });

  it('columns plain chunks do not read (quantities): every chunk as rows, the same batches', async () => {
    const file = write('qty.csv', 2000, 11, { header: 'order_id,customer,date,amount,status,quantity', odd: (_k, _r, c) => [[...c, '2']] });
    const plain = await handed(file, true);
    expect(plain.straight).toBe(0);
    expect(plain.batches).toEqual((await handed(file, false)).batches);
  });
});
