/**
 * A source's currency that was assumed (nothing in its files named one: `currency CNY assumed: --currency to
 * set`) is set by importing again with `--currency`: the orders stored in the assumed currency are relabelled
 * in that import's transaction, before its rows are compared with them (else every order "would change its
 * currency" and the file is refused). Amounts stay as stored: only the code was a guess.
 */
import type { Db } from './open.js';
import { rebuildPurchaseRuns } from './purchase-runs.js';

export interface Relabelled {
  /** The assumed currency the orders were stored in. */
  from: string;
  /** Orders relabelled. */
  orders: number;
}

/**
 * Relabels the orders of `platform`/`shop` stored in its assumed currency as `given` (the import's --currency),
 * and rebuilds the purchase runs (kept per currency). Null, and nothing written, when the source's currency was
 * not assumed or is `given` already. Call inside the import's transaction, before its writer starts.
 */
export function relabelAssumedCurrency(db: Db, platform: string, shop: string, given: string | undefined): Relabelled | null {
  if (given === undefined) return null;
  const src = db
    .prepare('SELECT id, currency, row_currency FROM sources WHERE platform = ? AND shop = ? AND currency_assumed = 1')
    .get(platform, shop) as { id: number; currency: string | null; row_currency: string | null } | undefined;
  if (!src || src.currency === null || src.currency === given) return null;
  const from = src.currency;
  // an order row's currency is its own, or (NULL) its source's row_currency (schema.ts, migration 9)
  const orders = db
    .prepare('SELECT count(*) FROM order_rows o JOIN sources s ON s.id = o.source WHERE o.source = ? AND coalesce(o.currency, s.row_currency) = ?')
    .pluck()
    .get(src.id, from) as number;
  if (src.row_currency === from) {
    // the rows in the assumed currency are the NULL ones: they follow the source's row currency; rows that named
    // `given` themselves become NULL too (a row's own currency is stored only where it differs)
    db.prepare('UPDATE sources SET row_currency = ? WHERE id = ?').run(given, src.id);
    db.prepare('UPDATE order_rows SET currency = NULL WHERE source = ? AND currency = ?').run(src.id, given);
  } else {
    db.prepare('UPDATE order_rows SET currency = CASE WHEN ? IS ? THEN NULL ELSE ? END WHERE source = ? AND currency = ?').run(given, src.row_currency, given, src.id, from);
  }
  db.prepare('UPDATE sources SET currency = ?, currency_assumed = 0 WHERE id = ?').run(given, src.id);
  if (orders > 0) rebuildPurchaseRuns(db);
  return { from, orders };
}
