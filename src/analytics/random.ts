/**
 * The one seeded pseudo-random generator of orderlens (k-means seeding and samples, the report's scatter
 * sample, model simulations in tests): mulberry32, 32 bits of state, the same sequence on every machine.
 */

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same sequence in (0, 1): an exact 0 becomes 2^-33, so logarithms and divisions of it stay finite. */
export function seededOpenRandom(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => {
    const u = uniform();
    return u === 0 ? 0.5 / 4294967296 : u;
  };
}
