import type { TableMove } from '../../domain/tables/table-moves.js';
import { AppError } from '../../errors/app-error.js';
import type { Database, Queryable } from '../../storage/database.js';
import { notFound } from '../admin/references.js';
import { applyTableMove, lockTable } from './apply-table-move.js';
import { type TableView, tableView } from './table-view.js';

export interface TableActionDeps {
  db: Database;
  now: () => Date;
}

/**
 * The host stand's moves (seat, clear, mark available, reserve, maintenance). The table row is locked
 * for the decision and the write, so when two hosts seat the same table at once the second waits, then
 * sees it occupied and is refused: exactly one wins.
 */
export async function moveTable(
  deps: TableActionDeps,
  businessId: string,
  locationId: string,
  tableId: string,
  move: TableMove,
): Promise<TableView> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockTable(tx, businessId, locationId, tableId);
    if (!row) throw notFound('Table');
    if (move.kind === 'seat' && move.orderId !== null) {
      await assertSeatableOrder(tx, businessId, locationId, move.orderId);
    }
    const applied = await applyTableMove(tx, row, move, at);
    if (!applied.ok) {
      throw new AppError(applied.code, applied.message, {
        ...(applied.code === 'table_transition_not_allowed'
          ? { extra: { from: row.status, move: move.kind } }
          : {}),
      });
    }
    return tableView(applied.row);
  });
}

/** A party is seated for an order of this location that is still open. */
async function assertSeatableOrder(
  tx: Queryable,
  businessId: string,
  locationId: string,
  orderId: string,
): Promise<void> {
  const { rows } = await tx.query<{ status: string }>(
    'SELECT status FROM orders WHERE id = $1 AND location_id = $2 AND business_id = $3',
    [orderId, locationId, businessId],
  );
  const order = rows[0];
  const problem = !order
    ? 'is not an order of this location'
    : ['completed', 'cancelled', 'refunded'].includes(order.status)
      ? `is ${order.status}`
      : undefined;
  if (problem) {
    throw new AppError('validation_failed', 'The order cannot be seated', {
      errors: [{ field: 'body/orderId', message: problem }],
    });
  }
}
