/** The reports of `orderlens snapshot` and `snapshots`: the stored snapshots, and what a snapshot could not fill. */
import { formatDay } from '../domain/day.js';
import type { ModelChoice } from '../analytics/ltv.js';
import { SNAPSHOT_MIN_REPEAT, type Snapshot } from '../analytics/snapshot.js';
import type { Report } from '../output/report.js';
import { col } from './columns.js';
import { triedSaid } from './ltv-notes.js';
import { said, type Said } from './said.js';

/** Why parts of a snapshot are empty (its gaps), one note each. */
export function snapshotGapNotes(snap: Snapshot, model: ModelChoice | null): Said[] {
  const day = formatDay(snap.asOf);
  return snap.gaps.map((gap) => {
    if (gap === 'churn_no_gaps') return said('snapshot.noGaps', { day });
    if (gap === 'model_no_repeat') return said('snapshot.noRepeat', { day, model: model ?? '' });
    if (gap === 'model_few_repeat') return said('snapshot.fewRepeat', { day, repeat: snap.repeatCustomers ?? 0, n: SNAPSHOT_MIN_REPEAT, model: model ?? '' });
    if (gap === 'model_one_repeat') return said('snapshot.oneRepeat', { day, model: model ?? '' });
    if (gap === 'model_not_converged') return said('snapshot.notConverged', { day, tried: triedSaid(snap.unconverged), repeat: snap.repeatCustomers ?? 0 });
    return said('snapshot.noSpend', { day });
  });
}

/** The stored snapshots, one row each (`snapshots`, and what `snapshot` stored), with the notes said first. */
export function snapshotListReport(
  rows: readonly { label: string; asOf: number; customers: number; currency: string; settings: Record<string, unknown>; createdAt: string }[],
  notes: Said[] = [],
): Report {
  return {
    notes,
    columns: [
      col('label'),
      col('as_of'),
      col('customers'),
      col('currency'),
      col('scheme'),
      col('bins'),
      col('churn_threshold_days'),
      col('model'),
      col('created_at'),
    ],
    // a narrow terminal keeps which snapshot, of how many customers, with which churn line and model
    drop: ['created_at', 'bins', 'scheme', 'currency'],
    rows: rows.map((s) => ({
      label: s.label,
      as_of: formatDay(s.asOf),
      customers: s.customers,
      currency: s.currency,
      scheme: String(s.settings.scheme ?? ''),
      bins: typeof s.settings.bins === 'number' ? s.settings.bins : null,
      churn_threshold_days: typeof s.settings.churn_threshold_days === 'number' ? s.settings.churn_threshold_days : null,
      model: typeof s.settings.model_used === 'string' ? s.settings.model_used : null,
      created_at: s.createdAt,
    })),
  };
}
