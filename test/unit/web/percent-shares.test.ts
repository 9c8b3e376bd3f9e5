import { describe, expect, it } from 'vitest';
import { percentShares } from '../../../web/src/dashboard/percent-shares.js';

const tenths = (shares: number[]) => shares.reduce((sum, share) => sum + Math.round(share * 10), 0);

describe('percent shares that add up to 100', () => {
  it('rounds thirds so that they still make 100.0', () => {
    const shares = percentShares([1, 1, 1]);
    expect(shares).toEqual([33.4, 33.3, 33.3]);
    expect(tenths(shares)).toBe(1000);
  });

  it('gives the leftover tenths to the largest remainders', () => {
    // 2/3 = 66.666…, 1/3 = 33.333… → 66.7 and 33.3.
    expect(percentShares([2000, 1000])).toEqual([66.7, 33.3]);
    expect(percentShares([9801, 3503])).toEqual([73.7, 26.3]);
  });

  it('adds up to 100.0 for many uneven values', () => {
    const values = [137, 2, 2, 2, 9999, 1, 55, 3, 3, 7, 71];
    expect(tenths(percentShares(values))).toBe(1000);
  });

  it('is all zeros for nothing, and whole percents with no decimals', () => {
    expect(percentShares([0, 0])).toEqual([0, 0]);
    expect(percentShares([])).toEqual([]);
    expect(percentShares([1, 1, 1], 0)).toEqual([34, 33, 33]);
  });
});
