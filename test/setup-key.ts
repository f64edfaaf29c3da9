/**
 * Every test file gets its own temporary folder (TMPDIR, so tmpdir() and the child processes it starts
 * write there), removed when the file's tests end: a full `npm test` leaves nothing behind in the system's
 * temporary folder. Inside it, its own HOME and key file (db/key-file.ts), so that no test reads or writes the
 * real user's config directory. The key is a fixed test key: buyer hashes in test outputs are the same on
 * every run. Tests of the key file's own rules set ORDERLENS_KEY_FILE per run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { keyFilePath } from '../src/db/key-file.js';

export const TEST_KEY = '0123456789abcdef'.repeat(4);

const root = mkdtempSync(path.join(tmpdir(), 'orderlens-tests-'));
process.env.TMPDIR = root;
afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 3 }));

const home = mkdtempSync(path.join(root, 'orderlens-home-'));
process.env.HOME = home;
process.env.USERPROFILE = home;
process.env.APPDATA = path.join(home, 'AppData');
delete process.env.XDG_CONFIG_HOME;
process.env.ORDERLENS_KEY_FILE = path.join(home, 'orderlens-key');
// the same key where the CLI looks when its environment names no key file (memoryIo's empty env)
for (const file of [process.env.ORDERLENS_KEY_FILE, keyFilePath({ HOME: home, APPDATA: process.env.APPDATA })]) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${TEST_KEY}\n`, { mode: 0o600 });
}
