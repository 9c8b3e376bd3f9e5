import type { EventPayload } from '../../domain/events/catalog.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import type { Queryable } from '../../storage/database.js';
import { applyTableMove } from './apply-table-move.js';
import { TABLE_COLUMNS, type TableRow } from './table-view.js';

/** Order events that move a table: placement seats it, the order's end frees it for cleaning. */
export const ORDER_TABLE_EVENT_TYPES = [
  'order.placed',
  'order.status_changed',
  'order.cancelled',
  'order.refunded',
] as const;

/** Once an order reaches one of these, its guests have gone (or never will be served). */
const CLOSING_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded'];

/**
 * Keeps tables in step with dine-in orders, inside the consumer's transaction:
 * - order.placed (dine-in, with a table number that names a table of the location): the table becomes
 *   occupied by the order, if it was available or reserved (anything else — already occupied, being
 *   cleaned, out of service, no such table — leaves it alone: the host stand sorts that out);
 * - the order reaching completed, cancelled or refunded: every table still occupied by that order goes
 *   to cleaning.
 * Each change writes table.status_changed. Applying an event twice changes nothing the second time
 * (the first application moved the table out of the state the rule starts from), so the effect is
 * idempotent even without the framework's event_id dedupe.
 */
export async function applyOrderEventsToTables(
  tx: Queryable,
  events: readonly EventEnvelope[],
  at: Date,
): Promise<void> {
  for (const event of events) {
    if (!event.location_id || !event.order_id) continue;
    if (event.event_type === 'order.placed') {
      const payload = event.payload as EventPayload<'order.placed'>;
      if (payload.service_type !== 'dine_in' || !payload.table_number) continue;
      await seatOrder(tx, event, payload.table_number, at);
      continue;
    }
    const { to } = event.payload as EventPayload<'order.status_changed'>;
    if (CLOSING_STATUSES.includes(to)) await releaseOrderTables(tx, event, at);
  }
}

async function seatOrder(tx: Queryable, event: EventEnvelope, tableNumber: string, at: Date): Promise<void> {
  const { rows } = await tx.query<TableRow>(
    `SELECT ${TABLE_COLUMNS} FROM dining_tables
     WHERE location_id = $1 AND number = $2 AND business_id = $3
     FOR UPDATE`,
    [event.location_id, tableNumber, event.business_id],
  );
  const table = rows[0];
  if (!table || (table.status !== 'available' && table.status !== 'reserved')) return;
  await applyTableMove(tx, table, { kind: 'seat', partySize: null, orderId: event.order_id }, at);
}

async function releaseOrderTables(tx: Queryable, event: EventEnvelope, at: Date): Promise<void> {
  const { rows } = await tx.query<TableRow>(
    `SELECT ${TABLE_COLUMNS} FROM dining_tables
     WHERE current_order_id = $1 AND location_id = $2 AND business_id = $3 AND status = 'occupied'
     ORDER BY id
     FOR UPDATE`,
    [event.order_id, event.location_id, event.business_id],
  );
  for (const table of rows) await applyTableMove(tx, table, { kind: 'clear' }, at);
}
