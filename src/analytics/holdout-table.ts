/**
 * The backtest table of `ltv --holdout`: predicted vs actual purchase days after the calibration end, per
 * calibration frequency (repeat purchase days 0…6, 7+) and for everyone (`all`). One shape for every method,
 * so that the model path and the textbook method can be compared row by row.
 */

export type HoldoutRow = {
  calibration_frequency: string;
  customers: number;
  actual_purchases: number;
  predicted_purchases: number;
  actual_per_customer: number;
  predicted_per_customer: number;
  /** Mean absolute error per customer of predicted vs actual holdout purchases. */
  mae_per_customer: number;
};

export const FREQUENCY_BANDS = ['0', '1', '2', '3', '4', '5', '6', '7+'] as const;

/**
 * Rows by calibration frequency, then `all`, from per-customer calibration frequency, actual and predicted
 * holdout purchase days (three arrays of one length). Bands without customers are left out.
 */
export function tabulateHoldout(frequency: ArrayLike<number>, actual: ArrayLike<number>, predicted: ArrayLike<number>): HoldoutRow[] {
  const acc = FREQUENCY_BANDS.map(() => ({ n: 0, actual: 0, predicted: 0, abs: 0 }));
  const all = { n: 0, actual: 0, predicted: 0, abs: 0 };
  for (let i = 0; i < frequency.length; i++) {
    const band = acc[Math.min(FREQUENCY_BANDS.length - 1, frequency[i])];
    for (const t of [band, all]) {
      t.n++;
      t.actual += actual[i];
      t.predicted += predicted[i];
      t.abs += Math.abs(predicted[i] - actual[i]);
    }
  }
  const row = (label: string, t: { n: number; actual: number; predicted: number; abs: number }): HoldoutRow => ({
    calibration_frequency: label,
    customers: t.n,
    actual_purchases: t.actual,
    predicted_purchases: t.predicted,
    actual_per_customer: t.actual / t.n,
    predicted_per_customer: t.predicted / t.n,
    mae_per_customer: t.abs / t.n,
  });
  const rows = FREQUENCY_BANDS.map((l, k) => (acc[k].n > 0 ? row(l, acc[k]) : null)).filter((r): r is HoldoutRow => r !== null);
  if (all.n > 0) rows.push(row('all', all));
  return rows;
}
