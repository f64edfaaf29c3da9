/**
 * Benchmark: maximum-likelihood fits on a million seeded synthetic customers (not part of npm test).
 *
 *   npx vite-node bench/ltv-fit.ts [customers] [--part bgnbd|pnbd]
 *
 * Part `bgnbd`: customers simulated from BG/NBD (r 0.5, α 5, a 0.8, b 3, weeks), spend from Gamma-Gamma
 * (p 3, q 4, γ 40); BG/NBD and Gamma-Gamma fitted (what `orderlens ltv` does by default).
 * Part `pnbd`: customers simulated from Pareto/NBD (r 0.5, α 5, s 0.6, β 20, weeks); Pareto/NBD, MBG/NBD and
 * BG/NBD fitted (the three fits of `ltv --model auto`).
 * In both, first purchases are spread over two years before the end (T = 1..730 whole days) and purchases
 * are merged to whole days, as real data are. Timed: compressing to unique rows, each fit with its standard
 * errors. Wall time and the process's CPU time (user + system) are printed: on a busy machine the wall time
 * also counts waiting for a CPU.
 */
import { compressBtyd, compressSpend } from '../src/analytics/models/btyd-data.js';
import { fitGammaGamma, fitTransactionModel, type ModelFit } from '../src/analytics/models/fit-model.js';
import { simulateSpend, simulateTransactions } from '../src/analytics/models/simulate.js';
import type { TransactionModelName } from '../src/analytics/models/transaction-model.js';
import { secs, timed } from './timing.js';

const args = process.argv.slice(2);
const partAt = args.indexOf('--part');
const part = partAt >= 0 ? args[partAt + 1] : null;
const positional = args.filter((a, i) => !a.startsWith('--') && (partAt < 0 || i !== partAt + 1));
const n = Number(positional[0] ?? 1_000_000);
const observation = (rand: () => number): number => (1 + Math.floor(730 * rand())) / 7;

const fmt = (v: number[]): string => v.map((p) => p.toFixed(4)).join(', ');


function describeFit(fit: ModelFit, truth?: number[]): string {
  return `[${fmt(fit.params)}]${truth ? ` truth [${fmt(truth)}]` : ''} converged ${fit.converged}, ${fit.iterations} iterations, ${fit.startsAgreeing}/${fit.startsTried} starts agree`;
}

console.log(`customers                ${n}`);

if (part === null || part === 'bgnbd') {
  const truth = { bgnbd: [0.5, 5, 0.8, 3], gg: [3, 4, 40] };
  const sim = simulateTransactions('bgnbd', truth.bgnbd, n, 20240601, { observation, grid: 1 / 7 });
  const spend = simulateSpend(truth.gg, sim.x, 99);
  const compress = timed(() => compressBtyd(sim.x, sim.tx, sim.T));
  const data = compress.result;
  const bg = timed(() => fitTransactionModel('bgnbd', data));
  const gg = timed(() => {
    const { data: spendRows } = compressSpend(sim.x, spend);
    return { fit: fitGammaGamma(spendRows), rows: spendRows };
  });
  console.log('\n-- simulated from BG/NBD; fits of `ltv` (BG/NBD + Gamma-Gamma)');
  console.log(`unique (x, t_x, T) rows  ${data.x.length}`);
  console.log(`compress                 ${secs(compress)}`);
  console.log(`BG/NBD fit + SEs         ${secs(bg)}  ${describeFit(bg.result, truth.bgnbd)}`);
  console.log(`Gamma-Gamma rows         ${gg.result.rows.x.length} (${gg.result.rows.customers} repeat customers)`);
  console.log(`Gamma-Gamma fit + SEs    ${secs(gg)}  ${describeFit(gg.result.fit, truth.gg)}`);
  console.log(`TOTAL (compress + fits)  ${(compress.wall + bg.wall + gg.wall).toFixed(2)} s (CPU ${(compress.cpu + bg.cpu + gg.cpu).toFixed(2)} s)`);
}

if (part === null || part === 'pnbd') {
  const truth = [0.5, 5, 0.6, 20];
  const sim = simulateTransactions('pnbd', truth, n, 20240601, { observation, grid: 1 / 7 });
  const compress = timed(() => compressBtyd(sim.x, sim.tx, sim.T));
  const data = compress.result;
  console.log('\n-- simulated from Pareto/NBD; the three fits of `ltv --model auto`');
  console.log(`unique (x, t_x, T) rows  ${data.x.length}`);
  console.log(`compress                 ${secs(compress)}`);
  let wall = compress.wall;
  let cpu = compress.cpu;
  const models: [TransactionModelName, string][] = [['pnbd', 'Pareto/NBD'], ['mbgnbd', 'MBG/NBD'], ['bgnbd', 'BG/NBD']];
  for (const [name, label] of models) {
    const fit = timed(() => fitTransactionModel(name, data));
    wall += fit.wall;
    cpu += fit.cpu;
    const ses = fit.result.se.map((v) => (v === null ? 'none' : v.toFixed(4))).join(', ');
    console.log(`${`${label} fit + SEs`.padEnd(25)}${secs(fit)}  ${describeFit(fit.result, name === 'pnbd' ? truth : undefined)}; SEs [${ses}], LL ${fit.result.logLikelihood.toFixed(4)}`);
  }
  console.log(`TOTAL (compress + fits)  ${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
}
