import { text } from './json-sql.js';
import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';

/** Silver `feedback`: one row per feedback.submitted, filed under the rated order's dates. */
export const FEEDBACK_SQL = silverQuery(
  `SELECT ${text('e.payload', '$.feedback_id')} AS feedback_id, e.order_id, p.business_id, p.location_id,
          ${text('e.payload', '$.customer_id')} AS customer_id,
          TRY_CAST(${text('e.payload', '$.rating')} AS INTEGER) AS rating,
          TRY_CAST(${text('e.payload', '$.nps')} AS INTEGER) AS nps,
          ${text('e.payload', '$.comment')} AS comment,
          e.occurred_at AS submitted_at, ${PLACE_COLUMNS}
   FROM good_ev e JOIN place p USING (order_id)
   WHERE e.event_type = 'feedback.submitted'`,
);
