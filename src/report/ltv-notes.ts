/**
 * The notes of `orderlens ltv` (stderr): the fit in a few lines, why no prediction is made, the holdout
 * comparison, the shop's totals with their intervals. From analytics/ltv.ts's results; said in the reader's
 * language by the CLI.
 */
import { formatDay } from '../domain/day.js';
import { displayMoney } from '../domain/money.js';
import { refusedBeforeFitting, type HoldoutComparison, type LtvFit, type LtvModelFit, type LtvRefusal, type SumInterval } from '../analytics/ltv.js';
import type { ModelFit } from '../analytics/models/fit-model.js';
import { convergence } from './ltv.js';
import { fitStopSaid, ltvNoteText, ltvWarningText } from './ltv-words.js';
import { say, type Lang } from './messages.js';
import { said, type Said } from './said.js';

function fmt(v: number | null, digits = 4): string {
  if (v === null || !Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1e6) return v.toExponential(digits - 1);
  return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(digits);
}

/** One fitted model in a line: its estimates with standard errors, LL, AIC, customers and how it ended. */
export function fitLine(f: ModelFit, lang: Lang): Said {
  // a fit that did not converge stopped somewhere that means nothing: its numbers are not printed
  if (!f.converged) return said('ltv.fitLineFailed', { model: f.label, status: said('ltv.fitNotConverged', { stop: fitStopSaid(f) }), n: f.customers });
  // at a limit the parameters that ran off are stand-ins (→ ∞ or → 0) and one the limit does not depend on has
  // no value either: neither is printed; the combination the data fix is given
  // the standard error in the reader's brackets; the list said with the reader's separator (`, ` / `、`)
  const withSe = (name: string, value: number | null, se: number | null) => (lang === 'zh' ? `${name} ${fmt(value)}（se ${fmt(se, 3)}）` : `${name} ${fmt(value)} (se ${fmt(se, 3)})`);
  const shown = f.paramNames.map((n, i) => {
    const to = f.toward[i];
    if (to === null) return withSe(n, f.params[i], f.se[i]);
    return to === 'free' ? say(lang, 'ltv.paramFree', { name: n }) : `${n} → ${to === 'infinity' ? '∞' : '0'}`;
  });
  for (const c of f.combined ?? []) shown.push(withSe(c.name, c.value, c.se));
  const params = shown;
  // the English keeps the params table's word for a boundary fit
  const status = f.boundary ? said('ltv.fitConvergedAt', { how: lang === 'en' ? convergence(f) : fitStopSaid(f) }) : said('ltv.fitConverged');
  return said('ltv.fitLine', { model: f.label, params, ll: f.logLikelihood.toFixed(2), aic: f.aic.toFixed(2), n: f.customers, status });
}

/** The last day of the fit's history: its calibration end, or each shop's own (shops measured from their own last days). */
function endDay(fit: LtvModelFit): string | Said {
  return fit.input.ownEnds ? said('asOf.eachShop') : formatDay(fit.input.calibrationEnd);
}

/** Why `ltv` makes no prediction, and what to try (the DataError message). */
export function refusalText(fit: LtvModelFit): Said {
  const r = fit.refusal as LtvRefusal;
  const end = endDay(fit);
  if (r.code === 'flat_likelihood') return said('ltv.flat', { n: r.customers, day: end });
  if (r.code === 'one_repeat_each') return said('ltv.oneRepeat', { n: r.customers, day: end, repeat: r.repeatCustomers, gap: r.medianGapDays });
  if (r.code === 'no_repeat') return said('ltv.noRepeat', { n: r.customers, day: end });
  const tried = triedSaid(fit.fits);
  // one model asked for and too few repeat buyers for another to stand in (fitModels' fallback): say so, and
  // that the others can be asked for; the reason is still how the fit ended, not the count
  if (fit.fits.length === 1 && r.repeatCustomers < r.need) return said('ltv.noFallback', { tried, n: r.customers, repeat: r.repeatCustomers, need: r.need });
  return said('ltv.noConvergence', { tried, n: r.customers, repeat: r.repeatCustomers });
}

/** The models that did not converge, each with how its fit ended (`Pareto/NBD did not converge (line search failed)`). */
export function triedSaid(fits: readonly Pick<ModelFit, 'label' | 'stop' | 'boundary'>[]): Said {
  if (fits.length === 1) return said('ltv.triedOne', { model: fits[0].label, stop: fitStopSaid(fits[0]) });
  // all three (auto, or the one asked for and the two fitted in its place)
  if (fits.length === 3) {
    const [a, b, c] = fits;
    return said('ltv.triedThree', { m1: a.label, s1: fitStopSaid(a), m2: b.label, s2: fitStopSaid(b), m3: c.label, s3: fitStopSaid(c) });
  }
  return said('ltv.triedAll', { list: fits.map((f) => f.label) });
}

/**
 * What the history says when no prediction is made (the refusal's companion, said before it): net revenue up to
 * the calibration end, per customer, and how many came back. `revenue`: each customer's net (minor units).
 */
export function historyNote(fit: LtvModelFit, revenue: ArrayLike<number>, currency: string): Said {
  let total = 0;
  for (let i = 0; i < revenue.length; i++) total += revenue[i];
  const n = fit.input.customers;
  const share = `${((fit.repeatCustomers / n) * 100).toFixed(1)}%`;
  return said('ltv.history', { day: endDay(fit), revenue: displayMoney(total, currency), n, perCustomer: displayMoney(Math.round(total / n), currency), repeat: fit.repeatCustomers, share });
}

/** The fit, in a few lines (the parameter table goes to stdout with --params), then its warnings. */
export function fitNotes(fit: LtvModelFit, currency: string, lang: Lang): (Said | string)[] {
  const s = fit.input;
  // a refusal made before fitting has no fit to show: the refusal says it all
  if (fit.refusal && refusedBeforeFitting(fit.refusal)) return [];
  const notes: (Said | string)[] = [said('ltv.fitted', { n: s.customers, repeat: fit.repeatCustomers, day: endDay(fit), unit: said(`ltv.unit.${s.unit}`) })];
  for (const f of fit.fits) notes.push(fitLine(f, lang));
  if (!fit.refusal) {
    if (fit.fallbackFrom) {
      notes.push(said('ltv.fallback', { from: fit.fallbackFrom.label, stop: fitStopSaid(fit.fallbackFrom), to: fit.chosen.label }));
    } else if (fit.fits.length > 1) {
      const among = fit.fits.some((f) => !f.converged);
      const key = fit.chosenBy === 'holdout_mae' ? (among ? 'ltv.pickedMaeConverged' : 'ltv.pickedMae') : among ? 'ltv.pickedAicConverged' : 'ltv.pickedAic';
      notes.push(said(key, { model: fit.chosen.label }));
    }
    if (fit.spendFit) notes.push(said('ltv.spendFit', { line: fitLine(fit.spendFit, lang), currency }));
    for (const n of fit.notes) notes.push(ltvNoteText(lang, n));
  }
  for (const w of fit.warnings) notes.push(said('ltv.warning', { text: ltvWarningText(lang, w) }));
  return notes;
}

/** `--holdout`: the period, then each model's AIC, holdout MAE and predicted against actual purchases. */
export function holdoutNotes(cmp: HoldoutComparison, fit: LtvFit): Said[] {
  const notes: Said[] = [said('ltv.holdoutPeriod', { from: formatDay(fit.summary.calibrationEnd + 1), to: formatDay(fit.summary.end), days: cmp.days, duration: cmp.duration.toFixed(2), units: said(`ltv.units.${fit.summary.unit}`) })];
  for (const m of cmp.byModel) {
    const f = fit.fits.find((x) => x.model === m.model);
    if (!m.converged && f) {
      // where an optimiser stopped without converging means nothing: no AIC, MAE or prediction to compare
      notes.push(said('ltv.holdoutModelFailed', { model: m.label, stop: fitStopSaid(f) }));
      continue;
    }
    const err = m.actual > 0 ? ((m.predicted - m.actual) / m.actual) * 100 : NaN;
    const rest = m.model === fit.chosen.model ? said('ltv.holdoutPicked') : '';
    notes.push(said('ltv.holdoutModel', { model: m.label, aic: m.aic.toFixed(2), mae: m.mae.toFixed(4), predicted: m.predicted.toFixed(1), actual: m.actual, err: Number.isFinite(err) ? `${err >= 0 ? '+' : ''}${err.toFixed(1)}%` : '–', rest }));
  }
  return notes;
}

const percent = (level: number): string => `${Number((level * 100).toFixed(2))}%`;

/** The shop's expected purchases and CLV with their intervals (at the level asked and at 95%). */
export function totalsNotes(total: ((level: number) => SumInterval) | null, level: number | undefined, currency: string): Said[] {
  if (level === undefined) return [];
  if (!total) return [said('ltv.noIntervals')];
  const levels = level === 0.95 ? [level] : [level, 0.95];
  const sums = levels.map((l) => total(l));
  // a total that leaves customers out is not the shop's: none is printed, and why
  if (sums[0].purchases === null) return [said('ltv.totalsMissing', { missing: sums[0].missingPurchases, n: sums[0].customers })];
  const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const range = (lo: number | null, hi: number | null, f: (v: number) => string) => (lo === null || hi === null ? '–' : `${f(lo)}–${f(hi)}`);
  const s0 = sums[0];
  // lists as lists: said with the reader's separator (`, ` in English, `、` in Chinese)
  const purchases = sums.map((s, i) => `${percent(levels[i])} ${range(s.purchasesLow, s.purchasesHigh, num)}`);
  const notes: Said[] = [];
  if (s0.clv !== null) {
    const money = (v: number) => displayMoney(v, currency);
    notes.push(said('ltv.totalsClv', { purchases: num(s0.purchases ?? NaN), ranges: purchases, clv: money(s0.clv), clvRanges: sums.map((s, i) => `${percent(levels[i])} ${range(s.clvLow, s.clvHigh, money)}`) }));
  } else notes.push(said('ltv.totals', { purchases: num(s0.purchases ?? NaN), ranges: purchases }));
  // without amounts there are no clv columns: name only the columns printed
  notes.push(said(s0.clv !== null ? 'ltv.intervalsMeaning' : 'ltv.intervalsMeaningPurchases', { level: percent(level) }));
  return notes;
}
