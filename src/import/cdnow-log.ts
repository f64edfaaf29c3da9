/**
 * Reads the bundled CDNOW sample (fixtures/cdnow_sample.csv: `customer_id,order_date,amount`, USD) straight
 * into a PurchaseLog, without a database: `orderlens selftest` and the model tests use it to reproduce the
 * published BG/NBD, Pareto/NBD and Gamma-Gamma numbers.
 */
import { parseDay } from '../domain/day.js';
import { buildLog, type CustomerRef, type PurchaseLog } from '../domain/purchase-log.js';
import { InputError } from '../errors.js';
import { parseAmount } from './parse-amount.js';
import { said } from '../report/said.js';

/** Parses the CSV text; same-day rows of a customer merge into one log entry (amounts summed). */
export function parseCdnowLog(text: string, file = 'cdnow_sample.csv'): PurchaseLog {
  const lines = text.split(/\r?\n/);
  if (lines[0].trim() !== 'customer_id,order_date,amount') throw new InputError(file, 1, said('cdnow.header'));
  const customers: CustomerRef[] = [];
  const index = new Map<string, number>();
  const entries: { customer: number; day: number; net: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const [id, date, amount] = line.split(',');
    const day = date === undefined ? null : parseDay(date);
    const minor = amount === undefined ? null : parseAmount(amount, { digits: 2 });
    if (!id || day === null || minor === null) throw new InputError(file, i + 1, said('cdnow.row'));
    let c = index.get(id);
    if (c === undefined) {
      c = customers.length;
      index.set(id, c);
      customers.push({ key: id, display: id, platform: 'cdnow', shop: 'cdnow', clear: null });
    }
    entries.push({ customer: c, day, net: minor });
  }
  return buildLog(customers, entries, 'USD', 2);
}
