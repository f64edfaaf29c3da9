/**
 * Model inputs compressed to unique rows with weights: customers with the same (x, t_x, T) contribute the
 * same log-likelihood term, so a fit over a million customers evaluates only the distinct rows. Rows are
 * also grouped by x, because every term that depends on x alone (the log-gamma and digamma parts) is
 * computed once per distinct x.
 */

/** Repeat-purchase data of the transaction models, one row per distinct (x, t_x, T). */
export interface BtydData {
  /** Repeat purchases (frequency). */
  x: Float64Array;
  /** Time of the last repeat purchase since the first purchase (recency), in model time units. */
  tx: Float64Array;
  /** Time from the first purchase to the end of the calibration period, in model time units. */
  T: Float64Array;
  /** Customers on the row. */
  w: Float64Array;
  /** Distinct x values; `xIndex[i]` is the position of row i's x here, `xWeight[k]` the customers with xValues[k]. */
  xValues: Float64Array;
  xIndex: Int32Array;
  xWeight: Float64Array;
  /** Σ w. */
  customers: number;
  /** For each input row of compressBtyd, the unique row it went to (−1 for a zero weight). */
  rowOf: Int32Array;
}

/** Spend data of the Gamma-Gamma model, one row per distinct (x, mean spend); only x ≥ 1 and spend > 0. */
export interface SpendData {
  x: Float64Array;
  /** Mean spend per repeat purchase. */
  m: Float64Array;
  /** ln m, once: the likelihood needs it for every row at every evaluation. */
  lnM: Float64Array;
  w: Float64Array;
  xValues: Float64Array;
  xIndex: Int32Array;
  xWeight: Float64Array;
  customers: number;
}

function groupByX(x: Float64Array, w: Float64Array): { xValues: Float64Array; xIndex: Int32Array; xWeight: Float64Array } {
  const pos = new Map<number, number>();
  const values: number[] = [];
  const weights: number[] = [];
  const xIndex = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let k = pos.get(x[i]);
    if (k === undefined) {
      k = values.length;
      pos.set(x[i], k);
      values.push(x[i]);
      weights.push(0);
    }
    xIndex[i] = k;
    weights[k] += w[i];
  }
  return { xValues: Float64Array.from(values), xIndex, xWeight: Float64Array.from(weights) };
}

/**
 * Compresses per-customer (x, t_x, T) to unique rows. `weights` default to 1 per customer. Rows are sorted by
 * (x, T, t_x), so the result does not depend on the customers' order. Throws on inconsistent input (t_x > T, t_x > 0 with x = 0,
 * negative or non-integer x).
 */
export function compressBtyd(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  weights?: ArrayLike<number>,
): BtydData {
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weights && weights.length !== n)) throw new RangeError('compressBtyd: columns differ in length');
  const byX = new Map<number, Map<number, Map<number, number>>>();
  const ux: number[] = [];
  const utx: number[] = [];
  const uT: number[] = [];
  const uw: number[] = [];
  const rowOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const ti = tx[i];
    const Ti = T[i];
    const wi = weights ? weights[i] : 1;
    if (!(xi >= 0) || !Number.isInteger(xi)) throw new RangeError(`compressBtyd: frequency must be a non-negative integer (row ${i}: ${xi})`);
    if (!(ti >= 0) || !(ti <= Ti) || (xi === 0 && ti !== 0)) throw new RangeError(`compressBtyd: need 0 ≤ recency ≤ T and recency = 0 when frequency = 0 (row ${i})`);
    if (!(wi >= 0)) throw new RangeError(`compressBtyd: weights must be ≥ 0 (row ${i})`);
    if (wi === 0) continue;
    let byT = byX.get(xi);
    if (!byT) byX.set(xi, (byT = new Map()));
    let byTx = byT.get(Ti);
    if (!byTx) byT.set(Ti, (byTx = new Map()));
    const k = byTx.get(ti);
    if (k === undefined) {
      rowOf[i] = ux.length;
      byTx.set(ti, ux.length);
      ux.push(xi);
      utx.push(ti);
      uT.push(Ti);
      uw.push(wi);
    } else {
      rowOf[i] = k;
      uw[k] += wi;
    }
  }
  // Rows in one canonical order, (x, T, t_x) ascending, whatever the customers' order: the likelihood's sums, and
  // so the fitted parameters to the last digit, do not depend on how the input was sorted (a warehouse's
  // summary in key order fits exactly as the database's customers in id order).
  const order = Array.from(ux, (_, k) => k).sort((a, b) => ux[a] - ux[b] || uT[a] - uT[b] || utx[a] - utx[b]);
  const position = new Int32Array(order.length);
  order.forEach((k, p) => (position[k] = p));
  for (let i = 0; i < n; i++) if (rowOf[i] >= 0) rowOf[i] = position[rowOf[i]];
  return sortedBtydData(Float64Array.from(order, (k) => ux[k]), Float64Array.from(order, (k) => utx[k]), Float64Array.from(order, (k) => uT[k]), Float64Array.from(order, (k) => uw[k]), rowOf);
}

/**
 * BtydData of distinct rows already sorted by (x, T, t_x) with their weights (what compressBtyd makes of its
 * input; for callers that gathered the distinct rows themselves). Not checked.
 */
export function sortedBtydData(x: Float64Array, tx: Float64Array, T: Float64Array, w: Float64Array, rowOf: Int32Array): BtydData {
  let customers = 0;
  for (const v of w) customers += v;
  return { x, tx, T, w, ...groupByX(x, w), customers, rowOf };
}

/**
 * Compresses (x, mean spend) pairs for the Gamma-Gamma model. Rows with x = 0 are skipped (no repeat
 * spend to learn from); rows with spend ≤ 0 are skipped and counted in `excludedNonPositive`.
 */
export function compressSpend(
  x: ArrayLike<number>,
  m: ArrayLike<number>,
  weights?: ArrayLike<number>,
): { data: SpendData; excludedNonPositive: number } {
  const n = x.length;
  if (m.length !== n || (weights && weights.length !== n)) throw new RangeError('compressSpend: columns differ in length');
  const weightOf = (i: number): number => (weights ? weights[i] : 1);
  let excluded = 0;
  let kept = 0;
  let maxX = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const wi = weightOf(i);
    if (!(xi >= 1) || !(wi > 0)) continue;
    if (!(m[i] > 0)) {
      excluded += wi;
      continue;
    }
    kept++;
    if (xi > maxX) maxX = xi;
    if (!Number.isInteger(xi)) integral = false;
  }
  const keep = (i: number): boolean => x[i] >= 1 && weightOf(i) > 0 && m[i] > 0;
  // Distinct (x, m) rows, sorted by x then m (one canonical order, as compressBtyd's), with their weights.
  const ux: number[] = [];
  const um: number[] = [];
  const uw: number[] = [];
  if (!weights && integral && maxX <= 1e6) {
    // millions of customers: bucket by x, sort each bucket's spends natively, count equal runs (no hashing)
    const start = new Int32Array(maxX + 2);
    for (let i = 0; i < n; i++) if (keep(i)) start[x[i] + 1]++;
    for (let v = 1; v <= maxX + 1; v++) start[v] += start[v - 1];
    const at = start.slice();
    const spends = new Float64Array(kept);
    for (let i = 0; i < n; i++) if (keep(i)) spends[at[x[i]]++] = m[i];
    for (let v = 1; v <= maxX; v++) {
      const bucket = spends.subarray(start[v], start[v + 1]).sort();
      for (let j = 0; j < bucket.length; j++) {
        if (j > 0 && bucket[j] === bucket[j - 1]) uw[uw.length - 1]++;
        else {
          ux.push(v);
          um.push(bucket[j]);
          uw.push(1);
        }
      }
    }
  } else {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (keep(i)) order.push(i);
    order.sort((a, b) => x[a] - x[b] || m[a] - m[b]);
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (j > 0 && x[i] === ux[ux.length - 1] && m[i] === um[um.length - 1]) uw[uw.length - 1] += weightOf(i);
      else {
        ux.push(x[i]);
        um.push(m[i]);
        uw.push(weightOf(i));
      }
    }
  }
  const xs = Float64Array.from(ux);
  const w = Float64Array.from(uw);
  let customers = 0;
  for (const v of w) customers += v;
  const ms = Float64Array.from(um);
  return { data: { x: xs, m: ms, lnM: ms.map(Math.log), w, ...groupByX(xs, w), customers }, excludedNonPositive: excluded };
}

/**
 * Every k-th distinct row with its weight kept, for at most `rows` rows: each row is kept with the same
 * probability, so weighted totals stay unbiased. Used to try starting points cheaply on large data.
 */
export function subsampleRows(data: BtydData, rows: number): BtydData {
  const step = Math.max(1, Math.ceil(data.x.length / rows));
  const keep: number[] = [];
  for (let i = 0; i < data.x.length; i += step) keep.push(i);
  const x = Float64Array.from(keep, (i) => data.x[i]);
  const w = Float64Array.from(keep, (i) => data.w[i]);
  let customers = 0;
  for (const v of w) customers += v;
  return { x, tx: Float64Array.from(keep, (i) => data.tx[i]), T: Float64Array.from(keep, (i) => data.T[i]), w, ...groupByX(x, w), customers, rowOf: new Int32Array(0) };
}
