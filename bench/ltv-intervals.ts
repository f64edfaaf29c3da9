/**
 * Benchmark: ltv's prediction intervals on a million seeded synthetic customers (not part of npm test).
 *
 *   npx vite-node bench/ltv-intervals.ts [customers]
 *
 * Customers simulated from BG/NBD (r 0.5, α 5, a 0.8, b 3, weeks) with Gamma-Gamma spend (p 3, q 4, γ 40),
 * first purchases spread over two years, purchases on whole days, as bench/ltv-fit.ts. Timed: the point
 * estimate as `orderlens ltv` computes it (fitting BG/NBD and Gamma-Gamma, then every customer's P(alive),
 * expected purchases, spend and CLV over 12 months), then the same predictions with 80% intervals (the
 * delta method: one more pass over the distinct rows per parameter, a spend gradient per customer) and the
 * interval of the shop's total. Wall and CPU seconds; the target is intervals within 3× the point estimate.
 */
import { buildLog, type CustomerRef } from '../src/domain/purchase-log.js';
import { computeLtvPredictions, fitLtv } from '../src/analytics/ltv.js';
import { simulateSpend, simulateTransactions } from '../src/analytics/models/simulate.js';
import { secs, timed } from './timing.js';

const n = Number(process.argv[2] ?? 1_000_000);


const end = 20_000;
const sim = simulateTransactions('bgnbd', [0.5, 5, 0.8, 3], n, 20240601, { observation: (rand) => (1 + Math.floor(730 * rand())) / 7, grid: 1 / 7 });
const spend = simulateSpend([3, 4, 40], sim.x, 20240602);
const entries: { customer: number; day: number; net: number }[] = [];
for (let i = 0; i < n; i++) {
  const T = Math.round(sim.T[i] * 7);
  const tx = Math.round(sim.tx[i] * 7);
  const first = end - T;
  entries.push({ customer: i, day: first, net: 4000 });
  const x = sim.x[i];
  // x distinct repeat days up to t_x (only x, t_x and T matter to the models)
  for (let k = 1; k <= x; k++) entries.push({ customer: i, day: first + Math.max(k, Math.round((tx * k) / x)), net: Math.max(1, Math.round(spend[i] * 100)) });
}
const customers: CustomerRef[] = Array.from({ length: n }, (_, i) => ({ key: `c${i}`, display: `c${i}`, platform: 'bench', shop: 'main', clear: null }));
const log = buildLog(customers, entries, 'USD');
entries.length = 0;
const options = { asOf: end + 1, unit: 'week' as const, model: 'bgnbd' as const };
console.log(`${n.toLocaleString('en-US')} customers, ${log.day.length.toLocaleString('en-US')} purchase days`);

const fit = timed(() => fitLtv(log, options));
console.log(`fit (BG/NBD + Gamma-Gamma): ${secs(fit)}; ${fit.result.chosen.label} ${fit.result.chosen.params.map((p) => p.toFixed(4)).join(', ')}, ${fit.result.chosen.rows.toLocaleString('en-US')} distinct rows`);
const point = timed(() => computeLtvPredictions(log, fit.result, options));
console.log(`predictions without intervals: ${secs(point)}`);
const withIntervals = timed(() => {
  const p = computeLtvPredictions(log, fit.result, { ...options, interval: 0.8 });
  const total = p.sums?.(new Int32Array(n), 1, 0.8)[0];
  return { p, total };
});
console.log(`predictions with 80% intervals and the total's: ${secs(withIntervals)}`);
const t = withIntervals.result.total;
if (t) console.log(`total expected purchases ${(t.purchases ?? NaN).toFixed(0)} (80%: ${(t.purchasesLow ?? NaN).toFixed(0)}–${(t.purchasesHigh ?? NaN).toFixed(0)}); total CLV ${((t.clv ?? NaN) / 100).toFixed(0)} (80%: ${((t.clvLow ?? NaN) / 100).toFixed(0)}–${((t.clvHigh ?? NaN) / 100).toFixed(0)})`);
const ratio = (k: 'wall' | 'cpu'): string => {
  const before = fit[k] + point[k];
  const after = fit[k] + withIntervals[k];
  return `${before.toFixed(2)} s → ${after.toFixed(2)} s: ${(after / before).toFixed(2)}× (predictions alone ${(withIntervals[k] / point[k]).toFixed(2)}×)`;
};
// On a busy machine the wall time also counts waiting for a CPU: the CPU ratio is the one to compare.
console.log(`point estimate (fit + predictions) → with intervals, CPU: ${ratio('cpu')}; wall: ${ratio('wall')}; target ≤ 3×`);
