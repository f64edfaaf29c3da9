import { describe, expect, it } from 'vitest';
import { bgNbd, mbgNbd } from './bg-nbd.js';
import { compressBtyd, compressSpend, subsampleRows } from './btyd-data.js';
import { fitGammaGamma, fitTransactionModel, SUBSAMPLE_ROWS, TRANSACTION_MODELS } from './fit-model.js';
import { conditionalExpectedSpend, gammaGammaLogLikelihood } from './gamma-gamma.js';
import { numericGradient } from './optimize.js';
import { paretoNbd } from './pareto-nbd.js';
import { simulateSpend, simulateTransactions } from './simulate.js';
import { TRANSACTION_MODEL_NAMES, type TransactionModelName } from './transaction-model.js';

const BG = [0.243, 4.414, 0.793, 2.426];
const PNBD = [0.553, 10.578, 0.606, 11.669];
const MBG = [0.525, 6.183, 0.891, 1.614];
const PARAMS: Record<TransactionModelName, number[]> = { bgnbd: BG, pnbd: PNBD, mbgnbd: MBG };

// A small hand-made data set touching the edge cases: x = 0, t_x = T, repeated rows (weights).
const small = compressBtyd([0, 0, 1, 2, 2, 5, 7, 1], [0, 0, 3.5, 30.43, 30.43, 12, 20, 20], [20, 38.86, 38.86, 38.86, 38.86, 30, 20, 25]);

describe('log-likelihoods', () => {
  it('compression keeps every customer and merges identical rows', () => {
    expect(small.customers).toBe(8);
    expect(small.x.length).toBe(7);
    expect(Array.from(small.xValues)).toEqual([0, 1, 2, 5, 7]);
  });

  it('weighted rows give the same log-likelihood as repeated rows', () => {
    const expanded = compressBtyd([2, 2, 2], [5, 5, 5], [10, 10, 10]);
    const weighted = compressBtyd([2], [5], [10], [3]);
    for (const name of TRANSACTION_MODEL_NAMES) {
      const m = TRANSACTION_MODELS[name];
      const lp = Float64Array.from(PARAMS[name], Math.log);
      expect(m.logLikelihood(lp, weighted)).toBeCloseTo(m.logLikelihood(lp, expanded), 10);
    }
  });

  it.each([
    ['bgnbd', BG],
    ['mbgnbd', MBG],
  ] as const)('%s analytic gradient matches finite differences', (name, params) => {
    const m = TRANSACTION_MODELS[name];
    const lp = Float64Array.from(params, Math.log);
    const g = new Float64Array(4);
    m.logLikelihood(lp, small, g);
    const ng = new Float64Array(4);
    numericGradient((p) => m.logLikelihood(p, small), 1e-6)(lp, ng);
    for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - ng[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(ng[i])));
  });

  describe('Pareto/NBD analytic gradient', () => {
    // Rows: x = 0, t_x = T (with x > 0), large x, short and long T. Parameter points: α < β and α ≥ β, with
    // 2F1 arguments from near 0 up to 0.98 (the 1 − z connection formula), away from the points where
    // c − a − b is an integer (there the finite differences themselves lose accuracy; see the next test).
    const rows: [number, number, number][] = [[0, 0, 30], [3, 10.5, 38], [12, 30, 31], [1, 0.5, 200], [4, 20, 20], [0, 0, 0.5], [2, 30.43, 38.86], [40, 99, 100]];
    const points = [PNBD, [0.553, 15.2, 0.606, 3.1], [1.3, 2.0, 2.2, 40], [0.5, 100, 1.4, 2], [2.3, 1, 0.3, 50], [0.9, 9, 0.8, 12], [0.3, 5, 0.7, 5]];
    it.each(points.map((p) => [p.join(', '), p]))('matches central finite differences at (%s)', (_label, params) => {
      const lp = Float64Array.from(params as number[], Math.log);
      for (const [x, tx, T] of rows) {
        const data = compressBtyd([x], [tx], [T]);
        const g = new Float64Array(4);
        const value = paretoNbd.logLikelihood(lp, data, g);
        // The value does not depend on whether the gradient is asked for.
        expect(value).toBe(paretoNbd.logLikelihood(lp, data));
        const ng = new Float64Array(4);
        numericGradient((p) => paretoNbd.logLikelihood(p, data), 1e-5)(lp, ng);
        const floor = 1e-3 * Math.max(...Array.from(ng, Math.abs));
        for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - ng[i]) / Math.max(Math.abs(ng[i]), floor)).toBeLessThan(1e-6);
      }
      // And over a data set with weights and shared (x, t) pairs.
      const g = new Float64Array(4);
      paretoNbd.logLikelihood(lp, small, g);
      const ng = new Float64Array(4);
      numericGradient((p) => paretoNbd.logLikelihood(p, small), 1e-5)(lp, ng);
      for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - ng[i]) / Math.max(Math.abs(ng[i]), 1e-3)).toBeLessThan(1e-6);
    });

    // [params, (x, t_x, T), gradient, ln L] from mpmath: ln L by quadrature of the dropout integral at 30 digits,
    // derivatives by mpmath.diff. s = 1 and r = 2 put c − a − b on an integer, where 2F1 is summed directly.
    it.each([
      [[0.5, 100, 1, 2], [0, 0, 30], [-0.024352217662403183, 0.02266089139204181, 0.03301449421949937, -0.016175993240840077], -0.024975937200978605],
      [[0.5, 100, 1, 2], [1, 0.5, 200], [0.9699135651255707, -0.9193728409086546, -0.06046979750204453, 0.1432943432165139], -5.629993359319487],
      [[2, 1, 0.3, 50], [0, 0, 30], [-2.3878298495296413, 1.0738850260758908, 0.8281290820083759, -0.8001430948354719], -5.053048666800394],
      [[2, 1, 0.3, 50], [3, 1, 60], [0.290746691964373, -0.007943633889545824, 0.9903088150436108, -0.9588847499282556], -6.138993091063857],
    ])('matches high-precision references where c − a − b is an integer: %j %j', (params, [x, tx, T], expected, lnL) => {
      const g = new Float64Array(4);
      const value = paretoNbd.logLikelihood(Float64Array.from(params, Math.log), compressBtyd([x], [tx], [T]), g);
      expect(Math.abs(value - lnL)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lnL)));
      for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - expected[i])).toBeLessThan(1e-10 * Math.max(1e-2, Math.abs(expected[i])));
    });
  });

  it('Gamma-Gamma analytic gradient matches finite differences', () => {
    const { data } = compressSpend([1, 2, 2, 5, 3], [10, 22.35, 40, 15.5, 8]);
    const lp = Float64Array.from([6.25, 3.74, 15.44], Math.log);
    const g = new Float64Array(3);
    gammaGammaLogLikelihood(lp, data, g);
    const ng = new Float64Array(3);
    numericGradient((p) => gammaGammaLogLikelihood(p, data), 1e-6)(lp, ng);
    for (let i = 0; i < 3; i++) expect(Math.abs(g[i] - ng[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(ng[i])));
  });

  it('BG/NBD log-likelihood of one customer equals the formula written out directly', () => {
    const [r, alpha, a, b] = BG;
    const [x, tx, T] = [2, 30.43, 38.86];
    const B = (p: number, q: number): number => Math.exp(lgammaRef(p) + lgammaRef(q) - lgammaRef(p + q));
    const common = (Math.exp(lgammaRef(r + x) - lgammaRef(r)) * Math.pow(alpha, r));
    const L = (B(a, b + x) / B(a, b)) * common / Math.pow(alpha + T, r + x) + (B(a + 1, b + x - 1) / B(a, b)) * common / Math.pow(alpha + tx, r + x);
    expect(bgNbd.logLikelihood(Float64Array.from(BG, Math.log), compressBtyd([x], [tx], [T]))).toBeCloseTo(Math.log(L), 12);
  });

  it('Pareto/NBD: both branches (α ≥ β and α < β) agree with numerical integration of the dropout term', () => {
    for (const params of [PNBD, [0.553, 15.2, 0.606, 3.1], [1.3, 2.0, 2.2, 40]]) {
      const [r, alpha, s, beta] = params;
      for (const [x, tx, T] of [[0, 0, 30], [3, 10.5, 38], [12, 30, 31], [1, 0.5, 200]]) {
        // L = Γ(r+x)α^r β^s/Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
        const integral = simpson((tau) => Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1)), tx, T, 20000);
        const L = Math.exp(lgammaRef(r + x) - lgammaRef(r)) * Math.pow(alpha, r) * Math.pow(beta, s) * (Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s) + s * integral);
        const ll = paretoNbd.logLikelihood(Float64Array.from(params, Math.log), compressBtyd([x], [tx], [T]));
        expect(ll).toBeCloseTo(Math.log(L), 9);
      }
    }
  });

  it('the log-likelihood stays finite for extreme but valid data', () => {
    const data = compressBtyd([0, 300, 1], [0, 700, 0.001], [1000, 700.5, 1000]);
    for (const name of TRANSACTION_MODEL_NAMES) {
      expect(Number.isFinite(TRANSACTION_MODELS[name].logLikelihood(Float64Array.from(PARAMS[name], Math.log), data))).toBe(true);
    }
  });
});

describe('predictions at the published CDNOW parameters', () => {
  it('BG/NBD: E[Y(39) | 2, 30.43, 38.86] = 1.226 and P(alive) = 0.727 (lifetimes tests, Hardie)', () => {
    expect(bgNbd.conditionalExpectedPurchases(BG, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
    expect(bgNbd.probabilityAlive(BG, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
    expect(bgNbd.probabilityAlive(BG, 0, 0, 38.86)).toBe(1);
  });

  it('BG/NBD: E[X(t)] at the MLE reproduces Hardie’s spreadsheet', () => {
    const mle = [0.24259, 4.41353, 0.79289, 2.42575];
    const ts = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    ts.forEach((t, i) => expect(Math.abs(bgNbd.expectedPurchases(mle, t) - expected[i])).toBeLessThan(6e-4));
  });

  // Long horizons in days push z = t/(α+T+t) above 0.9, where 2F1 switches to the 1 − z formula. Reference
  // values: scipy.special.hyp2f1 with the untransformed closed forms (BG/NBD, MBG/NBD).
  it.each([
    [5, 200, 272, 5000, 16.0057814202628, 17.90999140932204],
    [0, 0, 272, 20000, 3.79696205371648, 2.8477641867186847],
    [40, 250, 272, 3000, 91.17810831318516, 92.89243095952867],
    [1, 10, 272, 100000, 5.10038776567876, 7.8770978685154915],
  ])('BG and MBG E[Y(t)] for long horizons: x=%d t_x=%d T=%d t=%d', (x, tx, T, t, bg, mbg) => {
    const days = [0.243, 30.9, 0.793, 2.426];
    expect(Math.abs(bgNbd.conditionalExpectedPurchases(days, x, tx, T, t) / bg - 1)).toBeLessThan(1e-10);
    expect(Math.abs(mbgNbd.conditionalExpectedPurchases(days, x, tx, T, t) / mbg - 1)).toBeLessThan(1e-10);
  });

  it('Pareto/NBD: E[Y(52) | 26, 30.86, 31] = 25.46 (BTYD walkthrough)', () => {
    expect(paretoNbd.conditionalExpectedPurchases(PNBD, 26, 30.86, 31, 52)).toBeCloseTo(25.46, 2);
  });

  it('MBG/NBD: one-time buyers are not certainly alive', () => {
    const p = mbgNbd.probabilityAlive(MBG, 0, 0, 38.86);
    expect(p).toBeLessThan(1);
    expect(p).toBeCloseTo(1 / (1 + (0.891 / 1.614) * Math.pow((6.183 + 38.86) / 6.183, 0.525)), 12);
  });

  it('unconditional E[X(t)] equals the conditional formula for a brand-new customer, and grows with t', () => {
    for (const name of TRANSACTION_MODEL_NAMES) {
      const m = TRANSACTION_MODELS[name];
      const p = PARAMS[name];
      let prev = 0;
      for (const t of [0.5, 5, 39, 200, 5000]) {
        const e = m.expectedPurchases(p, t);
        expect(e).toBeGreaterThan(prev);
        expect(m.conditionalExpectedPurchases(p, 0, 0, 0, t)).toBeCloseTo(e, 10);
        prev = e;
      }
      expect(m.conditionalExpectedPurchases(p, 3, 10, 30, 0)).toBe(0);
    }
  });

  it('BG/NBD prediction is continuous through a = 1 (where the closed form is 0/0)', () => {
    const near = (a: number): number => bgNbd.conditionalExpectedPurchases([0.3, 5, a, 2], 3, 20, 30, 52);
    const h = 1e-3;
    expect(Number.isFinite(near(1))).toBe(true);
    expect(Math.abs(near(1) - (near(1 + h) + near(1 - h)) / 2)).toBeLessThan(1e-5);
  });

  it('Gamma-Gamma conditional spend for the first CDNOW customers (Hardie note 025)', () => {
    // At the maximum-likelihood estimate (the spreadsheet's), not the rounded published values.
    const gg = [6.2488, 3.7446, 15.4477];
    // Customer 1's repeat purchases: 29.73 and 14.96 (mean 22.345; the summary file rounds it to 22.35).
    expect(Math.abs(conditionalExpectedSpend(gg, 2, 22.345) - 24.65)).toBeLessThan(0.01);
    expect(conditionalExpectedSpend(gg, 1, 11.77)).toBeCloseTo(18.91, 2);
    expect(conditionalExpectedSpend(gg, 0, 0)).toBeCloseTo(35.17, 2);
    // pγ/(q−1) at the rounded published values: 35.22 (anchors §d).
    expect(conditionalExpectedSpend([6.25, 3.74, 15.44], 0, 0)).toBeCloseTo(35.22, 2);
    expect(conditionalExpectedSpend([1, 0.9, 10], 0, 0)).toBeNaN();
  });
});

describe('simulated customers behave as the closed forms predict', () => {
  // 40,000 customers observed for 30–40 weeks, followed for 39 more weeks: the mean of the actual holdout
  // purchases must match the mean of E[Y(39) | x, t_x, T] at the true parameters (Monte-Carlo error ≈ 1%).
  it.each(TRANSACTION_MODEL_NAMES.map((n) => [n]))('%s', (name) => {
    const m = TRANSACTION_MODELS[name];
    const p = PARAMS[name];
    const sim = simulateTransactions(name, p, 40_000, 11, { observation: (rand) => 30 + 10 * rand(), holdout: 39 });
    let actual = 0;
    let predicted = 0;
    let alive = 0;
    let pAlive = 0;
    let newCustomer = 0;
    for (let i = 0; i < sim.x.length; i++) {
      actual += sim.holdoutX[i];
      predicted += m.conditionalExpectedPurchases(p, sim.x[i], sim.tx[i], sim.T[i], 39);
      alive += sim.aliveAtT[i];
      pAlive += m.probabilityAlive(p, sim.x[i], sim.tx[i], sim.T[i]);
      newCustomer += m.expectedPurchases(p, sim.T[i]);
    }
    let observed = 0;
    for (const v of sim.x) observed += v;
    const n = sim.x.length;
    expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.04);
    expect(Math.abs(pAlive - alive) / n).toBeLessThan(0.01);
    expect(Math.abs(newCustomer - observed) / observed).toBeLessThan(0.04);
  });
});

describe('fitting recovers the parameters of simulated data', () => {
  // Seeded simulations; each estimate must be within 3.5 standard errors of the truth.
  const cases: [TransactionModelName, number[], number][] = [
    ['bgnbd', [0.8, 8, 0.6, 3.5], 20_000],
    ['mbgnbd', [0.8, 8, 0.6, 3.5], 20_000],
    ['pnbd', [0.9, 9, 0.8, 12], 4_000],
  ];
  it.each(cases)('%s', (name, truth, n) => {
    // Whole days in weeks, as real data are.
    const sim = simulateTransactions(name, truth, n, 7, { observation: (rand) => (91 + Math.floor(273 * rand())) / 7, grid: 1 / 7 });
    const fit = fitTransactionModel(name, compressBtyd(sim.x, sim.tx, sim.T));
    expect(fit.converged).toBe(true);
    truth.forEach((v, i) => {
      const se = fit.se[i];
      expect(se).not.toBeNull();
      expect(Math.abs(fit.params[i] - v)).toBeLessThan(3.5 * (se as number));
    });
  });

  it('gamma-gamma', () => {
    const truth = [4, 3, 20];
    const x = Float64Array.from({ length: 20_000 }, (_, i) => 1 + (i % 6));
    const m = simulateSpend(truth, x, 5);
    const { data } = compressSpend(x, m);
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    truth.forEach((v, i) => expect(Math.abs(fit.params[i] - v)).toBeLessThan(3.5 * (fit.se[i] as number)));
  });

  // The refinement on all rows starts from the subsample's estimate and its BFGS curvature. Pareto/NBD: whole
  // days over two years, as real data are (its cost grows with the distinct (x, t) pairs).
  it.each([
    ['bgnbd', [0.8, 8, 0.6, 3.5], 50_000, (rand: () => number) => 13 + 39 * rand(), undefined],
    ['pnbd', [0.9, 9, 0.8, 12], 90_000, (rand: () => number) => (1 + Math.floor(730 * rand())) / 7, 1 / 7],
  ] as const)('%s: on large data the subsample warm start reaches the same optimum as the full multi-start fit', (name, truth, n, observation, grid) => {
    const sim = simulateTransactions(name, [...truth], n, 21, { observation, grid });
    const data = compressBtyd(sim.x, sim.tx, sim.T);
    expect(data.x.length).toBeGreaterThan(2 * SUBSAMPLE_ROWS);
    const sub = subsampleRows(data, SUBSAMPLE_ROWS);
    expect(sub.x.length).toBeLessThanOrEqual(SUBSAMPLE_ROWS + 1);
    expect(sub.customers / data.customers).toBeCloseTo(sub.x.length / data.x.length, 1);
    const warm = fitTransactionModel(name, data);
    expect(warm.method).toContain('subsample');
    const full = fitTransactionModel(name, data, { starts: TRANSACTION_MODELS[name].starts(data) });
    expect(full.method).not.toContain('subsample');
    expect(warm.converged && full.converged).toBe(true);
    expect(Math.abs(warm.logLikelihood - full.logLikelihood)).toBeLessThan(1e-6);
    warm.params.forEach((v, i) => expect(v).toBeCloseTo(full.params[i], 4));
    warm.se.forEach((v, i) => expect(Math.abs((v as number) / (full.se[i] as number) - 1)).toBeLessThan(1e-4));
  });

  it('reports failure instead of a number when there is nothing to fit', () => {
    const fit = fitTransactionModel('bgnbd', compressBtyd([], [], []));
    expect(fit.converged).toBe(false);
    expect(fit.stop).toBe('no_data');
  });
});

describe('edges of the parameter space', () => {
  /**
   * E[Y(t) | alive] as the average over the posterior p ~ Beta(a, b + x + m) of (1 − (1 + pκ)^(−(r+x)))/p,
   * by Simpson's rule on a fine grid in u = p^(1/a) (which spreads a mass crowded near p = 1 evenly).
   */
  function expectedIfAliveReference(r: number, alpha: number, a: number, B: number, x: number, T: number, t: number): number {
    const kappa = t / (alpha + T);
    // p = u^(1/a): the density of u is ∝ (1 − u^(1/a))^(B−1), bounded for B ≥ 1.
    const g = (u: number) => {
      if (u <= 0) return (r + x) * kappa * Math.pow(1, B - 1);
      const p = Math.pow(u, 1 / a);
      return (-Math.expm1(-(r + x) * Math.log1p(p * kappa)) / p) * Math.pow(-Math.expm1(Math.log(u) / a), B - 1);
    };
    const w = (u: number) => (u <= 0 ? 1 : Math.pow(-Math.expm1(Math.log(u) / a), B - 1));
    return simpson(g, 0, 1, 200_000) / simpson(w, 0, 1, 200_000);
  }

  it('MBG/NBD: expected purchases stay finite where nobody repeated (a = 36,826, b = 0.00027: the series gave NaN)', () => {
    const params = [0.9336058, 2.8873763, 36825.869, 0.00027154824];
    const e = mbgNbd.conditionalExpectedPurchases(params, 0, 0, 30, 52);
    const alive = mbgNbd.probabilityAlive(params, 0, 0, 30);
    expect(e).toBeGreaterThan(0);
    expect(e / alive).toBeCloseTo(expectedIfAliveReference(params[0], params[1], params[2], params[3] + 1, 0, 30, 52), 5);
    expect(e).toBeCloseTo(4.4695e-10, 13);
  });

  it('BG/NBD and MBG/NBD with large a and b (where the series fails) match the reference average over p', () => {
    for (const m of [bgNbd, mbgNbd]) {
      const mm = m === mbgNbd ? 1 : 0;
      for (const [a, b] of [[347198.5, 3804.3], [98850, 8886], [2e8, 1.5e7]]) {
        const params = [0.28, 4.6, a, b];
        for (const [x, tx, T] of [[0, 0, 30], [3, 20, 30]]) {
          const e = m.conditionalExpectedPurchases(params, x, tx, T, 52);
          const alive = m.probabilityAlive(params, x, tx, T);
          // with a and b this large the posterior of p is nearly a point: compare with the point value too
          const p = a / (a + b + x + mm);
          const point = -Math.expm1(-(0.28 + x) * Math.log1p((p * 52) / (4.6 + T))) / p;
          expect(Number.isFinite(e), `${m.label} ${a} ${b} ${x}`).toBe(true);
          expect(e / alive / point).toBeCloseTo(1, 3);
        }
      }
    }
  });

  it('a boundary fit: BG/NBD on data with no dropout reaches a limit, with no standard errors for a and b', () => {
    // Poisson buyers who never stop: every customer keeps buying at their own rate until T.
    const sim = simulateTransactions('pnbd', [2, 20, 0.001, 1e6], 500, 1, { observation: (rand) => 20 + 40 * rand(), grid: 1 });
    const data = compressBtyd(sim.x, sim.tx, sim.T);
    const fit = fitTransactionModel('bgnbd', data);
    expect(fit.converged).toBe(true);
    expect(fit.boundary).not.toBeNull();
    expect(fit.se[0]).not.toBeNull();
    expect(fit.se[2]).toBeNull();
    expect(fit.se[3]).toBeNull();
    // at least as good as any interior point the optimiser can find from its own starts
    const interior = fitTransactionModel('bgnbd', data, { skipHessian: true });
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(interior.logLikelihood - 1e-3);
    // and the predictions are numbers
    expect(Number.isFinite(bgNbd.conditionalExpectedPurchases(fit.params, 2, 10, 30, 52))).toBe(true);
  });
});

/** Reference log-gamma by a different method (Stirling with shift), to check the likelihood formula. */
function lgammaRef(z: number): number {
  let shift = 0;
  while (z < 20) {
    shift += Math.log(z);
    z += 1;
  }
  const inv = 1 / z;
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + inv / 12 - inv ** 3 / 360 + inv ** 5 / 1260 - inv ** 7 / 1680 - shift;
}

function simpson(f: (t: number) => number, a: number, b: number, n: number): number {
  if (a === b) return 0;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += f(a + i * h) * (i % 2 ? 4 : 2);
  return (s * h) / 3;
}
