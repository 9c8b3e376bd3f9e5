/*
 * Local wall-clock time in DuckDB SQL. Time zones come from events (order.placed, staff.clocked_in
 * carry the location's) and from the location dimension; a foreign producer may send a name DuckDB
 * does not know, which must fall back rather than fail the whole statement.
 */

/** `expression` when it names a time zone DuckDB knows, else NULL. */
export function knownZone(expression: string): string {
  return `CASE WHEN ${expression} IN (SELECT name FROM pg_timezone_names()) THEN ${expression} END`;
}

/** `instant` (TIMESTAMPTZ) on the wall clock of the first of `zones` DuckDB knows; UTC when none is. */
export function wallClock(instant: string, ...zones: string[]): string {
  return `timezone(coalesce(${zones.map(knownZone).join(', ')}, 'UTC'), ${instant})`;
}
