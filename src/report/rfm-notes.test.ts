import { describe, expect, it } from 'vitest';
import { NO_AMOUNTS } from '../domain/money.js';
import { buildLog } from '../domain/purchase-log.js';
import { customerRefs } from '../../test/random-log.js';
import { computeRfm } from '../analytics/rfm.js';
import { parseSegmentMap, segmentRfm } from '../analytics/rfm-segments.js';
import { say } from './messages.js';
import { speak } from './said.js';
import { segmentationNotes } from './rfm-notes.js';

/** Ten customers: most bought once (frequency ties), amounts 1..10 yuan (or none). */
function shop(currency = 'CNY') {
  const entries = Array.from({ length: 10 }, (_, c) => ({ customer: c, day: 90 + c, net: currency === NO_AMOUNTS ? 0 : (c + 1) * 100 }));
  entries.push({ customer: 9, day: 50, net: currency === NO_AMOUNTS ? 0 : 100 });
  return buildLog(customerRefs(10), entries, currency, currency === NO_AMOUNTS ? 0 : 2);
}

const notesOf = (currency: string, options: Parameters<typeof segmentRfm>[1], scoresShown: boolean, map?: ReturnType<typeof parseSegmentMap>, lang: 'en' | 'zh' = 'en') => {
  const log = shop(currency);
  const seg = segmentRfm(computeRfm(log, { asOf: 100 }), { ...options, map });
  return segmentationNotes(seg, log, map, scoresShown).map((s) => speak(lang, s));
};

describe('segmentationNotes', () => {
  it('the default map: the scores ties left empty, with the values per score', () => {
    const notes = notesOf('CNY', {}, true);
    expect(notes).toEqual([expect.stringMatching(/^frequency: ties leave scores 2, 3, 4 empty \(5 bins asked, 2 used\); values per score 1: 1, 5: 2 \(see --show-edges\)$/)]);
    expect(notesOf('CNY', {}, false)).toEqual([]);
    // in Chinese the lists take the Chinese separator (、), not an English comma inside Chinese brackets
    expect(notesOf('CNY', {}, true, undefined, 'zh')).toEqual(['frequency：取值并列太多，有 3 个得分（2、3、4）没有客户（要求 5 档，实际用到 2 档）；各得分的取值 1: 1、5: 2（见 --show-edges）']);
  });

  it('cn8: the splits, and no quantile-ties note when no scores are shown', () => {
    expect(notesOf('CNY', { scheme: 'cn8' }, false)).toEqual([
      'cn8: split at the mean: recent when recency_days < 5.5, frequent when frequency > 1.1, high value when monetary > ¥5.60',
    ]);
    // --by customer prints the scores: then the ties are worth saying
    expect(notesOf('CNY', { scheme: 'cn8' }, true)[0]).toMatch(/^frequency: ties leave/);
  });

  it('purchases without amounts: what the segments rest on, and no monetary split that means nothing', () => {
    expect(notesOf(NO_AMOUNTS, {}, true)).toContain(say('en', 'rfm.noAmountsScore'));
    const map = parseSegmentMap({ bins: 5, segments: [{ name: 'All', r: [1, 5] }] });
    expect(notesOf(NO_AMOUNTS, {}, true, map)).toContain(say('en', 'rfm.noAmountsScoreMap'));
    const cn8 = notesOf(NO_AMOUNTS, { scheme: 'cn8' }, false);
    expect(cn8).toEqual([expect.stringMatching(/^cn8: split at the mean: recent when recency_days < 5.5, frequent when frequency > 1.1; the purchases have no amounts/)]);
    expect(cn8.join('\n')).not.toContain('XXX');
  });

  it('a map written for other bins says so', () => {
    const map = parseSegmentMap({ bins: 3, segments: [{ name: 'All', r: [1, 3] }] });
    expect(notesOf('CNY', { bins: 5 }, true, map).at(-1)).toBe('the segment map is written for 3 bins; scores of 5 bins are mapped onto it');
  });
});
