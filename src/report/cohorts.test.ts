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

describe('cohortMatrixReport: the line naming the periods a narrow terminal leaves out, in the reader\'s language', () => {
  const a = analyzeCohorts(log, { asOf: day('2024-07-01'), period: 'month' });
  it('a range, or one period', () => {
    expect(cohortMatrixReport(a, 'retention', 'en').matrix?.notShown('month_6', 'month_29')).toBe('… not shown: month_6 to month_29 (a wider terminal, --long or --format csv)');
    expect(cohortMatrixReport(a, 'retention', 'en').matrix?.notShown('month_29', 'month_29')).toBe('… not shown: month_29 (a wider terminal, --long or --format csv)');
    expect(cohortMatrixReport(a, 'retention', 'zh').matrix?.notShown('第6月', '第29月')).toBe('… 未显示：第6月 至 第29月（请加宽终端，或用 --long、--format csv）');
  });
});
