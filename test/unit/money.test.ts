import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrencyCode, isMinorAmount, minorUnitExponent, roundHalfUp } from '../../src/domain/money.js';

describe('minorUnitExponent', () => {
  it.each([
    ['CAD', 2],
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['CLF', 4],
    ['jpy', 0],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(minorUnitExponent(currency)).toBe(exponent);
  });
});

describe('roundHalfUp', () => {
  it.each([
    [364, 1, 364],
    [36_400, 100, 364],
    [36_450, 100, 365],
    [36_449, 100, 364],
    [5, 10, 1],
    [4, 10, 0],
    [0, 7, 0],
    [-5, 10, -1],
    [-4, 10, 0],
    [-36_450, 100, -365],
    [2, 3, 1],
    [1, 3, 0],
  ])('%i / %i → %i', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('divides products beyond 2^53 exactly when given a bigint', () => {
    // 9_007_199_254_740_991 × 1300 / 10000 = 1_170_935_903_116_328.83 → …329
    expect(roundHalfUp(9_007_199_254_740_991n * 1300n, 10_000)).toBe(1_170_935_903_116_329);
  });

  it('rejects a non-positive denominator', () => {
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
  });

  it('matches the exact rational rounding for non-negative integers', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000_000 }), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        const result = roundHalfUp(n, d);
        // result is the nearest integer; on an exact half it is the upper one.
        expect(Math.abs(2 * (n - result * d))).toBeLessThanOrEqual(d);
        expect(2 * (n - result * d)).not.toBe(d);
      }),
    );
  });

  it('is symmetric around zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, d) => {
          expect(roundHalfUp(-n, d)).toBe(-roundHalfUp(n, d) || 0);
        },
      ),
    );
  });
});

describe('isMinorAmount and isCurrencyCode', () => {
  it.each([
    [0, true],
    [2800, true],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [2 ** 53, false],
  ])('isMinorAmount(%d) is %s', (value, expected) => {
    expect(isMinorAmount(value)).toBe(expected);
  });

  it.each([
    ['CAD', true],
    ['cad', false],
    ['CA', false],
    ['CADX', false],
  ])('isCurrencyCode(%s) is %s', (value, expected) => {
    expect(isCurrencyCode(value)).toBe(expected);
  });
});
