/**
 * Special functions the buy-till-you-die models need: log-gamma (with sign, for negative arguments),
 * digamma, a stable log-sum-exp, and the Gauss hypergeometric function 2F1.
 *
 * Written from the standard formulas (Lanczos approximation, reflection, the asymptotic series of the
 * digamma function, and the transformations of 2F1 in Abramowitz & Stegun 15.3.3–15.3.6). The derivatives
 * of 2F1 with respect to its parameters are those formulas differentiated term by term.
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

/** ψ(x) = d/dx ln Γ(x) for real x; NaN at the poles 0, −1, −2, … */
export function digamma(x: number): number {
  if (!(x > 0)) {
    if (!Number.isFinite(x) || Number.isInteger(x)) return NaN;
    // Reflection: ψ(1−x) − ψ(x) = π cot(πx).
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
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
 * The connection formula's condition: (|G1|·Σ|terms₁| + |G2 (1−z)^d|·Σ|terms₂|) / |F|. Above this its terms cancel
 * to fewer than ~11 good digits (with large parameters, c − a − b far from the others: a Pareto/NBD with r or s in
 * the hundreds gave 2F1 = 2.4e133 for 6.74); the direct series is summed instead where it is short enough.
 */
const MAX_CONDITION = 1e5;
/** The direct series in place of an ill-conditioned connection formula up to this z (≈ 37,000 terms), else NaN. */
const DIRECT_UP_TO = 0.999;
/** Σ|terms| of the last power series summed (hyp2f1Series, and the value part of hyp2f1SeriesDerivatives). */
let seriesAbsSum = 1;

/**
 * The power series Σ (a)_k (b)_k / ((c)_k k!) z^k for |z| < 1, summed until the remaining tail (bounded by a
 * geometric series) is below 1e-16 of the sum. Returns NaN when it does not converge within the term cap.
 */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let absSum = 1;
  const absZ = Math.abs(z);
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1));
    term *= ratio * z;
    sum += term;
    absSum += Math.abs(term);
    seriesAbsSum = absSum;
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
  let size = 0;
  let f1 = 0;
  if (first !== 0) {
    f1 = first * hyp2f1Series(a, b, 1 - d, y);
    size += Math.abs(first) * seriesAbsSum;
  }
  let f2 = 0;
  if (second !== 0) {
    const g2 = secondFactor(a, b, c, d, y, second);
    f2 = g2 * hyp2f1Series(c - a, c - b, 1 + d, y);
    size += Math.abs(g2) * seriesAbsSum;
  }
  const value = f1 + f2;
  if (size <= MAX_CONDITION * Math.abs(value)) return value;
  return z <= DIRECT_UP_TO ? hyp2f1Series(a, b, c, z) : NaN;
}

/**
 * G2 (1−z)^d of the connection formula, y = 1 − z. With large parameters G2 can overflow while (1−z)^d
 * underflows (e.g. Γ(−334.2)… against 1e−1600): then the two are combined in logs instead of giving NaN.
 */
function secondFactor(a: number, b: number, c: number, d: number, y: number, second: number): number {
  const product = second * Math.pow(y, d);
  return Number.isFinite(product) ? product : gammaRatio([c, -d], [a, b], d * Math.log(y));
}

/**
 * Π Γ(num_i) / Π Γ(den_i) · e^lnScale, computed in logs with signs; 0 when a denominator argument is a pole.
 */
function gammaRatio(num: number[], den: number[], lnScale = 0): number {
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
  return sign * Math.exp(log + lnScale);
}

/**
 * The power series of 2F1 with its derivatives, written into out = [F, ∂F/∂a, ∂F/∂b, ∂F/∂c, ∂F/∂z].
 *
 * Term k is t_k = (a)_k (b)_k / ((c)_k k!) z^k, so ∂t_k/∂a = t_k Σ_{j<k} 1/(a+j) (likewise b), ∂t_k/∂c =
 * −t_k Σ_{j<k} 1/(c+j) and ∂t_k/∂z = k t_k / z. F is summed with exactly the operations and the stopping
 * point of hyp2f1Series (so the value is the same number); the derivative sums continue until their own
 * tails, bounded by a geometric series times the growth of the harmonic sums, are below 1e-16 of F. None of
 * a, b, c may be a non-positive integer (for a or b that would make the series a polynomial whose parameter
 * derivatives this does not give).
 */
function hyp2f1SeriesDerivatives(a: number, b: number, c: number, z: number, out: Float64Array): void {
  let term = 1;
  let sum = 1;
  let absSum = 1;
  let valueDone = false;
  let ha = 0;
  let hb = 0;
  let hc = 0;
  let da = 0;
  let db = 0;
  let dc = 0;
  let dz = 0;
  const absZ = Math.abs(z);
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1));
    // (k+1) t_{k+1} / z without dividing by z.
    const zTerm = (k + 1) * term * ratio;
    term *= ratio * z;
    if (!valueDone) absSum += Math.abs(term);
    ha += 1 / (a + k);
    hb += 1 / (b + k);
    hc += 1 / (c + k);
    da += term * ha;
    db += term * hb;
    dc -= term * hc;
    dz += zTerm;
    const rho = Math.max(Math.abs(ratio * z), absZ);
    if (!valueDone) {
      sum += term;
      if (term === 0) valueDone = true;
      else if (!Number.isFinite(sum)) break;
      else if (rho < 1 && Math.abs(term) * (rho / (1 - rho)) <= SERIES_EPS * Math.abs(sum)) valueDone = true;
    }
    if (valueDone) {
      seriesAbsSum = absSum;
      if (term === 0 && zTerm === 0) {
        out[0] = sum;
        out[1] = da;
        out[2] = db;
        out[3] = dc;
        out[4] = dz;
        return;
      }
      if (rho < 1) {
        // Σ_{j>k} |t_j| H_j ≤ |t_k| (H_k q + q/((1−ρ) m)) with q = ρ/(1−ρ) and m the smallest |p + j| ahead;
        // Σ_{j>k} j|t_j|/|z| is bounded the same way from (k+1)|t_{k+1}|/|z|.
        const m = Math.min(Math.abs(a + k + 1), Math.abs(b + k + 1), Math.abs(c + k + 1), k + 2);
        const q = rho / (1 - rho);
        const growth = q * (1 + Math.abs(ha) + Math.abs(hb) + Math.abs(hc) + 3 / ((1 - rho) * m));
        if (Math.max(Math.abs(term), Math.abs(zTerm)) * growth <= SERIES_EPS * Math.abs(sum)) {
          out[0] = sum;
          out[1] = da;
          out[2] = db;
          out[3] = dc;
          out[4] = dz;
          return;
        }
      }
    }
  }
  out.fill(NaN);
}

/** Non-positive integer: a pole of Γ. */
function isPole(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

const scratch1 = new Float64Array(5);
const scratch2 = new Float64Array(5);

/**
 * 2F1(a, b; c; z) and its first derivatives with respect to a, b, c and z, written into `out` as
 * [F, ∂F/∂a, ∂F/∂b, ∂F/∂c, ∂F/∂z] (and returned), for a, b, c > 0 and 0 ≤ z < 1 (NaN elsewhere). F is the
 * same number hyp2f1 returns: the same branches (power series up to z = 0.9, the 1 − z connection formula
 * above unless c − a − b is within 1e-5 of an integer) evaluated with the same operations, differentiated:
 * in the connection formula
 *
 *   F = G1 · 2F1(a, b; 1−d; 1−z) + G2 (1−z)^d · 2F1(c−a, c−b; 1+d; 1−z),   d = c − a − b,
 *   G1 = Γ(c)Γ(d) / (Γ(c−a)Γ(c−b)),   G2 = Γ(c)Γ(−d) / (Γ(a)Γ(b)),
 *
 * the gamma ratios give digammas, (1−z)^d gives ln(1−z), and both series are differentiated term by term.
 */
export function hyp2f1Derivatives(a: number, b: number, c: number, z: number, out: Float64Array = new Float64Array(5)): Float64Array {
  if (![a, b, c, z].every(Number.isFinite) || !(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
    out.fill(NaN);
    return out;
  }
  if (z === 0) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    out[4] = (a * b) / c;
    return out;
  }
  const d = c - a - b;
  if (z <= TRANSFORM_ABOVE || Math.abs(d - Math.round(d)) < NEAR_INTEGER || isPole(c - a) || isPole(c - b)) {
    hyp2f1SeriesDerivatives(a, b, c, z, out);
    return out;
  }
  const y = 1 - z;
  const first = gammaRatio([c, d], [c - a, c - b]);
  const second = gammaRatio([c, -d], [a, b]);
  const s1 = scratch1;
  const s2 = scratch2;
  hyp2f1SeriesDerivatives(a, b, 1 - d, y, s1);
  const abs1 = seriesAbsSum;
  hyp2f1SeriesDerivatives(c - a, c - b, 1 + d, y, s2);
  const abs2 = seriesAbsSum;
  const g2 = secondFactor(a, b, c, d, y, second);
  // ill-conditioned: as hyp2f1 (the same test on the same numbers, so the same branch)
  if (!((first === 0 ? 0 : Math.abs(first) * abs1) + (second === 0 ? 0 : Math.abs(g2) * abs2) <= MAX_CONDITION * Math.abs(first * s1[0] + g2 * s2[0]))) {
    if (z <= DIRECT_UP_TO) hyp2f1SeriesDerivatives(a, b, c, z, out);
    else out.fill(NaN);
    return out;
  }
  const lnY = Math.log(y);
  const [pc, pd, pca, pcb, pmd, pa, pb] = [digamma(c), digamma(d), digamma(c - a), digamma(c - b), digamma(-d), digamma(a), digamma(b)];
  out[0] = first * s1[0] + g2 * s2[0];
  out[1] = first * ((pca - pd) * s1[0] + s1[1] + s1[3]) + g2 * ((pmd - pa - lnY) * s2[0] - s2[1] - s2[3]);
  out[2] = first * ((pcb - pd) * s1[0] + s1[2] + s1[3]) + g2 * ((pmd - pb - lnY) * s2[0] - s2[2] - s2[3]);
  out[3] = first * ((pc + pd - pca - pcb) * s1[0] - s1[3]) + g2 * ((pc - pmd + lnY) * s2[0] + s2[1] + s2[2] + s2[3]);
  out[4] = -(first * s1[4] + g2 * ((d / y) * s2[0] + s2[4]));
  return out;
}

/**
 * ln(e^a + e^b) without overflow, and into `share[0]` the part of the sum that e^b is, e^b / (e^a + e^b): the
 * two-term likelihoods of BG/NBD and its limits (alive through T, or gone after the last purchase).
 */
export function logSumExpShare(a: number, b: number, share: Float64Array): number {
  if (a >= b) {
    const e = Math.exp(b - a);
    share[0] = e / (1 + e);
    return a + Math.log1p(e);
  }
  const e = Math.exp(a - b);
  share[0] = 1 / (1 + e);
  return b + Math.log1p(e);
}

/** ζ(2) … ζ(16) (ZETA[s] = ζ(s)), for the Taylor series in lnScaledExpIntegral. */
const ZETA = [
  NaN, NaN, 1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.0173430619844492, 1.008349277381923,
  1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194, 1.000246086553308, 1.0001227133475785,
  1.0000612481350588, 1.000030588236307, 1.0000152822594086,
];
/** Below this distance of k − 1 from an integer, lnScaledExpIntegral sums Taylor series (|ε|^15 / 16 < 1e-16). */
const NEAR_INTEGER_TAYLOR = 0.1;
const EULER_GAMMA = 0.5772156649015329;

/** Per n: (−1)^(m+1) [ζ(m+1) − H_n^(m+1)]/(m+1) for m = 1 … 14 (index m), once. */
const taylorTable: Float64Array[] = [];
function taylorCoefficients(n: number): Float64Array {
  let c = taylorTable[n];
  if (c) return c;
  c = new Float64Array(15);
  for (let m = 1; m <= 14; m++) {
    let h = 0;
    for (let j = 1; j <= n; j++) h += Math.pow(j, -(m + 1));
    c[m] = ((m % 2 === 1 ? 1 : -1) * (ZETA[m + 1] - h)) / (m + 1);
  }
  taylorTable[n] = c;
  return c;
}

/**
 * ln J_k(z), J_k(z) = ∫_0^∞ (1+v)^−k e^−zv dv = e^z E_k(z) (E_k the generalised exponential integral, also
 * z^(k−1) e^z Γ(1−k, z)), for k > 0, z > 0: the integral the Pareto/NBD limits with one rate for everyone leave
 * (pnbd-limits.ts). Relative accuracy about 1e-14.
 *
 * - z ≥ 1 or k ≥ 12: the continued fraction J = 1/(z+k− 1·k/(z+k+2− 2(k+1)/(z+k+4− …))) (Legendre's, in the
 *   even form), evaluated by the modified Lentz method; it takes under 200 steps there.
 * - otherwise the series E_k(z) = Γ(1−k) z^(k−1) − Σ_m (−z)^m / (m! (1−k+m)), where for k within ½ of an
 *   integer n+1 the two terms that are singular there (Γ(1−k) and m = n) are summed as one:
 *   Γ(1−k) z^(k−1) − (−z)^n/(n!(−ε)) = (−1)^(n+1) z^n/n! · (e^w − 1)/ε, ε = k−1−n,
 *   w = ε ln z − [ln Γ(n+1+ε) − ln Γ(n+1)] + ln(πε / sin πε)
 *   (reflection of Γ(−n−ε)), with w/ε from Taylor series when |ε| < 0.1: ln Γ(n+1+ε) − ln Γ(n+1) =
 *   ψ(n+1) ε + Σ_{m≥1} (−1)^(m+1) [ζ(m+1) − H_n^(m+1)] ε^(m+1)/(m+1) (the polygammas at integers) and
 *   ln(πε / sin πε) = Σ_{j≥1} ζ(2j) ε^(2j) / j.
 */
export function lnScaledExpIntegral(k: number, z: number): number {
  if (!(k > 0 && z > 0) || !Number.isFinite(k) || !Number.isFinite(z)) return NaN;
  if (z >= 1 || k >= 12) {
    const TINY = 1e-300;
    let b = z + k;
    let c = 1 / TINY;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < 100_000; i++) {
      const an = -i * (i - 1 + k);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) d = TINY;
      c = b + an / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      const del = d * c;
      h *= del;
      if (Math.abs(del - 1) <= 1e-16) return Math.log(h);
    }
    return NaN;
  }
  const n = Math.round(k - 1);
  let singular = 0;
  if (n < 0) {
    singular = Math.exp(lnGamma(1 - k) + (k - 1) * Math.log(z));
  } else {
    const eps = k - 1 - n;
    const lnZ = Math.log(z);
    let harmonic = 0;
    for (let j = 1; j <= n; j++) harmonic += 1 / j;
    let dOverEps: number;
    let lqOverEps: number;
    if (Math.abs(eps) < NEAR_INTEGER_TAYLOR) {
      dOverEps = harmonic - EULER_GAMMA;
      lqOverEps = 0;
      const coefficients = taylorCoefficients(n);
      let power = 1;
      for (let m = 1; m <= 14; m++) {
        power *= eps;
        dOverEps += coefficients[m] * power;
        // ln(πε/sin πε)/ε: the odd powers ε^(2j−1), j = (m+1)/2
        if (m % 2 === 1) lqOverEps += (ZETA[m + 1] * power) / ((m + 1) / 2);
      }
    } else {
      dOverEps = (lnGamma(n + 1 + eps) - lnGamma(n + 1)) / eps;
      const x = Math.PI * eps;
      lqOverEps = Math.log(x / Math.sin(x)) / eps;
    }
    const wOverEps = lnZ - dOverEps + lqOverEps;
    const w = eps * wOverEps;
    const ratio = w === 0 ? wOverEps : (Math.expm1(w) / w) * wOverEps;
    singular = (n % 2 === 0 ? -1 : 1) * Math.exp(n * lnZ - lnGamma(n + 1)) * ratio;
  }
  // − Σ_{m ≠ n} (−z)^m / (m! (1−k+m))
  let sum = 0;
  let term = 1;
  for (let m = 0; m < 200; m++) {
    if (m > 0) term *= -z / m;
    if (m === n) continue;
    const t = term / (1 - k + m);
    sum -= t;
    if (m > n && Math.abs(t) <= 1e-17 * (Math.abs(sum) + Math.abs(singular))) break;
  }
  return z + Math.log(singular + sum);
}
