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
 *
 * The same step keys the digests of raw file content such a store keeps (db/sealed-digests.ts): each import's
 * file SHA-256 becomes its keyed form (a re-import of the same bytes still finds it), and the recorded row
 * chunks, a cache, are dropped (the next import of each source records them sealed). Freed pages are zeroed
 * while it runs (secure_delete), so the old values do not stay behind in the file's free space.
 */
import type { Db } from './db-handle.js';
import { rekeyLegacyId } from '../identity/derived-order-id.js';
import { sealFileDigest } from './sealed-digests.js';

/** `meta` keys: present (value 1) once the store's made-up order ids, and its file and chunk digests, are keyed. */
const KEYED_IDS_META = 'order_ids_keyed';
const KEYED_DIGESTS_META = 'file_digests_keyed';

/** Platforms whose adapters made up order ids, and the GLOB every such legacy id of theirs matches. */
const LEGACY: readonly [platform: string, glob: string][] = [
  ['generic', 'r:*:*'],
  ['taobao', 'tb-*'],
];

/** What keyLegacyStore did: order ids rewritten, and whether anything unkeyed was found (then scrubFreeSpace). */
export interface LegacyKeyed {
  ids: number;
  changed: boolean;
}

/**
 * Keys what the store still holds unkeyed, under `key`, in the caller's write transaction: made-up order ids,
 * file digests, row chunks. Once a store is marked keyed, a single `meta` lookup.
 */
export function keyLegacyStore(db: Db, key: string): LegacyKeyed {
  const marked = db.prepare('SELECT key FROM meta WHERE key IN (?, ?)').pluck().all(KEYED_IDS_META, KEYED_DIGESTS_META) as string[];
  if (marked.length === 2) return { ids: 0, changed: false };
  const zeroing = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const digests = marked.includes(KEYED_DIGESTS_META) ? 0 : keyFileDigests(db, key);
    const ids = marked.includes(KEYED_IDS_META) ? 0 : rekeyIds(db, key);
    return { ids, changed: digests + ids > 0 };
  } finally {
    db.pragma(`secure_delete = ${zeroing}`);
  }
}

/**
 * After the transaction that keyed a store's old values committed: rebuilds the file (VACUUM), so that the
 * unkeyed values do not stay behind in its free pages, where a copy of the file would still hold them.
 */
export function scrubFreeSpace(db: Db): void {
  if (db.memory || db.readonly || db.inTransaction) return;
  db.exec('VACUUM');
  if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Seals each import's file SHA-256 and drops the recorded row chunks; how many values that changed. */
function keyFileDigests(db: Db, key: string): number {
  const imports = db.prepare("SELECT id, sha256 FROM imports WHERE sha256 <> ''").raw(true).all() as [number, string][];
  const put = db.prepare('UPDATE imports SET sha256 = ? WHERE id = ?');
  for (const [id, sha256] of imports) put.run(sealFileDigest(key, sha256), id);
  const chunks = db.prepare('DELETE FROM row_chunks').run().changes;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, 1)').run(KEYED_DIGESTS_META);
  return imports.length + chunks;
}

function rekeyIds(db: Db, key: string): number {
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
