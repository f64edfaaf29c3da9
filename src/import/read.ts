/**
 * Bytes → rows. Detects the encoding (UTF-8 with or without BOM, UTF-16 by its BOM, else GB18030, a superset
 * of GBK/GB2312, else Mac OS Roman for CR-only lines or windows-1252; see detectEncoding) and the delimiter
 * (comma, tab, semicolon or pipe), then streams records through our CSV
 * tokenizer (quoting as csv-parse reads it with relaxed quotes; see csv-tokenizer.ts) so memory does not
 * grow with the file.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { DataError, InputError, UsageError } from '../errors.js';
import type { SourceRow } from './adapter.js';
import type { OpenedFile } from './opened-file.js';
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import { EncodingCheck } from './encoding-check.js';
import { Gb18030Stream } from './gb18030-text.js';
import type { XlsxOptions } from './read-xlsx.js';
import { said, type Said } from '../report/said.js';

export type EncodingChoice = 'auto' | string;

export interface ReadOptions {
  encoding: EncodingChoice;
  /** Force a delimiter; sniffed when absent. */
  delimiter?: string;
}

export type { OpenedFile } from './opened-file.js';

/** The batches of an opened file: its own, or its rows gathered into batches. */
export async function* rowBatches(file: OpenedFile, size = 1024): AsyncGenerator<SourceRow[]> {
  if (file.batches) {
    yield* file.batches;
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of file.rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const SNIFF_BYTES = 256 * 1024;

/**
 * The first `size` bytes of a file: what every reader judges a file by (fileKind, detectEncoding, sniffDelimiter).
 * Read once per opening.
 */
export function readHead(path: string, size = SNIFF_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? said('read.noSuchFile') : code === 'EISDIR' ? said('read.isDirectory') : code === 'EACCES' ? said('read.permission') : String(code ?? e);
    throw new DataError(said('read.cannotRead', { file: path, why }));
  }
  try {
    const buf = Buffer.alloc(size);
    return buf.subarray(0, readSync(fd, buf, 0, size, 0));
  } finally {
    closeSync(fd);
  }
}

/** What a file is, by its first bytes (or its name): a legacy .xls (OLE2), an .xlsx workbook (zip), or text. */
export function fileKind(head: Buffer, path: string): 'xls' | 'xlsx' | 'text' {
  if (/\.xls$/i.test(path) || (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)) return 'xls';
  if (/\.xlsx$/i.test(path) || (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) return 'xlsx';
  return 'text';
}

/**
 * `utf8` when the bytes are valid UTF-8 (a multi-byte sequence cut at the end is allowed). Otherwise
 * `gb18030` when the non-ASCII bytes come in runs (Chinese text: two or more high bytes per character),
 * else `windows-1252` (a Western single-byte file, such as a German eBay report, where accented letters
 * stand alone between ASCII letters).
 */
export function detectEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes[0] === 0xff ? 'utf16le' : 'utf16be';
  let end = bytes.length;
  // do not judge a sequence cut by the sniff window
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return 'utf8';
  } catch {
    if (looksDoubleByte(bytes)) return 'gb18030';
    return crOnly(bytes) ? 'macintosh' : 'windows-1252';
  }
}

/**
 * Lines ended by CR alone (no LF anywhere in the window): a file saved by Excel for the classic Mac, whose
 * text is Mac OS Roman (`Französisch` has ö as 0x9A, which windows-1252 reads as `š`).
 */
function crOnly(bytes: Buffer): boolean {
  return bytes.includes(0x0d) && !bytes.includes(0x0a);
}

function looksDoubleByte(bytes: Buffer): boolean {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    if ((i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.length && bytes[i + 1] >= 0x80)) paired++;
  }
  return high === 0 || paired / high >= 0.7;
}

/**
 * Picks the delimiter (`,` `\t` `;` `|`) whose per-line count is most consistent over the first lines; a file with
 * none of them whose lines are columns aligned with spaces (CDNOW_master.txt: ` 00001 19970101  1   11.77`) gets
 * ' ', and its rows' cells are the texts between runs of spaces (alignedColumns).
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  if (alignedColumns(lines)) return ' ';
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
    const score = modeCount * 1000 + mode;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/**
 * Columns aligned with spaces: no `,` tab `;` `|` `"` on any line, at least two lines, every line the same number
 * (2 or more) of space-separated texts, and most lines padded (a leading space or a run of two), which a list of
 * names with spaces in them is not.
 */
function alignedColumns(lines: string[]): boolean {
  if (lines.length < 2 || lines.some((l) => /[,\t;|"]/.test(l))) return false;
  const width = (l: string) => l.trim().split(/ +/).length;
  const n = width(lines[0]);
  if (n < 2 || lines.some((l) => width(l) !== n)) return false;
  return lines.filter((l) => /^ | {2}/.test(l)).length * 2 > lines.length;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * Whether a forced --encoding reads the file's first lines otherwise than the encoding its bytes look like
 * (detectEncoding): then headers that fit no export are the encoding's fault, and what they came out as is
 * no help to show. `invalid`: the bytes are not even valid in the forced encoding. Null when both read alike.
 */
export function encodingMisfit(path: string, forced: EncodingChoice): { looks: string; invalid: boolean } | null {
  if (forced === 'auto') return null;
  let head = readHead(path, 16384);
  if (fileKind(head, path) !== 'text') return null;
  const looks = detectEncoding(head);
  if (looks === forced) return null;
  const end = head.lastIndexOf(10);
  if (end > 0) head = head.subarray(0, end);
  const asForced = iconv.decode(head, forced);
  if (asForced === iconv.decode(head, looks)) return null;
  return { looks, invalid: asForced.includes('\uFFFD') };
}

/** The --encoding forms, for its help and its error. */
export const ENCODING_FORMS =
  'auto, utf8, gb18030 (also gbk, gb2312), windows-1252 (Western Windows; also latin1), macintosh (Mac OS Roman), utf16le, shift_jis, big5, euc-kr, or any other name iconv-lite knows';

const ENCODING_ALIASES: Record<string, string> = { 'utf-8': 'utf8', utf8: 'utf8', gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030' };

/** Validates an `--encoding` value: auto, utf8, gb18030/gbk, or any encoding iconv-lite knows. */
export function resolveEncoding(choice: string): EncodingChoice {
  const c = choice.toLowerCase();
  if (c === 'auto') return 'auto';
  const alias = ENCODING_ALIASES[c] ?? c;
  if (!iconv.encodingExists(alias)) throw new UsageError(said('read.unknownEncoding', { value: choice, forms: ENCODING_FORMS }));
  return alias;
}

function legacyXls(path: string): DataError {
  return new DataError(said('read.legacyXls', { file: path, path }));
}

/** Opens a delimited text file for streaming. */
export function openDelimited(path: string, opts: ReadOptions, bytes = readHead(path)): OpenedFile {
  if (fileKind(bytes, path) === 'xls') throw legacyXls(path);
  const encoding = opts.encoding === 'auto' ? detectEncoding(bytes) : opts.encoding;
  const sample = iconv.decode(bytes, encoding);
  if (sample.includes('\u0000')) throw new DataError(said('read.binary', { file: path }));
  const delimiter = opts.delimiter ?? sniffDelimiter(sample);
  const hash = createHash('sha256');
  const check = new EncodingCheck(encoding);
  const batches = streamBatches(path, encoding, delimiter, hash, check);
  const notes = (): Said[] => {
    const n = check.note();
    return n ? [n] : [];
  };
  return { encoding, delimiter, sha256: () => hash.copy().digest('hex'), batches, rows: flatten(batches), notes };
}

async function* flatten(batches: AsyncIterable<SourceRow[]>): AsyncGenerator<SourceRow> {
  for await (const batch of batches) yield* batch;
}

/** Bytes read per chunk: small enough that a chunk's text dies young (large strings would be promoted). */
export const CHUNK_BYTES = 1 << 16;

/**
 * Bytes → records through the tokenizer: decoded in the file's encoding, blank records left out. Records
 * with a `\uFFFD` (bytes that were not UTF-8) are counted by the EncodingCheck; its raw-byte check is the
 * caller's, once per byte read. `linesBefore`: lines before the first byte pushed.
 */
export class TextRecords {
  private readonly decoder;
  private readonly tokenizer;
  /** Text with a replacement character has come that may be in a record not yet complete. */
  private replaced = false;

  constructor(
    encoding: string,
    private readonly delimiter: string,
    private readonly check: EncodingCheck,
    linesBefore = 0,
  ) {
    // GB18030: iconv-lite's text, from ICU's decoder where the two agree (a GB18030 byte order mark is kept by both)
    this.decoder = encoding === 'gb18030' ? new Gb18030Stream() : iconv.getDecoder(encoding, { stripBOM: linesBefore === 0 });
    this.tokenizer = new CsvTokenizer(delimiter, linesBefore);
  }

  /** The records completed by `bytes` (null: the end of the file). Throws UnclosedQuoteError. */
  push(bytes: Buffer | null): SourceRow[] {
    const records: SourceRow[] = [];
    let text: string;
    if (bytes === null) {
      text = this.decoder.end() ?? '';
      if (text) this.tokenizer.push(text, records);
      this.tokenizer.end(records);
    } else {
      text = this.decoder.write(bytes);
      this.tokenizer.push(text, records);
    }
    // bytes that were not UTF-8 (rare: looked for only in the records completed since text with a replacement
    // character came, which may be a record that began in an earlier chunk)
    if (text.includes('\uFFFD')) this.replaced = true;
    if (this.replaced && records.length > 0) {
      for (const r of records) this.check.record(r.line, r.cells);
      this.replaced = text.includes('\uFFFD');
    }
    // columns aligned with spaces: the cells are the texts between the runs of spaces
    if (this.delimiter === ' ') for (const r of records) r.cells = r.cells.filter((c) => c !== '');
    return records.filter(notBlank);
  }
}

/** A record that is not blank (an empty line, or one cell of spaces). */
export function notBlank(r: SourceRow): boolean {
  return r.oversize !== undefined || r.cells.length > 1 || (r.cells.length === 1 && r.cells[0].trim() !== '');
}

/** The error for a quoted cell the file never closes. */
export function unclosed(path: string, e: UnclosedQuoteError): InputError {
  return new InputError(path, e.line, said('read.badCsvReason', { why: e.message }));
}

/** Records of a delimited file, one batch per chunk read; blank records are skipped. */
async function* streamBatches(path: string, encoding: string, delimiter: string, hash: Hash, check: EncodingCheck): AsyncGenerator<SourceRow[]> {
  const fh = await open(path, 'r');
  const records = new TextRecords(encoding, delimiter, check);
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      let batch: SourceRow[];
      if (bytesRead === 0) {
        batch = records.push(null);
        check.bytes(Buffer.alloc(0), true);
      } else {
        const bytes = buf.subarray(0, bytesRead);
        hash.update(bytes);
        check.bytes(bytes);
        batch = records.push(bytes);
      }
      if (batch.length > 0) yield batch;
      if (bytesRead === 0) return;
    }
  } catch (e) {
    if (e instanceof UnclosedQuoteError) throw unclosed(path, e);
    throw e;
  } finally {
    await fh.close();
  }
}

/**
 * Opens any supported input: .xlsx workbooks (by extension or by their zip signature) through
 * read-xlsx.ts, everything else as delimited text. Legacy .xls (also when misnamed) gets a clear error.
 */
export async function openRows(path: string, opts: ReadOptions & XlsxOptions): Promise<OpenedFile> {
  const head = readHead(path);
  const kind = fileKind(head, path);
  if (kind === 'xls') throw legacyXls(path);
  // loaded when a workbook is opened (its zip and XML readers): the threads of a text import go without them
  if (kind === 'xlsx') return (await import('./read-xlsx.js')).openXlsx(path, opts);
  return openDelimited(path, opts, head);
}
