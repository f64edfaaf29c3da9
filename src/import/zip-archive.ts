/**
 * A zip archive read by random access: the central directory (the archive's authoritative table of contents,
 * at its end) gives every entry's name, method, sizes and offset; an entry is then streamed from its bytes
 * through zlib's raw inflate, so memory stays flat however large the entry. ZIP64 archives (over 4 GiB or
 * 65,535 entries) are read too. Sizes and CRC-32 are checked, so a truncated or damaged entry is an error,
 * never short data.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { LimitError, sizeText } from './limits.js';

export interface ZipEntry {
  /** Name as stored, with `/` separators. */
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

/** An archive that cannot be read; the message says why. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** A central directory larger than this is not an office document. */
const MAX_DIRECTORY = 256 * 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('a zip64 size is out of range');
  return Number(v);
}

/**
 * Where the end-of-central-directory record may be, most likely first: signatures whose comment ends
 * exactly at the end of the file, from the end backwards, then (for a file with bytes appended after the
 * archive) those whose comment fits. A signature inside a comment is told apart by the directory it points to.
 */
function eocdCandidates(tail: Buffer): number[] {
  const exact: number[] = [];
  const loose: number[] = [];
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD) continue;
    const end = i + 22 + tail.readUInt16LE(i + 20);
    if (end === tail.length) exact.push(i);
    else if (end < tail.length) loose.push(i);
  }
  return [...exact, ...loose];
}

/** Reads the central directory an end record at `at` (in `tail`) points to. */
async function readDirectory(fh: FileHandle, fileSize: number, tail: Buffer, at: number): Promise<ZipEntry[]> {
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = at - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw new ZipError('zip64 locator missing');
    const rec = await readAt(fh, u64(tail, loc + 8), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('zip64 end of central directory missing');
    count = u64(rec, 32);
    dirSize = u64(rec, 40);
    dirOffset = u64(rec, 48);
  }
  if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > fileSize) throw new ZipError('central directory out of range');
  return parseDirectory(await readAt(fh, dirOffset, dirSize), count);
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    readonly path: string,
    readonly entries: ZipEntry[],
  ) {
    // Office part names are case-insensitive; the first of two names differing only in case wins.
    for (const e of entries) {
      const key = normalizeName(e.name);
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** Reads the central directory of the zip file at `path`. */
  static async open(path: string): Promise<ZipArchive> {
    const fh = await open(path, 'r');
    try {
      const { size: fileSize } = await fh.stat();
      const tailLength = Math.min(fileSize, 22 + MAX_COMMENT + 20);
      const tail = await readAt(fh, fileSize - tailLength, tailLength);
      let failure: unknown = new ZipError('not a zip archive (no end of central directory)');
      for (const at of eocdCandidates(tail)) {
        try {
          return new ZipArchive(path, await readDirectory(fh, fileSize, tail, at));
        } catch (e) {
          failure = e;
        }
      }
      throw failure;
    } finally {
      await fh.close();
    }
  }

  /** The entry of a part name (case-insensitive, leading `/` ignored), if present. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(normalizeName(name));
  }

  /**
   * Streams an entry's uncompressed bytes; rejects with a ZipError when they are damaged or cut short, and
   * with a LimitError when they are (or claim to be) more than `maxBytes`.
   */
  async *read(entry: ZipEntry, maxBytes = Infinity): AsyncGenerator<Buffer> {
    if (entry.size > maxBytes) throw new LimitError(`${entry.name} inflates to ${sizeText(entry.size)}, over the limit of ${sizeText(maxBytes)} for this part of a workbook`);
    if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
    const fh = await open(this.path, 'r');
    let start: number;
    try {
      const local = await readAt(fh, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError(`${entry.name}: local header missing`);
      start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      await fh.close();
    }
    if (entry.compressedSize === 0) {
      if (entry.size !== 0) throw new ZipError(`${entry.name} is cut short`);
      return;
    }
    const source = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    const check = new EntryCheck(entry);
    const done =
      entry.method === 8 ? pipeline(source, zlib.createInflateRaw({ chunkSize: 64 * 1024 }), check) : pipeline(source, check);
    // the pipeline's own rejection is reported through the iteration below
    done.catch(() => undefined);
    try {
      for await (const chunk of check) yield chunk as Buffer;
      await done;
    } catch (e) {
      if (e instanceof ZipError || e instanceof LimitError) throw e;
      throw new ZipError(`${entry.name} is damaged (${(e as Error).message})`);
    } finally {
      source.destroy();
    }
  }
}

function normalizeName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function parseDirectory(dir: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_HEADER) throw new ZipError('central directory is damaged');
    const flags = dir.readUInt16LE(p + 8);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
    // bit 11: UTF-8 name; office writers use ASCII part names, others are read as UTF-8 too
    const name = (flags & 0x800) !== 0 ? nameBytes.toString('utf8') : nameBytes.toString('latin1');
    let size = dir.readUInt32LE(p + 24);
    let compressedSize = dir.readUInt32LE(p + 20);
    let localHeaderOffset = dir.readUInt32LE(p + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let q = 0; q + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(q);
        const len = extra.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let f = q + 4;
          const next = (): number => {
            if (f + 8 > q + 4 + len) throw new ZipError(`${name}: zip64 extra field is short`);
            const v = u64(extra, f);
            f += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
          break;
        }
        q += 4 + len;
      }
    }
    entries.push({
      name,
      method: dir.readUInt16LE(p + 10),
      crc32: dir.readUInt32LE(p + 16),
      compressedSize,
      size,
      localHeaderOffset,
      encrypted: (flags & 0x1) !== 0,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const crc32: ((data: Uint8Array, value?: number) => number) | undefined = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** Passes bytes through, counting them and (where zlib offers it, Node ≥ 20.15) their CRC-32. */
class EntryCheck extends Transform {
  private length = 0;
  private crc = 0;

  constructor(private readonly entry: ZipEntry) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.length += chunk.length;
    if (this.length > this.entry.size) return done(new ZipError(`${this.entry.name} is longer than its recorded size`));
    if (crc32) this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.length !== this.entry.size) return done(new ZipError(`${this.entry.name} is cut short`));
    if (crc32 && this.crc >>> 0 !== this.entry.crc32 >>> 0) return done(new ZipError(`${this.entry.name} fails its CRC check`));
    done();
  }
}
