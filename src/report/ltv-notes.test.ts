import { describe, expect, it } from 'vitest';
import type { ModelFit } from '../analytics/models/fit-model.js';
import { fitLine, totalsNotes, triedSaid } from './ltv-notes.js';
import { speak } from './said.js';

describe('why no model converged, in words', () => {
  const fit = (label: string, stop: 'line_search_failed' | 'iteration_limit' | 'hessian_not_positive_definite') => ({ label, stop, boundary: null });

  it('names how each fit ended, one model or all three', () => {
    expect(speak('en', triedSaid([fit('Pareto/NBD', 'line_search_failed')]))).toBe('Pareto/NBD did not converge (line search failed)');
    const three = [fit('BG/NBD', 'hessian_not_positive_definite'), fit('Pareto/NBD', 'line_search_failed'), fit('MBG/NBD', 'iteration_limit')];
    expect(speak('en', triedSaid(three))).toBe(
      'no model converged (BG/NBD: Hessian not positive definite at the estimate; Pareto/NBD: line search failed; MBG/NBD: iteration limit reached)',
    );
    expect(speak('zh', triedSaid(three))).toBe('没有一个模型收敛（BG/NBD：估计值处的 Hessian 矩阵非正定；Pareto/NBD：线搜索失败；MBG/NBD：达到迭代次数上限）');
  });
});

describe('the fit line and the totals, in the reader\'s punctuation', () => {
  const fit = { label: 'BG/NBD', converged: true, boundary: null, paramNames: ['r', 'alpha'], params: [0.243, 4.414], se: [0.0126, 0.378], toward: [null, null], combined: [], logLikelihood: -9582.43, aic: 19168.86, customers: 2357 } as unknown as ModelFit;
  const sums = (level: number) => ({ customers: 2357, purchases: 124, purchasesLow: level === 0.95 ? 103.2 : 110, purchasesHigh: level === 0.95 ? 149 : 139.8, missingPurchases: 0, clv: null, clvLow: null, clvHigh: null });

  it('English as before; Chinese lists with 、 and standard errors in Chinese brackets', () => {
    expect(speak('en', fitLine(fit, 'en'))).toBe('BG/NBD: r 0.2430 (se 0.0126), alpha 4.414 (se 0.378); LL -9582.43, AIC 19168.86, 2,357 customers, converged');
    expect(speak('zh', fitLine(fit, 'zh'))).toBe('BG/NBD：r 0.2430（se 0.0126）、alpha 4.414（se 0.378）；LL -9582.43，AIC 19168.86，2,357 位客户，已收敛');
    const [en] = totalsNotes(sums as never, 0.8, 'CNY');
    expect(speak('en', en)).toBe('total expected purchase days 124.0 (80% 110.0–139.8, 95% 103.2–149.0)');
    expect(speak('zh', en)).toBe('预期购买日合计 124.0（80% 110.0–139.8、95% 103.2–149.0）');
  });
});
