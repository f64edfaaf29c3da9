/**
 * A minimal zip writer for tests: deflated or stored entries, optionally with data descriptors (sizes after
 * the data, as streaming writers do) or ZIP64 records, so the reader's handling of each can be checked on
 * archives built by hand.
 */
import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

export interface ZipInput {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
}

export interface ZipOptions {
  /** Write sizes in a data descriptor after each entry (local header sizes zero). */
  descriptors?: boolean;
  /** Write ZIP64 extra fields and end records even though the sizes are small. */
  zip64?: boolean;
  /** Archive comment. */
  comment?: string;
}

export function zipBuffer(inputs: ZipInput[], opts: ZipOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    chunks.push(b);
    offset += b.length;
  };
  for (const input of inputs) {
    const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data;
    const method = input.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(data) : data;
    const crc = zlib.crc32(data) >>> 0;
    const name = Buffer.from(input.name, 'utf8');
    const flags = 0x800 | (opts.descriptors ? 0x8 : 0);
    const zip64Extra = Buffer.alloc(28);
    zip64Extra.writeUInt16LE(0x0001, 0);
    zip64Extra.writeUInt16LE(24, 2);
    zip64Extra.writeBigUInt64LE(BigInt(data.length), 4);
    zip64Extra.writeBigUInt64LE(BigInt(body.length), 12);
    zip64Extra.writeBigUInt64LE(BigInt(offset), 20);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(opts.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(opts.descriptors ? 0 : crc, 14);
    local.writeUInt32LE(opts.descriptors ? 0 : body.length, 18);
    local.writeUInt32LE(opts.descriptors ? 0 : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const localOffset = offset;
    push(Buffer.concat([local, name]));
    push(body);
    if (opts.descriptors) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(body.length, 8);
      dd.writeUInt32LE(data.length, 12);
      push(dd);
    }
    const extra = opts.zip64 ? zip64Extra : Buffer.alloc(0);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(opts.zip64 ? 45 : 20, 4);
    head.writeUInt16LE(opts.zip64 ? 45 : 20, 6);
    head.writeUInt16LE(flags, 8);
    head.writeUInt16LE(method, 10);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(opts.zip64 ? 0xffffffff : body.length, 20);
    head.writeUInt32LE(opts.zip64 ? 0xffffffff : data.length, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt16LE(extra.length, 30);
    head.writeUInt32LE(opts.zip64 ? 0xffffffff : localOffset, 42);
    central.push(Buffer.concat([head, name, extra]));
  }
  const dirOffset = offset;
  const dir = Buffer.concat(central);
  push(dir);
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(inputs.length), 24);
    rec.writeBigUInt64LE(BigInt(inputs.length), 32);
    rec.writeBigUInt64LE(BigInt(dir.length), 40);
    rec.writeBigUInt64LE(BigInt(dirOffset), 48);
    const recOffset = offset;
    push(rec);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(recOffset), 8);
    loc.writeUInt32LE(1, 16);
    push(loc);
  }
  const comment = Buffer.from(opts.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : inputs.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : inputs.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : dir.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : dirOffset, 16);
  end.writeUInt16LE(comment.length, 20);
  push(Buffer.concat([end, comment]));
  return Buffer.concat(chunks);
}

export function writeZip(file: string, inputs: ZipInput[], opts: ZipOptions = {}): string {
  writeFileSync(file, zipBuffer(inputs, opts));
  return file;
}
