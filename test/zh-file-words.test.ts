/**
 * Issue 22's rule for files: an explicit `--lang zh` makes a file's headers and its words Chinese (segment names,
 * statuses, selftest's results and quantities, the cohorts' average row); the locale alone never changes a file.
 * Parameter names, formulas, model names and published sources stay as they are.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-zh-files-');
const db = path.join(dir, 'shop.db');
const ZH = { LANG: 'zh_CN.UTF-8' };

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')]);
  expect(r.code, r.stderr).toBe(0);
});

describe('selftest under --lang zh', () => {
  it('writes its results, quantities and its own sources in Chinese, parameters and citations as they are', async () => {
    const r = await orderlens(db, ['selftest', '--lang', 'zh', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRows(r.stdout);
    expect(rows).toHaveLength(35);
    expect(new Set(rows.map((x) => x['结果']))).toEqual(new Set(['通过']));
    expect(rows.slice(0, 3).map((x) => [x['模型'], x['量'], x['出处']])).toEqual([
      ['CDNOW', '客户数', 'CDNOW 样本'],
      ['CDNOW', '重复购买次数 Σx', 'BTYD cdnowSummary'],
      ['CDNOW', '有重复购买的客户数', 'lifetimes Quickstart'],
    ]);
    expect(rows.filter((x) => x['量'] === '对数似然').map((x) => x['模型'])).toEqual(['BG/NBD', 'Pareto/NBD', 'Gamma-Gamma']);
    expect(rows.filter((x) => x['量'] === '已收敛（1 = 是）').map((x) => x['出处'])).toEqual(['本次拟合', '本次拟合', '本次拟合', '本次拟合']);
    expect(rows.map((x) => x['量'])).toContain('se(alpha)');
    // no English word of three letters or more is left but parameter names and citations
    const words = rows.flatMap((x) => [x['量'], x['结果']]).join(' ').match(/[A-Za-z]{3,}/g) ?? [];
    expect(new Set(words)).toEqual(new Set(['alpha', 'beta', 'gamma']));
  });

  it('keeps a file English under a Chinese locale alone, and JSON says the Chinese words under --lang zh', async () => {
    const en = await orderlens(db, ['selftest', '--format', 'csv'], ZH);
    expect(parseCsvRows(en.stdout)[0]).toMatchObject({ quantity: 'customers', result: 'PASS', source: 'CDNOW sample' });
    const json = await orderlens(db, ['selftest', '--lang', 'zh', '--format', 'json']);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ quantity: '客户数', result: '通过' });
  });
});

describe('cohorts under --lang zh', () => {
  it('labels the average row 平均 in the file, and the note names it so', async () => {
    const r = await orderlens(db, ['cohorts', '--lang', 'zh', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const labels = parseCsvRows(r.stdout).map((x) => x['同期群']);
    expect(labels.at(-1)).toBe('平均');
    expect(labels).not.toContain('average');
    expect(r.stderr).toContain('“平均”行按各同期群的人数加权');
  });

  it('keeps average under a Chinese locale alone (a file for a program), its note glossing it', async () => {
    const r = await orderlens(db, ['cohorts', '--by', 'shop', '--format', 'csv'], ZH);
    expect(parseCsvRows(r.stdout).at(-1)!.cohort).toBe('average');
    expect(r.stderr).toContain('“average”（平均）行');
  });
});
