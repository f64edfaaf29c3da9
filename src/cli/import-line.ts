/**
 * The line an import prints per file (`import`, and `demo` for its sample files), in the language asked:
 * its counts add up (read = inserted + updated + unchanged + stale + skipped + rejected, item lines aside), then
 * what was detected and what the file did not state but orderlens concluded. Rows an adapter skipped on purpose
 * (Taobao orders never paid) are counted as skipped; a note of their own says why.
 */
import type { ImportResult } from '../import/importer.js';
import { say, type Lang } from '../report/messages.js';
import { platformLabel } from './platform-words.js';

export function importLine(r: ImportResult, lang: Lang, file = r.file): string {
  const c = r.counts;
  const shopFrom = typeof r.shopFrom === 'object' ? say(lang, 'import.shopFromColumn', { column: r.shopFrom.column }) : r.shopFrom === 'only' ? say(lang, 'import.shopOnly', { platform: r.platform }) : r.shopFrom === 'sameBytes' ? say(lang, 'import.shopSameBytes') : '';
  let concluded = '';
  if (r.sameAs) concluded += say(lang, 'import.sameAs', { id: String(r.sameAs.importId), day: r.sameAs.startedAt.slice(0, 10) });
  if (r.concluded.noAmounts) concluded += say(lang, 'import.noAmounts');
  if (r.concluded.assumedCurrency) concluded += say(lang, 'import.assumedCurrency', { currency: r.concluded.assumedCurrency });
  if (r.concluded.dateOrder) concluded += say(lang, 'import.dateOrder', { order: say(lang, r.concluded.dateOrder === 'mdy' ? 'import.month' : 'import.day') });
  const details = say(lang, 'import.detected', { label: platformLabel(r.label, lang), shop: r.shop, shopFrom, encoding: r.encoding, concluded });
  // counts as digits without grouping, as scripts have read them
  const skipped = r.concluded.skipped?.rows ?? 0;
  const more = (c.stale > 0 ? say(lang, 'import.countStale', { n: c.stale }) : '') + (skipped > 0 ? say(lang, 'import.countSkipped', { n: skipped }) : '');
  const line = say(lang, 'import.counts', { file, read: String(c.read), inserted: String(c.inserted), updated: String(c.updated), unchanged: String(c.unchanged), more, rejected: String(c.rejected), details });
  return r.dryRun ? say(lang, 'import.dryRun', { line }) : line;
}
