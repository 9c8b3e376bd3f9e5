/**
 * SQL fragments that read JSON fields (the dimension events; the order silver tables read their
 * payload fields parsed once, payload-fields-sql.ts). Every read is a TRY_CAST: a foreign producer's
 * malformed field becomes NULL — which the reject rules catch where it matters (money) — instead of an
 * error that would stop the whole silver rebuild.
 */

/** A JSON field as text (`NULL` when missing or JSON null). */
export function text(json: string, path: string): string {
  return `(${json}->>'${path}')`;
}

/** A JSON field as BIGINT (money in minor units, counts). */
export function int(json: string, path: string): string {
  return `TRY_CAST(${json}->>'${path}' AS BIGINT)`;
}

/** Seconds from one instant to another, as DOUBLE (microsecond exact; NULL when either is NULL). */
export function seconds(from: string, to: string): string {
  return `((epoch_us(${to}) - epoch_us(${from})) / 1000000.0)`;
}

/** A list of strings as a SQL IN list. The values are our own constants, never input. */
export function inList(values: readonly string[]): string {
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}
