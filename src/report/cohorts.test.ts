import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/day.js';
import { buildLog } from '../domain/purchase-log.js';
import { analyzeCohorts } from '../analytics/cohorts.js';
import { cohortMatrixReport } from './cohorts.js';

const day = (s: string): number => parseDay(s)!;
const customers = ['A', 'B', 'C'].map((key) => ({ key, display: key, platform: 'generic', shop: 'main', clear: null }));
const log = buildLog(customers, [
  { customer: 0, day: day('2022-01-05'), net: 100 },
  { customer: 0, day: day('2024-06-05'), net: 100 },
  { customer: 1, day: day('2023-03-01'), net: 100 },
  { customer: 2, day: day('2024-05-01'), net: 100 },
]);

describe('cohortMatrixReport: the rows a cut matrix names, in the reader\'s language', () => {
  for (const [period, en, zh] of [['quarter', 'quarterly cohorts', '季度同期群'], ['month', 'monthly cohorts', '月度同期群']] as const) {
    it(`${period}: ${en} / ${zh}`, () => {
      const a = analyzeCohorts(log, { asOf: day('2024-07-01'), period });
      expect(cohortMatrixReport(a, 'retention', 'en').matrix?.rowNoun).toBe(en);
      expect(cohortMatrixReport(a, 'retention', 'zh').matrix?.rowNoun).toBe(zh);
    });
  }
});
