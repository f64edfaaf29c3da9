import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../domain/day.js';
import { MESSAGES, say, templateParams, type MessageKey } from './messages.js';
import { said } from './said.js';

const keys = Object.keys(MESSAGES) as MessageKey[];
const HAN = /\p{Script=Han}/u;

/** name → kind for every slot; the English-only plural chooser `one|many` counts as a plain use of the name. */
function slotKinds(template: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, kind } of templateParams(template)) {
    const k = kind === 'date' ? 'date' : 'value';
    if (out.get(name) === 'date' || k === 'date') out.set(name, 'date');
    else out.set(name, k);
  }
  return out;
}

describe('message catalogue', () => {
  it.each(keys)('%s has both languages with the same parameters', (key) => {
    const m: { en: string; zh: string } = MESSAGES[key];
    expect(m.en.trim(), 'en').not.toBe('');
    expect(m.zh.trim(), 'zh').not.toBe('');
    expect(Object.fromEntries(slotKinds(m.zh)), 'zh parameters').toEqual(Object.fromEntries(slotKinds(m.en)));
    // the Chinese is Chinese (a status code such as `at_risk` in en still reads 流失预警 in zh)
    expect(m.zh.replace(/\{[^}]*\}/g, ''), 'zh text').toMatch(HAN);
    // English plural choosers make no sense in Chinese
    for (const { kind } of templateParams(m.zh)) expect(kind === undefined || kind === 'date' || kind === 'plain', `zh slot :${kind}`).toBe(true);
    // every brace is a slot: no stray { or } left to print
    for (const t of [m.en, m.zh]) expect(t.replace(/\{[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}/g, ''), 'stray brace').not.toMatch(/[{}]/);
  });

  it('finds a missing language or a parameter mismatch (the checks above can fail)', () => {
    expect(Object.fromEntries(slotKinds('{n} {n:order|orders} since {d:date}'))).toEqual({ n: 'value', d: 'date' });
    expect(Object.fromEntries(slotKinds('{n} 单'))).not.toEqual(Object.fromEntries(slotKinds('{n} {n:order|orders} since {d:date}')));
    expect('no chinese here').not.toMatch(HAN);
  });

  it('puts parameters in: numbers grouped, dates, plurals, text escaped and never re-read', () => {
    const fake = MESSAGES as unknown as Record<string, { en: string; zh: string }>;
    fake['test.x'] = { en: '{file}: {n} {n:order|orders} since {d:date}, {x} ({n:plain})', zh: '{file}:自 {d:date} 起 {n} 单,{x}' };
    try {
      const params = { file: 'a\u001b[31m{n}$&.csv', n: 12345, d: dayFromCivil(2024, 2, 29), x: 0.125 };
      const sayAny = say as (lang: 'en' | 'zh', key: string, p: object) => string;
      expect(sayAny('en', 'test.x', params)).toBe('a\\x1b[31m{n}$&.csv: 12,345 orders since 2024-02-29, 0.13 (12345)');
      expect(sayAny('zh', 'test.x', params)).toBe('a\\x1b[31m{n}$&.csv:自 2024-02-29 起 12,345 单,0.13');
      expect(sayAny('en', 'test.x', { ...params, n: 1 })).toBe('a\\x1b[31m{n}$&.csv: 1 order since 2024-02-29, 0.13 (1)');
      expect(() => sayAny('en', 'test.x', { file: 'f', n: 1, d: 0 })).toThrow(/no value for \{x\}/);
      expect(() => sayAny('en', 'test.x', { ...params, d: 'yesterday' })).toThrow(/needs a number/);
      expect(() => sayAny('en', 'test.x', { ...params, n: Number.NaN })).toThrow(/NaN/);
    } finally {
      delete fake['test.x'];
    }
  });

  it('joins a list parameter in the way of each language', () => {
    expect(say('en', 'detect.genericMissing', { fields: ['customer', 'date'] })).toBe('as a generic file it has no customer, date column; ');
    expect(say('zh', 'detect.genericMissing', { fields: ['customer', 'date'] })).toBe('按通用文件读取缺少 customer、date 列；');
  });

  it('types keys and parameters (tsc fails on a wrong key or a missing parameter)', () => {
    // @ts-expect-error not a key
    expect(() => say('en', 'churn.no_such_key')).toThrow();
    // @ts-expect-error a parameter missing
    expect(() => say('en', 'churn.reason.once', { status: 'active' })).toThrow(/no value/);
    // @ts-expect-error a parameter this message does not take
    expect(say('en', 'churn.status.active', { n: 1 })).toBe('active');
    // @ts-expect-error a text where a plural chooser needs the number: `{n} {n:row|rows}` takes a number only
    expect(() => say('en', 'import.stale', { file: 'a.csv', n: '3' })).toThrow(/needs a number/);
    // @ts-expect-error the same through said(): a count is a number, not a text or a message
    said('churn.summary', { day: '2024-01-01', n: '1', active: 1, atRisk: 0, atRiskShare: '0%', churned: 0, churnedShare: '0%' });
    // @ts-expect-error nor a message said later (it would be a text by then)
    said('import.stale', { file: 'a.csv', n: said('cohorts.month') });
    expect(say('en', 'import.stale', { file: 'a.csv', n: 1 })).toContain('1 row would');
  });

  it("churn's summary counts agree with their noun (1 customer)", () => {
    const p = { day: '2024-01-01', active: 1, atRisk: 0, atRiskShare: '0.0%', churned: 0, churnedShare: '0.0%' };
    expect(say('en', 'churn.summary', { ...p, n: 1 })).toBe('as of 2024-01-01: 1 customer; 1 active, 0 at risk (0.0%), 0 churned (0.0%)');
    expect(say('en', 'churn.summary', { ...p, n: 1234, active: 1234 })).toBe('as of 2024-01-01: 1,234 customers; 1,234 active, 0 at risk (0.0%), 0 churned (0.0%)');
  });

  it('counts agree with their nouns in English (1 repeat customer, 2 repeat customers); Chinese has no plural', () => {
    expect(say('en', 'churn.gMeasured', { days: 1, percentile: 90, gaps: 1, repeat: 1 })).toBe('G = 1 day: the 90th percentile of 1 gap between purchase days of 1 repeat customer (set with --days)');
    expect(say('en', 'churn.gMeasured', { days: 76, percentile: 90, gaps: 21, repeat: 9 })).toBe('G = 76 days: the 90th percentile of 21 gaps between purchase days of 9 repeat customers (set with --days)');
    expect(say('zh', 'churn.gMeasured', { days: 1, percentile: 90, gaps: 1, repeat: 1 })).toBe('G = 1 天：1 位复购客户的 1 个购买间隔的第 90 百分位（可用 --days 指定）');
    expect(say('en', 'import.tooManyRejects', { file: 'a.csv', n: 1, read: 1, limit: '0', example: '' })).toBe('a.csv: 1 of 1 row was rejected, more than --max-rejects 0; nothing from this file was stored');
    expect(say('en', 'import.someFailed', { failed: 1, n: 3 })).toBe('1 of 3 files was not imported (see above); the others were');
    expect(say('en', 'migration.fromTo', { from: 'a', fromDay: '2025-01-01', fromN: 1, to: 'b', toDay: '2025-02-01', toN: 2 })).toBe('from a (as of 2025-01-01, 1 customer) to b (as of 2025-02-01, 2 customers)');
  });

  it('no English count is blind to its plural: `{n} customers` has a chooser, so 1 reads "1 customer" (and a number, so 3,050 is grouped)', () => {
    const NOUNS = 'customers|orders|rows|days|months|weeks|buyers|cohorts|checks|thresholds|combinations|lines|gaps|files|snapshots|cells|purchases|segments|clusters|points|currencies|imports|years|items|columns|periods|scores';
    // a slot, up to three words, a counted noun: `{n} repeat customers`, `{n:plain} cells`
    const slot = new RegExp(`\\{([A-Za-z_]\\w*)(?::plain)?\\} (?:[a-z-]+ ){0,3}?(?:${NOUNS})\\b`, 'g');
    // where the number is never 1 (or not a count): a share, a decimal, a limit, a constant, a count above a limit
    const never1 = new Set([
      'report.overview.repeatReading', 'report.segments.reading', 'report.churn.reading', 'report.trend.reading', // shares
      'report.segments.default', 'analysis.rfm.edgeCount', 'rfm.edgesBinsFlag', 'rfm.edgesBinsEdges', 'rfm.ties', 'rfm.mapBins', // bins: 2 to 9
      'report.cohorts.newest', // `{shown} of {total}`: total > shown ≥ 1
      'report.ltv.holdout', 'ltvSimple.shop', 'ltvSimple.lifetimeGiven', 'ltvSimple.lifetimeMeasured', 'whatIf.mapSimple', 'whatIf.mapModel', 'whatIf.margin', 'whatIf.marginFewer', 'campaign.ci', // decimals
      'report.ltv.byFrequency', 'report.ltv.byFrequencyNotLess', // a frequency band (`10+`)
      'ltv.valuesOver', 'ltv.clvOver', 'whatIf.horizonDays', // a horizon in days (365.25)
      'help.after.snapshot', 'snapshot.fewRepeat', 'agg.streamWhy', 'agg.streamNote', 'reject.orderRows', 'limits.rowCells', 'analysis.kmeans.tooFew', 'agg.gapTwo', // limits and constants
      'ltv.heldLarge', 'segments.tooFew', 'analysis.segmap.matches', 'trend.currencies', 'data.currencies', 'selftest.passed', // more than a limit, 2 or more
      'progress.rows', 'progress.rate', 'import.moreRejects', // a running count of rows (never 1 when said); `{n} more`: checked below
      'migration.currencies', 'whatIf.noPurchases', 'noAmounts.ltv', 'key.noRecord', 'info.countedOrders', // not a count
    ]);
    const blind: string[] = [];
    for (const key of keys) {
      if (never1.has(key)) continue;
      const en: string = MESSAGES[key].en;
      for (const m of en.matchAll(slot)) if (!new RegExp(`\\{${m[1]}:[^}]*\\|`).test(en)) blind.push(`${key}: ${m[0]}`);
    }
    expect(blind).toEqual([]);
    expect(say('en', 'ltv.fitted', { n: 3050, repeat: 1234, day: '1997-09-30', unit: 'week' })).toBe('fitted on 3,050 customers (1,234 repeat) up to 1997-09-30; time unit: week');
    expect(say('en', 'ltv.fitted', { n: 1, repeat: 0, day: '1997-09-30', unit: 'week' })).toBe('fitted on 1 customer (0 repeat) up to 1997-09-30; time unit: week');
    expect(say('en', 'import.moreRejects', { n: 1, file: 'a.csv' })).toBe('1 more rejected row in a.csv (write it with --rejects FILE)');
    expect(say('en', 'campaign.absent', { n: 1, currency: 'CNY' })).toBe('1 listed customer has no counted CNY purchase at all: it counts as a customer who did not buy');
  });

  it('words that refer back to a count agree with it: 1 order has no buyer identity (its buyer cell is empty) and reports leave it out', () => {
    // their / them / they / these / those in a message that counts something must be chosen by the number,
    // except where they refer to something else (listed with what)
    const other = new Set([
      'migration.needsTwo', // them: snapshots
      'churn.modelRefused', // these customers: all of them
      'agg.streamNote', // they: predictions
      'churn.reason.once', // their: one customer (singular they)
    ]);
    const blind: string[] = [];
    for (const key of keys) {
      const en: string = MESSAGES[key].en;
      if (other.has(key) || !/\{\w+:[^}]*\|[^}]*\}/.test(en)) continue;
      const words = en.replace(/\{[^}]*\}/g, '').match(/\b(their|them|they|these|those)\b/g);
      if (words) blind.push(`${key}: ${words.join(', ')}`);
    }
    expect(blind).toEqual([]);
    expect(say('en', 'import.noBuyerCells', { file: 'a.csv', n: 1 })).toBe('a.csv: 1 order has no buyer identity (its buyer cell is empty); customer reports leave it out');
    expect(say('en', 'import.noBuyerCells', { file: 'a.csv', n: 113 })).toBe('a.csv: 113 orders have no buyer identity (their buyer cells are empty); customer reports leave them out');
    expect(say('en', 'import.itemsAttached', { file: 'a.csv', n: 1 })).toBe('a.csv: attached 1 item to its order');
    expect(say('en', 'report.clusters.bottom', { name: 'Small', n: 1, share: '1%', revenueShare: '0.1%', days: 3 })).toBe('Small: 1 customer (1%) brings 0.1%; its centre last bought 3 days ago.');
  });

  it('says a catalogue message in each language', () => {
    expect(say('en', 'churn.status.at_risk')).toBe('at risk');
    expect(say('zh', 'churn.status.at_risk')).toBe('流失预警');
    const p = { status: 'churned', days: 1212, gap: 30.5, orders: 1, revenue: '¥1,840.00' };
    expect(say('en', 'churn.reason.repeat', p)).toBe('churned: 1212 days since last order; usual gap 30.5 days; 1 order, ¥1,840.00');
    expect(say('zh', 'churn.reason.repeat', { ...p, status: say('zh', 'churn.status.churned') })).toBe('已流失：距末单 1212 天，常规间隔 30.5 天；共 1 单，¥1,840.00');
  });
});
