/**
 * A small seeded pseudo-random generator and the samplers the forecasts draw from. Pure: every
 * sampler takes the generator as a parameter, and the same seed gives the same sequence on every
 * machine (32-bit integer arithmetic via Math.imul; no Math.random, no clock).
 */

/** A generator of uniform numbers in [0, 1). Each call advances its state. */
export type Rng = () => number;

/** A 32-bit hash of a seed (xmur3 over the string form), so strings and numbers both seed. */
export function hashSeed(seed: string | number): number {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32 seeded from `seed`: fast, 32-bit state, good enough for Monte Carlo forecasts. */
export function createRng(seed: string | number): Rng {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform on [min, max). */
export function uniform(rng: Rng, min = 0, max = 1): number {
  return min + (max - min) * rng();
}

/** Normal by Box–Muller (one of the pair; two draws per call, so the stream stays stateless). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u1 = 1 - rng(); // (0, 1]: log stays finite
  const u2 = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal: exp of a normal with mean `mu` and standard deviation `sigma` (log scale). */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normal(rng, mu, sigma));
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 via the boost Gamma(shape + 1) · U^(1/shape). */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, not ${shape}`);
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = normal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng();
    x = x * x;
    if (u < 1 - 0.0331 * x * x) return d * v;
    if (Math.log(u) < 0.5 * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/**
 * PERT on [min, max] with the given mode: min + (max − min) · Beta(α, β), with
 * α = 1 + λ(mode − min)/(max − min), β = 1 + λ(max − mode)/(max − min), λ = 4 by default.
 * A degenerate range returns min.
 */
export function pert(rng: Rng, min: number, mode: number, max: number, lambda = 4): number {
  if (!(max > min)) return min;
  const m = Math.min(max, Math.max(min, mode));
  const range = max - min;
  const a = 1 + (lambda * (m - min)) / range;
  const b = 1 + (lambda * (max - m)) / range;
  return min + range * beta(rng, a, b);
}

/** The value at quantile p (0–1) of ascending samples, nearest rank; NaN when empty. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(Math.min(1, Math.max(0, p)) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/** The share of ascending samples ≤ x (binary search). 0 when empty. */
export function shareAtMost(sorted: readonly number[], x: number): number {
  if (sorted.length === 0) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}
