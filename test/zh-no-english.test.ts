/**
 * Issue 22: under a Chinese locale every command speaks Chinese. Each command runs on a terminal (tables) with
 * LANG=zh_CN.UTF-8, and no English sentence may reach stderr or the table: three English words in a row, once
 * names, units and codes are taken out (flags, commands as typed, file paths, column and platform names,
 * currency codes, model names).
 *
 * Not yet covered (still partly English, listed in README.md's Language section): `ltv` (its model-fit, textbook
 * and what-if notes), `doctor`'s check lines and the `campaign` verdicts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { fixture, tempDir } from './cli-harness.js';
import { englishSentences } from './english-leaks.js';

const dir = tempDir('orderlens-zh-');
const db = path.join(dir, 'shop.db');
const env = { LANG: 'zh_CN.UTF-8', ORDERLENS_KEY_FILE: path.join(dir, 'key'), NO_COLOR: '1' };

async function zh(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env, tty: true, columns: 200, rows: 60 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('under LANG=zh_CN.UTF-8 no English sentence leaks (stderr or table)', () => {
  const commands: [string, string[]][] = [
    ['import', ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')]],
    ['import again', ['import', fixture('demo', 'shop-orders-2024.csv')]],
    ['info', ['info']],
    ['platforms', ['platforms']],
    ['customers', ['customers', '--limit', '5']],
    ['rfm', ['rfm']],
    ['pareto', ['pareto']],
    ['segments', ['segments']],
    ['cohorts', ['cohorts']],
    ['churn', ['churn']],
    ['snapshot', ['snapshot', '--as-of', '2025-07-01']],
    ['snapshot 2', ['snapshot']],
    ['snapshots', ['snapshots']],
    ['migration', ['migration']],
    ['trend', ['trend']],
    ['report', ['report', '--out', path.join(dir, 'shop.html')]],
    ['demo', ['demo']],
    ['a usage error', ['rfm', '--as-of', 'yesterday']],
    ['an unknown option', ['churn', '--bogus']],
    ['a missing database', ['--db', path.join(dir, 'none.db'), 'info']],
  ];

  it.each(commands)('%s', async (_name, argv) => {
    const r = await zh(argv);
    const leaks = englishSentences(`${r.err}\n${r.out}`);
    expect(leaks, `${r.err}\n${r.out}`).toEqual([]);
  });

  it('a bad file: the error and the rejected rows', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'order_id,customer,date,amount\n1,a,2024-01-02,10\n2,b,,10\n3,c,2024-01-03,abc\n');
    const r = await zh(['import', bad]);
    expect(englishSentences(r.err), r.err).toEqual([]);
  });
});
