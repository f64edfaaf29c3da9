/**
 * The streamed `ltv --summary` reads its file twice (the fit's inputs, then the predictions): a file changed
 * between or during the passes (appended to, rewritten, replaced by another of the same size and time) is a
 * data error naming it, and an --out file is not written. The change is made at a point of the run, never
 * after a delay: when the note before the second pass is written, or between the library calls of the passes.
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictSummary, scanSummaryForLtv } from '../src/cli/aggregate-ltv.js';
import { memoryIo } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { tempDir } from './cli-harness.js';

let dir = '';
let source = '';

beforeAll(async () => {
  dir = tempDir('orderlens-summary-changed-');
  source = path.join(dir, 'source.csv');
  const { generateSummary } = (await import('../bench/summary-generate.js' as string)) as { generateSummary: (n: number, out: string, seed?: number) => void };
  generateSummary(3000, source, 7);
});

let copies = 0;
function copy(): string {
  const f = path.join(dir, `summary-${copies++}.csv`);
  copyFileSync(source, f);
  return f;
}

/** Runs `ltv --summary FILE --stream` with `change` applied to FILE when the second pass is about to start. */
async function streamWith(file: string, change: (file: string) => void, out?: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ env });
  let changed = false;
  const write = io.stderr.write;
  io.stderr.write = (t: string) => {
    // the note written after the fit, before the second pass reads the file again
    if (!changed && (t.includes('predictions are written as they are computed') || t.includes('预测结果边算边写'))) {
      changed = true;
      change(file);
    }
    return write(t);
  };
  const code = await run(['--db', path.join(dir, 'none.db'), 'ltv', '--summary', file, '--stream', ...(out ? ['--out', out] : [])], io);
  expect(changed).toBe(true);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('ltv --summary: a file changed between its two passes', () => {
  it('unchanged, the run writes every customer', async () => {
    const file = copy();
    const r = await streamWith(file, () => {});
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining('error')]);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(readFileSync(file, 'utf8').trimEnd().split('\n').length);
  }, 120_000);

  it.each([
    ['appended to', (f: string) => appendFileSync(f, readFileSync(f, 'utf8').split('\n')[1].replace(/^c/, 'x') + '\n')],
    ['rewritten with one row fewer', (f: string) => writeFileSync(f, readFileSync(f, 'utf8').split('\n').slice(0, -2).join('\n') + '\n')],
    [
      'replaced by a file of the same size and modification time (another inode)',
      (f: string) => {
        const text = readFileSync(f, 'utf8').split('\n');
        [text[1], text[2]] = [text[2], text[1]];
        const other = `${f}.new`;
        writeFileSync(other, text.join('\n'));
        const { atime, mtime } = statSync(f);
        utimesSync(other, atime, mtime);
        expect(statSync(other).size).toBe(statSync(f).size);
        renameSync(other, f);
      },
    ],
    ['touched (the same bytes, a new modification time)', (f: string) => utimesSync(f, new Date(), new Date(statSync(f).mtimeMs + 5000))],
  ])('%s: one error line naming the file, exit 1, no --out file', async (_name, change) => {
    const file = copy();
    const out = path.join(dir, `out-${copies}.csv`);
    const r = await streamWith(file, change, out);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('error'))).toEqual([lines.at(-1)]);
    expect(lines.at(-1)).toContain(`orderlens: error: ${file} changed while it was read twice`);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('said in Chinese under a Chinese locale', async () => {
    const file = copy();
    const r = await streamWith(file, (f) => appendFileSync(f, '\n'), undefined, { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      `orderlens: 错误：${file} 在两遍读取之间被改动了（大小、修改时间或 inode 与第一遍不同）：预测会混用文件的两个版本，因此全部作废（--out 指定的文件不会写出；已输出到标准输出的行不完整）；请等文件写完后重新运行`,
    );
  }, 120_000);

  it('a change during the second pass is found when it ends, before the rows are kept', async () => {
    const file = copy();
    const scan = (await scanSummaryForLtv(file, {}, 'week'))!;
    expect(scan.rows).toBe(3000);
    const predictor = {
      spendGradients: false,
      customer: () => ({ p_alive: 0, expected_purchases: 0, expected_spend: null, clv: null }),
      predictInto: () => {},
    } as unknown as Parameters<typeof predictSummary>[3];
    let seen = 0;
    await expect(
      predictSummary(file, {}, scan, predictor, () => {
        if (++seen === 10) utimesSync(file, new Date(), new Date(statSync(file).mtimeMs + 5000));
      }),
    ).rejects.toThrow(`${file} changed while it was read twice`);
    expect(seen).toBe(3000);
  }, 120_000);
});
