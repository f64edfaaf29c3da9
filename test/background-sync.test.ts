// BackgroundSync (src/db/background-sync.ts): a first import's database file synced while it writes.
import { mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundSync } from '../src/db/background-sync.js';
import { openDb, type Db } from '../src/db/open.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function storePath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-sync-'));
  dirs.push(dir);
  return path.join(dir, 'store.db');
}
const state = (s: BackgroundSync) => s as unknown as { fd: number; timer: unknown; running: boolean };

describe.runIf(process.platform === 'linux')('BackgroundSync', () => {
  it('syncs SQLite’s own descriptor of a new store during its first transaction, and stops when the transaction ends', async () => {
    const file = storePath();
    const db: Db = openDb(file, { create: true, holdNew: true });
    db.exec('BEGIN IMMEDIATE');
    const sync = BackgroundSync.start(db);
    expect(sync).not.toBeNull();
    const s = state(sync!);
    // the descriptor is the database file's (not the journal's, not one of ours)
    expect(readlinkSync(`/proc/self/fd/${s.fd}`)).toBe(realpathSync(file));
    db.exec("INSERT INTO sources (platform, shop) VALUES ('generic', 'default')");
    sync!.nudge();
    expect(s.running).toBe(true);
    await new Promise<void>((resolve) => {
      const wait = () => (s.running ? setTimeout(wait, 5) : resolve());
      wait();
    });
    db.exec('COMMIT');
    sync!.nudge();
    expect(s.running).toBe(false);
    expect(s.timer).toBeNull();
    db.close();
  });

  it('does nothing for a store in WAL or in memory', () => {
    const file = storePath();
    openDb(file, { create: true }).close();
    const wal = openDb(file, { create: true });
    expect(wal.pragma('journal_mode', { simple: true })).toBe('wal');
    wal.exec('BEGIN IMMEDIATE');
    expect(BackgroundSync.start(wal)).toBeNull();
    wal.exec('ROLLBACK');
    wal.close();
    const memory = openDb(':memory:', { create: true });
    expect(BackgroundSync.start(memory)).toBeNull();
    memory.close();
  });
});
