import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { asInt, field } from './payload-fields-sql.js';

/**
 * Silver `payments`: one row per payment.authorized / captured / declined and refund.processed
 * (kind authorized, captured, declined, refunded). A refund names its payment only, so its method and
 * provider are looked up from that payment's own events. reason: the decline reason or the refund's.
 */
export const PAYMENTS_SQL = silverQuery(
  `SELECT e.event_id, e.order_id, p.business_id, p.location_id,
          ${field('e', 'payment_id')} AS payment_id,
          ${field('e', 'refund_id')} AS refund_id,
          CASE e.event_type WHEN 'payment.authorized' THEN 'authorized' WHEN 'payment.captured' THEN 'captured'
                            WHEN 'payment.declined' THEN 'declined' ELSE 'refunded' END AS kind,
          coalesce(${field('e', 'method')}, m.method) AS method,
          CASE WHEN e.event_type = 'refund.processed' THEN m.provider
               ELSE ${field('e', 'provider')} END AS provider,
          ${asInt(field('e', 'amount'))} AS amount,
          ${field('e', 'currency')} AS currency,
          coalesce(${field('e', 'decline_reason')}, ${field('e', 'reason')}) AS reason,
          e.occurred_at, ${PLACE_COLUMNS}
   FROM good_ev e
   JOIN place p USING (order_id)
   LEFT JOIN methods m ON m.payment_id = ${field('e', 'payment_id')}
   WHERE e.event_type IN ('payment.authorized', 'payment.captured', 'payment.declined', 'refund.processed')`,
  [
    `methods AS (
      SELECT ${field('', 'payment_id')} AS payment_id,
             arg_min(${field('', 'method')}, sequence) AS method,
             arg_min_null(${field('', 'provider')}, sequence) AS provider
      FROM good_ev WHERE event_type LIKE 'payment.%' GROUP BY 1
    )`,
  ],
);
