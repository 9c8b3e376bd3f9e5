import type { Queryable } from './database.js';

export interface BatchedDelete {
  table: string;
  /** A column that, together with `where`, picks out rows (the key, or its last column). */
  key: string;
  /** The rows to delete, as a condition on `table`'s columns (parameters `params`). */
  where: string;
  params: unknown[];
}

/** Rows one statement deletes at most. */
const BATCH_ROWS = 10_000;

/**
 * Deletes the rows `where` picks, at most 10,000 per statement, until none are left; returns how
 * many. Each statement is short, so writers wait little behind it (and on the embedded database,
 * which runs on the server's thread, requests are answered between them).
 */
export async function deleteInBatches(db: Queryable, spec: BatchedDelete): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM ${spec.table} WHERE (${spec.where}) AND ${spec.key} IN (
         SELECT ${spec.key} FROM ${spec.table} WHERE ${spec.where} LIMIT ${BATCH_ROWS})`,
      spec.params,
    );
    deleted += rowCount;
    if (rowCount < BATCH_ROWS) return deleted;
  }
}
