/**
 * `run(argv, io)` leaves the process it runs in alone (library callers, tests): what the binary does to its own
 * process (V8 heap settings for an import, reading process.stdin) comes through the io it passes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { fixture, tempDir } from './cli-harness.js';

const dir = tempDir();

describe('run(argv, io) and the process', () => {
  it('import asks the io to tune the process, once per run; an io without the hook is not tuned', async () => {
    let tuned = 0;
    const io = { ...memoryIo({ env: { ORDERLENS_KEY_FILE: path.join(dir, 'key') } }), tuneForImport: () => void tuned++ };
    expect(await run(['--db', path.join(dir, 'a.db'), 'import', fixture('generic', 'utf8.csv')], io)).toBe(0);
    expect(tuned).toBe(1);
    const plain = memoryIo({ env: { ORDERLENS_KEY_FILE: path.join(dir, 'key') } });
    expect(await run(['--db', path.join(dir, 'b.db'), 'import', fixture('generic', 'utf8.csv')], plain)).toBe(0);
    expect(await run(['--db', path.join(dir, 'a.db'), 'customers'], io)).toBe(0);
    expect(tuned).toBe(1);
  });

  it("import - reads the io's stdin; an io without one reads nothing (never process.stdin)", async () => {
    const io = memoryIo({ env: { ORDERLENS_KEY_FILE: path.join(dir, 'key') } });
    const code = await run(['--db', path.join(dir, 'c.db'), 'import', '-'], io);
    expect(code).toBe(1);
    expect(io.err()).toBe('orderlens: error: stdin: the file is empty\n');
  });
});
