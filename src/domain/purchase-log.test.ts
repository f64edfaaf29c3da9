import { describe, expect, it } from 'vitest';
import { asOfLog, buildLog, type PurchaseLog } from './purchase-log.js';

const ref = (key: string) => ({ key, display: key, platform: 'generic', shop: 'default', clear: null });

/** c0 buys on days 10 and 20 (100.00 each); returns of −30.00 on day 12 and −40.00 on day 25, both taken from day 10 and day 20. */
function withReturns(): PurchaseLog {
  const log = buildLog([ref('c0'), ref('c1')], [
    { customer: 0, day: 10, net: 10000 },
    { customer: 0, day: 20, net: 10000 },
    { customer: 1, day: 15, net: 5000 },
  ]);
  // as db/queries.ts applyReturns leaves it: the nets already reduced, each return recorded by day
  log.net[0] -= 3000;
  log.net[1] -= 4000;
  log.returns = { entry: Int32Array.from([0, 1]), day: Int32Array.from([12, 25]), net: Float64Array.from([-3000, -4000]) };
  return log;
}

describe('asOfLog: the log as known on the eve of as-of', () => {
  it('takes out the returns dated on or after as-of, keeps the earlier ones', () => {
    const log = withReturns();
    expect(Array.from(asOfLog(log, 25).net)).toEqual([7000, 10000, 5000]);
    expect(Array.from(asOfLog(log, 12).net)).toEqual([10000, 10000, 5000]);
    expect(Array.from(asOfLog(log, 13).net)).toEqual([7000, 10000, 5000]);
    expect(Array.from(asOfLog(log, 25).returns!.day)).toEqual([12]);
    // the log itself is left as it was
    expect(Array.from(log.net)).toEqual([7000, 6000, 5000]);
  });

  it('is the log itself when no return is on or after as-of, or there are none', () => {
    const log = withReturns();
    expect(asOfLog(log, 26)).toBe(log);
    const plain = buildLog([ref('c0')], [{ customer: 0, day: 1, net: 100 }]);
    expect(asOfLog(plain, 0)).toBe(plain);
  });

  it('shares the other columns and does not read the customers (read on first use)', () => {
    const log = withReturns();
    let reads = 0;
    const customers = log.customers;
    Object.defineProperty(log, 'customers', { enumerable: true, configurable: true, get: () => (reads++, customers) });
    const cut = asOfLog(log, 20);
    expect(reads).toBe(0);
    expect(cut.day).toBe(log.day);
    expect(cut.gross).toBe(log.gross);
    expect(cut.customers[0].key).toBe('c0');
    expect(reads).toBe(1);
  });
});
