import { LAKE_TABLES, type LakeTableName } from '../../../src/lake/lake-tables.js';

/**
 * Lake rows in one comparable shape, whether they come from DuckDB (BIGINT as text, TIMESTAMPTZ as
 * '2025-03-10 03:30:00+00', JSON as text) or were computed in TypeScript: integers as numbers,
 * instants as ISO strings, JSON parsed, doubles rounded to 6 decimals (DuckDB and JavaScript add
 * floating point in different orders). Rows come back sorted, so two sets compare with toEqual.
 */
export type LakeRow = Record<string, unknown>;

export function comparableRows(table: LakeTableName, rows: readonly LakeRow[]): LakeRow[] {
  const columns: Readonly<Record<string, string>> = LAKE_TABLES[table].columns;
  return rows
    .map((row) =>
      Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, comparable(type, row[name])])),
    )
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function comparable(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'BIGINT':
    case 'INTEGER':
      return Number(value);
    case 'DOUBLE':
      return Math.round(Number(value) * 1e6) / 1e6;
    case 'JSON':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'TIMESTAMPTZ':
      return instant(value);
    default:
      return value;
  }
}

/** Any instant (Date, ISO text, DuckDB's text) as ISO 8601 with milliseconds. */
export function instant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  return new Date(text).toISOString();
}
