/**
 * A small, fast seeded PRNG (sfc32: 128-bit state, 32-bit output, passes PractRand to terabytes) with
 * the draws the simulator needs. Pure arithmetic on uint32, no allocation per draw: the backfill asks
 * for tens of millions of numbers per second. Streams are made by `streamFor` (stream-seed.ts).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller yields two normals per pair of uniforms; the second waits here. */
  private spare = Number.NaN;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // The first outputs of a fresh sfc32 state are still correlated with the seed words.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniform uint32. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform on [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /** Uniform integer on [low, high] (both inclusive). */
  int(low: number, high: number): number {
    return low + Math.floor(this.float() * (high - low + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Normal(mean, sd) by Box–Muller, keeping the second variate for the next call. */
  normal(mean: number, sd: number): number {
    let z = this.spare;
    if (Number.isNaN(z)) {
      // 1 - float() is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - this.float()));
      const angle = 2 * Math.PI * this.float();
      z = radius * Math.cos(angle);
      this.spare = radius * Math.sin(angle);
    } else {
      this.spare = Number.NaN;
    }
    return mean + sd * z;
  }

  /**
   * Poisson(lambda): Knuth's product of uniforms below 30 (expected lambda + 1 draws), Hörmann's
   * PTRS transformed rejection above (about 1.2 pairs of draws whatever lambda).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = this.float();
      while (product > limit) {
        k++;
        product *= this.float();
      }
      return k;
    }
    return this.poissonPtrs(lambda);
  }

  private poissonPtrs(lambda: number): number {
    const slam = Math.sqrt(lambda);
    const logLambda = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.float() - 0.5;
      const v = this.float();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const left = Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b);
      if (left <= -lambda + k * logLambda - logFactorial(k)) return k;
    }
  }
}

const SMALL_LOG_FACTORIALS = [
  0,
  0,
  Math.LN2,
  1.791759469228055,
  3.1780538303479458,
  4.787491742782046,
  6.579251212010101,
  8.525161361065415,
  10.60460290274525,
  12.801827480081469,
];

/** ln(k!) exactly below 10, else Stirling's series (error < 1e-10 there). */
export function logFactorial(k: number): number {
  const exact = SMALL_LOG_FACTORIALS[k];
  if (exact !== undefined) return exact;
  const x = k + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
