/**
 * The line an import prints per file (`import`, and `demo` for its sample files), in the language asked:
 * its counts add up (read = inserted + updated + unchanged + stale + rejected, item lines aside), then what was
 * detected and what the file did not state but orderlens concluded.
 */
import type { Lang } from '../analytics/rfm-segments.js';
import type { ImportResult } from '../import/importer.js';
import { say, translateSaid } from '../report/said.js';

export function importLine(r: ImportResult, lang: Lang, file = r.file): string {
  const c = r.counts;
  const shopFrom =
    typeof r.shopFrom === 'object'
      ? say('import.shopFromColumn', { column: r.shopFrom.column }, lang)
      : r.shopFrom === 'only'
        ? say('import.shopOnly', { platform: r.platform }, lang)
        : '';
  let concluded = '';
  if (r.concluded.noAmounts) concluded += say('import.noAmounts', {}, lang);
  if (r.concluded.assumedCurrency) concluded += say('import.assumedCurrency', { currency: r.concluded.assumedCurrency }, lang);
  if (r.concluded.dateOrder) concluded += say(r.concluded.dateOrder === 'mdy' ? 'import.monthFirst' : 'import.dayFirst', {}, lang);
  const details = say('import.detected', { label: translateSaid(r.label, lang), shop: r.shop, shopFrom, encoding: r.encoding, concluded }, lang);
  const counts = { file, read: c.read, inserted: c.inserted, updated: c.updated, unchanged: c.unchanged, stale: c.stale, rejected: c.rejected, details };
  const line = say(c.stale > 0 ? 'import.countsStale' : 'import.counts', counts, lang);
  return r.dryRun ? say('import.dryRun', { line }, lang) : line;
}
