/**
 * The ltv fit in words: how a model fit ended, the warnings and the notes the analytics return as codes with
 * their numbers (analytics/ltv.ts: LtvWarning, LtvNote), in the report's language.
 */
import type { LtvNote, LtvWarning } from '../analytics/ltv.js';
import { TRANSACTION_MODELS, type ModelFit } from '../analytics/models/fit-model.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR, unitDays } from '../domain/horizon.js';
import { say, type Lang } from './messages.js';
import { said, speak, type Said } from './said.js';

/** `gradient below tolerance`, `boundary: no dropout seen` … */
export function fitStopText(lang: Lang, fit: Pick<ModelFit, 'stop' | 'boundary'>): string {
  return speak(lang, fitStopSaid(fit));
}

/** The same, as a message to say later (a note's part). */
export function fitStopSaid(fit: Pick<ModelFit, 'stop' | 'boundary'>): Said {
  if (fit.stop === 'boundary') return said('fit.stop.boundary', { kind: fit.boundary ? said(`fit.boundary.${fit.boundary}`) : '' });
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

/** The unit of a span or a rate's period (`d`, `week`, `months`, `yr` …) as one of four, or null. */
function periodOf(unit: string | undefined): 'd' | 'w' | 'mo' | 'y' | null {
  const days = unit === undefined ? DAYS_PER_YEAR : unitDays(unit);
  return days === 1 ? 'd' : days === 7 ? 'w' : days === DAYS_PER_MONTH ? 'mo' : days === DAYS_PER_YEAR ? 'y' : null;
}

/** `--horizon 12mo` in the reader's words (`12mo`, `12 个月`); a text it cannot read stays as given. */
export function spanSaid(text: string): Said | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const period = m ? periodOf(m[2]) : null;
  return m && period ? said(`span.${period}`, { n: m[1] }) : text;
}

/** `--discount 10%/yr` (or `10%`: per year) in the reader's words (`10%/yr`, `每年 10%`); else as given. */
export function rateSaid(text: string): Said | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(text);
  const period = m ? periodOf(m[3]) : null;
  return m && period ? said(`rate.${period}`, { rate: `${m[1]}${m[2]}` }) : text;
}
