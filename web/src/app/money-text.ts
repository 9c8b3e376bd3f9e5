/**
 * Money as people type it and as the API stores it: a decimal in the currency on screen, integer
 * minor units on the wire. Pure, so it runs under Node in the unit tests.
 */

/** Digits after the decimal point of a currency (JPY 0, USD 2, KWD 3), as Intl knows them; 2 when unknown. */
export function minorDigits(currency: string | null): number {
  if (!currency) return 2;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** 1250 in CAD → "12.50"; the field shows plain digits so it can be edited as typed. */
export function minorToText(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const units = Math.abs(minor);
  if (digits === 0) return `${sign}${units}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(units / scale)}.${String(units % scale).padStart(digits, '0')}`;
}

export type MoneyParse = { ok: true; minor: number | null } | { ok: false; message: string };

/**
 * "12.5" → 1250, "12,5" → 1250, "" → null (no amount), "-3" → -300. The range is the API's to judge
 * (it answers a negative price with its own field error); this only refuses what is not a number in
 * this currency: letters, exponents, thousands separators, a missing whole part, too many decimals.
 * Digits are counted, never multiplied as floats, so "0.29" is exactly 29.
 */
export function textToMinor(text: string, currency: string): MoneyParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, minor: null };
  const digits = minorDigits(currency);
  const match = /^(-)?(\d+)(?:[.,](\d*))?$/.exec(trimmed);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match) {
    return { ok: false, message: 'must be an amount such as 12.50' };
  }
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0 ? `has no decimals in ${currency}` : `has at most ${digits} decimals in ${currency}`,
    };
  }
  const minor = Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'is too large' };
  return { ok: true, minor: match[1] ? -minor : minor };
}

/** An amount to take or give back (a refund): a positive number of minor units, or null. */
export function positiveMinor(text: string, currency: string): number | null {
  const parsed = textToMinor(text, currency);
  return parsed.ok && parsed.minor !== null && parsed.minor > 0 ? parsed.minor : null;
}
