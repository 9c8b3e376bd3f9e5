const DAY_MS = 86_400_000;

/** The date `days` after an epoch date, both YYYY-MM-DD (UTC calendar arithmetic). */
export function epochPlus(epoch: string, days: number): string {
  const start = Date.parse(`${epoch}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error(`not a YYYY-MM-DD date: ${epoch}`);
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}
