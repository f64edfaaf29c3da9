/**
 * Benchmark: fit BG/NBD and Gamma-Gamma to one million seeded synthetic customers (not part of npm test).
 *
 *   npx vite-node bench/ltv-fit.ts [customers]
 *
 * Customers are simulated from BG/NBD (r 0.5, α 5, a 0.8, b 3, weeks) with first purchases spread over two
 * years before the end (T = 1..730 whole days), purchases merged to whole days as real data are; spend from
 * Gamma-Gamma (p 3, q 4, γ 40). Timed: compressing to unique rows, the fits, and the standard errors.
 */
import { compressBtyd, compressSpend } from '../src/analytics/models/btyd-data.js';
import { fitGammaGamma, fitTransactionModel } from '../src/analytics/models/fit-model.js';
import { simulateSpend, simulateTransactions } from '../src/analytics/models/simulate.js';

const n = Number(process.argv[2] ?? 1_000_000);
const truth = { bgnbd: [0.5, 5, 0.8, 3], gg: [3, 4, 40] };

let t0 = performance.now();
const sim = simulateTransactions('bgnbd', truth.bgnbd, n, 20240601, { observation: (rand) => (1 + Math.floor(730 * rand())) / 7, grid: 1 / 7 });
const spend = simulateSpend(truth.gg, sim.x, 99);
const simulateMs = performance.now() - t0;

t0 = performance.now();
const data = compressBtyd(sim.x, sim.tx, sim.T);
const compressMs = performance.now() - t0;
t0 = performance.now();
const bg = fitTransactionModel('bgnbd', data);
const bgMs = performance.now() - t0;
t0 = performance.now();
const { data: spendRows } = compressSpend(sim.x, spend);
const gg = fitGammaGamma(spendRows);
const ggMs = performance.now() - t0;

const fmt = (v: number[]): string => v.map((p) => p.toFixed(4)).join(', ');
console.log(`customers                ${n}`);
console.log(`simulate (not timed)     ${(simulateMs / 1000).toFixed(2)} s`);
console.log(`unique (x, t_x, T) rows  ${data.x.length}`);
console.log(`compress                 ${(compressMs / 1000).toFixed(2)} s`);
console.log(`BG/NBD fit + SEs         ${(bgMs / 1000).toFixed(2)} s  [${fmt(bg.params)}] truth [${fmt(truth.bgnbd)}] converged ${bg.converged}, ${bg.iterations} iterations, ${bg.startsAgreeing}/${bg.startsTried} starts agree`);
console.log(`Gamma-Gamma rows         ${spendRows.x.length} (${spendRows.customers} repeat customers)`);
console.log(`Gamma-Gamma fit + SEs    ${(ggMs / 1000).toFixed(2)} s  [${fmt(gg.params)}] truth [${fmt(truth.gg)}] converged ${gg.converged}`);
console.log(`TOTAL (compress + fits)  ${((compressMs + bgMs + ggMs) / 1000).toFixed(2)} s`);
