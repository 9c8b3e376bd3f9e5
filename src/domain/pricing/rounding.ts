import { roundHalfUp } from '../money.js';

/** Rates (tax, percent offers, percent tips) are basis points: 1300 = 13%. Integers keep rates exact. */
export const BASIS_POINTS = 10_000;

/** amount × bps / 10000, rounded half-up; the product is formed in BigInt so it never loses precision. */
export function applyBasisPoints(amountMinor: number, bps: number): number {
  return roundHalfUp(BigInt(amountMinor) * BigInt(bps), BASIS_POINTS);
}

/**
 * floor(numerator / denominator) for non-negative safe integers. `Math.floor(a / b)` can round the
 * float quotient up to the next integer near 2^53; subtracting the exact remainder first cannot.
 */
export function floorDivide(numerator: number, denominator: number): number {
  return (numerator - (numerator % denominator)) / denominator;
}
