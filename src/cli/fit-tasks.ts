/**
 * The long pure steps of the reports — the model fits of `ltv`, `churn --model` and `report`, the per-row
 * predictions with their interval gradients, the holdout comparison's and the what-if's per-row series,
 * k-means — by name, with plain-data arguments and results, so that they can
 * run in a worker thread (fit-thread.ts, fit-worker.ts) and the same code runs inline for small inputs.
 */
import { clusterCustomers, type KmeansOptions } from '../analytics/kmeans.js';
import {
  fitModels, holdoutRowsOf, predictRowsOf, type HoldoutRowInput, type LtvFitInput, type LtvModelFit, type LtvOptions, type RowPredictionInput,
} from '../analytics/ltv.js';
import { whatIfRowsOf, type WhatIfInput } from '../analytics/what-if.js';
import type { BtydSummary } from '../analytics/ltv-summary.js';
import type { RfmValues } from '../analytics/rfm.js';
import { scoreValues, type Scoring } from '../analytics/rfm.js';
import { assignSegments } from '../analytics/rfm-segments.js';
import { referencelessLog, type LogColumns } from '../domain/purchase-log.js';

export const FIT_TASKS = {
  /** One RFM variable's scores, beside the other two (beside-thread.ts). */
  score: (a: { values: Int32Array | Float64Array; bins: number; scoring: Scoring; reverse: boolean }) => scoreValues(a.values, a.bins, a.scoring, a.reverse),
  /** Every customer's default RFM segment (assignSegments): its index per customer and the segments' names (beside-thread.ts). */
  segments: (a: { log: LogColumns; asOf: number }) => {
    const seg = assignSegments(referencelessLog(a.log), { asOf: a.asOf });
    return { segmentOfCustomer: seg.segmentOfCustomer, names: seg.segments.map((s) => s.name) };
  },
  /** fitModels without its input (the caller has it): the fits, the choice, warnings and notes. */
  models: (a: { input: LtvFitInput; options: LtvOptions; holdout: BtydSummary | null }): Omit<LtvModelFit, 'input'> => {
    const { input: _input, ...fit } = fitModels(a.input, a.options, a.holdout);
    return fit;
  },
  rows: (a: { input: RowPredictionInput; options: LtvOptions }) => predictRowsOf(a.input, a.options),
  clusters: (a: { values: RfmValues; options: KmeansOptions }) => clusterCustomers(a.values, a.options),
  holdout: (a: { input: HoldoutRowInput }) => holdoutRowsOf(a.input),
  whatIf: (a: { input: WhatIfInput; options: LtvOptions; lift: number }) => whatIfRowsOf(a.input, a.options, a.lift),
};

export type FitTaskName = keyof typeof FIT_TASKS;
export type FitArgs<N extends FitTaskName> = Parameters<(typeof FIT_TASKS)[N]>[0];
export type FitOutput<N extends FitTaskName> = ReturnType<(typeof FIT_TASKS)[N]>;

/** Runs a task here, in this thread. */
export function runFitTask<N extends FitTaskName>(name: N, args: FitArgs<N>): FitOutput<N> {
  return (FIT_TASKS[name] as (a: FitArgs<N>) => FitOutput<N>)(args);
}

/** The buffers of the typed arrays in a result (to transfer them to the other thread instead of copying). */
export function buffersOf(value: unknown, out = new Set<ArrayBuffer>(), depth = 0): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && depth < 4) {
    for (const v of Object.values(value)) buffersOf(v, out, depth + 1);
  }
  return [...out];
}
