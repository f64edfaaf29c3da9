/**
 * Unconstrained minimisation for maximum-likelihood fits on log-parameters: BFGS with a backtracking
 * (Armijo) line search, Nelder–Mead as the fallback, several starting points, and a convergence verdict
 * that callers report. Plus finite-difference gradients and Hessians.
 */

export type Objective = (x: Float64Array) => number;
/** Writes the gradient into `g` and returns the objective value. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export interface MinimizeOptions {
  /** Converged when the largest gradient component is below this. Default 1e-8. */
  gradientTolerance?: number;
  /** BFGS iterations per run. Default 500. */
  maxIterations?: number;
  /** Largest step in any coordinate per iteration (log-parameters: 3 = a factor of e³). Default 3. */
  maxStep?: number;
  /** With `minimize`: fall back to Nelder–Mead when BFGS fails from a start. Default true. */
  fallback?: boolean;
  /**
   * Starting approximation of the inverse Hessian (row-major n × n, symmetric positive definite), e.g. the
   * final one of a fit of the same objective on a subsample. Default: the identity, rescaled after the
   * first step.
   */
  initialInverseHessian?: Float64Array;
  /**
   * With `minimize`: Nelder–Mead stops once its best point has a coordinate beyond ±this (the objective runs
   * off towards a limit that is fitted otherwise: walking out there costs thousands of evaluations). Default none.
   */
  runOffBeyond?: number;
}

/** Why a minimisation stopped (the report layer says it in words: report/fit-words.ts). */
export type StopReason = 'not_finite_at_start' | 'gradient_below_tolerance' | 'line_search_failed' | 'no_further_decrease' | 'iteration_limit';

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** Largest absolute gradient component at `x`. */
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  /** Which methods ran, e.g. `bfgs` or `bfgs,nelder-mead,bfgs` (a trace for tests and debugging). */
  method: string;
  /** Why the search stopped. */
  stop: StopReason;
  /** BFGS's final approximation of the inverse Hessian at `x` (row-major), when BFGS ran. */
  inverseHessian?: Float64Array;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** Central-difference gradient (step h per coordinate) of a plain objective. */
export function numericGradient(f: Objective, h = 1e-5): ObjectiveWithGradient {
  return (x, g) => {
    const fx = f(x);
    const y = Float64Array.from(x);
    for (let i = 0; i < x.length; i++) {
      y[i] = x[i] + h;
      const fp = f(y);
      y[i] = x[i] - h;
      const fm = f(y);
      y[i] = x[i];
      g[i] = (fp - fm) / (2 * h);
    }
    return fx;
  };
}

/** BFGS on an objective with gradient. Never throws; a non-finite start gives converged = false. */
export function minimizeBfgs(fg: ObjectiveWithGradient, x0: Float64Array, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const gtol = options.gradientTolerance ?? 1e-8;
  const maxIter = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 3;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = fg(x, g);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    return { x, value: fx, gradientNorm: NaN, iterations: 0, converged: false, method: 'bfgs', stop: 'not_finite_at_start' };
  }
  // Inverse Hessian approximation, row-major.
  const warm = options.initialInverseHessian?.length === n * n && options.initialInverseHessian.every(Number.isFinite);
  let H = warm ? Float64Array.from(options.initialInverseHessian as Float64Array) : identity(n);
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let iter = 0;
  let stalls = 0;
  for (; iter < maxIter; iter++) {
    if (maxAbs(g) < gtol) return { x, value: fx, gradientNorm: maxAbs(g), iterations: iter, converged: true, method: 'bfgs', stop: 'gradient_below_tolerance', inverseHessian: H };
    // p = −H g
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      p[i] = s;
      slope += s * g[i];
    }
    if (!(slope < 0)) {
      // Not a descent direction: reset to steepest descent.
      H = identity(n);
      for (let i = 0; i < n; i++) p[i] = -g[i];
      slope = -dot(g, g);
    }
    const pMax = maxAbs(p);
    let step = pMax > maxStep ? maxStep / pMax : 1;
    let fNew = NaN;
    let accepted = false;
    // Halve until the Armijo condition holds; a step that moves no coordinate by 1e-10 is no step (the
    // objective's rounding noise decides it), so the search gives up there instead of after 60 halvings.
    for (let k = 0; k < 60 && step * pMax >= 1e-10; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope && gNew.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      if (stalls++ < 2) {
        H = identity(n);
        continue;
      }
      return { x, value: fx, gradientNorm: maxAbs(g), iterations: iter, converged: maxAbs(g) < gtol * 100, method: 'bfgs', stop: 'line_search_failed', inverseHessian: H };
    }
    stalls = 0;
    // BFGS update of the inverse Hessian with s = xNew − x, y = gNew − g.
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iter === 0 && !warm) {
        // Scale the initial matrix (Nocedal & Wright 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
      }
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += H[i * n + j] * y[j];
        Hy[i] = t;
      }
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          H[i * n + j] += rho * ((1 + rho * yHy) * s[i] * s[j] - Hy[i] * s[j] - s[i] * Hy[j]);
    }
    const fOld = fx;
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    fx = fNew;
    if (Math.abs(fOld - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) < gtol * 1e3) {
      return { x, value: fx, gradientNorm: maxAbs(g), iterations: iter + 1, converged: true, method: 'bfgs', stop: 'no_further_decrease', inverseHessian: H };
    }
  }
  const gn = maxAbs(g);
  return { x, value: fx, gradientNorm: gn, iterations: iter, converged: gn < gtol, method: 'bfgs', stop: gn < gtol ? 'gradient_below_tolerance' : 'iteration_limit', inverseHessian: H };
}

/** Nelder–Mead simplex search (no gradient). Used when BFGS fails; BFGS then polishes its result. */
export function minimizeNelderMead(f: Objective, x0: Float64Array, options: { maxIterations?: number; initialStep?: number; tolerance?: number; runOffBeyond?: number } = {}): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  const maxIter = options.maxIterations ?? 5000;
  const step = options.initialStep ?? 0.5;
  const tol = options.tolerance ?? 1e-12;
  const safe = (v: Float64Array): number => {
    const r = f(v);
    return Number.isFinite(r) ? r : Infinity;
  };
  const pts: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i] += step;
    pts.push(v);
  }
  const vals = pts.map(safe);
  let iter = 0;
  const centroid = new Float64Array(n);
  const at = (c: Float64Array, far: Float64Array, t: number): Float64Array => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = c[i] + t * (far[i] - c[i]);
    return v;
  };
  for (; iter < maxIter; iter++) {
    // A simplex that has found no finite value in 10n steps is lost: stop rather than spend thousands of
    // evaluations of a possibly expensive objective.
    if (iter >= 10 * n && vals.every((v) => v === Infinity)) break;
    const order = vals.map((_, i) => i).sort((i, j) => vals[i] - vals[j] || i - j);
    const sortedPts = order.map((i) => pts[i]);
    const sortedVals = order.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = sortedPts[i];
      vals[i] = sortedVals[i];
    }
    const spread = Math.abs(vals[n] - vals[0]);
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(pts[i][j] - pts[0][j]));
    if (Number.isFinite(vals[n]) && spread <= tol * Math.max(1, Math.abs(vals[0])) && size < 1e-9) break;
    if (options.runOffBeyond !== undefined && pts[0].some((v) => Math.abs(v) > (options.runOffBeyond as number))) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const worst = pts[n];
    const xr = at(centroid, worst, -1);
    const fr = safe(xr);
    if (fr < vals[0]) {
      const xe = at(centroid, worst, -2);
      const fe = safe(xe);
      if (fe < fr) [pts[n], vals[n]] = [xe, fe];
      else [pts[n], vals[n]] = [xr, fr];
    } else if (fr < vals[n - 1]) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n];
      const xc = at(centroid, worst, outside ? -0.5 : 0.5);
      const fc = safe(xc);
      if (fc < (outside ? fr : vals[n])) [pts[n], vals[n]] = [xc, fc];
      else {
        for (let i = 1; i <= n; i++) {
          pts[i] = at(pts[0], pts[i], 0.5);
          vals[i] = safe(pts[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[best]) best = i;
  return { x: pts[best], value: vals[best], iterations: iter };
}

/**
 * Minimises from each start with BFGS (from `initialInverseHessian` when given); a run that fails falls back
 * to Nelder–Mead followed by BFGS. The best result is then restarted once more with a fresh Hessian
 * approximation (a cheap check that BFGS did not stop early). `converged` means the final gradient is below
 * tolerance.
 */
export function minimize(
  fg: ObjectiveWithGradient,
  starts: Float64Array[],
  options: MinimizeOptions = {},
): MinimizeResult & { startsTried: number; startsAgreeing: number } {
  const gtol = options.gradientTolerance ?? 1e-8;
  const f: Objective = (x) => fg(x, new Float64Array(x.length));
  const fresh: MinimizeOptions = { ...options, initialInverseHessian: undefined };
  const results: MinimizeResult[] = [];
  for (const start of starts) {
    let r = minimizeBfgs(fg, start, options);
    if (!r.converged && options.fallback !== false) {
      const from = Number.isFinite(r.value) ? r.x : start;
      const nm = minimizeNelderMead(f, from, { runOffBeyond: options.runOffBeyond });
      if (Number.isFinite(nm.value)) {
        const polished = minimizeBfgs(fg, nm.x, fresh);
        const better = polished.value <= nm.value || !Number.isFinite(polished.value) ? polished : { ...polished, x: nm.x, value: nm.value };
        r = { ...better, iterations: r.iterations + nm.iterations + polished.iterations, method: 'bfgs,nelder-mead,bfgs' };
      }
    }
    results.push(r);
  }
  let best = results[0];
  for (const r of results) if (Number.isFinite(r.value) && (!Number.isFinite(best.value) || r.value < best.value)) best = r;
  if (Number.isFinite(best.value)) {
    const again = minimizeBfgs(fg, best.x, fresh);
    if (Number.isFinite(again.value) && again.value <= best.value) {
      // A restart that stops at once learnt nothing about the curvature: keep the approximation that did.
      const inverseHessian = again.iterations > 0 ? again.inverseHessian : best.inverseHessian;
      best = { ...again, iterations: best.iterations + again.iterations, method: best.method, inverseHessian };
    }
  }
  const agreeing = results.filter((r) => Number.isFinite(r.value) && Math.abs(r.value - best.value) <= 1e-7 * Math.max(1, Math.abs(best.value))).length;
  const tolerance = Math.max(gtol, 1e-6);
  const g = new Float64Array(best.x.length);
  let value = fg(best.x, g);
  if (Number.isFinite(value) && !(maxAbs(g) < tolerance)) {
    const polished = newtonPolish(fg, best.x, value, g, tolerance, options.maxStep ?? 3);
    if (polished.iterations > 0) {
      best = { ...best, x: polished.x, iterations: best.iterations + polished.iterations, method: `${best.method},newton`, stop: maxAbs(g) < tolerance ? 'gradient_below_tolerance' : best.stop };
      value = polished.value;
    }
  }
  const gradientNorm = maxAbs(g);
  const converged = Number.isFinite(value) && gradientNorm < tolerance;
  return { ...best, value, gradientNorm, converged, startsTried: starts.length, startsAgreeing: agreeing };
}

/**
 * Newton steps from where BFGS stopped short of the gradient tolerance. On a long, nearly flat ridge (the
 * Gamma-Gamma's q and γ trade off when customers' mean spends differ little) the last line searches can fail
 * on the objective's rounding, one summation order succeeding where another does not, while the gradient is
 * still above tolerance. A Newton step, from the Hessian by differences of the gradient, needs no line search:
 * it is kept when it shrinks the gradient and raises the objective by no more than its rounding (10⁻¹²
 * relative). Stops at the tolerance, after 8 steps, or at the first step not kept. Writes the final gradient
 * into `g`.
 */
function newtonPolish(fg: ObjectiveWithGradient, x0: Float64Array, f0: number, g: Float64Array, tolerance: number, maxStep: number): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  const f: Objective = (x) => fg(x, new Float64Array(n));
  let x = x0;
  let fx = f0;
  let iterations = 0;
  const gNew = new Float64Array(n);
  while (iterations < 8 && !(maxAbs(g) < tolerance)) {
    const inverse = invertSpd(numericHessian(x, f, fg, 1e-5));
    if (!inverse) break;
    const step = Float64Array.from(inverse, (row) => -dot(row, g));
    const longest = maxAbs(step);
    const shrink = longest > maxStep ? maxStep / longest : 1;
    const xNew = x.map((v, i) => v + shrink * step[i]);
    const fNew = fg(xNew, gNew);
    if (!Number.isFinite(fNew) || !gNew.every(Number.isFinite) || !(maxAbs(gNew) < maxAbs(g)) || fNew > fx + 1e-12 * Math.max(1, Math.abs(fx))) break;
    x = xNew;
    fx = fNew;
    g.set(gNew);
    iterations++;
  }
  if (iterations === 0) fg(x0, g);
  return { x, value: fx, iterations };
}

/**
 * Hessian by central differences. With a gradient: differences of the gradient (2n gradient calls);
 * without: the four-point second difference of the objective.
 */
export function numericHessian(x: Float64Array, f: Objective, fg?: ObjectiveWithGradient, h = 1e-4): Float64Array[] {
  const n = x.length;
  const H = Array.from({ length: n }, () => new Float64Array(n));
  const y = Float64Array.from(x);
  if (fg) {
    const gp = new Float64Array(n);
    const gm = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = x[i] + h;
      fg(y, gp);
      y[i] = x[i] - h;
      fg(y, gm);
      y[i] = x[i];
      for (let j = 0; j < n; j++) H[i][j] = (gp[j] - gm[j]) / (2 * h);
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        const m = (H[i][j] + H[j][i]) / 2;
        H[i][j] = m;
        H[j][i] = m;
      }
    return H;
  }
  const f0 = f(x);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v: number;
      if (i === j) {
        y[i] = x[i] + h;
        const fp = f(y);
        y[i] = x[i] - h;
        const fm = f(y);
        y[i] = x[i];
        v = (fp - 2 * f0 + fm) / (h * h);
      } else {
        const e = (di: number, dj: number): number => {
          y[i] = x[i] + di * h;
          y[j] = x[j] + dj * h;
          const r = f(y);
          y[i] = x[i];
          y[j] = x[j];
          return r;
        };
        v = (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h * h);
      }
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/** Inverse of a symmetric positive-definite matrix by Cholesky; null when it is not positive definite. */
export function invertSpd(A: Float64Array[]): Float64Array[] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  // Invert L, then A⁻¹ = L⁻ᵀ L⁻¹.
  const Li = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    Li[i][i] = 1 / L[i][i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i][k] * Li[k][j];
      Li[i][j] = s / L[i][i];
    }
  }
  const inv = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k][i] * Li[k][j];
      inv[i][j] = s;
      inv[j][i] = s;
    }
  return inv;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
