import { inList } from './json-sql.js';
import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { STATUS_EVENTS } from './orders-sql.js';
import { field } from './payload-fields-sql.js';

/**
 * Silver `order_status_changes`: every transition (order.confirmed, order.status_changed,
 * order.cancelled, order.refunded) with who made it. Placement itself is not a change: it is the
 * order's placed_at.
 */
export const STATUS_CHANGES_SQL = silverQuery(
  `SELECT e.event_id, e.order_id, p.business_id, p.location_id, e.sequence,
          ${field('e', 'from')} AS from_status,
          ${field('e', 'to')} AS to_status,
          ${field('e', 'actor.role')} AS actor_role,
          ${field('e', 'reason')} AS reason,
          e.occurred_at, ${PLACE_COLUMNS}
   FROM good_ev e JOIN place p USING (order_id)
   WHERE e.event_type IN ${inList(STATUS_EVENTS)}`,
);
