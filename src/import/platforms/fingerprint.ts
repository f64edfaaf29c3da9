/**
 * Header fingerprints: how an adapter scores a header row (Adapter.match).
 */
import type { Header } from '../adapter.js';

/** A column name, or several names the same column goes by (versions, languages). */
export type ColumnName = string | readonly string[];

function present(header: Header, name: ColumnName): boolean {
  return typeof name === 'string' ? header.has(name) : name.some((n) => header.has(n));
}

/**
 * The share of `fingerprint` columns present in `header` (0..1), or 0 when any `required` column is
 * missing. Fingerprints list columns typical of one platform, so that a header of another platform (or a
 * generic sheet) scores low.
 */
export function scoreHeader(header: Header, fingerprint: readonly ColumnName[], required: readonly ColumnName[] = []): number {
  if (required.some((name) => !present(header, name))) return 0;
  if (fingerprint.length === 0) return 0;
  let hits = 0;
  for (const name of fingerprint) if (present(header, name)) hits++;
  return hits / fingerprint.length;
}
