import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, hyp2f1Derivatives, lnGamma, lnScaledExpIntegral, logDiffExp, logSumExp, logSumExpShare, signedLnGamma } from './special-functions.js';

/** Relative difference, with an absolute floor for values near 0. */
function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1e-300, Math.abs(expected));
}

describe('lnGamma and digamma', () => {
  // Reference values computed with mpmath at 30 digits.
  const cases: [number, number, number][] = [
    [0.243, 1.3180435846996699, -4.351093864423211],
    [0.5, 0.5723649429247001, -1.9635100260214235],
    [1, 0, -0.5772156649015329],
    [1.5, -0.12078223763524522, 0.03648997397857652],
    [2.5, 0.2846828704729192, 0.7031566406452432],
    [10.7, 14.403210596298516, 2.3227875370240185],
    [171.3, 708.1149470389969, 5.140494709624819],
    [1e6, 12815504.569147611, 13.815510057964191],
  ];
  it.each(cases)('x = %d', (x, lg, dg) => {
    expect(Math.abs(lnGamma(x) - lg)).toBeLessThan(1e-13 * Math.max(1, Math.abs(lg)));
    expect(Math.abs(digamma(x) - dg)).toBeLessThan(1e-13 * Math.max(1, Math.abs(dg)));
  });

  it('integers give factorials', () => {
    expect(Math.exp(lnGamma(6))).toBeCloseTo(120, 10);
    expect(Math.exp(lnGamma(11))).toBeCloseTo(3628800, 4);
  });

  it('signed log-gamma handles negative arguments and poles', () => {
    // Γ(−0.5) = −2√π
    const g = signedLnGamma(-0.5);
    expect(g.sign).toBe(-1);
    expect(rel(g.sign * Math.exp(g.log), -2 * Math.sqrt(Math.PI))).toBeLessThan(1e-14);
    // Γ(−1.5) = 4√π/3
    const h = signedLnGamma(-1.5);
    expect(rel(h.sign * Math.exp(h.log), (4 * Math.sqrt(Math.PI)) / 3)).toBeLessThan(1e-14);
    expect(signedLnGamma(-2).sign).toBe(0);
  });

  it('rejects non-positive arguments', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1)).toBeNaN();
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2)).toBeNaN();
  });

  it('digamma of negative non-integers (reflection; mpmath references)', () => {
    expect(rel(digamma(-0.3), 2.113309779635399)).toBeLessThan(1e-13);
    expect(rel(digamma(-1.7), -1.4857174995110567)).toBeLessThan(1e-13);
    expect(rel(digamma(-0.5), 0.03648997397857652)).toBeLessThan(1e-12);
  });
});

describe('log-sum-exp', () => {
  it('is stable for large and −∞ arguments', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-1000, -Infinity)).toBe(-1000);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(0, -800)).toBe(0);
    expect(logDiffExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logDiffExp(2, 2)).toBe(-Infinity);
  });

  it('logSumExpShare: the same sum as logSumExp, and the second term\'s share of it, either side larger', () => {
    const share = new Float64Array(1);
    for (const [a, b] of [[Math.log(3), Math.log(1)], [Math.log(1), Math.log(3)], [2, 2], [1000, 998], [-5, 700]]) {
      expect(logSumExpShare(a, b, share)).toBeCloseTo(logSumExp(a, b), 12);
      expect(share[0]).toBeCloseTo(1 / (1 + Math.exp(a - b)), 14);
    }
    logSumExpShare(Math.log(3), Math.log(1), share);
    expect(share[0]).toBeCloseTo(0.25, 15);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [-3, -0.5, 0.1, 0.5, 0.89, 0.93, 0.99]) {
      // 2F1(1,1;2;z) = −ln(1−z)/z
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-13);
      // 2F1(a,b;b;z) = (1−z)^−a
      expect(rel(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7))).toBeLessThan(1e-13);
    }
    for (const x of [0.2, 0.5, 0.9, 0.99]) {
      // 2F1(1/2,1/2;3/2;x²) = arcsin(x)/x
      expect(rel(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-13);
    }
    // Polynomial case: a = −2 → 1 + 2·(−b z/c)… check 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.7, 2.9, 0.6];
    expect(rel(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)))).toBeLessThan(1e-14);
  });

  // Reference values computed with mpmath (hyp2f1 at 30 digits); they cover the series, the 1 − z
  // transformation, the near-integer fallback (c − a − b = 0 and 1 − z = 0.05), and negative z.
  const cases: [number, number, number, number, number][] = [
    [2.243, 3.426, 3.219, 0.4737, 4.660740476673164],
    [0.3, 2.5, 4.1, 0.95, 1.375588406679041],
    [1.7, 0.4, 2.2, 0.999, 3.4240884722121283],
    [3.5, 1.2, 2.0, -0.5, 0.44214995116524364],
    [1.5, 2.5, 3.0, -5.0, 0.09444993480676946],
    [0.553, 1.606, 2.159, 0.3, 1.1540389506896114],
    [1, 12.5, 14.2, 0.9999, 18.415611441381618],
    [2.3, -0.207, 4.4, 0.97, 0.8483099042344321],
    [-3, 2.5, 1.5, 0.7, -0.09900000000000002],
    [50.2, 51.4, 52.1, 0.6, 50678281086407630000],
    [1.25, 0.75, 3.0, 0.92, 1.6443634970716376],
    [0.5, 0.5, 1.0, 0.95, 1.8515049970729283],
  ];
  it.each(cases)('2F1(%d, %d; %d; %d)', (a, b, c, z, expected) => {
    expect(rel(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-11);
  });

  it('Gauss theorem at z = 1 and the limits of the domain', () => {
    // 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); for (1,1;3): Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 12);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.2)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.3)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
  });

  it('is continuous across the switch to the 1 − z formula', () => {
    const below = hyp2f1(0.9, 1.3, 2.75, 0.9);
    const above = hyp2f1(0.9, 1.3, 2.75, 0.9 + 1e-12);
    expect(rel(above, below)).toBeLessThan(1e-10);
  });
});

describe('hyp2f1Derivatives', () => {
  // [a, b, c, z, F, ∂F/∂a, ∂F/∂b, ∂F/∂c, ∂F/∂z], references from mpmath (hyp2f1 and diff at 40 digits). They
  // cover the power series, the 1 − z connection formula (z > 0.9, including c − a − b < 0), and the
  // near-integer fallback (c − a − b = 1 at z = 0.93).
  const cases: number[][] = [
    [1, 1.553, 3.159, 0.3, 1.18188161459663, 0.20199654138980208, 0.13307159422672601, -0.06758182489482192, 0.7521725634592645],
    [1, 1.606, 2.159, 0.0931, 1.07504081535977, 0.07810097964300057, 0.04908498378532088, -0.03670992248289675, 0.8736729192846254],
    [1, 12.5, 14.2, 0.85, 4.254538049930592, 6.294404085928028, 0.9684399321208128, -0.8691612111703034, 17.604427619048824],
    [1, 2.6, 4.4, 0.95, 3.0650323548456617, 4.010077389064286, 2.1048810793600015, -1.4545153282485932, 11.568840210390178],
    [1, 0.7, 2.3, 0.999, 2.1177306299822445, 2.623429560154716, 3.231954185899535, -1.6529702549908938, 27.907117687353278],
    [0.3, 2.5, 4.1, 0.95, 1.3755884066790407, 1.537151638759106, 0.2874567157960414, -0.19423765561470832, 1.201341624855757],
    [1.7, 0.4, 2.2, 0.97, 2.2798212158835556, 2.1021264149520076, 5.162692753607372, -1.8034393732516723, 12.540306296364731],
    [1, 1.5, 3.5, 0.93, 2.0332848825269463, 1.7212456497545658, 1.2741665838800973, -0.6727990634466042, 3.8897112873690403],
    [1, 30.553, 32.159, 0.5, 1.9072364308323673, 1.2325658091986476, 0.05521576799595568, -0.05252665654911315, 3.4692695492197174],
    [2.243, 3.426, 3.219, 0.4737, 4.660740476673164, 3.1628123537099375, 2.246878790130764, -2.364570725087219, 21.32249817787844],
    [1, 1.2, 1.9, 0.992, 10.413315396196023, 34.26244040947706, 31.76924798320456, -26.369152937655535, 494.4590210503178],
  ];
  it.each(cases)('2F1(%d, %d; %d; %d) and its derivatives', (a, b, c, z, ...expected) => {
    const out = hyp2f1Derivatives(a, b, c, z);
    // The value is the very number hyp2f1 returns.
    expect(out[0]).toBe(hyp2f1(a, b, c, z));
    for (let i = 0; i < 5; i++) expect(rel(out[i], expected[i])).toBeLessThan(1e-12);
  });

  it('large parameters near z = 1, where Γ(−d) overflows and (1−z)^d underflows (mpmath references)', () => {
    // A Pareto/NBD term for x = 334 at s = 858, β = 9.4e6 (an optimiser's excursion); was NaN.
    expect(rel(hyp2f1(1, 859, 1194.2, 0.99998), 3.570133097092615)).toBeLessThan(1e-12);
    const out = hyp2f1Derivatives(1, 859, 1194.2, 0.99998);
    expect(rel(out[0], 3.570133097092615)).toBeLessThan(1e-12);
    expect(rel(out[2], 0.01068185775803838)).toBeLessThan(1e-9);
    expect(rel(out[3], -0.007690006085960182)).toBeLessThan(1e-9);
    expect(rel(out[4], 9.203436057226146)).toBeLessThan(1e-9);
  });

  it('at z = 0, and NaN outside its domain', () => {
    expect(Array.from(hyp2f1Derivatives(1.5, 2, 3, 0))).toEqual([1, 0, 0, 0, 1]);
    expect(hyp2f1Derivatives(1, 2, 3, 1)[0]).toBeNaN();
    expect(hyp2f1Derivatives(1, 2, 3, -0.5)[0]).toBeNaN();
    expect(hyp2f1Derivatives(-1, 2, 3, 0.5)[0]).toBeNaN();
  });
});

describe('lnScaledExpIntegral: ln ∫_0^∞ (1+v)^−k e^−zv dv', () => {
  // reference values: ln(e^z E_k(z)) by mpmath at 40 digits; both branches, k at and near the integers 1 and 2
  const cases: [number, number, number][] = [
    [0.3, 1e-5, 8.31957698922263],
    [1, 0.01, 1.4057320795548378],
    [1.0000001, 0.5, -0.08022293604837573],
    [2.001, 0.001, -0.0073365781870593305],
    [3.5, 0.2, -1.0297018618463827],
    [0.7, 5, -1.723544782058691],
    [12.5, 0.0001, -2.4423565591238297],
    [40, 3, -3.739403959208125],
    [1.9999, 0.999, -0.9066889272999258],
  ];
  it.each(cases)('k = %d, z = %d', (k, z, expected) => {
    expect(Math.abs(lnScaledExpIntegral(k, z) - expected)).toBeLessThan(1e-13);
  });

  it('is the integral by quadrature (v = t/(1−t), Simpson) over a grid that crosses both branches', () => {
    for (const k of [0.4, 1, 1.5, 2, 3.25, 7, 11.9, 12.1]) {
      for (const z of [0.05, 0.6, 0.999, 1, 2.5, 20]) {
        const n = 200_000;
        const f = (t: number): number => (t >= 1 ? 0 : Math.pow(1 / (1 - t), -k) * Math.exp((-z * t) / (1 - t)) / ((1 - t) * (1 - t)));
        let sum = f(0) + f(1);
        for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i / n);
        const quadrature = sum / (3 * n);
        expect(Math.abs(lnScaledExpIntegral(k, z) - Math.log(quadrature)), `${k} ${z}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe('hyp2f1 where the 1 − z connection formula cancels', () => {
  it('large parameters just above z = 0.9: the direct series, not 2.4e133 (Pareto/NBD at r 1,625, s 91.6)', () => {
    const [r, alpha, s, beta] = [1624.9626729293063, 15476.882982595618, 91.6227557733701, 1539.9690566202885];
    const z = (alpha - beta) / (alpha + 60 / 7);
    // mpmath at 40 digits
    expect(hyp2f1(1, r + 2, r + s + 3, z) / 6.742367513315568 - 1).toBeCloseTo(0, 12);
    const out = hyp2f1Derivatives(1, r + 2, r + s + 3, z);
    expect(out[0]).toBe(hyp2f1(1, r + 2, r + s + 3, z));
  });
});
