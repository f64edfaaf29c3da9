/**
 * Row chunks read as bytes: what lets a re-import skip the unchanged orders of a delimited file without
 * decoding or tokenizing them. The data lines are cut into chunks of whole orders where the order-key
 * column's bytes say (the rule of row-chunks.ts ChunkRows: a chunk ends after an order whose key hashes to 0
 * modulo CHUNK_AVERAGE, or once it has CHUNK_MAX_ROWS rows, never between two rows of one key), and each
 * chunk's bytes are digested (row-chunks.ts byteLanes). The hash is not ChunkRows' hashOf: a key whose bytes
 * are its text is hashed from its bytes (FNV-1a, no decoding), any other from its cleaned text (hashOf), so the
 * two paths cut a file at different places. That costs nothing: a chunk is only ever matched with one cut by
 * the same path (the byte path digests bytes, ChunkRows the cells: their digests never agree anyway), and on
 * each path a chunk's ends depend on its own keys alone. Hashing bytes as hashOf does would move every
 * recorded byte chunk (CHUNK_FORMAT): the next re-import of every store would read each file whole once. Only the chunks the mapping half does not skip
 * are decoded and split into cells (rowsOf: plainRows, which reads them as the tokenizer does). A UTF-8 file read
 * for a mapper that declares its cells (ByteChunkOptions.cellsRead) is read in one pass: the cutting takes those
 * cells' byte ranges too (cellsRecord), and rowsOf cuts them out of the bytes, without splitting again.
 *
 * The byte path reads plain records only: no carriage return but the one before a line feed, at least one
 * delimiter, at most PLAIN_LINE_BYTES, text valid in the file's encoding (UTF-8 with no U+FFFD; GB18030 and
 * windows-1252, whose bytes below 0x40 are always ASCII), and quotes only as RFC 4180 writes them: a quoted
 * cell starts where a cell starts and its closing quote is followed by a delimiter or the line's end (`""`
 * inside it is a quote; a line feed inside it belongs to the cell, as Shopify's multi-line notes do; a quote
 * inside an unquoted cell is an ordinary character, as Taobao's `="…"` ids have them). At the
 * first record that is not plain, the rest of the file, from the start of the chunk that record would have
 * joined, is read by the tokenizer as before (TextRecords) and handed on as rows: a file's records, their lines
 * and cells, and what is said of its encoding are the tokenizer's whichever path read them.
 *
 * A key reads as cleanCell reads it: where cleanCell leaves a cell as it is (printable ASCII at both ends, no
 * `=` or `'` wrapper, not a null word) its bytes are the key; any other key (a quoted one too) is decoded,
 * unquoted and cleaned. For mappers that remember the keys they met (the grouped layouts' come-back check) the
 * keys of each chunk's orders are kept (keysOf), to be handed to that memory when the chunk is passed over.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeBytes } from './gb18030-text.js';
import type { SourceRow } from './adapter.js';
import { cleanCell, isScientificId } from './cells.js';
import { UnclosedQuoteError } from './csv-tokenizer.js';
import { EncodingCheck } from './encoding-check.js';
import { CHUNK_BYTES, TextRecords, unclosed } from './read.js';
import { byteLanes, CHUNK_AVERAGE, CHUNK_MAX_ROWS } from './row-chunks.js';
import { hashOf } from '../identity/string-id-table.js';
import type { Said } from '../report/said.js';

/** Encodings whose structural bytes (delimiters, quotes, line ends) are never part of a character. */
export const BYTE_ENCODINGS: ReadonlySet<string> = new Set(['utf8', 'gb18030', 'windows-1252']);
/** Longer lines go to the tokenizer (8 KB holds fewer cells than LIMITS.rowCells: never oversize here). */
const PLAIN_LINE_BYTES = 8192;
/** A chunk (with the blank lines in it) this large goes to the tokenizer too. */
const CHUNK_LIMIT_BYTES = 1 << 20;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Per chunk: start and end in `bytes`, data rows, lines before its start, the two lanes of its bytes, and (with
 * ByteChunkOptions.keys) the range of its orders' keys (keysOf).
 */
export const CHUNK_FIELDS = 8;

/** What one read gave: chunks of plain lines, then (once the tokenizer reads the rest) rows. */
export interface ByteBatch {
  /** Valid until the next batch is asked for. */
  bytes: Buffer;
  chunks: Int32Array;
  count: number;
  rows: SourceRow[];
}

export interface ByteChunkOptions {
  encoding: string;
  delimiter: string;
  /** The order-key column (RowMapper.groupColumn). */
  keyColumn: number;
  /** The first data line (1-based): the lines before it (the header) are passed over. */
  firstLine: number;
  /** Keep the keys of each chunk's orders (keysOf). */
  keys?: boolean;
  /**
   * A record whose key is empty, or a spreadsheet's scientific notation (`6.91793E+18`), is not plain (the tokenizer
   * reads the rest): for mappers that pass over blank rows without ending an order (RowMapper.passes), which only
   * the cells can tell, and that reject such a key on its row alone, leaving the order around it open
   * (RowMapper.rejectsKey: order-fields.ts orderKey), where a chunk must not end.
   */
  rejectedKeyNotPlain?: boolean;
  /**
   * The columns the mapper reads (RowMapper.cellsRead): rows of quoted records get those cells only (plainRows),
   * with rejectedKeyNotPlain (every chunk row then has a key, so none is blank whatever its other cells hold).
   */
  cellsRead?: readonly number[];
}

/** What quotedRecord found: read (its fields in ByteChunkReader.r*), not plain, or running past the bytes read. */
const READ = 1;
const NOT_PLAIN = 0;
const MORE = -1;

// cell refs (cellsRecord): per record its start, line and cell count, then start, end, flags of each wanted column
const CELL_REFS = 3;
const ABSENT = -1;
const QUOTED_CELL = 1;
const ESCAPED_CELL = 2;
const HIGH_CELL = 4;
// byte classes (cellsRecord)
const HIGH = 1;
const QUOTED = 2;
const DELIM = 3;
const LINE_FEED = 4;
const RETURN = 5;

export class ByteChunkReader {
  private readonly delim: number;
  private readonly utf8: boolean;
  private buf: Buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  /** `buf` as words for byteLanes (one view a buffer, not one a chunk: a chunk is ~4 orders). */
  private words = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private chunks = new Int32Array(CHUNK_FIELDS * 512);
  private count = 0;
  // the open chunk: where its bytes start (after the last chunk closed), lines before that, its rows
  private chunkStart = 0;
  private chunkLines = 0;
  private chunkRows = 0;
  private wantEnd = false;
  // the last row's key: its bytes in buf, or (a key cleanCell changes) its text
  private keyStart = 0;
  private keyEnd = 0;
  private keyText: string | null = null;
  // the keys of the orders (with ByteChunkOptions.keys): [start, end) from the start of their chunk, or the text
  private keyRefs = new Int32Array(2 * 1024);
  private keyTexts: (string | null)[] = [];
  private keyCount = 0;
  /** The first key of the open chunk. */
  private openKeys = 0;
  // the record quotedRecord read: where its line ends (stop: before a CR), its last byte + 1 (end), line feeds inside quotes, its key cell
  private rStop = 0;
  private rEnd = 0;
  private rBreaks = 0;
  // the quoted cell quotedCell read: line feeds inside, flags
  private qBreaks = 0;
  private qFlags = 0;
  private rKeyStart = 0;
  private rKeyEnd = 0;
  private rKeyQuoted = false;

  /** 1 for each column to read (ByteChunkOptions.cellsRead), or null: all. */
  private readonly wanted: Uint8Array | null = null;
  /**
   * Cells read in the pass that cuts the chunks (UTF-8 files with ByteChunkOptions.cellsRead): for each record of
   * the batch, CELL_REFS + 3 × the wanted columns Int32s (cellsRecord); rowsOf makes rows from them and the bytes.
   * Null: rowsOf decodes the chunks and splits them again (plainRows).
   */
  private readonly slotOf: Int16Array | null = null;
  private readonly slotColumns: Int32Array = new Int32Array(0);
  private refs: Int32Array = new Int32Array(0);
  private refCount = 0;
  /** The first record of the open chunk in refs. */
  private openRefs = 0;
  /** Per chunk of the batch: its first record in refs. */
  private chunkRefs = new Int32Array(512);
  /** Byte classes for cellsRecord (ORDINARY, HIGH, QUOTED, DELIM, LINE_FEED, RETURN). */
  private readonly classes = new Uint8Array(256);
  /** `''` × n cells, copied for each row rowsOf makes (n: the record's cell count). */
  private readonly blanks: string[][] = [];

  private readonly hash = createHash('sha256');
  private readonly check: EncodingCheck;

  constructor(
    private readonly path: string,
    private readonly opts: ByteChunkOptions,
  ) {
    this.delim = opts.delimiter.charCodeAt(0);
    this.utf8 = opts.encoding === 'utf8';
    this.check = new EncodingCheck(opts.encoding);
    if (opts.cellsRead !== undefined && opts.rejectedKeyNotPlain === true) {
      const wanted = new Uint8Array(Math.max(opts.keyColumn, ...opts.cellsRead) + 1);
      for (const i of opts.cellsRead) if (i >= 0) wanted[i] = 1;
      wanted[opts.keyColumn] = 1;
      this.wanted = wanted;
      if (this.utf8) {
        const slotOf = new Int16Array(wanted.length).fill(-1);
        const columns: number[] = [];
        for (let i = 0; i < wanted.length; i++) if (wanted[i] === 1) slotOf[i] = columns.push(i) - 1;
        this.slotOf = slotOf;
        this.slotColumns = Int32Array.from(columns);
        this.refs = new Int32Array(256 * (CELL_REFS + 3 * columns.length));
        for (let b = 128; b < 256; b++) this.classes[b] = HIGH;
        this.classes[QUOTE] = QUOTED;
        this.classes[this.delim] = DELIM;
        this.classes[LF] = LINE_FEED;
        this.classes[CR] = RETURN;
      }
    }
  }

  /** Every cell of a row rowsOf gave (a row read with only the cells the mapper reads is read again). */
  allCells(row: SourceRow): string[] {
    if (row.text === undefined || row.at === undefined) return row.cells;
    const again: SourceRow[] = [];
    plainRows(row.text, this.delim, 0, again, null, row.at, 1);
    // rows made from cell refs keep their bytes as latin1 text (one character a byte): a cell's UTF-8 decoded
    // alone reads as in the whole record (valid UTF-8; cells end at ASCII bytes)
    if (this.slotOf === null) return again[0].cells;
    return again[0].cells.map((c) => (/[\u0080-\u00ff]/.test(c) ? Buffer.from(c, 'latin1').toString('utf8') : c));
  }

  /** SHA-256 of the file's bytes: complete once the batches are read. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }

  /** What is said of the file's encoding (lines in another encoding): complete once the batches are read. */
  notes(): Said[] {
    const n = this.check.note();
    return n ? [n] : [];
  }

  /**
   * The data rows of chunks `from` … `to` − 1 of a batch, decoded and split (in one go), chunk by chunk; with
   * ByteChunkOptions.cellsRead, quoted records with those cells only (allCells reads the rest).
   */
  rowsOf(batch: ByteBatch, from: number, to = from + 1): SourceRow[][] {
    const c = batch.chunks;
    const o = from * CHUNK_FIELDS;
    if (this.slotOf !== null) return this.rowsFromRefs(batch, from, to);
    const text = this.decode(batch.bytes, c[o], c[(to - 1) * CHUNK_FIELDS + 1]);
    const rows: SourceRow[] = [];
    plainRows(text, this.delim, c[o + 3], rows, this.wanted);
    const out: SourceRow[][] = [];
    for (let k = from, at = 0; k < to; k++) {
      const n = c[k * CHUNK_FIELDS + 2];
      out.push(rows.slice(at, at + n));
      at += n;
    }
    return out;
  }

  /**
   * rowsOf from the cell refs cellsRecord took: the wanted cells cut from the chunks' bytes (read as latin1 text, one
   * character a byte; a cell with a byte above 0x7f decoded as UTF-8 alone), '' for the others; each row keeps that
   * text and its start there (allCells).
   */
  private rowsFromRefs(batch: ByteBatch, from: number, to: number): SourceRow[][] {
    const c = batch.chunks;
    const bytes = batch.bytes;
    const base = c[from * CHUNK_FIELDS];
    const text = bytes.toString('latin1', base, c[(to - 1) * CHUNK_FIELDS + 1]);
    const refs = this.refs;
    const columns = this.slotColumns;
    const slots = columns.length;
    const stride = CELL_REFS + 3 * slots;
    const out: SourceRow[][] = [];
    for (let k = from; k < to; k++) {
      const rows: SourceRow[] = [];
      const first = this.chunkRefs[k];
      const n = c[k * CHUNK_FIELDS + 2];
      for (let r = first; r < first + n; r++) {
        const at = r * stride;
        const count = refs[at + 2];
        let blank = this.blanks[count];
        if (blank === undefined) blank = this.blanks[count] = new Array<string>(count).fill('');
        const cells = blank.slice();
        for (let w = 0, a = at + CELL_REFS; w < slots; w++, a += 3) {
          const flags = refs[a + 2];
          if (flags === ABSENT) continue;
          let start = refs[a];
          let end = refs[a + 1];
          if ((flags & QUOTED_CELL) !== 0) {
            start++;
            end--;
          }
          let cell = (flags & HIGH_CELL) !== 0 ? bytes.toString('utf8', start, end) : text.slice(start - base, end - base);
          if ((flags & ESCAPED_CELL) !== 0) cell = cell.replaceAll('""', '"');
          cells[columns[w]] = cell;
        }
        rows.push({ line: refs[at + 1], cells, text, at: refs[at] - base });
      }
      out.push(rows);
    }
    return out;
  }

  /**
   * The text of a batch's chunks, one character a byte (latin1: chunk k's records are text[c[o] − c[0], c[o + 1] −
   * c[0]), o = k × CHUNK_FIELDS), and whether all its bytes are ASCII. A chunk whose bytes are all ASCII (every chunk
   * of an ASCII batch; else asciiChunk) reads there as it does in any of BYTE_ENCODINGS. Empty for no chunks.
   */
  chunksText(batch: ByteBatch): { text: string; ascii: boolean } {
    if (batch.count === 0) return { text: '', ascii: false };
    const start = batch.chunks[0];
    const end = batch.chunks[(batch.count - 1) * CHUNK_FIELDS + 1];
    return { text: batch.bytes.toString('latin1', start, end), ascii: isAscii(batch.bytes.subarray(start, end)) };
  }

  /** Whether chunk `k`'s bytes are all ASCII (in a batch that is not: a Chinese name in one row leaves the others plain). */
  asciiChunk(batch: ByteBatch, k: number): boolean {
    const o = k * CHUNK_FIELDS;
    return isAscii(batch.bytes.subarray(batch.chunks[o], batch.chunks[o + 1]));
  }

  /** The keys of chunk `k`'s orders, in file order (ByteChunkOptions.keys): valid until the next batch is asked for. */
  keysOf(batch: ByteBatch, k: number): string[] {
    const c = batch.chunks;
    const o = k * CHUNK_FIELDS;
    const start = c[o];
    const out: string[] = [];
    for (let i = c[o + 6]; i < c[o + 7]; i++) {
      out.push(this.keyTexts[i] ?? this.decode(batch.bytes, start + this.keyRefs[2 * i], start + this.keyRefs[2 * i + 1]));
    }
    return out;
  }

  private decode(bytes: Buffer, start: number, end: number): string {
    return this.utf8 ? bytes.toString('utf8', start, end) : decodeBytes(bytes.subarray(start, end), this.opts.encoding);
  }

  /**
   * The batches, one a read. The reads are synchronous: a 64 KB read of a file in the page cache takes microseconds,
   * and an awaited one put the thread to sleep once a read (the reading half: 5–7% more CPU, its caches gone cold
   * when it woke). The thread still turns its event loop whenever its consumer waits (map-worker.ts: for credit).
   */
  async *batches(): AsyncGenerator<ByteBatch> {
    const fd = openSync(this.path, 'r');
    let text: TextRecords | null = null;
    let filled = 0;
    let pos = 0;
    let lines = 0;
    let skipping = true;
    // the tokenizer reads the whole file (the header was not found in the first read): rows before firstLine are the header's
    let fromStart = false;
    try {
      for (;;) {
        // keep the open chunk's bytes (the rest has been handed on), and room to read
        if (text === null) {
          const keep = this.chunkStart;
          if (keep > 0) {
            this.buf.copy(this.buf, 0, keep, filled);
            filled -= keep;
            pos -= keep;
            this.keyStart -= keep;
            this.keyEnd -= keep;
            this.chunkStart = 0;
          }
          if (this.slotOf !== null) this.keepOpenRefs(keep);
          if (filled > this.buf.length / 2) {
            const bigger = Buffer.allocUnsafeSlow(this.buf.length * 2);
            this.buf.copy(bigger, 0, 0, filled);
            this.buf = bigger;
            this.words = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
          }
        } else filled = pos = 0;
        const bytesRead = readSync(fd, this.buf, filled, this.buf.length - filled, null);
        const eof = bytesRead === 0;
        const fresh = this.buf.subarray(filled, filled + bytesRead);
        this.hash.update(fresh);
        this.check.bytes(fresh, eof);
        filled += bytesRead;
        this.count = 0;
        if (this.openKeys > 0) {
          this.keyRefs.copyWithin(0, 2 * this.openKeys, 2 * this.keyCount);
          this.keyTexts.copyWithin(0, this.openKeys, this.keyCount);
          this.keyCount -= this.openKeys;
          this.keyTexts.length = this.keyCount;
          this.openKeys = 0;
        }
        let rows: SourceRow[] = [];
        if (text !== null) {
          rows = text.push(eof ? null : fresh);
          if (fromStart) rows = this.fromLine(rows);
        } else {
          if (skipping) {
            // the header's lines: counted by their line feeds, when the first read holds them all and no lone CR
            const skipped = this.skipHeader(filled);
            if (skipped < 0) {
              text = new TextRecords(this.opts.encoding, this.opts.delimiter, this.check, 0);
              fromStart = true;
              rows = this.fromLine(text.push(this.buf.subarray(0, filled)));
              if (eof) rows.push(...this.fromLine(text.push(null)));
            } else {
              skipping = false;
              pos = this.chunkStart = skipped;
              lines = this.chunkLines = this.opts.firstLine - 1;
            }
          }
          if (text === null) {
            const stop = this.lines(pos, filled, eof, lines);
            pos = stop.pos;
            lines = stop.lines;
            // a line that goes on and on (no line feed yet) is not plain either: the buffer never grows past the limit
            if (stop.plain && (eof || filled - this.chunkStart <= CHUNK_LIMIT_BYTES)) {
              if (eof) this.closeChunk(pos);
            } else {
              // the rest of the file, from the open chunk's start, through the tokenizer
              text = new TextRecords(this.opts.encoding, this.opts.delimiter, this.check, this.chunkLines);
              rows = text.push(this.buf.subarray(this.chunkStart, filled));
              if (eof) rows.push(...text.push(null));
            }
          }
        }
        if (this.count > 0 || rows.length > 0) yield { bytes: this.buf, chunks: this.chunks, count: this.count, rows };
        if (eof) return;
      }
    } catch (e) {
      if (e instanceof UnclosedQuoteError) throw unclosed(this.path, e);
      throw e;
    } finally {
      closeSync(fd);
    }
  }

  /** Records from the first data line on (a file read by the tokenizer from its start). */
  private fromLine(rows: SourceRow[]): SourceRow[] {
    return rows.filter((r) => r.line >= this.opts.firstLine);
  }

  /** Where the first data line starts in buf[0, filled), or −1 (not all there, or a lone CR before it). */
  private skipHeader(filled: number): number {
    const buf = this.buf;
    let pos = 0;
    for (let n = 1; n < this.opts.firstLine; n++) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= filled) return -1;
      const cr = buf.indexOf(CR, pos);
      if (cr >= 0 && cr < nl - 1) return -1;
      pos = nl + 1;
    }
    return pos;
  }

  /**
   * Reads the records in buf[pos, filled) into chunks, up to the last whole record (at the end of the file, the
   * last one too). Stops early, plain false, at a record that is not plain.
   */
  private lines(pos: number, filled: number, eof: boolean, lines: number): { pos: number; lines: number; plain: boolean } {
    const buf = this.buf;
    const delim = this.delim;
    let lastLf = buf.lastIndexOf(LF, filled - 1);
    if (lastLf < pos) lastLf = pos - 1;
    const end = eof ? filled : lastLf + 1;
    if (end <= pos) return { pos, lines, plain: true };
    // the text must read as it is written: valid UTF-8 without U+FFFD (which the tokenizer path notes)
    if (this.utf8 && (!isUtf8(buf.subarray(pos, end)) || buf.indexOf(FFFD, pos) >= 0 && buf.indexOf(FFFD, pos) < end)) {
      return { pos, lines, plain: false };
    }
    let nextQuote = -1;
    let nextCr = -1;
    const column = this.opts.keyColumn;
    const keepKeys = this.opts.keys === true;
    while (pos < end) {
      let nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= end) nl = end;
      if (nl === end && !eof) break;
      if (nextCr < pos) {
        nextCr = buf.indexOf(CR, pos);
        if (nextCr < 0 || nextCr > end) nextCr = end;
      }
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(QUOTE, pos);
        if (nextQuote < 0 || nextQuote > end) nextQuote = end;
      }
      let stop: number;
      let ks: number;
      let ke: number;
      let quotedKey = false;
      let breaks = 0;
      const refsHere = this.slotOf !== null;
      if (nextQuote < nl || (refsHere && nl !== pos && !(nl === pos + 1 && nl < end && buf[pos] === CR))) {
        // quoted cells (a line feed inside one belongs to it): read byte by byte; with cell refs every record but a blank line
        const got = refsHere ? this.cellsRecord(pos, end, eof) : this.quotedRecord(pos, end, eof);
        if (got === MORE) break;
        if (got === NOT_PLAIN) return { pos, lines, plain: false };
        stop = this.rStop;
        nl = this.rEnd;
        breaks = this.rBreaks;
        ks = this.rKeyStart;
        ke = this.rKeyEnd;
        quotedKey = this.rKeyQuoted;
        if (nl - pos > PLAIN_LINE_BYTES || nl - this.chunkStart > CHUNK_LIMIT_BYTES) return { pos, lines, plain: false };
      } else {
        stop = nextCr === nl - 1 && nl < end ? nl - 1 : nl;
        if (nextCr < stop || nl - pos > PLAIN_LINE_BYTES || nl - this.chunkStart > CHUNK_LIMIT_BYTES) return { pos, lines, plain: false };
        if (stop === pos) {
          // a blank line: passed over (inside the chunk's bytes)
          lines++;
          pos = nl + 1;
          continue;
        }
        // one cell (no delimiter): blank or not is the tokenizer's to say
        const d0 = buf.indexOf(delim, pos);
        if (d0 < 0 || d0 >= stop) return { pos, lines, plain: false };
        // the key cell: after `column` delimiters; a line with fewer cells has an empty key
        ks = pos;
        for (let c = 0; c < column && ks <= stop; c++) {
          const d = c === 0 ? d0 : buf.indexOf(delim, ks);
          ks = d < 0 || d >= stop ? stop + 1 : d + 1;
        }
        if (ks > stop) ks = ke = stop;
        else {
          ke = column === 0 ? d0 : buf.indexOf(delim, ks);
          if (ke < 0 || ke > stop) ke = stop;
        }
      }
      const n = ke - ks;
      let key: string | null = null;
      let h: number;
      if (quotedKey) key = cleanCell(this.decode(buf, ks + 1, ke - 1).replaceAll('""', '"'));
      else if (n > 0) {
        const a = buf[ks];
        const z = buf[ke - 1];
        if (!(a > 32 && a < 127 && z > 32 && z < 127 && a !== 61 && a !== 39) || (n <= 4 && nullWord(buf, ks, n))) {
          key = cleanCell(this.decode(buf, ks, ke));
        }
      }
      if (this.opts.rejectedKeyNotPlain === true && (key === null ? n === 0 || (n >= 4 && scientificBytes(buf, ks, ke)) : key === '' || isScientificId(key))) {
        return { pos, lines, plain: false };
      }
      if (key === null) {
        h = 0x811c9dc5;
        for (let i = ks; i < ke; i++) h = Math.imul(h ^ buf[i], 0x01000193);
        h ^= h >>> 15;
      } else h = hashOf(key);
      // a row of another order than the last row's (rows of one order are never cut apart)
      const another = this.chunkRows === 0 || ((keepKeys || this.wantEnd) && !this.sameKey(ks, ke, key));
      if (this.chunkRows > 0 && this.wantEnd && another) {
        this.closeChunk(pos);
        this.chunkLines = lines;
      }
      if (keepKeys && another) this.addKey(ks, ke, key);
      if (this.slotOf !== null) this.refs[this.refCount++ * (CELL_REFS + 3 * this.slotColumns.length) + 1] = lines + 1;
      this.chunkRows++;
      this.keyStart = ks;
      this.keyEnd = ke;
      this.keyText = key;
      this.wantEnd = (h & (CHUNK_AVERAGE - 1)) === 0 || this.chunkRows >= CHUNK_MAX_ROWS;
      lines += 1 + breaks;
      pos = nl + 1;
    }
    return { pos: Math.min(pos, end), lines, plain: true };
  }

  /**
   * The quoted cell whose opening quote is buf[i], read as the tokenizer reads it (RFC 4180: `""` inside is a
   * quote, a line feed belongs to the cell): the index after its closing quote, or NOT_PLAIN (a carriage return
   * inside, more of the cell after the closing quote, a quote never closed) or MORE (it runs past the bytes
   * read). Sets qBreaks (line feeds inside) and qFlags (QUOTED_CELL, ESCAPED_CELL, HIGH_CELL). Shared by
   * quotedRecord and cellsRecord.
   */
  private quotedCell(i: number, end: number, eof: boolean): number {
    const buf = this.buf;
    let flags = QUOTED_CELL;
    let breaks = 0;
    let j = i + 1;
    for (;;) {
      if (j >= end) return eof ? NOT_PLAIN : MORE;
      const b = buf[j];
      if (b === QUOTE) {
        if (j + 1 >= end) {
          if (!eof) return MORE;
          break;
        }
        if (buf[j + 1] !== QUOTE) break;
        flags |= ESCAPED_CELL;
        j += 2;
        continue;
      }
      if (b > 127) flags |= HIGH_CELL;
      else if (b === LF) breaks++;
      else if (b === CR) return NOT_PLAIN;
      j++;
    }
    // the index after the closing quote (≥ i + 2: never NOT_PLAIN or MORE)
    const after = j + 1;
    if (after < end) {
      const d = buf[after];
      if (d !== this.delim && d !== LF && d !== CR) return NOT_PLAIN;
    }
    this.qBreaks = breaks;
    this.qFlags = flags;
    return after;
  }

  /**
   * Reads the record at buf[pos, end) that has a quote on its first line, as the tokenizer would: READ (its line
   * end, line feeds inside quotes and key cell in the r* fields), NOT_PLAIN (a quoted cell's closing quote followed
   * by more of it, a carriage return in a quoted cell or alone, one cell, a quote never closed), or MORE (it runs
   * past the bytes read).
   */
  private quotedRecord(pos: number, end: number, eof: boolean): number {
    const buf = this.buf;
    const delim = this.delim;
    const column = this.opts.keyColumn;
    let cell = 0;
    let cellStart = pos;
    let breaks = 0;
    let ks = -1;
    let ke = -1;
    let quoted = false;
    let i = pos;
    for (;;) {
      if (i >= end) {
        if (!eof) return MORE;
        this.rStop = this.rEnd = i;
        break;
      }
      const c = buf[i];
      if (c === QUOTE) {
        // inside a cell a quote is an ordinary character, as the tokenizer reads it (Taobao's `="2875…"` ids)
        if (i !== cellStart) {
          i++;
          continue;
        }
        const after = this.quotedCell(i, end, eof);
        if (after <= 0) return after;
        breaks += this.qBreaks;
        i = after;
        if (cell === column) {
          ks = cellStart;
          ke = i;
          quoted = true;
        }
        continue;
      }
      if (c === delim) {
        if (cell === column && ks < 0) {
          ks = cellStart;
          ke = i;
        }
        cell++;
        cellStart = ++i;
        continue;
      }
      if (c === LF) {
        this.rStop = this.rEnd = i;
        break;
      }
      if (c === CR) {
        if (i + 1 >= end) return eof ? NOT_PLAIN : MORE;
        if (buf[i + 1] !== LF) return NOT_PLAIN;
        this.rStop = i;
        this.rEnd = i + 1;
        break;
      }
      i++;
    }
    if (cell === 0) return NOT_PLAIN;
    if (ks < 0) {
      // the key is the last cell, or the record has fewer cells than the key column (an empty key)
      ks = cell === column ? cellStart : this.rStop;
      ke = this.rStop;
    }
    this.rBreaks = breaks;
    this.rKeyStart = ks;
    this.rKeyEnd = ke;
    this.rKeyQuoted = quoted;
    return READ;
  }

  /**
   * quotedRecord for every record, with cell refs (ByteChunkOptions.cellsRead, UTF-8): the same reading and outcome,
   * and the record's wanted cells, as byte ranges with flags, into refs at refCount (taken once the record joins a
   * chunk). One pass over the bytes, by byte class.
   */
  private cellsRecord(pos: number, end: number, eof: boolean): number {
    const buf = this.buf;
    const classes = this.classes;
    const slotOf = this.slotOf as Int16Array;
    const width = slotOf.length;
    const slots = this.slotColumns.length;
    const stride = CELL_REFS + 3 * slots;
    if ((this.refCount + 1) * stride > this.refs.length) {
      const bigger = new Int32Array(this.refs.length * 2);
      bigger.set(this.refs);
      this.refs = bigger;
    }
    const refs = this.refs;
    const at = this.refCount * stride;
    for (let a = at + CELL_REFS + 2; a < at + stride; a += 3) refs[a] = ABSENT;
    const column = this.opts.keyColumn;
    let cell = 0;
    let cellStart = pos;
    // the cell's flags so far (QUOTED_CELL, ESCAPED_CELL, HIGH_CELL)
    let flags = 0;
    let breaks = 0;
    let ks = -1;
    let ke = -1;
    let quoted = false;
    let i = pos;
    for (;;) {
      if (i >= end) {
        if (!eof) return MORE;
        this.rStop = this.rEnd = i;
        break;
      }
      const k = classes[buf[i]];
      if (k === 0) {
        i++;
        continue;
      }
      if (k === HIGH) {
        flags |= HIGH_CELL;
        i++;
        continue;
      }
      if (k === QUOTED) {
        // inside a cell a quote is an ordinary character, as the tokenizer reads it (Taobao's `="2875…"` ids)
        if (i !== cellStart) {
          i++;
          continue;
        }
        const after = this.quotedCell(i, end, eof);
        if (after <= 0) return after;
        breaks += this.qBreaks;
        flags |= this.qFlags;
        i = after;
        if (cell === column) {
          ks = cellStart;
          ke = i;
          quoted = true;
        }
        continue;
      }
      if (k === DELIM) {
        if (cell === column && ks < 0) {
          ks = cellStart;
          ke = i;
        }
        if (cell < width && slotOf[cell] >= 0) {
          const a = at + CELL_REFS + 3 * slotOf[cell];
          refs[a] = cellStart;
          refs[a + 1] = i;
          refs[a + 2] = flags;
        }
        flags = 0;
        cell++;
        cellStart = ++i;
        continue;
      }
      if (k === LINE_FEED) {
        this.rStop = this.rEnd = i;
        break;
      }
      // a carriage return
      if (i + 1 >= end) return eof ? NOT_PLAIN : MORE;
      if (buf[i + 1] !== LF) return NOT_PLAIN;
      this.rStop = i;
      this.rEnd = i + 1;
      break;
    }
    if (cell === 0) return NOT_PLAIN;
    if (cell < width && slotOf[cell] >= 0) {
      const a = at + CELL_REFS + 3 * slotOf[cell];
      refs[a] = cellStart;
      refs[a + 1] = this.rStop;
      refs[a + 2] = flags;
    }
    if (ks < 0) {
      // the key is the last cell, or the record has fewer cells than the key column (an empty key)
      ks = cell === column ? cellStart : this.rStop;
      ke = this.rStop;
    }
    refs[at] = pos;
    refs[at + 2] = cell + 1;
    this.rBreaks = breaks;
    this.rKeyStart = ks;
    this.rKeyEnd = ke;
    this.rKeyQuoted = quoted;
    return READ;
  }

  /** At a new read: the cell refs of the open chunk's records first in refs, their bytes moved `keep` back. */
  private keepOpenRefs(keep: number): void {
    const stride = CELL_REFS + 3 * this.slotColumns.length;
    const refs = this.refs;
    if (this.openRefs > 0) {
      refs.copyWithin(0, this.openRefs * stride, this.refCount * stride);
      this.refCount -= this.openRefs;
      this.openRefs = 0;
    }
    if (keep === 0) return;
    for (let r = 0; r < this.refCount; r++) {
      const at = r * stride;
      refs[at] -= keep;
      for (let a = at + CELL_REFS; a < at + stride; a += 3) {
        if (refs[a + 2] === ABSENT) continue;
        refs[a] -= keep;
        refs[a + 1] -= keep;
      }
    }
  }

  /** Keeps the key of the order whose first row is at buf[ks, ke) (or `text`, when cleaned) for keysOf. */
  private addKey(ks: number, ke: number, text: string | null): void {
    if (2 * (this.keyCount + 1) > this.keyRefs.length) {
      const bigger = new Int32Array(this.keyRefs.length * 2);
      bigger.set(this.keyRefs);
      this.keyRefs = bigger;
    }
    this.keyRefs[2 * this.keyCount] = ks - this.chunkStart;
    this.keyRefs[2 * this.keyCount + 1] = ke - this.chunkStart;
    this.keyTexts[this.keyCount] = text;
    this.keyCount++;
  }

  /** Whether the key in buf[ks, ke) (or `text`, when cleaned) is the last row's. */
  private sameKey(ks: number, ke: number, text: string | null): boolean {
    if (text === null && this.keyText === null) {
      const n = ke - ks;
      if (n !== this.keyEnd - this.keyStart) return false;
      const buf = this.buf;
      for (let i = 0, j = this.keyStart; i < n; i++, j++) if (buf[ks + i] !== buf[j]) return false;
      return true;
    }
    const mine = text ?? this.decode(this.buf, ks, ke);
    const last = this.keyText ?? this.decode(this.buf, this.keyStart, this.keyEnd);
    return mine === last;
  }

  /** Ends the open chunk before `end`. */
  private closeChunk(end: number): void {
    if (this.chunkRows > 0) {
      if ((this.count + 1) * CHUNK_FIELDS > this.chunks.length) {
        const bigger = new Int32Array(this.chunks.length * 2);
        bigger.set(this.chunks);
        this.chunks = bigger;
      }
      const c = this.chunks;
      const o = this.count * CHUNK_FIELDS;
      c[o] = this.chunkStart;
      c[o + 1] = end;
      c[o + 2] = this.chunkRows;
      c[o + 3] = this.chunkLines;
      byteLanes(this.buf, this.chunkStart, end, c, o + 4, this.words);
      c[o + 6] = this.openKeys;
      c[o + 7] = this.keyCount;
      this.openKeys = this.keyCount;
      if (this.slotOf !== null) {
        if (this.count >= this.chunkRefs.length) {
          const bigger = new Int32Array(this.chunkRefs.length * 2);
          bigger.set(this.chunkRefs);
          this.chunkRefs = bigger;
        }
        this.chunkRefs[this.count] = this.openRefs;
        this.openRefs = this.refCount;
      }
      this.count++;
    }
    this.chunkStart = end;
    this.chunkRows = 0;
    this.wantEnd = false;
  }
}

/** `-`, `--`, `null` or `NULL` in buf[at, at + n): cells cleanCell reads as empty. */
function nullWord(buf: Buffer, at: number, n: number): boolean {
  if (buf[at] === 45) return n === 1 || (n === 2 && buf[at + 1] === 45);
  if (n !== 4) return false;
  const s = buf.toString('latin1', at, at + 4);
  return s === 'null' || s === 'NULL';
}

/**
 * The records of `text`, plain records only (what ByteChunkReader.lines let into a chunk: quotes only as RFC 4180
 * writes them, no carriage return but before a line feed, at least one delimiter a record), as the tokenizer reads
 * them, without its general machinery (partial input, relaxed quotes, size limits: none can occur here): a line
 * without a quote is split natively, a quoted cell is cut at its closing quote. Blank lines are passed over (the
 * tokenizer's one empty cell, which notBlank drops). `linesBefore`: lines before the text.
 *
 * With `wanted` (1 for each column to read), a record with quotes gets only those cells ('' for the others, as
 * many cells as it has) and keeps its text and start (SourceRow.text, .at), so that every cell can be read again
 * (recordCells) for a reject. `from`, `max`: where to start, and at most how many records.
 */
export function plainRows(text: string, delim: number, linesBefore: number, out: SourceRow[], wanted: Uint8Array | null = null, from = 0, max = -1): void {
  const n = text.length;
  const delimText = String.fromCharCode(delim);
  const width = wanted === null ? 0 : wanted.length;
  let pos = from;
  let line = linesBefore;
  let nextQuote = -1;
  let left = max;
  while (pos < n && left-- !== 0) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = n;
    }
    if (nextQuote > nl) {
      const stop = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      line++;
      if (stop > pos) {
        // cell by cell with indexOf and slice: about half the CPU of slicing the line and splitting it (native split)
        const cells: string[] = [];
        for (let i = pos; ; ) {
          let d = text.indexOf(delimText, i);
          if (d < 0 || d > stop) d = stop;
          cells.push(text.slice(i, d));
          if (d === stop) break;
          i = d + 1;
        }
        if (cells.length > 1 || cells[0].trim() !== '') out.push({ line, cells });
      }
      pos = nl + 1;
      continue;
    }
    // a record with quoted cells: cell by cell (a line feed inside quotes belongs to its cell)
    const first = ++line;
    const cells: string[] = [];
    let i = pos;
    for (let c = 0; ; c++) {
      const keep = wanted === null || (c < width && wanted[c] === 1);
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let escaped = false;
        for (;;) {
          j = text.indexOf('"', j);
          if (text.charCodeAt(j + 1) !== QUOTE) break;
          escaped = true;
          j += 2;
        }
        if (nl < j) {
          // line feeds inside the quotes
          for (let b = nl; b >= 0 && b < j; b = text.indexOf('\n', b + 1)) line++;
          nl = text.indexOf('\n', j);
          if (nl < 0) nl = n;
        }
        if (keep) {
          const inner = text.slice(i + 1, j);
          cells.push(escaped ? inner.replaceAll('""', '"') : inner);
        } else cells.push('');
        i = j + 1;
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === delim || d === LF || d === CR) break;
          j++;
        }
        cells.push(keep ? text.slice(i, j) : '');
        i = j;
      }
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    out.push(wanted === null ? { line: first, cells } : { line: first, cells, text, at: pos });
    // i is at the record's CR LF, LF or the end of the text
    pos = (text.charCodeAt(i) === CR ? i + 1 : i) + 1;
    nextQuote = -1;
  }
}

/** Whether key bytes as they are (printable ASCII) read `6.91793E+18` (cells.ts isScientificId): a digit, then `.` or `E`, first. */
function scientificBytes(buf: Buffer, start: number, end: number): boolean {
  const a = buf[start];
  const b = buf[start + 1] | 32; // `.` (46) is its own lower case
  return a >= 48 && a <= 57 && (b === 46 || b === 101) && isScientificId(buf.toString('latin1', start, end));
}
