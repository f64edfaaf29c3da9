import { describe, expect, it } from 'vitest';
import { triedSaid } from './ltv-notes.js';
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
