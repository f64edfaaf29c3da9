/**
 * Seeded random purchase logs for property tests: skewed order counts, many ties, a few refunds.
 */
import type { CustomerRef, OneDayLog } from '../src/domain/purchase-log.js';
import { buildLog } from '../src/domain/purchase-log.js';
import { seededRandom } from '../src/analytics/random.js';

export function customerRefs(n: number): CustomerRef[] {
  return Array.from({ length: n }, (_, i) => ({ key: `c${i + 1}`, display: `c${i + 1}`, platform: 'generic', shop: 'main', clear: null }));
}

export function randomLog(seed: number, customers: number, days = 400): OneDayLog {
  const random = seededRandom(seed);
  const entries: { customer: number; day: number; orders: number; gross: number; net: number }[] = [];
  for (let c = 0; c < customers; c++) {
    // Some customers never buy (they stay in `customers` without entries).
    if (random() < 0.05) continue;
    const purchases = random() < 0.6 ? 1 : 1 + Math.floor(random() * random() * 12);
    for (let p = 0; p < purchases; p++) {
      const gross = random() < 0.3 ? 9900 : 100 * (1 + Math.floor(random() * 500));
      const refunded = random() < 0.05 ? Math.floor(gross / 2) : 0;
      entries.push({ customer: c, day: 19000 + Math.floor(random() * days), orders: random() < 0.1 ? 2 : 1, gross, net: gross - refunded });
    }
  }
  return buildLog(customerRefs(customers), entries);
}
