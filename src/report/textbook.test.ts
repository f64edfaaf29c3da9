import { describe, expect, it } from 'vitest';
import type { WhatIfResult } from '../analytics/what-if.js';
import { speak } from './said.js';
import { whatIfLines, whatIfRefusal } from './textbook.js';

// the textbook what-if of a 100-customer shop (minor units): churn 66% → 61%, margin ¥450,815.27 → ¥487,784.17
const result: WhatIfResult = {
  method: 'simple', parameter: 'churn_rate', parameterBefore: 0.66, parameterAfter: 0.61, retentionBefore: 0.34, retentionAfter: 0.39,
  customers: 100, valuedCustomers: 100, aliveCustomers: 100, horizonDaysBefore: 553.4, horizonDaysAfter: 598.8,
  before: { purchases: 3800, revenue: 45081527, margin: 45081527 }, after: { purchases: 4112, revenue: 48778417, margin: 48778417 },
  extraRetained: 5, marginPerRetained: 739378, breakEvenCostPerCustomer: 36969,
};

describe('the what-if lines (report/textbook.ts)', () => {
  it('says the mapping, the margin, the rule of thumb and the break-even cost, in both languages, and builds the table', () => {
    const { notes, report } = whatIfLines(result, { lift: 0.05, text: 'retention+5%', costPerCustomer: null }, 'CNY', null);
    expect(notes.map((n) => n.key)).toEqual(['whatIf.mapSimple', 'whatIf.margin', 'whatIf.ruleOfThumb', 'whatIf.breakEven']);
    expect(speak('en', notes[1])).toContain('margin ¥450,815.27 → ¥487,784.17 (+8.2%); 5.0 more customers');
    expect(speak('zh', notes[3])).toMatch(/¥369\.69/);
    expect(report.rows.find((r) => r.measure === 'margin')).toMatchObject({ before: 450815.27, after: 487784.17 });
    expect(report.rows.find((r) => r.measure === 'break_even_cost_per_customer')?.change).toBe(369.69);
  });

  it('a fall in margin has no break-even cost; a lift out of reach is refused with the reachable range', () => {
    const fall = { ...result, retentionAfter: 0.29, after: { purchases: 3500, revenue: 41000000, margin: 41000000 }, extraRetained: -5, breakEvenCostPerCustomer: -40815 };
    const { notes, report } = whatIfLines(fall, { lift: -0.05, text: 'retention-5%', costPerCustomer: null }, 'CNY', null);
    expect(notes.map((n) => n.key)).toContain('whatIf.marginFewer');
    expect(notes.map((n) => n.key)).toContain('whatIf.noBreakEven');
    expect(report.rows.find((r) => r.measure === 'break_even_cost_per_customer')?.change).toBeNull();
    const refusal = whatIfRefusal({ status: 'unreachable', method: 'bgnbd', before: 0.97, target: 1.02, low: 0.5, high: 0.99 }, { lift: 0.05, text: 'retention+5%', costPerCustomer: null });
    expect(refusal.key).toBe('whatIf.unreachable');
    expect(speak('en', refusal)).toContain('99.0%');
  });
});
