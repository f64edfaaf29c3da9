/**
 * The two comparisons of a campaign report, at 95%:
 *
 * - Conversion (share of customers who bought in the window), treatment p1 = x1/n1 against control p2 = x2/n2:
 *   the difference d = p1 − p2 with Newcombe's hybrid score interval (Newcombe 1998, method 10: Wilson score
 *   intervals [l_i, u_i] of each rate, then d − √((p1 − l1)² + (u2 − p2)²) to d + √((u1 − p1)² + (p2 − l2)²)),
 *   which keeps its coverage with few buyers where the plain Wald interval does not; the p-value of the
 *   two-proportion z-test with the pooled standard error, z = d / √(p̄(1 − p̄)(1/n1 + 1/n2)).
 * - Revenue per customer (every customer, buyers or not): the difference of means with Welch's t interval and
 *   test: se = √(s1²/n1 + s2²/n2), Welch–Satterthwaite degrees of freedom, the t quantile. Revenue is skewed;
 *   the interval leans on the central limit theorem and is rough below a few hundred customers per group.
 */
import { lnBeta } from './models/special-functions.js';

export const CONFIDENCE = 0.95;
const Z95 = 1.959963984540054;

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** Two-sided p-value of "no difference"; null when the test has nothing to go on. */
  p: number | null;
}

/** Wilson score interval of x successes in n (n ≥ 1). */
export function wilson(x: number, n: number, z = Z95): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Difference of two proportions x1/n1 − x2/n2 (n1, n2 ≥ 1). */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number): Interval {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const low = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // nobody bought in either group (or everybody did): the z-test has no spread to go on, so no p-value
  const p = se > 0 ? erfc(Math.abs(d / se) / Math.SQRT2) : null;
  return { estimate: d, low, high, p };
}

export interface Sample {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator). */
  variance: number;
}

export function describeSample(values: ArrayLike<number>): Sample {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/**
 * Welch's difference of means a − b; null when a group has fewer than 2 values, or when neither group has any
 * spread (every value alike in each, e.g. nobody bought): the t interval would have zero width, which is no
 * statement about the campaign.
 */
export function welchDifference(a: Sample, b: Sample): Interval | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const d = a.mean - b.mean;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return null;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = tQuantile(1 - (1 - CONFIDENCE) / 2, df);
  return { estimate: d, low: d - t * se, high: d + t * se, p: tTwoSided(Math.abs(d) / se, df) };
}

/** erfc(x), Chebyshev fit with fractional error below 1.2e-7 everywhere (Numerical Recipes, erfcc). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(|T| > t) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function tTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The q-quantile (q > 0.5) of Student's t, by bisection on the two-sided tail. */
export function tQuantile(q: number, df: number): number {
  const tail = 2 * (1 - q);
  let lo = 0;
  let hi = 1;
  while (tTwoSided(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Regularized incomplete beta I_x(a, b) by its continued fraction (Numerical Recipes, betai/betacf). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}
