/**
 * The inputs of an ltv fit gathered one customer at a time, for a per-customer summary too large to hold
 * (`ltv --summary` on millions of customers): each customer adds to the count of its distinct (x, t_x, T)
 * row and, for repeat customers, its mean repeat spend to two typed arrays. What comes out is the fit input
 * fitInputOf makes from the same customers held in memory, to the last digit (same rows, same order, same
 * weights), plus a lookup from a customer's (x, t_x, T) to its row for the predictions.
 */
import type { EpochDay } from '../domain/day.js';
import { compressBtyd, compressSpend } from './models/btyd-data.js';
import { UNIT_DAYS, type TimeUnit } from './ltv-summary.js';
import type { LtvFitInput } from './ltv.js';

const X_LIMIT = 2 ** 17;
const DAY_LIMIT = 2 ** 18;

/** (x, T, t_x) in one number that sorts as the compressed rows do: x, then T, then t_x. */
function packRow(x: number, ageDays: number, recencyDays: number): number {
  if (x >= X_LIMIT || ageDays >= DAY_LIMIT) throw new RangeError(`a customer with ${x} repeat purchase days over ${ageDays} days is beyond what the compressed rows hold`);
  return (x * DAY_LIMIT + ageDays) * DAY_LIMIT + recencyDays;
}

export class LtvInputBuilder {
  private readonly unitDays: number;
  private readonly factor: number;
  private rowIndex: Map<number, number> | null = new Map();
  private readonly packed: number[] = [];
  private readonly weight: number[] = [];
  private spendX = new Int32Array(1 << 16);
  private spendM = new Float64Array(1 << 16);
  private spendN = 0;
  private customers = 0;
  private repeatCustomers = 0;
  private firstDay = Infinity;
  private ageSum = 0;

  /** `end`: the last observed day (as-of − 1), the calibration end. */
  constructor(
    private readonly unit: TimeUnit,
    private readonly end: EpochDay,
    minorDigits: number,
  ) {
    this.unitDays = UNIT_DAYS[unit];
    this.factor = Math.pow(10, minorDigits);
  }

  /** One customer: first purchase day, repeat purchase days, last − first and end − first in days, net of the repeat days. */
  add(first: EpochDay, x: number, recencyDays: number, ageDays: number, repeatRevenue: number): void {
    const index = this.rowIndex;
    if (index === null) throw new Error('LtvInputBuilder: add after build');
    const key = packRow(x, ageDays, recencyDays);
    const k = index.get(key);
    if (k === undefined) {
      index.set(key, this.packed.length);
      this.packed.push(key);
      this.weight.push(1);
    } else this.weight[k]++;
    this.customers++;
    if (first < this.firstDay) this.firstDay = first;
    this.ageSum += ageDays;
    if (x > 0) {
      this.repeatCustomers++;
      if (this.spendN === this.spendX.length) {
        const x2 = new Int32Array(2 * this.spendN);
        x2.set(this.spendX);
        this.spendX = x2;
        const m2 = new Float64Array(2 * this.spendN);
        m2.set(this.spendM);
        this.spendM = m2;
      }
      this.spendX[this.spendN] = x;
      this.spendM[this.spendN] = repeatRevenue / x / this.factor;
      this.spendN++;
    }
  }

  /** The fit input, and the compressed row of a customer's (x, t_x in days, T in days). */
  build(): { input: LtvFitInput; rowOf: (x: number, recencyDays: number, ageDays: number) => number } {
    this.rowIndex = null; // the lookup below replaces it (a sorted array: a tenth of the memory)
    const n = this.packed.length;
    const ux = new Float64Array(n);
    const utx = new Float64Array(n);
    const uT = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const key = this.packed[k];
      const recency = key % DAY_LIMIT;
      const rest = (key - recency) / DAY_LIMIT;
      const age = rest % DAY_LIMIT;
      ux[k] = (rest - age) / DAY_LIMIT;
      utx[k] = recency / this.unitDays;
      uT[k] = age / this.unitDays;
    }
    const data = compressBtyd(ux, utx, uT, this.weight);
    // compressBtyd sorts its rows by (x, T, t_x): the order of the packed keys
    const sorted = Float64Array.from(this.packed).sort();
    this.packed.length = 0;
    const spend = compressSpend(this.spendX.subarray(0, this.spendN), this.spendM.subarray(0, this.spendN));
    const rowOf = (x: number, recencyDays: number, ageDays: number): number => {
      const key = packRow(x, ageDays, recencyDays);
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < key) lo = mid + 1;
        else if (sorted[mid] > key) hi = mid - 1;
        else return mid;
      }
      throw new RangeError(`LtvInputBuilder: no row for x ${x}, t_x ${recencyDays}, T ${ageDays}`);
    };
    const input: LtvFitInput = {
      unit: this.unit, unitDays: this.unitDays, end: this.end, calibrationEnd: this.end, customers: this.customers, repeatCustomers: this.repeatCustomers,
      firstDay: this.firstDay, ageSumDays: this.ageSum, firstAfterCalibration: 0, data, spend,
    };
    return { input, rowOf };
  }
}
