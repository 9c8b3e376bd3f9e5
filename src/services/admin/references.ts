import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

/** Tables whose rows a request may reference by id; each is checked against the path's business. */
export type OwnedTable =
  | 'locations'
  | 'brands'
  | 'menus'
  | 'menu_categories'
  | 'menu_items'
  | 'modifier_groups';

/**
 * Checks that every id names a row of this business. A foreign or unknown id is a client error
 * naming the field (e.g. `body/locationIds/1`), so another tenant's ids reveal nothing.
 */
export async function assertOwnedIds(
  tx: Queryable,
  table: OwnedTable,
  businessId: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE business_id = $1 AND id = ANY($2::uuid[])`,
    [businessId, [...new Set(ids)]],
  );
  const found = new Set(rows.map((row) => row.id));
  const errors = ids.flatMap((id, index) =>
    found.has(id) ? [] : [{ field: `${field}/${index}`, message: 'does not exist in this business' }],
  );
  const duplicates = ids.flatMap((id, index) =>
    ids.indexOf(id) !== index ? [{ field: `${field}/${index}`, message: 'is listed twice' }] : [],
  );
  if (errors.length + duplicates.length > 0) {
    throw new AppError('validation_failed', 'Unknown or repeated references', {
      errors: [...errors, ...duplicates],
    });
  }
}

/** A single reference (e.g. a category's menu) that must belong to the business. */
export async function assertOwnedId(
  tx: Queryable,
  table: OwnedTable,
  businessId: string,
  id: string,
  field: string,
): Promise<void> {
  const { rowCount } = await tx.query(`SELECT 1 FROM ${table} WHERE business_id = $1 AND id = $2`, [
    businessId,
    id,
  ]);
  if (rowCount === 0) {
    throw new AppError('validation_failed', 'Unknown reference', {
      errors: [{ field, message: 'does not exist in this business' }],
    });
  }
}

export function fieldError(
  field: string,
  message: string,
  detail = 'One or more fields are invalid',
): AppError {
  return new AppError('validation_failed', detail, { errors: [{ field, message }] });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

/**
 * A service's `load(q, businessId, id)`: the one row `sql` selects, whose WHERE takes the id as $1
 * and the business as $2, so another tenant's row reads as missing (not_found naming `what`).
 */
export function rowLoader<TRow, TView>(
  what: string,
  sql: string,
  view: (row: TRow) => TView,
): (q: Queryable, businessId: string, id: string) => Promise<TView> {
  return async (q, businessId, id) => {
    const { rows } = await q.query<TRow>(sql, [id, businessId]);
    const row = rows[0];
    if (!row) throw notFound(what);
    return view(row);
  };
}
