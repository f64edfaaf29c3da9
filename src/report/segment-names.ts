/**
 * RFM segment names as a person reads them. The analytics name a segment by its `name` (the CSV value:
 * `Champions`, `Key value`, or a segment map file's own); under zh a map file's `zh` wins, then the
 * catalogue's name for a built-in segment, then the name itself.
 */
import type { SegmentDef } from '../analytics/rfm-segments.js';
import { sayKnown, type Lang } from './messages.js';

type Named = Pick<SegmentDef, 'name' | 'zh'>;

export function segmentLabel(def: Named, lang: Lang): string {
  if (lang === 'en') return def.name;
  return def.zh ?? sayKnown('zh', `segment.${def.name}`) ?? def.name;
}

/** Labels by segment index. */
export function segmentLabels(segments: readonly Named[], lang: Lang): string[] {
  return segments.map((s) => segmentLabel(s, lang));
}

/**
 * Chinese names a built-in segment had before (scripts may still name it so): `At risk` read 有流失风险客户,
 * which a Chinese reader could not tell from churn's status at_risk (now 流失预警).
 */
const FORMER_ZH: Readonly<Record<string, string>> = { 有流失风险客户: 'At risk' };

/**
 * The index of the segment a user names: `At risk`, `at-risk`, `atrisk`, `久未回购老客户` and its former
 * Chinese name `有流失风险客户` name the same segment (case, spaces, apostrophes, `-` and `_` do not count);
 * −1 when none matches.
 */
export function findSegmentIndex(segments: readonly Named[], name: string): number {
  const norm = (s: string) => s.toLowerCase().replace(/[\s'’_-]/g, '');
  const want = norm(name);
  const former = FORMER_ZH[name.trim()];
  return segments.findIndex((s) => norm(s.name) === want || norm(segmentLabel(s, 'zh')) === want || (former !== undefined && s.name === former && s.zh === undefined));
}

/** A built-in segment's label from its name (`--by segment` groups by the default map's names). */
export function builtInSegmentLabel(name: string, lang: Lang): string {
  return segmentLabel({ name }, lang);
}
