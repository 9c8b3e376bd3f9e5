import { inList } from './json-sql.js';
import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';
import { asInt, field, member } from './payload-fields-sql.js';

/** The events that move an order's status; the payload's `to` is the status after. */
export const STATUS_EVENTS = ['order.confirmed', 'order.status_changed', 'order.cancelled', 'order.refunded'];

/**
 * Silver `orders`: one row per order, folded from its events in sequence.
 *
 * Money. The amounts are those of the latest totals (order.items_added carries the order's new
 * totals); captured_amount and refunded_amount add up payment.captured and refund.processed.
 * Revenue follows SMACKZ (SUM(total) excluding cancelled and refunded orders), made precise:
 * - counts_as_revenue: the order was paid and confirmed and is not cancelled or refunded — its status
 *   is one of confirmed … delivered/completed (not placed, cancelled or refunded);
 * - net_revenue = total − refunded_amount when it counts, else 0: a partial refund of a live order
 *   lowers its revenue by the amount returned; a full refund moves the order to `refunded`, which
 *   stops it counting at all; the compensation refund of a cancelled order changes nothing (it never
 *   counted).
 * is_refunded means refunded in full (status refunded); is_fulfilled means status completed or
 * delivered (a fulfilled order later refunded in full is no longer fulfilled). payment_method and
 * payment_provider are those of the order's first payment event (an addition may be paid otherwise).
 */
export const ORDERS_SQL = silverQuery(
  `SELECT p.order_id, p.business_id, p.location_id,
          ${field('p', 'customer_id')} AS customer_id,
          ${field('p', 'channel')} AS channel,
          ${field('p', 'service_type')} AS service_type,
          ${field('p', 'totals.currency')} AS currency,
          p.placed_at, ${PLACE_COLUMNS},
          s.status,
          ${asInt(member('s.totals', 'subtotal'))} AS subtotal,
          ${asInt(member('s.totals', 'discount'))} AS discount,
          ${asInt(member('s.totals', 'loyalty_discount'))} AS loyalty_discount,
          ${asInt(member('s.totals', 'tax'))} AS tax,
          ${asInt(member('s.totals', 'tip'))} AS tip,
          ${asInt(member('s.totals', 'delivery_fee'))} AS delivery_fee,
          ${asInt(member('s.totals', 'total'))} AS total,
          s.captured_amount, s.refunded_amount,
          CASE WHEN s.counts THEN ${asInt(member('s.totals', 'total'))} - s.refunded_amount ELSE 0 END AS net_revenue,
          s.payment_method, s.payment_provider,
          l.line_count, l.total_qty, l.brand_count,
          s.confirmed_at, s.cancelled_at, s.cancel_reason, s.finished_at,
          s.status = 'cancelled' AS is_cancelled,
          s.status = 'refunded' AS is_refunded,
          s.status IN ('completed', 'delivered') AS is_fulfilled,
          s.counts AS counts_as_revenue,
          s.last_event_at
   FROM place p JOIN folded s USING (order_id) LEFT JOIN line_totals l USING (order_id)`,
  [
    `folded AS (
      SELECT *, status NOT IN ('placed', 'cancelled', 'refunded') AS counts FROM (
        SELECT order_id,
               coalesce(arg_max(${field('', 'to')}, sequence)
                          FILTER (WHERE event_type IN ${inList(STATUS_EVENTS)}), 'placed') AS status,
               arg_max(f.totals, sequence)
                 FILTER (WHERE event_type IN ('order.placed', 'order.items_added')) AS totals,
               coalesce(sum(${asInt(field('', 'amount'))}) FILTER (WHERE event_type = 'payment.captured'), 0)
                 AS captured_amount,
               coalesce(sum(${asInt(field('', 'amount'))}) FILTER (WHERE event_type = 'refund.processed'), 0)
                 AS refunded_amount,
               arg_min(${field('', 'method')}, sequence) FILTER (WHERE event_type LIKE 'payment.%')
                 AS payment_method,
               arg_min_null(${field('', 'provider')}, sequence) FILTER (WHERE event_type LIKE 'payment.%')
                 AS payment_provider,
               min(occurred_at) FILTER (WHERE event_type = 'order.confirmed') AS confirmed_at,
               max(occurred_at) FILTER (WHERE event_type = 'order.cancelled') AS cancelled_at,
               arg_max(${field('', 'reason')}, sequence) FILTER (WHERE event_type = 'order.cancelled')
                 AS cancel_reason,
               max(occurred_at) FILTER (WHERE event_type = 'order.status_changed'
                                          AND ${field('', 'to')} IN ('completed', 'delivered')) AS finished_at,
               max(occurred_at) AS last_event_at
        FROM good_ev GROUP BY order_id
      )
    )`,
    `line_totals AS (
      SELECT order_id, CAST(count(*) AS INTEGER) AS line_count, CAST(sum(qty) AS INTEGER) AS total_qty,
             CAST(count(DISTINCT brand_id) AS INTEGER) AS brand_count
      FROM lines WHERE order_id IN (SELECT order_id FROM good) GROUP BY order_id
    )`,
  ],
);
