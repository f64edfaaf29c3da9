import { describe, expect, it } from 'vitest';
import { CN8_SEGMENTS, DEFAULT_SEGMENT_MAP } from '../analytics/rfm-segments.js';
import { findSegmentIndex, segmentLabel, segmentLabels } from './segment-names.js';
import { say } from './messages.js';

describe('segment names', () => {
  it('names every built-in segment in Chinese (the CRM terms) and keeps the English name as the CSV value', () => {
    const zh = segmentLabels([...DEFAULT_SEGMENT_MAP.segments, ...CN8_SEGMENTS], 'zh');
    for (const name of zh) expect(name).toMatch(/\p{Script=Han}/u);
    expect(segmentLabels(CN8_SEGMENTS, 'zh').slice(0, 2)).toEqual(['重要价值客户', '重要发展客户']);
    expect(segmentLabels(DEFAULT_SEGMENT_MAP.segments, 'en')[0]).toBe('Champions');
  });

  it("prefers a map file's own Chinese name, and falls back to the name", () => {
    expect(segmentLabel({ name: 'Champions', zh: '顶级客户' }, 'zh')).toBe('顶级客户');
    expect(segmentLabel({ name: 'VIP' }, 'zh')).toBe('VIP');
    expect(segmentLabel({ name: 'VIP', zh: '贵宾' }, 'en')).toBe('VIP');
  });

  it('finds a segment by its name in either language, loosely written', () => {
    const segs = DEFAULT_SEGMENT_MAP.segments;
    const atRisk = segs.findIndex((s) => s.name === 'At risk');
    // 有流失风险客户: its former Chinese name, still understood
    for (const n of ['At risk', 'at-risk', 'ATRISK', '久未回购老客户', '有流失风险客户']) expect(findSegmentIndex(segs, n)).toBe(atRisk);
    // a map file's own segment called At risk is named by its own zh only
    expect(findSegmentIndex([{ name: 'At risk', zh: '自定义' }], '有流失风险客户')).toBe(-1);
    expect(findSegmentIndex(segs, "cant lose")).toBe(segs.findIndex((s) => s.name === "Can't lose"));
    expect(findSegmentIndex(segs, 'nobody')).toBe(-1);
  });

  it("RFM's At risk and churn's at_risk read differently in Chinese (a segment of who; a status of when)", () => {
    expect(segmentLabel({ name: 'At risk' }, 'zh')).toBe('久未回购老客户');
    expect(say('zh', 'churn.status.at_risk')).toBe('流失预警');
    // no shared word of two characters or more between the two
    const a = segmentLabel({ name: 'At risk' }, 'zh');
    const b = say('zh', 'churn.status.at_risk');
    for (let i = 0; i + 2 <= b.length; i++) expect(a).not.toContain(b.slice(i, i + 2));
  });
});
