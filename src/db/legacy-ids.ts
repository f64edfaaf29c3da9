/**
 * Stores made before the order ids orderlens makes up were keyed (identity/derived-order-id.ts) hold unkeyed
 * ids (`r:…:1`, `tb-…`): hashes of a row's cells, the buyer's among them, which a copied database lets anyone
 * check a guess at the buyer against. The first import into such a store (any file, any source: the key is
 * the store's) rewrites them to their keyed form from the stored ids alone, inside its own transaction, and
 * records in `meta` that the store's ids are keyed, so later imports skip the scan. A re-import of the file
 * the ids came from then finds its orders under the keyed ids: nothing is inserted twice.
 *
 * Nothing else refers to an order by its order id: items, purchase runs and row chunks hold `order_rows.id`,
 * snapshots and campaigns customer keys.
 */
import type { Db } from './db-handle.js';
import { rekeyLegacyId } from '../identity/derived-order-id.js';

/** `meta` key: present (value 1) once the store's made-up order ids are all keyed. */
export const KEYED_IDS_META = 'order_ids_keyed';

/** Platforms whose adapters made up order ids, and the GLOB every such legacy id of theirs matches. */
const LEGACY: readonly [platform: string, glob: string][] = [
  ['generic', 'r:*:*'],
  ['taobao', 'tb-*'],
];

/**
 * Rewrites the store's legacy made-up order ids to their keyed form under `key` (in the caller's write
 * transaction); the number rewritten. Once a store is marked keyed, a single `meta` lookup.
 */
export function rewriteLegacyIds(db: Db, key: string): number {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(KEYED_IDS_META) !== undefined) return 0;
  db.function('orderlens_rekey', { deterministic: true, directOnly: true }, (platform: unknown, id: unknown) =>
    rekeyLegacyId(key, String(platform), String(id)) ?? id,
  );
  let n = 0;
  for (const [platform, glob] of LEGACY) {
    const sources = db.prepare('SELECT id FROM sources WHERE platform = ?').pluck().all(platform) as number[];
    const update = db.prepare(
      `UPDATE order_rows SET order_id = orderlens_rekey(?, order_id)
       WHERE source = ? AND order_id GLOB ? AND orderlens_rekey(?, order_id) IS NOT order_id`,
    );
    for (const source of sources) n += update.run(platform, source, glob, platform).changes;
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, 1)').run(KEYED_IDS_META);
  return n;
}
