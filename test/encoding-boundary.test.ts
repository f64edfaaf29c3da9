/**
 * Bytes that are not text in the file's encoding (a lone GB18030 lead byte, 0x80, 0xFF, a four-byte code cut
 * short; in UTF-8 a cut sequence, a surrogate, 0xFF), and valid multi-byte codes, moved byte by byte across
 * the 64 KB read boundary: what is stored and what is said (the counts, the notes quoting the damaged status,
 * the encoding note) are the same wherever they fall, and the same as when they fall mid-buffer. Only the
 * length of an ignored cell before them changes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../src/import/read.js';
import { orderlens, query, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-encoding-boundary-');
let serial = 0;

const TABLES = ['order_rows', 'order_items', 'customer_rows', 'purchase_runs'];

/** The import of `bytes` in `encoding`: what it says (the file's name made constant) and what it stores. */
async function imported(bytes: Buffer, encoding: string): Promise<unknown> {
  const sub = path.join(dir, String(serial++));
  const file = path.join(dir, `f${serial}.csv`);
  writeFileSync(file, bytes);
  const db = `${sub}.db`;
  const r = await orderlens(db, ['import', file, '--encoding', encoding]);
  const stored = Object.fromEntries(TABLES.map((t) => [t, query(db, `SELECT * FROM ${t} ORDER BY 1, 2`)]));
  return { code: r.code, stdout: r.stdout.replaceAll(file, 'FILE'), stderr: r.stderr.replaceAll(file, 'FILE'), stored };
}

/**
 * A file whose damaged row holds `seq` in its customer id and in its status, with the first of them at byte
 * `at` (the padding cell of line 2 is as long as it takes).
 */
function fileWith(encode: (s: string) => Buffer, seq: Buffer, at: number): Buffer {
  const head = encode('order_id,customer_id,order_date,amount,status,note\n');
  const rows: string[] = [];
  for (let i = 0; i < 1500; i++) rows.push(`A${i},C${i % 97},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 50) + 1}.25,completed,中文备注\n`);
  const before = encode(rows.slice(0, 600).join(''));
  const after = encode(rows.map((r) => r.replace(/^A/, 'Z')).join(''));
  const lead = encode('B1,C');
  const middle = encode('2,2024-01-06,20.00,compl');
  const tail = encode('eted,x\n');
  const padFor = (n: number) => encode(`P1,C1,2024-01-05,10.00,completed,${'x'.repeat(n)}\n`);
  const base = head.length + padFor(0).length + before.length + lead.length;
  if (at < base) throw new Error(`the damaged bytes cannot come before byte ${base}`);
  return Buffer.concat([head, padFor(at - base), before, lead, seq, middle, seq, tail, after]);
}

const CASES: { encoding: string; encode: (s: string) => Buffer; seqs: Buffer[] }[] = [
  {
    encoding: 'gb18030',
    encode: (s) => iconv.encode(s, 'gb18030'),
    seqs: [Buffer.of(0x80), Buffer.of(0x81), Buffer.of(0x81, 0x30, 0x81), Buffer.of(0x84, 0x31, 0xa5, 0x30)],
  },
  {
    encoding: 'utf-8',
    encode: (s) => Buffer.from(s, 'utf8'),
    seqs: [Buffer.of(0xff), Buffer.of(0xe4, 0xb8), Buffer.of(0xf0, 0x9f, 0x98, 0x80)],
  },
];

describe('bytes not in the encoding read the same on a 64 KB read boundary as mid-buffer', () => {
  for (const { encoding, encode, seqs } of CASES) {
    it(`${encoding}: every damaged or multi-byte sequence, each byte of it on each side of the boundary`, async () => {
      expect(CHUNK_BYTES).toBe(65536);
      for (const seq of seqs) {
        const mid = await imported(fileWith(encode, seq, CHUNK_BYTES - 20_000), encoding);
        // the first copy, then the second (24 bytes on), straddling the boundary at every byte
        const second = encode('2,2024-01-06,20.00,compl').length + seq.length;
        const ats: number[] = [];
        for (let d = -seq.length; d <= 1; d++) ats.push(CHUNK_BYTES + d, CHUNK_BYTES + d - second);
        for (const at of ats) expect(await imported(fileWith(encode, seq, at), encoding), `${seq.toString('hex')} at ${at}`).toEqual(mid);
      }
    }, 120_000);
  }

  it('the damage is seen: the status quoted with its replacement character, the line noted (also at the end of the file)', async () => {
    const r = (await imported(fileWith((s) => Buffer.from(s, 'utf8'), Buffer.of(0xff), CHUNK_BYTES), 'utf-8')) as { stderr: string };
    expect(r.stderr).toContain("unknown status 'compl\uFFFDeted'");
    expect(r.stderr).toContain('1 line (first: line 603) has bytes that are not UTF-8');
    // a last line without its line end, cut inside a character
    const cut = Buffer.concat([Buffer.from('order_id,customer_id,order_date,amount,status\n1,C1,2024-01-05,10.00,completed\n2,C2,2024-01-06,20.00,compl'), Buffer.of(0xe4, 0xb8)]);
    const last = (await imported(cut, 'utf-8')) as { stderr: string };
    expect(last.stderr).toContain('1 line (first: line 3) has bytes that are not UTF-8');
  });
});
