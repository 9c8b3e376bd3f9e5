import type { Queryable } from '../storage/database.js';

/** Rows per statement: far below PostgreSQL's 65,535 parameters for any demo table. */
const CHUNK = 500;

/**
 * Inserts rows with one multi-row INSERT per few hundred rows: the demo writes about fifteen hundred
 * rows, and a statement each made seeding PGlite several times slower. Values are coerced to the
 * columns' types as in a single-row INSERT (jsonb from JSON text, arrays from JS arrays).
 */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const values = chunk.map(
      (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
    );
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`,
      chunk.flat(),
    );
  }
}
