import { describe, expect, it } from 'vitest';
import { paretoGroupName } from './pareto-groups.js';

describe('pareto group names', () => {
  it('keeps the CSV values in English and names them in Chinese', () => {
    for (const g of ['top 5%', 'top 12.5%', '80% of revenue', 'A', 'all']) expect(paretoGroupName('en', g)).toBe(g);
    expect(['top 5%', '80% of revenue', 'A', 'C', 'all'].map((g) => paretoGroupName('zh', g))).toEqual(['前5%客户', '贡献80%收入的客户', 'A类客户', 'C类客户', '全部客户']);
    expect(paretoGroupName('zh', 'something else')).toBe('something else');
  });
});
