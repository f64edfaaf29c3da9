/**
 * Header fingerprint → platform. Tries the first rows of a file as the header (some exports put a title
 * line above it), scores every adapter on each, and picks the best clear winner.
 */
import { InputError } from '../errors.js';
import { Header, headerList, type Adapter, type SourceRow } from './adapter.js';
import { said } from '../report/said.js';
import { missingGenericFields } from './platforms/generic.js';

/** Rows tried as the header row. */
export const HEADER_SEARCH_ROWS = 10;
const MIN_SCORE = 0.6;
const CLOSE_CALL = 0.05;

export interface Detection {
  adapter: Adapter;
  header: Header;
  /** Index (0-based) of the header row among the rows given. */
  headerRow: number;
  score: number;
}

/**
 * Finds the header row and the platform. With `forced`, only that adapter is tried (the first row it
 * accepts is the header). Throws an InputError that lists the closest candidates when nothing fits.
 */
export function detectPlatform(file: string, rows: SourceRow[], adapters: readonly Adapter[], forced?: Adapter): Detection {
  const scored: Detection[] = [];
  const candidates = forced ? [forced] : adapters;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const header = new Header(rows[r].cells);
    for (const adapter of candidates) {
      const score = adapter.match(header);
      if (score > 0) scored.push({ adapter, header, headerRow: r, score });
    }
  }
  if (rows.length === 0) throw new InputError(file, null, said('read.empty'));
  if (forced) {
    const hit = scored.find((d) => d.score > 0);
    if (hit) return hit;
    return { adapter: forced, header: new Header(rows[0].cells), headerRow: 0, score: 0 };
  }
  const best = new Map<string, Detection>();
  for (const d of scored) {
    const prev = best.get(d.adapter.id);
    if (!prev || d.score > prev.score) best.set(d.adapter.id, d);
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.headerRow - b.headerRow);
  const platform = ranked.filter((d) => d.adapter.id !== 'generic');
  if (platform.length > 0 && platform[0].score >= MIN_SCORE) {
    if (platform.length > 1 && platform[1].score >= MIN_SCORE && platform[0].score - platform[1].score < CLOSE_CALL && platform[0].headerRow === platform[1].headerRow) {
      throw new InputError(
        file,
        rows[platform[0].headerRow].line,
        said('detect.ambiguous', { what: platform.slice(0, 3).map(describe).join(' or ') }),
      );
    }
    return platform[0];
  }
  const fallback = best.get('generic');
  if (fallback) return fallback;
  const near = platform.slice(0, 3);
  const hint = near.length > 0 ? said('detect.closest', { list: near.map(describe).join(', ') }) : '';
  const genericAdapter = adapters.find((a) => a.id === 'generic');
  const header = new Header(rows[0].cells);
  const why = genericAdapter?.explain ? genericAdapter.explain(header) : '';
  if (isCustomerSummary(header)) throw new InputError(file, rows[0].line, said('detect.customerSummary', { headers: headerList(rows[0].cells) }));
  // only the columns the generic reading misses need naming (cdnowElog.csv: its customer column)
  const missing = genericAdapter ? missingGenericFields(header) : [];
  throw new InputError(
    file,
    rows[0].line,
    missing.length === 1
      ? said('detect.unrecognisedMissing', { headers: headerList(rows[0].cells), why, hint, field: missing[0] })
      : said('detect.unrecognised', { headers: headerList(rows[0].cells), why, hint }),
  );
}

/**
 * A per-customer summary as lifetimes and BTYD write it (`ID,frequency,recency,T`; `ID,x,t_x,T,zbar`): frequency
 * and recency (or x and t_x) and T, no date; or an RFM table (`recency,frequency,monetary`; the Chinese
 * `消费频率, 最近消费时间间隔, 消费金额` of a Taobao seller's RFM sheet). Not orders: import the transactions it was made from.
 */
function isCustomerSummary(header: Header): boolean {
  const has = (...names: string[]) => names.some((n) => header.has(n));
  const btyd = has('t') && ((has('frequency') && has('recency')) || (has('x') && has('t_x')));
  const rfm = (has('frequency') && has('recency') && has('monetary')) || (has('消费频率') && has('最近消费时间间隔') && has('消费金额'));
  return btyd || rfm;
}

function describe(d: Detection): string {
  return `${d.adapter.id} (${Math.round(d.score * 100)}% of its headers)`;
}
