import { describe, expect, it } from 'vitest';
import { minimize, minimizeBfgs, type ObjectiveWithGradient } from './optimize.js';

// f(x) = ½ (x − c)ᵀ A (x − c) with a positive-definite, poorly scaled A; its inverse Hessian is A⁻¹.
const A = [
  [4, 1, 0],
  [1, 3, 0.2],
  [0, 0.2, 0.05],
];
const c = [1, -2, 3];
const quadratic: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  for (let i = 0; i < 3; i++) {
    let s = 0;
    for (let j = 0; j < 3; j++) s += A[i][j] * (x[j] - c[j]);
    g[i] = s;
    f += 0.5 * (x[i] - c[i]) * s;
  }
  return f;
};

function inverse3(m: number[][]): Float64Array {
  const [[a, b, cc], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + cc * (d * h - e * g);
  return Float64Array.from([e * i - f * h, cc * h - b * i, b * f - cc * e, f * g - d * i, a * i - cc * g, cc * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d], (v) => v / det);
}

describe('BFGS with a starting inverse Hessian', () => {
  it('the exact inverse Hessian of a quadratic finds the minimum in one step; the identity needs more', () => {
    const x0 = Float64Array.from([0, 0, 0]);
    const warm = minimizeBfgs(quadratic, x0, { initialInverseHessian: inverse3(A), maxStep: 100 });
    const cold = minimizeBfgs(quadratic, x0, { maxStep: 100 });
    expect(warm.converged && cold.converged).toBe(true);
    expect(warm.iterations).toBe(1);
    expect(cold.iterations).toBeGreaterThan(2);
    warm.x.forEach((v, i) => expect(v).toBeCloseTo(c[i], 8));
    // The final approximation is returned; it has learnt the curvature, so a run from elsewhere that starts
    // with it needs fewer iterations than one from the identity.
    expect(cold.inverseHessian).toHaveLength(9);
    const x1 = Float64Array.from([5, 5, -5]);
    const reused = minimizeBfgs(quadratic, x1, { initialInverseHessian: cold.inverseHessian, maxStep: 100 });
    const fresh = minimizeBfgs(quadratic, x1, { maxStep: 100 });
    expect(reused.converged && fresh.converged).toBe(true);
    expect(reused.iterations).toBeLessThan(fresh.iterations);
  });

  it('an unusable starting matrix (wrong size, not finite) is ignored', () => {
    const x0 = Float64Array.from([0, 0, 0]);
    const plain = minimizeBfgs(quadratic, x0);
    for (const bad of [new Float64Array(4), Float64Array.from([NaN, 0, 0, 0, 1, 0, 0, 0, 1])]) {
      const r = minimizeBfgs(quadratic, x0, { initialInverseHessian: bad });
      expect(r.iterations).toBe(plain.iterations);
      expect(Array.from(r.x)).toEqual(Array.from(plain.x));
    }
  });

  it('minimize passes it to the runs from the starts, not to the restart check', () => {
    const r = minimize(quadratic, [Float64Array.from([0, 0, 0])], { initialInverseHessian: inverse3(A), maxStep: 100 });
    expect(r.converged).toBe(true);
    // One step from the start, then the restart check stops at once.
    expect(r.iterations).toBe(1);
  });
});

describe('Newton steps where BFGS stops short of the tolerance', () => {
  // A narrow curved valley along x0 = x1 whose floor falls by 10⁻⁵ per unit, with the objective rounded to
  // 10⁻⁹ (as a sum of thousands of log-gamma terms is): the line searches stop seeing any decrease while
  // the (exact) gradient is still about 10⁻⁵.
  const valley: ObjectiveWithGradient = (x, g) => {
    const a = x[0] - x[1];
    const b = x[0] + x[1] - 10;
    const db = 1e-5 * (b * b * b + b);
    g[0] = a + db + 0.3 * a * a;
    g[1] = -a + db - 0.3 * a * a;
    return Math.round((0.5 * a * a + 0.1 * a * a * a + 1e-5 * (b ** 4 / 4 + (b * b) / 2) + 5) * 1e9) / 1e9;
  };
  it('finish the minimum to the gradient tolerance; BFGS alone ends above it', () => {
    const start = Float64Array.from([3, -1]);
    const bfgs = minimizeBfgs(valley, start, { gradientTolerance: 1e-8 });
    expect(bfgs.gradientNorm).toBeGreaterThan(1e-6);
    const r = minimize(valley, [start], { gradientTolerance: 1e-8, fallback: false });
    expect(r.converged).toBe(true);
    expect(r.method).toMatch(/,newton$/);
    expect(r.gradientNorm).toBeLessThan(1e-8);
    expect(r.x[0]).toBeCloseTo(5, 6);
    expect(r.x[1]).toBeCloseTo(5, 6);
  });
});
