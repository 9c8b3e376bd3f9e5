/** How many minor units a currency's major unit has as a power of ten (2 for CAD, 0 for JPY). */
export function minorDigits(currency: string | null): number {
  if (!currency) return 2;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}
