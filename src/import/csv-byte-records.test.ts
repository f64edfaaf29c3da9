import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { readByteRecords } from './csv-byte-records.js';
import { CsvTokenizer } from './csv-tokenizer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-byte-records-'));
let files = 0;

function file(content: string | Buffer): string {
  const f = path.join(dir, `f${files++}.csv`);
  writeFileSync(f, content);
  return f;
}

async function records(f: string): Promise<{ line: number; cells: string[] }[]> {
  const out: { line: number; cells: string[] }[] = [];
  await readByteRecords(f, (r) => out.push({ line: r.line, cells: r.cells() }));
  return out;
}

/** The tokenizer's records of the same text (csv-tokenizer.test.ts checks those against csv-parse). */
function tokenized(text: string): { line: number; cells: string[] }[] {
  const t = new CsvTokenizer(',');
  const out: { line: number; cells: string[] }[] = [];
  const recs: { line: number; cells: string[] }[] = [];
  t.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, recs);
  t.end(recs);
  for (const r of recs) out.push({ line: r.line, cells: r.cells });
  return out;
}

describe('readByteRecords', () => {
  it('splits plain lines, CRLF lines, empty lines and a last line without LF', async () => {
    expect(await records(file('\uFEFFa,b\r\nc,\n\n,d\ne,f,g'))).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', ''] },
      { line: 3, cells: [''] },
      { line: 4, cells: ['', 'd'] },
      { line: 5, cells: ['e', 'f', 'g'] },
    ]);
  });

  it('hands quoted cells (across lines) and lone CRs to the tokenizer, with the lines counted on', async () => {
    expect(await records(file('h1,h2\nx,1\n"a ""q"", b",2\n"two\nlines",3\nlone\rcr,4\nlast,5\n'))).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['x', '1'] },
      { line: 3, cells: ['a "q", b', '2'] },
      { line: 4, cells: ['two\nlines', '3'] },
      { line: 6, cells: ['lone'] },
      { line: 7, cells: ['cr', '4'] },
      { line: 8, cells: ['last', '5'] },
    ]);
  });

  it('reads what the tokenizer reads, chunk boundaries and a late quote included (more than one read)', async () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const cell = (late: boolean) => {
      const u = random();
      if (late && u < 0.02) return `"q,${Math.floor(random() * 100)}\n""x"""`;
      if (u < 0.05) return '';
      if (u < 0.1) return '顾客' + Math.floor(random() * 1000);
      return String(Math.floor(random() * 1e6));
    };
    const lines: string[] = [];
    for (let i = 0; i < 70_000; i++) {
      const late = i > 55_000;
      lines.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => cell(late)).join(','));
      if (random() < 0.01) lines.push('');
    }
    const text = lines.join(random() < 0.5 ? '\n' : '\r\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(1.2 * (1 << 20));
    expect(await records(file(text))).toEqual(tokenized(text));
    const crlf = lines.slice(0, 50_000).join('\r\n');
    expect(await records(file(crlf))).toEqual(tokenized(crlf));
  });

  it('takes a line longer than the fast path through the tokenizer', async () => {
    const long = 'x'.repeat(200_000);
    expect(await records(file(`a,b\n${long},c\nd,e\n`))).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [long, 'c'] },
      { line: 3, cells: ['d', 'e'] },
    ]);
  });

  it('refuses text that is not UTF-8 (early or late), an unclosed quote with its line, a missing file', async () => {
    const gbk = Buffer.from([0x61, 0x2c, 0xc4, 0xe3, 0x0a]);
    await expect(records(file(gbk))).rejects.toThrow(/: is not UTF-8 text/);
    const late = Buffer.concat([Buffer.from('a,b\n'.repeat(400_000)), gbk]);
    await expect(records(file(late))).rejects.toThrow(DataError);
    const quoted = Buffer.concat([Buffer.from('"a",b\n'), gbk]);
    await expect(records(file(quoted))).rejects.toThrow(/: is not UTF-8 text/);
    await expect(records(file('a,b\nc,d\n"e,f\n'))).rejects.toThrow(/:3: a quoted cell is never closed/);
    await expect(records(path.join(dir, 'none.csv'))).rejects.toThrow(/none\.csv: cannot read: no such file/);
  });
});
