import { decideTableMove, type TableMove, type TableMoveDecision } from '../../domain/tables/table-moves.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';
import { TABLE_COLUMNS, type TableRow, tableState } from './table-view.js';

export type AppliedTableMove = { ok: true; row: TableRow } | Extract<TableMoveDecision, { ok: false }>;

/**
 * Applies one status move to a table row the caller has locked (SELECT ... FOR UPDATE in `tx`): the
 * state machine decides, then the new status and its table.status_changed event are written together.
 * A refused move writes nothing and comes back as the machine's decision; the host-stand routes turn it
 * into a coded error, the tables consumer just leaves the table alone.
 */
export async function applyTableMove(
  tx: Queryable,
  row: TableRow,
  move: TableMove,
  at: Date,
): Promise<AppliedTableMove> {
  const decision = decideTableMove(tableState(row), move);
  if (!decision.ok) return decision;
  const { next } = decision;
  const { rows } = await tx.query<TableRow>(
    `UPDATE dining_tables
     SET status = $2, current_party_size = $3, current_order_id = $4, status_changed_at = $5, updated_at = now()
     WHERE id = $1
     RETURNING ${TABLE_COLUMNS}`,
    [row.id, next.status, next.partySize, next.orderId, at.toISOString()],
  );
  const updated = rows[0];
  if (!updated) throw new Error(`table ${row.id} vanished while locked`);
  await appendEvents(tx, [
    {
      type: 'table.status_changed',
      businessId: row.business_id,
      locationId: row.location_id,
      payload: {
        table_id: row.id,
        number: row.number,
        from: row.status,
        to: next.status,
        party_size: next.partySize,
        order_id: next.orderId,
        at: at.toISOString(),
      },
      occurredAt: at,
    },
  ]);
  return { ok: true, row: updated };
}

/** Locks one table of a location for a status move or an edit; undefined when there is no such table. */
export async function lockTable(
  tx: Queryable,
  businessId: string,
  locationId: string,
  tableId: string,
): Promise<TableRow | undefined> {
  const { rows } = await tx.query<TableRow>(
    `SELECT ${TABLE_COLUMNS} FROM dining_tables
     WHERE id = $1 AND location_id = $2 AND business_id = $3
     FOR UPDATE`,
    [tableId, locationId, businessId],
  );
  return rows[0];
}
