/**
 * Reads an amount typed in major units ("12", "12.5", "12,50") as integer minor units of the
 * currency, or null when it is not one: more decimals than the currency has, signs, letters,
 * thousands separators. Money travels as minor units; only people type decimals.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > (digits ?? 2)) return null;
  return Number(whole) * 10 ** (digits ?? 2) + Number(fraction.padEnd(digits ?? 2, '0') || '0');
}
