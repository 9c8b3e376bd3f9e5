/** Drivers hand timestamptz back as Date (pg) or Date/string (PGlite); the API speaks ISO strings. */
export function isoTimestamp(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function isoTimestampOrNull(value: Date | string | null): string | null {
  return value === null ? null : isoTimestamp(value);
}

/** jsonb parameters are sent as JSON text: the drivers would turn a JS array into a SQL array. */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value);
}
