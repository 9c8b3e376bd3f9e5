import { AppError } from '../../errors/app-error.js';

/** One column a PATCH changes; `cast` is appended to the parameter (e.g. `::jsonb`). */
export interface ColumnChange {
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

  get size(): number {
    return this.changes.length;
  }
}

/**
 * `UPDATE table SET ... WHERE id = $1 AND ${tenantColumn} = $2 RETURNING id`: the business filter keeps
 * a row id of another tenant from ever being touched.
 */
export function updateStatement(
  table: string,
  changes: readonly ColumnChange[],
  id: string,
  businessId: string,
  touchUpdatedAt = true,
  tenantColumn: 'business_id' | 'id' = 'business_id',
): { sql: string; params: unknown[] } {
  const params: unknown[] = [id, businessId];
  const sets = changes.map((change) => {
    params.push(change.value);
    return `${change.column} = $${params.length}${change.cast ?? ''}`;
  });
  if (touchUpdatedAt) sets.push('updated_at = now()');
  return {
    sql: `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND ${tenantColumn} = $2 RETURNING id`,
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
