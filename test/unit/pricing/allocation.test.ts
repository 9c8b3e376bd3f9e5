import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder } from '../../../src/domain/pricing/allocation.js';

describe('allocateLargestRemainder', () => {
  it.each([
    { total: 100, weights: [333, 333, 334], parts: [33, 33, 34] },
    { total: 10, weights: [1, 1, 1], parts: [4, 3, 3] }, // equal remainders: lower index first
    { total: 1, weights: [0, 5, 5], parts: [0, 1, 0] },
    { total: 0, weights: [5, 7], parts: [0, 0] },
    { total: 12, weights: [5, 7], parts: [5, 7] },
    { total: 7, weights: [0, 0, 10], parts: [0, 0, 7] },
    { total: 0, weights: [0, 0], parts: [0, 0] },
  ])('$total over $weights → $parts', ({ total, weights, parts }) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(parts);
  });

  it('refuses to allocate something over nothing', () => {
    expect(() => allocateLargestRemainder(5, [0, 0])).toThrow(RangeError);
  });

  it('parts are integers that sum to the total, each within one of its exact share and <= its weight', () => {
    const weightsAndTotal = fc
      .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 })
      .filter((weights) => weights.some((weight) => weight > 0))
      .chain((weights) =>
        fc.tuple(fc.constant(weights), fc.nat({ max: weights.reduce((acc, weight) => acc + weight, 0) })),
      );
    fc.assert(
      fc.property(weightsAndTotal, ([weights, total]) => {
        const parts = allocateLargestRemainder(total, weights);
        const sum = weights.reduce((acc, weight) => acc + weight, 0);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((acc, part) => acc + part, 0)).toBe(total);
        parts.forEach((part, index) => {
          const weight = weights[index] ?? 0;
          expect(Number.isInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(weight);
          expect(Math.abs(part - (total * weight) / sum)).toBeLessThan(1);
        });
      }),
    );
  });
});
