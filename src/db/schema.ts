/**
 * The schema, as forward migrations. `PRAGMA user_version` holds the number of migrations applied; a new
 * schema change is a new entry at the end, never an edit of an old one.
 */
export const MIGRATIONS: readonly string[] = [
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
    status      TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded', 'partially_refunded', 'unknown')),
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
];
