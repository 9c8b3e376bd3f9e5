/**
 * Offsets are kept to the millisecond-ish (1/1000 of a minute = 60 ms): short JSON, and exact
 * enough for any timeline while still strictly increasing phase by phase.
 */
export function roundMinutes(minutes: number): number {
  return Math.round(minutes * 1000) / 1000;
}
