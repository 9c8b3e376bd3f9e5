/**
 * The API's `from`/`to` for the days chosen: `from` at the start of its day, `to` at the start of the
 * day after its day (the API's range is half-open), both in the browser's time zone. A value that is
 * not a date (an edited URL) is ignored.
 */
export function placedBetween(values: { from: string; to: string }): { from?: string; to?: string } {
  const startOf = (day: string, plusDays = 0): string | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!match) return undefined;
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  };
  const from = startOf(values.from);
  const to = startOf(values.to, 1);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
