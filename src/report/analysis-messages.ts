/**
 * What the pure analytics refuse, as catalogue messages: src/analytics throws `rangeError(key, params)` or
 * `dataError(key, params)` (src/errors.ts) with one of these keys and its numbers; the error's `.message` is the
 * English (library callers, logs), and the CLI says it in the user's language. Keys `analysis.<module>.<what>`;
 * parameters are numbers, codes and JSON paths (`segments[2].rules[0].r`), never words.
 */
export const ANALYSIS_MESSAGES = {
  // rfm.ts: scores and fixed thresholds
  'analysis.rfm.bins': { en: 'bins must be a whole number from {min} to {max}, got {got}', zh: '分档数必须是 {min} 到 {max} 之间的整数，收到的是 {got}' },
  'analysis.rfm.edgeCount': { en: '{what} needs {need} {need:threshold|thresholds} for {bins} bins, got {got}', zh: '{what} 分 {bins} 档需要 {need} 个阈值，收到 {got} 个' },
  'analysis.rfm.edgeNotNumber': { en: '{what}: threshold {n} is not a number', zh: '{what}：第 {n} 个阈值不是数字' },
  'analysis.rfm.edgeOrder': { en: '{what}: thresholds must increase strictly ({edges})', zh: '{what}：阈值必须严格递增（{edges}）' },

  // rfm-segments.ts: a segment map file (--segments FILE.json); {where} is the JSON path of the bad part
  'analysis.segmap.notObject': { en: 'a segment map must be a JSON object with "bins" and "segments"', zh: '分群方案必须是含 "bins" 和 "segments" 的 JSON 对象' },
  'analysis.segmap.bins': { en: '"bins" must be a whole number from {min} to {max}', zh: '"bins" 必须是 {min} 到 {max} 之间的整数' },
  'analysis.segmap.segments': { en: '"segments" must be a non-empty array', zh: '"segments" 必须是非空数组' },
  'analysis.segmap.range': { en: '{where} must be a score or a [low, high] pair', zh: '{where} 必须是一个分数，或 [下限, 上限] 一对分数' },
  'analysis.segmap.rangeNumbers': { en: '{where} must hold numbers', zh: '{where} 里必须是数字' },
  'analysis.segmap.rangeOrder': { en: '{where}: low {lo} is above high {hi}', zh: '{where}：下限 {lo} 高于上限 {hi}' },
  'analysis.segmap.rangeOutside': { en: '{where}: [{lo}, {hi}] is outside the scores 1..{bins}', zh: '{where}：[{lo}, {hi}] 超出了分数范围 1..{bins}' },
  'analysis.segmap.object': { en: '{where} must be an object', zh: '{where} 必须是 JSON 对象' },
  'analysis.segmap.boxKey': { en: '{where}: unknown key "{key}" (use r, f, m, fm)', zh: '{where}：不认识的键 "{key}"（可用 r、f、m、fm）' },
  'analysis.segmap.segmentKey': { en: '{where}: unknown key "{key}" (use name, zh, rules or r, f, m, fm)', zh: '{where}：不认识的键 "{key}"（可用 name、zh、rules 或 r、f、m、fm）' },
  'analysis.segmap.name': { en: '{where} needs a "name"', zh: '{where} 缺少 "name"（分群名称）' },
  'analysis.segmap.nameTwice': { en: '{where}: segment name "{name}" is used twice', zh: '{where}：分群名称 "{name}" 重复出现' },
  'analysis.segmap.zh': { en: '{where}.zh must be a string', zh: '{where}.zh 必须是字符串' },
  'analysis.segmap.rulesAndBox': { en: '{where}: give either "rules" or r/f/m/fm, not both', zh: '{where}：写 "rules" 或 r/f/m/fm 其中一种，不能同时写' },
  'analysis.segmap.rules': { en: '{where}.rules must be a non-empty array', zh: '{where}.rules 必须是非空数组' },
  'analysis.segmap.overlaps': { en: 'segment map is not valid: {n} score {n:combination matches|combinations match} more than one segment: {overlaps}', zh: '分群方案无效：有 {n} 个分数组合同时属于多个分群：{overlaps}' },
  'analysis.segmap.gaps': { en: 'segment map is not valid: {n} score {n:combination matches|combinations match} no segment: {gaps}', zh: '分群方案无效：有 {n} 个分数组合不属于任何分群：{gaps}' },
  'analysis.segmap.overlapsAndGaps': {
    en: 'segment map is not valid: {n} score {n:combination matches|combinations match} more than one segment: {overlaps}; {gapCount} score {gapCount:combination matches|combinations match} no segment: {gaps}',
    zh: '分群方案无效：有 {n} 个分数组合同时属于多个分群：{overlaps}；有 {gapCount} 个分数组合不属于任何分群：{gaps}',
  },
  'analysis.segmap.tooMany': { en: 'a segment map may have at most 255 segments', zh: '分群方案最多只能有 255 个分群' },
  'analysis.segmap.matches': { en: 'segment map: score {rfm} matches {n} segments', zh: '分群方案：分数 {rfm} 对应了 {n} 个分群' },

  // churn.ts
  'analysis.churn.k': { en: 'k must be a positive number, got {got}', zh: '倍数 k 必须是正数，收到的是 {got}' },
  'analysis.churn.days': { en: 'days must be a positive number, got {got}', zh: '天数必须是正数，收到的是 {got}' },
  'analysis.churn.gapsNeeded': {
    en: 'the churn threshold G comes from the gap histogram: give it with --gaps FILE, or a threshold with --days N',
    zh: '流失阈值 G 要从购买间隔分布中得出：请用 --gaps 文件 提供间隔分布，或用 --days 天数 直接给出阈值',
  },
  'analysis.churn.noGaps': {
    en: 'no customer has two purchase days before as-of, so there is no gap to derive a churn threshold from; give one with --days N',
    zh: '截至统计日还没有客户在两个不同的日子下过单，算不出购买间隔，也就定不出流失阈值；请用 --days 天数 给出阈值',
  },

  // kmeans.ts: value clusters
  'analysis.kmeans.k': { en: 'k must be a whole number from 2 to 20 or auto, got {got}', zh: '聚类数 k 必须是 2 到 20 之间的整数或 auto，收到的是 {got}' },
  'analysis.kmeans.tooFew': { en: 'value clusters need at least {need} customers, found {n}', zh: '价值聚类至少需要 {need} 位客户，现在只有 {n} 位' },

  // ltv-simple.ts
  'analysis.ltvSimple.lifetime': { en: 'the lifetime must be a positive number of years, got {got}', zh: '客户生命周期必须是正的年数，收到的是 {got}' },
} as const;
