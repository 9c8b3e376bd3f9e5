import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { field } from './payload-fields-sql.js';

/** Silver `feedback`: one row per feedback.submitted, filed under the rated order's dates. */
export const FEEDBACK_SQL = silverQuery(
  `SELECT ${field('e', 'feedback_id')} AS feedback_id, e.order_id, p.business_id, p.location_id,
          ${field('e', 'customer_id')} AS customer_id,
          TRY_CAST(${field('e', 'rating')} AS INTEGER) AS rating,
          TRY_CAST(${field('e', 'nps')} AS INTEGER) AS nps,
          ${field('e', 'comment')} AS comment,
          e.occurred_at AS submitted_at, ${PLACE_COLUMNS}
   FROM good_ev e JOIN place p USING (order_id)
   WHERE e.event_type = 'feedback.submitted'`,
);
