/**
 * The fuzz test's generator (test/fuzz.test.ts): case `i` of seed `s` is a function of (s, i) alone, so one case
 * can be rerun without the ones before it. A case is a file and the command that reads it: an import of random
 * bytes, of a mutated export (every text fixture: CSV, GBK, TSV, semicolons, the CDNOW log), of a mutated
 * workbook (its XML parts mutated, attributes given hostile values, then zipped again; or the zip's bytes
 * mutated), or a report from a mutated aggregate file (CSV or Parquet: the only inputs that take Parquet).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { fixture } from './cli-harness.js';
import { zipBuffer, type ZipInput } from './write-zip.js';

export type Rnd = () => number;

/** xorshift32, seeded from the run's seed and the case number. */
export function caseRandom(seed: number, i: number): Rnd {
  let s = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let k = 0; k < 8; k++) next(); // nearby seeds part ways
  return next;
}

const pickOf = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

const NASTY = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\u0000', '\u001b[31m', '\u202e', '\u0007', '\uFEFF', '=cmd|', '-1e308', '9999-12-31', '0000-00-00',
  '+99:99', 'NaN', '1e400', '-0', '𝟘', '张三', '买家会员名', '\\', "'", '<', '&amp;', ']]>', '\uFFFD', '\xff\xfe', 'null', '__proto__', '2024-02-30 25:61:61'];

/** Applies 1–8 random byte-level mutations. */
export function mutate(bytes: Buffer, rnd: Rnd): Buffer {
  let b = Buffer.from(bytes);
  const times = 1 + int(rnd, 8);
  for (let t = 0; t < times; t++) {
    const at = int(rnd, b.length + 1);
    const kind = int(rnd, 8);
    if (kind === 0 && b.length > 0) b[Math.min(at, b.length - 1)] = int(rnd, 256);
    else if (kind === 1) b = Buffer.concat([b.subarray(0, at), Buffer.from(pickOf(rnd, NASTY)), b.subarray(at)]);
    else if (kind === 2) b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + int(rnd, 64)))]);
    else if (kind === 3) b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + int(rnd, 200)), b.subarray(at)]);
    else if (kind === 4) b = Buffer.concat([b.subarray(0, at), Buffer.alloc(int(rnd, 3000), pickOf(rnd, NASTY.slice(0, 4))), b.subarray(at)]);
    else if (kind === 5) b = b.subarray(0, at);
    else if (kind === 6) {
      // a line repeated: the same order id twice, a header again
      const start = b.lastIndexOf(10, at - 1) + 1;
      const end = b.indexOf(10, at);
      const line = b.subarray(start, end < 0 ? b.length : end + 1);
      b = Buffer.concat([b.subarray(0, start), line, line, b.subarray(start + line.length)]);
    } else b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: int(rnd, 32) }, () => int(rnd, 256))), b.subarray(at)]);
  }
  return b;
}

/** Values an XML attribute should not hold: cell references far out, ranges over the whole sheet, bad indexes. */
const HOSTILE_ATTR = ['XFD1048576', 'A1:XFD1048576', 'A2:E1048576', 'A1048576', 'ZZZZ1', 'A0', '0', '-1', '4294967296', '99999999', '', 'A1:A1', 'B2:A1', 's', 'str', 'inlineStr', 'e', 'b', 'n', 'd', '1e308', 'NaN', 'x'];
/** Element text an XML element should not hold. */
const HOSTILE_TEXT = ['', '-1', '4294967296', '1e308', 'NaN', '#REF!', '=1+1', '\u001b[2J', '\u202eevil', '张三', '&#0;', '&lt;', '<![CDATA[x]]>', '99999'];

/** Gives 1–4 attribute values or element texts of an XML part hostile values (the structure stays well formed). */
export function mutateXml(xml: Buffer, rnd: Rnd): Buffer {
  let text = xml.toString('utf8');
  const times = 1 + int(rnd, 4);
  for (let t = 0; t < times; t++) {
    if (rnd() < 0.6) {
      const attrs = [...text.matchAll(/ ([A-Za-z:]+)="([^"]*)"/g)];
      if (attrs.length === 0) continue;
      const m = pickOf(rnd, attrs);
      const at = m.index! + m[0].length - m[2].length - 1;
      text = `${text.slice(0, at)}${pickOf(rnd, HOSTILE_ATTR)}${text.slice(at + m[2].length)}`;
    } else {
      const texts = [...text.matchAll(/>([^<]+)</g)];
      if (texts.length === 0) continue;
      const m = pickOf(rnd, texts);
      const at = m.index! + 1;
      text = `${text.slice(0, at)}${pickOf(rnd, HOSTILE_TEXT)}${text.slice(at + m[1].length)}`;
    }
  }
  return Buffer.from(text, 'utf8');
}

export interface Inputs {
  /** Text exports (at most their first 40 lines: the generator mutates, it needs no bulk). */
  exports: { name: string; data: Buffer }[];
  /** Workbooks as their zip parts. */
  books: { name: string; parts: ZipInput[] }[];
  /** Aggregate files: the per-customer summary, the gap histogram and the monthly cohort counts, CSV and Parquet. */
  aggregates: { summary: Buffer; gaps: Buffer; counts: Buffer; summaryParquet: Buffer; gapsParquet: Buffer; countsParquet: Buffer };
}

/** Every text and workbook fixture under fixtures/ (the Parquet and aggregate inputs are made by the test). */
export function fixtureFiles(): { text: string[]; books: string[] } {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else all.push(path.join(dir, e.name));
    }
  };
  walk(fixture());
  return { text: all.filter((f) => /\.(csv|tsv|txt)$/.test(f)), books: all.filter((f) => f.endsWith('.xlsx')) };
}

/** The first `n` lines of a file (all of it when shorter). */
export function head(bytes: Buffer, n: number): Buffer {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = bytes.indexOf(10, at + 1);
    if (at < 0) return bytes;
  }
  return bytes.subarray(0, at + 1);
}

export function textExport(file: string): { name: string; data: Buffer } {
  return { name: path.relative(fixture(), file), data: head(readFileSync(file), 40) };
}

type Kind = 'text' | 'int' | 'day' | 'double';
const KINDS: Record<string, Kind> = {
  as_of: 'day', first_purchase: 'day', last_purchase: 'day', avg_repeat_spend: 'double', median_gap_days: 'double',
  purchase_days: 'int', orders: 'int', revenue: 'int', gross_revenue: 'int', repeat_revenue: 'int', frequency: 'int', recency_days: 'int', T_days: 'int',
  gap_days: 'int', gaps: 'int', period: 'int', customers: 'int',
};
const ELEMENT = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  int: { type: 'INT64' },
  day: { type: 'INT32', converted_type: 'DATE' },
  double: { type: 'DOUBLE' },
} as const;

/** A small aggregate CSV (header + rows, no quoted cells) as a Parquet file with typed columns and small row groups. */
export function csvToParquet(csv: Buffer): Buffer {
  const lines = csv.toString('utf8').trimEnd().split('\n');
  const names = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const value = (kind: Kind, text: string): unknown => {
    if (text === '') return null;
    if (kind === 'int') return BigInt(text);
    if (kind === 'double') return Number(text);
    if (kind === 'day') return Math.round(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
    return text;
  };
  const kind = (n: string): Kind => KINDS[n] ?? 'text';
  const schema = [{ name: 'root', num_children: names.length }, ...names.map((n) => ({ name: n, repetition_type: 'OPTIONAL' as const, ...ELEMENT[kind(n)] }))];
  const columnData = names.map((n, c) => ({ name: n, data: rows.map((r) => value(kind(n), r[c] ?? '')) }));
  return Buffer.from(parquetWriteBuffer({ columnData, schema, rowGroupSize: 7 }));
}

export interface FuzzCase {
  /** What was generated, for the failure message. */
  label: string;
  /** The generated file's extension, and the file itself. */
  ext: string;
  data: Buffer;
  /** A second file (churn's gap histogram beside a summary), when the command takes one. */
  second?: { ext: string; data: Buffer };
  /** The command line after `--db DB`, given the file names. */
  argv(file: string, second: string): string[];
  /** Whether the command writes the database (an import), or only reads files. */
  imports: boolean;
  /** Run on a terminal (--no-color): what the file holds must reach it escaped. */
  tty: boolean;
  /** The environment's language. */
  lang: 'en' | 'zh';
}

/** The import's extra flags, now and then. */
function importFlags(rnd: Rnd): string[] {
  const r = rnd();
  if (r < 0.06) return ['--rejects', 'REJECTS'];
  if (r < 0.09) return ['--strict'];
  if (r < 0.11) return ['--encoding', pickOf(rnd, ['gbk', 'utf-8', 'gb18030'])];
  if (r < 0.13) return ['--platform', pickOf(rnd, ['generic', 'taobao', 'shopify', 'jd'])];
  if (r < 0.15) return ['--max-rejects', pickOf(rnd, ['0', '1', '50%'])];
  return [];
}

export function makeCase(inputs: Inputs, seed: number, i: number): FuzzCase {
  const rnd = caseRandom(seed, i);
  const pick = rnd();
  const tty = rnd() < 0.25;
  const lang = rnd() < 0.3 ? 'zh' : 'en';
  const flags = importFlags(rnd);
  const importing = (label: string, ext: string, data: Buffer): FuzzCase => ({ label, ext, data, argv: (file) => ['import', file, ...flags], imports: true, tty, lang });
  if (pick < 0.12) {
    // random bytes, half of them after a real header line (past the platform detection)
    const src = pickOf(rnd, inputs.exports);
    const prefix = rnd() < 0.5 ? head(src.data, 1) : Buffer.alloc(0);
    const noise = Buffer.from(Array.from({ length: int(rnd, 2000) }, () => int(rnd, 256)));
    return importing(prefix.length > 0 ? `random bytes after the header of ${src.name}` : 'random bytes', 'csv', Buffer.concat([prefix, noise]));
  }
  if (pick < 0.62) {
    const src = pickOf(rnd, inputs.exports);
    return importing(`mutated export ${src.name}`, path.extname(src.name).slice(1), mutate(src.data, rnd));
  }
  if (pick < 0.88) {
    const book = pickOf(rnd, inputs.books);
    const parts = book.parts.map((p) => ({ ...p }));
    const xmlLevel = rnd() < 0.75;
    if (xmlLevel) {
      const touched: string[] = [];
      for (let k = 0; k < 1 + int(rnd, 2); k++) {
        // the sheets and the shared strings most often: that is where the rows are
        const rich = parts.filter((p) => /sheet|sharedStrings/.test(p.name));
        const target = rnd() < 0.7 && rich.length > 0 ? pickOf(rnd, rich) : pickOf(rnd, parts);
        target.data = rnd() < 0.5 ? mutateXml(Buffer.from(target.data), rnd) : mutate(Buffer.from(target.data), rnd);
        touched.push(target.name);
      }
      return importing(`workbook ${book.name}, parts ${touched.join(' and ')} mutated`, 'xlsx', zipBuffer(parts));
    }
    return importing(`workbook ${book.name}, zip bytes mutated`, 'xlsx', mutate(zipBuffer(parts), rnd));
  }
  // a report from an aggregate file, CSV or Parquet
  const a = inputs.aggregates;
  const parquet = rnd() < 0.5;
  const which = rnd();
  const ext = parquet ? 'parquet' : 'csv';
  const bytes = (csv: Buffer, pq: Buffer) => mutate(parquet ? pq : csv, rnd);
  if (which < 0.4) return { label: `rfm --summary from a mutated ${ext} summary`, ext, data: bytes(a.summary, a.summaryParquet), argv: (f) => ['rfm', '--summary', f, '--by', 'customer', '--format', 'csv'], imports: false, tty, lang };
  if (which < 0.7) {
    const mutateGaps = rnd() < 0.5;
    return {
      label: `churn --summary --gaps, the ${mutateGaps ? 'gap histogram' : 'summary'} mutated (${ext})`,
      ext,
      data: mutateGaps ? (parquet ? a.summaryParquet : a.summary) : bytes(a.summary, a.summaryParquet),
      second: { ext, data: mutateGaps ? bytes(a.gaps, a.gapsParquet) : parquet ? a.gapsParquet : a.gaps },
      argv: (f, g) => ['churn', '--summary', f, '--gaps', g, '--by', 'customer'],
      imports: false,
      tty,
      lang,
    };
  }
  return { label: `cohorts --counts from mutated ${ext} counts`, ext, data: bytes(a.counts, a.countsParquet), argv: (f) => ['cohorts', '--counts', f], imports: false, tty, lang };
}
