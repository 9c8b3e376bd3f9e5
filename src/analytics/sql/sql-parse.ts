import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../errors/app-error.js';

interface SerializedSql {
  error: boolean;
  error_type?: string;
  error_message?: string;
  /** Where the parser stopped: a character offset into the SQL, as text. */
  position?: string;
  statements?: { node: unknown }[];
}

export const ONE_SELECT_ONLY =
  'only one SELECT statement is allowed (WITH, FROM-first, VALUES, DESCRIBE and SUMMARIZE of a query too)';

/**
 * Parses ad-hoc SQL with DuckDB's own parser (`json_serialize_sql`, the SQL passed as a bound value,
 * never spliced) and returns the one SELECT's tree. DuckDB serializes SELECT statements only, so
 * COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL, EXPORT, CREATE, INSERT, DROP, ... all fail here, and
 * so does any input with more than one statement.
 */
export async function parseOneSelect(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR) AS tree', { sql });
  const raw = reader.getRowObjectsJson()[0]?.tree;
  const tree = JSON.parse(String(raw)) as SerializedSql;
  if (tree.error) {
    if (tree.error_type === 'not implemented') throw new AppError('sql_not_allowed', ONE_SELECT_ONLY);
    // The offset lets a client point at the spot (the SQL console turns it into a line and column).
    const position = tree.position === undefined ? Number.NaN : Number(tree.position);
    throw new AppError(
      'sql_invalid',
      tree.error_message ?? 'The SQL could not be parsed',
      Number.isInteger(position) ? { extra: { position } } : {},
    );
  }
  const statements = tree.statements ?? [];
  if (statements.length === 0) throw new AppError('sql_invalid', 'The SQL holds no statement');
  if (statements.length > 1) throw new AppError('sql_not_allowed', ONE_SELECT_ONLY);
  return statements[0]?.node;
}
