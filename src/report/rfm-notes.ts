/**
 * The notes `orderlens rfm` prints on stderr about how its customers were scored and segmented: scores that ties
 * left empty, purchases without amounts, the cn8 splits, a map written for another number of bins. Pure: the
 * segmentation in, the notes (catalogue messages) out; the CLI says them.
 */
import type { CustomerList } from '../domain/aggregates.js';
import { displayMoney } from '../domain/money.js';
import type { VariableScores } from '../analytics/rfm.js';
import type { SegmentMap, Segmentation } from '../analytics/rfm-segments.js';
import { VARIABLES } from './rfm.js';
import { said, type Said } from './said.js';
import { shopsOf } from './shop-count.js';

/**
 * The notes on a segmentation. `scoresShown`: the scores are printed (or segment the customers), so scores that
 * ties left empty are worth a note; cn8 classes do not use the scores.
 */
export function segmentationNotes(seg: Segmentation, log: CustomerList, map: SegmentMap | undefined, scoresShown: boolean): Said[] {
  const notes: Said[] = [];
  const k = seg.scores.bins;
  const noAmounts = seg.values.noAmounts === true;
  for (const v of scoresShown ? VARIABLES : []) {
    const s = seg.scores[v.key];
    if (!s.collapsed) continue;
    if (v.key === 'm' && noAmounts) {
      notes.push(said(map ? 'rfm.noAmountsScoreMap' : 'rfm.noAmountsScore'));
      continue;
    }
    const used = s.usage.filter((u) => u.customers > 0);
    // lists as lists: said with the reader's separator (`, ` in English, `、` in Chinese)
    const ranges = used.map((u) => `${u.score}: ${rangeText(s, v.key, log, u.score)}`);
    notes.push(said('rfm.ties', { name: v.name, n: s.emptyScores.length, scores: s.emptyScores.map(String), bins: String(k), used: String(used.length), ranges }));
  }
  if (seg.thresholds) {
    const t = seg.thresholds;
    const split = said(t.split === 'mean' ? 'rfm.cn8.mean' : 'rfm.cn8.median');
    if (noAmounts) notes.push(said('rfm.cn8SplitNoAmounts', { split, r: round(t.recencyDays), f: round(t.frequency) }));
    else notes.push(said('rfm.cn8Split', { split, r: round(t.recencyDays), f: round(t.frequency), m: displayMoney(t.monetary, log.currency) }));
  }
  if (map && map.bins !== k) notes.push(said('rfm.mapBins', { mapBins: String(map.bins), bins: String(k) }));
  // several shops: one ranking (quantiles, or cn8's splits) over all of them, said with how to rank one shop alone
  const ranked = seg.scheme === 'cn8' || VARIABLES.some((v) => seg.scores[v.key].method === 'quantile');
  const shops = ranked ? shopsOf(log, seg.values.customer) : 0;
  if (shops > 1) notes.push(said(seg.scheme === 'cn8' ? 'rfm.shopsTogetherCn8' : 'rfm.shopsTogether', { n: shops }));
  return notes;
}

/** The values that got score `s`: `3`, `3–4`, `¥10.00–¥25.00`. */
function rangeText(v: VariableScores, variable: 'r' | 'f' | 'm', log: CustomerList, s: number): string {
  const u = v.usage[s - 1];
  if (u.min === null || u.max === null) return '';
  const fmt = (x: number) => (variable === 'm' ? displayMoney(x, log.currency) : String(x));
  return u.min === u.max ? fmt(u.min) : `${fmt(u.min)}–${fmt(u.max)}`;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
