import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { fitStopText, ltvNoteText, ltvWarningText } from './ltv-words.js';

describe('ltv fit in words', () => {
  it('says the warnings with their numbers, as the ltv notes read', () => {
    expect(ltvWarningText('en', { code: 'few_repeat_customers', repeatCustomers: 1234, need: 100 })).toBe('only 1234 repeat customers (fewer than 100): the estimates are uncertain');
    expect(ltvWarningText('en', { code: 'model_not_converged', model: 'pnbd', stop: 'line_search_failed' })).toBe('Pareto/NBD did not converge (line search failed); its estimates are unreliable');
    expect(ltvWarningText('en', { code: 'spend_too_few', spenders: 0 })).toMatch(/^no repeat customers with/);
    expect(ltvWarningText('en', { code: 'spend_too_few', spenders: 1 })).toMatch(/^only one repeat customer with/);
    expect(ltvWarningText('en', { code: 'spend_infinite_mean', q: 0.98765 })).toMatch(/^Gamma-Gamma q = 0\.988 ≤ 1:/);
    expect(ltvWarningText('en', { code: 'spend_correlated', r: -0.3456 })).toMatch(/\(r = -0\.35\)/);
    expect(ltvWarningText('zh', { code: 'short_history', days: 100, need: 180 })).toBe('历史数据只有 100 天（少于 180 天）：难以区分流失与暂停购买');
  });

  it('says the notes and how a fit stopped', () => {
    expect(ltvNoteText('en', { code: 'first_after_calibration', customers: 7, calibrationEnd: dayFromCivil(1997, 9, 30) })).toBe('7 customers first bought after the calibration end 1997-09-30 and are not in the fit');
    expect(fitStopText('en', { stop: 'boundary', boundary: 'no_dropout' })).toBe('boundary: no_dropout');
    expect(fitStopText('zh', { stop: 'iteration_limit', boundary: null })).toBe('达到迭代次数上限');
  });
});
