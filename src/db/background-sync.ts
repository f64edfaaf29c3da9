/**
 * A large import into a store in its first journal mode (a rollback journal: a new store's first import,
 * open.ts settleJournal) ends with a COMMIT that syncs the database file: the kernel then writes every page
 * the import has written so far (about 500 MB at 5M lines), and the import waits for the disk (0.3–0.9 s of
 * wall time at 1M–5M lines, nearly no CPU). Syncing the file every second while the import writes puts those
 * writes beside the import's work instead of after it; the COMMIT's own sync then finds little left to write.
 *
 * The sync goes to SQLite's own descriptor of the file (found in /proc/self/fd, so Linux only): opening and
 * closing another descriptor of the file would drop the POSIX locks SQLite holds on it. It runs on the
 * thread pool (fs.fdatasync), never on the writing thread, and changes nothing SQLite relies on: a sync only
 * makes pages durable sooner. In WAL mode a COMMIT does not sync (synchronous = NORMAL): nothing is done.
 */
import { fdatasync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import type { Db } from './db-handle.js';

/** How often the file is synced while the import writes. */
const EVERY_MS = 1000;

export class BackgroundSync {
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: Db,
    private readonly fd: number,
  ) {
    this.timer = setInterval(() => this.nudge(), EVERY_MS);
    this.timer.unref();
  }

  /**
   * Starts syncing `db` in the background while its transaction lasts: null when there is nothing to gain
   * (WAL, a database in memory, no /proc) or SQLite's descriptor is not found.
   */
  static start(db: Db): BackgroundSync | null {
    if (db.memory || db.readonly || process.platform !== 'linux') return null;
    if (db.pragma('journal_mode', { simple: true }) === 'wal') return null;
    const fd = sqliteDescriptor(db.name);
    return fd === null ? null : new BackgroundSync(db, fd);
  }

  /** Starts a sync now unless one is running (before a long step of the writing thread: its timer waits). */
  nudge(): void {
    if (this.running) return;
    // the transaction is over (committed, or rolled back by an error): SQLite may close its descriptor now
    if (!this.db.open || !this.db.inTransaction) {
      this.stop();
      return;
    }
    this.running = true;
    // an error (the disk full, say) is SQLite's to meet at its own write or COMMIT
    fdatasync(this.fd, () => (this.running = false));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** The descriptor SQLite has open on the database file `name`, or null. */
function sqliteDescriptor(name: string): number | null {
  try {
    const file = realpathSync(name);
    for (const entry of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${entry}`) === file) return Number(entry);
      } catch {
        // closed meanwhile (readdir's own descriptor, for one)
      }
    }
  } catch {
    // no /proc
  }
  return null;
}
