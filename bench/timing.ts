/** Wall and CPU time of a step, for the benchmark scripts. */

/** Runs `f`, returning its result with wall and CPU seconds. */
export function timed<T>(f: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}

export const secs = (t: { wall: number; cpu: number }): string => `${t.wall.toFixed(2)} s (CPU ${t.cpu.toFixed(2)} s)`;
