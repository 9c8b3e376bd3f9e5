import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

/** One column a PATCH changes; `cast` is appended to the parameter (e.g. `::jsonb`). */
interface ColumnChange {
  column: string;
  value: unknown;
  cast?: string;
}

/** Collects the columns a PATCH sets, skipping fields the body left out. */
export class ChangeSet {
  readonly changes: ColumnChange[] = [];

  set(column: string, value: unknown, cast?: string): this {
    if (value !== undefined) this.changes.push(cast ? { column, value, cast } : { column, value });
    return this;
  }
}

interface RowKey {
  /** The row's own key column; `id` unless the table is keyed otherwise (memberships: `user_id`). */
  idColumn?: string;
  /** The tenant column; `id` for businesses, whose row is its own tenant. */
  tenantColumn?: string;
  /** Tables without an updated_at column (memberships) say false. */
  touchUpdatedAt?: boolean;
}

/**
 * `UPDATE table SET ... WHERE ${idColumn} = $1 AND ${tenantColumn} = $2`: the business filter keeps a
 * row of another tenant from ever being touched. With no changes it only touches updated_at.
 */
function updateStatement(
  table: string,
  changes: readonly ColumnChange[],
  id: string,
  businessId: string,
  { idColumn = 'id', tenantColumn = 'business_id', touchUpdatedAt = true }: RowKey = {},
): { sql: string; params: unknown[] } {
  const params: unknown[] = [id, businessId];
  const sets = changes.map((change) => {
    params.push(change.value);
    return `${change.column} = $${params.length}${change.cast ?? ''}`;
  });
  if (touchUpdatedAt) sets.push('updated_at = now()');
  return {
    sql: `UPDATE ${table} SET ${sets.join(', ')} WHERE ${idColumn} = $1 AND ${tenantColumn} = $2`,
    params,
  };
}

/** Runs the PATCH's UPDATE (see updateStatement) on one row of the business. */
export async function updateRow(
  tx: Queryable,
  table: string,
  changes: ChangeSet,
  id: string,
  businessId: string,
  key?: RowKey,
): Promise<void> {
  const statement = updateStatement(table, changes.changes, id, businessId, key);
  await tx.query(statement.sql, statement.params);
}

/** `DELETE FROM table WHERE ${idColumn} = $1 AND ${tenantColumn} = $2`, under the same tenant filter. */
export async function deleteRow(
  tx: Queryable,
  table: string,
  id: string,
  businessId: string,
  { idColumn = 'id', tenantColumn = 'business_id' }: Omit<RowKey, 'touchUpdatedAt'> = {},
): Promise<void> {
  await tx.query(`DELETE FROM ${table} WHERE ${idColumn} = $1 AND ${tenantColumn} = $2`, [id, businessId]);
}

export function requireSomeField(body: object): void {
  if (Object.values(body).every((value) => value === undefined)) {
    throw new AppError('validation_failed', 'Send at least one field to change', {
      errors: [{ field: 'body', message: 'must change at least one field' }],
    });
  }
}
