/**
 * The long report steps in a worker thread (src/cli/fit-thread.ts) give what they give inline, to the last bit:
 * every number compared with Object.is, every typed array element by element, and the fits' identities kept
 * (`chosen` is one of `fits`). Errors come back as the same typed errors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { speak } from '../src/report/said.js';
import { tempDir } from './cli-harness.js';
import { computeRfm } from '../src/analytics/rfm.js';
import { snapshotLtvOptions, takeSnapshot } from '../src/analytics/snapshot.js';
import { compareHoldout, computeLtvPredictions, fitLtv, holdoutByCustomer, holdoutRowInput, ltvFitInputs, rowPredictionInput, type LtvOptions } from '../src/analytics/ltv.js';
import { whatIfInput, whatIfModel } from '../src/analytics/what-if.js';
import { runStep, shopFitsInThread } from '../src/cli/fit-thread.js';
import { runFitTask } from '../src/cli/fit-tasks.js';
import type { CliContext } from '../src/cli/options.js';
import type { Io } from '../src/cli/io.js';
import { computeShopSections } from '../src/report/shop-sections.js';
import { DataError } from '../src/errors.js';
import { randomLog } from './random-log.js';
import { sameBits } from './same-bits.js';

const log = randomLog(7, 600, 700);
const base: LtvOptions = { asOf: 19700, unit: 'week', horizonDays: 365.25, discountPerDay: 0.1 / 365.25, margin: 0.3, spend: true, interval: 0.8 };

describe('a step in a worker thread', () => {
  it.each([
    ['bgnbd', undefined],
    ['auto', undefined],
    ['auto', 19500],
  ] as const)('fits %s (holdout %s) and predicts exactly as inline', async (model, calibrationEnd) => {
    const options: LtvOptions = { ...base, model, calibrationEnd };
    const { summary, input, holdout } = ltvFitInputs(log, options);
    let started = 0;
    const inThread = await runStep('models', { input, options, holdout }, { inline: false, onStart: () => started++ });
    expect(started).toBe(1);
    const here = runFitTask('models', { input, options, holdout });
    sameBits(inThread, here);
    expect(inThread.fits).toContain(inThread.chosen);
    const fit = { ...inThread, input, summary };
    const rows = await runStep('rows', { input: rowPredictionInput(fit), options }, { inline: false });
    sameBits(rows, runFitTask('rows', { input: rowPredictionInput(fit), options }));
    // and the per-customer predictions made from them are those made from scratch
    sameBits(computeLtvPredictions(log, fit, options, rows).rows, computeLtvPredictions(log, fit, options).rows);
  });

  it('snapshot: its fit and predictions from the thread give the snapshot made inline', async () => {
    const options = { asOf: 19700, model: 'bgnbd' as const, margin: 0.3 };
    const ltvOptions = snapshotLtvOptions(options, 'bgnbd');
    const { summary, input, holdout } = ltvFitInputs(log, ltvOptions);
    const fit = { ...(await runStep('models', { input, options: ltvOptions, holdout }, { inline: false })), input, summary };
    const rows = await runStep('rows', { input: rowPredictionInput(fit), options: ltvOptions }, { inline: false });
    sameBits(takeSnapshot(log, options, { fit, rows }), takeSnapshot(log, options));
  });

  it('clusters exactly as inline', async () => {
    const values = computeRfm(log, { asOf: 19700, frequency: 'orders', monetary: 'net' });
    for (const k of [3, 'auto'] as const) {
      const options = { k, seed: 42, minorDigits: 2 };
      sameBits(await runStep('clusters', { values, options }, { inline: false }), runFitTask('clusters', { values, options }));
    }
  });

  it('holdout: the per-row predictions and the comparisons made from them are those made inline', async () => {
    const options: LtvOptions = { ...base, model: 'auto', calibrationEnd: 19500 };
    const fit = fitLtv(log, options);
    const rows = await runStep('holdout', { input: holdoutRowInput(fit) }, { inline: false });
    sameBits(rows, runFitTask('holdout', { input: holdoutRowInput(fit) }));
    expect(rows.byFit).toHaveLength(3);
    sameBits(compareHoldout(fit, rows), compareHoldout(fit));
    sameBits(holdoutByCustomer(log, fit, rows), holdoutByCustomer(log, fit));
  });

  it.each(['bgnbd', 'pnbd', 'mbgnbd'] as const)('what-if (%s): its per-row series from the thread give the what-if made inline', async (model) => {
    const options: LtvOptions = { ...base, model, interval: undefined };
    const fitted = fitLtv(log, options);
    // the random shop has no dropout to speak of: parameters with dropout (CDNOW's, as published) instead
    const params = { bgnbd: [0.243, 4.414, 0.793, 2.426], pnbd: [0.553, 10.58, 0.606, 11.67], mbgnbd: [0.525, 6.183, 0.891, 1.614] }[model];
    const chosen = { ...fitted.chosen, params };
    const fit = { ...fitted, chosen, fits: [chosen] };
    const statuses: string[] = [];
    for (const lift of [0, -0.02, 0.02, 2]) {
      const rows = await runStep('whatIf', { input: whatIfInput(fit), options, lift }, { inline: false });
      sameBits(rows, runFitTask('whatIf', { input: whatIfInput(fit), options, lift }));
      const inline = whatIfModel(log, fit, options, lift);
      statuses.push(inline.status);
      sameBits(whatIfModel(log, fit, options, lift, rows), inline);
    }
    // a lift the model can reach and one it cannot (retention above 100%) both came through the thread
    expect(statuses[1]).toBe('ok');
    expect(statuses[3]).toBe('unreachable');
  });

  it('report: its long steps from the threads give the sections made inline', async () => {
    const shop = randomLog(5, 3000, 1500);
    const said: string[] = [];
    const ctx = { io: { stderr: { write: (t: string) => said.push(t) } } as unknown as Io, globals: () => ({ debug: true }) } as CliContext;
    const options = { asOf: 20600, scheme: 'default' as const, holdout: 20300 };
    const steps: string[] = [];
    const fits = await shopFitsInThread(ctx, shop, options, (s) => steps.push(s));
    expect(steps).toEqual(['clusters', 'ltv']);
    // every step of this size ran in a worker thread
    expect(said.map((l) => l.replace(/ on [^\n]*\n$/, ''))).toEqual(['k-means', 'model fit', 'predictions', 'model fit', 'holdout predictions'].map((w) => `orderlens: debug: ${w}`));
    expect(Object.keys(fits)).toEqual(['values', 'clusters', 'ltv', 'ltvRows', 'holdout', 'holdoutRows']);
    const sections = computeShopSections(shop, options, undefined, fits);
    expect(sections.ltv.status).toBe('ok');
    expect(sections.clusters.status).toBe('ok');
    sameBits(sections, computeShopSections(shop, options));
  });

  it('throws what the step throws, as the same typed error', async () => {
    const values = computeRfm(randomLog(1, 2), { asOf: 19700, frequency: 'orders', monetary: 'net' });
    const options = { k: 5, seed: 42 };
    const inline = (() => {
      try {
        runFitTask('clusters', { values, options });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(inline).toBeInstanceOf(DataError);
    await expect(runStep('clusters', { values, options }, { inline: false })).rejects.toThrow(inline!.message);
    await expect(runStep('clusters', { values, options }, { inline: false })).rejects.toBeInstanceOf(DataError);
  });

  it('a worker that does not begin: the step runs here, the same numbers, and onInline says why (it ran here in silence)', async () => {
    const values = computeRfm(log, { asOf: 19700, frequency: 'orders', monetary: 'net' });
    const options = { k: 3, seed: 42, minorDigits: 2 };
    const dir = tempDir('orderlens-fit-thread-');
    const broken = path.join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('no such build');\n");
    for (const script of [pathToFileURL(broken), pathToFileURL(path.join(dir, 'missing.mjs'))]) {
      const why: string[] = [];
      let started = 0;
      const got = await runStep('clusters', { values, options }, { inline: false, script, onStart: () => started++, onInline: (w) => why.push(w) });
      sameBits(got, runFitTask('clusters', { values, options }));
      expect(started).toBe(0);
      expect(why).toHaveLength(1);
      expect(why[0]).toMatch(/no such build|Cannot find module|ERR_MODULE_NOT_FOUND/);
    }
  });

  it('a worker that stops after it began: an error from the catalogue (en and zh), not a second run here', async () => {
    const values = computeRfm(log, { asOf: 19700, frequency: 'orders', monetary: 'net' });
    const dir = tempDir('orderlens-fit-thread-');
    const dies = path.join(dir, 'dies.mjs');
    writeFileSync(dies, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'started' });\nsetTimeout(() => process.exit(3), 20);\n");
    let inline = 0;
    const err = await runStep('clusters', { values, options: { k: 3, seed: 42 } }, { inline: false, script: pathToFileURL(dies), onInline: () => inline++ }).then(
      () => null,
      (e: unknown) => e as DataError,
    );
    expect(err).toBeInstanceOf(DataError);
    expect(inline).toBe(0);
    expect(err?.message).toBe('a long step of this report (clusters) stopped in its worker thread: exit code 3');
    expect(speak('zh', err!.said!)).toBe('本报告的一个耗时步骤（clusters）在工作线程中中止：exit code 3');
  });
});
