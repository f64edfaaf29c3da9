/**
 * The Gamma-Gamma fit checked from outside: against the published CDNOW estimates, and against computations
 * written here on their own (their own log-gamma, log-likelihood over uncompressed customers, Nelder–Mead and
 * golden-section searches), sharing no code with fit-model.ts / optimize.ts. Then the model's two limits (the
 * maximum on the edge of the parameter space), and data where no maximum exists.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compressSpend } from './btyd-data.js';
import { fitGammaGamma } from './fit-model.js';
import { conditionalExpectedSpend } from './gamma-gamma.js';
import { seededOpenRandom } from '../random.js';

/** ln Γ(z), z > 0: Lanczos (g = 7, n = 9; Numerical Recipes' coefficients), written here on purpose. */
function lnGammaHere(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGammaHere(1 - z);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const x = z - 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Σ ln f(m̄ | x) over customers one by one (Fader & Hardie 2013, eq. 1 of the note). */
function logLikelihoodHere(p: number, q: number, gamma: number, x: readonly number[], m: readonly number[]): number {
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    ll += lnGammaHere(px + q) - lnGammaHere(px) - lnGammaHere(q) + q * Math.log(gamma) + px * Math.log(x[i]) + (px - 1) * Math.log(m[i]) - (px + q) * Math.log(gamma + x[i] * m[i]);
  }
  return ll;
}

/** The limit q → ∞, q/γ = ν: m̄ ~ Gamma(px, νx); ν given p is p·Σx / Σx·m̄. Profile log-likelihood in p. */
function sameLevelProfile(p: number, x: readonly number[], m: readonly number[]): { ll: number; nu: number } {
  let sx = 0;
  let sxm = 0;
  for (let i = 0; i < x.length; i++) {
    sx += x[i];
    sxm += x[i] * m[i];
  }
  const nu = (p * sx) / sxm;
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    ll += px * Math.log(nu * x[i]) + (px - 1) * Math.log(m[i]) - nu * x[i] * m[i] - lnGammaHere(px);
  }
  return { ll, nu };
}

/** Plain Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½), restarted until it stops moving. */
function nelderMeadHere(f: (v: number[]) => number, start: number[]): number[] {
  let best = start;
  for (let restart = 0; restart < 6; restart++) {
    const n = best.length;
    let pts = [best, ...best.map((_, i) => best.map((v, j) => (i === j ? v + 0.3 : v)))];
    let vals = pts.map(f);
    for (let it = 0; it < 4000; it++) {
      const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
      pts = order.map((i) => pts[i]);
      vals = order.map((i) => vals[i]);
      if (vals[n] - vals[0] < 1e-13 * Math.abs(vals[0])) break;
      const c = best.map((_, j) => pts.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
      const along = (t: number) => c.map((v, j) => v + t * (pts[n][j] - v));
      const r = along(-1);
      const fr = f(r);
      if (fr < vals[0]) {
        const e = along(-2);
        const fe = f(e);
        [pts[n], vals[n]] = fe < fr ? [e, fe] : [r, fr];
      } else if (fr < vals[n - 1]) [pts[n], vals[n]] = [r, fr];
      else {
        const k = along(0.5);
        const fk = f(k);
        if (fk < vals[n]) [pts[n], vals[n]] = [k, fk];
        else for (let i = 1; i <= n; i++) [pts[i], vals[i]] = [pts[i].map((v, j) => (v + pts[0][j]) / 2), f(pts[i].map((v, j) => (v + pts[0][j]) / 2))];
      }
    }
    const moved = pts[0].some((v, j) => Math.abs(v - best[j]) > 1e-9);
    best = pts[0];
    if (!moved) break;
  }
  return best;
}

/** Golden-section maximum of a unimodal function on [lo, hi]. */
function goldenMax(f: (v: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [lo, hi];
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) > f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/** CDNOW's 946 calibration repeaters (to 1997-09-30): repeat purchase days and their mean spend, as lifetimes makes them. */
function cdnowRepeaters(): { x: number[]; m: number[] } {
  const lines = readFileSync(fileURLToPath(new URL('../../../fixtures/cdnow_sample.csv', import.meta.url)), 'utf8').trim().split('\n').slice(1);
  const days = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const [id, date, amount] = line.split(',');
    if (date > '1997-09-30') continue;
    let byDay = days.get(id);
    if (!byDay) days.set(id, (byDay = new Map()));
    byDay.set(date, (byDay.get(date) ?? 0) + Number(amount));
  }
  const x: number[] = [];
  const m: number[] = [];
  for (const byDay of days.values()) {
    const spends = [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
    if (spends.length < 2) continue;
    const repeat = spends.slice(1);
    const mean = repeat.reduce((s, v) => s + v, 0) / repeat.length;
    if (mean > 0) {
      x.push(repeat.length);
      m.push(mean);
    }
  }
  return { x, m };
}

describe('Gamma-Gamma on CDNOW', () => {
  const { x, m } = cdnowRepeaters();
  const fit = fitGammaGamma(compressSpend(x, m).data);

  it('reproduces the published estimates (Fader & Hardie 2013: p, q, γ = 6.25, 3.74, 15.44; LL −4055.9177 in CLVTools)', () => {
    expect(x.length).toBe(946);
    expect(fit.converged).toBe(true);
    expect(fit.boundary).toBeNull();
    expect(Math.abs(fit.params[0] - 6.25)).toBeLessThan(0.005);
    expect(Math.abs(fit.params[1] - 3.74)).toBeLessThan(0.005);
    expect(Math.abs(fit.params[2] - 15.44)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - -4055.9177)).toBeLessThan(0.001);
  });

  it('agrees with a Nelder–Mead search of a log-likelihood written here', () => {
    const nll = (v: number[]) => -logLikelihoodHere(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), x, m);
    const here = nelderMeadHere(nll, [0, 0, 0]).map(Math.exp);
    here.forEach((v, i) => expect(Math.abs(v / fit.params[i] - 1)).toBeLessThan(1e-5));
    expect(Math.abs(logLikelihoodHere(fit.params[0], fit.params[1], fit.params[2], x, m) - fit.logLikelihood)).toBeLessThan(1e-8);
    // the Nelder–Mead maximum is no higher than the fit's (beyond rounding)
    expect(-nll(here.map(Math.log))).toBeLessThan(fit.logLikelihood + 1e-8);
  });

  it('does not depend on the money unit: amounts ×100 and ×10⁶ move γ by the factor, the rest stays', () => {
    for (const factor of [100, 1e6]) {
      const scaled = fitGammaGamma(compressSpend(x, m.map((v) => v * factor)).data);
      expect(scaled.converged).toBe(true);
      expect(scaled.params[0] / fit.params[0]).toBeCloseTo(1, 6);
      expect(scaled.params[1] / fit.params[1]).toBeCloseTo(1, 6);
      expect(scaled.params[2] / (fit.params[2] * factor)).toBeCloseTo(1, 6);
      expect(scaled.logLikelihood - fit.logLikelihood).toBeCloseTo(-x.length * Math.log(factor), 4);
    }
  });
});

/** Repeat-spend data: x between 1 and 8, each customer's transactions drawn from `draw(customer)`. */
function spendShop(n: number, seed: number, draw: (rand: () => number, customer: number) => () => number): { x: number[]; m: number[] } {
  const rand = seededOpenRandom(seed);
  const x: number[] = [];
  const m: number[] = [];
  for (let c = 0; c < n; c++) {
    const xi = 1 + Math.floor(rand() * rand() * 8);
    const next = draw(rand, c);
    let s = 0;
    for (let k = 0; k < xi; k++) s += next();
    x.push(xi);
    m.push(s / xi);
  }
  return { x, m };
}

/** Gamma(shape, rate) by Marsaglia & Tsang. */
function gammaDraw(rand: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(rand, shape + 1, rate) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v / rate;
  }
}

describe('Gamma-Gamma where the maximum is a limit', () => {
  it('one spend level for everyone (q → ∞): the limit, its estimate from a golden-section search here, predictions the mean per repeat transaction', () => {
    // Transactions Gamma(2.5, 0.05) (mean 50), dealt out among the customers with the same x so that their
    // means differ less than chance would make them (sorted, then dealt back and forth): no spread between
    // customers at all, so the likelihood rises towards q → ∞ whatever the draw.
    const rand = seededOpenRandom(11);
    const x = Array.from({ length: 3000 }, () => 1 + Math.floor(rand() * rand() * 8));
    const sums = new Array<number>(x.length).fill(0);
    for (let xv = 1; xv <= 8; xv++) {
      const group = x.map((_, i) => i).filter((i) => x[i] === xv);
      const values = Array.from({ length: group.length * xv }, () => gammaDraw(rand, 2.5, 0.05)).sort((a, b) => a - b);
      values.forEach((v, k) => {
        const round = Math.floor(k / group.length);
        const j = k % group.length;
        sums[group[round % 2 === 0 ? j : group.length - 1 - j]] += v;
      });
    }
    const m = sums.map((s, i) => s / x[i]);
    const fit = fitGammaGamma(compressSpend(x, m).data);
    expect(fit.converged).toBe(true);
    expect(fit.stop).toBe('boundary');
    expect(fit.boundary).toBe('same_spend_level');
    expect(fit.ranOff).toEqual([false, true, true]);
    expect(fit.se[0]).not.toBeNull();
    expect(fit.se[1]).toBeNull();
    const pHere = goldenMax((p) => sameLevelProfile(p, x, m).ll, 0.1, 50);
    expect(Math.abs(fit.params[0] / pHere - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLikelihood - sameLevelProfile(pHere, x, m).ll)).toBeLessThan(1e-6);
    // the interior log-likelihood approaches the limit's from below as q grows along the ridge (q/γ = ν)
    const nu = sameLevelProfile(pHere, x, m).nu;
    const along = [1e2, 1e3, 1e4].map((q) => logLikelihoodHere(pHere, q, q / nu, x, m));
    expect(along[0]).toBeLessThan(along[1]);
    expect(along[1]).toBeLessThan(along[2]);
    expect(along[2]).toBeLessThan(fit.logLikelihood);
    // what is printed instead of q and γ (stand-ins at e^20): q/γ = ν, the transaction-value rate, with a standard error
    expect(fit.combined?.map((c) => c.name)).toEqual(['q/gamma']);
    expect(Math.abs((fit.combined?.[0].value ?? NaN) / nu - 1)).toBeLessThan(1e-5);
    expect(fit.combined?.[0].se).toBeGreaterThan(0);
    // everyone's expected spend is the mean per repeat transaction, to 10⁻⁵
    const perTransaction = x.reduce((s, xi, i) => s + xi * m[i], 0) / x.reduce((s, xi) => s + xi, 0);
    for (const [xi, mi] of [[0, 0], [1, 10], [8, 400], [400, 120]]) expect(Math.abs(conditionalExpectedSpend(fit.params, xi, mi) / perTransaction - 1)).toBeLessThan(1e-5);
  });

  it('spend the same at every purchase (p → ∞): the limit, its estimate from a Nelder–Mead search here; repeat customers keep their own mean', () => {
    // A price per customer paid at every purchase, about inverse-gamma (shape 3, scale 100) and spread wider
    // around 50 the more often the customer buys: a customer's mean spreads no less with x (a finite p would
    // have it spread less), so the likelihood rises towards p → ∞.
    const rand = seededOpenRandom(12);
    const x = Array.from({ length: 3000 }, () => 1 + Math.floor(rand() * rand() * 8));
    const m = x.map((xi) => 50 * Math.pow(100 / gammaDraw(rand, 3, 1) / 50, 1 + 0.1 * (xi - 1)));
    const fit = fitGammaGamma(compressSpend(x, m).data);
    expect(fit.converged).toBe(true);
    expect(fit.boundary).toBe('steady_spend');
    expect(fit.ranOff).toEqual([true, false, true]);
    // the limit: every m̄ inverse-gamma(q, δ) whatever x
    const nll = (v: number[]) => {
      const [q, delta] = v.map(Math.exp);
      return -m.reduce((s, mi) => s + q * Math.log(delta) - lnGammaHere(q) - (q + 1) * Math.log(mi) - delta / mi, 0);
    };
    const [qHere, deltaHere] = nelderMeadHere(nll, [0, Math.log(50)]).map(Math.exp);
    const [p, q, gamma] = fit.params;
    expect(Math.abs(q / qHere - 1)).toBeLessThan(1e-5);
    expect(Math.abs((p * gamma) / deltaHere - 1)).toBeLessThan(1e-5);
    expect(Math.abs(fit.logLikelihood - -nll([Math.log(qHere), Math.log(deltaHere)]))).toBeLessThan(1e-6);
    expect(conditionalExpectedSpend(fit.params, 3, 42.5)).toBeCloseTo(42.5, 4);
    // what is printed instead of p and γ (stand-ins at e^±20): p·γ = δ, with the standard error of the limit's
    // own likelihood here (the inverse of its numerical Hessian in ln q, ln δ)
    expect(fit.combined?.map((c) => c.name)).toEqual(['p*gamma']);
    expect(Math.abs((fit.combined?.[0].value ?? NaN) / deltaHere - 1)).toBeLessThan(1e-5);
    const at = [Math.log(qHere), Math.log(deltaHere)];
    const h = 1e-4;
    const d2 = (i: number, j: number) => {
      const f = (di: number, dj: number) => nll(at.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
      return (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h);
    };
    const [a, b, c] = [d2(0, 0), d2(0, 1), d2(1, 1)];
    const seLogDelta = Math.sqrt(a / (a * c - b * b));
    expect(Math.abs((fit.combined?.[0].se ?? NaN) / (deltaHere * seLogDelta) - 1)).toBeLessThan(1e-3);
    expect(conditionalExpectedSpend(fit.params, 0, 0) / (deltaHere / (qHere - 1))).toBeCloseTo(1, 5);
  });

  it('every repeat customer with the same mean spend: no maximum anywhere, and the fit says it did not converge', () => {
    const fit = fitGammaGamma(compressSpend([1, 2, 3, 1, 2], [99, 99, 99, 99, 99]).data);
    expect(fit.converged).toBe(false);
    expect(fit.boundary).toBeNull();
  });

  it('an ordinary shop keeps its interior fit (no limit is taken)', () => {
    const { x, m } = spendShop(4000, 13, (rand) => {
      const nu = gammaDraw(rand, 4, 20);
      return () => gammaDraw(rand, 3, nu);
    });
    const fit = fitGammaGamma(compressSpend(x, m).data);
    expect(fit.converged).toBe(true);
    expect(fit.boundary).toBeNull();
    expect(fit.combined).toBeUndefined();
    const here = nelderMeadHere((v) => -logLikelihoodHere(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), x, m), [0, 0, 0]).map(Math.exp);
    here.forEach((v, i) => expect(Math.abs(v / fit.params[i] - 1)).toBeLessThan(1e-4));
  });
});
