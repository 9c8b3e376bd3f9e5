import type { Rng } from './rng.js';

/**
 * A weighted choice with its cumulative table computed once: a linear scan for the short tables of
 * the reference mixes, a binary search for long ones (customer pools, menus). Zero weights are never
 * drawn; an empty or all-zero table has `total` 0 and must not be drawn from (`pick` returns the
 * last value then, so callers check `total` first).
 */
export class WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, weight]) => weight > 0);
    this.values = kept.map(([value]) => value);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, weight], index) => {
      sum += weight;
      this.cumulative[index] = sum;
    });
    this.total = sum;
  }

  get size(): number {
    return this.values.length;
  }

  /** The index of a weighted draw. */
  pickIndex(rng: Rng): number {
    return pickCumulative(this.cumulative, this.cumulative.length, rng.float() * this.total);
  }

  pick(rng: Rng): T {
    return this.values[this.pickIndex(rng)] as T;
  }
}

/** The first index in cumulative[0, length) whose value exceeds `target`. */
export function pickCumulative(cumulative: Float64Array, length: number, target: number): number {
  if (length <= 16) {
    for (let i = 0; i < length - 1; i++) if (target < (cumulative[i] ?? 0)) return i;
    return length - 1;
  }
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (target < (cumulative[middle] ?? 0)) high = middle;
    else low = middle + 1;
  }
  return low;
}
