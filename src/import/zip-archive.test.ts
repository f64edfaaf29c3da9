import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip, zipBuffer, type ZipInput, type ZipOptions } from '../../test/write-zip.js';
import { ZipArchive, ZipError } from './zip-archive.js';

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-zip-'));
let n = 0;

async function entryText(archive: ZipArchive, name: string): Promise<string> {
  const entry = archive.entry(name);
  if (!entry) throw new Error(`no ${name}`);
  const chunks: Buffer[] = [];
  for await (const c of archive.read(entry)) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

async function roundTrip(inputs: ZipInput[], opts: ZipOptions = {}): Promise<ZipArchive> {
  return ZipArchive.open(writeZip(path.join(dir, `t${n++}.zip`), inputs, opts));
}

describe('ZipArchive', () => {
  // large enough that inflate hands it on in several chunks
  const big = Array.from({ length: 40000 }, (_, i) => `<row r="${i}">第${i}行 ${(i * 7919) % 10007}</row>`).join('');
  const inputs: ZipInput[] = [
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/worksheets/sheet1.xml', data: big },
    { name: 'stored.txt', data: '不压缩', method: 0 },
    { name: 'empty.txt', data: '' },
  ];

  it.each([
    ['sizes in the local headers', {}],
    ['sizes in data descriptors, as streaming writers put them', { descriptors: true }],
    ['ZIP64 records', { zip64: true }],
    ['an archive comment that holds an end-record signature', { comment: 'PK\u0005\u0006\u0000\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0002\u0000!!' }],
  ])('reads deflated, stored and empty entries with %s', async (_what, opts) => {
    const archive = await roundTrip(inputs, opts);
    expect(archive.entries.map((e) => e.name)).toEqual(inputs.map((i) => i.name));
    expect(await entryText(archive, 'xl/worksheets/sheet1.xml')).toBe(big);
    expect(await entryText(archive, 'stored.txt')).toBe('不压缩');
    expect(await entryText(archive, 'empty.txt')).toBe('');
  });

  it('finds parts whatever the case of their names or a leading slash', async () => {
    const archive = await roundTrip(inputs);
    expect(archive.entry('/XL/Workbook.xml')?.name).toBe('xl/workbook.xml');
    expect(archive.entry('xl/missing.xml')).toBeUndefined();
  });

  it('rejects what is not a zip, a damaged entry and a cut-short file', async () => {
    const notZip = path.join(dir, 'not.zip');
    writeFileSync(notZip, 'PK\u0003\u0004 not really a zip');
    await expect(ZipArchive.open(notZip)).rejects.toThrow(/no end of central directory/);

    const good = zipBuffer(inputs);
    const sheetAt = good.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    const damaged = Buffer.from(good);
    for (let i = 200; i < 260; i++) damaged[sheetAt + i] ^= 0x5a;
    const damagedFile = path.join(dir, 'damaged.zip');
    writeFileSync(damagedFile, damaged);
    const archive = await ZipArchive.open(damagedFile);
    await expect(entryText(archive, 'xl/worksheets/sheet1.xml')).rejects.toThrow(ZipError);

    // a stored entry whose bytes changed: only the CRC can tell
    const storedAt = good.indexOf('不压缩');
    const flipped = Buffer.from(good);
    flipped[storedAt + 1] ^= 0x01;
    const flippedFile = path.join(dir, 'flipped.zip');
    writeFileSync(flippedFile, flipped);
    await expect(entryText(await ZipArchive.open(flippedFile), 'stored.txt')).rejects.toThrow(/CRC/);

    // the end of the file lost (a download cut short): no directory to read
    const cut = path.join(dir, 'cut.zip');
    writeFileSync(cut, good.subarray(0, good.length - 100));
    await expect(ZipArchive.open(cut)).rejects.toThrow(ZipError);
  });

  it('stops reading when the consumer stops', async () => {
    const archive = await roundTrip(inputs);
    const entry = archive.entry('xl/worksheets/sheet1.xml');
    if (!entry) throw new Error('missing');
    let chunks = 0;
    for await (const _c of archive.read(entry)) if (++chunks === 1) break;
    expect(chunks).toBe(1);
    expect(await entryText(archive, 'stored.txt')).toBe('不压缩');
  });
});

describe('ZipArchive limits', () => {
  it('refuses an entry that inflates (or says it inflates) past the limit given, naming the limit', async () => {
    const archive = await roundTrip([{ name: 'xl/sharedStrings.xml', data: 'x'.repeat(5000) }]);
    const entry = archive.entry('xl/sharedStrings.xml')!;
    const read = async () => {
      for await (const chunk of archive.read(entry, 4096)) void chunk;
    };
    await expect(read()).rejects.toThrow('xl/sharedStrings.xml inflates to 4.9 KB, over the limit of 4 KB for this part of a workbook');
  });
});
