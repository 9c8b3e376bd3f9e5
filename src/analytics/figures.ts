/**
 * Turning DuckDB's answers into API numbers. Sums of BIGINT come back as text (HUGEINT), so money is
 * converted here, checked to be an exact integer: cents stay exact far below 2^53.
 */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`not an exact integer: ${String(value)}`);
  return number;
}

export function toIntOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

/** A DOUBLE (or null), rounded to `digits` decimals for display. */
export function toDecimal(value: unknown, digits = 2): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  const scale = 10 ** digits;
  return Math.round(number * scale) / scale;
}

/** `numerator / denominator` rounded half up to an integer (money averages); null when dividing by 0. */
export function averageMinor(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const sign = numerator < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(numerator) / denominator);
}

/** A share 0..1 with 4 decimals; null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Change against the previous period in percent, 1 decimal; null when there was nothing before. */
export function growthPct(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}
