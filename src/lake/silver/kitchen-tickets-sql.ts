import { seconds } from './json-sql.js';
import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { asInstant, field } from './payload-fields-sql.js';

const kind = (type: string) => `event_type = 'kitchen.${type}'`;

/**
 * Silver `kitchen_tickets`: one row per ticket of an order, its state after all its events (in the
 * order's sequence), as the kitchen display keeps it: a recall to preparing clears ready_at and late,
 * a recall from served clears served_at, until the ticket is bumped again.
 * Consecutive phases: wait_s = created → started (queued), prep_s = started → ready (cooking),
 * pass_s = ready → served (on the pass). Note the kitchen's own prep_seconds (kitchen.ticket_ready)
 * runs from created, i.e. wait + prep.
 */
export const KITCHEN_TICKETS_SQL = silverQuery(
  `SELECT t.ticket_id, t.order_id, p.business_id, p.location_id, t.station,
          t.created_at, t.started_at, t.ready_at, t.served_at, t.cancelled_at,
          ${seconds('t.created_at', 't.started_at')} AS wait_s,
          ${seconds('t.started_at', 't.ready_at')} AS prep_s,
          ${seconds('t.ready_at', 't.served_at')} AS pass_s,
          t.late, ${PLACE_COLUMNS}
   FROM place p JOIN (
     SELECT ticket_id, order_id, station, created_at, started_at, cancelled_at,
            CASE WHEN ready_sequence > coalesce(unready_sequence, -1) THEN last_ready_at END AS ready_at,
            CASE WHEN ready_sequence > coalesce(unready_sequence, -1) THEN last_late END AS late,
            CASE WHEN served_sequence > coalesce(unserved_sequence, -1) THEN last_served_at END AS served_at
     FROM folded_tickets
   ) AS t USING (order_id)`,
  [
    `ticket_events AS (
      SELECT *, ${field('', 'ticket_id')} AS ticket_id FROM good_ev WHERE event_type LIKE 'kitchen.%'
    )`,
    `folded_tickets AS (
      SELECT ticket_id, any_value(order_id) AS order_id,
             arg_min(${field('', 'station')}, sequence) AS station,
             min(${asInstant(field('', 'created_at'))}) FILTER (WHERE ${kind('ticket_created')}) AS created_at,
             coalesce(min(${asInstant(field('', 'started_at'))}) FILTER (WHERE ${kind('ticket_started')}),
                      min(${asInstant(field('', 'started_at'))}) FILTER (WHERE ${kind('ticket_ready')})) AS started_at,
             max(sequence) FILTER (WHERE ${kind('ticket_ready')}) AS ready_sequence,
             arg_max(${asInstant(field('', 'ready_at'))}, sequence) FILTER (WHERE ${kind('ticket_ready')})
               AS last_ready_at,
             arg_max(TRY_CAST(${field('', 'late')} AS BOOLEAN), sequence)
               FILTER (WHERE ${kind('ticket_ready')}) AS last_late,
             max(sequence) FILTER (WHERE ${kind('ticket_recalled')} AND ${field('', 'to')} IN ('preparing', 'pending'))
               AS unready_sequence,
             max(sequence) FILTER (WHERE ${kind('ticket_served')}) AS served_sequence,
             arg_max(${asInstant(field('', 'served_at'))}, sequence) FILTER (WHERE ${kind('ticket_served')})
               AS last_served_at,
             max(sequence) FILTER (WHERE ${kind('ticket_recalled')} AND ${field('', 'from')} = 'served')
               AS unserved_sequence,
             max(${asInstant(field('', 'at'))}) FILTER (WHERE ${kind('ticket_cancelled')}) AS cancelled_at
      FROM ticket_events WHERE ticket_id IS NOT NULL GROUP BY ticket_id
    )`,
  ],
);
