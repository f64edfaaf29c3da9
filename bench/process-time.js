/** Timing a command as its own process, for the benchmark scripts (run.js, formats.js). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs a command under /usr/bin/time: wall and user+system CPU seconds, peak RSS in MB, and its output
 * (stdout 'pipe' to keep it). Runs with the benchmark's own hashing key, not the user's (see README,
 * Personal data), kept in `outDir`.
 */
export function timedProcess(outDir, cmd, args, { stdout = 'ignore' } = {}) {
  const report = path.join(outDir, `time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, cmd, ...args], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ORDERLENS_KEY_FILE: path.join(outDir, 'key') },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, sys, rssKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: rssKb / 1024, stdout: r.stdout ?? '', stderr: r.stderr };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
