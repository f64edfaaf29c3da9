// Where a command line names its command (src/cli/command-word.ts), and the limits of the thread that runs it (cli-thread.ts).
import { describe, expect, it } from 'vitest';
import { commandAt } from '../src/cli/command-word.js';
import { commandLimits } from '../src/cli/cli-thread.js';

describe('commandAt', () => {
  it('finds the command after any global options, with their values given apart or with =', () => {
    expect(commandAt(['import', 'a.csv'])).toBe(0);
    expect(commandAt(['--db', 'shop.db', 'import', 'a.csv'])).toBe(2);
    expect(commandAt(['--quiet', '--db=import', '--wait', '5', '--no-color', 'rfm'])).toBe(5);
    expect(commandAt(['--debug'])).toBe(1);
    expect(commandAt([])).toBe(0);
  });
});

describe('commandLimits', () => {
  it('gives an import’s thread a smaller young generation, and every other command V8’s own', () => {
    expect(commandLimits(['--db', 'import', 'import', 'a.csv'])).toEqual({ maxYoungGenerationSizeMb: 24 });
    expect(commandLimits(['--db', 'import', 'rfm'])).toBeUndefined();
    expect(commandLimits(['rfm', 'import'])).toBeUndefined();
    expect(commandLimits([])).toBeUndefined();
  });
});
