import { seconds } from './json-sql.js';
import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { asInstant, field } from './payload-fields-sql.js';

const at = (type: string) => `event_type = 'delivery.${type}'`;
/** When a delivery step happened: the payload's `at` (the service's clock), else the envelope's. */
const stepAt = `coalesce(${asInstant(field('', 'at'))}, occurred_at)`;

/**
 * Silver `deliveries`: one row per delivery order, with the time of each phase and the seconds
 * between them. A delivery attempt that failed may be followed by a new assignment: the driver and
 * the phases are those of the last attempt (events from its delivery.driver_assigned on), so
 * failed_at is set only when the last attempt failed. confirmed_at is order.confirmed; ready_at the
 * order's move to ready. ping_count counts the announced positions (delivery.location_updated) of
 * the last attempt, not every stored ping.
 */
export const DELIVERIES_SQL = silverQuery(
  `SELECT p.order_id, p.business_id, p.location_id, d.driver_id,
          p.placed_at, d.confirmed_at, d.ready_at, d.assigned_at, d.arrived_at, d.picked_up_at,
          d.delivered_at, d.failed_at, d.ping_count,
          ${seconds('p.placed_at', 'd.confirmed_at')} AS placed_to_confirmed_s,
          ${seconds('d.confirmed_at', 'd.ready_at')} AS confirmed_to_ready_s,
          ${seconds('d.ready_at', 'd.picked_up_at')} AS ready_to_picked_up_s,
          ${seconds('d.assigned_at', 'd.arrived_at')} AS assigned_to_arrived_s,
          ${seconds('d.picked_up_at', 'd.delivered_at')} AS picked_up_to_delivered_s,
          ${seconds('p.placed_at', 'd.delivered_at')} AS placed_to_delivered_s,
          ${PLACE_COLUMNS}
   FROM place p JOIN phases d USING (order_id)
   WHERE ${field('p', 'service_type')} = 'delivery'`,
  [
    `attempts AS (
      SELECT order_id, max(sequence) FILTER (WHERE ${at('driver_assigned')}) AS attempt_sequence
      FROM good_ev GROUP BY order_id
    )`,
    `phases AS (
      SELECT e.order_id,
             arg_max(${field('', 'driver_user_id')}, sequence) FILTER (WHERE ${at('driver_assigned')})
               AS driver_id,
             min(occurred_at) FILTER (WHERE event_type = 'order.confirmed') AS confirmed_at,
             max(occurred_at) FILTER (WHERE event_type = 'order.status_changed'
                                        AND ${field('', 'to')} = 'ready') AS ready_at,
             max(${stepAt}) FILTER (WHERE ${at('driver_assigned')} AND sequence = a.attempt_sequence) AS assigned_at,
             max(${stepAt}) FILTER (WHERE ${at('driver_arrived')} AND sequence > a.attempt_sequence) AS arrived_at,
             max(${stepAt}) FILTER (WHERE ${at('picked_up')} AND sequence > a.attempt_sequence) AS picked_up_at,
             max(${stepAt}) FILTER (WHERE ${at('delivered')} AND sequence > a.attempt_sequence) AS delivered_at,
             max(${stepAt}) FILTER (WHERE ${at('failed')} AND sequence > a.attempt_sequence) AS failed_at,
             CAST(count(*) FILTER (WHERE ${at('location_updated')} AND sequence > a.attempt_sequence) AS INTEGER)
               AS ping_count
      FROM good_ev e JOIN attempts a USING (order_id)
      GROUP BY e.order_id
    )`,
  ],
);
