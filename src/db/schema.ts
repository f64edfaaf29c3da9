/**
 * The schema, as forward migrations. `PRAGMA user_version` holds the number of migrations applied; a new
 * schema change is a new entry at the end, never an edit of an old one. A migration is SQL, or a function
 * for steps SQL cannot do; each runs in the migrating transaction.
 */
import type { Db } from './db-handle.js';
import { digestItems } from './items-digest.js';

export type Migration = string | ((db: Db) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the normalized store (see README "Database schema")
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    platform    TEXT NOT NULL,
    shop        TEXT NOT NULL,
    encoding    TEXT,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    started_at  TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE TABLE customers (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL,
    shop      TEXT NOT NULL,
    buyer_key TEXT NOT NULL,
    display   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('id', 'email', 'phone', 'name')),
    clear     TEXT,
    UNIQUE (platform, shop, buyer_key)
  );
  CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    shop        TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers (id),
    ordered_at  TEXT NOT NULL,
    order_day   TEXT NOT NULL,
    day         INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'shipped' OR status = 'completed' OR
                  status = 'cancelled' OR status = 'refunded' OR status = 'partially_refunded' OR status = 'unknown'),
    status_raw  TEXT,
    currency    TEXT NOT NULL,
    gross       INTEGER NOT NULL,
    discount    INTEGER NOT NULL DEFAULT 0,
    shipping    INTEGER NOT NULL DEFAULT 0,
    refunded    INTEGER NOT NULL DEFAULT 0,
    net         INTEGER NOT NULL,
    item_count  INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT NOT NULL,
    import_id   INTEGER REFERENCES imports (id),
    UNIQUE (platform, shop, order_id)
  );
  CREATE INDEX orders_by_customer_day ON orders (customer_id, day, status, currency, net, gross);
  CREATE TABLE order_items (
    order_ref  INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line       INTEGER NOT NULL,
    sku        TEXT,
    title      TEXT,
    quantity   INTEGER NOT NULL,
    unit_price INTEGER,
    line_total INTEGER,
    PRIMARY KEY (order_ref, line)
  ) WITHOUT ROWID;
  `,
  // 2: a narrower order table for fast imports. Platform and shop become a source id, the instant an
  // integer (ms), the local day is only kept as an epoch day, no foreign-key probes per row, and no
  // covering index: reports read the purchase runs (purchase-runs.ts) instead. `orders` stays, as a view
  // with the old columns, for everything that reads orders with SQL. CHECKs are written as OR chains:
  // `x IN (…)` in a CHECK costs microseconds per inserted row, an OR chain nothing measurable.
  `
  CREATE TABLE sources (
    id       INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    shop     TEXT NOT NULL,
    UNIQUE (platform, shop)
  );
  CREATE TABLE order_rows (
    id          INTEGER PRIMARY KEY,
    source      INTEGER NOT NULL,  -- sources.id
    order_id    TEXT NOT NULL,
    customer_id INTEGER,           -- customers.id; NULL when the export names no buyer
    ordered_ms  INTEGER NOT NULL,  -- UTC instant, ms since 1970
    day         INTEGER NOT NULL,  -- the store's local day, days since 1970-01-01
    status      TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'shipped' OR status = 'completed' OR
                  status = 'cancelled' OR status = 'refunded' OR status = 'partially_refunded' OR status = 'unknown'),
    status_raw  TEXT,              -- the status text, stored only when it differs from status; '' for none (see the view)
    currency    TEXT NOT NULL,
    gross       INTEGER NOT NULL,
    discount    INTEGER NOT NULL DEFAULT 0,
    shipping    INTEGER NOT NULL DEFAULT 0,
    refunded    INTEGER NOT NULL DEFAULT 0,
    net         INTEGER NOT NULL,
    item_count  INTEGER NOT NULL DEFAULT 0,
    items_digest INTEGER NOT NULL, -- items-digest.ts
    import_id   INTEGER NOT NULL   -- imports.id of the import that last wrote it
  );
  CREATE UNIQUE INDEX order_rows_by_key ON order_rows (source, order_id);
  INSERT INTO sources (platform, shop) SELECT DISTINCT platform, shop FROM orders ORDER BY platform, shop;
  INSERT INTO order_rows (id, source, order_id, customer_id, ordered_ms, day, status, status_raw, currency, gross, discount,
      shipping, refunded, net, item_count, items_digest, import_id)
    SELECT o.id, s.id, o.order_id, o.customer_id, CAST(round((julianday(o.ordered_at) - 2440587.5) * 86400000.0) AS INTEGER), o.day,
      o.status, CASE WHEN o.status_raw IS NULL THEN '' WHEN o.status_raw = o.status THEN NULL ELSE o.status_raw END,
      o.currency, o.gross, o.discount, o.shipping, o.refunded, o.net, o.item_count, 0, coalesce(o.import_id, 0)
    FROM orders o JOIN sources s ON s.platform = o.platform AND s.shop = o.shop;
  ALTER TABLE order_items RENAME TO order_items_v1;
  CREATE TABLE order_items (
    order_ref  INTEGER NOT NULL REFERENCES order_rows (id) ON DELETE CASCADE,
    line       INTEGER NOT NULL,
    sku        TEXT,
    title      TEXT,
    quantity   INTEGER NOT NULL,
    unit_price INTEGER,
    line_total INTEGER,
    PRIMARY KEY (order_ref, line)
  ) WITHOUT ROWID;
  INSERT INTO order_items SELECT * FROM order_items_v1;
  DROP TABLE order_items_v1;
  DROP TABLE orders;
  CREATE TABLE customers_v2 (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL,
    shop      TEXT NOT NULL,
    buyer_key TEXT NOT NULL,
    display   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind = 'id' OR kind = 'email' OR kind = 'phone' OR kind = 'name'),
    clear     TEXT
  );
  INSERT INTO customers_v2 SELECT id, platform, shop, buyer_key, display, kind, clear FROM customers;
  DROP TABLE customers;
  ALTER TABLE customers_v2 RENAME TO customers;
  -- a named index, not a table constraint: a bulk import may drop it and build it once at the end
  CREATE UNIQUE INDEX customers_by_key ON customers (platform, shop, buyer_key);
  CREATE VIEW orders AS
    SELECT o.id, s.platform, s.shop, o.order_id, o.customer_id,
      strftime('%Y-%m-%dT%H:%M:%fZ', o.ordered_ms / 1000.0, 'unixepoch') AS ordered_at,
      date(o.day * 86400, 'unixepoch') AS order_day, o.day, o.status,
      CASE WHEN o.status_raw IS NULL THEN o.status WHEN o.status_raw = '' THEN NULL ELSE o.status_raw END AS status_raw,
      o.currency, o.gross, o.discount, o.shipping,
      o.refunded, o.net, o.item_count, o.import_id
    FROM order_rows o JOIN sources s ON s.id = o.source;
  CREATE TABLE purchase_runs (
    currency TEXT NOT NULL,
    bucket   INTEGER NOT NULL,
    run      INTEGER NOT NULL,
    entries  INTEGER NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (currency, bucket, run)
  ) WITHOUT ROWID;
  `,
  // 3: item digests of the orders already stored. Their purchase runs are derived data: the migration only marks
  // them stale (frozen SQL), and opening the store rebuilds them with the live code after the last migration
  // (purchase-runs.ts rebuildStaleRuns); a migration never calls code whose meaning can change.
  (db) => {
    const update = db.prepare('UPDATE order_rows SET items_digest = ? WHERE id = ?');
    const orders = db.prepare('SELECT id, item_count FROM order_rows').raw(true).all() as [number, number][];
    const items = db.prepare('SELECT line, sku, title, quantity, unit_price, line_total FROM order_items WHERE order_ref = ? ORDER BY line');
    for (const [id, itemCount] of orders) {
      const rows = items.all(id) as { line: number; sku: string | null; title: string | null; quantity: number; unit_price: number | null; line_total: number | null }[];
      const list = rows.map((i) => ({ line: i.line, sku: i.sku, title: i.title, quantity: i.quantity, unitPrice: i.unit_price, lineTotal: i.line_total }));
      update.run(digestItems(itemCount, list), id);
    }
    db.exec("DELETE FROM purchase_runs; INSERT OR REPLACE INTO meta (key, value) VALUES ('purchase_runs_stale', '1');");
  },
  // 4: snapshots (per customer RFM, segment, churn status, P(alive) and CLV as of a day, with the settings
  // used) and campaigns (who was targeted, in which group, when it was sent). Customers are named by their
  // stable identity (platform, shop, customer key), not by customers.id, so a list or a snapshot reads the
  // same after the orders are imported again.
  `
  CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL UNIQUE,
    as_of      INTEGER NOT NULL,  -- epoch day, exclusive: purchases on earlier days count
    currency   TEXT NOT NULL,
    customers  INTEGER NOT NULL,
    settings   TEXT NOT NULL,     -- JSON: the rfm, churn and model settings used
    created_at TEXT NOT NULL
  );
  CREATE TABLE snapshot_customers (
    snapshot     INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    shop         TEXT NOT NULL,
    customer_key TEXT NOT NULL,
    display      TEXT NOT NULL,
    recency_days INTEGER NOT NULL,
    frequency    INTEGER NOT NULL,
    monetary     INTEGER NOT NULL, -- minor units
    orders       INTEGER NOT NULL,
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL,
    r            INTEGER NOT NULL,
    f            INTEGER NOT NULL,
    m            INTEGER NOT NULL,
    segment      TEXT NOT NULL,    -- the segment's id (its English name)
    churn_status TEXT CHECK (churn_status IS NULL OR churn_status = 'active' OR churn_status = 'at_risk' OR churn_status = 'churned'),
    p_alive      REAL,
    clv          REAL,             -- minor units
    PRIMARY KEY (snapshot, platform, shop, customer_key)
  ) WITHOUT ROWID;
  CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    sent_day   INTEGER,           -- epoch day the campaign went out
    source     TEXT NOT NULL,     -- the list file imported
    rows_read  INTEGER NOT NULL,
    unmatched  INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE campaign_members (
    campaign     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    shop         TEXT NOT NULL,
    customer_key TEXT NOT NULL,
    grp          TEXT NOT NULL CHECK (grp = 'treatment' OR grp = 'control'),
    PRIMARY KEY (campaign, platform, shop, customer_key)
  ) WITHOUT ROWID;
  `,
  // 5: what an import may conclude (issue 12): stale rows counted per import; each source's time zone,
  // currency (and whether it was assumed) and import settings, stored at its first import and reused; credit
  // notes and returns (order rows with a negative gross) found without a scan
  `
  ALTER TABLE imports ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sources ADD COLUMN zone TEXT;
  ALTER TABLE sources ADD COLUMN currency TEXT;
  ALTER TABLE sources ADD COLUMN currency_assumed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sources ADD COLUMN settings TEXT;
  CREATE INDEX order_rows_returns ON order_rows (currency, customer_id, day) WHERE gross < 0;
  `,
  // 6: an import's file size and what a re-import of the same bytes may reuse (db/import-replay.ts)
  `
  ALTER TABLE imports ADD COLUMN size INTEGER;
  ALTER TABLE imports ADD COLUMN replay TEXT;
  `,
  // 7: the row chunks of each source's last read file (db/row-chunks.ts), for re-imports that skip the
  // chunks nothing changed in
  `
  CREATE TABLE row_chunks (
    source INTEGER NOT NULL,
    part   INTEGER NOT NULL,
    key    TEXT NOT NULL,  -- what the rows were read with: version, settings, header
    data   BLOB NOT NULL,  -- per chunk five little-endian int32: digest (two), first order id, rows, orders
    PRIMARY KEY (source, part)
  );
  `,
  // 8: purchase runs delta-coded (db/purchase-runs-codec.ts: about 6 bytes an entry instead of 28). Runs are derived
  // data: dropped and marked stale as in migration 3, rebuilt on open by the live code
  "DELETE FROM purchase_runs; INSERT OR REPLACE INTO meta (key, value) VALUES ('purchase_runs_stale', '1');",
  // 9: denser order rows (issue 21): a status is stored as a small integer (db/status-codes.ts: 0 pending, 1 paid,
  // 2 shipped, 3 completed, 4 cancelled, 5 refunded, 6 partially_refunded, 7 unknown); a row's currency is NULL
  // when it is its source's `row_currency` (set once, with the source's first orders: its most common currency
  // here); the items digest is NULL for an order written without item lines (it is then the digest of its item
  // count alone). The `orders` view gives back the text status and the currency, so SQL readers see the same
  // columns. Returns are found through a partial index by customer and day (currency is checked per return).
  (db) => {
    db.exec('CREATE TEMP TABLE plain_digests (item_count INTEGER PRIMARY KEY, digest INTEGER NOT NULL)');
    const put = db.prepare('INSERT INTO temp.plain_digests (item_count, digest) VALUES (?, ?)');
    for (const n of db.prepare('SELECT DISTINCT item_count FROM order_rows').pluck().all() as number[]) put.run(n, digestItems(n, []));
    db.exec(`
    ALTER TABLE sources ADD COLUMN row_currency TEXT;
    UPDATE sources SET row_currency =
      (SELECT o.currency FROM order_rows o WHERE o.source = sources.id GROUP BY o.currency ORDER BY count(*) DESC, o.currency LIMIT 1);
    DROP VIEW orders;
    CREATE TABLE order_rows_v9 (
      id          INTEGER PRIMARY KEY,
      source      INTEGER NOT NULL,  -- sources.id
      order_id    TEXT NOT NULL,
      customer_id INTEGER,           -- customers.id; NULL when the export names no buyer
      ordered_ms  INTEGER NOT NULL,  -- UTC instant, ms since 1970
      day         INTEGER NOT NULL,  -- the store's local day, days since 1970-01-01
      status      INTEGER NOT NULL CHECK (status >= 0 AND status <= 7), -- db/status-codes.ts
      status_raw  TEXT,              -- the status text, stored only when it differs from status; '' for none (see the view)
      currency    TEXT,              -- NULL: the source's row_currency
      gross       INTEGER NOT NULL,
      discount    INTEGER NOT NULL DEFAULT 0,
      shipping    INTEGER NOT NULL DEFAULT 0,
      refunded    INTEGER NOT NULL DEFAULT 0,
      net         INTEGER NOT NULL,
      item_count  INTEGER NOT NULL DEFAULT 0,
      items_digest INTEGER,          -- items-digest.ts; NULL: written without item lines
      import_id   INTEGER NOT NULL   -- imports.id of the import that last wrote it
    );
    INSERT INTO order_rows_v9 (id, source, order_id, customer_id, ordered_ms, day, status, status_raw, currency, gross, discount, shipping,
        refunded, net, item_count, items_digest, import_id)
      SELECT o.id, o.source, o.order_id, o.customer_id, o.ordered_ms, o.day,
        CASE o.status WHEN 'pending' THEN 0 WHEN 'paid' THEN 1 WHEN 'shipped' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4
          WHEN 'refunded' THEN 5 WHEN 'partially_refunded' THEN 6 WHEN 'unknown' THEN 7 END,
        o.status_raw, CASE WHEN o.currency = s.row_currency THEN NULL ELSE o.currency END, o.gross, o.discount, o.shipping, o.refunded, o.net,
        o.item_count, CASE WHEN o.items_digest = (SELECT p.digest FROM temp.plain_digests p WHERE p.item_count = o.item_count) THEN NULL ELSE o.items_digest END,
        o.import_id
      FROM order_rows o LEFT JOIN sources s ON s.id = o.source ORDER BY o.id;
    CREATE TABLE order_items_v9 (
      order_ref  INTEGER NOT NULL REFERENCES order_rows_v9 (id) ON DELETE CASCADE,
      line       INTEGER NOT NULL,
      sku        TEXT,
      title      TEXT,
      quantity   INTEGER NOT NULL,
      unit_price INTEGER,
      line_total INTEGER,
      PRIMARY KEY (order_ref, line)
    ) WITHOUT ROWID;
    INSERT INTO order_items_v9 (order_ref, line, sku, title, quantity, unit_price, line_total)
      SELECT order_ref, line, sku, title, quantity, unit_price, line_total FROM order_items ORDER BY order_ref, line;
    DROP TABLE order_items;
    DROP TABLE order_rows;
    ALTER TABLE order_rows_v9 RENAME TO order_rows;
    ALTER TABLE order_items_v9 RENAME TO order_items;
    CREATE UNIQUE INDEX order_rows_by_key ON order_rows (source, order_id);
    CREATE INDEX order_rows_returns ON order_rows (customer_id, day) WHERE gross < 0;
    CREATE VIEW orders AS
      SELECT o.id, s.platform, s.shop, o.order_id, o.customer_id,
        strftime('%Y-%m-%dT%H:%M:%fZ', o.ordered_ms / 1000.0, 'unixepoch') AS ordered_at,
        date(o.day * 86400, 'unixepoch') AS order_day, o.day,
        CASE o.status WHEN 0 THEN 'pending' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' WHEN 3 THEN 'completed' WHEN 4 THEN 'cancelled'
          WHEN 5 THEN 'refunded' WHEN 6 THEN 'partially_refunded' WHEN 7 THEN 'unknown' END AS status,
        CASE WHEN o.status_raw IS NULL THEN
            CASE o.status WHEN 0 THEN 'pending' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' WHEN 3 THEN 'completed' WHEN 4 THEN 'cancelled'
              WHEN 5 THEN 'refunded' WHEN 6 THEN 'partially_refunded' WHEN 7 THEN 'unknown' END
          WHEN o.status_raw = '' THEN NULL ELSE o.status_raw END AS status_raw,
        coalesce(o.currency, s.row_currency) AS currency, o.gross, o.discount, o.shipping,
        o.refunded, o.net, o.item_count, o.import_id
      FROM order_rows o JOIN sources s ON s.id = o.source;
    DROP TABLE temp.plain_digests;
    `);
  },
  // 10: narrower customer rows for fast first imports (issue 21). Platform and shop become the source id, the
  // kind a number (0 id, 1 email, 2 phone, 3 name), the display form is stored only where it differs from the
  // key (NULL: the key). The unique key index leads with the key: SQLite sorts text-first keys with a quick
  // comparison, and builds it in about half the time of (platform, shop, key) at the end of a bulk first import.
  // `customers` stays, as a view with the old columns, for everything that reads customers with SQL.
  `
  INSERT INTO sources (platform, shop)
    SELECT DISTINCT c.platform, c.shop FROM customers c
    WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.platform = c.platform AND s.shop = c.shop) ORDER BY c.platform, c.shop;
  CREATE TABLE customer_rows (
    id        INTEGER PRIMARY KEY,
    source    INTEGER NOT NULL,  -- sources.id
    buyer_key TEXT NOT NULL,
    kind      INTEGER NOT NULL CHECK (kind = 0 OR kind = 1 OR kind = 2 OR kind = 3),  -- id, email, phone, name
    display   TEXT,              -- NULL when it is the key
    clear     TEXT
  );
  INSERT INTO customer_rows (id, source, buyer_key, kind, display, clear)
    SELECT c.id, s.id, c.buyer_key, CASE c.kind WHEN 'id' THEN 0 WHEN 'email' THEN 1 WHEN 'phone' THEN 2 ELSE 3 END,
      CASE WHEN c.display = c.buyer_key THEN NULL ELSE c.display END, c.clear
    FROM customers c JOIN sources s ON s.platform = c.platform AND s.shop = c.shop ORDER BY c.id;
  DROP TABLE customers;
  -- a named index, not a table constraint: a bulk import may drop it and build it once at the end
  CREATE UNIQUE INDEX customer_rows_by_key ON customer_rows (buyer_key, source);
  -- platform and shop by subqueries, not a join: a view of one table is merged into a query that LEFT JOINs it
  -- (orders to their customer: a row lookup each), where a joined view would be built in full first
  CREATE VIEW customers AS
    SELECT c.id, (SELECT s.platform FROM sources s WHERE s.id = c.source) AS platform,
      (SELECT s.shop FROM sources s WHERE s.id = c.source) AS shop, c.buyer_key, coalesce(c.display, c.buyer_key) AS display,
      CASE c.kind WHEN 0 THEN 'id' WHEN 1 THEN 'email' WHEN 2 THEN 'phone' ELSE 'name' END AS kind, c.clear
    FROM customer_rows c;
  `,
];
