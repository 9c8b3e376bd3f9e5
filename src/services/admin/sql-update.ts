import { AppError } from '../../errors/app-error.js';

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
export function updateStatement(
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

export function requireSomeField(body: object): void {
  if (Object.values(body).every((value) => value === undefined)) {
    throw new AppError('validation_failed', 'Send at least one field to change', {
      errors: [{ field: 'body', message: 'must change at least one field' }],
    });
  }
}
