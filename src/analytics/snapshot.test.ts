import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../domain/day.js';
import { buildLog } from '../domain/purchase-log.js';
import { monthEndAsOfDays, snapshotLtvOptions, takeSnapshot } from './snapshot.js';
import { fitLtv, predictRowsOf, rowPredictionInput } from './ltv.js';


const day = (s: string) => parseDay(s)!;

describe('monthEndAsOfDays', () => {
  it('gives the day after every month end in the range', () => {
    expect(monthEndAsOfDays(day('2024-01-15'), day('2024-04-30')).map(formatDay)).toEqual(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01']);
    expect(monthEndAsOfDays(day('2024-01-31'), day('2024-02-28')).map(formatDay)).toEqual(['2024-02-01']);
    expect(monthEndAsOfDays(day('2023-12-01'), day('2024-01-30')).map(formatDay)).toEqual(['2024-01-01']);
    expect(monthEndAsOfDays(day('2024-02-01'), day('2024-02-20'))).toEqual([]);
  });
});

describe('takeSnapshot', () => {
  const ref = (k: string) => ({ key: k, display: k, platform: 'p', shop: 's', clear: null });
  const log = buildLog([ref('a'), ref('b'), ref('c')], [
    { customer: 0, day: day('2024-01-01'), net: 1000 },
    { customer: 0, day: day('2024-01-10'), net: 500 },
    { customer: 1, day: day('2024-01-05'), net: 200 },
    { customer: 2, day: day('2024-03-01'), net: 900 },
  ]);

  it('holds only customers who bought before as-of, with their values', () => {
    const s = takeSnapshot(log, { asOf: day('2024-02-01'), model: null });
    expect(s.customers.map((c) => c.index)).toEqual([0, 1]);
    expect(s.customers[0]).toMatchObject({ recencyDays: 22, frequency: 2, monetary: 1500, orders: 2 });
    expect(s.model).toBeNull();
    expect(s.churnThreshold).toBe(9);
    expect(s.customers.every((c) => c.churnStatus !== null)).toBe(true);
  });

  it('leaves churn empty while nobody has bought twice, and says why', () => {
    const s = takeSnapshot(log, { asOf: day('2024-01-06'), model: 'bgnbd' });
    expect(s.customers.map((c) => c.churnStatus)).toEqual([null, null]);
    // no customer has two purchase days: that is the reason (it said "fewer than 100 repeat customers")
    expect(s.gaps).toEqual(['churn_no_gaps', 'model_no_repeat']);
    expect(s.unconverged).toEqual([]);
  });

  it('a fit that did not converge on few repeat customers is named as not converged, with how it ended', () => {
    const asOf = day('2024-02-01');
    const options = { asOf, model: 'pnbd' as const };
    const fit = fitLtv(log, snapshotLtvOptions(options, 'pnbd'));
    expect(fit.repeatCustomers).toBe(1);
    // the same fit, ended as a fit that fails ends (fitModels: no converged fit, refused)
    const failed = fit.fits.map((f) => ({ ...f, converged: false, stop: 'line_search_failed' as const }));
    const refused = { ...fit, fits: failed, chosen: failed[0], refusal: { code: 'no_converged_fit' as const, customers: 2, repeatCustomers: 1, need: 100 } };
    const s = takeSnapshot(log, options, { fit: refused, rows: predictRowsOf(rowPredictionInput(fit), snapshotLtvOptions(options, 'pnbd')) });
    expect(s.gaps).toEqual(['model_not_converged']);
    expect(s.unconverged).toEqual([{ label: 'Pareto/NBD', stop: 'line_search_failed', boundary: null }]);
    expect(s.customers.every((c) => c.pAlive === null && c.clv === null)).toBe(true);
  });
});
