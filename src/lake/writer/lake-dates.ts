const DAY_MS = 86_400_000;

/** A date as a SQL literal; the date comes from our own rows or manifest, and is checked to be one. */
export function dateLiteral(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return `DATE '${date}'`;
}

/** The ISO date `days` after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
