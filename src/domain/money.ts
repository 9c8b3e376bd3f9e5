/*
 * Money is an integer count of the currency's minor unit (cents for CAD, yen for JPY, fils for BHD)
 * plus its ISO 4217 code, carried side by side (`amountMinor`, `currency`). Floats never carry
 * amounts: 0.1 + 0.2 is not 0.3, and a restaurant's till must balance to the cent.
 */

// ISO 4217 currencies whose minor unit is not two decimal places; every other code uses two.
const EXPONENT_0 = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const EXPONENT_3 = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const EXPONENT_4 = new Set(['CLF', 'UYW']);

/** Number of decimal places of the currency's minor unit: 2 for CAD, 0 for JPY, 3 for KWD. */
export function minorUnitExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (EXPONENT_0.has(code)) return 0;
  if (EXPONENT_3.has(code)) return 3;
  if (EXPONENT_4.has(code)) return 4;
  return 2;
}

/** A three-letter upper-case ISO 4217 style code. Whether the code is assigned is not checked. */
export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

/** An amount we can store and add without losing precision: a non-negative safe integer. */
export function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Integer division rounded half-up (half away from zero for negatives, so -2.5 → -3, keeping the
 * rounding symmetric for refunds). BigInt inside: `amount × rate` can pass 2^53 before dividing.
 * A zero or negative denominator, a non-integer, or an unsafe result is a programming error and throws.
 */
export function roundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('roundHalfUp: denominator must be positive');
  let quotient = n / d;
  const remainder = n % d;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (absRemainder * 2n >= d) quotient += n < 0n ? -1n : 1n;
  const result = Number(quotient);
  if (!Number.isSafeInteger(result)) throw new RangeError('roundHalfUp: result is not a safe integer');
  return result;
}
