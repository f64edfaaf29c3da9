/**
 * A snapshot: every customer's RFM values, scores and segment, churn status and (when a model fits)
 * P(alive) and CLV as of one day, computed by the same analytics as `rfm`, `churn` and `ltv`: a snapshot's
 * segment is the segment `rfm --as-of` gives that day, its churn status the status of `churn --as-of`, its
 * P(alive) and CLV those of `ltv --as-of`. Pure: ids, days, minor units and codes.
 */
import { dayFromCivil, monthIndex, type EpochDay } from '../domain/day.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { computeRfm, type FrequencyBasis, type MonetaryBasis } from './rfm.js';
import { CN8_SEGMENTS, DEFAULT_SEGMENT_MAP, segmentRfm, type Cn8Split, type SegmentDef, type SegmentScheme } from './rfm-segments.js';
import { flagChurn, gapThreshold, type ChurnStatus } from './churn.js';
import { computeLtvPredictions, fitLtv, MIN_REPEAT_CUSTOMERS, modelUse, type LtvFit, type LtvOptions, type ModelChoice, type RowPredictions } from './ltv.js';
import type { ModelFit } from './models/fit-model.js';

export interface SnapshotOptions {
  /** Exclusive: purchases on days before it count. */
  asOf: EpochDay;
  bins?: number;
  scheme?: SegmentScheme;
  split?: Cn8Split;
  frequency?: FrequencyBasis;
  monetary?: MonetaryBasis;
  /** Churn rule: multiplier of a customer's median gap, and the global threshold (null: the 90th percentile of gaps). */
  churnK?: number;
  churnDays?: number | null;
  /** Repeat-purchase model for P(alive) and CLV; null for none. */
  model?: ModelChoice | null;
  horizonDays?: number;
  discountPerDay?: number;
  margin?: number;
}

export interface SnapshotCustomer {
  /** Index into the log's customers. */
  index: number;
  recencyDays: number;
  frequency: number;
  /** Minor units. */
  monetary: number;
  orders: number;
  firstDay: EpochDay;
  lastDay: EpochDay;
  r: number;
  f: number;
  m: number;
  /** The segment's id (its English name). */
  segment: string;
  churnStatus: ChurnStatus | null;
  pAlive: number | null;
  /** Minor units. */
  clv: number | null;
}

/**
 * Why a part of the snapshot is empty, with ltv's reasons (LtvRefusal, modelUse): `model_no_repeat` — no customer
 * bought on two different days (ltv's `no_repeat` and `flat_likelihood`); `model_one_repeat` — nobody came back a
 * second time; `model_not_converged` — models were fitted and none converged (Snapshot.unconverged says how each
 * ended), whatever the number of repeat customers; `model_few_repeat` — kept, but uncertain.
 */
export type SnapshotGap = 'churn_no_gaps' | 'model_no_repeat' | 'model_one_repeat' | 'model_not_converged' | 'model_no_spend' | 'model_few_repeat';

export interface Snapshot {
  asOf: EpochDay;
  /** In the log's customer order. */
  customers: SnapshotCustomer[];
  /** Segment ids in the scheme's order. */
  segments: string[];
  /** The churn rule's global threshold in days (null when it could not be derived). */
  churnThreshold: number | null;
  /** The model whose P(alive) is stored (`bgnbd` …), null when none. */
  model: string | null;
  /** Repeat customers of the model's fit (null without one): `model_few_repeat` says how many. */
  repeatCustomers: number | null;
  gaps: SnapshotGap[];
  /** With `model_not_converged`: the fits that did not converge, with how each ended (empty otherwise). */
  unconverged: Pick<ModelFit, 'label' | 'stop' | 'boundary'>[];
}

/**
 * Fewer repeat customers than this and a snapshot's P(alive) and CLV are kept with ltv's warning that they are
 * uncertain (modelUse: the rule ltv and the HTML report follow too).
 */
export const SNAPSHOT_MIN_REPEAT = MIN_REPEAT_CUSTOMERS;

/** The options of a snapshot's model fit and predictions (fitLtv, predictCustomers). */
export function snapshotLtvOptions(options: SnapshotOptions, model: ModelChoice): LtvOptions {
  return { asOf: options.asOf, model, unit: 'week', horizonDays: options.horizonDays, discountPerDay: options.discountPerDay, margin: options.margin };
}

/**
 * `fitted`: the model's fit and row predictions made elsewhere (in a worker thread) from the same log and
 * snapshotLtvOptions; made here when not given.
 */
export function takeSnapshot(log: PurchaseLog, options: SnapshotOptions, fitted?: { fit: LtvFit; rows: RowPredictions }): Snapshot {
  const { asOf } = options;
  const values = computeRfm(log, { asOf, frequency: options.frequency, monetary: options.monetary });
  const seg = segmentRfm(values, { bins: options.bins, scheme: options.scheme, split: options.split });
  const n = values.customer.length;
  const gaps: SnapshotGap[] = [];

  const status = new Map<number, ChurnStatus>();
  let churnThreshold: number | null = null;
  const days = options.churnDays ?? null;
  if (n > 0 && (days !== null || gapThreshold(log, asOf).days !== null)) {
    const churn = flagChurn(log, { asOf, k: options.churnK, days, detail: false });
    churnThreshold = churn.threshold;
    for (const r of churn.rows) status.set(r.index, r.status);
  } else gaps.push('churn_no_gaps');

  const pAlive = new Map<number, number>();
  const clv = new Map<number, number>();
  let model: string | null = null;
  let repeatCustomers: number | null = null;
  let unconverged: Pick<ModelFit, 'label' | 'stop' | 'boundary'>[] = [];
  if (options.model && n > 0) {
    const ltvOptions = snapshotLtvOptions(options, options.model);
    const fit = fitted?.fit ?? fitLtv(log, ltvOptions);
    repeatCustomers = fit.repeatCustomers;
    // what ltv gives, the snapshot keeps (modelUse); what it refuses, it leaves empty with its reason
    const use = modelUse(fit);
    const refusal = fit.refusal?.code;
    if (refusal === 'one_repeat_each') gaps.push('model_one_repeat');
    else if (refusal === 'no_repeat' || refusal === 'flat_likelihood') gaps.push('model_no_repeat');
    else if (use === 'refused' || use === 'not_converged') {
      // fitted and not converged (few repeat customers or many): that is the reason, said with how each fit ended
      gaps.push('model_not_converged');
      const failed = fit.fits.filter((f) => !f.converged);
      unconverged = (failed.length > 0 ? failed : [fit.chosen]).map((f) => ({ label: f.label, stop: f.stop, boundary: f.boundary }));
    }
    else {
      if (use === 'uncertain') gaps.push('model_few_repeat');
      model = fit.chosen.model;
      const usableSpend = fit.spendFit !== null && fit.spendFit.converged;
      if (!usableSpend) gaps.push('model_no_spend');
      for (const row of computeLtvPredictions(log, fit, ltvOptions, fitted?.rows).rows) {
        if (Number.isFinite(row.p_alive)) pAlive.set(row.index, row.p_alive);
        if (usableSpend && row.clv !== null && Number.isFinite(row.clv)) clv.set(row.index, row.clv);
      }
    }
  }

  const customers: SnapshotCustomer[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = values.customer[i];
    customers[i] = {
      index: c,
      recencyDays: values.recencyDays[i],
      frequency: values.frequency[i],
      monetary: values.monetary[i],
      orders: values.orders[i],
      firstDay: values.firstDay[i],
      lastDay: values.lastDay[i],
      r: seg.scores.r.scores[i],
      f: seg.scores.f.scores[i],
      m: seg.scores.m.scores[i],
      segment: seg.segments[seg.segmentOfRow[i]].name,
      churnStatus: status.get(c) ?? null,
      pAlive: pAlive.get(c) ?? null,
      clv: clv.get(c) ?? null,
    };
  }
  return { asOf, customers, segments: seg.segments.map((s) => s.name), churnThreshold, model, repeatCustomers, gaps, unconverged };
}

/**
 * The as-of days of month-end snapshots from `since` to `until` (inclusive local days): for every month end E
 * with since ≤ E ≤ until, the day after E (the first of the next month), because as-of is exclusive.
 */
export function monthEndAsOfDays(since: EpochDay, until: EpochDay): EpochDay[] {
  const out: EpochDay[] = [];
  const start = (month: number) => dayFromCivil(1970 + Math.floor(month / 12), (month % 12) + 1, 1);
  for (let month = monthIndex(since) + 1; start(month) - 1 <= until; month++) out.push(start(month));
  return out;
}

/** The segments of a scheme, in the scheme's order (snapshots store the segment's English name as its id). */
export function schemeSegments(scheme: SegmentScheme): readonly SegmentDef[] {
  return scheme === 'cn8' ? CN8_SEGMENTS : DEFAULT_SEGMENT_MAP.segments;
}
