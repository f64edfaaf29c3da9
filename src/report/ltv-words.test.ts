import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { fitStopText, ltvNoteText, ltvWarningText, rateSaid, spanSaid } from './ltv-words.js';
import { speak } from './said.js';

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
    expect(fitStopText('en', { stop: 'boundary', boundary: 'no_dropout' })).toBe('boundary: no dropout seen');
    expect(fitStopText('zh', { stop: 'boundary', boundary: 'same_spend_level' })).toBe('参数边界：所有人的消费水平相同');
  });

  it('one is one: no "1 repeat customers" (English plurals; Chinese has none)', () => {
    expect(ltvWarningText('en', { code: 'few_repeat_customers', repeatCustomers: 1, need: 100 })).toBe('only 1 repeat customer (fewer than 100): the estimates are uncertain');
    expect(ltvWarningText('zh', { code: 'few_repeat_customers', repeatCustomers: 1, need: 100 })).toBe('复购客户只有 1 位（少于 100）：估计值不确定');
    expect(ltvWarningText('en', { code: 'short_history', days: 1, need: 180 })).toMatch(/^only 1 day of history/);
    expect(ltvNoteText('en', { code: 'first_after_calibration', customers: 1, calibrationEnd: dayFromCivil(1997, 9, 30) })).toBe('1 customer first bought after the calibration end 1997-09-30 and is not in the fit');
    expect(ltvNoteText('en', { code: 'spend_excluded', customers: 1 })).toBe('1 repeat customer with mean repeat spend ≤ 0 (refunds, free orders) is left out of the spend model; its expected spend is shrunk from 0');
    expect(ltvNoteText('en', { code: 'spend_excluded', customers: 2 })).toMatch(/^2 repeat customers with .* are left out .*; their expected spend/);
    expect(fitStopText('zh', { stop: 'iteration_limit', boundary: null })).toBe('达到迭代次数上限');
  });

  it('says --horizon and --discount in the reader\'s words (Chinese: no `12mo` or `10%/yr`); what it cannot read stays as given', () => {
    const both = (x: ReturnType<typeof spanSaid>) => [speak('en', x), speak('zh', x)];
    expect(both(spanSaid('12mo'))).toEqual(['12mo', '12 个月']);
    expect(both(spanSaid('1.5 years'))).toEqual(['1.5y', '1.5 年']);
    expect(both(spanSaid('52w'))).toEqual(['52w', '52 周']);
    expect(both(spanSaid('90d'))).toEqual(['90d', '90 天']);
    expect(both(rateSaid('10%/yr'))).toEqual(['10%/yr', '10%/年']);
    expect(both(rateSaid('10%'))).toEqual(['10%/yr', '10%/年']);
    expect(both(rateSaid('1%/mo'))).toEqual(['1%/mo', '1%/月']);
    expect(both(rateSaid('0.1/yr'))).toEqual(['0.1/yr', '0.1/年']);
    expect(both(spanSaid('12 fortnights'))).toEqual(['12 fortnights', '12 fortnights']);
  });
});
