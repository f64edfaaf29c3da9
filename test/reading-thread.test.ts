// An import's reading thread may be started before the import knows its file (reading-thread.ts: the binary
// starts it first thing for a large file on the command line). Which files start one, that the import takes
// that thread and no other, and that the binary's import through it stores what an import without a thread does.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessagePort } from 'node:worker_threads';
import { openDb } from '../src/db/open.js';
import type { MapOptions } from '../src/import/map-file.js';
import { importFile } from '../src/index.js';
import { adoptReadingThread, readingThread, startReadingEarly, THREAD_MIN_BYTES, type ReadingThread } from '../src/import/reading-thread.js';
import { tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const dir = tempDir();
const big = path.join(dir, 'big.csv');
const small = path.join(dir, 'small.csv');
// a generic file just over THREAD_MIN_BYTES: 30,000 customers, some with several orders, two currencies' worth of statuses
{
  const fd = openSync(big, 'w');
  writeSync(fd, 'order_id,customer,date,amount,status\n');
  let bytes = 0;
  for (let i = 0; bytes <= THREAD_MIN_BYTES; i++) {
    const line = `${100000 + i},C${(i * 7919) % 30000},2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,${(i % 977) + 0.5},${i % 13 === 0 ? 'refunded' : 'completed'}\n`;
    writeSync(fd, line);
    bytes += line.length;
  }
  closeSync(fd);
  const s = openSync(small, 'w');
  writeSync(s, 'order_id,customer,date,amount\n1,a,2024-01-01,1.00\n');
  closeSync(s);
}

const taken: ReadingThread[] = [];
/** What an import sends its reading thread (MapOptions), for a generic file. */
const reading: MapOptions = { platform: 'auto', encoding: 'auto', keepCells: false, idKey: 'k'.repeat(64) };
afterAll(async () => {
  await Promise.all(taken.map((w) => w.terminate()));
});

describe('the reading thread started early', () => {
  it('starts for a large file on the command line, not for a small one, nor with --rejects; the import takes it', async () => {
    expect(startReadingEarly(['--shop', 'x', small])).toBeNull();
    expect(startReadingEarly(['--rejects', path.join(dir, 'r.csv'), big])).toBeNull();
    expect(startReadingEarly([`--rejects=${path.join(dir, 'r.csv')}`, big])).toBeNull();
    expect(startReadingEarly([path.join(dir, 'missing.csv')])).toBeNull();
    const port = startReadingEarly(['--shop', 'x', big]);
    expect(port).not.toBeNull();
    // the thread that runs the import adopts it (here: this one), and the import takes it
    const early = adoptReadingThread(port as MessagePort);
    const first = readingThread(big, reading);
    taken.push(first);
    expect(first).toBe(early);
    // it reads the file it is sent
    const opened = await new Promise<{ type: string; platform?: string }>((resolve) => first.once('message', resolve));
    expect(opened).toMatchObject({ type: 'opened', platform: 'generic' });
    // taken: the next import starts its own
    const second = readingThread(big, { platform: 'auto' });
    taken.push(second);
    expect(second).not.toBe(early);
  });

  it('a reading thread that ended before the import took it is not taken: the import starts its own', async () => {
    const port = startReadingEarly([big]) as MessagePort;
    const early = adoptReadingThread(port);
    const ended = new Promise((resolve) => early.once('exit', resolve));
    // its port closed (as when the thread fails to load or ends: it closes with the thread)
    port.close();
    await ended;
    const thread = readingThread(big, reading);
    taken.push(thread);
    expect(thread).not.toBe(early);
    const opened = await new Promise<{ type: string }>((resolve) => thread.once('message', resolve));
    expect(opened.type).toBe('opened');
  });

  // Linux: a thread that ends leaves /proc/self/task at once
  it.skipIf(!existsSync('/proc/self/task'))('ends when the import is done with it, while the importing thread is still busy (its memory goes with it)', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    adoptReadingThread(startReadingEarly([big]) as MessagePort);
    const thread = readingThread(big, reading);
    await new Promise((resolve) => thread.once('message', resolve));
    const running = threads();
    void thread.terminate();
    // this thread's event loop held up, as an import's COMMIT and key index hold it up after the last batch
    const wait = new Int32Array(new SharedArrayBuffer(4));
    const until = Date.now() + 5000;
    while (threads() >= running && Date.now() < until) Atomics.wait(wait, 0, 0, 10);
    expect(threads()).toBeLessThan(running);
  });

  it('the binary imports a large file through it: the same database as an import read in the writing thread', async () => {
    const viaBin = path.join(dir, 'bin.db');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'orderlens.js'), '--db', viaBin, 'import', big], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/big\.csv: read \d+, inserted \d+/);
    const inProcess = path.join(dir, 'in-process.db');
    const db = openDb(inProcess, { create: true });
    await importFile(db, big, { platform: 'auto', encoding: 'auto', keyFile: path.join(dir, 'unused'), thread: false });
    db.close();
    const contents = (file: string) => {
      const d = new Database(file, { readonly: true });
      const out = [
        d.prepare('SELECT order_id, customer_id, ordered_ms, day, status, currency, gross, net FROM order_rows ORDER BY id').all(),
        d.prepare('SELECT id, source, kind FROM customer_rows ORDER BY id').all(),
        d.prepare('SELECT currency, bucket, run, entries, hex(data) FROM purchase_runs ORDER BY currency, bucket, run').all(),
      ];
      d.close();
      return out;
    };
    const a = contents(viaBin);
    expect(a[0].length).toBeGreaterThan(150_000);
    expect(a).toEqual(contents(inProcess));
  });
});
