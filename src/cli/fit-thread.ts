/**
 * The long pure steps of a report (fit-tasks.ts) run in a worker thread, so that this thread's event loop
 * stays free while they run: Ctrl-C and SIGTERM are answered at once (interrupt.ts: one line, exit 130 / 143;
 * the exit ends the worker with the process), not after the step. One process: `kill -9` ends everything.
 *
 * Small inputs run inline (a worker costs its start, some tens of milliseconds, and their steps take less than
 * about half a second); the results are the same either way, to the last bit: the same code on the same
 * numbers. A worker that cannot be started or does not begin the step (no built worker script, a script that
 * fails to load) leaves the step to this thread. That is said only with --debug: the numbers are the same (see
 * above), and all that changes is that a signal during the step is answered when the step ends, so a note on
 * every run of a cron job would say nothing it could act on. A worker that stops after it began the step is
 * an error (exit 1): the step is not run twice.
 */
import { Worker } from 'node:worker_threads';
import { DataError, UsageError } from '../errors.js';
import { runFitTask, type FitArgs, type FitOutput, type FitTaskName } from './fit-tasks.js';
import { said, type Said } from '../report/said.js';
import type { CustomerData, CustomerList } from '../domain/aggregates.js';
import type { KmeansOptions, ValueClusters } from '../analytics/kmeans.js';
import {
  computeLtvPredictions, holdoutRowInput, ltvFitInputs, rowPredictionInput, type HoldoutRows, type LtvFit, type LtvFitInput, type LtvModelFit, type LtvOptions, type LtvPredictions, type RowPredictions,
} from '../analytics/ltv.js';
import { whatIfInput, type WhatIfRows } from '../analytics/what-if.js';
import { computeRfm } from '../analytics/rfm.js';
import type { PurchaseLog } from '../domain/purchase-log.js';
import { CLUSTER_K, holdoutComparable, ltvPredicts, shopClusterOptions, shopLtvOptions, type ShopFits, type ShopSectionsOptions } from '../report/shop-sections.js';
import type { BtydSummary } from '../analytics/ltv-summary.js';
import type { RfmValues } from '../analytics/rfm.js';
import type { CliContext } from './options.js';

/**
 * How a step runs: `inline` here (small inputs), else in a worker; `onStart` once the worker has begun it;
 * `onInline` when no worker began it and it runs here instead (`why`: how the worker failed). `script`: the
 * worker's script (the built fit-worker.js unless given).
 */
export interface StepOptions {
  inline: boolean;
  onStart?: () => void;
  onInline?: (why: string) => void;
  script?: URL;
}

interface Posted {
  type: 'started' | 'done' | 'error';
  result?: unknown;
  error?: { name: string; message: string; said?: Said };
}

/**
 * The worker's script: next to this module once built; from the sources (tests run them), the build's copy,
 * which the tests' globalSetup (test/build-dist.ts) builds from the current sources before any test runs.
 */
function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/cli/fit-worker.js', here) : new URL('./fit-worker.js', here);
}

function rebuild(e: NonNullable<Posted['error']>): Error {
  if (e.name === 'UsageError') return new UsageError(e.said ?? e.message);
  if (e.name === 'DataError') return new DataError(e.said ?? e.message);
  if (e.name === 'RangeError') return new RangeError(e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** Runs the step `name` on `args` (copied to the worker; the result's typed arrays come back transferred). */
export function runStep<N extends FitTaskName>(name: N, args: FitArgs<N>, opts: StepOptions): Promise<FitOutput<N>> {
  if (opts.inline) return Promise.resolve().then(() => runFitTask(name, args));
  let worker: Worker;
  try {
    worker = new Worker(opts.script ?? workerScript(), { workerData: { name, args } });
  } catch (e) {
    return Promise.resolve().then(() => {
      opts.onInline?.((e as Error).message);
      return runFitTask(name, args);
    });
  }
  return new Promise<FitOutput<N>>((resolve, reject) => {
    let started = false;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      f();
    };
    worker.on('message', (m: Posted) => {
      if (m.type === 'started') {
        started = true;
        opts.onStart?.();
      } else if (m.type === 'done') settle(() => resolve(m.result as FitOutput<N>));
      else if (m.type === 'error' && m.error) settle(() => reject(rebuild(m.error as NonNullable<Posted['error']>)));
    });
    // a worker that could not load its script did not begin: the step runs here instead
    const failed = (why: string) => settle(() => {
      if (!started) {
        try {
          opts.onInline?.(why);
          resolve(runFitTask(name, args));
        } catch (e) {
          reject(e);
        }
      } else reject(new DataError(said('fit.workerStopped', { step: name, why })));
    });
    worker.on('error', (e) => failed(e.message));
    worker.on('exit', (code) => failed(`exit code ${code}`));
  });
}

/** Below these sizes a step runs inline (each takes well under half a second there; see the module comment). */
export const INLINE_ROWS = 1000;
export const INLINE_CUSTOMERS = 2000;

/** --debug: a line on stderr when a step begins in its worker thread (tests wait for it before a signal). */
function stepOptions(ctx: CliContext, inline: boolean, what: string): StepOptions {
  const debug = ctx.globals().debug === true;
  if (!debug) return { inline };
  return {
    inline,
    onStart: () => ctx.io.stderr.write(`orderlens: debug: ${what} in a worker thread\n`),
    onInline: (why) => ctx.io.stderr.write(`orderlens: debug: ${what} in this thread: its worker thread did not begin (${why})\n`),
  };
}

const rowsText = (n: number) => `${n.toLocaleString('en-US')} distinct (x, t_x, T) rows`;

/** fitModels (ltv's and churn's model fits) in a worker thread. */
export async function fitModelsInThread(ctx: CliContext, input: LtvFitInput, options: LtvOptions, holdout: BtydSummary | null): Promise<LtvModelFit> {
  const rows = input.data.x.length;
  const fit = await runStep('models', { input, options, holdout }, stepOptions(ctx, rows < INLINE_ROWS, `model fit on ${rowsText(rows)}`));
  return { ...fit, input };
}

/** fitLtv with its fits in a worker thread. */
export async function fitLtvInThread(ctx: CliContext, log: CustomerData, options: LtvOptions): Promise<LtvFit> {
  const { summary, input, holdout } = ltvFitInputs(log, options);
  return { ...(await fitModelsInThread(ctx, input, options, holdout)), summary };
}

/** fitLtv and its row predictions, both in a worker thread (snapshot). */
export async function fitLtvWithRowsInThread(ctx: CliContext, log: CustomerData, options: LtvOptions): Promise<{ fit: LtvFit; rows: RowPredictions }> {
  const fit = await fitLtvInThread(ctx, log, options);
  return { fit, rows: await rowPredictionsInThread(ctx, fit, options) };
}

/** The row predictions of a fit (with their interval gradients) in a worker thread. */
export function rowPredictionsInThread(ctx: CliContext, fit: LtvModelFit, options: LtvOptions): Promise<RowPredictions> {
  const rows = fit.input.data.x.length;
  return runStep('rows', { input: rowPredictionInput(fit), options }, stepOptions(ctx, rows < INLINE_ROWS, `predictions on ${rowsText(rows)}`));
}

/** computeLtvPredictions with its long part (the row predictions) in a worker thread. */
export async function ltvPredictionsInThread(ctx: CliContext, log: CustomerList, fit: LtvFit, options: LtvOptions): Promise<LtvPredictions> {
  return computeLtvPredictions(log, fit, options, await rowPredictionsInThread(ctx, fit, options));
}

/** clusterCustomers (k-means) in a worker thread. */
export function clustersInThread(ctx: CliContext, values: RfmValues, options: KmeansOptions): Promise<ValueClusters> {
  const n = values.customer.length;
  return runStep('clusters', { values, options }, stepOptions(ctx, n < INLINE_CUSTOMERS, `k-means on ${n.toLocaleString('en-US')} customers`));
}

/** A holdout fit's predictions per distinct row (compareHoldout's and holdoutByCustomer's long part) in a worker thread. */
export function holdoutRowsInThread(ctx: CliContext, fit: LtvFit): Promise<HoldoutRows> {
  const rows = fit.input.data.x.length;
  return runStep('holdout', { input: holdoutRowInput(fit) }, stepOptions(ctx, rows < INLINE_ROWS, `holdout predictions on ${rowsText(rows)}`));
}

/** The what-if's per-row series and the fit's row predictions (whatIfModel's long part) in a worker thread. */
export function whatIfRowsInThread(ctx: CliContext, fit: LtvModelFit, options: LtvOptions, lift: number): Promise<WhatIfRows> {
  const rows = fit.input.data.x.length;
  return runStep('whatIf', { input: whatIfInput(fit), options, lift }, stepOptions(ctx, rows < INLINE_ROWS, `what-if on ${rowsText(rows)}`));
}

/**
 * The long steps of `orderlens report` (ShopFits: k-means, the model fit and its predictions, the holdout fit
 * and its comparison), each in a worker thread, made as computeShopSections would make them. `onStep`: before
 * each step, the section it belongs to (for the progress line).
 */
export async function shopFitsInThread(ctx: CliContext, log: PurchaseLog, options: ShopSectionsOptions, onStep: (section: 'clusters' | 'ltv') => void = () => {}): Promise<ShopFits> {
  const values = computeRfm(log, { asOf: options.asOf });
  const fits: ShopFits = { values };
  if (values.customer.length >= CLUSTER_K) {
    onStep('clusters');
    fits.clusters = await clustersInThread(ctx, values, shopClusterOptions(log.minorDigits, options));
  }
  if (values.customer.length === 0) return fits;
  onStep('ltv');
  const ltvOptions = shopLtvOptions(options);
  const fit = (fits.ltv = await fitLtvInThread(ctx, log, ltvOptions));
  if (!ltvPredicts(fit)) return fits;
  fits.ltvRows = await rowPredictionsInThread(ctx, fit, ltvOptions);
  if (options.holdout === undefined) return fits;
  const holdout = (fits.holdout = await fitLtvInThread(ctx, log, { ...ltvOptions, calibrationEnd: options.holdout }));
  if (holdoutComparable(holdout)) fits.holdoutRows = await holdoutRowsInThread(ctx, holdout);
  return fits;
}
