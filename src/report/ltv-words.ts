/**
 * The ltv fit in words: how a model fit ended, the warnings and the notes the analytics return as codes with
 * their numbers (analytics/ltv.ts: LtvWarning, LtvNote), in the report's language.
 */
import type { LtvNote, LtvWarning } from '../analytics/ltv.js';
import { TRANSACTION_MODELS, type ModelFit } from '../analytics/models/fit-model.js';
import { say, type Lang } from './messages.js';
import { said, type Said } from './said.js';

/** `gradient below tolerance`, `boundary: no_dropout` … */
export function fitStopText(lang: Lang, fit: Pick<ModelFit, 'stop' | 'boundary'>): string {
  if (fit.stop === 'boundary') return say(lang, 'fit.stop.boundary', { kind: fit.boundary ?? '' });
  return say(lang, `fit.stop.${fit.stop}`);
}

/** The same, as a message to say later (a note's part). */
export function fitStopSaid(fit: Pick<ModelFit, 'stop' | 'boundary'>): Said {
  if (fit.stop === 'boundary') return said('fit.stop.boundary', { kind: fit.boundary ?? '' });
  return said(`fit.stop.${fit.stop}`);
}

export function ltvWarningText(lang: Lang, w: LtvWarning): string {
  switch (w.code) {
    case 'no_customers':
      return say(lang, 'ltv.warning.no_customers');
    case 'model_not_converged':
      return say(lang, 'ltv.warning.model_not_converged', { model: TRANSACTION_MODELS[w.model].label, stop: fitStopText(lang, { stop: w.stop, boundary: null }) });
    case 'spend_too_few':
      return say(lang, w.spenders === 0 ? 'ltv.warning.spend_none' : 'ltv.warning.spend_one');
    case 'spend_not_converged':
      return say(lang, 'ltv.warning.spend_not_converged', { stop: fitStopText(lang, { stop: w.stop, boundary: null }) });
    case 'spend_infinite_mean':
      return say(lang, 'ltv.warning.spend_infinite_mean', { q: w.q.toFixed(3) });
    case 'spend_correlated':
      return say(lang, 'ltv.warning.spend_correlated', { r: w.r.toFixed(2) });
    case 'few_repeat_customers':
      return say(lang, 'ltv.warning.few_repeat_customers', { repeatCustomers: w.repeatCustomers, need: w.need });
    case 'short_history':
      return say(lang, 'ltv.warning.short_history', { days: w.days, need: w.need });
  }
}

export function ltvNoteText(lang: Lang, n: LtvNote): string {
  switch (n.code) {
    case 'bgnbd_one_time_alive':
      return say(lang, 'ltv.note.bgnbd_one_time_alive');
    case 'spend_excluded':
      return say(lang, 'ltv.note.spend_excluded', { customers: n.customers });
    case 'first_after_calibration':
      return say(lang, 'ltv.note.first_after_calibration', { customers: n.customers, end: n.calibrationEnd });
  }
}
