/**
 * Special functions the buy-till-you-die models need: log-gamma (with sign, for negative arguments),
 * digamma, a stable log-sum-exp, and the Gauss hypergeometric function 2F1.
 *
 * Written from the standard formulas (Lanczos approximation, reflection, the asymptotic series of the
 * digamma function, and the transformations of 2F1 in Abramowitz & Stegun 15.3.3–15.3.6).
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (NaN otherwise). Relative accuracy about 1e-15. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return x === Infinity ? Infinity : NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  if (x > 1e7) {
    // Stirling series; the Lanczos sum loses nothing here but this is cheaper and exact enough.
    const inv = 1 / x;
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + inv / 12 - (inv * inv * inv) / 360;
  }
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln|Γ(x)| and the sign of Γ(x) for any real x. At the poles (0, −1, −2, …) the sign is 0 and the log is
 * +Infinity, so that 1/Γ(x) = sign · exp(−log) comes out as 0.
 */
export function signedLnGamma(x: number): { sign: number; log: number } {
  if (x > 0) return { sign: 1, log: lnGamma(x) };
  if (Number.isInteger(x) || !Number.isFinite(x)) return { sign: 0, log: Infinity };
  // Reflection: Γ(x) Γ(1−x) = π / sin(πx), with Γ(1−x) > 0 for x < 1.
  const s = Math.sin(Math.PI * x);
  return { sign: s > 0 ? 1 : -1, log: Math.log(Math.PI / Math.abs(s)) - lnGamma(1 - x) };
}

/** ψ(x) = d/dx ln Γ(x), for x > 0. */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let result = 0;
  let y = x;
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Asymptotic series: ln y − 1/(2y) − Σ B_2k / (2k y^2k)
  result +=
    Math.log(y) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return result;
}

/** ln(e^a + e^b) without overflow or underflow; −Infinity terms are allowed. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(e^a − e^b) for a ≥ b (−Infinity when equal, NaN when a < b). */
export function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (a < b) return NaN;
  if (a === b) return -Infinity;
  return a + Math.log(-Math.expm1(b - a));
}

/** ln B(a, b), the log of the beta function. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

const SERIES_EPS = 1e-16;
/** Hard cap on series terms: enough for z up to about 1 − 4e-5 at full precision. */
const MAX_TERMS = 1_000_000;
/** Above this argument the 1 − z transformation is used (unless c − a − b is close to an integer). */
const TRANSFORM_ABOVE = 0.9;
/** Distance of c − a − b from an integer below which the 1 − z transformation is numerically useless. */
const NEAR_INTEGER = 1e-5;

/**
 * The power series Σ (a)_k (b)_k / ((c)_k k!) z^k for |z| < 1, summed until the remaining tail (bounded by a
 * geometric series) is below 1e-16 of the sum. Returns NaN when it does not converge within the term cap.
 */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  const absZ = Math.abs(z);
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1));
    term *= ratio * z;
    sum += term;
    if (term === 0) return sum;
    if (!Number.isFinite(sum)) return NaN;
    const rho = Math.max(Math.abs(ratio * z), absZ);
    if (rho < 1 && Math.abs(term) * (rho / (1 - rho)) <= SERIES_EPS * Math.abs(sum)) return sum;
  }
  return NaN;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 * - 0 ≤ z ≤ 0.9: the power series.
 * - z < 0: Pfaff's transformation 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)), which maps z to (0, 1).
 * - 0.9 < z < 1: the 1 − z connection formula (A&S 15.3.6), whose two series converge fast; when c − a − b
 *   is within 1e-5 of an integer that formula cancels catastrophically and the direct series is summed
 *   instead (slower, still exact to rounding for z up to about 1 − 4e-5).
 * - z = 1: Gauss's theorem when c − a − b > 0.
 *
 * Returns NaN when c is a non-positive integer, z > 1, or a series does not converge.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) return NaN;
  if (c <= 0 && Number.isInteger(c)) return NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    const w = z / (z - 1);
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w);
  }
  if (z === 1) {
    const d = c - a - b;
    if (!(d > 0)) return NaN;
    return gammaRatio([c, d], [c - a, c - b]);
  }
  if (z > 1) return NaN;
  if (z <= TRANSFORM_ABOVE) return hyp2f1Series(a, b, c, z);
  const d = c - a - b;
  if (Math.abs(d - Math.round(d)) < NEAR_INTEGER) return hyp2f1Series(a, b, c, z);
  const y = 1 - z;
  const first = gammaRatio([c, d], [c - a, c - b]);
  const second = gammaRatio([c, -d], [a, b]);
  const f1 = first === 0 ? 0 : first * hyp2f1Series(a, b, 1 - d, y);
  const f2 = second === 0 ? 0 : second * Math.pow(y, d) * hyp2f1Series(c - a, c - b, 1 + d, y);
  return f1 + f2;
}

/** Π Γ(num_i) / Π Γ(den_i), computed in logs with signs; 0 when a denominator argument is a pole. */
function gammaRatio(num: number[], den: number[]): number {
  let sign = 1;
  let log = 0;
  for (const v of num) {
    const g = signedLnGamma(v);
    if (g.sign === 0) return NaN;
    sign *= g.sign;
    log += g.log;
  }
  for (const v of den) {
    const g = signedLnGamma(v);
    if (g.sign === 0) return 0;
    sign *= g.sign;
    log -= g.log;
  }
  return sign * Math.exp(log);
}
