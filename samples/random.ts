/**
 * Seeded pseudo-random numbers, so that the same seed always produces the same sample bytes.
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast and good enough for image noise.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, standard deviation 1). */
  gaussian(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spareGaussian: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller yields two independent normals per pair of uniforms; keep the second for the next call.
  const gaussian = (): number => {
    if (spareGaussian !== null) {
      const value = spareGaussian;
      spareGaussian = null;
      return value;
    }
    const u = 1 - next(); // in (0, 1], so the logarithm is finite
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareGaussian = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { next, gaussian };
}

/** A seed for one named purpose (one image's noise, one series' UIDs) derived from the case seed. */
export function deriveSeed(seed: number, purpose: string): number {
  // FNV-1a over the purpose, mixed with the seed: different purposes give unrelated streams.
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    hash ^= purpose.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
