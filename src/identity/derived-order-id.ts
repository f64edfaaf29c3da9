/**
 * Order ids orderlens makes up for rows without one (a generic file without an order-id column, a Taobao
 * report copy without 订单编号). They are derived from the row's cells, the buyer's among them, so the
 * digest of those cells is keyed with the key file's secret (db/key-file.ts): a copied database shows an id
 * that no guess at the buyer can be checked against without the key.
 *
 * The keyed id is an HMAC of the unkeyed digest an older orderlens stored (`r:<16 base64url>:<n>`,
 * `tb-<16 hex>[#n]`), so a store holding such ids is rewritten from its stored ids alone (db/legacy-ids.ts)
 * and a re-import of the same file finds its orders again. The new prefixes (`rk:`, `tbk-`) tell the two apart.
 */
import * as crypto from 'node:crypto';
import { KeyedSha256 } from './keyed-sha256.js';

/** A legacy generic id: `r:` + the first 16 base64url digits of SHA-1 over the row's cells + `:` occurrence. */
const LEGACY_GENERIC = /^r:([A-Za-z0-9_-]{16}):([1-9][0-9]*)$/;
/** A legacy Taobao id: `tb-` + the first 16 hex digits of SHA-256 over buyer, times, amount, title, count [+ `#n`]. */
const LEGACY_TAOBAO = /^tb-([0-9a-f]{16})(#[1-9][0-9]*)?$/;

/**
 * The key's HMAC state, kept while the key stays the same (an import makes up an id for each of its rows
 * without one: one key-file secret for all of them). createHmac per row set the key up each time.
 */
let keyedState: KeyedSha256 | null = null;

/** HMAC-SHA256(key, `order:` + legacy id base); the buffer is overwritten by the next call. */
function keyed(key: string, legacyBase: string): Buffer {
  if (keyedState?.key !== key) keyedState = new KeyedSha256(key);
  return keyedState.mac(`order:${legacyBase}`);
}

/** node:crypto's one-shot hash (Node 20.12 on): no hash object per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url' | 'hex') => string }).hash;

/** The unkeyed digest of a generic row's cells (what the occurrence count is kept by). */
export function genericRowDigest(cells: readonly string[]): string {
  let text = cells.length > 0 ? cells[0].trim() : '';
  for (let i = 1; i < cells.length; i++) text += '\u0001' + cells[i].trim();
  const digest = oneShot ? oneShot('sha1', text, 'base64url') : crypto.createHash('sha1').update(text).digest('base64url');
  return digest.slice(0, 16);
}

/** A generic row's id from its cells' digest (genericRowDigest) and its occurrence number in the file. */
export function genericDerivedId(key: string, digest: string, n: number): string {
  return `rk:${keyed(key, `r:${digest}`).toString('base64url', 0, 12)}:${n}`;
}

/** The unkeyed digest of a Taobao row's parts (buyer, times, amount, title, count). */
export function taobaoRowDigest(parts: readonly string[]): string {
  const text = parts.join('\u0001');
  return (oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex')).slice(0, 16);
}

/** A Taobao row's id from its parts' digest (taobaoRowDigest), before its `#n` for repeats. */
export function taobaoDerivedId(key: string, digest: string): string {
  return `tbk-${keyed(key, `tb-${digest}`).toString('hex', 0, 8)}`;
}

/**
 * The keyed form of a legacy derived id of `platform` (`generic`, `taobao`); null when `id` is not one (an id
 * from the file, or one keyed already).
 */
export function rekeyLegacyId(key: string, platform: string, id: string): string | null {
  if (platform === 'generic') {
    const m = LEGACY_GENERIC.exec(id);
    return m ? genericDerivedId(key, m[1], Number(m[2])) : null;
  }
  if (platform === 'taobao') {
    const m = LEGACY_TAOBAO.exec(id);
    return m ? taobaoDerivedId(key, m[1]) + (m[2] ?? '') : null;
  }
  return null;
}
