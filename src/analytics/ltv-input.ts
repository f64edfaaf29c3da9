/**
 * The inputs of an ltv fit gathered one customer at a time, for a per-customer summary too large to hold
 * (`ltv --summary` on millions of customers): each customer adds to the count of its distinct (x, t_x, T)
 * row and, for repeat customers, its mean repeat spend to two typed arrays. What comes out is the fit input
 * fitInputOf makes from the same customers held in memory, to the last digit (same rows, same order, same
 * weights), plus each customer's row (in the order they were added) for the predictions.
 */
import type { EpochDay } from '../domain/day.js';
import { compressSpend, sortedBtydData } from './models/btyd-data.js';
import { UNIT_DAYS, type TimeUnit } from './ltv-summary.js';
import type { LtvFitInput } from './ltv.js';

const X_LIMIT = 2 ** 17;
const BLOCK_BITS = 20;
const BLOCK = 1 << BLOCK_BITS;
const DAY_LIMIT = 2 ** 18;

/** (x, T, t_x) in one number that sorts as the compressed rows do: x, then T, then t_x. */
function packRow(x: number, ageDays: number, recencyDays: number): number {
  if (x >= X_LIMIT || ageDays >= DAY_LIMIT) throw new RangeError(`packRow: a customer with ${x} repeat purchase days over ${ageDays} days is beyond what the compressed rows hold`);
  return (x * DAY_LIMIT + ageDays) * DAY_LIMIT + recencyDays;
}

/** A well-mixed 32-bit hash of a row (murmur3's finaliser over the three values): linear probing needs one. */
function hashRow(x: number, ageDays: number, recencyDays: number): number {
  let h = Math.imul(x, 0x9e3779b1) + ageDays;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) + recencyDays;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * An open-addressing table from packed rows to a number: their count while customers are added, their row
 * in the compressed data once built. Key and number side by side in one array (one cache line per lookup:
 * ten million customers over a table of millions of rows miss the cache on nearly every one); no boxed
 * keys, no garbage per customer.
 */
class RowTable {
  /** Slot i: the key at 2i (−1 when empty), its number at 2i + 1. */
  slots = RowTable.empty(1 << 16);
  /** Slot i's key's id: the number of keys added before it. */
  ids = new Int32Array(1 << 16);
  size = 0;

  private static empty(n: number): Float64Array {
    const slots = new Float64Array(2 * n);
    for (let i = 0; i < slots.length; i += 2) slots[i] = -1;
    return slots;
  }

  /** The index (2 × slot) of the key: where it is, or the empty slot where it goes. */
  find(key: number, x: number, ageDays: number, recencyDays: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let i = hashRow(x, ageDays, recencyDays) & mask;
    for (;;) {
      const k = slots[2 * i];
      if (k === key || k === -1) return 2 * i;
      i = (i + 1) & mask;
    }
  }

  /** Counts the row; returns its key's id. */
  add(x: number, ageDays: number, recencyDays: number): number {
    const key = packRow(x, ageDays, recencyDays);
    const at = this.find(key, x, ageDays, recencyDays);
    if (this.slots[at] === key) {
      this.slots[at + 1]++;
      return this.ids[at >> 1];
    }
    const id = this.size;
    this.slots[at] = key;
    this.slots[at + 1] = 1;
    this.ids[at >> 1] = id;
    this.size++;
    if (this.size * 4 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    const oldIds = this.ids;
    this.slots = RowTable.empty(old.length);
    this.ids = new Int32Array(old.length);
    for (let j = 0; j < old.length; j += 2) {
      const key = old[j];
      if (key === -1) continue;
      const recency = key % DAY_LIMIT;
      const rest = (key - recency) / DAY_LIMIT;
      const age = rest % DAY_LIMIT;
      const at = this.find(key, (rest - age) / DAY_LIMIT, age, recency);
      this.slots[at] = key;
      this.slots[at + 1] = old[j + 1];
      this.ids[at >> 1] = oldIds[j >> 1];
    }
  }
}

export class LtvInputBuilder {
  private readonly unitDays: number;
  private readonly factor: number;
  private rows: RowTable | null = new RowTable();
  private spendX = new Int32Array(1 << 16);
  private spendM = new Float64Array(1 << 16);
  private spendN = 0;
  private customers = 0;
  private repeatCustomers = 0;
  private firstDay = Infinity;
  private ageSum = 0;
  /** Each customer's key id (in blocks of BLOCK, so ten million customers take 40 MB, not a doubled array); rows once built. */
  private readonly customerRows: Int32Array[] = [];

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
    if (this.rows === null) throw new Error('LtvInputBuilder: add after build');
    const id = this.rows.add(x, ageDays, recencyDays);
    const i = this.customers & (BLOCK - 1);
    if (i === 0) this.customerRows.push(new Int32Array(BLOCK));
    this.customerRows[this.customerRows.length - 1][i] = id;
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

  /** The fit input, and the compressed row of the i-th customer added (from 0). */
  build(): { input: LtvFitInput; rowAt: (i: number) => number } {
    const table = this.rows;
    if (table === null) throw new Error('LtvInputBuilder: built twice');
    this.rows = null;
    // the distinct rows in the order compressBtyd gives them, (x, T, t_x): the order of the packed keys; each
    // key's slot then holds its row instead of its count
    const order = new Float64Array(table.size);
    let n = 0;
    for (let j = 0; j < table.slots.length; j += 2) if (table.slots[j] !== -1) order[n++] = table.slots[j];
    order.sort();
    const rowOfId = new Int32Array(n);
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    const w = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const key = order[k];
      const recency = key % DAY_LIMIT;
      const rest = (key - recency) / DAY_LIMIT;
      const age = rest % DAY_LIMIT;
      const xk = (rest - age) / DAY_LIMIT;
      x[k] = xk;
      tx[k] = recency / this.unitDays;
      T[k] = age / this.unitDays;
      const at = table.find(key, xk, age, recency);
      w[k] = table.slots[at + 1];
      rowOfId[table.ids[at >> 1]] = k;
    }
    // each customer's key id becomes its row: one pass in the customers' order, no lookup per customer later
    const blocks = this.customerRows;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      const end = b === blocks.length - 1 ? this.customers - b * BLOCK : BLOCK;
      for (let i = 0; i < end; i++) block[i] = rowOfId[block[i]];
    }
    const data = sortedBtydData(x, tx, T, w, Int32Array.from({ length: n }, (_, k) => k));
    const spend = compressSpend(this.spendX.subarray(0, this.spendN), this.spendM.subarray(0, this.spendN));
    const customers = this.customers;
    const rowAt = (i: number): number => {
      if (!(i >= 0 && i < customers)) throw new RangeError(`LtvInputBuilder: no customer ${i} (${customers} added)`);
      return blocks[i >>> BLOCK_BITS][i & (BLOCK - 1)];
    };
    const input: LtvFitInput = {
      unit: this.unit, unitDays: this.unitDays, end: this.end, calibrationEnd: this.end, customers: this.customers, repeatCustomers: this.repeatCustomers,
      firstDay: this.firstDay, ageSumDays: this.ageSum, firstAfterCalibration: 0, data, spend,
    };
    return { input, rowAt };
  }
}
