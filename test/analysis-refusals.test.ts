/**
 * What the analytics refuse is a code with its numbers (src/errors.ts rangeError/dataError), said from the
 * catalogue (src/report/analysis-messages.ts): the error keeps its English `.message` for library callers,
 * and the CLI says it in the user's language.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEdges } from '../src/analytics/rfm.js';
import { parseSegmentMap } from '../src/analytics/rfm-segments.js';
import { CodedRangeError, DataError, errorText } from '../src/errors.js';
import { ANALYSIS_MESSAGES } from '../src/report/analysis-messages.js';
import { orderlens, tempDir } from './cli-harness.js';
import { englishSentences } from './english-leaks.js';
import { repoRoot } from './shared-data.js';

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('analytics refusals', () => {
  it('keep their English message and class for library callers, and say it in Chinese', () => {
    const e = thrown(() => checkEdges([30, 20], 3, 'recency'));
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(CodedRangeError);
    expect(e.message).toBe('recency: thresholds must increase strictly (30,20)');
    expect(errorText(e, 'zh')).toBe('recency：阈值必须严格递增（30,20）');

    const m = thrown(() => parseSegmentMap({ bins: 3, segments: [{ name: 'A', r: [2, 3] }, { name: 'B', r: [1, 2] }] }));
    expect(m).toBeInstanceOf(DataError);
    expect(m.message).toMatch(/^segment map is not valid: 9 score combinations match more than one segment: 211 \(A & B\)/);
    expect(errorText(m, 'zh')).toMatch(/^分群方案无效：有 9 个分数组合同时属于多个分群：211 \(A & B\)/);
    expect(englishSentences(errorText(m, 'zh'))).toEqual([]);
  });

  it('every analysis.* message is thrown somewhere in src/analytics (no dead entries)', () => {
    const dir = path.join(repoRoot, 'src', 'analytics');
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const unused = Object.keys(ANALYSIS_MESSAGES).filter((k) => !source.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });

  it('reach a Chinese user in Chinese: churn without a repeat customer', async () => {
    const dir = tempDir('orderlens-refusals-');
    const db = path.join(dir, 'shop.db');
    const csv = path.join(dir, 'once.csv');
    writeFileSync(csv, 'order_id,customer,date,amount\n1,a,2024-01-02,10\n2,b,2024-01-05,20\n3,c,2024-02-03,30\n');
    const env = { LANG: 'zh_CN.UTF-8', ORDERLENS_KEY_FILE: path.join(dir, 'key') };
    expect((await orderlens(db, ['import', csv], env)).code).toBe(0);
    const churn = await orderlens(db, ['churn'], env);
    expect(churn.code).toBe(1);
    expect(churn.stderr).toContain('算不出购买间隔');
    expect(englishSentences(churn.stderr), churn.stderr).toEqual([]);
    const en = await orderlens(db, ['churn'], { ...env, LANG: 'en_US.UTF-8' });
    expect(en.stderr).toContain('orderlens: error: no customer has two purchase days before as-of, so there is no gap to derive a churn threshold from; give one with --days N\n');
  });
});
